"""The data that leaves the engine: findings and per-file results."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")  # ascending


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def soften(severity: str) -> str:
    """One step down: error -> warning -> info (info stays info)."""
    return SEVERITIES[max(0, severity_rank(severity) - 1)]


@dataclass(frozen=True)
class Suggestion:
    advice: str | None = None
    replace: str | None = None  # wording that may stand in for any match of the rule
    # (matched words, wording) pairs: a drop-in only for matches of exactly those words
    replacements: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        data: dict = {}
        if self.replace is not None:
            data["replace"] = self.replace
        if self.replacements:
            data["replace"] = dict(self.replacements)
        if self.advice is not None:
            data["advice"] = self.advice
        return data


def fold_words(text: str) -> str:
    """Matched words compared the way the matcher sees them: case, hyphens and spacing folded."""
    import re

    return re.sub(r"\s+%", "%", re.sub(r"[\s\-\u2010\u2011]+", " ", text.lower())).strip()


@dataclass(frozen=True)
class Fix:
    """A mechanical rewrite: replace source[start:end] (code points of the decoded file) with ``replacement``."""

    start: int
    end: int
    replacement: str
    original: str  # the source text it replaces, checked again before writing


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # 1-based
    column: int  # 1-based, code points
    end_line: int
    end_column: int  # exclusive
    rule: str
    category: str
    severity: str
    message: str
    text: str  # the visible matched text
    sentence: str
    suggestions: tuple[Suggestion, ...] = ()
    contexts: tuple[str, ...] = ()
    suppressed_by: tuple[str, ...] = ()  # contexts that dropped it (only shown with --show-suppressed)
    where: str = "text"  # the kind of block: "text", "heading", "attr:alt", "meta:description", "json:faq.0.a" ...
    column_utf16: int = 0
    end_column_utf16: int = 0
    source_line: str = ""  # the first line of the span as written, for display (not in JSON)
    reason: str = ""  # why a suppression comment, the baseline or an allow phrase let it pass
    fix: Fix | None = None  # set when a rule's replacement applies to one contiguous run of source

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_by)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule)

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "where": self.where,
            "sentence": self.sentence,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "contexts": list(self.contexts),
        }
        if self.fix:
            data["fix"] = {"replacement": self.fix.replacement}
        if self.suppressed_by:
            data["suppressed_by"] = list(self.suppressed_by)
        if self.reason:
            data["reason"] = self.reason
        return data


def fingerprints(findings: list[Finding], path_of=None) -> list[str]:
    """A stable identity per finding that survives edits elsewhere in the file: rule, path,
    the matched text and its sentence (case and spacing folded), and which occurrence of that
    combination it is. Lines and columns are deliberately left out. ``path_of`` gives the path
    to use (relative to the baseline file, say); by default the finding's own."""
    import hashlib

    from copylint.sources.projection import TYPOGRAPHY  # text is as written; the identity reads it folded, as rules do

    path_of = path_of or (lambda f: f.path)
    seen: dict[str, int] = {}
    prints = {}
    for f in sorted(findings, key=Finding.sort_key):
        key = "\x1f".join((f.rule, path_of(f).replace("\\", "/"), " ".join(f.text.translate(TYPOGRAPHY).lower().split()), " ".join(f.sentence.lower().split())))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        prints[id(f)] = hashlib.sha256(f"{key}\x1f{occurrence}".encode("utf-8")).hexdigest()[:32]
    return [prints[id(f)] for f in findings]


@dataclass(frozen=True)
class Problem:
    """Something about an input that is not a finding: an unreadable file, a skipped binary."""

    path: str
    message: str


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: Problem | None = None  # could not be read: counts toward exit code 2
    warnings: list[Problem] = field(default_factory=list)  # read anyway (or skipped), said once
    checked: bool = True
