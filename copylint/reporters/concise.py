"""One line per finding, for grep, editors and quick looks (ruff's ``concise``):
``path:line:col: severity rule-id [law] [where] message``, then the text format's summary."""

from __future__ import annotations

import click

from copylint.reporters import Reporter, ReportOptions, RunResult, printable, statistics
from copylint.reporters.text import headline, plain, summary


def render(run: RunResult, options: ReportOptions) -> str:
    style = click.style if options.colour else plain
    out = [headline(f, style) for f in run.findings]
    closing = "" if options.quiet else summary(run)
    if closing:
        out.append(closing)
    return printable("\n".join(out) + ("\n" if out else ""))


REPORTER = Reporter("concise", render, styled=True, statistics=statistics.render_text)
