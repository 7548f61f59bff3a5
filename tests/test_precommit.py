"""The real pre-commit hook: `pre-commit try-repo` installs this repository in its own
environment and runs the hook in a temporary website repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def _pre_commit(site: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "copylint", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=900,
        env={
            **os.environ,
            "PRE_COMMIT_HOME": str(home),
            "NO_COLOR": "1",
            "PRE_COMMIT_COLOR": "never",
        },
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_try_repo_fails_on_a_risky_page_and_passes_a_clean_one(tmp_path):
    if not (REPO / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    site = tmp_path / "site"
    site.mkdir()
    (site / "risky.html").write_text(
        "<p>Our exosome serum is FDA-<b>approved</b>.</p>\n", encoding="utf-8"
    )
    (site / "clean.md").write_text(
        "# Hair loss\n\nBook a consultation to discuss your options.\n", encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    subprocess.run(["git", "add", "."], cwd=site, check=True)

    risky = _pre_commit(site, tmp_path / "cache", "--files", "risky.html")
    assert risky.returncode == 1, risky.stdout + risky.stderr
    assert "risky.html:1:25: error regulator-approval" in risky.stdout

    clean = _pre_commit(site, tmp_path / "cache", "--files", "clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
