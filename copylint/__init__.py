"""copylint — a compliance linter for the marketing copy of clinics.

Public API::

    from copylint import lint_text, lint_paths, Finding
    findings = lint_text("The procedure is FDA-approved.")
"""

__version__ = "0.1.0"

from copylint.engine import lint_paths, lint_text  # noqa: E402
from copylint.findings import Finding, Suggestion  # noqa: E402

__all__ = ["Finding", "Suggestion", "lint_paths", "lint_text", "__version__"]
