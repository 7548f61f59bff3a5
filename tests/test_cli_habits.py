"""What users of ruff and eslint expect of a linter's command line: --exit-zero, --color, a
concise format, an honest summary, "did you mean" for a mistyped path, no silent pass on empty
input, and another linter's comment form reported instead of ignored."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli, write

RISKY = "Our serum is FDA-approved.\n"


@pytest.fixture
def site(tmp_path):
    return write(
        tmp_path,
        {"pages/risky.md": RISKY, "pages/clean.md": "Book a consultation.\n", "empty/.keep": ""},
    )


def test_exit_zero_reports_the_findings_and_exits_0_but_not_on_an_input_error(site):
    found = run_cli("check", "--no-config", "--exit-zero", "pages", cwd=site)
    assert found.returncode == 0 and b"regulator-approval" in found.stdout
    assert run_cli("check", "--no-config", "pages", cwd=site).returncode == 1
    broken = run_cli("check", "--no-config", "--exit-zero", "pages", "nowhere", cwd=site)
    assert broken.returncode == 2


def test_color_always_never_and_auto(site):
    always = run_cli("check", "--no-config", "--color", "always", "pages", cwd=site).stdout
    assert b"\x1b[" in always
    for choice in ("never", "auto"):  # auto: standard output is a pipe here
        shown = run_cli("check", "--no-config", "--color", choice, "pages", cwd=site).stdout
        assert b"\x1b[" not in shown and b"regulator-approval" in shown


def test_concise_is_one_line_per_finding_then_the_summary(site):
    lines = (
        run_cli("check", "--no-config", "--format", "concise", "pages", cwd=site)
        .stdout.decode()
        .splitlines()
    )
    assert lines[0].startswith("pages/risky.md:1:14: error regulator-approval Claims")
    assert lines[1:] == ["Found 1 problem (1 error) in 1 of 2 files."]


def test_the_summary_counts_the_files_with_findings_among_those_checked(site):
    assert b"in 1 of 2 files." in run_cli("check", "--no-config", "pages", cwd=site).stdout
    assert b"in 1 file." in run_cli("check", "--no-config", "pages/risky.md", cwd=site).stdout


def test_a_mistyped_path_gets_did_you_mean_and_no_empty_summary(site):
    result = run_cli("check", "--no-config", "page", cwd=site)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().strip() == (
        "page: error: no such file or directory (did you mean 'pages/'?)"
    )


def test_empty_standard_input_with_no_path_is_an_error_not_a_pass(site):
    forgot = run_cli("check", "--no-config", cwd=site, stdin=b"")
    assert forgot.returncode == 2 and b"no paths given and standard input is empty" in forgot.stderr
    on_purpose = run_cli("check", "--no-config", "-", cwd=site, stdin=b"")
    assert on_purpose.returncode == 0
    piped = run_cli("check", "--no-config", cwd=site, stdin=RISKY.encode())
    assert piped.returncode == 1


@pytest.mark.parametrize(
    ("comment", "form"),
    [
        ("<!-- copylint: disable=regulator-approval -->", "copylint-disable regulator-approval"),
        ("<!-- copylint:ignore regulator-approval -->", "copylint-disable-next-line"),
    ],
)
def test_another_linters_comment_form_is_reported_not_silently_ignored(tmp_path, comment, form):
    page = write(tmp_path, {"page.md": f"{comment}\n{RISKY}"}) / "page.md"
    found = json.loads(run_cli("check", "--no-config", "--format", "json", str(page)).stdout)
    rules = {f["rule"]: f for f in found["findings"]}
    assert "regulator-approval" in rules  # nothing was suppressed
    assert "is not read, nothing is suppressed" in rules["invalid-suppression"]["message"]
    assert form in rules["invalid-suppression"]["message"]


def test_a_per_file_glob_that_matches_no_file_of_the_site_is_named(site):
    config = (
        'per-file:\n  "pagse/**":\n    ignore: [hype-word]\n  "pages/**":\n    ignore: [cures]\n'
    )
    (site / ".copylint.yaml").write_text(config, encoding="utf-8")
    whole = run_cli("check", ".", cwd=site)
    assert "per-file 'pagse/**' matches none of the 2 files checked" in whole.stderr.decode()
    assert "'pages/**'" not in whole.stderr.decode()
    one_page = run_cli("check", "pages/risky.md", cwd=site)  # a part of the site: no guessing
    assert b"per-file" not in one_page.stderr


def test_html_pasted_into_a_text_draft_is_read_as_html_and_said(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "<p>Our serum is FDA-approved.</p>\n<p>It is <b>100% safe</b>.</p>\n", encoding="utf-8"
    )
    result = run_cli("check", "--no-cache", "--format", "json", str(draft))
    data = json.loads(result.stdout)
    found = {(f["rule"], f["text"], f["line"], f["column"]) for f in data["findings"]}
    assert found == {
        ("regulator-approval", "FDA-approved", 1, 17),
        ("completely-safe", "100% safe", 2, 13),
    }
    [warning] = data["warnings"]
    assert warning["path"] == str(draft) and "read as HTML" in warning["message"]
    # asked for text, it is text: the tags are words and nothing is said
    as_text = run_cli(
        "check", "--no-cache", "--format", "json", "--force-format", "text", str(draft)
    )
    assert json.loads(as_text.stdout)["warnings"] == []


@pytest.mark.parametrize(
    "copy",
    [
        "I <3 our clinic, and if a < b then b > a.\n",
        "Write <p> before a paragraph and </p> after it.\n",
        "Our new <strong>summer</strong> offer: book now.\n",
    ],
)
def test_a_text_draft_with_a_tag_or_two_stays_text(tmp_path, copy):
    draft = tmp_path / "draft.txt"
    draft.write_text(copy, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", str(draft))
    assert json.loads(result.stdout)["warnings"] == []
