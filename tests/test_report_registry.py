"""Output formats come from one table: each reporter module is registered, --format offers
exactly the registered names, and a reporter added to the table is used with its extra output."""

from __future__ import annotations

import importlib
import pkgutil

import click
import pytest

import copylint.reporters
from copylint import cli
from copylint.findings import FileResult, Finding, Suggestion
from copylint.reporters import Reporter, ReportError, ReportOptions, RunResult
from copylint.reporters import suggestions as wording
from copylint.reporters.registry import REPORTERS


def _modules():
    for module in pkgutil.iter_modules(copylint.reporters.__path__):
        yield importlib.import_module(f"copylint.reporters.{module.name}")


def test_every_reporter_module_is_registered_under_its_name():
    found = {
        value.name: value
        for module in _modules()
        for value in vars(module).values()
        if isinstance(value, Reporter)
    }
    assert found == REPORTERS
    assert all(name == reporter.name for name, reporter in REPORTERS.items())


def test_format_choices_are_the_registered_names():
    option = next(p for p in cli.check.params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == ["auto", *REPORTERS]


def test_a_registered_reporter_is_used_with_its_extra_output(monkeypatch, capsys, tmp_path):
    written = []

    def render(run: RunResult, options: ReportOptions) -> str:
        return f"{len(run.findings)} findings, quiet={options.quiet}\n"

    def extra(run: RunResult, options: ReportOptions) -> None:
        written.append(options.rulebook)

    tiny = Reporter("tiny", render, extra_outputs=extra)
    monkeypatch.setitem(REPORTERS, "tiny", tiny)
    run = RunResult([FileResult("a.md", checked=True)])
    cli._report(run, "tiny", None, True, "the rulebook")  # type: ignore[arg-type]
    assert capsys.readouterr().out == "0 findings, quiet=True\n"
    assert written == ["the rulebook"]

    def failing(run: RunResult, options: ReportOptions) -> None:
        raise ReportError("cannot write the extra output")

    monkeypatch.setitem(REPORTERS, "tiny", Reporter("tiny", render, extra_outputs=failing))
    output = tmp_path / "report.txt"
    with pytest.raises(cli.ConfigError, match="cannot write the extra output"):
        cli._report(run, "tiny", str(output), False, None)  # type: ignore[arg-type]
    assert output.read_text(encoding="utf-8") == "0 findings, quiet=False\n"


def test_every_output_says_the_suggestions_in_the_same_order():
    suggestions = (
        Suggestion(advice="Say what it does.", replace="may help"),
        Suggestion(replacements=(("cures", "may ease"),)),
    )
    for output in (wording.EXPLAIN, wording.DOCS, wording.HELP_TEXT, wording.HELP_MARKDOWN):
        lines = wording.said(suggestions, output)
        assert len(lines) == 3
        assert "Say what it does." in lines[0]
        assert "may help" in lines[1]
        assert "cures" in lines[2] and "may ease" in lines[2]
    assert wording.said(suggestions, wording.TEXT) == [
        "Say what it does.",
        'replace with "may help"',
    ]
    assert wording.first_advice(suggestions[::-1]) == "Say what it does."


def test_the_text_report_shows_the_first_suggestion():
    finding = Finding(
        "a.md",
        1,
        1,
        1,
        6,
        "cures",
        "cure-claim",
        "error",
        "Claims a cure.",
        "cures",
        "cures",
        (Suggestion(advice="Say what it does.", replace="may help"), Suggestion(advice="Other.")),
    )
    report = REPORTERS["text"].render(RunResult([FileResult("a.md", [finding])]), ReportOptions())
    assert "  suggestion: Say what it does.\n" in report
    assert '  suggestion: replace with "may help"\n' in report
    assert "Other." not in report
