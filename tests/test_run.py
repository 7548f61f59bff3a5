"""The check run behind the command line: one options object in, what to show and the exit code
out, problems as typed exceptions; nothing printed."""

from __future__ import annotations

import dataclasses
import io

import pytest
from conftest import write

from copylint import run
from copylint.output import OutputError

RISKY = "Our exosome serum is FDA-approved.\n"
CLEAN = "Book a consultation to discuss your options.\n"


def test_check_returns_the_result_and_the_exit_code_and_prints_nothing(tmp_path, capsys):
    site = write(tmp_path, {"risky.txt": RISKY, "clean.txt": CLEAN})
    outcome = run.check(run.CheckOptions(paths=(str(site),), no_config=True, use_cache=False))
    assert outcome.exit_code == run.EXIT_FINDINGS
    assert outcome.result is not None and outcome.result.files_checked == 2
    assert {f.path for f in outcome.result.standing} == {str(site / "risky.txt")}
    assert capsys.readouterr() == ("", "")


def test_ignoring_the_rules_that_fired_makes_the_run_pass(tmp_path):
    page = write(tmp_path, {"risky.txt": RISKY}) / "risky.txt"
    options = run.CheckOptions(paths=(str(page),), no_config=True, use_cache=False)
    rules = {f.rule for f in run.check(options).result.standing}  # type: ignore[union-attr]
    quiet = dataclasses.replace(options, ignore=tuple(rules))
    assert run.check(quiet).exit_code == run.EXIT_OK


def test_standard_input_is_read_from_the_stream_given(tmp_path):
    options = run.CheckOptions(stdin=True, stdin_filename="page.txt", no_config=True)
    outcome = run.check(options, io.BytesIO(RISKY.encode()))
    assert outcome.exit_code == run.EXIT_FINDINGS
    assert [r.path for r in outcome.result.files] == ["page.txt"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "options, message",
    [
        ({}, "no path given"),
        ({"paths": ("-", "a.txt")}, "cannot be mixed"),
        ({"paths": ("a.txt",), "fix": True, "diff": True}, "--fix and --diff cannot"),
        ({"stdin": True, "fix": True}, "work on files, not standard input"),
        ({"paths": ("a",), "baseline_file": "b.json", "use_baseline": False}, "--no-baseline"),
    ],
)
def test_options_that_conflict_are_refused_when_made(options, message):
    with pytest.raises(run.OptionConflict, match=message):
        run.CheckOptions(**options)


def test_a_report_over_a_checked_page_is_refused_before_anything_is_written(tmp_path):
    page = write(tmp_path, {"risky.txt": RISKY}) / "risky.txt"
    options = run.CheckOptions(
        paths=(str(page),), output_file=str(page), no_config=True, use_cache=False
    )
    with pytest.raises(OutputError, match="is one of the files this run reads"):
        run.check(options)
    assert page.read_text(encoding="utf-8") == RISKY


def test_a_missing_baseline_file_is_a_run_error(tmp_path):
    page = write(tmp_path, {"risky.txt": RISKY}) / "risky.txt"
    options = run.CheckOptions(
        paths=(str(page),), baseline_file=str(tmp_path / "none.json"), no_config=True
    )
    with pytest.raises(run.RunError, match="baseline file not found"):
        run.check(options)


def test_baseline_records_the_findings_and_check_then_passes(tmp_path):
    site = write(tmp_path, {"risky.txt": RISKY, ".copylint.yaml": "fail-on: warning\n"})
    recorded = run.baseline(run.BaselineOptions(paths=(str(site),), use_cache=False))
    assert recorded.exit_code == run.EXIT_OK and "added" in recorded.summary
    outcome = run.check(run.CheckOptions(paths=(str(site),), use_cache=False))
    assert outcome.exit_code == run.EXIT_OK


def test_eval_refuses_half_of_a_page_audit(tmp_path):
    options = run.EvalOptions(str(tmp_path / "audit.yaml"), half="check", pages_dir=str(tmp_path))
    with pytest.raises(run.OptionConflict, match="a page audit is measured whole"):
        run.evaluate_corpus(options)
