"""--format html, read as a file: self-contained (nothing loaded from elsewhere), the page's copy
only ever as data, reproducible with SOURCE_DATE_EPOCH. What it does in a browser:
test_html_report_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from types import SimpleNamespace

from conftest import REPO, run_cli

from copylint.reporters import html as html_reporter

HOSTILE = (
    "Our exosome serum is FDA-approved </script><script>window.pwned=1</script> "
    '<img src=x onerror="window.pwned=2"> {{script}} and guaranteed to work.\n'
)


def _report(*args: str, env: dict | None = None) -> str:
    result = run_cli("check", *args, "--format", "html", env=env)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.decode("utf-8")


def data_of(page: str) -> dict:
    block = re.search(
        r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S
    )
    assert block
    return json.loads(block[1])


def test_nothing_is_loaded_from_elsewhere():
    page = _report(str(REPO / "seeds"))
    markup = page.replace(re.search(r'id="report-data">.*?</script>', page, re.S)[0], "")
    assert not re.search(r"\ssrc\s*=", markup)
    assert "<link" not in markup and "@import" not in markup and "url(" not in markup
    assert re.findall(r"https?://[^\s\"'<>]+", markup) == ["http://www.w3.org/2000/svg"] * 2
    assert "default-src 'none'" in page


def test_the_policy_runs_the_report_script_and_nothing_else():
    page = _report(str(REPO / "seeds"))
    [script] = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "unsafe-inline'" not in page.split("style-src", 1)[0]


def test_copy_with_markup_and_placeholders_stays_data(tmp_path):
    (tmp_path / "page.txt").write_text(HOSTILE, encoding="utf-8")
    page = _report(str(tmp_path / "page.txt"))
    assert page.count("<script") == 2  # the data block and the report's own script
    assert "<img" not in page
    data = data_of(page)
    sentences = [f["sentence"] for f in data["findings"]]
    assert any("</script><script>window.pwned=1</script>" in s for s in sentences)
    assert any("{{script}}" in s for s in sentences)
    assert page.count("use strict") == 1  # {{script}} in the copy was not filled in


def test_script_json_escapes_what_could_end_the_block():
    text = html_reporter.script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_only_web_links_become_links():
    assert html_reporter._link("https://www.fda.gov/x")
    assert html_reporter._link("mailto:legal@example.com")
    assert not html_reporter._link("javascript:alert(1)")
    assert not html_reporter._link("JavaScript:alert(1)")
    assert not html_reporter._link("data:text/html,<script>")


def test_claim_span_finds_the_words_in_their_sentence():
    assert html_reporter.claim_span("FDA-approved", "It is FDA-approved.") == (6, 18)
    assert html_reporter.claim_span("fda-approved", "It is FDA-approved.") == (6, 18)
    assert html_reporter.claim_span("cures", "It heals.") is None


def test_rules_digest_follows_the_packs_bytes(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: []\n", encoding="utf-8")
    rules = [SimpleNamespace(source=str(pack)), SimpleNamespace(source="copylint")]
    first = html_reporter.rules_digest(rules)  # type: ignore[arg-type]
    assert first == html_reporter.rules_digest(rules)  # type: ignore[arg-type]
    pack.write_text("rules: [x]\n", encoding="utf-8")
    assert html_reporter.rules_digest(rules) != first  # type: ignore[arg-type]


def test_same_findings_same_report_with_source_date_epoch():
    env = {"SOURCE_DATE_EPOCH": "1780000000"}
    first = _report(str(REPO / "seeds"), env=env)
    assert first == _report(str(REPO / "seeds"), env=env)
    assert "2026-05-28" in first
    data = data_of(first)
    assert len(data["fingerprint"]) == 16
    listed = json.loads(run_cli("check", str(REPO / "seeds"), "--format", "json").stdout)
    standing = [f for f in data["findings"] if "suppressed_by" not in f]
    assert len(standing) == len(listed["findings"])
