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


def generated_report(document: str, section: str | None = None) -> str | None:
    """The report between the markers (evaluate.markers) of ``document``, if it has them."""
    from copylint.evaluate import markers

    begin_marker, end_marker = markers(section)
    _, begin, rest = document.partition(begin_marker)
    body, end, _ = rest.partition(end_marker)
    return body.lstrip("\n") if begin and end else None


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_repo(tmp_path_factory):
    """Every check in the suite goes through the result cache, kept in a temporary folder
    rather than in the checkout (tests of where the cache goes unset this)."""
    os.environ["COPYLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("copylint-cache"))
    # and the kept rulebook (rules_cache) in one too, rather than in the user's cache folder
    os.environ["COPYLINT_RULES_CACHE"] = str(tmp_path_factory.mktemp("copylint-rules") / "rules")
    yield
    os.environ.pop("COPYLINT_CACHE_DIR", None)
    os.environ.pop("COPYLINT_RULES_CACHE", None)


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def engine(rulebook):
    """The rules a run loads by default: opt-in rules of one jurisdiction left out."""
    return Engine(rulebook.without_opt_in())


@pytest.fixture
def lint(engine):
    """Standing findings of a text, read as plain text."""

    def run(text: str, path: str = "<test>.txt"):
        return [f for f in engine.lint_source(path, text) if not f.suppressed]

    return run


def assert_maps_back(projection, source: str) -> None:
    """Every segment of a projection lies inside the source, and a copy reads as the source
    (a one-character whitespace run read as a space may merge into a copy)."""
    from copylint.sources.projection import TYPOGRAPHY

    for proj_start, src_start, proj_len, src_len in projection.offsets.segments():
        assert 0 <= src_start <= src_start + src_len <= len(source)
        if proj_len == src_len:
            shown = projection.text[proj_start : proj_start + proj_len]
            written = source[src_start : src_start + src_len].translate(TYPOGRAPHY)
            assert all(
                a == b or (a == " " and b.isspace()) for a, b in zip(shown, written, strict=False)
            ), (
                shown,
                written,
            )


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
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


class Invoked:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.stdout = result.stdout  # click's runner reads "\r\n" as "\n" here
        self.stdout_bytes = result.stdout_bytes
        self.stderr = result.stderr
        self.exception = result.exception

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@pytest.fixture
def invoke(monkeypatch):
    """The CLI in this process (spaCy stays loaded between calls), run from ``cwd``."""
    from click.testing import CliRunner

    from copylint.cli import cli

    def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Invoked:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
        return Invoked(result)

    return run


def uncommented_starter() -> str:
    """``copylint init``'s starter configuration with its commented-out examples uncommented."""
    import re

    from copylint.config import STARTER

    # a commented-out key or its continuation; prose starts otherwise
    example = re.compile(r"^# ([a-z-]+:|\s+\S|- )")
    lines = [line[2:] if example.match(line) else line for line in STARTER.splitlines()]
    return "\n".join(line for line in lines if not line.startswith("#"))


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create files under root (parents included); bytes are written as they are."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root
