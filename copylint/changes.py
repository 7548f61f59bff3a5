"""Lines changed since a git ref, so a pull request on an old site shows what it introduced.

``git diff --unified=0 REF`` gives the added or changed line ranges of each tracked file (the
working tree against REF); a file git does not track yet counts as changed throughout.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from copylint.findings import Finding
from copylint.git import GitError, git_output

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class ChangesError(Exception):
    """git could not say what changed (not a repository, an unknown ref ...)."""


@dataclass(frozen=True)
class ChangedLines:
    root: str
    lines: dict[str, set[int]]  # repo-relative path -> changed line numbers
    whole_files: set[str]  # untracked files: every line is new

    def covers(self, finding: Finding) -> bool:
        path = os.path.relpath(os.path.abspath(finding.path), self.root).replace(os.sep, "/")
        if path in self.whole_files:
            return True
        changed = self.lines.get(path)
        if not changed:
            return False
        return any(line in changed for line in range(finding.line, finding.end_line + 1))


def _git(args: list[str], cwd: str | None = None) -> str:
    try:
        return git_output(args, cwd=cwd).decode("utf-8", "surrogateescape")
    except GitError as exc:
        if exc.cause is not None:
            raise ChangesError(f"cannot run git ({exc.cause})") from None
        raise ChangesError(exc.said[-1] if exc.said else f"git {' '.join(args)} failed") from None


def changed_lines(ref: str) -> ChangedLines:
    root = _git(["rev-parse", "--show-toplevel"]).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root)
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--relative",
            ref,
            "--",
        ],
        cwd=root,
    )
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for row in diff.split("\n"):
        if row.startswith("+++ "):
            target = row[4:]
            current = (
                None
                if target == "/dev/null"
                else lines.setdefault(target[2:] if target.startswith("b/") else target, set())
            )
        elif row.startswith("@@") and current is not None:
            hunk = _HUNK.match(row)
            if hunk:
                start, count = (
                    int(hunk.group(1)),
                    int(hunk.group(2) if hunk.group(2) is not None else 1),
                )
                current.update(range(start, start + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=root)
    return ChangedLines(root, lines, {p for p in untracked.split("\0") if p})
