"""The sample site under tests/fixtures/site: every format, checked end to end at exact
positions."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli

from copylint.engine import lint_paths
from copylint.files import WalkOptions
from copylint.sources.projection import TYPOGRAPHY

SITE = REPO / "tests" / "fixtures" / "site"
EXPECTED = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "site-expected.yaml").read_text(encoding="utf-8")
)
_ENTRY = re.compile(
    r"(?P<path>\S+) (?P<line>\d+):(?P<column>\d+)-(?P<end_line>\d+):(?P<end_column>\d+) "
    r"(?P<rule>\S+) (?P<where>\S+) \| (?P<text>.*)"
)


def _expected() -> set[tuple]:
    rows = set()
    for entry in EXPECTED["findings"]:
        m = _ENTRY.fullmatch(entry)
        assert m, f"malformed entry: {entry}"
        rows.add(
            (
                m["path"],
                int(m["line"]),
                int(m["column"]),
                int(m["end_line"]),
                int(m["end_column"]),
                m["rule"],
                m["where"],
                m["text"],
            )
        )
    return rows


@pytest.fixture(scope="module")
def results(engine):
    return lint_paths([str(SITE)], engine=engine, walk=WalkOptions(gitignore=False))


@pytest.fixture(scope="module")
def findings(results):
    return [f for r in results for f in r.findings if not f.suppressed]


def _relative(path: str) -> str:
    return Path(path).relative_to(SITE).as_posix()


def test_sample_site_findings_are_exactly_the_reviewed_ones(findings):
    got = {
        (_relative(f.path), f.line, f.column, f.end_line, f.end_column, f.rule, f.where, f.text)
        for f in findings
    }
    expected = _expected()
    assert sorted(got - expected) == [], "findings not in site-expected.yaml"
    assert sorted(expected - got) == [], "expected findings not reported"


def test_tooling_json_is_not_copy(results):
    package = [r for r in results if r.path.endswith("package.json")]
    assert package == [] or not package[0].checked and not package[0].findings
    assert all(not r.error and not r.warnings for r in results)


def test_nothing_is_reported_on_lines_readers_never_see(findings):
    for relative, lines in EXPECTED["quiet_lines"].items():
        hits = [f for f in findings if _relative(f.path) == relative and f.line in lines]
        assert hits == [], (
            f"{relative}: findings on quiet lines: {[(f.line, f.text) for f in hits]}"
        )


def _visible(span: str) -> str:
    """Source text as a reader sees it: tags, template tags, entities, escapes and Markdown
    emphasis removed; whitespace collapsed."""
    span = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>", "", span, flags=re.S)
    span = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), span)
    span = html.unescape(span).replace("\\/", "/")
    span = re.sub(r"[*_`]", "", span)
    return " ".join(span.translate(TYPOGRAPHY).split())


def test_every_span_reads_its_text_in_the_source(findings):
    for f in findings:
        source = Path(f.path).read_text(encoding="utf-8-sig")
        lines = source.split("\n")
        start = sum(len(line) + 1 for line in lines[: f.line - 1]) + f.column - 1
        end = sum(len(line) + 1 for line in lines[: f.end_line - 1]) + f.end_column - 1
        assert _visible(source[start:end]) == " ".join(f.text.translate(TYPOGRAPHY).split()), f


def test_an_emoji_before_the_claim_shifts_utf16_columns_only(findings):
    miracle = next(f for f in findings if _relative(f.path) == "index.html" and f.text == "miracle")
    line = (SITE / "index.html").read_text(encoding="utf-8").split("\n")[miracle.line - 1]
    assert line[miracle.column - 1 : miracle.end_column - 1] == "miracle"
    assert miracle.column_utf16 == miracle.column + 1  # 😀 is two UTF-16 code units


def test_crlf_and_bom_keep_columns_of_the_file_as_written(findings):
    safe = next(f for f in findings if _relative(f.path) == "crlf-bom.html")
    raw = (SITE / "crlf-bom.html").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is CRLF + BOM
    line = raw[3:].decode("utf-8").split("\n")[safe.line - 1]
    assert line.endswith("\r")
    assert safe.source_line == line[:-1]
    assert _visible(line[safe.column - 1 : safe.end_column - 1]) == "completely safe"


def test_cli_json_shows_where_each_claim_sits():
    result = run_cli("check", "--format", "json", "--no-gitignore", str(SITE))
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    wheres = {f["where"] for f in data["findings"]}
    assert {
        "meta:description",
        "meta:og:description",
        "attr:alt",
        "frontmatter:title",
        "json:items.0.answer",
        "heading",
    } <= wheres
    text = run_cli("check", "--no-gitignore", str(SITE / "index.html")).stdout
    assert b"[meta:og:description]" in text
