"""The public API's cost per call against the CLI's per-file cost.

Run: python benchmarks/lint_text.py [--pages N] [--repeat N]

Generates the benchmark site (benchmarks/make_site.py) in a temporary folder, times the real
``copylint check`` on the whole site (no cache, one job) and divides by the number of files, then
times ``lint_text`` on the text of every file with the default engine (built once, by a first
call that is not timed). Prints both per-file costs and their ratio (the target: within 2x).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_site import make_site  # noqa: E402


def cli_seconds(site: Path) -> float:
    command = [sys.executable, "-m", "copylint", "check", "--no-cache", "--no-config", "-q", "."]
    started = time.perf_counter()
    subprocess.run(command, cwd=site, capture_output=True, check=False)
    return time.perf_counter() - started


def lint_text_seconds(pages: list[tuple[str, str]]) -> float:
    from copylint import lint_text

    started = time.perf_counter()
    for name, text in pages:
        lint_text(text, path=name)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        files, _ = make_site(site, args.pages)
        pages = [
            (str(p.relative_to(site)), p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*"))
            if p.is_file()
        ]
        cli = statistics.median(cli_seconds(site) for _ in range(args.repeat))
        from copylint import lint_text

        lint_text(pages[0][1], path=pages[0][0])  # builds the default engine and loads spaCy
        api = statistics.median(lint_text_seconds(pages) for _ in range(args.repeat))
    per_file, per_call = cli / files * 1000, api / files * 1000
    print(f"{files} files; medians of {args.repeat} runs")
    print(f"copylint check, whole site / files: {per_file:.2f} ms per file ({cli:.2f} s)")
    print(f"lint_text, reused default engine:   {per_call:.2f} ms per call ({api:.2f} s)")
    print(f"ratio: {per_call / per_file:.2f}x")


if __name__ == "__main__":
    main()
