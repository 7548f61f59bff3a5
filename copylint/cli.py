"""Command line: parses options into an options object, calls the package, prints what it
returns and exits with its code. No linting logic lives here (see run.py)."""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click

from copylint import __version__, run
from copylint import config as config_file
from copylint.engine import Engine
from copylint.files import write_atomically
from copylint.output import OutputError, write_report
from copylint.reporters import (
    ReportError,
    ReportOptions,
    RunResult,
    printable,
    rule_list,
)
from copylint.reporters import explain as explain_text
from copylint.reporters import text as text_reporter
from copylint.reporters.registry import REPORTERS
from copylint.rulebook import Rulebook
from copylint.run import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, STDIN
from copylint.settings import Settings
from copylint.sources import FORMATS
from copylint.words import did_you_mean


def _use_colour(choice: str = "auto") -> bool:
    """--color: always, never, or auto (a terminal, and NO_COLOR unset)."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


class ConfigError(click.ClickException):
    """A broken rule pack, corpus or similar input the run depends on: exit 2, one line."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"copylint: error: {self.format_message()}", err=True)


@contextmanager
def _click_errors() -> Iterator[None]:
    """The package's errors as the command line's: a usage error, or one line and exit 2."""
    try:
        yield
    except run.OptionConflict as exc:
        raise click.UsageError(str(exc)) from None
    except (run.RunError, OutputError) as exc:
        raise ConfigError(str(exc)) from None


@dataclass
class _Diagnostics:
    """Whether main() prints the traceback of an internal error: the --verbose flag once click
    has parsed it; before that (or for a command without the flag), COPYLINT_VERBOSE."""

    verbose: bool = field(
        default_factory=lambda: (
            os.environ.get("COPYLINT_VERBOSE", "").lower() in ("1", "true", "yes", "on")
        )
    )


def _remember_verbose(ctx: click.Context, value: bool) -> None:
    ctx.ensure_object(_Diagnostics).verbose = value


def _settings(
    paths: list[str] | tuple[str, ...] = (),
    config_path: str | None = None,
    no_config: bool = False,
    rules_dirs: tuple[str, ...] = (),
) -> Settings:
    with _click_errors():
        return run.load_settings(paths, config_path, no_config, rules_dirs)


def _engine(settings: Settings, force_format: str | None = None) -> Engine:
    with _click_errors():
        return run.make_engine(settings, force_format)


cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="COPYLINT_CACHE_DIR",
    help="Where results are kept between runs (default: .copylint_cache next to the config, "
    "else here; env COPYLINT_CACHE_DIR).",
)


baseline_file_option = click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Baseline file (default: .copylint-baseline.json next to the config, else here).",
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0 = one per core).",
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
    "--statistics",
    is_flag=True,
    help="Count the findings per rule and per category, most first, instead of listing them "
    "(text, concise or json).",
)
@click.option(
    "--changed-only",
    metavar="REF",
    is_flag=False,
    flag_value="",
    help="Report only findings on lines changed since the git ref REF (origin/main, or "
    "origin/main... for since the merge base); with no REF inside a pull request's workflow, "
    "since its base branch (GITHUB_BASE_REF).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding at or above this severity stands "
    "(default: fail-on in the config, else warning).",
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
@baseline_file_option
@click.option("--no-baseline", is_flag=True, help="Report baselined findings too.")
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when findings stand (2 still means the run could not check something).",
)
@click.option(
    "--color",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: auto is a terminal with NO_COLOR unset.",
)
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
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    envvar="COPYLINT_VERBOSE",
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, param, value: _remember_verbose(ctx, value),
    help="Show a traceback on internal errors (env COPYLINT_VERBOSE).",
)
@cache_options
@config_option
@no_config_option
@rules_dir_option
def check(
    paths,
    output_format,
    output_file,
    statistics,
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
    exit_zero,
    colour,
    stdin_filename,
    force_format,
    include,
    exclude,
    no_gitignore,
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
    read_stdin = paths == (STDIN,) or (not paths and not sys.stdin.isatty())
    output_format = _resolved_format(output_format, statistics)
    if statistics and REPORTERS[output_format].statistics is None:
        with_counts = ", ".join(name for name, r in REPORTERS.items() if r.statistics)
        raise click.UsageError(
            f"--statistics has no {output_format} form; use --format {with_counts}"
        )
    with _click_errors():
        options = run.CheckOptions(
            paths=tuple(paths),
            stdin=read_stdin,
            stdin_filename=stdin_filename,
            output_file=output_file,
            changed_only=changed_only,
            fail_on=fail_on,
            select=_names(select),
            ignore=_names(ignore),
            show_suppressed=show_suppressed,
            fix=fix,
            diff=diff,
            baseline_file=baseline_file,
            use_baseline=not no_baseline,
            jobs=jobs,
            force_format=force_format,
            include=_names(include),
            exclude=_names(exclude),
            gitignore=not no_gitignore,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            config_path=config_path,
            no_config=no_config,
            rules_dirs=tuple(rules_dirs),
        )
        outcome = run.check(options, sys.stdin.buffer if read_stdin else None)
    for note in outcome.notes:
        click.echo(note, err=True)
    if outcome.default_jurisdictions and not quiet and sys.stderr.isatty():
        click.echo(jurisdictions_hint(outcome.default_jurisdictions), err=True)
    if outcome.result is None:  # --diff: the patch is the report
        for patch in outcome.patch:
            click.echo(patch, nl=False)
        sys.stdout.flush()  # the patch before the summary, on a terminal too
        for text in outcome.after_patch:
            click.echo(text, nl=False, err=True)
        _exit(outcome.exit_code, exit_zero)
    _report(
        outcome.result,
        output_format,
        output_file,
        quiet,
        outcome.rulebook,
        colour,
        statistics,
        outcome.jurisdictions,
    )
    _exit(outcome.exit_code, exit_zero)


def _resolved_format(output_format: str, statistics: bool = False) -> str:
    """--format auto: github inside GitHub Actions, else text (and text for --statistics, which
    GitHub's annotations have no form of)."""
    if output_format != "auto":
        return output_format
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    return "github" if in_actions and not statistics else "text"


def _exit(code: int, exit_zero: bool) -> None:
    """--exit-zero turns "findings stand" into success; a run that could not check stays 2."""
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def _write_report(output_file: str, report: str, option: str = "--output") -> None:
    with _click_errors():
        write_report(output_file, report, option)


def _report(
    run: RunResult,
    output_format: str,
    output_file: str | None,
    quiet: bool,
    rulebook: Rulebook,
    colour: str = "auto",
    statistics: bool = False,
    jurisdictions: tuple[str, ...] = (),
) -> None:
    reporter = REPORTERS[_resolved_format(output_format, statistics)]
    # colour only for a terminal: never in a file, nor when NO_COLOR is set or stdout is piped
    options = ReportOptions(
        quiet=quiet,
        colour=not output_file and _use_colour(colour),
        rulebook=rulebook,
        jurisdictions=jurisdictions,
    )
    render = reporter.statistics if statistics and reporter.statistics else reporter.render
    report = render(run, options)
    if output_file:
        _write_report(output_file, report)
    else:
        click.echo(report, nl=False, color=_use_colour(colour) and reporter.styled)
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
            hint = did_you_mean(rule_id, book.names())
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
    """Run every rule's examples (flag, pass, and the fix and nofix examples of what --fix does);
    exit 1 if any fails. Without PACK_DIRS: the built-in packs and the site's own (rules-dirs in
    the config)."""
    from copylint.rule_tests import check_rulebook

    book = _settings([], config_path, no_config, tuple(pack_dirs)).full_rulebook()
    results = check_rulebook(book)
    failed = 0
    for rule_id, failures in results.items():
        rule = book.by_id[rule_id]
        if not failures:
            counts = [
                f"{len(examples)} {kind}"
                for kind, examples in (
                    ("flag", rule.flag_examples),
                    ("pass", rule.pass_examples),
                    ("fix", rule.fix_examples),
                    ("nofix", rule.nofix_examples),
                )
                if examples or kind in ("flag", "pass")
            ]
            click.echo(f"ok    {rule_id} ({', '.join(counts)})")
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
    help="Also write the report to this Markdown file, naming misses by source instead of "
    "quoting them; in a file with copylint eval markers only the text between them is replaced "
    "(docs/accuracy.md).",
)
@click.option(
    "--half",
    type=click.Choice(["tuning", "check"]),
    help="Measure one half of the corpus, split by a hash of each entry's source: rules are "
    "written from the tuning half's misses, and the check half measures them on sources they "
    "never saw.",
)
@click.option(
    "--pages",
    "pages_dir",
    type=click.Path(file_okay=False),
    help="CORPUS is a page audit (docs/page-audit.yaml): the folder of the audited pages.",
)
@rules_dir_option
def evaluate_command(corpus, output, half, pages_dir, rules_dirs):
    """Precision and recall on a labelled corpus (YAML list of text/label/categories), or with
    --pages on a hand audit of real pages. Configuration files are not read: it measures the
    rules as shipped."""
    options = run.EvalOptions(corpus, output, half, pages_dir, tuple(rules_dirs))
    with _click_errors():
        measured = run.evaluate_corpus(options)
    click.echo(measured.printed, nl=False)
    if output:
        with _click_errors():
            run.write_eval_report(output, measured)


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .copylint.yaml.")
@click.option(
    "--jurisdiction",
    "-j",
    "jurisdictions",
    multiple=True,
    type=click.Choice(config_file.JURISDICTIONS),
    help="Where the site advertises (repeatable): only the rules of its laws apply. Asked on a "
    "terminal; all four otherwise.",
)
def init(directory, force, jurisdictions):
    """Write a commented starter .copylint.yaml in DIRECTORY (default: here)."""
    target = Path(directory) / ".copylint.yaml"
    if not Path(directory).is_dir():
        raise ConfigError(f"{directory}: no such directory")
    if target.exists() and not force:
        raise ConfigError(f"{target}: already exists (use --force to overwrite it)")
    chosen = tuple(dict.fromkeys(jurisdictions)) or _ask_jurisdictions()
    write_atomically(str(target), config_file.starter(chosen))
    click.echo(
        f"wrote {target} for {', '.join(j.upper() for j in chosen)} law; next: copylint check . "
        "(then copylint baseline to park today's findings)"
    )


def jurisdictions_hint(checked: tuple[str, ...]) -> str:
    """Said once on a terminal when no configuration names the jurisdictions."""
    return (
        f"copylint: checking the rules of {', '.join(j.upper() for j in checked)} law (no "
        "configuration names jurisdictions); choose yours with `copylint init --jurisdiction us` "
        "or `jurisdictions: [us]` in .copylint.yaml"
    )


def _ask_jurisdictions() -> tuple[str, ...]:
    """The jurisdictions the user names at the terminal, or all of them when nobody can be
    asked (a script, CI)."""
    every = config_file.JURISDICTIONS
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return every
    while True:
        answer = click.prompt(
            f"Where does the site advertise? Some of {', '.join(every)}, comma-separated",
            default=", ".join(every),
        )
        named = tuple(dict.fromkeys(w for w in re.split(r"[\s,]+", answer.lower()) if w))
        unknown = [w for w in named if w not in every]
        if named and not unknown:
            return named
        click.echo(f"unknown: {', '.join(unknown) or 'none given'}; choose from {', '.join(every)}")


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--prune", is_flag=True, help="Only drop entries that no longer match a finding; add nothing."
)
@baseline_file_option
@jobs_option
@cache_options
@config_option
@no_config_option
def baseline_command(
    paths, prune, baseline_file, jobs, cache_dir, no_cache, config_path, no_config
):
    """Record the findings in PATHS (default: .) in the baseline, so that check reports only new
    ones. Entries of files not checked now are kept; --prune only drops entries that no longer
    match."""
    options = run.BaselineOptions(
        paths=tuple(paths) or (".",),
        prune=prune,
        baseline_file=baseline_file,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        config_path=config_path,
        no_config=no_config,
    )
    with _click_errors():
        outcome = run.baseline(options)
    for note in outcome.notes:
        click.echo(note, err=True)
    click.echo(outcome.summary)
    sys.exit(outcome.exit_code)


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


@cli.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the only transport; editors often pass it).",
)
def lsp(stdio: bool) -> None:
    """Run the language server for editors: diagnostics as you type, quick fixes, suppression
    comments and rule explanations on hover (needs: pip install 'copylint[lsp]')."""
    from copylint.lsp import ServerMissing, serve

    try:
        serve()
    except ServerMissing as exc:
        raise ConfigError(str(exc)) from None


def main(argv: list[str] | None = None, prog_name: str = "copylint") -> None:
    """Entry point: click handles usage errors (exit 2); anything unexpected exits 3 in one line,
    with its traceback first under --verbose (or COPYLINT_VERBOSE, see _Diagnostics)."""
    args = sys.argv[1:] if argv is None else argv
    diagnostics = _Diagnostics()
    try:
        cli.main(args=args, prog_name=prog_name, standalone_mode=True, obj=diagnostics)
    except SystemExit:
        raise
    except BrokenPipeError:  # `copylint check . | head`: stop quietly
        sys.stderr.close()
        sys.exit(EXIT_FINDINGS)
    except Exception as exc:  # noqa: BLE001 — the last line of defence
        if diagnostics.verbose:
            traceback.print_exc()
        detail = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(
            f"copylint: internal error: {type(exc).__name__}: {detail} "
            "(run with --verbose for the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
