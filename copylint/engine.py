"""The engine: wires the stages (copylint/stages/) for one source, and runs them over files.

read + decode -> project -> match -> context -> decide -> vet fixes -> locate -> inline comments
(decide)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from copylint import files, suppressions
from copylint.findings import FileResult, Finding, Problem
from copylint.rulebook import Rulebook
from copylint.settings import Settings
from copylint.sources import FORMATS, Format, LineIndex, format_for, holds_html
from copylint.sources.projection import Projection, SourceError
from copylint.stages import context, decide, vet
from copylint.stages.locate import Locator
from copylint.stages.match import Matcher

if TYPE_CHECKING:
    from copylint.cache import ResultCache


class Engine:
    def __init__(
        self, rulebook: Rulebook, force_format: str | None = None, settings: Settings | None = None
    ):
        self.rulebook = rulebook
        self.force_format = force_format
        self.settings = settings or Settings()
        self.matcher = Matcher(rulebook)
        self.prefilter = self.matcher.prefilter
        self.decider = decide.Decider(self.settings)
        self._reread: dict[tuple[str, frozenset], list[decide.Verdict]] = {}

    @classmethod
    def from_settings(cls, settings: Settings, force_format: str | None = None) -> Engine:
        return cls(settings.rulebook(), force_format, settings)

    def lint_source(
        self, path: str, source: str, source_format: Format | None = None
    ) -> list[Finding]:
        """All findings of one decoded source, suppressed ones included (``Finding.suppressed``).

        Raises SourceError when the source cannot be read in its format (invalid JSON, say)."""
        source_format = source_format or format_for(path, self.force_format) or FORMATS["text"]
        active = self.settings.rules_for(self.rulebook, path)
        findings = self._claims(path, source, source_format, active)
        return self._with_comments(path, source, source_format, findings, active)

    def _claims(
        self, path: str, source: str, source_format: Format, active: dict[str, str]
    ) -> list[Finding]:
        projection = source_format.project(source)
        verdicts, answers = self._verdicts(projection, active)
        if not verdicts:
            return []
        verdicts += decide.answers_not_restated(answers, verdicts)
        rules = frozenset(active.items())
        verdicts = vet.vetted(
            projection,
            decide.one_per_category_and_span(verdicts),
            lambda text: self._standing_in(text, active, rules),
        )
        locator = Locator(path, source, source_format, projection)
        return sorted((locator.finding(v) for v in verdicts), key=Finding.sort_key)

    def _standing_in(
        self, text: str, active: dict[str, str], rules: frozenset
    ) -> list[decide.Verdict]:
        """The standing verdicts of a text read on its own as plain text (vet stage), remembered:
        a site repeats its sentences."""
        known = self._reread.get((text, rules))
        if known is not None:
            return known
        if len(self._reread) > 10_000:
            self._reread.clear()
        known = self._reread[text, rules] = self._read_alone(text, active)
        return known

    def _read_alone(self, text: str, active: dict[str, str]) -> list[decide.Verdict]:
        verdicts, _ = self._verdicts(FORMATS["text"].project(text), active)
        return [v for v in decide.one_per_category_and_span(verdicts) if not v.suppressed]

    def _verdicts(
        self, projection: Projection, active: dict[str, str]
    ) -> tuple[list[decide.Verdict], list[tuple[decide.Verdict, int]]]:
        """match -> context -> decide over a projection: the verdicts on its claims, and on the
        "yes" answers to its questions."""
        verdicts: list[decide.Verdict] = []
        answers: list[tuple[decide.Verdict, int]] = []
        for matched in self.matcher.blocks(projection, active):
            claims = context.claims(projection, matched)
            on_claims, on_answers = self.decider.block(matched.text, claims, active)
            verdicts += on_claims
            answers += on_answers
        return verdicts, answers

    def _with_comments(
        self,
        path: str,
        source: str,
        source_format: Format,
        findings: list[Finding],
        active: dict[str, str],
    ) -> list[Finding]:
        """The findings as the source's suppression comments leave them, and the findings about
        those comments."""
        syntax = source_format.comments
        if syntax is None or "copylint" not in source.lower():
            return findings
        lines = LineIndex(source)
        parsed = suppressions.parse(source, syntax, self.rulebook.known_names(), lines)
        if not parsed.directives and not parsed.problems:
            return findings
        findings, used = decide.inline_comments(findings, parsed)
        about_comments = suppressions.notes(
            path, source, parsed, used, self.rulebook.by_id, active, lines
        )
        return sorted(findings + about_comments, key=Finding.sort_key)

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
        source_format = format_for(name, self.force_format)
        if source_format is None:  # a tooling file such as package.json: not copy
            return FileResult(name, checked=False)
        warnings: list[Problem] = []
        try:
            if source_format.to_text is not None:
                text = source_format.to_text(data)
            else:
                decoded = files.decode(data)
                if decoded.warning:
                    warnings.append(Problem(name, decoded.warning))
                text = decoded.text
        except files.BinaryFile as exc:
            return FileResult(name, warnings=[*warnings, Problem(name, str(exc))], checked=False)
        except SourceError as exc:  # a damaged .docx
            return FileResult(name, error=Problem(name, str(exc)), warnings=warnings, checked=False)
        return self._lint_decoded(name, text, source_format, warnings)

    def check_text(self, name: str, text: str) -> FileResult:
        """Lint text already decoded (an editor's buffer) as the file ``name`` would be read: its
        format from its suffix; a file that is not copy, or not a text file (.docx), is not
        checked."""
        source_format = format_for(name, self.force_format)
        if source_format is None or source_format.to_text is not None:
            return FileResult(name, checked=False)
        return self._lint_decoded(name, text, source_format, [])

    def _lint_decoded(
        self, name: str, text: str, source_format: Format, warnings: list[Problem]
    ) -> FileResult:
        if source_format is FORMATS["text"] and not self.force_format and holds_html(text):
            source_format = FORMATS["html"]
            warnings = [
                *warnings,
                Problem(
                    name,
                    "holds HTML markup: read as HTML (name it .html, or use --force-format text "
                    "to read its tags as words)",
                ),
            ]
        try:
            return FileResult(name, self.lint_source(name, text, source_format), warnings=warnings)
        except SourceError as exc:
            return FileResult(name, error=Problem(name, str(exc)), warnings=warnings, checked=False)


# --- running over many files -------------------------------------------------------------


def _nearby(missing: str) -> str:
    """`` (did you mean 'site/pages/'?)`` for a mistyped path whose folder holds a close name."""
    from copylint.words import closest

    folder, name = os.path.split(os.path.normpath(missing))
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return ""
    close = closest(name, [n for n in names if not n.startswith(".")])
    if close is None:
        return ""
    shown = os.path.join(folder, close) + (
        "/" if os.path.isdir(os.path.join(folder, close)) else ""
    )
    return f" (did you mean '{shown}'?)"


_worker_engine: Engine | None = None


def _init_worker(settings: Settings, force_format: str | None) -> None:
    global _worker_engine
    _worker_engine = Engine.from_settings(settings, force_format)


def _check_in_worker(paths: list[str]) -> list[tuple[FileResult, str | None]]:
    assert _worker_engine is not None
    return [_worker_engine.check_file_digest(p) for p in paths]


def lint_paths(
    paths: list[str],
    settings: Settings | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
    walk: files.WalkOptions | None = None,
    force_format: str | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Check files and directories; one FileResult per file (and per missing path), sorted by path.
    With a cache, files whose bytes it has seen with the same settings are not checked again."""
    settings = settings or Settings()
    found = files.discover(paths, walk or files.WalkOptions())
    results = [
        FileResult(p, error=Problem(p, "no such file or directory" + _nearby(p)), checked=False)
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


_default_engine: Engine | None = None


def default_engine() -> Engine:
    """The engine of the default settings (what ``copylint check`` uses without a configuration),
    built once per process on first use."""
    global _default_engine
    if _default_engine is None:
        _default_engine = Engine.from_settings(Settings())
    return _default_engine


def lint_text(
    text: str,
    path: str = "<text>",
    rulebook: Rulebook | None = None,
    engine: Engine | None = None,
) -> list[Finding]:
    """Findings that stand (not suppressed) in a piece of text, read as plain text unless
    ``path`` has a suffix with a projector of its own. The rules, suppressions and comments are
    those of ``copylint check`` with default settings, unless an ``engine`` (or a ``rulebook``)
    is given; the default engine is reused from call to call."""
    if engine is None:
        engine = Engine(rulebook) if rulebook is not None else default_engine()
    return [f for f in engine.lint_source(path, text) if not f.suppressed]
