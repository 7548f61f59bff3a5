"""GitHub annotations, job summary and SARIF: golden output, escaping, caps, schema validation."""

from __future__ import annotations

import json
import os
import re
import subprocess

import jsonschema
import pytest
from conftest import REPO, run_cli

from copylint.findings import FileResult, Finding, Problem, Suggestion
from copylint.reporters import ReportOptions, RunResult, github

SCHEMA = json.loads(
    (REPO / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
SITE = REPO / "tests" / "fixtures" / "site"
_COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _finding(
    path="site/page.html",
    line=3,
    severity="error",
    rule="regulator-approval",
    message="Claims approval.",
    text="FDA-approved",
):
    return Finding(
        path,
        line,
        5,
        line,
        17,
        rule,
        "regulatory-status",
        severity,
        message,
        text,
        f"It is {text}.",
        (Suggestion(advice="Say the real status."),),
        column_utf16=6,
        end_column_utf16=18,
    )


def _unescape(value: str) -> str:
    """What the runner does with an escaped value: the inverse of github.escape_property."""
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def _parse(line: str) -> tuple[str, dict, str]:
    match = _COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match["props"].split(","))
    return match["level"], {k: _unescape(v) for k, v in props.items()}, _unescape(match["message"])


def test_escaping_round_trips_percent_comma_colon_and_newlines():
    message = "100% sure: a, b\r\nnext line"
    line = github.command("error", message, file="dir/a,b:c%.html", title="t: x, y")
    assert "\n" not in line and "\r" not in line
    level, props, parsed = _parse(line)
    assert (level, props["file"], props["title"], parsed) == (
        "error",
        "dir/a,b:c%.html",
        "t: x, y",
        message,
    )


def test_github_annotation_golden(tmp_path):
    run = RunResult(
        [
            FileResult(
                str(tmp_path / "site" / "page.html"),
                findings=[_finding(path=str(tmp_path / "site" / "page.html"))],
            )
        ]
    )
    out = github.render(run, ReportOptions(root=str(tmp_path))).splitlines()
    assert out[0] == (
        "::error file=site/page.html,line=3,col=6,endLine=3,endColumn=18,title=copylint "
        "regulator-approval"
        "::Claims approval.%0AText: FDA-approved%0ASuggestion: Say the real status."
    )
    assert out[-1] == "copylint: 1 finding in 1 file."


def test_multi_line_findings_leave_out_columns():
    finding = _finding()
    finding = Finding(**{**finding.__dict__, "end_line": 4})
    _, props, _ = _parse(
        github.render(
            RunResult([FileResult(finding.path, findings=[finding])]),
            ReportOptions(root=os.getcwd()),
        ).splitlines()[0]
    )
    assert "col" not in props and "endColumn" not in props and props["endLine"] == "4"


def test_caps_most_severe_first_and_one_notice_for_the_rest():
    findings = [_finding(line=i, severity="warning", rule="miracle-language") for i in range(1, 16)]
    findings += [_finding(line=100 + i, severity="error") for i in range(12)]
    out = github.render(
        RunResult([FileResult("p.html", findings=findings)]), ReportOptions(root=os.getcwd())
    ).splitlines()
    annotations = [line for line in out if line.startswith("::")]
    levels = [_parse(line)[0] for line in annotations]
    assert levels[:10] == ["error"] * 10 and levels[10:20] == ["warning"] * 10
    assert levels.count("error") == 10 and levels.count("warning") == 10 and levels[-1] == "notice"
    assert "7 more copylint findings not annotated" in _parse(annotations[-1])[2]
    plain = [line for line in out if line.startswith("site/page.html:")]
    assert len(plain) == 7  # the overflow is still in the log


def test_job_summary_table(tmp_path):
    finding = _finding(path=str(tmp_path / "a.md"), text="FDA | approved")
    summary = github.summary(
        RunResult(
            [
                FileResult(finding.path, findings=[finding]),
                FileResult("x", error=Problem("x", "bad"), checked=False),
            ]
        ),
        str(tmp_path),
    )
    assert "| file | line | rule | severity | text | suggestion |" in summary
    assert (
        "| a.md | 3 | `regulator-approval` | error | FDA \\| approved | Say the real status. |"
        in summary
    )
    assert "**1 finding** (1 error) in 1 file." in summary


def test_github_format_is_the_default_inside_actions_and_writes_the_summary(tmp_path):
    summary = tmp_path / "summary.md"
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(REPO),
    }
    result = run_cli("check", "--no-gitignore", str(SITE / "index.html"), env=env)
    assert result.returncode == 1
    first = result.stdout.decode().splitlines()[0]
    level, props, _ = _parse(first)
    assert props["file"] == "tests/fixtures/site/index.html"
    assert (
        "| tests/fixtures/site/index.html | 6 | `regulator-approval` | error | FDA-approved |"
        in summary.read_text(encoding="utf-8")
    )


def _sarif(*args: str, env: dict | None = None) -> dict:
    result = run_cli(
        "check", "--format", "sarif", *args, env={"GITHUB_WORKSPACE": str(REPO), **(env or {})}
    )
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)


def test_sarif_of_the_seeds_and_the_sample_site_validates_against_the_official_schema():
    for target in (REPO / "seeds", SITE):
        document = _sarif("--no-gitignore", str(target))
        jsonschema.validate(document, SCHEMA)
        run = document["runs"][0]
        assert run["columnKind"] == "utf16CodeUnits"
        assert run["results"], target


def test_sarif_names_the_question_a_yes_answer_makes_a_claim_of(tmp_path):
    page = tmp_path / "faq.md"
    page.write_text(
        "# FAQ\n\n## 😀 Is exosome therapy FDA-approved?\n\nYes. It has been for years.\n",
        encoding="utf-8",
    )
    document = _sarif(str(page))
    jsonschema.validate(document, SCHEMA)
    [result] = [r for r in document["runs"][0]["results"] if r["ruleId"] == "regulator-approval"]
    [related] = result["relatedLocations"]
    region = related["physicalLocation"]["region"]
    # the question's sentence as read, its emoji included (UTF-16 columns)
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 4, 39)
    assert (
        related["physicalLocation"]["artifactLocation"]
        == (result["locations"][0]["physicalLocation"]["artifactLocation"])
    )
    assert "question" in related["message"]["text"]


def test_sarif_rules_results_and_utf16_columns():
    run = _sarif(str(SITE / "index.html"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and "regulator-approval" in ids
    rule = rules[ids.index("regulator-approval")]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert "Instead:" in rule["help"]["text"] and "http" in rule["help"]["text"]
    miracle = next(r for r in run["results"] if r["ruleId"] == "miracle-language")
    location = miracle["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "tests/fixtures/site/index.html",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"]["startColumn"] == 37  # code-point column 36, and 😀 counts twice
    assert rules[miracle["ruleIndex"]]["id"] == "miracle-language"
    assert all(r["partialFingerprints"]["copylintClaim/v1"] for r in run["results"])


def test_sarif_fingerprints_survive_edits_elsewhere_in_the_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our serum is FDA-approved.\n\nIt is a miracle cure.\n", encoding="utf-8")
    before = {
        r["ruleId"]: r["partialFingerprints"]
        for r in _sarif(str(page), env={"GITHUB_WORKSPACE": str(tmp_path)})["runs"][0]["results"]
    }
    page.write_text(
        "# New heading\n\nAn intro paragraph.\n\nOur serum is FDA-approved.\n\n"
        "It is a miracle cure.\n",
        encoding="utf-8",
    )
    after = {
        r["ruleId"]: r["partialFingerprints"]
        for r in _sarif(str(page), env={"GITHUB_WORKSPACE": str(tmp_path)})["runs"][0]["results"]
    }
    assert before == after and len(before) == 3


def test_sarif_fingerprints_do_not_depend_on_how_the_path_was_typed(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    env = {"GITHUB_WORKSPACE": str(tmp_path)}

    def prints(target: str) -> list:
        result = run_cli("check", "--format", "sarif", target, cwd=tmp_path, env=env)
        results = json.loads(result.stdout)["runs"][0]["results"]
        return [r["partialFingerprints"] for r in results]

    typed = prints("site/")
    assert typed and typed == prints(str(tmp_path / "site")) == prints("./site/page.md")


def test_output_file_for_any_format(tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "--output", str(target), str(SITE / "faq.json"))
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


@pytest.fixture
def repo(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    (tmp_path / "old.md").write_text("An old miracle cure.\n\nSafe words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    return tmp_path, git


def test_changed_only_reports_what_the_change_introduced(repo):
    root, git = repo
    (root / "old.md").write_text(
        "An old miracle cure.\n\nOur serum is FDA-approved.\n", encoding="utf-8"
    )
    (root / "new.md").write_text("Guaranteed results.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--changed-only", "HEAD", ".", cwd=root)
    found = sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [("new.md", 1, "guaranteed-results"), ("old.md", 3, "regulator-approval")]
    bad = run_cli("check", "--changed-only", "no-such-ref", ".", cwd=root)
    assert bad.returncode == 2 and b"--changed-only no-such-ref" in bad.stderr
