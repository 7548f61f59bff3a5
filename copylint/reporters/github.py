"""GitHub Actions: workflow commands that become annotations, and a job summary.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE``. Columns are
UTF-16 code units, and col/endColumn are left out when a finding spans lines. GitHub shows at
most 10 annotations of each level per step (50 per job) and silently drops the rest, so the most
severe go first, the overflow is printed as plain log lines, and one notice says how many more
there are and where to see them. Inside a job with a GITHUB_STEP_SUMMARY file, the reporter also
appends a Markdown job summary of every finding to it (its extra output).
"""

from __future__ import annotations

import os
from collections import Counter

from copylint.findings import Finding, severity_rank
from copylint.reporters import (
    Reporter,
    ReportError,
    ReportOptions,
    RunResult,
    printable,
    relative_path,
)
from copylint.reporters.suggestions import first_advice
from copylint.words import plural

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
PER_LEVEL = 10  # annotations GitHub shows per level and step


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(
        f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None
    )
    return (
        f"::{level} {props}::{escape_data(message)}"
        if props
        else f"::{level}::{escape_data(message)}"
    )


def _message(f: Finding) -> str:
    lines = [f"{f.message}", f"Text: {f.text}" + (f" (in {f.where})" if f.where != "text" else "")]
    advice = first_advice(f.suggestions)
    if advice:
        lines.append(f"Suggestion: {advice}")
    return "\n".join(lines)


def _annotation(f: Finding, root: str) -> str:
    one_line = f.line == f.end_line
    return command(
        LEVELS[f.severity],
        _message(f),
        file=relative_path(f.path, root),
        line=f.line,
        col=f.column_utf16 if one_line else None,
        endLine=f.end_line,
        endColumn=f.end_column_utf16 if one_line else None,
        title=f"copylint {f.rule}" + (f" [{f.law}]" if f.law else ""),
    )


def render(run: RunResult, options: ReportOptions) -> str:
    root = options.paths_root
    out: list[str] = []
    for problem in run.errors:
        out.append(
            command(
                "error",
                problem.message,
                file=relative_path(problem.path, root),
                title="copylint: cannot read",
            )
        )
    for problem in run.warnings:
        out.append(
            command(
                "warning", problem.message, file=relative_path(problem.path, root), title="copylint"
            )
        )
    budget = Counter(
        {
            "error": PER_LEVEL - len(run.errors),
            "warning": PER_LEVEL - len(run.warnings),
            "notice": PER_LEVEL - 1,
        }
    )
    overflow: list[Finding] = []
    for f in sorted(run.standing, key=lambda f: (-severity_rank(f.severity), f.sort_key())):
        level = LEVELS[f.severity]
        if budget[level] > 0:
            budget[level] -= 1
            out.append(_annotation(f, root))
        else:
            overflow.append(f)
    if overflow:
        for f in overflow:
            where = f"{relative_path(f.path, root)}:{f.line}:{f.column}"
            out.append(f"{where}: {f.severity} {f.rule} {f.message}")
        out.append(
            command(
                "notice",
                f"{plural(len(overflow), 'more copylint finding')} not annotated: GitHub shows "
                f"at most {PER_LEVEL} annotations of each level per step. See this step's log "
                "or the job summary for all of them.",
                title="copylint: more findings",
            )
        )
    if run.stale:
        out.append(
            command(
                "notice",
                f"{plural(len(run.stale), 'baseline entry', 'baseline entries')} no longer "
                "match a finding "
                "(fixed or reworded); remove them with: copylint baseline --prune",
                title="copylint: stale baseline",
            )
        )
    total = len(run.standing)
    out.append(f"copylint: {plural(total, 'finding')} in {plural(run.files_checked, 'file')}.")
    return printable("\n".join(out) + "\n")


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def summary(run: RunResult, root: str) -> str:
    """A Markdown job summary: every finding in a table, then the totals."""
    standing = run.standing
    counts = Counter(f.severity for f in standing)
    lines = ["## copylint", ""]
    if not standing:
        lines.append(f"No risky claims found in {plural(run.files_checked, 'file')}.")
    else:
        lines += [
            "| file | line | rule | severity | text | suggestion |",
            "|---|---|---|---|---|---|",
        ]
        for f in standing:
            path = _cell(relative_path(f.path, root))
            advice = _cell(first_advice(f.suggestions) or "")
            lines.append(
                f"| {path} | {f.line} | `{f.rule}` | {f.severity} | {_cell(f.text)} | {advice} |"
            )
        parts = ", ".join(
            plural(counts[s], s, "info" if s == "info" else None)
            for s in ("error", "warning", "info")
            if counts[s]
        )
        lines += [
            "",
            f"**{plural(len(standing), 'finding')}** ({parts}) in {run.files_with_standing()}.",
        ]
    for problem in run.errors:
        lines.append(
            f"- error: `{_cell(relative_path(problem.path, root))}`: {_cell(problem.message)}"
        )
    return printable("\n".join(lines) + "\n")


def write_job_summary(run: RunResult, options: ReportOptions) -> None:
    """Append the job summary to the file GITHUB_STEP_SUMMARY names (inside Actions)."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    try:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(summary(run, options.paths_root))
    except OSError as exc:
        raise ReportError(
            f"GITHUB_STEP_SUMMARY {printable(summary_file)}: "
            f"cannot write the job summary: {exc.strerror or exc}"
        ) from None


REPORTER = Reporter("github", render, extra_outputs=write_job_summary)
