"""One line per finding, for grep, editors and quick looks (ruff's ``concise``):
``path:line:col: severity rule-id [where] message``, then the text format's summary."""

from __future__ import annotations

import click

from copylint.reporters import Reporter, ReportOptions, RunResult, printable
from copylint.reporters.text import SEVERITY_COLOURS, summary


def render(run: RunResult, options: ReportOptions) -> str:
    style = click.style if options.colour else (lambda text, **_: text)
    out = []
    for f in run.findings:
        label = (
            style("suppressed", fg="bright_black")
            if f.suppressed
            else style(f.severity, fg=SEVERITY_COLOURS[f.severity], bold=True)
        )
        law = f" [{f.law}]" if f.law else ""
        where = "" if f.where == "text" else f" [{f.where}]"
        out.append(
            f"{style(f'{f.path}:{f.line}:{f.column}:', bold=True)} {label} "
            f"{style(f.rule, fg='cyan')}{law}{where} {f.message}"
        )
    shown = "" if options.quiet else summary(run)
    if shown:
        out.append(shown)
    return printable("\n".join(out) + ("\n" if out else ""))


REPORTER = Reporter("concise", render, styled=True)
