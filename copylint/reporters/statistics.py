"""``--statistics``: how many standing findings each rule and each category has, most first
(ruff's ``--statistics``), instead of the findings. One number per site for an agency, and the
rules to look at first.

Text: a table per rule (count, rule, category, severities, how many --fix can rewrite), then one
per category, then the text report's summary line. JSON: the shape in ``as_document``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from copylint import __version__
from copylint.findings import SEVERITIES, Finding
from copylint.reporters import ReportOptions, RunResult, json_text, printable

MOST_SEVERE_FIRST = tuple(reversed(SEVERITIES))


@dataclass(frozen=True)
class Count:
    """The standing findings of one rule or one category."""

    name: str
    category: str  # a rule's category; a category's own name
    count: int
    by_severity: dict[str, int]  # most severe first, only severities that occur
    fixable: int


def _count(name: str, category: str, findings: list[Finding]) -> Count:
    severities = Counter(f.severity for f in findings)
    return Count(
        name,
        category,
        len(findings),
        {s: severities[s] for s in MOST_SEVERE_FIRST if severities[s]},
        sum(1 for f in findings if f.fix),
    )


def _grouped(findings: list[Finding], key) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(key(f), []).append(f)
    return groups


def _ranked(counts: list[Count]) -> list[Count]:
    return sorted(counts, key=lambda c: (-c.count, c.name))


def per_rule(findings: list[Finding]) -> list[Count]:
    groups = _grouped(findings, lambda f: f.rule)
    return _ranked([_count(rule, group[0].category, group) for rule, group in groups.items()])


def per_category(findings: list[Finding]) -> list[Count]:
    groups = _grouped(findings, lambda f: f.category)
    return _ranked([_count(name, name, group) for name, group in groups.items()])


def _severities(count: Count) -> str:
    return ", ".join(f"{n} {severity}" for severity, n in count.by_severity.items())


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i == 0 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def render_text(run: RunResult, options: ReportOptions) -> str:
    from copylint.reporters.text import summary

    standing = run.standing
    out: list[str] = []
    if standing:
        rules = per_rule(standing)
        out += _table(
            [["count", "rule", "category", "severity", "fixable"]]
            + [
                [
                    str(c.count),
                    c.name,
                    c.category,
                    _severities(c),
                    str(c.fixable) if c.fixable else "",
                ]
                for c in rules
            ]
        )
        out.append("")
        out += _table(
            [["count", "category", "severity"]]
            + [[str(c.count), c.name, _severities(c)] for c in per_category(standing)]
        )
    closing = "" if options.quiet else summary(run)
    if closing:
        out += ["", closing] if out else [closing]
    return printable("\n".join(out) + ("\n" if out else ""))


def as_document(run: RunResult) -> dict:
    """``{"version", "files_checked", "files_with_findings", "findings", "by_severity",
    "rules": [{"rule", "category", "count", "by_severity", "fixable"}],
    "categories": [{"category", "count", "by_severity"}]}``: standing findings only, each list
    most findings first."""
    standing = run.standing
    severities = Counter(f.severity for f in standing)
    return {
        "version": __version__,
        "files_checked": run.files_checked,
        "files_with_findings": len({f.path for f in standing}),
        "findings": len(standing),
        "by_severity": {s: severities[s] for s in MOST_SEVERE_FIRST},
        "rules": [
            {
                "rule": c.name,
                "category": c.category,
                "count": c.count,
                "by_severity": c.by_severity,
                "fixable": c.fixable,
            }
            for c in per_rule(standing)
        ],
        "categories": [
            {"category": c.name, "count": c.count, "by_severity": c.by_severity}
            for c in per_category(standing)
        ],
    }


def render_json(run: RunResult, options: ReportOptions) -> str:
    return json_text(as_document(run), indent=2) + "\n"
