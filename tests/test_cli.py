"""The real command in a fresh interpreter: exit codes, formats, bad input."""

import json

import pytest
from conftest import REPO, run_cli, write

CLEAN = "Book a consultation to discuss your options.\n"
RISKY = "Our exosome serum is FDA-approved.\n"


def test_seeds_fail_with_findings_in_the_text_format():
    result = run_cli("check", "seeds/")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "seeds/000_784520d29cb4e339.txt:48:60: error regulator-approval " in out
    assert "  suggestion: " in out
    assert "^~~~~~~~~~~" in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def test_json_contract(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Intro\n" + RISKY, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(page))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"version", "findings", "files_checked", "errors"}
    assert data["files_checked"] == 1 and data["errors"] == []
    [finding] = data["findings"]
    assert set(finding) >= {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "category",
        "severity",
        "message",
        "text",
        "sentence",
        "suggestions",
        "contexts",
    }
    line = page.read_text().split("\n")[finding["line"] - 1]
    assert (
        line[finding["column"] - 1 : finding["end_column"] - 1] == finding["text"] == "FDA-approved"
    )
    # suggestions fitting this claim, best first; each says where it fits when not everywhere
    allowed = {"advice", "replace", "fits", "topics", "jurisdictions"}
    assert all(
        set(s) <= allowed and ("advice" in s or "replace" in s) for s in finding["suggestions"]
    )


def test_fail_on_threshold(tmp_path):
    page = tmp_path / "hype.txt"
    page.write_text("A miracle treatment.\n")  # a warning
    assert run_cli("check", str(page)).returncode == 1
    assert run_cli("check", "--fail-on", "error", str(page)).returncode == 0


def test_select_and_ignore(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A miracle treatment that is FDA-approved.\n")
    only_hype = json.loads(
        run_cli("check", "--format", "json", "--select", "hype-word", str(page)).stdout
    )
    assert {f["category"] for f in only_hype["findings"]} == {"hype-word"}
    no_hype = json.loads(
        run_cli("check", "--format", "json", "--ignore", "hype-word,guarantee", str(page)).stdout
    )
    assert "hype-word" not in {f["category"] for f in no_hype["findings"]}
    unknown = run_cli("check", "--select", "hype-wrod", str(page))
    assert unknown.returncode == 2 and b"did you mean 'hype-word'" in unknown.stderr


def test_show_suppressed_lists_the_reason(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("It is not FDA-approved.\n")
    assert run_cli("check", str(page)).returncode == 0
    shown = run_cli("check", "--show-suppressed", str(page))
    assert (
        shown.returncode == 0
        and b"suppressed (negated, reads_careful) regulator-approval" in shown.stdout
    )


def test_stdin_with_and_without_dash():
    piped = run_cli(
        "check", "--format", "json", "--stdin-filename", "draft.md", stdin=RISKY.encode()
    )
    data = json.loads(piped.stdout)
    assert piped.returncode == 1 and data["findings"][0]["path"] == "draft.md"
    dashed = run_cli("check", "-", stdin=CLEAN.encode())
    assert dashed.returncode == 0 and b"No problems found in 1 file." in dashed.stdout


def test_missing_path_is_reported_and_other_files_still_checked(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(RISKY)
    result = run_cli("check", str(tmp_path / "missing.txt"), str(page))
    assert result.returncode == 2
    assert f"{tmp_path / 'missing.txt'}: error: no such file or directory".encode() in result.stderr
    assert b"regulator-approval" in result.stdout


def test_binary_invalid_utf8_and_empty_files(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin.txt").write_bytes(
        "Un traitement miraculeux \u2013 miracle!\n".encode("cp1252")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("check", "--format", "json", str(tmp_path))
    data = json.loads(result.stdout)
    warnings = {w["path"].rsplit("/", 1)[-1]: w["message"] for w in data["warnings"]}
    assert "binary" in warnings["image.txt"]
    assert "read as cp1252" in warnings["latin.txt"]
    assert data["files_checked"] == 2  # latin and empty; the binary is skipped
    assert [f["text"] for f in data["findings"]] == ["miracle"]
    assert result.returncode == 1


def test_a_directory_with_a_thousand_files(tmp_path):
    for i in range(1000):
        (tmp_path / f"page{i:04}.txt").write_text(CLEAN if i % 100 else RISKY)
    result = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    data = json.loads(result.stdout)
    assert data["files_checked"] == 1000
    assert [f["path"].rsplit("/", 1)[-1] for f in data["findings"]] == [
        f"page{i:04}.txt" for i in range(0, 1000, 100)
    ]


def test_broken_rule_pack_is_a_one_line_error(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "category: bad\ntitle: Bad\nreferences: [{title: T, url: 'https://example.org'}]\nrules:\n"
        "  - id: bad-rule\n    severity: loud\n    message: m\n    phrases: [x]\n"
        "    suggestions: [{advice: a}]\n    examples: {flag: [x], pass: [y]}\n"
    )
    result = run_cli("check", "--rules", str(tmp_path), "seeds/")
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bad.yaml: rule 'bad-rule': field 'severity'" in lines[0]


def test_no_path_on_a_terminal_is_a_usage_error():
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "copylint", "check"],
            stdin=secondary,
            capture_output=True,
            cwd=REPO,
            timeout=60,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 2 and b"no path given" in result.stderr


def test_explain_rules_and_version():
    explained = run_cli("explain", "regulator-approval")
    assert explained.returncode == 0
    for part in (
        b"Why",
        b"Suggestions",
        b"References",
        b"https://www.fda.gov/",
        b"flag:",
        b"pass:",
        b"named products:  azzalure",
    ):
        assert part in explained.stdout
    assert run_cli("explain", "no-such-rule").returncode == 2
    listed = run_cli("rules")
    assert (
        listed.returncode == 0
        and b"regulator-approval" in listed.stdout
        and b"JURISDICTIONS" in listed.stdout
    )
    version = run_cli("--version")
    assert version.returncode == 0 and b"copylint, version" in version.stdout


def test_test_rules_passes_on_the_builtin_packs_and_fails_on_a_wrong_example(tmp_path):
    assert run_cli("test-rules").returncode == 0
    (tmp_path / "demo.yaml").write_text(
        "category: demo\ntitle: Demo\nreferences: [{title: T, url: 'https://example.org'}]\nrules:\n"
        "  - id: demo-rule\n    severity: warning\n    message: m\n    phrases: [miracle serum]\n"
        "    suggestions: [{advice: a}]\n"
        "    examples: {flag: [A wonder serum.], pass: [A serum.]}\n"
    )
    failing = run_cli("test-rules", str(tmp_path))
    assert (
        failing.returncode == 1
        and b"FAIL  demo-rule" in failing.stdout
        and b"0 passed, 1 failed" in failing.stdout
    )


def test_internal_errors_exit_3_in_one_line(monkeypatch, capsys):
    import pytest

    from copylint import cli, engine

    def explode(self, path, source, source_format=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(engine.Engine, "lint_source", explode)
    with pytest.raises(SystemExit) as exit_info:
        # --no-cache: a result another test left in the cache would skip the exploding lint
        cli.main(["check", "--no-cache", str(REPO / "seeds" / "000_784520d29cb4e339.txt")])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "copylint: internal error: RuntimeError: boom (run with --verbose for the traceback)"
    ]


def _explode_on_lint(monkeypatch):
    from copylint import engine

    def explode(self, path, source, source_format=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(engine.Engine, "lint_source", explode)


@pytest.mark.parametrize(
    "flag, environment",
    [("--verbose", None), ("-v", None), (None, "1")],
    ids=["--verbose", "-v", "COPYLINT_VERBOSE"],
)
def test_verbose_shows_the_traceback_of_an_internal_error(monkeypatch, capsys, flag, environment):
    """click parses --verbose (no scanning of argv); COPYLINT_VERBOSE also covers errors before
    the options are parsed and commands without the flag."""
    from copylint import cli

    _explode_on_lint(monkeypatch)
    if environment:
        monkeypatch.setenv("COPYLINT_VERBOSE", environment)
    else:
        monkeypatch.delenv("COPYLINT_VERBOSE", raising=False)
    seed = str(REPO / "seeds" / "000_784520d29cb4e339.txt")
    args = ["check", "--no-cache", *([flag] if flag else []), seed]
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args)
    assert exit_info.value.code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "Traceback (most recent call last):"
    assert "RuntimeError: boom" in err
    assert err[-1] == (
        "copylint: internal error: RuntimeError: boom (run with --verbose for the traceback)"
    )


def test_a_path_named_like_the_flag_is_not_verbose(monkeypatch, capsys, tmp_path):
    """After --, "-v" is a path: argv scanning took it for the flag."""
    from copylint import cli

    _explode_on_lint(monkeypatch)
    monkeypatch.delenv("COPYLINT_VERBOSE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-v").write_text(RISKY, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--", "-v"])
    assert exit_info.value.code == 3
    assert "Traceback" not in capsys.readouterr().err


def test_python_dash_m_is_the_same_command():
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("copylint", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed beside the interpreter"
    via_script = subprocess.run(
        [script, "check", "seeds/"],
        capture_output=True,
        cwd=REPO,
        env={"NO_COLOR": "1"},
        timeout=120,
    )
    via_module = run_cli("check", "seeds/")
    assert via_script.returncode == via_module.returncode == 1
    assert via_script.stdout == via_module.stdout


def test_the_summary_counts_paths_that_could_not_be_checked(tmp_path, invoke):
    """ "No problems found in 0 files" after a refused file read as if all was well."""
    write(tmp_path, {"bad.json": "{", "ok.txt": "A calm room.\n"})
    result = invoke(
        "check", "--no-config", "--no-cache", str(tmp_path / "bad.json"), str(tmp_path / "ok.txt")
    )
    assert result.exit_code == 2
    assert (
        "No problems found in 1 file; 1 path could not be checked (errors below)." in result.stdout
    )
