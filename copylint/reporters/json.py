"""The JSON contract: {"version", "findings", "files_checked", "errors", "warnings",
"stale_baseline"}; with --statistics, the counts of reporters/statistics.py instead."""

from __future__ import annotations

from copylint import __version__
from copylint.reporters import Reporter, ReportOptions, RunResult, json_text, statistics


def render(run: RunResult, options: ReportOptions) -> str:
    document = {
        "version": __version__,
        "findings": [f.to_dict() for f in run.findings],
        "files_checked": run.files_checked,
        "errors": [{"path": e.path, "message": e.message} for e in run.errors],
        "warnings": [{"path": w.path, "message": w.message} for w in run.warnings],
        "stale_baseline": [
            {"path": e.path, "rule": e.rule, "text": e.text, "fingerprint": e.fingerprint}
            for e in run.stale
        ],
    }
    return json_text(document, indent=2) + "\n"


REPORTER = Reporter("json", render, statistics=statistics.render_json)
