"""Human output: ``path:line:col: severity rule-id message``, the line with a caret, a
suggestion."""

from __future__ import annotations

from collections import Counter

import click

from copylint.findings import Finding
from copylint.reporters import Reporter, ReportOptions, RunResult, printable, statistics
from copylint.reporters.suggestions import TEXT, said
from copylint.words import plural

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
CONTEXT_WIDTH = 60  # characters shown either side of a span on a long line


def render(run: RunResult, options: ReportOptions) -> str:
    """The report; with ANSI styles when ``options.colour``, no summary when ``options.quiet``."""
    style = click.style if options.colour else plain
    out: list[str] = []
    for finding in run.findings:
        out.extend(_finding(finding, style))
    closing = "" if options.quiet else summary(run)
    if closing:
        out.append(closing)
    return printable("\n".join(out) + ("\n" if out else ""))


REPORTER = Reporter("text", render, styled=True, statistics=statistics.render_text)


def plain(text: str, **_styles) -> str:
    return text


def render_problems(run: RunResult, include_warnings: bool = True) -> str:
    """Unreadable inputs (always), decoding or skip notes and stale baseline entries, for stderr."""
    lines = [f"{e.path}: error: {e.message}" for e in run.errors]
    if include_warnings:
        lines += [f"{w.path}: warning: {w.message}" for w in run.warnings]
        lines += [
            f'{e.path}: note: stale baseline entry {e.rule} "{e.text}": no longer found'
            for e in run.stale
        ]
        if run.stale:
            lines.append(
                f"{plural(len(run.stale), 'baseline entry', 'baseline entries')} no longer "
                "match a finding; remove them with: copylint baseline --prune"
            )
    return printable("\n".join(lines) + ("\n" if lines else ""))


def headline(f: Finding, style=click.style) -> str:
    """``path:line:col: severity rule-id [law] [where] message``, the first line of a finding."""
    if f.suppressed:
        why = ", ".join(f.suppressed_by) + (f": {f.reason}" if f.reason else "")
        label = style("suppressed", fg="bright_black") + f" ({why})"
    else:
        label = style(f.severity, fg=SEVERITY_COLOURS[f.severity], bold=True)
    where = "" if f.where == "text" else style(f" [{f.where}]", fg="magenta")
    law = style(f" [{f.law}]", fg="yellow") if f.law else ""
    position = style(f"{f.path}:{f.line}:{f.column}:", bold=True)
    return f"{position} {label} {style(f.rule, fg='cyan')}{law}{where} {f.message}"


def _finding(f: Finding, style=click.style) -> list[str]:
    lines = [headline(f, style)]
    lines.extend(_excerpt(f, style))
    if f.fix and not f.suppressed:
        lines.append(
            f'  {style("fix:", fg="green")} replace "{f.fix.original}" '
            f'with "{f.fix.replacement}" (copylint check --fix)'
        )
        return lines
    suggestion = style("suggestion:", fg="green")
    lines += [f"  {suggestion} {line}" for line in said(f.suggestions[:1], TEXT)]
    if f.fix_refused and not f.suppressed:
        lines.append(f"  {style('not fixed:', fg='yellow')} {f.fix_refused}")
    return lines


def _excerpt(f: Finding, style=click.style) -> list[str]:
    """The source line (a window of it when long) with a caret under the span. The finding holds
    the line, or on a long line the window of it around the span (``source_line_start``
    characters in, ``source_line_cut`` if more follows)."""
    line = f.source_line.replace("\t", " ")
    if not line:
        return []
    offset = f.source_line_start
    start = f.column - 1 - offset
    end = f.end_column - 1 - offset if f.end_line == f.line else len(line)
    left = max(0, start - CONTEXT_WIDTH)
    right = min(len(line), max(end, start + 1) + CONTEXT_WIDTH)
    prefix = "…" if left > 0 or offset > 0 else ""
    suffix = "…" if right < len(line) or f.source_line_cut else ""
    shown = prefix + line[left:right] + suffix
    caret_at = len(prefix) + start - left
    width = max(1, min(end, right) - start)
    marker = " " * caret_at + "^" + "~" * (width - 1)
    return [f"    {shown}", f"    {style(marker, fg='red')}"]


def summary(run: RunResult) -> str:
    """The last line: what was found, in how many files (or "" when nothing could be read)."""
    standing = run.standing
    files = plural(run.files_checked, "file")
    baselined = sum(1 for r in run.files for f in r.findings if "baseline" in f.suppressed_by)
    parked = f" ({baselined} more in the baseline)" if baselined else ""
    failed = len(run.errors)
    unread = f"; {plural(failed, 'path')} could not be checked (errors below)" if failed else ""
    if not standing:
        if not run.files_checked and failed:  # nothing was read: the errors say it all
            return ""
        return f"No problems found in {files}{parked}{unread}."
    counts = Counter(f.severity for f in standing)
    parts = [
        plural(counts[s], s, "info" if s == "info" else None)
        for s in ("error", "warning", "info")
        if counts[s]
    ]
    total = len(standing)
    fixable = sum(1 for f in standing if f.fix)
    can_fix = f" {fixable} can be fixed with --fix." if fixable else ""
    problems = f"{plural(total, 'problem')} ({', '.join(parts)})"
    return f"Found {problems} in {run.files_with_standing()}{parked}{unread}.{can_fix}"
