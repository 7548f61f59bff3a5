"""Command line: parses options, calls the API, picks a reporter. No linting logic lives here."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from copylint import __version__
from copylint import config as config_file
from copylint.baseline import Baseline, BaselineError
from copylint.changes import ChangesError, changed_lines
from copylint.engine import Engine, lint_paths
from copylint.files import UnreadableFile, WalkOptions, read_stream, write_atomically
from copylint.findings import FileResult, Problem, severity_rank
from copylint.reporters import (
    ReportError,
    ReportOptions,
    RunResult,
    printable,
    project_root,
    relative_path,
    rule_list,
)
from copylint.reporters import explain as explain_text
from copylint.reporters import text as text_reporter
from copylint.reporters.registry import REPORTERS
from copylint.rulebook import Rulebook, RulePackError
from copylint.settings import Settings, UnknownName
from copylint.sources import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDIN = "-"


def _use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


class ConfigError(click.ClickException):
    """A broken rule pack, corpus or similar input the run depends on: exit 2, one line."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"copylint: error: {self.format_message()}", err=True)


def _settings(
    paths: list[str] | tuple[str, ...] = (),
    config_path: str | None = None,
    no_config: bool = False,
    rules_dirs: tuple[str, ...] = (),
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on: str | None = None,
) -> Settings:
    """The configuration (--config, else the nearest one above the checked paths) and the
    command line's choices. The rules are loaded once here so that a broken pack or an unknown
    name is reported before anything is checked."""
    config = None
    if config_path and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    try:
        if config_path:
            if not os.path.isfile(config_path):
                raise ConfigError(f"{config_path}: configuration file not found")
            config = config_file.load_config(config_path)
        elif not no_config:
            real = [p for p in paths if p != STDIN]
            start = os.path.commonpath([os.path.abspath(p) for p in real]) if real else os.getcwd()
            found = config_file.find_config(start)
            config = config_file.load_config(found) if found else None
        selected = _names(select)
        settings = Settings(
            config, config_file.Layer(selected or None, _names(ignore)), tuple(rules_dirs), fail_on
        )
        settings.full_rulebook()
    except (config_file.ConfigError, RulePackError) as exc:
        raise ConfigError(str(exc)) from None
    except UnknownName as exc:
        raise click.UsageError(str(exc)) from None
    return settings


def _engine(settings: Settings, force_format: str | None = None) -> Engine:
    try:
        return Engine.from_settings(settings, force_format)
    except (config_file.ConfigError, RulePackError) as exc:
        raise ConfigError(str(exc)) from None


def _cache(
    settings: Settings, cache_dir: str | None, no_cache: bool, force_format: str | None = None
):
    if no_cache:
        return None
    from copylint.cache import ResultCache, default_directory

    cache = ResultCache(
        cache_dir or default_directory(settings), settings, force_format, named=bool(cache_dir)
    )
    if cache.warning:  # a link or a folder that is not copylint's: not used (the cache then reads and writes nothing)
        click.echo(f"copylint: warning: {printable(cache.warning)}", err=True)
    return cache


cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="COPYLINT_CACHE_DIR",
    help="Where results are kept between runs (default: .copylint_cache next to the config, else here; env COPYLINT_CACHE_DIR).",
)


def cache_options(command):
    command = click.option(
        "--no-cache",
        is_flag=True,
        help="Check every file again; neither read nor write the result cache.",
    )(command)
    return cache_dir_option(command)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Use this configuration file instead of the nearest .copylint.yaml / pyproject.toml.",
)
no_config_option = click.option(
    "--no-config",
    is_flag=True,
    help="Ignore configuration files: built-in defaults and the command line only.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="copylint")
def cli() -> None:
    """copylint: find risky claims in clinic marketing copy and suggest compliant wording."""


rules_dir_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Directory of YAML rule packs to use instead of the built-in ones (repeatable).",
)


@cli.command()
@click.argument(
    "paths", nargs=-1, type=click.Path(readable=False)
)  # an unreadable path is the run's one-line error, not a usage error
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["auto", *REPORTERS]),
    default="auto",
    show_default=True,
    help="auto: github inside GitHub Actions (GITHUB_ACTIONS=true), else text.",
)
@click.option(
    "--output",
    "-o",
    "output_file",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--changed-only",
    metavar="REF",
    help="Report only findings on lines changed since the git ref REF (e.g. origin/main).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding at or above this severity stands (default: fail-on in the config, else warning).",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rule ids or categories (comma-separated, repeatable); overrides the config.",
)
@click.option(
    "--ignore",
    multiple=True,
    help="Skip these rule ids or categories (comma-separated, repeatable).",
)
@click.option(
    "--show-suppressed",
    is_flag=True,
    help="Also list suppressed findings (context, comment, baseline, allow) with the reason.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the rules' mechanical replacements to the files, then check them again.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the replacements --fix would make as a unified diff; change nothing.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Baseline file (default: .copylint-baseline.json next to the config, else here).",
)
@click.option("--no-baseline", is_flag=True, help="Report baselined findings too.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0 = one per core).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option("--stdin-filename", help="The name to report for text read from standard input.")
@click.option(
    "--force-format",
    type=click.Choice(sorted(FORMATS)),
    help="Read every file (and standard input) as this format, whatever its suffix.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Walk directories for files matching GLOB instead of the known suffixes (repeatable).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Never check paths matching GLOB, even when named (repeatable).",
)
@click.option("--no-gitignore", is_flag=True, help="Also walk files that git ignores.")
@click.option("--verbose", "-v", is_flag=True, help="Show a traceback on internal errors.")
@cache_options
@config_option
@no_config_option
@rules_dir_option
def check(
    paths,
    output_format,
    output_file,
    changed_only,
    fail_on,
    select,
    ignore,
    show_suppressed,
    fix,
    diff,
    baseline_file,
    no_baseline,
    jobs,
    quiet,
    stdin_filename,
    force_format,
    include,
    exclude,
    no_gitignore,
    verbose,
    cache_dir,
    no_cache,
    config_path,
    no_config,
    rules_dirs,
):
    """Check files and directories (or standard input) for risky claims.

    Directories are walked for HTML, Markdown/MDX, template, JSON/YAML, text and .docx files,
    skipping hidden, dependency and build folders and what .gitignore ignores. Files named
    explicitly are always checked. Use - (or pipe text with no path) to read standard input.
    """
    paths = list(paths)
    read_stdin = paths == [STDIN] or (not paths and not sys.stdin.isatty())
    if not paths and not read_stdin:
        raise click.UsageError(
            "no path given: name files or directories, or pipe text on standard input (or use -)"
        )
    if STDIN in paths and paths != [STDIN]:
        raise click.UsageError("- (standard input) cannot be mixed with paths")
    if fix and diff:
        raise click.UsageError(
            "--fix and --diff cannot be used together (--diff shows what --fix would do)"
        )
    if (fix or diff) and read_stdin:
        raise click.UsageError("--fix and --diff work on files, not standard input")
    if baseline_file and no_baseline:
        raise click.UsageError("--baseline and --no-baseline cannot be used together")

    located = [stdin_filename] if read_stdin and stdin_filename else paths
    settings = _settings(located, config_path, no_config, rules_dirs, select, ignore, fail_on)
    if output_file:
        _check_output_folder(output_file, "--output")
    engine = _engine(settings, force_format)
    walk = _walk_options(settings, _names(include), _names(exclude), not no_gitignore)

    if read_stdin:
        name = stdin_filename or "<stdin>"
        try:
            results = [engine.check_bytes(name, read_stream(sys.stdin.buffer))]
        except UnreadableFile as exc:  # more than a file may hold (cat /dev/zero | copylint check)
            results = [FileResult(name, error=Problem(name, str(exc)), checked=False)]
    else:
        cache = _cache(settings, cache_dir, no_cache, force_format)
        results = lint_paths(
            paths,
            settings,
            jobs=jobs,
            engine=engine if jobs == 1 else None,
            walk=walk,
            force_format=force_format,
            cache=cache,
        )
    baseline = None if no_baseline else _open_baseline(baseline_file, settings)
    if output_file:
        inputs = [] if read_stdin else [r.path for r in results]
        inputs += [settings.config.source] if settings.config else []
        inputs += [baseline.path] if baseline else []
        inputs += [
            str(f)
            for d in settings.rule_dirs + (settings.config.rules_dirs if settings.config else ())
            for f in _pack_files(d)
        ]
        _refuse_output_onto_input(output_file, inputs, "--output")
    changes = None
    if changed_only:
        try:
            changes = changed_lines(changed_only)
        except ChangesError as exc:
            raise ConfigError(f"--changed-only {changed_only}: {exc}") from None

    def narrow(results: list[FileResult]) -> list:
        stale = baseline.apply(results) if baseline else []
        if changes:
            changes.keep_only_changed(results)
        return stale

    stale = narrow(results)
    if diff:
        sys.exit(_show_diff(results, settings))
    if fix:
        results = _fix_files(results, engine)
        stale = narrow(results)

    run = RunResult(results, show_suppressed=show_suppressed, stale=stale)
    _report(run, output_format, output_file, quiet, engine.rulebook)
    sys.exit(EXIT_USAGE if run.errors else _exit_code(run.standing, settings))


def _walk_options(
    settings: Settings,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    gitignore: bool = True,
) -> WalkOptions:
    """The command line's globs with the configuration's: --include replaces, --exclude adds."""
    config = settings.config
    return WalkOptions(
        include=include or (config.include if config else ()),
        exclude=(config.exclude if config else ()) + exclude,
        gitignore=gitignore,
        base=config.root if config else None,
    )


def _exit_code(findings: list, settings: Settings) -> int:
    threshold = severity_rank(settings.fail_on)
    return (
        EXIT_FINDINGS
        if any(severity_rank(f.severity) >= threshold for f in findings if not f.suppressed)
        else EXIT_OK
    )


def _baseline_path(baseline_file: str | None, settings: Settings) -> str:
    try:
        return baseline_file or settings.baseline_path()
    except config_file.ConfigError as exc:
        raise ConfigError(printable(str(exc))) from None


def _open_baseline(baseline_file: str | None, settings: Settings) -> Baseline | None:
    path = _baseline_path(baseline_file, settings)
    if baseline_file and not os.path.exists(baseline_file):
        raise ConfigError(
            f"{printable(baseline_file)}: baseline file not found (write one with: copylint baseline)"
        )
    if not os.path.exists(path):
        return None  # (a folder, a FIFO or a device there is refused by Baseline.load, in one line)
    try:
        return Baseline.load(path)
    except BaselineError as exc:
        raise ConfigError(str(exc)) from None


def _show_diff(results: list[FileResult], settings: Settings) -> int:
    """Print the patch --fix would apply, as bytes in each file's own encoding (so git apply gives
    what --fix writes); exit 1 when any finding at the fail-on level stands. A file whose encoding
    a patch cannot carry (UTF-16, UTF-32) is left out with a note; it does not change the exit code."""
    from copylint.files import resolve_link
    from copylint.fixes import FixError, planned_fix

    root = project_root()
    fixes = left_out = 0
    notes = []
    shown: set[str] = set()
    for result in results:
        target = os.path.normpath(
            resolve_link(result.path)
        )  # a symbolic link's patch is its target's
        if os.path.realpath(target) in shown:
            continue  # a page and a link to it: one patch
        planned = planned_fix(result)
        if planned:
            shown.add(os.path.realpath(target))
            try:
                patch = planned.diff(relative_path(target, root))
            except FixError as exc:
                notes.append(f"{result.path}: note: {str(exc).removeprefix(f'{result.path}: ')}")
                left_out += planned.count
                continue
            click.echo(patch, nl=False)
            fixes += planned.count
    sys.stdout.flush()  # the patch before the summary, on a terminal too
    standing = [f for r in results for f in r.findings if not f.suppressed]
    left = sum(1 for f in standing if not f.fix)
    click.echo(
        text_reporter.render_problems(RunResult(results), include_warnings=False),
        nl=False,
        err=True,
    )
    for note in notes:
        click.echo(note, err=True)
    more = (
        f" ({left_out} more left out of it: see the note{'s' if len(notes) != 1 else ''})"
        if left_out
        else ""
    )
    click.echo(
        f"copylint: {fixes} fix{'es' if fixes != 1 else ''} in the diff{more}; {left} finding{'s need' if left != 1 else ' needs'} a person.",
        err=True,
    )
    return EXIT_USAGE if any(r.error for r in results) else _exit_code(standing, settings)


def _fix_files(results: list[FileResult], engine: Engine) -> list[FileResult]:
    from copylint.fixes import fix_files

    results, findings, files = fix_files(results, engine.check_file)
    click.echo(
        f"copylint: fixed {findings} finding{'s' if findings != 1 else ''} in {files} file{'s' if files != 1 else ''}.",
        err=True,
    )
    return results


def _check_output_folder(output_file: str, option: str) -> None:
    """Before any work: the report's folder exists (a missing one is a typo, not an internal error)."""
    folder = os.path.dirname(os.path.abspath(output_file))
    if not os.path.isdir(folder):
        why = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise ConfigError(f"{option} {printable(output_file)}: {printable(folder)} {why}")


def _pack_files(directory: str) -> list:
    from copylint.rulebook import pack_files

    try:
        return pack_files(Path(directory))
    except RulePackError:
        return []


def _same_file(path: str, others: list[str]) -> str | None:
    """The first of ``others`` that is ``path`` (the same inode: a link or another spelling too), or None."""
    try:
        target = os.stat(path)
    except OSError:
        return None  # not there yet: not one of the inputs
    for other in others:
        try:
            info = os.stat(other)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            return other
    return None


def _refuse_output_onto_input(output_file: str, inputs: list[str], option: str) -> None:
    """A report written over a page (or the configuration, the baseline, a corpus) destroys it: refuse, exit 2."""
    clash = _same_file(output_file, inputs)
    if clash is not None:
        same = (
            ""
            if os.path.normpath(clash) == os.path.normpath(output_file)
            else f" (it is {printable(clash)})"
        )
        raise ConfigError(
            f"{option} {printable(output_file)}: is one of the files this run reads{same}; not overwriting it"
        )


def _write_report(output_file: str, report: str, option: str = "--output") -> None:
    try:
        write_atomically(output_file, report)
    except OSError as exc:
        raise ConfigError(
            f"{option} {printable(output_file)}: cannot write the report: {exc.strerror or exc}"
        ) from None


def _report(
    run: RunResult, output_format: str, output_file: str | None, quiet: bool, rulebook: Rulebook
) -> None:
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    reporter = REPORTERS[output_format]
    # colour only for a terminal: never in a file, nor when NO_COLOR is set or stdout is piped
    options = ReportOptions(
        quiet=quiet, colour=not output_file and _use_colour(), rulebook=rulebook
    )
    report = reporter.render(run, options)
    if output_file:
        _write_report(output_file, report)
    else:
        click.echo(report, nl=False, color=_use_colour() and reporter.styled)
    problems = text_reporter.render_problems(run, include_warnings=not quiet)
    if problems:
        click.echo(problems, nl=False, err=True)
    if reporter.extra_outputs:
        try:
            reporter.extra_outputs(run, options)
        except ReportError as exc:
            raise ConfigError(str(exc)) from None


@cli.command()
@click.argument("rule_id")
@click.option(
    "--path",
    "for_path",
    metavar="FILE",
    help="Say whether the rule applies to this file (per-file sections).",
)
@config_option
@no_config_option
@rules_dir_option
def explain(rule_id, for_path, config_path, no_config, rules_dirs):
    """Explain a rule: message, rationale, references, suggestions, examples, and whether the
    configuration enables it."""
    settings = _settings([for_path] if for_path else [], config_path, no_config, rules_dirs)
    book = settings.full_rulebook()
    rule = book.by_id.get(rule_id)
    if rule is None:
        matches = [r for r in book if r.category == rule_id]
        if not matches:
            import difflib

            close = difflib.get_close_matches(rule_id, sorted(book.names()), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise click.UsageError(f"unknown rule '{rule_id}'{hint} (see 'copylint rules')")
        click.echo(explain_text.category_note(rule_id, matches))
        rule = matches[0]
    config_name = settings.config.source if settings.config else "no configuration file"
    status = settings.explain(book, rule, for_path)
    explanation = explain_text.render(
        rule, book.categories[rule.category], status, config_name, for_path
    )
    click.echo(explanation, nl=False, color=_use_colour())


@cli.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@config_option
@no_config_option
@rules_dir_option
def list_rules(output_format, config_path, no_config, rules_dirs):
    """List the rules: id, category, severity, jurisdictions (the site's own packs included).
    --format markdown writes the full reference (docs/rules.md)."""
    book = _settings([], config_path, no_config, rules_dirs).full_rulebook()
    if output_format == "markdown":
        from copylint.rules_doc import render_markdown

        click.echo(render_markdown(book), nl=False)
    elif output_format == "json":
        click.echo(rule_list.as_json(book), nl=False)
    else:
        click.echo(rule_list.table(book), nl=False)


@cli.command("test-rules")
@click.argument("pack_dirs", nargs=-1, type=click.Path(file_okay=False))
@config_option
@no_config_option
def test_rules(pack_dirs, config_path, no_config):
    """Run every rule's flag and pass examples; exit 1 if any fails. Without PACK_DIRS: the
    built-in packs and the site's own (rules-dirs in the config)."""
    from copylint.rule_tests import check_rulebook

    book = _settings([], config_path, no_config, tuple(pack_dirs)).full_rulebook()
    results = check_rulebook(book)
    failed = 0
    for rule_id, failures in results.items():
        rule = book.by_id[rule_id]
        if not failures:
            click.echo(
                f"ok    {rule_id} ({len(rule.flag_examples)} flag, {len(rule.pass_examples)} pass)"
            )
            continue
        failed += 1
        click.echo(click.style(f"FAIL  {rule_id}", fg="red"), color=_use_colour())
        for f in failures:
            click.echo(f"      {f.kind} example: {f.example!r}: {f.detail}")
    click.echo(f"\n{len(results) - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@cli.command("eval")
@click.argument("corpus", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Also write the report to this Markdown file, naming misses by source instead of quoting them; "
    "in a file with copylint eval markers only the text between them is replaced (docs/accuracy.md).",
)
@click.option(
    "--half",
    type=click.Choice(["tuning", "check"]),
    help="Measure one half of the corpus, split by a hash of each entry's source: rules are written from the "
    "tuning half's misses, and the check half measures them on sources they never saw.",
)
@click.option(
    "--pages",
    "pages_dir",
    type=click.Path(file_okay=False),
    help="CORPUS is a page audit (docs/page-audit.yaml): the folder of the audited pages.",
)
@rules_dir_option
def evaluate_command(corpus, output, half, pages_dir, rules_dirs):
    """Precision and recall on a labelled corpus (YAML list of text/label/categories), or with --pages
    on a hand audit of real pages. Configuration files are not read: it measures the rules as shipped."""
    from copylint.evaluate import (
        CorpusError,
        evaluate,
        load_corpus,
        render_markdown,
        split_halves,
        with_report,
    )

    if output:
        _check_output_folder(output, "--output")
        _refuse_output_onto_input(output, [corpus], "--output")
    if pages_dir:
        if half:
            raise click.UsageError(
                "--half splits a sentence corpus; a page audit is measured whole"
            )
        from copylint.page_audit import AuditError, load_audit, measure
        from copylint.page_audit import render_markdown as render_audit

        try:
            result = measure(load_audit(Path(corpus)), Path(pages_dir))
        except AuditError as exc:
            raise ConfigError(str(exc)) from None
        printed = written = render_audit(result, Path(corpus).name)
        section = Path(corpus).name
    else:
        try:
            entries = load_corpus(Path(corpus))
        except CorpusError as exc:
            raise ConfigError(str(exc)) from None
        name = Path(corpus).name
        if half:
            entries = split_halves(entries)[half]
            name = f"{name}, {half} half"
        engine = _engine(_settings([], None, True, rules_dirs))
        evaluation = evaluate(entries, engine)
        printed, written = (
            render_markdown(evaluation, name),
            render_markdown(evaluation, name, quote=False),
        )
        section = name if half else None
    click.echo(printed, nl=False)
    if output:
        target = Path(output)
        try:
            existing = target.read_text(encoding="utf-8") if target.exists() else None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{output}: cannot read the report to update it: {exc}") from None
        _write_report(output, with_report(existing, written, section))


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .copylint.yaml.")
def init(directory, force):
    """Write a commented starter .copylint.yaml in DIRECTORY (default: here)."""
    target = Path(directory) / ".copylint.yaml"
    if not Path(directory).is_dir():
        raise ConfigError(f"{directory}: no such directory")
    if target.exists() and not force:
        raise ConfigError(f"{target}: already exists (use --force to overwrite it)")
    write_atomically(str(target), config_file.STARTER)
    click.echo(
        f"wrote {target}; next: copylint check . (then copylint baseline to park today's findings)"
    )


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--prune", is_flag=True, help="Only drop entries that no longer match a finding; add nothing."
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Baseline file (default: .copylint-baseline.json next to the config, else here).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0 = one per core).",
)
@cache_options
@config_option
@no_config_option
def baseline_command(
    paths, prune, baseline_file, jobs, cache_dir, no_cache, config_path, no_config
):
    """Record the findings in PATHS (default: .) in the baseline, so that check reports only new
    ones. Entries of files not checked now are kept; --prune only drops entries that no longer match."""
    paths = list(paths) or ["."]
    settings = _settings(paths, config_path, no_config)
    path = _baseline_path(baseline_file, settings)
    try:
        baseline = Baseline.load(
            path
        )  # before the check: a baseline that cannot be read or written is reported at once
        baseline.refuse_link()
    except BaselineError as exc:
        raise ConfigError(str(exc)) from None
    results = lint_paths(
        paths,
        settings,
        jobs=jobs,
        walk=_walk_options(settings),
        cache=_cache(settings, cache_dir, no_cache),
    )
    for problem in [r.error for r in results if r.error]:
        click.echo(printable(f"{problem.path}: error: {problem.message}"), err=True)
    added, removed = baseline.rewrite(results, prune_only=prune)
    try:
        baseline.save()
    except BaselineError as exc:
        raise ConfigError(str(exc)) from None
    count = len(baseline.entries)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    click.echo(
        printable(
            f"{shown}: {count} entr{'ies' if count != 1 else 'y'} ({added} added, {removed} removed)"
        )
    )
    sys.exit(EXIT_USAGE if any(r.error for r in results) else EXIT_OK)


@cli.command("clean")
@cache_dir_option
@config_option
@no_config_option
def clean_command(cache_dir, config_path, no_config):
    """Remove the result cache (.copylint_cache): only a folder copylint made and tagged
    (CACHEDIR.TAG), and in it only copylint's own files."""
    from copylint.cache import CacheError, clear, default_directory

    directory = cache_dir or default_directory(_settings([], config_path, no_config))
    try:
        where, removed = clear(directory, named=bool(cache_dir))
    except CacheError as exc:
        raise ConfigError(printable(str(exc))) from None
    click.echo(
        f"removed {printable(str(where))}" if removed else f"no cache at {printable(str(where))}"
    )


def main(argv: list[str] | None = None, prog_name: str = "copylint") -> None:
    """Entry point: click handles usage errors (exit 2); anything unexpected exits 3 in one line."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name=prog_name, standalone_mode=True)
    except SystemExit:
        raise
    except BrokenPipeError:  # `copylint check . | head`: stop quietly
        sys.stderr.close()
        sys.exit(EXIT_FINDINGS)
    except Exception as exc:  # noqa: BLE001 — the last line of defence
        if "--verbose" in args or "-v" in args:
            traceback.print_exc()
        detail = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(
            f"copylint: internal error: {type(exc).__name__}: {detail} (run with --verbose for the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
