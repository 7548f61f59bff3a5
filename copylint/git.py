"""The one way copylint asks git something.

A folder copylint checks may hold a ``.git`` that somebody else wrote (a CMS export, an unpacked
archive, a nested clone), and a repository's own configuration can name commands that git runs
on its behalf: ``core.fsmonitor`` runs on a plain ``git ls-files``. copylint only reads, so every
call turns those off, never prompts, never takes the index lock, and never runs an external diff
or text conversion.
"""

from __future__ import annotations

import os
import subprocess

# Configuration that would make a read-only question run a command named by the repository.
_NO_COMMANDS = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.external=",
)
_ENVIRONMENT = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


def run_git(
    args: list[str], cwd: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """``git ARGS`` in ``cwd``, output as bytes; raises OSError (no git) or SubprocessError
    (timeout)."""
    environment = {key: value for key, value in os.environ.items() if key != "GIT_EXTERNAL_DIFF"}
    environment.update(_ENVIRONMENT)
    return subprocess.run(
        ["git", *_NO_COMMANDS, *args],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        env=environment,
    )


class GitError(Exception):
    """git gave no answer. ``cause`` is why it could not run (no git, a timeout), else it ran and
    exited with ``returncode``, and ``said`` holds the lines it wrote to standard error."""

    def __init__(
        self, cause: Exception | None = None, returncode: int = 0, said: tuple[str, ...] = ()
    ):
        super().__init__(str(cause) if cause else f"git exited with status {returncode}")
        self.cause, self.returncode, self.said = cause, returncode, said


def git_output(args: list[str], cwd: str | None = None, timeout: float = 120) -> bytes:
    """What ``git ARGS`` (run by ``run_git``) writes to standard output; GitError unless it
    exits with status 0."""
    try:
        done = run_git(args, cwd=cwd, timeout=timeout)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(exc) from None
    if done.returncode != 0:
        said = tuple(done.stderr.decode("utf-8", "replace").strip().splitlines())
        raise GitError(returncode=done.returncode, said=said)
    return done.stdout
