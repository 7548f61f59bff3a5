"""Command line: parses options, calls the API, picks a reporter. No linting logic lives here."""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

import click

from copylint import __version__
from copylint.changes import ChangesError, changed_lines
from copylint.engine import Engine, RuleChoice, lint_paths
from copylint.files import WalkOptions, write_atomically
from copylint.findings import severity_rank
from copylint.reporters import RunResult, project_root
from copylint.reporters import github as github_reporter
from copylint.reporters import json as json_reporter
from copylint.reporters import sarif as sarif_reporter
from copylint.reporters import text as text_reporter
from copylint.rulebook import RulePackError, load_rulebook
from copylint.sources import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDIN = "-"


def _use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _load_choice(rules_dirs: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[RuleChoice, Engine]:
    choice = RuleChoice(tuple(rules_dirs), _names(select), _names(ignore))
    try:
        return choice, Engine(choice.rulebook())
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None
    except ValueError as exc:  # an unknown rule or category in --select/--ignore
        raise click.UsageError(str(exc)) from None


class ConfigError(click.ClickException):
    """A broken rule pack, corpus or similar input the run depends on: exit 2, one line."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"copylint: error: {self.format_message()}", err=True)


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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["auto", "text", "json", "github", "sarif"]),
    default="auto",
    show_default=True,
    help="auto: github inside GitHub Actions (GITHUB_ACTIONS=true), else text.",
)
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output.")
@click.option("--changed-only", metavar="REF", help="Report only findings on lines changed since the git ref REF (e.g. origin/main).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding at or above this severity stands.",
)
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated, repeatable).")
@click.option("--show-suppressed", is_flag=True, help="Also list matches that context suppressed, with the reason.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes (0 = one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option("--stdin-filename", help="The name to report for text read from standard input.")
@click.option(
    "--force-format",
    type=click.Choice(sorted(FORMATS)),
    help="Read every file (and standard input) as this format, whatever its suffix.",
)
@click.option("--include", multiple=True, metavar="GLOB", help="Walk directories for files matching GLOB instead of the known suffixes (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Never check paths matching GLOB, even when named (repeatable).")
@click.option("--no-gitignore", is_flag=True, help="Also walk files that git ignores.")
@click.option("--verbose", "-v", is_flag=True, help="Show a traceback on internal errors.")
@rules_dir_option
def check(paths, output_format, output_file, changed_only, fail_on, select, ignore, show_suppressed, jobs, quiet, stdin_filename, force_format, include, exclude, no_gitignore, verbose, rules_dirs):
    """Check files and directories (or standard input) for risky claims.

    Directories are walked for HTML, Markdown/MDX, template, JSON/YAML, text and .docx files,
    skipping hidden, dependency and build folders and what .gitignore ignores. Files named
    explicitly are always checked. Use - (or pipe text with no path) to read standard input.
    """
    choice, engine = _load_choice(rules_dirs, select, ignore)
    engine.force_format = force_format
    paths = list(paths)
    read_stdin = paths == [STDIN] or (not paths and not sys.stdin.isatty())
    if not paths and not read_stdin:
        raise click.UsageError("no path given: name files or directories, or pipe text on standard input (or use -)")
    if STDIN in paths and paths != [STDIN]:
        raise click.UsageError("- (standard input) cannot be mixed with paths")

    if read_stdin:
        name = stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        results = [engine.check_bytes(name, data)]
    else:
        walk = WalkOptions(include=_names(include), exclude=_names(exclude), gitignore=not no_gitignore)
        results = lint_paths(paths, choice, jobs=jobs, engine=engine if jobs == 1 else None, walk=walk, force_format=force_format)

    if changed_only:
        try:
            changes = changed_lines(changed_only)
        except ChangesError as exc:
            raise ConfigError(f"--changed-only {changed_only}: {exc}") from None
        changes.keep_only_changed(results)

    run = RunResult(results, show_suppressed=show_suppressed)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format == "text":
        report = text_reporter.render(run, quiet=quiet)
    elif output_format == "json":
        report = json_reporter.render(run)
    elif output_format == "github":
        report = github_reporter.render(run, project_root())
    else:
        report = sarif_reporter.render(run, engine.rulebook, project_root())
    if output_file:
        write_atomically(output_file, report)
    else:
        click.echo(report, nl=False, color=_use_colour() and output_format == "text")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(github_reporter.summary(run, project_root()))
    problems = text_reporter.render_problems(run, include_warnings=not quiet)
    if problems:
        click.echo(problems, nl=False, err=True)

    if run.errors:
        sys.exit(EXIT_USAGE)
    threshold = severity_rank(fail_on)
    sys.exit(EXIT_FINDINGS if any(severity_rank(f.severity) >= threshold for f in run.standing) else EXIT_OK)


@cli.command()
@click.argument("rule_id")
@rules_dir_option
def explain(rule_id, rules_dirs):
    """Explain a rule: message, rationale, references, suggestions and examples."""
    book = _rulebook(rules_dirs)
    rule = book.by_id.get(rule_id)
    if rule is None:
        matches = [r for r in book if r.category == rule_id]
        if not matches:
            raise click.UsageError(f"unknown rule '{rule_id}' (see 'copylint rules')")
        click.echo(f"{rule_id} is a category; its rules: {', '.join(r.id for r in matches)}\n")
        rule = matches[0]
    category = book.categories[rule.category]
    out = [
        click.style(rule.id, bold=True) + f"  ({rule.category}: {category.title})",
        f"severity: {rule.severity}    kind: {rule.kind}    jurisdictions: {', '.join(rule.jurisdictions)}",
        "",
        rule.message,
        "",
        click.style("Why", bold=True),
        _wrap(rule.rationale),
        "",
        click.style("Suggestions", bold=True),
    ]
    for s in rule.suggestions:
        if s.advice:
            out.append(_wrap(s.advice, "  - "))
        if s.replace:
            out.append(f"  - replace the matched words with: \"{s.replace}\"")
    out += ["", click.style("Context", bold=True)]
    out.append(f"  suppressed when: {', '.join(sorted(rule.suppress_when)) or '-'}")
    out.append(f"  softened when:   {', '.join(sorted(rule.soften_when)) or '-'}")
    out += ["", click.style("References", bold=True)]
    out += [f"  - {r.title}\n    {r.url}" for r in rule.references]
    out += ["", click.style("Examples", bold=True)]
    out += [f"  flag: {e}" for e in rule.flag_examples]
    out += [f"  pass: {e}" for e in rule.pass_examples]
    click.echo("\n".join(out), color=_use_colour())


def _wrap(text: str, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=" " * len(indent))


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@rules_dir_option
def list_rules(output_format, rules_dirs):
    """List the rules: id, category, severity, jurisdictions."""
    book = _rulebook(rules_dirs)
    if output_format == "json":
        rows = [
            {"id": r.id, "category": r.category, "severity": r.severity, "kind": r.kind, "jurisdictions": list(r.jurisdictions), "message": r.message}
            for r in book
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    rows = [(r.id, r.category, r.severity, ",".join(r.jurisdictions)) for r in sorted(book, key=lambda r: (r.category, r.id))]
    header = ("RULE", "CATEGORY", "SEVERITY", "JURISDICTIONS")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(4)]
    for row in [header] + rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    click.echo(f"\n{len(book)} rules in {len(book.categories)} categories")


@cli.command("test-rules")
@click.argument("pack_dirs", nargs=-1, type=click.Path(file_okay=False))
def test_rules(pack_dirs):
    """Run every rule's flag and pass examples; exit 1 if any fails."""
    from copylint.rule_tests import check_rulebook

    book = _rulebook(pack_dirs)
    results = check_rulebook(book)
    failed = 0
    for rule_id, failures in results.items():
        rule = book.by_id[rule_id]
        if not failures:
            click.echo(f"ok    {rule_id} ({len(rule.flag_examples)} flag, {len(rule.pass_examples)} pass)")
            continue
        failed += 1
        click.echo(click.style(f"FAIL  {rule_id}", fg="red"), color=_use_colour())
        for f in failures:
            click.echo(f"      {f.kind} example: {f.example!r}: {f.detail}")
    click.echo(f"\n{len(results) - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@cli.command("eval")
@click.argument("corpus", type=click.Path(dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False), help="Also write the Markdown report to this file.")
@rules_dir_option
def evaluate_command(corpus, output, rules_dirs):
    """Precision and recall on a labelled corpus (YAML list of text/label/categories)."""
    from copylint.evaluate import CorpusError, evaluate, load_corpus, render_markdown

    try:
        entries = load_corpus(Path(corpus))
    except CorpusError as exc:
        raise ConfigError(str(exc)) from None
    report = render_markdown(evaluate(entries, Engine(_rulebook(rules_dirs))), Path(corpus).name)
    click.echo(report, nl=False)
    if output:
        Path(output).write_text(report, encoding="utf-8")


def _rulebook(dirs):
    try:
        return load_rulebook([Path(d) for d in dirs] or None)
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None


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
        click.echo(f"copylint: internal error: {type(exc).__name__}: {detail} (run with --verbose for the traceback)", err=True)
        sys.exit(EXIT_INTERNAL)
