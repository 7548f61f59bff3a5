"""The decide stage: every reason a finding stands, is softened or is suppressed.

Per claim, in projection offsets (before anything is located):
- the rule's policy: ``suppress_when`` / ``soften_when`` on the contexts seen around the match;
- the configuration's ``allow`` phrases;
- a question answered "yes" makes its claim in the answer, unless the answer restates it;
- one finding per category and span.
Per located finding: inline suppression comments (they name lines; suppressions.py reads them).
Per run: the baseline, ``--changed-only`` and the ``--fail-on`` threshold.

Every function returns new records; none edits what it is given.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from copylint import suppressions
from copylint.findings import FileResult, Finding, Suggestion, severity_rank, soften
from copylint.rulebook import Rule
from copylint.stages import suggest
from copylint.stages.context import Claim
from copylint.stages.lists import listed_message

if TYPE_CHECKING:
    from copylint.baseline import Baseline, Entry
    from copylint.changes import ChangedLines
    from copylint.settings import Settings


@dataclass(frozen=True)
class Verdict:
    """A claim with what was decided about it, still in projection offsets (locate places it)."""

    rule: Rule
    start: int  # projection offsets of the flagged words, end exclusive
    end: int
    where: str  # the kind of block
    sentence: str
    contexts: tuple[str, ...]
    severity: str
    suppressed_by: tuple[str, ...] = ()  # empty: the finding stands
    reason: str = ""
    message: str | None = None  # None: the rule's own
    fixable: bool = True
    sentence_span: tuple[int, int] = (0, 0)  # projection offsets of its sentence (Claim's)
    positions: frozenset[str] = frozenset()  # where a replacement would go (positions.py)
    fix_refused: str = ""  # why a replacement of its words is not applied (stages/vet.py)
    # the rule's suggestions that fit the claim, best first (stages/suggest.py); None: all
    suggestions: tuple[Suggestion, ...] | None = None
    # other places it is about, in projection offsets, with what each is ("the question ...")
    related: tuple[tuple[int, int, str], ...] = ()

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_by)

    @property
    def category(self) -> str:
        return self.rule.category

    @property
    def rule_id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class Decision:
    severity: str
    suppressed_by: tuple[str, ...]  # empty: the finding stands


def rule_policy(rule: Rule, contexts: tuple[str, ...], severity: str | None = None) -> Decision:
    """What a rule's policy makes of the contexts seen around its match. ``severity``: the rule's
    level for this file when the configuration changes it.

    A conceded claim (hedged inside a concession that opens the sentence: "While it may work
    better than X, there are other factors") is dropped by every rule that reads hedges, in
    ``suppress_when`` or ``soften_when``: the sentence weighs the claim rather than makes it."""
    suppressed_by = tuple(
        c
        for c in contexts
        if c in rule.suppress_when
        or (c == "conceded" and "hedged" in rule.suppress_when | rule.soften_when)
    )
    severity = severity or rule.severity
    if not suppressed_by and any(c in rule.soften_when for c in contexts):
        severity = soften(severity)
    return Decision(severity, suppressed_by)


class Decider:
    """The per-claim decisions under one run's settings (its ``allow`` phrases compiled once)."""

    def __init__(self, settings: Settings):
        self.allow = settings.allow
        self.jurisdictions = frozenset(settings.jurisdictions)
        self._allow_source = settings.config.source if settings.config else None
        self._allowed = _allow_pattern(self.allow)

    def block(
        self, text: str, claims: list[Claim], active: dict[str, str]
    ) -> tuple[list[Verdict], list[tuple[Verdict, int]]]:
        """The verdicts on the claims of one block (whose text is ``text``), and on the "yes"
        answers to its questions, each with where its sentence ends (see answers_not_restated)."""
        allowed = (
            [
                (m.start(), m.end(), self.allow[int((m.lastgroup or "")[5:])])
                for m in self._allowed.finditer(text)
            ]
            if self._allowed and claims
            else []
        )
        verdicts: list[Verdict] = []
        answers: list[tuple[Verdict, int]] = []
        for claim in claims:
            match, offset = claim.match, claim.block.start
            rule, severity = match.rule, active[match.rule.id]
            wording = suggest.wording(rule, claim.topics, self.jurisdictions)
            decision = rule_policy(rule, claim.contexts, severity)
            suppressed_by, reason = decision.suppressed_by, ""
            start, end = match.start - offset, match.end - offset
            allowing = next((p for s, e, p in allowed if s < end and start < e), None)
            if allowing and not suppressed_by:
                suppressed_by = ("allow",)
                reason = f'allowed phrase "{allowing}" in {self._allow_source}'
            verdicts.append(
                Verdict(
                    rule,
                    match.start,
                    match.end,
                    claim.block.kind,
                    claim.sentence,
                    claim.contexts,
                    decision.severity,
                    suppressed_by,
                    reason,
                    listed_message(match.lead, text[start:end], wording.message)
                    if match.lead
                    else wording.message,
                    sentence_span=claim.sentence_span,
                    positions=claim.positions,
                    suggestions=wording.suggestions,
                )
            )
            if suppressed_by == ("question",) and not allowing and claim.yes_answer:
                answers.append(
                    (
                        _answer_verdict(claim, severity, wording),
                        claim.yes_answer.answer.sentence_end,
                    )
                )
        return verdicts, answers


def _answer_verdict(question: Claim, severity: str, wording: suggest.Wording) -> Verdict:
    """The claim of a question made by its "yes" answer: the answer's opening words are flagged."""
    assert question.yes_answer is not None
    rule, yes = question.match.rule, question.yes_answer
    standing = tuple(c for c in question.contexts if c != "question") + ("answers_question",)
    return Verdict(
        rule,
        yes.answer.start,
        yes.answer.end,
        yes.answer.block.kind,
        yes.sentence,
        standing,
        rule_policy(rule, standing, severity).severity,
        message=f'{wording.message} (Answers "{question.sentence}" with yes.)',
        fixable=False,
        suggestions=wording.suggestions,
        related=((*question.sentence_span, "the question this answer says yes to"),),
    )


def answers_not_restated(
    answers: list[tuple[Verdict, int]], verdicts: list[Verdict]
) -> list[Verdict]:
    """The answer verdicts, except where the answer's sentence (up to the offset paired with it)
    states a claim of the same category itself ("Is it safe? Yes, it is completely safe.": the
    words are flagged, not the "yes")."""
    if not answers:
        return []
    starts: dict[str, list[int]] = {}  # per category, where its standing claims start (sorted)
    for verdict in verdicts:
        if not verdict.suppressed:
            starts.setdefault(verdict.category, []).append(verdict.start)
    for positions in starts.values():
        positions.sort()

    def restated(category: str, start: int, end: int) -> bool:
        positions = starts.get(category, ())
        at = bisect_left(positions, start)
        return at < len(positions) and positions[at] < end

    return [answer for answer, end in answers if not restated(answer.category, answer.start, end)]


class Spanned(Protocol):
    """What de-duplication reads of a verdict."""

    @property
    def category(self) -> str: ...
    @property
    def rule_id(self) -> str: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def severity(self) -> str: ...


S = TypeVar("S", bound=Spanned)


def one_per_category_and_span(verdicts: Sequence[S]) -> list[S]:
    """Where rules of one category overlap, keep the verdict that says most: standing over
    suppressed, then the longer span, then the more severe.

    The spans kept in one category never overlap, so sorted by start their ends are sorted too:
    the only kept span that can overlap a new one is the last that starts before it ends
    (found by bisection, not by comparing with every kept verdict)."""
    ranked = sorted(
        verdicts,
        key=lambda v: (
            v.suppressed,
            v.start - v.end,
            -severity_rank(v.severity),
            v.start,
            v.rule_id,
        ),
    )
    kept: list[S] = []
    spans: dict[str, list[tuple[int, int]]] = {}  # per category: (start, end), sorted
    for verdict in ranked:
        start, end = verdict.start, verdict.end
        taken = spans.setdefault(verdict.category, [])
        at = bisect_left(taken, (end,))  # the kept spans before ``at`` start before this one ends
        if at and start < taken[at - 1][1] and taken[at - 1][0] < end:
            continue
        insort(taken, (start, end))
        kept.append(verdict)
    return kept


def _allow_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for the ``allow`` phrases: whole words, any case, any spacing or hyphen."""
    if not phrases:
        return None
    alternatives = [
        f"(?P<allow{i}>"
        + r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", p.strip()))
        + ")"
        for i, p in sorted(enumerate(phrases), key=lambda item: -len(item[1]))
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


# --- located findings: inline comments ------------------------------------------------------


def inline_comments(
    findings: list[Finding], parsed: suppressions.ParsedComments
) -> tuple[list[Finding], set[tuple[int, str]]]:
    """Findings with those a comment covers suppressed (with the comment's reason), and which
    (disabling comment index, name) pairs suppressed something."""
    disabling = parsed.disabling
    covering = suppressions.first_covering(disabling, parsed.enables, findings)
    used: set[tuple[int, str]] = set()
    out: list[Finding] = []
    for finding, index in zip(findings, covering, strict=True):
        if index is not None:
            directive = disabling[index]
            name = next(n for n in directive.names if n in (finding.rule, finding.category))
            used.add((index, name))
            finding = replace(
                finding, suppressed_by=("inline",), reason=directive.reason or "(no reason given)"
            )
        out.append(finding)
    return out, used


# --- the run: baseline, changed lines, exit threshold ----------------------------------------


def baselined(
    results: list[FileResult], baseline: Baseline
) -> tuple[list[FileResult], list[Entry]]:
    """The results with baselined findings suppressed, and the stale entries: those of the
    checked files (or of files that are gone) that no finding matches any more."""
    by_print = {e.fingerprint: e for e in baseline.entries}
    matched: set[str] = set()
    checked: set[str] = set()
    out = []
    for result in results:
        if not result.checked:
            out.append(result)
            continue
        checked.add(baseline.relative(result.path))
        standing = [
            f for f in result.findings if not f.suppressed or f.suppressed_by == ("baseline",)
        ]
        prints = dict(zip(map(id, standing), baseline.fingerprints_of(standing), strict=True))
        marked = []
        for finding in result.findings:
            entry = by_print.get(prints.get(id(finding), ""))
            if entry is not None:
                matched.add(entry.fingerprint)
                finding = replace(
                    finding,
                    suppressed_by=("baseline",),
                    reason=f"in the baseline since {entry.date}",
                )
            marked.append(finding)
        out.append(replace(result, findings=marked))
    stale = [
        e
        for e in baseline.entries
        if e.fingerprint not in matched
        and (e.path in checked or not os.path.exists(os.path.join(baseline.folder, e.path)))
    ]
    return out, stale


def on_changed_lines(results: list[FileResult], changes: ChangedLines) -> list[FileResult]:
    """The results with only the findings that touch a changed line (``--changed-only``)."""
    return [replace(r, findings=[f for f in r.findings if changes.covers(f)]) for r in results]


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether a standing finding reaches the ``fail-on`` severity (exit code 1)."""
    threshold = severity_rank(fail_on)
    return any(severity_rank(f.severity) >= threshold for f in findings if not f.suppressed)
