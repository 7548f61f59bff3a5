"""Do two commits of copylint give the same findings? A check for restructuring work.

Run: python benchmarks/same_findings.py BEFORE [AFTER] [--pages N]

Checks out BEFORE (and AFTER, default: the working tree) into temporary git worktrees, and runs
each one's own code (``python -m copylint`` from its checkout, so an editable install elsewhere
does not interfere; each reads its own built-in rule packs, as a user's run does) on the seeds,
the sample site (tests/fixtures/site) and the generated benchmark site, with
``--format json --no-cache --no-config``. Prints, per input, whether the JSON
reports are byte-identical, and the first differing lines where they are not. Exit 1 on any
difference.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from make_site import make_site  # noqa: E402


def checkout(ref: str, into: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(into), ref],
        check=True,
        capture_output=True,
    )
    return into


def report(code: Path, target: Path, cwd: Path) -> bytes:
    """The JSON report of ``code``'s copylint on ``target``, run from ``cwd`` (paths relative to
    it)."""
    environment = dict(os.environ, PYTHONPATH=str(code), PYTHONSAFEPATH="1")
    environment.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--format", "json", "--no-cache", "--no-config"]
        + [str(target.relative_to(cwd))],
        cwd=cwd,
        env=environment,
        capture_output=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{code}: copylint exited {done.returncode}: {done.stderr.decode()[-500:]}"
        )
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", help="a commit (default: the working tree)")
    parser.add_argument("--pages", type=int, default=600, help="benchmark site size (default 600)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        before = checkout(options.before, root / "before")
        after = checkout(options.after, root / "after") if options.after else REPO
        inputs = root / "inputs"
        inputs.mkdir()
        site = inputs / "benchmark-site"
        make_site(site, pages=options.pages)
        targets = {
            "seeds": REPO / "seeds",
            "sample site": REPO / "tests" / "fixtures" / "site",
            "benchmark site": site,
        }
        differences = 0
        try:
            for name, target in targets.items():
                cwd = target.parent
                old, new = report(before, target, cwd), report(after, target, cwd)
                if old == new:
                    print(f"{name}: identical ({len(old)} bytes of JSON)")
                    continue
                differences += 1
                print(f"{name}: DIFFERENT")
                diff = difflib.unified_diff(
                    old.decode().splitlines(),
                    new.decode().splitlines(),
                    "before",
                    "after",
                    lineterm="",
                )
                for line in list(diff)[:40]:
                    print("   ", line)
        finally:
            for folder in (root / "before", root / "after"):
                if folder.exists():
                    subprocess.run(
                        ["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)],
                        capture_output=True,
                    )
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
