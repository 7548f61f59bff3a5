"""Reporters turn a run's results into output; each is one module with a ``render`` function."""

from __future__ import annotations

from dataclasses import dataclass, field

from copylint.findings import FileResult, Finding, Problem


@dataclass
class RunResult:
    """Everything a reporter may show about one run of ``copylint check``."""

    files: list[FileResult]
    show_suppressed: bool = False
    stale: list = field(default_factory=list)  # baseline entries no finding matches any more (baseline.Entry)
    findings: list[Finding] = field(init=False)
    errors: list[Problem] = field(init=False)
    warnings: list[Problem] = field(init=False)

    def __post_init__(self) -> None:
        every = [f for r in self.files for f in r.findings]
        self.findings = sorted(
            (f for f in every if self.show_suppressed or not f.suppressed), key=Finding.sort_key
        )
        self.errors = [r.error for r in self.files if r.error]
        self.warnings = [w for r in self.files for w in r.warnings]

    @property
    def files_checked(self) -> int:
        return sum(1 for r in self.files if r.checked)

    @property
    def standing(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]


def project_root() -> str:
    """The folder paths are reported relative to: GITHUB_WORKSPACE in Actions, else the git
    work tree around the current directory, else the current directory."""
    import os
    import subprocess

    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return os.path.abspath(workspace)
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30)
        if top.returncode == 0 and top.stdout.strip():
            return top.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return os.getcwd()


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes; as given when outside it (or stdin)."""
    import os

    if path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")
