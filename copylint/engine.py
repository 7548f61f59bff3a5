"""Projection -> findings. The one place where the stages are wired together:

read+decode -> project -> prefilter -> analyse (spaCy) -> match -> context -> decide -> locate.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, insort
from typing import TYPE_CHECKING

from copylint import context, files, suppressions
from copylint.answers import Answer, affirming_answer
from copylint.findings import (
    FileResult,
    Finding,
    Fix,
    Problem,
    line_excerpt,
    sentence_excerpt,
    severity_rank,
)
from copylint.policy import decide
from copylint.prefilter import Prefilter
from copylint.rulebook import Rule, Rulebook, load_rulebook
from copylint.settings import Settings
from copylint.sources import FORMATS, Format, LineIndex, format_for
from copylint.sources.projection import Projection, SourceError
from copylint.words import fold

if TYPE_CHECKING:
    from copylint.cache import ResultCache


class Engine:
    def __init__(
        self, rulebook: Rulebook, force_format: str | None = None, settings: Settings | None = None
    ):
        self.rulebook = rulebook
        self.force_format = force_format
        self.settings = settings or Settings()
        self.prefilter = Prefilter((rule.id, r) for rule in rulebook for r in rule.requirements)
        self._matcher = None
        self._allowed = _allow_pattern(self.settings.allow)

    @classmethod
    def from_settings(cls, settings: Settings, force_format: str | None = None) -> Engine:
        return cls(settings.rulebook(), force_format, settings)

    def _rule_matcher(self):
        if self._matcher is None:
            from copylint.nlp import RuleMatcher  # imports spaCy: only once a file has a candidate

            self._matcher = RuleMatcher(self.rulebook)
        return self._matcher

    def lint_source(
        self, path: str, source: str, source_format: Format | None = None
    ) -> list[Finding]:
        """All findings of one decoded source, suppressed ones included (see ``Finding.suppressed``).

        Raises SourceError when the source cannot be read in its format (invalid JSON, say)."""
        source_format = source_format or format_for(path, self.force_format) or FORMATS["text"]
        active = self.settings.rules_for(self.rulebook, path)
        findings = self._claims(path, source, source_format, active)
        return suppressions.apply(
            path,
            source,
            source_format.comments,
            findings,
            self.rulebook.by_id,
            active,
            self.rulebook.known_names(),
        )

    def _claims(
        self, path: str, source: str, source_format: Format, active: dict[str, str]
    ) -> list[Finding]:
        projection = source_format.project(source)
        candidates = self.prefilter.candidates(projection, active)
        if not candidates:
            return []
        from copylint.nlp import pipeline

        matcher = self._rule_matcher()
        located = _Locator(path, source, source_format, projection)
        findings: list[Finding] = []
        answers: list[tuple[Finding, tuple[int, int], tuple[int, int]]] = []
        texts = [projection.block_text(c.block) for c in candidates]
        for candidate, text, doc in zip(candidates, texts, pipeline().pipe(texts)):
            block = candidate.block
            matches = matcher(
                doc, candidate.rules, self._sentences_to_match(doc, text, candidate.rules)
            )
            claimed = self._claimed_negators(doc, matches)
            facts = context.doc_facts(doc, text) if matches else None
            allowed = (
                [
                    (m.start(), m.end(), self.settings.allow[int(m.lastgroup[5:])])
                    for m in self._allowed.finditer(text)
                ]
                if self._allowed and matches
                else []
            )
            for rule_id, start, end in matches:
                rule = self.rulebook.by_id[rule_id]
                span = doc[start:end]
                # The negation check looks only before the match, so negators inside it never count as "other"
                site = context.MatchSite(doc, start, end, claimed, facts, rule.approved_products)
                contexts = context.detect(site)
                decision = decide(rule, contexts, active[rule_id])
                suppressed_by, reason = decision.suppressed_by, ""
                allowing = next(
                    (
                        phrase
                        for s, e, phrase in allowed
                        if s < span.end_char and span.start_char < e
                    ),
                    None,
                )
                if allowing and not suppressed_by:
                    suppressed_by, reason = (
                        ("allow",),
                        f'allowed phrase "{allowing}" in {self.settings.config.source}',
                    )
                proj_start, proj_end = block.start + span.start_char, block.start + span.end_char
                sent_index, sent_start, sent_end = facts.sentence(start)
                sentence = sentence_excerpt(
                    text,
                    *facts.stripped_sentence(sent_index, sent_start, sent_end),
                    span.start_char,
                    span.end_char,
                )
                findings.append(
                    located.finding(
                        rule,
                        decision.severity,
                        block.kind,
                        proj_start,
                        proj_end,
                        sentence,
                        contexts,
                        suppressed_by=suppressed_by,
                        reason=reason,
                    )
                )
                if suppressed_by == ("question",) and not allowing:
                    answer = affirming_answer(projection, block, doc, sent_end)
                    if answer is not None:
                        answers.append(
                            located.answer_finding(
                                rule, answer, sentence, contexts, active[rule_id]
                            )
                        )
        findings.extend(_answers_not_restated(answers, findings))
        return sorted(_one_per_category_and_span(findings), key=Finding.sort_key)

    def _sentences_to_match(self, doc, text: str, rules: frozenset[str]):
        """The sentences of a candidate block that hold the words of one of its rules, with those
        rules: token patterns run only there (a block is often a paragraph with one claim in it)."""
        folded = fold(text)
        if len(folded) != len(
            text
        ):  # lower-casing changed a length (a rare letter): match the whole block
            return None
        from copylint.nlp import sentence_bounds

        bounds = sentence_bounds(doc)
        starts = [first_char for _, _, first_char in bounds]
        met = self.prefilter.rules_in_parts(
            folded, list(zip(starts, starts[1:] + [len(text)])), rules
        )
        return [
            (doc[start:end], rules_met)
            for (start, end, _), rules_met in zip(bounds, met)
            if rules_met
        ]

    @staticmethod
    def _claimed_negators(doc, matches) -> frozenset[int]:
        """Negators that are part of a claim ("no side effects", "No downtime") negate nothing else:
        in "No downtime and no side effects" the first "no" does not negate the second claim."""
        return frozenset(
            i
            for _, start, end in matches
            for i in range(start, end)
            if doc[i].norm_ in context.NEGATORS
        )

    def check_file(self, path: str) -> FileResult:
        return self.check_file_digest(path)[0]

    def check_file_digest(self, path: str) -> tuple[FileResult, str | None]:
        """The result and a digest of the bytes it was computed from (None if unreadable)."""
        try:
            data = files.read_bytes(path)
        except files.UnreadableFile as exc:
            return FileResult(path, error=Problem(path, str(exc)), checked=False), None
        return self.check_bytes(path, data), files.digest(data)

    def check_bytes(self, name: str, data: bytes) -> FileResult:
        """Decode and lint the contents of a file (or of standard input) reported as ``name``."""
        result = FileResult(name)
        source_format = format_for(name, self.force_format)
        if source_format is None:  # a tooling file such as package.json: not copy
            result.checked = False
            return result
        try:
            if source_format.to_text is not None:
                text = source_format.to_text(data)
            else:
                decoded = files.decode(data)
                if decoded.warning:
                    result.warnings.append(Problem(name, decoded.warning))
                text = decoded.text
            result.findings = self.lint_source(name, text, source_format)
        except files.BinaryFile as exc:
            result.warnings.append(Problem(name, str(exc)))
            result.checked = False
        except SourceError as exc:
            result.error = Problem(name, str(exc))
            result.checked = False
        return result


class _Locator:
    """Builds findings for one source: projection offsets to lines and columns, plus the fix."""

    def __init__(self, path: str, source: str, source_format: Format, projection: Projection):
        self.path, self.source, self.source_format, self.projection = (
            path,
            source,
            source_format,
            projection,
        )
        self.lines = LineIndex(source)

    def position(self, proj_offset: int) -> tuple[int, int]:
        return self.lines.position(self.projection.to_source(proj_offset, proj_offset)[0])

    def finding(
        self,
        rule: Rule,
        severity: str,
        where: str,
        proj_start: int,
        proj_end: int,
        sentence: str,
        contexts: tuple[str, ...],
        suppressed_by: tuple[str, ...] = (),
        reason: str = "",
        message: str | None = None,
        fixable: bool = True,
    ) -> Finding:
        lines, projection = self.lines, self.projection
        src_start, src_end = projection.to_source(proj_start, proj_end)
        line, column = lines.position(src_start)
        end_line, end_column = lines.position(src_end)
        matched = projection.text[
            proj_start:proj_end
        ]  # folded (TYPOGRAPHY): what fixes and fingerprints read
        return Finding(
            path=self.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.id,
            category=rule.category,
            severity=severity,
            message=message or rule.message,
            where=where,
            text=_as_written(projection, self.source, proj_start, proj_end, matched),
            sentence=sentence,
            suggestions=tuple(s for s in rule.suggestions if not s.replacements),
            contexts=contexts,
            suppressed_by=suppressed_by,
            reason=reason,
            column_utf16=lines.utf16_column(line, column),
            end_column_utf16=lines.utf16_column(end_line, end_column),
            **self._shown_line(src_start, src_end, column),
            fix=_fix(
                rule,
                matched,
                projection,
                proj_start,
                proj_end,
                self.source,
                self.source_format,
                where,
            )
            if fixable
            else None,
        )

    def _shown_line(self, src_start: int, src_end: int, column: int) -> dict:
        """The bounded window of the span's first line that a finding carries (see line_excerpt)."""
        shown, shown_from, cut = line_excerpt(
            self.source, src_start - column + 1, src_start, src_end
        )
        return {"source_line": shown, "source_line_start": shown_from, "source_line_cut": cut}

    def answer_finding(
        self, rule: Rule, answer: Answer, question: str, contexts: tuple[str, ...], severity: str
    ):
        """The claim of ``question`` made by its "yes" answer, and the answer sentence's bounds."""
        standing = tuple(c for c in contexts if c != "question") + ("answers_question",)
        finding = self.finding(
            rule,
            decide(rule, standing, severity).severity,
            answer.block.kind,
            answer.start,
            answer.end,
            answer.sentence(self.projection),
            standing,
            message=f'{rule.message} (Answers "{question}" with yes.)',
            fixable=False,
        )
        return finding, self.position(answer.start), self.position(answer.sentence_end)


def _as_written(projection: Projection, source: str, start: int, end: int, shown: str) -> str:
    """A finding's text: the matched words as the file writes them wherever the projection copied
    them verbatim, so a no-break space or non-breaking hyphen (which rules read folded, see
    TYPOGRAPHY) is given back as written; text standing for markup or an escape (``&nbsp;``,
    ``\\u00a0``) stays the visible text."""
    if " " not in shown and "-" not in shown:  # TYPOGRAPHY folds only to these
        return shown
    from copylint.sources.projection import TYPOGRAPHY

    pieces, position = [], start
    while position < end:
        run = projection.offsets.copy_run(position)
        if run is None:  # a replacement: the visible character
            pieces.append(projection.text[position])
            position += 1
            continue
        length = min(run[1], end - position)
        piece, written = (
            projection.text[position : position + length],
            source[run[0] : run[0] + length],
        )
        if written != piece:  # keep a written character only where folding made the difference
            written = (
                "".join(w if w.translate(TYPOGRAPHY) == p else p for w, p in zip(written, piece))
                if len(written) == length
                else piece
            )
        pieces.append(written)
        position += length
    return "".join(pieces)


def _answers_not_restated(answers, findings: list[Finding]) -> list[Finding]:
    """Answer findings, except where the answer states a claim of the same category itself
    ("Is it safe? Yes, it is completely safe.": the words are flagged, not the "yes")."""
    if not answers:
        return []
    starts: dict[
        str, list[tuple[int, int]]
    ] = {}  # per category, where its standing findings start (sorted)
    for f in findings:
        if not f.suppressed:
            starts.setdefault(f.category, []).append((f.line, f.column))
    for positions in starts.values():
        positions.sort()

    def restated(category: str, start: tuple[int, int], end: tuple[int, int]) -> bool:
        positions = starts.get(category, ())
        at = bisect_left(positions, start)
        return at < len(positions) and positions[at] < end

    return [
        finding for finding, start, end in answers if not restated(finding.category, start, end)
    ]


def _allow_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for the configured ``allow`` phrases: whole words, any case, any spacing or hyphen."""
    if not phrases:
        return None
    alternatives = [
        f"(?P<allow{i}>"
        + r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", p.strip()))
        + ")"
        for i, p in sorted(enumerate(phrases), key=lambda item: -len(item[1]))
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


# A replacement goes into the source as written; in a YAML scalar or an attribute value a quote
# or a comma might end it, so wording that holds one is only applied in running text.
_RISKY_OUTSIDE_TEXT = frozenset("',\u2019")


def _fix(
    rule: Rule,
    matched: str,
    projection: Projection,
    start: int,
    end: int,
    source: str,
    source_format: Format,
    where: str,
) -> Fix | None:
    wording = rule.replacement_for(matched)
    if (
        wording is None or source_format.to_text is not None
    ):  # a .docx is text extracted, not the file
        return None
    span = projection.copied_source(start, end)
    if span is None or "\n" in source[span[0] : span[1]] or "\r" in source[span[0] : span[1]]:
        return None
    in_running_text = not source_format.is_data and where in ("text", "heading", "table")
    if not in_running_text and _RISKY_OUTSIDE_TEXT & set(wording):
        return None
    from copylint.fixes import match_case

    written = source[span[0] : span[1]]
    return Fix(span[0], span[1], match_case(written, wording), written)


def _one_per_category_and_span(findings: list[Finding]) -> list[Finding]:
    """Where rules of one category overlap, keep the finding that says most: standing over
    suppressed, then the longer span, then the more severe.

    The spans kept in one category never overlap, so sorted by start their ends are sorted too:
    the only kept span that can overlap a new one is the last that starts before it ends
    (found by bisection, not by comparing with every kept finding)."""
    ranked = sorted(
        findings,
        key=lambda f: (
            f.suppressed,
            -(len(f.text)),
            -severity_rank(f.severity),
            f.line,
            f.column,
            f.rule,
        ),
    )
    kept: list[Finding] = []
    spans: dict[
        str, list[tuple[tuple[int, int], tuple[int, int]]]
    ] = {}  # per category: (start, end), sorted
    for finding in ranked:
        start, end = (finding.line, finding.column), (finding.end_line, finding.end_column)
        taken = spans.setdefault(finding.category, [])
        at = bisect_left(taken, (end,))  # the kept spans before ``at`` start before this one ends
        if at and start < taken[at - 1][1] and taken[at - 1][0] < end:
            continue
        insort(taken, (start, end))
        kept.append(finding)
    return kept


# --- running over many files -------------------------------------------------------------

_worker_engine: Engine | None = None


def _init_worker(settings: Settings, force_format: str | None) -> None:
    global _worker_engine
    _worker_engine = Engine.from_settings(settings, force_format)


def _check_in_worker(paths: list[str]) -> list[tuple[FileResult, str | None]]:
    assert _worker_engine is not None
    return [_worker_engine.check_file_digest(p) for p in paths]


def lint_paths(
    paths: list[str],
    settings: Settings = Settings(),
    jobs: int = 1,
    engine: Engine | None = None,
    walk: files.WalkOptions = files.WalkOptions(),
    force_format: str | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Check files and directories; one FileResult per file (and per missing path), sorted by path.
    With a cache, files whose bytes it has seen with the same settings are not checked again."""
    found = files.discover(paths, walk)
    results = [
        FileResult(p, error=Problem(p, "no such file or directory"), checked=False)
        for p in found.missing
    ]
    results.extend(FileResult(p.path, warnings=[p], checked=False) for p in found.skipped)
    results.extend(FileResult(p.path, error=p, checked=False) for p in found.errors)
    todo = found.files
    if cache is not None:
        todo = []
        for path in found.files:
            cached = cache.lookup(path)
            if cached is None:
                todo.append(path)
            else:
                results.append(cached)
    for result, content_digest in _check(todo, settings, jobs, engine, force_format):
        results.append(result)
        if cache is not None and content_digest is not None:
            cache.put(result.path, content_digest, result)
    return sorted(results, key=lambda r: r.path)


def _check(
    paths: list[str], settings: Settings, jobs: int, engine: Engine | None, force_format: str | None
):
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1 or len(paths) < 2:
        engine = engine or Engine.from_settings(settings, force_format)
        yield from (engine.check_file_digest(p) for p in paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(paths) // (jobs * 4) or 1))
    batches = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
    # each worker builds its own engine: never more of them than there are batches to give them
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(batches)),
        initializer=_init_worker,
        initargs=(settings, force_format),
    ) as pool:
        for batch in pool.map(_check_in_worker, batches):
            yield from batch


def lint_text(text: str, path: str = "<text>", rulebook: Rulebook | None = None) -> list[Finding]:
    """Findings that stand (not suppressed) in a piece of text, read as plain text unless
    ``path`` has a suffix with a projector of its own."""
    engine = Engine(rulebook or load_rulebook().without_opt_in())
    return [f for f in engine.lint_source(path, text) if not f.suppressed]
