"""copylint's speed as users feel it: one page on commit, a whole site in CI.

Run: python benchmarks/run.py [--repeat N] [--site DIR] [--pages N] [--peers PREFIX] [--no-peers]

Generates the benchmark site (benchmarks/make_site.py) in a temporary folder unless --site is
given, then runs the real `copylint` command and prints Markdown tables of medians: wall time,
CPU time and peak RSS (of the process and its workers, from wait4), MB/s of source in all and
per CPU-second. The whole site is checked without the cache, then again with a warm cache.

Peers (benchmarks/peers.py) run on the same site with copylint's phrase list where they take
one, and all tools are scored on the seed pages against tests/fixtures/seeds-expected.yaml.
Install them with `python benchmarks/peers.py install /tmp/copylint-peers` (the default
--peers); a peer that is not installed is skipped with a note. Nothing is timed in the unit
tests; this is where the numbers come from.
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
import peers  # noqa: E402
from make_site import NEUTRAL, SCRIPT, STYLE, _fill, html_page, make_site  # noqa: E402

COPYLINT = [sys.executable, "-m", "copylint"]


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def environment(**settings: str) -> dict[str, str]:
    """The runs' environment: bytecode written and read, as an installed copylint has it (a
    PYTHONDONTWRITEBYTECODE in the caller's shell would add ~80 ms of compiling to every run),
    and the kept rulebook (copylint/rules_cache.py) in the benchmark's own folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **settings}


ENV: dict[str, str] = environment()


def timed(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one run, workers included."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env if env is not None else ENV,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return (
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss // 1024,
        os.waitstatus_to_exitcode(status),
    )


def measure(
    name: str,
    command: list[str],
    cwd: Path,
    repeat: int,
    size: int,
    env: dict[str, str] | None = None,
) -> dict:
    timed(command, cwd, env)  # warm-up: bytecode and the kept rulebook, as after any earlier run
    runs = [timed(command, cwd, env) for _ in range(repeat)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    return {
        "case": name,
        "wall": wall,
        "cpu": cpu,
        "rss": max(r[2] for r in runs),
        "mbps": size / 1e6 / wall if size > 1e6 else None,
        "mbps_cpu": size / 1e6 / cpu if size > 1e6 and cpu else None,
        "exit": runs[0][3],
    }


def output_of(command: list[str], cwd: Path) -> str:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True).stdout


def plain_sentences() -> list[str]:
    """The site's claim-free sentences that hold no word a rule looks for (a contact or
    opening-hours page); the others ("not FDA-approved", "carries risks") make a page a candidate
    for spaCy."""
    from copylint.engine import Engine
    from copylint.settings import Settings

    prefilter = Engine.from_settings(Settings()).prefilter
    rng = random.Random(1)
    return [
        t for t in NEUTRAL if not any(prefilter.has_candidate(_fill(rng, t)) for _ in range(20))
    ]


def one_page(folder: Path, name: str, claims: int, neutral: list[str]) -> Path:
    """A page of about 5 KB from the site's generator."""
    page = html_page(random.Random(3), 1, claims=claims, paragraphs=1, neutral=neutral)
    # a lighter head: ~5 KB in all
    page = page.replace(STYLE, STYLE[:900]).replace(SCRIPT, SCRIPT[:700])
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (the median is shown)")
    parser.add_argument(
        "--site", type=Path, help="an existing site to check instead of a generated one"
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument(
        "--peers",
        type=Path,
        default=Path(os.environ.get("COPYLINT_PEERS", "/tmp/copylint-peers")),
        help="where benchmarks/peers.py installed them",
    )
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="time copylint only (grep -E with every phrase takes minutes on the site)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="copylint-bench-"))
    global ENV
    ENV = environment(COPYLINT_RULES_CACHE=str(work / "rules-cache"))
    notes: list[str] = []
    try:
        site = args.site or work / "site"
        if not args.site:
            make_site(site, args.pages)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        pages = work / "pages"
        pages.mkdir()
        cases = [
            (
                "one clean page (5 KB, no rule word)",
                one_page(pages, "clean.html", 0, plain_sentences()),
            ),
            (
                "one careful page (5 KB, hedged claims, no finding)",
                one_page(pages, "careful.html", 0, NEUTRAL),
            ),
            ("one risky page (5 KB, 3 claims)", one_page(pages, "risky.html", 3, NEUTRAL)),
        ]
        # A page on commit: the cache is warm for every run after the first, as for a hook.
        rows = [
            measure(
                name,
                COPYLINT + ["check", "--no-config", "--no-cache", str(page)],
                work,
                args.repeat,
                page.stat().st_size,
            )
            for name, page in cases
        ]
        rows.append(
            measure(
                "one clean page, rulebook not kept (first run after an install or a rule edit)",
                COPYLINT + ["check", "--no-config", "--no-cache", str(cases[0][1])],
                work,
                args.repeat,
                cases[0][1].stat().st_size,
                environment(COPYLINT_RULES_CACHE="off"),
            )
        )
        site_repeat = max(1, min(args.repeat, 3))
        check_site = COPYLINT + ["check", "--no-config", "-q", str(site)]
        for jobs in (1, 2):
            rows.append(
                measure(
                    f"whole site, --jobs {jobs}",
                    check_site + ["--no-cache", "--jobs", str(jobs)],
                    work,
                    site_repeat,
                    size,
                )
            )
        cache_dir = str(work / "cache")
        timed(check_site + ["--jobs", "2", "--cache-dir", cache_dir], work)  # fills the cache
        rows.append(
            measure(
                "whole site again, warm cache, --jobs 2",
                check_site + ["--jobs", "2", "--cache-dir", cache_dir],
                work,
                args.repeat,
                size,
            )
        )

        peer_rows, seed_scores = (
            ([], [])
            if args.no_peers
            else compare_with_peers(args.peers, site, work, site_repeat, size, notes)
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"{os.cpu_count()} cores; site: {size / 1e6:.1f} MB; medians of {args.repeat} runs "
        f"({site_repeat} for the whole site)\n"
    )
    print_table(rows + peer_rows)
    by_case = {r["case"]: r["wall"] for r in rows}
    print(
        "\n--jobs 2 speed-up over --jobs 1: "
        f"{by_case['whole site, --jobs 1'] / by_case['whole site, --jobs 2']:.2f}x"
    )
    if seed_scores:
        print(
            f"\nOn the seed pages ({seed_scores[0]['claims']} reviewed claims in "
            "tests/fixtures/seeds-expected.yaml):\n"
        )
        print("| tool | claims found | findings that are no reviewed claim |")
        print("|---|---|---|")
        for score in seed_scores:
            print(f"| {score['tool']} | {score['true']} | {score['false']} |")
    for note in notes:
        print(f"\nnote: {note}")


def print_table(rows: list[dict]) -> None:
    print("| case | wall (s) | CPU (s) | peak RSS (MB) | MB/s | MB per CPU-second | exit |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        mbps = f"{row['mbps']:.2f}" if row["mbps"] is not None else "-"
        per_cpu = f"{row['mbps_cpu']:.2f}" if row["mbps_cpu"] is not None else "-"
        print(
            f"| {row['case']} | {row['wall']:.2f} | {row['cpu']:.2f} | {row['rss']} | "
            f"{mbps} | {per_cpu} | {row['exit']} |"
        )


def compare_with_peers(
    prefix: Path, site: Path, work: Path, repeat: int, size: int, notes: list[str]
):
    """Whole-site rows for each installed peer, and every tool's score on the seeds."""
    configs = peers.write_configs(work)
    seed_files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    rows = []
    scores = [
        {
            "tool": "copylint",
            **peers.score(
                peers.copylint_hits(
                    output_of(
                        COPYLINT
                        + ["check", "--no-config", "--no-cache", "--format", "json", *seed_files],
                        work,
                    )
                ),
                SEEDS,
            ),
        }
    ]

    textlint = peers.textlint_command(prefix)
    if textlint:
        rows.append(
            measure(
                "peer: textlint + prh (copylint's phrases), HTML and Markdown",
                peers.textlint_site(prefix, configs, site),
                work,
                repeat,
                size,
            )
        )
        seeds_run = [
            str(textlint),
            "--config",
            str(configs["textlintrc"]),
            "--format",
            "json",
            *seed_files,
        ]
        scores.append(
            {
                "tool": "textlint + prh",
                **peers.score(peers.textlint_hits(output_of(seeds_run, work)), SEEDS),
            }
        )
        notes.append(
            "textlint has no JSON reader, so it skips the site's 200 JSON FAQ files (1.2 "
            "MB); its MB/s counts the whole site."
        )
    else:
        notes.append(
            f"textlint not installed in {prefix}: python benchmarks/peers.py install {prefix}"
        )

    proselint = peers.proselint_command(prefix)
    if proselint:
        rows.append(
            measure(
                "peer: proselint (its own checks)",
                peers.proselint_site(prefix, site),
                work,
                repeat,
                size,
            )
        )
        seeds_run = [str(proselint), "check", "-o", "json", *seed_files]
        scores.append(
            {
                "tool": "proselint",
                **peers.score(peers.proselint_hits(output_of(seeds_run, work)), SEEDS),
            }
        )
    else:
        notes.append(
            f"proselint not installed in {prefix}: python benchmarks/peers.py install {prefix}"
        )

    if shutil.which("grep"):
        rows.append(
            measure(
                "peer: grep -E (copylint's phrases as regexes), raw files",
                peers.grep_site(configs, site),
                work,
                repeat,
                size,
            )
        )
        seeds_run = ["grep", "-EnoiH", "-f", str(configs["patterns"]), *seed_files]
        scores.append(
            {"tool": "grep -E", **peers.score(peers.grep_hits(output_of(seeds_run, work)), SEEDS)}
        )
    return rows, scores


if __name__ == "__main__":
    main()
