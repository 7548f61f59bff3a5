"""copylint's speed as users feel it: one page on commit, a whole site in CI.

Run: python benchmarks/run.py [--repeat N] [--site DIR] [--pages N]

Generates the benchmark site (benchmarks/make_site.py) in a temporary folder unless --site is
given, then runs the real `copylint` command and prints a Markdown table of medians: wall time,
peak RSS (of the process and its workers, from wait4) and MB/s of source. Nothing is timed in
the unit tests; this is where the numbers come from.

Not measured yet (issue 7, next): the peers (textlint + prh, proselint, grep) and the cache.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_site import NEUTRAL, SCRIPT, STYLE, _fill, html_page, make_site  # noqa: E402

COPYLINT = [sys.executable, "-m", "copylint"]


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MB, exit code) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def measure(name: str, command: list[str], cwd: Path, repeat: int, size: int) -> dict:
    runs = [timed(command, cwd) for _ in range(repeat)]
    wall = statistics.median(r[0] for r in runs)
    return {
        "case": name,
        "wall": wall,
        "rss": max(r[1] for r in runs),
        "mbps": size / 1e6 / wall if size > 1e6 else None,
        "exit": runs[0][2],
    }


def plain_sentences() -> list[str]:
    """The site's claim-free sentences that hold no word a rule looks for (a contact or opening-hours
    page); the others ("not FDA-approved", "carries risks") make a page a candidate for spaCy."""
    from copylint.engine import Engine
    from copylint.settings import Settings

    prefilter = Engine.from_settings(Settings()).prefilter
    rng = random.Random(1)
    return [t for t in NEUTRAL if not any(prefilter.has_candidate(_fill(rng, t)) for _ in range(20))]


def one_page(folder: Path, name: str, claims: int, neutral: list[str]) -> Path:
    """A page of about 5 KB from the site's generator."""
    page = html_page(random.Random(3), 1, claims=claims, paragraphs=1, neutral=neutral)
    page = page.replace(STYLE, STYLE[:900]).replace(SCRIPT, SCRIPT[:700])  # a lighter head: ~5 KB in all
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (the median is shown)")
    parser.add_argument("--site", type=Path, help="an existing site to check instead of a generated one")
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="copylint-bench-"))
    try:
        site = args.site or work / "site"
        if not args.site:
            make_site(site, args.pages)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        pages = work / "pages"
        pages.mkdir()
        cases = [
            ("one clean page (5 KB, no rule word)", one_page(pages, "clean.html", 0, plain_sentences())),
            ("one careful page (5 KB, hedged claims, no finding)", one_page(pages, "careful.html", 0, NEUTRAL)),
            ("one risky page (5 KB, 3 claims)", one_page(pages, "risky.html", 3, NEUTRAL)),
        ]
        rows = [measure(name, COPYLINT + ["check", "--no-config", str(page)], work, args.repeat, page.stat().st_size) for name, page in cases]
        site_repeat = max(1, min(args.repeat, 3))
        for jobs in (1, 2):
            rows.append(measure(f"whole site, --jobs {jobs}", COPYLINT + ["check", "--no-config", "-q", "--jobs", str(jobs), str(site)], work, site_repeat, size))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{os.cpu_count()} cores; site: {size / 1e6:.1f} MB; medians of {args.repeat} runs ({site_repeat} for the whole site)\n")
    print("| case | wall (s) | peak RSS (MB) | MB/s | exit |")
    print("|---|---|---|---|---|")
    for row in rows:
        mbps = f"{row['mbps']:.2f}" if row["mbps"] is not None else "-"
        print(f"| {row['case']} | {row['wall']:.2f} | {row['rss']} | {mbps} | {row['exit']} |")
    by_jobs = {r["case"][-1]: r["wall"] for r in rows if r["case"].startswith("whole site")}
    print(f"\n--jobs 2 speed-up over --jobs 1: {by_jobs['1'] / by_jobs['2']:.2f}x")


if __name__ == "__main__":
    main()
