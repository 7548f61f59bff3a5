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
    # where in a sentence the replacement is a drop-in (copylint/positions.py); empty: anywhere
    fits: tuple[str, ...] = ()
    # Where advice fits (copylint/stages/suggest.py): the topics its claim is about ("fillers"),
    # the run's jurisdictions; empty: everywhere.
    topics: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data: dict = {}
        if self.replace is not None:
            data["replace"] = self.replace
        if self.replacements:
            data["replace"] = dict(self.replacements)
        if self.fits:
            data["fits"] = list(self.fits)
        if self.advice is not None:
            data["advice"] = self.advice
        if self.topics:
            data["topics"] = list(self.topics)
        if self.jurisdictions:
            data["jurisdictions"] = list(self.jurisdictions)
        return data


@dataclass(frozen=True)
class Related:
    """Another place a finding is about: the question a FAQ answer's "yes" makes a claim of."""

    line: int  # 1-based, columns in code points, end exclusive, as Finding's
    column: int
    end_line: int
    end_column: int
    column_utf16: int
    end_column_utf16: int
    message: str

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
        }


@dataclass(frozen=True)
class Fix:
    """A mechanical rewrite: replace source[start:end] (code points of the decoded file) with
    ``replacement``."""

    start: int
    end: int
    replacement: str
    original: str  # the source text it replaces, checked again before writing


# What a finding carries of its surroundings is bounded, so that memory (and a cache entry) grows
# with the number of findings, not with findings x the length of their line or sentence: a
# minified page is one line of a megabyte.
# characters of a finding's sentence; a longer one is cut to a window around the match (real
# copy: under 500)
SENTENCE_LIMIT = 1000
LINE_CONTEXT = (
    60  # characters of the line kept either side of a span (what the text reporter shows)
)
LINE_SPAN = (
    200  # characters of a span's first line kept (a span over several lines, a very long match)
)


def sentence_excerpt(text: str, start: int, end: int, span_start: int, span_end: int) -> str:
    """``text[start:end].strip()``, the sentence of a match at ``text[span_start:span_end]``; when
    that is longer than SENTENCE_LIMIT, the words around the match, with "…" where it is cut.
    Read from offsets: a long sentence is not copied for each of its matches."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= SENTENCE_LIMIT:
        return text[start:end]
    room = SENTENCE_LIMIT - 2  # the two ellipses
    span_end = min(span_end, span_start + room)
    side = max(0, (room - (span_end - span_start)) // 2)
    left = max(start, span_start - side)
    right = min(
        end, span_end + side + (side - (span_start - left))
    )  # room the left side did not use
    left = max(start, span_start - side - (side - (right - span_end)))  # and the other way round
    if left > start:  # do not start or end inside a word
        space = text.find(" ", left, span_start)
        left = space + 1 if space != -1 else left
    if right < end:
        space = text.rfind(" ", span_end, right)
        right = space if space != -1 else right
    return ("…" if left > start else "") + text[left:right].strip() + ("…" if right < end else "")


def line_excerpt(source: str, line_start: int, start: int, end: int) -> tuple[str, int, bool]:
    """The part of the line starting at offset ``line_start`` that a reporter shows for a span
    source[start:end] that starts on it: up to LINE_CONTEXT characters either side of the span's
    part on this line (at most LINE_SPAN of it), without the line ending. Returns (excerpt,
    characters of the line before it, whether the line goes on after it). Lines of normal length
    come back whole."""
    reach = start + LINE_SPAN + LINE_CONTEXT + 1
    newline = source.find("\n", start, reach)
    line_end = newline if newline != -1 else (len(source) if reach >= len(source) else None)
    if line_end is not None and line_end > line_start and source[line_end - 1] == "\r":
        line_end -= 1
    shown_end = min(end if line_end is None or end <= line_end else line_end, start + LINE_SPAN)
    left = max(line_start, start - LINE_CONTEXT)
    right = max(shown_end, start + 1) + LINE_CONTEXT
    if line_end is not None:
        right = min(right, line_end)
    return source[left:right], left - line_start, line_end is None or right < line_end


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
    suppressed_by: tuple[
        str, ...
    ] = ()  # contexts that dropped it (only shown with --show-suppressed)
    # the kind of block: "text", "heading", "attr:alt", "meta:description", "json:faq.0.a" ...
    where: str = "text"
    column_utf16: int = 0
    end_column_utf16: int = 0
    # the first line of the span as written, for display (not in JSON); on a long line, the
    # window of it around the span (see line_excerpt)
    source_line: str = ""
    reason: str = ""  # why a suppression comment, the baseline or an allow phrase let it pass
    fix: Fix | None = None  # set when a rule's replacement applies to one contiguous run of source
    # why a rule's replacement for these words was not applied here ("" when none was refused)
    fix_refused: str = ""
    # the jurisdictions whose law the rule applies, when it is not every one's ("uk", "eu", "au")
    jurisdictions: tuple[str, ...] = ()
    source_line_start: int = (
        0  # code points of the line before ``source_line`` (0: it starts the line)
    )
    source_line_cut: bool = False  # the line goes on after ``source_line``
    related: tuple[Related, ...] = ()  # a FAQ answer's finding: where its question is

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_by)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule)

    @property
    def law(self) -> str:
        """The jurisdictions its rule applies, as a label ("UK/EU/AU"); "" for every one's."""
        return "/".join(j.upper() for j in self.jurisdictions)

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
        if self.fix_refused:
            data["fix_refused"] = self.fix_refused
        if self.jurisdictions:
            data["jurisdictions"] = list(self.jurisdictions)
        if self.suppressed_by:
            data["suppressed_by"] = list(self.suppressed_by)
        if self.reason:
            data["reason"] = self.reason
        if self.related:
            data["related"] = [r.to_dict() for r in self.related]
        return data


def fingerprints(findings: list[Finding], path_of=None) -> list[str]:
    """A stable identity per finding that survives edits elsewhere in the file: rule, path,
    the matched text and its sentence (case and spacing folded), and which occurrence of that
    combination it is. Lines and columns are deliberately left out. ``path_of`` gives the path
    to use (relative to the baseline file, say); by default the finding's own."""
    import hashlib

    from copylint.sources.projection import (
        TYPOGRAPHY,
    )  # text is as written; the identity reads it folded, as rules do

    path_of = path_of or (lambda f: f.path)
    seen: dict[str, int] = {}
    prints = {}
    for f in sorted(findings, key=Finding.sort_key):
        key = "\x1f".join(
            (
                f.rule,
                path_of(f).replace("\\", "/"),
                " ".join(f.text.translate(TYPOGRAPHY).lower().split()),
                " ".join(f.sentence.lower().split()),
            )
        )
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        prints[id(f)] = hashlib.sha256(f"{key}\x1f{occurrence}".encode()).hexdigest()[:32]
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
