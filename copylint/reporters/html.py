"""``--format html``: one self-contained review page for a person who is not a developer.

The page (``html_assets/``: a template, its stylesheet and script, inlined) needs no network: no
fonts, images or scripts from elsewhere. The summary and its charts (inline SVG) are written
here; the findings travel as JSON in a ``<script type="application/json">`` block (``<``, ``>``
and ``&`` escaped as ``\\u003c``..., so copy saying ``</script>`` cannot end it) and the script
renders a page's findings when it is opened, so a 2,000-page site stays quick to open. Every
piece of the checked copy reaches the page as text (``html.escape`` here, ``textContent`` in the
script), never as markup.

A reviewer's decisions (accept the rewrite, keep with a reason, false alarm; a note) are kept in
the browser's localStorage under the report's fingerprint (a hash of its findings' fingerprints:
the same findings, the same decisions) and exported as CSV from a button.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections import Counter
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from copylint import __version__
from copylint.findings import SEVERITIES, Finding, fingerprints
from copylint.reporters import (
    Reporter,
    ReportOptions,
    RunResult,
    json_text,
    printable,
    relative_path,
)
from copylint.reporters.statistics import MOST_SEVERE_FIRST, per_category
from copylint.reporters.suggestions import HELP_TEXT, said
from copylint.rulebook import Rulebook

ASSETS = "html_assets"
LINK_SCHEMES = ("http", "https", "mailto")  # a site pack's reference is never a javascript: link
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
SEVERITY_COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(ASSETS).joinpath(name).read_text(encoding="utf-8")


def script_json(document: object) -> str:
    """JSON that may sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` as such."""
    return (
        json_text(document, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def claim_span(text: str, sentence: str) -> tuple[int, int] | None:
    """Where the matched text sits in its sentence (code points), or None when the sentence does
    not hold it as written (a claim spanning a cut sentence window)."""
    at = sentence.find(text)
    if at == -1 and len(sentence.lower()) == len(sentence) and len(text.lower()) == len(text):
        at = sentence.lower().find(text.lower())
    return (at, at + len(text)) if at != -1 and text else None


def rules_digest(rulebook: Rulebook | None) -> str:
    """A hash of the rule packs the run's rules come from (their bytes, by file name): two
    reports with the same digest were made with the same rules."""
    if rulebook is None:
        return ""
    digest = hashlib.sha256()
    sources = sorted({r.source for r in rulebook if os.path.isfile(r.source)})
    for source in sources:
        digest.update(Path(source).name.encode() + b"\0" + Path(source).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _link(url: str) -> bool:
    return urlparse(url).scheme.lower() in LINK_SCHEMES


class _Strings:
    """Messages and suggestions repeat across thousands of findings: each is written once."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        known = self.index.get(text)
        if known is None:
            known = self.index[text] = len(self.table)
            self.table.append(text)
        return known


def _finding(f: Finding, page: int, fingerprint: str, strings: _Strings) -> dict:
    span = claim_span(f.text, f.sentence)
    data: dict = {
        "id": fingerprint,
        "page": page,
        "line": f.line,
        "column": f.column,
        "severity": f.severity,
        "rule": f.rule,  # its category and jurisdictions: in the rules table
        "text": printable(f.text),
        "sentence": printable(f.sentence),
        "span": list(span) if span else None,
        "message": strings(printable(f.message)),
        "suggestions": [strings(s) for s in said(f.suggestions, HELP_TEXT)],
    }
    if f.where != "text":  # the common case is left out (a 2,000-page report is megabytes)
        data["where"] = f.where
    if f.suppressed:
        data["suppressed_by"] = list(f.suppressed_by)
        data["reason"] = printable(f.reason)
    return data


def _rules(rulebook: Rulebook | None, every: list[Finding]) -> dict:
    """Per rule of the findings: its category and jurisdictions (as its findings have them),
    why it matters and its references (from the rulebook)."""
    known = {rule.id: rule for rule in rulebook or ()}
    table: dict[str, dict] = {}
    for f in every:
        if f.rule in table:
            continue
        rule = known.get(f.rule)
        table[f.rule] = {
            "category": f.category,
            "jurisdictions": list(f.jurisdictions),
            "why": rule.rationale if rule else "",
            "references": [
                {"title": r.title, "url": r.url if _link(r.url) else ""}
                for r in (rule.references if rule else ())
            ],
        }
    return table


def document(run: RunResult, options: ReportOptions, every: list[Finding]) -> dict:
    """What the script renders: pages, findings (standing and suppressed), rule texts."""
    root = options.paths_root
    # by the path as reported: a reviewer's decisions survive a report made from another folder
    prints = fingerprints(every, lambda f: printable(relative_path(f.path, root)))
    pages: list[str] = []
    page_of: dict[str, int] = {}
    strings = _Strings()
    findings = []
    for f, fingerprint in zip(every, prints, strict=True):
        if f.path not in page_of:
            page_of[f.path] = len(pages)
            pages.append(printable(relative_path(f.path, root)))
        findings.append(_finding(f, page_of[f.path], fingerprint, strings))
    return {
        "fingerprint": hashlib.sha256("\n".join(sorted(prints)).encode()).hexdigest()[:16],
        "version": __version__,
        "pages": pages,
        "findings": findings,
        "strings": strings.table,
        "rules": _rules(options.rulebook, every),
        "jurisdictions": list(options.jurisdictions),
        "severities": list(MOST_SEVERE_FIRST),
    }


# --- the summary, written here -----------------------------------------------------------------


def _bars(rows: list[tuple[str, int, str]], label: str) -> str:
    """A horizontal bar chart: one row per (name, count, colour), with the numbers as text."""
    if not rows:
        return ""
    height, width, name_width = 22, 560, 230
    largest = max(count for _, count, _ in rows) or 1
    bars = []
    for i, (name, count, colour) in enumerate(rows):
        y = i * height
        length = max(2, round((width - name_width - 60) * count / largest))
        bars.append(
            f'<text x="{name_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(name)}</text>'
            f'<rect x="{name_width}" y="{y + 4}" width="{length}" height="14" fill="{colour}">'
            f"<title>{html.escape(name)}: {count}</title></rect>"
            f'<text x="{name_width + length + 6}" y="{y + 15}">{count}</text>'
        )
    total_height = len(rows) * height + 4
    return (
        f'<svg class="chart" role="img" aria-label="{html.escape(label)}" '
        f'viewBox="0 0 {width} {total_height}" width="{width}" height="{total_height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )


def _facts(run: RunResult, options: ReportOptions, every: list[Finding], now: datetime) -> str:
    standing = run.standing
    suppressed = [f for f in every if f.suppressed]
    baselined = sum(1 for f in suppressed if "baseline" in f.suppressed_by)
    facts = [
        ("Files checked", str(run.files_checked)),
        ("Pages with findings", str(len({f.path for f in standing}))),
        ("Findings", str(len(standing))),
        (
            "Suppressed / baselined",
            f"{len(suppressed) - baselined} suppressed, {baselined} baselined",
        ),
        ("Jurisdictions checked", ", ".join(j.upper() for j in options.jurisdictions) or "-"),
        ("copylint version", __version__),
        ("Date", now.strftime("%Y-%m-%d %H:%M UTC")),
        ("Rules digest", rules_digest(options.rulebook) or "-"),
    ]
    if run.errors:
        facts.append(("Could not be checked", str(len(run.errors))))
    return "".join(
        f'<div><dt>{html.escape(name)}</dt><dd data-fact="{html.escape(name)}">'
        f"{html.escape(value)}</dd></div>"
        for name, value in facts
    )


def _charts(run: RunResult) -> str:
    standing = run.standing
    severities = Counter(f.severity for f in standing)
    by_severity = [(s, severities[s], SEVERITY_COLOURS[s]) for s in MOST_SEVERE_FIRST]
    worst_first = tuple(reversed(SEVERITIES))
    by_category = [
        (
            c.name,
            c.count,
            SEVERITY_COLOURS[next(s for s in worst_first if s in c.by_severity)],
        )
        for c in per_category(standing)
    ]
    return (
        "<figure><figcaption>Findings by severity</figcaption>"
        + _bars(by_severity, "Findings by severity")
        + "</figure><figure><figcaption>Findings by category (coloured by the most severe)"
        "</figcaption>"
        + (_bars(by_category, "Findings by category") or "<p>None.</p>")
        + "</figure>"
    )


def _now() -> datetime:
    """The report's date; SOURCE_DATE_EPOCH fixes it (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def render(run: RunResult, options: ReportOptions) -> str:
    every = sorted((f for r in run.files for f in r.findings), key=Finding.sort_key)
    data = document(run, options, every)
    script = _asset("report.js")
    filled = {
        "title": "copylint review",
        "style": _asset("report.css"),
        "script": script,
        # the Content-Security-Policy runs this script and no other, nor any inline handler
        "script_hash": "sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
        "facts": _facts(run, options, every, _now()),
        "charts": _charts(run),
        "data": script_json(data),
    }
    # one pass: a page's copy that says "{{script}}" is data, never a placeholder
    return PLACEHOLDER.sub(lambda m: filled[m[1]], _asset("report.html"))


REPORTER = Reporter("html", render)
