"""Projection -> findings. The one place where the stages are wired together:

read+decode -> project -> prefilter -> analyse (spaCy) -> match -> context -> decide -> locate.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from copylint import context, files
from copylint.findings import FileResult, Finding, Problem, severity_rank
from copylint.policy import decide
from copylint.prefilter import Prefilter
from copylint.rulebook import Rulebook, load_rulebook
from copylint.sources import FORMATS, Format, LineIndex, format_for
from copylint.sources.projection import SourceError


@dataclass(frozen=True)
class RuleChoice:
    """What selects the rules: picklable, so that worker processes can rebuild the same engine."""

    rule_dirs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def rulebook(self) -> Rulebook:
        book = load_rulebook([Path(d) for d in self.rule_dirs] or None)
        return book.select(list(self.select), list(self.ignore)) if (self.select or self.ignore) else book


class Engine:
    def __init__(self, rulebook: Rulebook, force_format: str | None = None):
        self.rulebook = rulebook
        self.force_format = force_format
        self.prefilter = Prefilter(r for rule in rulebook for r in rule.requirements)
        self._matcher = None

    def _rule_matcher(self):
        if self._matcher is None:
            from copylint.nlp import RuleMatcher  # imports spaCy: only once a file has a candidate

            self._matcher = RuleMatcher(self.rulebook)
        return self._matcher

    def lint_source(self, path: str, source: str, source_format: Format | None = None) -> list[Finding]:
        """All findings of one decoded source, suppressed ones included (see ``Finding.suppressed``).

        Raises SourceError when the source cannot be read in its format (invalid JSON, say)."""
        source_format = source_format or format_for(path, self.force_format) or FORMATS["text"]
        projection = source_format.project(source)
        blocks = self.prefilter.candidate_blocks(projection)
        if not blocks:
            return []
        from copylint.nlp import pipeline

        matcher = self._rule_matcher()
        lines = LineIndex(source)
        findings: list[Finding] = []
        texts = [projection.block_text(block) for block in blocks]
        for block, doc in zip(blocks, pipeline().pipe(texts)):
            matches = matcher(doc)
            claimed = self._absence_negators(doc, matches)
            for rule_id, start, end in matches:
                rule = self.rulebook.by_id[rule_id]
                span = doc[start:end]
                contexts = context.detect(context.MatchSite(doc, start, end, claimed - set(range(start, end))))
                decision = decide(rule, contexts)
                src_start, src_end = projection.to_source(block.start + span.start_char, block.start + span.end_char)
                line, column = lines.position(src_start)
                end_line, end_column = lines.position(src_end)
                findings.append(
                    Finding(
                        path=path,
                        line=line,
                        column=column,
                        end_line=end_line,
                        end_column=end_column,
                        rule=rule.id,
                        category=rule.category,
                        severity=decision.severity,
                        message=rule.message,
                        where=block.kind,
                        text=span.text,
                        sentence=span.sent.text.strip(),
                        suggestions=rule.suggestions,
                        contexts=contexts,
                        suppressed_by=decision.suppressed_by,
                        column_utf16=lines.utf16_column(line, column),
                        end_column_utf16=lines.utf16_column(end_line, end_column),
                        source_line=lines.line_text(line),
                    )
                )
        return sorted(_one_per_category_and_span(findings), key=Finding.sort_key)

    def _absence_negators(self, doc, matches) -> frozenset[int]:
        """Negators that are part of an absence claim ("no side effects") negate nothing else."""
        return frozenset(
            i
            for rule_id, start, end in matches
            if self.rulebook.by_id[rule_id].kind == "absence"
            for i in range(start, end)
            if doc[i].norm_ in context.NEGATORS
        )

    def check_file(self, path: str) -> FileResult:
        try:
            data = files.read_bytes(path)
        except files.UnreadableFile as exc:
            return FileResult(path, error=Problem(path, str(exc)), checked=False)
        return self.check_bytes(path, data)

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


def _one_per_category_and_span(findings: list[Finding]) -> list[Finding]:
    """Where rules of one category overlap, keep the finding that says most: standing over
    suppressed, then the longer span, then the more severe."""
    ranked = sorted(
        findings,
        key=lambda f: (f.suppressed, -(len(f.text)), -severity_rank(f.severity), f.line, f.column, f.rule),
    )
    kept: list[Finding] = []
    for finding in ranked:
        if any(k.category == finding.category and _overlap(k, finding) for k in kept):
            continue
        kept.append(finding)
    return kept


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


# --- running over many files -------------------------------------------------------------

_worker_engine: Engine | None = None


def _init_worker(choice: RuleChoice, force_format: str | None) -> None:
    global _worker_engine
    _worker_engine = Engine(choice.rulebook(), force_format)


def _check_in_worker(paths: list[str]) -> list[FileResult]:
    assert _worker_engine is not None
    return [_worker_engine.check_file(p) for p in paths]


def lint_paths(
    paths: list[str],
    choice: RuleChoice = RuleChoice(),
    jobs: int = 1,
    engine: Engine | None = None,
    walk: files.WalkOptions = files.WalkOptions(),
    force_format: str | None = None,
) -> list[FileResult]:
    """Check files and directories; one FileResult per file (and per missing path), sorted by path."""
    found = files.discover(paths, walk)
    results = [FileResult(p, error=Problem(p, "no such file or directory"), checked=False) for p in found.missing]
    results.extend(FileResult(p.path, warnings=[p], checked=False) for p in found.skipped)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1 or len(found.files) < 2:
        engine = engine or Engine(choice.rulebook(), force_format)
        results.extend(engine.check_file(p) for p in found.files)
    else:
        chunk = max(1, min(64, len(found.files) // (jobs * 4) or 1))
        batches = [found.files[i : i + chunk] for i in range(0, len(found.files), chunk)]
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(choice, force_format)) as pool:
            for batch in pool.map(_check_in_worker, batches):
                results.extend(batch)
    return sorted(results, key=lambda r: r.path)


def lint_text(text: str, path: str = "<text>", rulebook: Rulebook | None = None) -> list[Finding]:
    """Findings that stand (not suppressed) in a piece of text, read as plain text unless
    ``path`` has a suffix with a projector of its own."""
    engine = Engine(rulebook or load_rulebook())
    return [f for f in engine.lint_source(path, text) if not f.suppressed]
