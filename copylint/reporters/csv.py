"""One row per finding, for spreadsheets: RFC 4180 (CRLF rows, quoted where needed), UTF-8 with
a byte order mark so that Excel reads it as UTF-8.

A cell a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return: OWASP's list) gets a leading apostrophe, so that copy saying
``=HYPERLINK(...)`` shows as text. Suppressed findings are rows too under --show-suppressed,
with ``suppressed_by`` and ``reason`` filled in, as in the JSON report.
"""

from __future__ import annotations

import csv
import io

from copylint.findings import Finding, fingerprints
from copylint.reporters import Reporter, ReportOptions, RunResult, printable, relative_path
from copylint.reporters.suggestions import TEXT, said

COLUMNS = (
    "path",
    "line",
    "column",
    "severity",
    "rule",
    "category",
    "where",
    "text",
    "sentence",
    "message",
    "suggestion",
    "fingerprint",
    "suppressed_by",
    "reason",
)
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """``cell`` as text a spreadsheet will not evaluate."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def first_suggestion(f: Finding) -> str:
    lines = said(f.suggestions[:1], TEXT)
    return " ".join(lines)


def row(f: Finding, fingerprint: str, root: str) -> list[str]:
    values = (
        relative_path(f.path, root),
        str(f.line),
        str(f.column),
        f.severity,
        f.rule,
        f.category,
        f.where,
        f.text,
        f.sentence,
        f.message,
        first_suggestion(f),
        fingerprint,
        " ".join(f.suppressed_by),
        f.reason,
    )
    return [neutralised(printable(value)) for value in values]


def render(run: RunResult, options: ReportOptions) -> str:
    root = options.paths_root
    # by the path as reported: the same finding, the same fingerprint, however the path was typed
    prints = fingerprints(run.findings, lambda f: printable(relative_path(f.path, root)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180's record separator
    writer.writerow(COLUMNS)
    for finding, fingerprint in zip(run.findings, prints, strict=True):
        writer.writerow(row(finding, fingerprint, root))
    return BOM + out.getvalue()


REPORTER = Reporter("csv", render)
