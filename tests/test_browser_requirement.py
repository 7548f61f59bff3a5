"""A browser test that cannot start its browser fails where a browser is required (.ci/run's
COPYLINT_REQUIRE_BROWSER=1, or CI set) and is skipped, with a note, elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

MISSING = "/nonexistent/chromium"


def _browser_tests(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("CI", "COPYLINT_REQUIRE_BROWSER")
    }
    environment.update(COPYLINT_CHROMIUM=MISSING, COPYLINT_TEST_ARTEFACTS=str(tmp_path), **env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "tests/test_html_report_browser.py::test_decisions_survive_a_reload_and_come_back_as_csv",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_skipped_with_a_note_where_no_browser_is_required(tmp_path):
    result = _browser_tests(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "no browser for the report tests" in result.stdout and "apt-get install" in result.stdout


def test_fails_where_a_browser_is_required(tmp_path):
    for required in ({"COPYLINT_REQUIRE_BROWSER": "1"}, {"CI": "true"}):
        result = _browser_tests(tmp_path, **required)
        assert result.returncode == 1, result.stdout
        assert "1 error" in result.stdout or "1 failed" in result.stdout
        assert MISSING in result.stdout
