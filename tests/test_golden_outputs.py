"""Golden outputs: the JSON and GitHub reports of one page, byte for byte; the SARIF log byte for
byte too, but for its rule list: of ``tool.driver.rules`` only the rules that fired are compared
(and each result's ``ruleIndex`` must name its rule), so a change to an unrelated rule's wording
does not break it.

Regenerate after a deliberate change with: COPYLINT_REGENERATE=1 pytest tests/test_golden_outputs.py
(then review the diff like code).
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import REPO, run_cli

GOLDEN = REPO / "tests" / "fixtures" / "golden"
PAGE = "tests/fixtures/site/index.html"


def _normalise(text: str) -> str:
    from copylint import __version__

    return text.replace(REPO.as_uri(), "file:///REPO").replace(f'"{__version__}"', '"VERSION"')


def _comparable(output_format: str, text: str) -> object:
    """What is compared: the text, or for SARIF the log with only the rules that fired."""
    if output_format != "sarif":
        return text
    log = json.loads(text)
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        for result in run["results"]:
            index = result.pop("ruleIndex", None)
            assert index is None or rules[index]["id"] == result["ruleId"], result
        fired = {result["ruleId"] for result in run["results"]}
        driver["rules"] = [rule for rule in rules if rule["id"] in fired]
    return log


@pytest.mark.parametrize(
    "output_format, name",
    [("json", "index.json"), ("github", "index.github.txt"), ("sarif", "index.sarif")],
)
def test_report_matches_its_golden_file(output_format, name):
    result = run_cli(
        "check",
        "--format",
        output_format,
        PAGE,
        cwd=REPO,
        env={"GITHUB_WORKSPACE": str(REPO), "GITHUB_STEP_SUMMARY": ""},
    )
    assert result.returncode == 1, result.stderr
    got = _normalise(result.stdout.decode("utf-8"))
    golden = GOLDEN / name
    if os.environ.get("COPYLINT_REGENERATE"):
        golden.write_text(got, encoding="utf-8", newline="")
    assert _comparable(output_format, got) == _comparable(
        output_format, golden.read_text(encoding="utf-8")
    ), f"{name} changed; regenerate and review if intended"
