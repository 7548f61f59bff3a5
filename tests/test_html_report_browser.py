"""The HTML review page in a real Chromium (tests/browser.py): the counts it shows are the JSON
report's, each claim is marked at its words, the filters and the search narrow what is shown,
decisions survive a reload and come back in the exported CSV, and markup in the checked copy
does not run. Screenshots of each state go to the artefacts folder, for a person to look at."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from browser import artefacts, launched
from conftest import REPO, run_cli

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails, where required) and says why
    expect = None

SITE = REPO / "tests" / "fixtures" / "site"
HOSTILE = (
    "Our exosome serum is FDA-approved <script>window.pwned = 1</script> and "
    '<img src=x onerror="window.pwned = 2"> works.\n'
)


@pytest.fixture(scope="module")
def browser():
    yield from launched()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on(
        "dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss())
    )
    tab.problems = problems
    yield tab
    context.close()


def _make(target: Path | str, out: Path, *extra: str) -> dict:
    """The HTML report of ``target`` written to ``out``; returns the JSON report's findings."""
    made = run_cli("check", str(target), "--format", "html", "-o", str(out), *extra)
    assert made.returncode in (0, 1), made.stderr
    listed = run_cli("check", str(target), "--format", "json", *extra)
    return json.loads(listed.stdout)


def _open(page, report: Path) -> float:
    started = time.perf_counter()
    page.goto(report.as_uri())
    page.wait_for_selector("#shown:not(:empty)")
    return time.perf_counter() - started


def _shown(page) -> str:
    return page.locator("#shown").text_content()


def _shot(page, name: str, full: bool = False) -> None:
    page.screenshot(path=str(artefacts() / f"report-{name}.png"), full_page=full)


def _searchable(f: dict, path: str) -> str:
    return "\n".join(
        [f["text"], f["sentence"], f["rule"], f["category"], f["where"], path, f["message"]]
    ).lower()


def test_seeds_counts_highlights_and_filters(page, tmp_path):
    report = tmp_path / "seeds.html"
    listed = _make(REPO / "seeds", report)
    findings = listed["findings"]
    _open(page, report)
    _shot(page, "seeds-summary")
    paths = {f["path"] for f in findings}
    assert _shown(page).startswith(f"Showing {len(findings)} findings on {len(paths)} pages")
    assert page.locator("[data-fact='Files checked']").text_content() == "5"
    assert page.locator("[data-fact='Pages with findings']").text_content() == str(len(paths))
    assert page.locator("details.page").count() == len(paths)
    assert page.locator("article.finding").count() == 0  # rendered only when a page is opened

    page.click("#expand-all")
    cards = page.locator("details.page > .page-body > article.finding")
    assert cards.count() == len(findings)
    seen = cards.evaluate_all(
        """cards => cards.map(c => {
            const p = c.querySelector('.sentence');
            const mark = p.querySelector('mark');
            const label = p.querySelector('.claim-label');
            return {rule: c.querySelector('code').textContent, mark: mark.textContent,
                    before: mark.previousSibling ? mark.previousSibling.textContent : '',
                    severity: label ? label.textContent : '',
                    sentence: p.textContent.replace(label ? label.textContent : '', '')};
        })"""
    )
    assert [(s["rule"], s["mark"]) for s in seen] == [(f["rule"], f["text"]) for f in findings]
    for shown, finding in zip(seen, findings, strict=True):
        assert shown["sentence"] == finding["sentence"]
        assert shown["severity"] == finding["severity"]  # a text label, not colour alone
        assert finding["sentence"].startswith(shown["before"] + shown["mark"])
    _shot(page, "seeds-open")

    severities = Counter(f["severity"] for f in findings)
    page.uncheck("input[data-severity='error']")
    assert _shown(page).startswith(f"Showing {len(findings) - severities['error']} findings")
    page.check("input[data-severity='error']")
    category, in_category = Counter(f["category"] for f in findings).most_common(1)[0]
    page.select_option("#filter-category", category)
    assert _shown(page).startswith(f"Showing {in_category} findings")
    page.select_option("#filter-category", "")
    page.select_option("#filter-jurisdiction", "uk")
    for_uk = [f for f in findings if not f.get("jurisdictions") or "uk" in f["jurisdictions"]]
    assert _shown(page).startswith(f"Showing {len(for_uk)} findings")
    page.select_option("#filter-jurisdiction", "")
    first_path = sorted(paths)[0]
    page.select_option("#filter-page", label=Path(first_path).relative_to(REPO).as_posix())
    on_page = sum(1 for f in findings if f["path"] == first_path)
    assert _shown(page).startswith(f"Showing {on_page} findings on 1 page")
    page.select_option("#filter-page", "")
    page.fill("#search", "FDA")
    searched = [f for f in findings if "fda" in _searchable(f, f["path"])]
    expect(page.locator("#shown")).to_have_text(re.compile(f"^Showing {len(searched)} findings? "))
    _shot(page, "seeds-search")
    page.fill("#search", "")
    page.select_option("#filter-page", label="seeds/004_86074997f890868b.txt")
    page.click("#expand-all")
    page.emulate_media(media="print")
    _shot(page, "seeds-print")
    assert page.locator(".controls").is_hidden()
    assert not page.problems


def test_decisions_survive_a_reload_and_come_back_as_csv(page, tmp_path):
    report = tmp_path / "seeds.html"
    findings = _make(REPO / "seeds", report)["findings"]
    _open(page, report)
    page.locator("details.page summary").first.click()
    first = page.locator("article.finding").first
    first.locator("select.decision").select_option("keep")
    first.locator("input.note").fill('=HYPERLINK("x") reviewed with the clinic, 2026')
    second = page.locator("article.finding").nth(1)
    second.locator("select.decision").select_option("false-alarm")
    chosen = [first.get_attribute("data-id"), second.get_attribute("data-id")]

    page.reload()
    page.wait_for_selector("#shown:not(:empty)")
    page.locator("details.page summary").first.click()
    again = page.locator("article.finding").first
    assert again.locator("select.decision").input_value() == "keep"
    assert again.locator("input.note").input_value().startswith("=HYPERLINK")

    with page.expect_download() as download:
        page.click("#export")
    saved = tmp_path / "review.csv"
    download.value.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(findings)
    by_id = {r["fingerprint"]: r for r in rows}
    assert by_id[chosen[0]]["decision"] == "keep"
    assert by_id[chosen[0]]["note"] == '\'=HYPERLINK("x") reviewed with the clinic, 2026'
    assert by_id[chosen[1]]["decision"] == "false-alarm"
    assert sum(1 for r in rows if r["decision"]) == 2
    assert [(r["rule"], r["text"]) for r in rows] == [(f["rule"], f["text"]) for f in findings]
    assert not page.problems


def test_markup_in_the_copy_does_not_run(page, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(HOSTILE, encoding="utf-8")
    (site / "faq.html").write_text(
        "<html><head><meta name='description' content='FDA-approved &lt;img src=x "
        "onerror=window.pwned=3&gt;'></head><body><p>It is FDA-approved &lt;script&gt;"
        "window.pwned=4&lt;/script&gt; for everyone.</p></body></html>",
        encoding="utf-8",
    )
    (site / '<img src=x onerror="window.pwned=5">.txt').write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "hostile.html"
    findings = _make(site, report)["findings"]
    _open(page, report)
    page.click("#expand-all")
    assert page.locator("article.finding").count() == len(findings) > 0
    assert page.evaluate("window.pwned") is None
    assert page.locator("#pages img, #pages script").count() == 0
    marks = page.locator("p.sentence").all_text_contents()
    assert any("<script>window.pwned = 1</script>" in m for m in marks)
    assert any("onerror=" in m for m in marks)
    paths = page.locator("details.page .path").all_text_contents()
    assert any('<img src=x onerror="window.pwned=5">' in p for p in paths)
    wheres = page.locator(".finding .where").all_text_contents()
    assert any("meta:description" in w for w in wheres)
    _shot(page, "hostile", full=True)
    assert not page.problems


def test_sample_sites_open_quickly_and_count_right(page, tmp_path):
    report = tmp_path / "site.html"
    findings = _make(SITE, report)["findings"]
    _open(page, report)
    assert _shown(page).startswith(f"Showing {len(findings)} findings")
    page.click("#expand-all")
    assert page.locator("details.page > .page-body > article.finding").count() == len(findings)
    _shot(page, "sample-site")

    generated = tmp_path / "generated"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "make_site.py"),
            str(generated),
            "--pages",
            "150",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    report = tmp_path / "generated.html"
    listed = _make(generated, report, "--no-config")
    findings = listed["findings"]
    seconds = _open(page, report)
    assert seconds < 10, f"the report of 150 pages took {seconds:.1f} s to open"
    paths = {f["path"] for f in findings}
    assert _shown(page).startswith(f"Showing {len(findings)} findings on {len(paths)} pages")
    assert page.locator("article.finding").count() == 0
    page.locator("details.page summary").nth(3).click()
    opened = page.locator("details.page[open]")
    path = opened.locator(".path").text_content()
    expected = [f["text"] for f in findings if f["path"].endswith(path.split("/", 1)[-1])]
    assert opened.locator(".page-body > article.finding mark").all_text_contents() == expected
    _shot(page, "generated-site")
    assert not page.problems
