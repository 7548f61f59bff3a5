from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from copylint.engine import Engine
from copylint.rulebook import load_rulebook

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def engine(rulebook):
    return Engine(rulebook)


@pytest.fixture
def lint(engine):
    """Standing findings of a text, read as plain text."""

    def run(text: str, path: str = "<test>.txt"):
        return [f for f in engine.lint_source(path, text) if not f.suppressed]

    return run


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command, in a fresh interpreter, as a user runs it."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "copylint", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd or REPO,
        env=environment,
        timeout=120,
    )
