"""--statistics: counts per rule and per category, most first, that add up to the findings the
JSON report lists; in text, concise and JSON, refused (exit 2) for the other formats."""

from __future__ import annotations

import json
import re
from collections import Counter

from conftest import REPO, run_cli

from copylint.findings import FileResult, Finding
from copylint.reporters import ReportOptions, RunResult, statistics

SITE = REPO / "tests" / "fixtures" / "site"


def _finding(rule: str, category: str, severity: str, line: int) -> Finding:
    return Finding("a.md", line, 1, line, 4, rule, category, severity, "m", "abc", "abc.")


def test_counts_per_rule_and_category_match_the_findings_most_first():
    for target in (REPO / "seeds", SITE):
        listed = json.loads(run_cli("check", str(target), "--format", "json").stdout)
        result = run_cli("check", str(target), "--format", "json", "--statistics")
        assert result.returncode == 1, result.stderr
        counted = json.loads(result.stdout)
        findings = listed["findings"]
        assert counted["findings"] == len(findings) > 0
        assert counted["files_checked"] == listed["files_checked"]
        assert counted["files_with_findings"] == len({f["path"] for f in findings})
        assert counted["by_severity"] == {
            s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")
        }
        per_rule = Counter(f["rule"] for f in findings)
        assert {r["rule"]: r["count"] for r in counted["rules"]} == per_rule
        per_category = Counter(f["category"] for f in findings)
        assert {c["category"]: c["count"] for c in counted["categories"]} == per_category
        for rows in (counted["rules"], counted["categories"]):
            assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
            assert all(sum(r["by_severity"].values()) == r["count"] for r in rows)
        for row in counted["rules"]:
            of_rule = [f for f in findings if f["rule"] == row["rule"]]
            assert row["fixable"] == sum(1 for f in of_rule if "fix" in f)
            assert row["by_severity"] == dict(Counter(f["severity"] for f in of_rule))


def test_text_table_lists_each_rule_once_and_ends_with_the_summary():
    result = run_cli("check", str(REPO / "seeds"), "--statistics")
    assert result.returncode == 1, result.stderr
    text = result.stdout.decode()
    counted = json.loads(
        run_cli("check", str(REPO / "seeds"), "--format", "json", "--statistics").stdout
    )
    rule_lines = text.split("\n\n")[0].splitlines()
    assert rule_lines[0].split() == ["count", "rule", "category", "severity", "fixable"]
    assert [line.split()[:2] for line in rule_lines[1:]] == [
        [str(r["count"]), r["rule"]] for r in counted["rules"]
    ]
    assert re.search(r"^Found \d+ problems .* in 5 files\.", text.splitlines()[-1])
    assert "seeds/" not in text  # counts, not findings
    concise = run_cli("check", str(REPO / "seeds"), "--statistics", "--format", "concise")
    assert concise.stdout == result.stdout


def test_severities_of_one_rule_are_split_and_suppressed_findings_not_counted():
    findings = [
        _finding("cures", "disease", "error", 1),
        _finding("cures", "disease", "warning", 2),
        _finding("cures", "disease", "error", 3),
        _finding("best", "superiority", "warning", 4),
        Finding(
            "a.md",
            5,
            1,
            5,
            4,
            "best",
            "superiority",
            "error",
            "m",
            "abc",
            "abc.",
            (),
            (),
            ("hedged",),
        ),
    ]
    run = RunResult([FileResult("a.md", findings)], show_suppressed=True)
    [cures, best] = statistics.per_rule(run.standing)
    assert (cures.name, cures.count, cures.by_severity) == ("cures", 3, {"error": 2, "warning": 1})
    assert (best.name, best.count, best.by_severity) == ("best", 1, {"warning": 1})
    text = statistics.render_text(run, ReportOptions())
    assert "3  cures  disease      2 error, 1 warning" in text


def test_formats_without_a_statistics_form_are_a_usage_error():
    result = run_cli("check", str(REPO / "seeds"), "--statistics", "--format", "sarif")
    assert result.returncode == 2
    assert b"--statistics has no sarif form" in result.stderr


def test_nothing_found_is_only_the_summary(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text("We offer consultations on weekdays.\n", encoding="utf-8")
    result = run_cli("check", str(clean), "--statistics")
    assert result.returncode == 0
    assert result.stdout.decode() == "No problems found in 1 file.\n"
