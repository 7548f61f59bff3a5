"""How long each projector takes on a 1 MB page: HTML, minified one-line HTML, Markdown, JSON.

Run: python benchmarks/projectors.py [--repeat N]
Prints the median of N runs per page, in seconds and MB/s. The pages are generated here
(deterministic) and never written into the repo.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from copylint.sources import FORMATS

PARAGRAPH = (
    "Our <b>exosome</b> therapy supports skin renewal &amp; healing. Many patients notice "
    "<em>smoother</em> skin after a course of sessions; results vary from person to person.&nbsp;"
)


def html_page(size: int, minified: bool) -> str:
    unit = (
        '<section class="hero"><h2>Treatments</h2>\n<p>' + PARAGRAPH + "</p>\n"
        '<img src="/img/a.jpg" alt="A treatment room">\n'
        '<script>var x = "<p>FDA-approved</p>";</script>\n'
        "<!-- a comment -->\n<ul><li>PRP</li><li>Exosomes</li></ul></section>\n"
    )
    page = (
        "<!DOCTYPE html><html><head><title>Clinic</title></head><body>\n"
        + unit * (size // len(unit) + 1)
        + "</body></html>\n"
    )
    return page.replace("\n", "") if minified else page


def markdown_page(size: int) -> str:
    unit = (
        "## Treatments\n\n"
        + PARAGRAPH.replace("<b>", "**")
        .replace("</b>", "**")
        .replace("<em>", "*")
        .replace("</em>", "*")
        + "\n\n- PRP\n- [Exosomes](https://example.com/exosomes)\n\n```\ncode block\n```\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\n"
    )
    return "---\ntitle: Clinic\n---\n" + unit * (size // len(unit) + 1)


def json_page(size: int) -> str:
    item = {"question": "Is it safe?", "answer": PARAGRAPH, "url": "https://example.com/faq"}
    return json.dumps({"faq": [item] * (size // len(json.dumps(item)) + 1)}, indent=2)


def median_seconds(project, source: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        project(source)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per page")
    args = parser.parse_args()
    pages = [
        ("HTML", "html", html_page(args.size, minified=False)),
        ("HTML, minified to one line", "html", html_page(args.size, minified=True)),
        ("Markdown", "markdown", markdown_page(args.size)),
        ("JSON (FAQ with HTML answers)", "json", json_page(args.size)),
    ]
    print(f"| page | size | median of {args.repeat} | MB/s |")
    print("|---|---|---|---|")
    for label, format_name, source in pages:
        seconds = median_seconds(FORMATS[format_name].project, source, args.repeat)
        megabytes = len(source.encode("utf-8")) / 1e6
        print(f"| {label} | {megabytes:.2f} MB | {seconds:.3f} s | {megabytes / seconds:.1f} |")


if __name__ == "__main__":
    main()
