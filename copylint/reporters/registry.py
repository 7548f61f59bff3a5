"""The output formats ``copylint check --format`` offers: a new format is a module in this package
with a ``REPORTER``, and one entry here."""

from __future__ import annotations

from copylint.reporters import Reporter, concise, csv, github, html, json, sarif, text

REPORTERS: dict[str, Reporter] = {
    reporter.name: reporter
    for reporter in (
        text.REPORTER,
        concise.REPORTER,
        json.REPORTER,
        github.REPORTER,
        sarif.REPORTER,
        csv.REPORTER,
        html.REPORTER,
    )
}
