"""Reporters turn a run's results into output.

Each output format is one module here with a ``REPORTER`` (a ``Reporter``: its ``--format`` name
and ``render(run, options) -> str``), listed in ``registry.REPORTERS``; ``--format`` offers
exactly the registered names. The shared pieces live in this module: the run's results
(``RunResult``), the options every reporter gets (``ReportOptions``), paths relative to the
project and text that is always valid UTF-8.
"""

from __future__ import annotations

import json as _json  # (the package has a json module of its own)
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from copylint.findings import FileResult, Finding, Problem

if TYPE_CHECKING:
    from copylint.rulebook import Rulebook


@dataclass
class RunResult:
    """Everything a reporter may show about one run of ``copylint check``."""

    files: list[FileResult]
    show_suppressed: bool = False
    # baseline entries no finding matches any more (baseline.Entry)
    stale: list = field(default_factory=list)
    findings: list[Finding] = field(init=False)
    errors: list[Problem] = field(init=False)
    warnings: list[Problem] = field(init=False)

    def __post_init__(self) -> None:
        every = [f for r in self.files for f in r.findings]
        self.findings = sorted(
            (f for f in every if self.show_suppressed or not f.suppressed), key=Finding.sort_key
        )
        self.errors = [r.error for r in self.files if r.error]
        self.warnings = [w for r in self.files for w in r.warnings]

    @property
    def files_checked(self) -> int:
        return sum(1 for r in self.files if r.checked)

    @property
    def standing(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    def files_with_standing(self) -> str:
        """ "3 files", or "12 of 16 files" when some checked files have no standing finding."""
        from copylint.words import plural

        files = plural(self.files_checked, "file")
        with_findings = len({f.path for f in self.standing})
        return f"{with_findings} of {files}" if with_findings < self.files_checked else files


@dataclass(frozen=True)
class ReportOptions:
    """What a reporter may need besides the results: one set, whichever reporter runs."""

    quiet: bool = False  # findings only: no summary
    colour: bool = False  # ANSI styles (a terminal; a file gets none)
    rulebook: Rulebook | None = None  # the rules of the run (SARIF describes each)
    # the folder paths are reported relative to; None: found (project_root) when first asked
    root: str | None = None
    jurisdictions: tuple[str, ...] = ()  # whose law the run checked (the HTML report says)

    @cached_property
    def paths_root(self) -> str:
        return self.root if self.root is not None else project_root()


class ReportError(Exception):
    """An extra output that cannot be written (the CLI reports it in one line, exit 2)."""


@dataclass(frozen=True)
class Reporter:
    """One output format: ``render`` makes the report (standard output or --output).

    ``styled``: the report may carry ANSI styles, kept when standard output is a terminal (any
    other report has them stripped there). ``statistics``: the report --statistics makes in
    this format (counts per rule and category instead of the findings), None where the format
    has none. ``extra_outputs``: the documented hook for what a
    format writes besides its report, after it (GitHub's job summary); it may raise
    ``ReportError``."""

    name: str
    render: Callable[[RunResult, ReportOptions], str]
    styled: bool = False
    statistics: Callable[[RunResult, ReportOptions], str] | None = None
    extra_outputs: Callable[[RunResult, ReportOptions], None] | None = None


def project_root() -> str:
    """The folder paths are reported relative to: GITHUB_WORKSPACE in Actions, else the git
    work tree around the current directory, else the current directory."""
    import os

    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return os.path.abspath(workspace)
    from copylint.git import GitError, git_output

    try:
        top = git_output(["rev-parse", "--show-toplevel"], timeout=30).strip()
    except GitError:
        top = b""
    if top:
        return os.fsdecode(top)
    return os.getcwd()


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes; as given when outside it (or stdin)."""
    import os

    if path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


# --- text that is not valid Unicode ---------------------------------------------------------
#
# One policy for every reporter, the baseline and the cache: a file name that is not valid UTF-8
# reaches copylint with each undecodable byte as a surrogate escape (U+DC80..U+DCFF), which is
# what opens the file again. The cache stores it exactly (JSON \u escapes, ASCII). Everything a
# person or another tool reads shows each such byte as ``\xNN`` (``caf\xe9.md``; any other
# lone surrogate as ``\uNNNN``), so output is always valid UTF-8 and JSON output always parses.
# SARIF's artifact URIs percent-encode the file name's real bytes instead (``caf%E9.md``), which
# is how a URI names them.

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with undecodable bytes (surrogates) shown as ``\\xNN``: always valid UTF-8."""
    return _SURROGATE.sub(_escaped, text) if _SURROGATE.search(text) else text


def json_text(document: object, **options) -> str:
    """JSON that is valid UTF-8 whatever its strings hold: a surrogate in a string becomes the
    escaped text ``\\xNN`` (a backslash in the value), as in ``printable``."""
    text = _json.dumps(document, ensure_ascii=False, **options)
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: "\\" + _escaped(m), text)


def path_bytes(path: str) -> bytes:
    """The bytes of a file name as the file system has them (surrogate escapes back to bytes)."""
    return (
        b"".join(
            bytes([ord(c) - 0xDC00])
            if 0xDC80 <= ord(c) <= 0xDCFF
            else c.encode("utf-8", "surrogatepass")
            for c in path
        )
        if _SURROGATE.search(path)
        else path.encode("utf-8")
    )
