"""Lines changed since a git ref, so a pull request on an old site shows what it introduced.

``git diff --unified=0 REF`` gives the added or changed line ranges of each tracked file (the
working tree against REF); a file git does not track yet counts as changed throughout. REF may be
``BASE...HEAD``, as in ``git diff``: then it is where HEAD left BASE (their merge base), which is
what a pull request changed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from copylint.findings import Finding
from copylint.git import GitError, git_output

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
# git's C quoting of a path with special characters: "\303\251t\303\251 \"x\".md"
_ESCAPE = re.compile(r"\\([0-7]{3}|.)")
_ESCAPED = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13}


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
    """``ref`` "": the base branch of the pull request a GitHub workflow runs for."""
    if not ref:
        base = os.environ.get("GITHUB_BASE_REF", "")
        if not base:
            raise ChangesError(
                "no ref given and GITHUB_BASE_REF is not set (it is in a pull_request workflow); "
                "name the base, e.g. --changed-only origin/main..."
            )
        ref = f"origin/{base}..."
    root = _git(["rev-parse", "--show-toplevel"]).strip()
    diff = _git(
        [
            "-c",
            "core.quotePath=false",  # names as they are, not octal escapes (but see _path)
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            # explicit prefixes: diff.mnemonicPrefix or diff.noprefix would change them
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--find-renames",  # a moved page's old lines are not new, whatever diff.renames says
            _base(ref, root),
            "--",
        ],
        cwd=root,
    )
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for row in diff.split("\n"):
        if row.startswith("+++ "):
            target = _path(row[4:])
            current = None if target is None else lines.setdefault(target, set())
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


def _base(ref: str, root: str) -> str:
    """The commit to compare the working tree with: ``ref``, or for ``A...B`` their merge
    base (either side left out is HEAD)."""
    if "..." in ref:
        left, _, right = ref.partition("...")
        for side in (left, right):
            if side:
                _commit(side, root)
        return _git(["merge-base", left or "HEAD", right or "HEAD"], cwd=root).strip()
    if ".." in ref:
        raise ChangesError(
            f"{ref!r} is a range of two commits; give the base alone (e.g. origin/main), "
            "or BASE...HEAD for where this branch left it"
        )
    return _commit(ref, root)


def _commit(ref: str, root: str) -> str:
    try:
        git_output(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root)
    except GitError as exc:
        if exc.cause is not None:
            raise ChangesError(f"cannot run git ({exc.cause})") from None
        hint = ""
        if _git(["rev-parse", "--is-shallow-repository"], cwd=root).strip() == "true":
            hint = (
                "; this clone is shallow and may lack it: fetch it (in GitHub Actions, "
                "actions/checkout with fetch-depth: 0)"
            )
        raise ChangesError(f"no commit {ref!r} in this repository{hint}") from None
    return ref


def _path(name: str) -> str | None:
    """The path of a ``+++`` line's file without its ``b/`` prefix (None for a deleted file).
    git C-quotes a name with special characters and ends one that holds a space with a tab."""
    name = name.removesuffix("\t")
    if name.startswith('"') and name.endswith('"') and len(name) > 1:
        name = _unquoted(name[1:-1])
    if name == "/dev/null":
        return None
    return name[2:] if name.startswith("b/") else name


def _unquoted(quoted: str) -> str:
    data = bytearray()
    position = 0
    for escape in _ESCAPE.finditer(quoted):
        data += quoted[position : escape.start()].encode("utf-8", "surrogateescape")
        code = escape.group(1)
        if len(code) == 3:
            data.append(int(code, 8))
        else:
            data.append(_ESCAPED.get(code, ord(code)))
        position = escape.end()
    data += quoted[position:].encode("utf-8", "surrogateescape")
    return data.decode("utf-8", "surrogateescape")
