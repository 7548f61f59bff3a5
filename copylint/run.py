"""One run of ``copylint check`` or ``copylint baseline``, behind one options object.

The command line parses its options into a ``CheckOptions`` (or ``BaselineOptions``) and calls
``check`` (or ``baseline``), which returns what to show and the exit code; printing stays with
the caller. Problems the run detects are typed exceptions: ``OptionConflict`` (a usage error)
and ``RunError`` (a broken input the run depends on, one line), which the command line turns
into its messages and exit codes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO

from copylint import config as config_file
from copylint.baseline import Baseline, BaselineError
from copylint.changes import ChangesError, changed_lines
from copylint.engine import Engine, lint_paths
from copylint.files import UnreadableFile, WalkOptions, read_stream
from copylint.findings import FileResult, Finding, Problem
from copylint.output import check_output_folder, refuse_output_onto_input, write_report
from copylint.reporters import RunResult, printable, project_root, relative_path
from copylint.reporters.text import render_problems
from copylint.rulebook import Rulebook, RulePackError, rule_files
from copylint.settings import Settings, UnknownName
from copylint.stages import decide
from copylint.words import plural, word_form

if TYPE_CHECKING:
    from copylint.cache import ResultCache

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDIN = "-"


class RunError(Exception):
    """A broken rule pack, configuration, baseline or similar input the run depends on."""


class OptionConflict(ValueError):
    """Options that cannot be used together, or a run with nothing to check: a usage error."""


# --- settings, engine, cache -------------------------------------------------------------------


def load_settings(
    paths: list[str] | tuple[str, ...] = (),
    config_path: str | None = None,
    no_config: bool = False,
    rules_dirs: tuple[str, ...] = (),
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on: str | None = None,
) -> Settings:
    """The configuration (``config_path``, else the nearest one above the checked paths) and the
    command line's choices. The rules are loaded once here so that a broken pack or an unknown
    name is reported before anything is checked."""
    config = None
    if config_path and no_config:
        raise OptionConflict("--config and --no-config cannot be used together")
    try:
        if config_path:
            if not os.path.isfile(config_path):
                raise RunError(f"{config_path}: configuration file not found")
            config = config_file.load_config(config_path)
        elif not no_config:
            real = [p for p in paths if p != STDIN]
            start = os.path.commonpath([os.path.abspath(p) for p in real]) if real else os.getcwd()
            found = config_file.find_config(start)
            config = config_file.load_config(found) if found else None
        settings = Settings(
            config, config_file.Layer(select or None, ignore), tuple(rules_dirs), fail_on
        )
        settings.full_rulebook()
    except (config_file.ConfigError, RulePackError) as exc:
        raise RunError(str(exc)) from None
    except UnknownName as exc:
        raise OptionConflict(str(exc)) from None
    return settings


def make_engine(settings: Settings, force_format: str | None = None) -> Engine:
    try:
        return Engine.from_settings(settings, force_format)
    except (config_file.ConfigError, RulePackError) as exc:
        raise RunError(str(exc)) from None


def open_cache(
    settings: Settings,
    cache_dir: str | None,
    use_cache: bool,
    notes: list[str],
    force_format: str | None = None,
) -> ResultCache | None:
    """The result cache (None without one); a cache that cannot be used adds a warning to
    ``notes`` (the cache then reads and writes nothing)."""
    if not use_cache:
        return None
    from copylint.cache import ResultCache, default_directory

    cache = ResultCache(
        cache_dir or default_directory(settings), settings, force_format, named=bool(cache_dir)
    )
    if cache.warning:  # a link or a folder that is not copylint's
        notes.append(f"copylint: warning: {printable(cache.warning)}")
    return cache


def walk_options(
    settings: Settings,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    gitignore: bool = True,
) -> WalkOptions:
    """The command line's globs with the configuration's: --include replaces, --exclude adds. The
    site's own rule packs (``rules-dirs``) are rules, never copy."""
    config = settings.config
    own_rules: tuple[str, ...] = ()
    if config:
        for folder in config.rules_dirs:
            relative = os.path.relpath(folder, config.root)
            if not relative.startswith(".."):
                own_rules += (PurePath(relative).as_posix() + "/**",)
    return WalkOptions(
        include=include or (config.include if config else ()),
        exclude=(config.exclude if config else ()) + own_rules + exclude,
        gitignore=gitignore,
        base=config.root if config else None,
    )


# --- the baseline ------------------------------------------------------------------------------


def baseline_path(baseline_file: str | None, settings: Settings) -> str:
    try:
        return baseline_file or settings.baseline_path()
    except config_file.ConfigError as exc:
        raise RunError(printable(str(exc))) from None


def open_baseline(baseline_file: str | None, settings: Settings) -> Baseline | None:
    path = baseline_path(baseline_file, settings)
    if baseline_file and not os.path.exists(baseline_file):
        raise RunError(
            f"{printable(baseline_file)}: baseline file not found "
            "(write one with: copylint baseline)"
        )
    if not os.path.exists(path):
        return None  # (a folder, a FIFO or a device there is refused by Baseline.load, in one line)
    try:
        return Baseline.load(path)
    except BaselineError as exc:
        raise RunError(str(exc)) from None


# --- check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckOptions:
    """What ``copylint check`` was asked to do (names split, flags as the run reads them)."""

    paths: tuple[str, ...] = ()
    stdin: bool = False  # read standard input (paths is () or ("-",))
    stdin_filename: str | None = None
    output_file: str | None = None  # the report's file: checked here, written by the caller
    changed_only: str | None = None  # a git ref
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    show_suppressed: bool = False
    fix: bool = False
    diff: bool = False
    baseline_file: str | None = None
    use_baseline: bool = True
    jobs: int = 1
    force_format: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    cache_dir: str | None = None
    use_cache: bool = True
    config_path: str | None = None
    no_config: bool = False
    rules_dirs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.paths and not self.stdin:
            raise OptionConflict(
                "no path given: name files or directories, or pipe text on standard input "
                "(or use -)"
            )
        if STDIN in self.paths and self.paths != (STDIN,):
            raise OptionConflict("- (standard input) cannot be mixed with paths")
        if self.fix and self.diff:
            raise OptionConflict(
                "--fix and --diff cannot be used together (--diff shows what --fix would do)"
            )
        if (self.fix or self.diff) and self.stdin:
            raise OptionConflict("--fix and --diff work on files, not standard input")
        if self.baseline_file and not self.use_baseline:
            raise OptionConflict("--baseline and --no-baseline cannot be used together")


@dataclass(frozen=True)
class CheckRun:
    """What a check found and what to show: ``notes`` go to standard error before the report.
    With --diff there is no report: ``patch`` (bytes in each file's encoding) goes to standard
    output, then ``after_patch`` to standard error."""

    exit_code: int
    rulebook: Rulebook
    result: RunResult | None = None
    notes: tuple[str, ...] = ()
    patch: tuple[bytes, ...] = ()
    after_patch: tuple[str, ...] = ()
    # when no configuration names jurisdictions, those checked by default: a hint for a person
    default_jurisdictions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()  # whose law the run checked (reports name them)


def default_jurisdictions(settings: Settings) -> tuple[str, ...]:
    """The jurisdictions checked because no configuration names any (empty when one does)."""
    return () if settings.jurisdictions_chosen else settings.jurisdictions


def _unmatched_per_file(
    paths: tuple[str, ...], settings: Settings, results: list[FileResult]
) -> list[str]:
    """A note per per-file glob that matches no file of a run over the whole site (a run over
    some files matches only some globs, and says nothing)."""
    config = settings.config
    if not config or not any(
        os.path.commonpath([os.path.abspath(p), config.root]) == os.path.abspath(p) for p in paths
    ):
        return []
    checked = [r.path for r in results if r.checked]
    return [
        f"copylint: {config.source}: per-file '{pattern}' matches none of the "
        f"{plural(len(checked), 'file')} checked (a typo, or a folder renamed?)"
        for pattern in settings.unmatched_per_file(checked)
    ]


def check(options: CheckOptions, stdin: BinaryIO | None = None) -> CheckRun:
    """Check the files (or ``stdin``, standard input by default) as ``options`` say. Raises
    OptionConflict, RunError or OutputError before any file is written."""
    located = (
        [options.stdin_filename] if options.stdin and options.stdin_filename else options.paths
    )
    settings = load_settings(
        list(located),
        options.config_path,
        options.no_config,
        options.rules_dirs,
        options.select,
        options.ignore,
        options.fail_on,
    )
    if options.output_file:
        check_output_folder(options.output_file, "--output")
    engine = make_engine(settings, options.force_format)
    walk = walk_options(settings, options.include, options.exclude, options.gitignore)
    notes: list[str] = []

    if options.stdin:
        name = options.stdin_filename or "<stdin>"
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = read_stream(stream)
        except UnreadableFile as exc:  # more than a file may hold (cat /dev/zero | copylint check)
            results = [FileResult(name, error=Problem(name, str(exc)), checked=False)]
        else:
            if not data and not options.paths:  # a script that forgot its paths must not pass
                raise RunError(
                    "no paths given and standard input is empty: name the files or folders to "
                    "check (copylint check site/), or - to read standard input on purpose"
                )
            results = [engine.check_bytes(name, data)]
    else:
        cache = open_cache(
            settings, options.cache_dir, options.use_cache, notes, options.force_format
        )
        results = lint_paths(
            list(options.paths),
            settings,
            jobs=options.jobs,
            engine=engine if options.jobs == 1 else None,
            walk=walk,
            force_format=options.force_format,
            cache=cache,
        )
        notes += _unmatched_per_file(options.paths, settings, results)
    baseline = open_baseline(options.baseline_file, settings) if options.use_baseline else None
    if options.output_file:
        refuse_output_onto_input(
            options.output_file, _inputs(options, settings, results, baseline), "--output"
        )
    changes = None
    if options.changed_only is not None:
        try:
            changes = changed_lines(options.changed_only)
        except ChangesError as exc:
            raise RunError(f"--changed-only {options.changed_only}".rstrip() + f": {exc}") from None

    def narrow(results: list[FileResult]) -> tuple[list[FileResult], list]:
        results, stale = decide.baselined(results, baseline) if baseline else (results, [])
        if changes:
            results = decide.on_changed_lines(results, changes)
        return results, stale

    results, stale = narrow(results)
    if options.diff:
        return _diff_run(results, settings, engine.rulebook, notes)
    if options.fix:
        results, stale = narrow(_fix_files(results, engine, notes))

    reported = RunResult(results, show_suppressed=options.show_suppressed, stale=stale)
    code = EXIT_USAGE if reported.errors else exit_code(reported.standing, settings)
    return CheckRun(
        code,
        engine.rulebook,
        reported,
        tuple(notes),
        default_jurisdictions=default_jurisdictions(settings),
        jurisdictions=settings.jurisdictions,
    )


def _inputs(
    options: CheckOptions,
    settings: Settings,
    results: list[FileResult],
    baseline: Baseline | None,
) -> list[str]:
    """Every file the run read: the report may not be written over any of them."""
    inputs = [] if options.stdin else [r.path for r in results]
    inputs += [settings.config.source] if settings.config else []
    inputs += [baseline.path] if baseline else []
    site_dirs = settings.config.rules_dirs if settings.config else ()
    inputs += [str(f) for d in settings.rule_dirs + site_dirs for f in _pack_files(d)]
    return inputs


def _pack_files(directory: str) -> list[Path]:
    """A rules folder's packs and lexicons."""
    try:
        return rule_files(Path(directory))
    except RulePackError:
        return []


def exit_code(findings: list[Finding], settings: Settings) -> int:
    return EXIT_FINDINGS if decide.fails(findings, settings.fail_on) else EXIT_OK


def _diff_run(
    results: list[FileResult], settings: Settings, rulebook: Rulebook, notes: list[str]
) -> CheckRun:
    """The patch --fix would apply, as bytes in each file's own encoding (so git apply gives
    what --fix writes); exit 1 when any finding at the fail-on level stands. A file whose
    encoding a patch cannot carry (UTF-16, UTF-32) is left out with a note; it does not change
    the exit code."""
    from copylint.files import resolve_link
    from copylint.fixes import FixError, planned_fix

    root = project_root()
    fixes = left_out = 0
    patch = []
    left_out_notes = []
    shown: set[str] = set()
    results = list(results)
    for index, result in enumerate(results):
        target = os.path.normpath(resolve_link(result.path))  # a link's patch is its target's
        if os.path.realpath(target) in shown:
            continue  # a page and a link to it: one patch
        planned, results[index] = planned_fix(result)
        if planned:
            shown.add(os.path.realpath(target))
            try:
                patch.append(planned.diff(relative_path(target, root)))
            except FixError as exc:
                note = str(exc).removeprefix(f"{result.path}: ")
                left_out_notes.append(f"{result.path}: note: {note}")
                left_out += planned.count
                continue
            fixes += planned.count
    standing = [f for r in results for f in r.findings if not f.suppressed]
    left = sum(1 for f in standing if not f.fix)
    more = (
        f" ({left_out} more left out of it: see the {word_form(len(left_out_notes), 'note')})"
        if left_out
        else ""
    )
    summary = (
        f"copylint: {plural(fixes, 'fix', 'fixes')} in the diff{more}; "
        f"{plural(left, 'finding needs', 'findings need')} a person.\n"
    )
    after_patch = (
        render_problems(RunResult(results), include_warnings=False),
        *(note + "\n" for note in left_out_notes),
        summary,
    )
    code = EXIT_USAGE if any(r.error for r in results) else exit_code(standing, settings)
    return CheckRun(
        code,
        rulebook,
        None,
        tuple(notes),
        tuple(patch),
        after_patch,
        default_jurisdictions(settings),
    )


def _fix_files(results: list[FileResult], engine: Engine, notes: list[str]) -> list[FileResult]:
    from copylint.fixes import fix_files

    results, findings, files = fix_files(results, engine.check_file)
    notes.append(f"copylint: fixed {plural(findings, 'finding')} in {plural(files, 'file')}.")
    return results


# --- baseline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineOptions:
    """What ``copylint baseline`` was asked to do."""

    paths: tuple[str, ...] = (".",)
    prune: bool = False  # only drop entries that no longer match; add nothing
    baseline_file: str | None = None
    jobs: int = 1
    cache_dir: str | None = None
    use_cache: bool = True
    config_path: str | None = None
    no_config: bool = False


@dataclass(frozen=True)
class BaselineRun:
    """``notes`` go to standard error (files that could not be checked), ``summary`` to
    standard output."""

    exit_code: int
    summary: str
    notes: tuple[str, ...] = ()


def baseline(options: BaselineOptions) -> BaselineRun:
    """Record the findings in the paths in the baseline. Entries of files not checked now are
    kept. Raises OptionConflict or RunError (a baseline that cannot be read or written is
    reported before the check)."""
    paths = list(options.paths) or ["."]
    settings = load_settings(paths, options.config_path, options.no_config)
    path = baseline_path(options.baseline_file, settings)
    try:
        recorded = Baseline.load(path)
        recorded.refuse_link()
    except BaselineError as exc:
        raise RunError(str(exc)) from None
    notes: list[str] = []
    results = lint_paths(
        paths,
        settings,
        jobs=options.jobs,
        walk=walk_options(settings),
        cache=open_cache(settings, options.cache_dir, options.use_cache, notes),
    )
    notes += [printable(f"{r.error.path}: error: {r.error.message}") for r in results if r.error]
    added, removed = recorded.rewrite(results, prune_only=options.prune)
    try:
        recorded.save()
    except BaselineError as exc:
        raise RunError(str(exc)) from None
    count = len(recorded.entries)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    summary = printable(
        f"{shown}: {plural(count, 'entry', 'entries')} ({added} added, {removed} removed)"
    )
    code = EXIT_USAGE if any(r.error for r in results) else EXIT_OK
    return BaselineRun(code, summary, tuple(notes))


# --- eval --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalOptions:
    """What ``copylint eval`` was asked to measure (configuration files are never read)."""

    corpus: str
    output_file: str | None = None  # also write the report there (checked before any work)
    half: str | None = None  # "tuning" or "check": one half of a sentence corpus
    pages_dir: str | None = None  # the corpus is a page audit of the pages in this folder
    rules_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalRun:
    printed: str  # for standard output
    written: str  # for the output file: misses named by source instead of quoted
    section: str | None  # the part of an existing report file it replaces (None: all of it)


def evaluate_corpus(options: EvalOptions) -> EvalRun:
    """Precision and recall on a labelled corpus, or on a page audit. Raises OptionConflict,
    RunError or OutputError."""
    from copylint.evaluate import CorpusError, evaluate, load_corpus, render_markdown, split_halves

    if options.output_file:
        check_output_folder(options.output_file, "--output")
        refuse_output_onto_input(options.output_file, [options.corpus], "--output")
    corpus = Path(options.corpus)
    if options.pages_dir:
        if options.half:
            raise OptionConflict("--half splits a sentence corpus; a page audit is measured whole")
        from copylint.page_audit import AuditError, load_audit, measure
        from copylint.page_audit import render_markdown as render_audit

        try:
            result = measure(load_audit(corpus), Path(options.pages_dir))
        except AuditError as exc:
            raise RunError(str(exc)) from None
        report = render_audit(result, corpus.name)
        return EvalRun(report, report, corpus.name)
    try:
        entries = load_corpus(corpus)
    except CorpusError as exc:
        raise RunError(str(exc)) from None
    name = corpus.name
    if options.half:
        entries = split_halves(entries)[options.half]
        name = f"{name}, {options.half} half"
    engine = make_engine(load_settings([], None, True, options.rules_dirs))
    evaluation = evaluate(entries, engine)
    return EvalRun(
        render_markdown(evaluation, name),
        render_markdown(evaluation, name, quote=False),
        name if options.half else None,
    )


def write_eval_report(output_file: str, measured: EvalRun) -> None:
    """Write the report, replacing only the text between copylint eval markers in a file that
    has them. Raises RunError or OutputError."""
    from copylint.evaluate import with_report

    target = Path(output_file)
    try:
        existing = target.read_text(encoding="utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise RunError(f"{output_file}: cannot read the report to update it: {exc}") from None
    write_report(output_file, with_report(existing, measured.written, measured.section))
