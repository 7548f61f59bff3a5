"""Golden outputs: the JSON, GitHub and SARIF reports of one page, byte for byte.

Regenerate after a deliberate change with: COPYLINT_REGENERATE=1 pytest tests/test_golden_outputs.py
(then review the diff like code).
"""

from __future__ import annotations

import os

import pytest
from conftest import REPO, run_cli

GOLDEN = REPO / "tests" / "fixtures" / "golden"
PAGE = "tests/fixtures/site/index.html"


def _normalise(text: str) -> str:
    from copylint import __version__

    return text.replace(REPO.as_uri(), "file:///REPO").replace(f'"{__version__}"', '"VERSION"')


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
    assert got == golden.read_text(encoding="utf-8"), (
        f"{name} changed; regenerate and review if intended"
    )
