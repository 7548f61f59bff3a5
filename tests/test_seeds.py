"""The seed pages against tests/fixtures/seeds-expected.yaml, both ways (kept out of seeds/, so
that `copylint check seeds/` reads only the pages)."""

import pytest
import yaml
from conftest import REPO

from copylint.files import decode, read_bytes

SEEDS = REPO / "seeds"
EXPECTED = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "seeds-expected.yaml").read_text(encoding="utf-8")
)


def _span(line_text: str, phrase: str, where: str) -> tuple[int, int]:
    start = line_text.find(phrase)
    assert start >= 0, f"{where}: {phrase!r} is not on that line"
    return start + 1, start + 1 + len(phrase)


def _overlaps(finding, line: int, span: tuple[int, int]) -> bool:
    return (
        finding.line <= line <= finding.end_line
        and finding.column < span[1]
        and span[0] < finding.end_column
    )


def test_expected_covers_every_seed():
    assert set(EXPECTED) == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_matches_expected(engine, name):
    source = decode(read_bytes(str(SEEDS / name))).text
    lines = source.split("\n")
    findings = [f for f in engine.lint_source(name, source) if not f.suppressed]
    spec = EXPECTED[name]
    entries = [
        (e, _span(lines[e["line"] - 1], e["text"], f"{name}:{e['line']}"))
        for e in spec.get("findings", [])
    ]

    missing = [
        e
        for e, span in entries
        if not any(f.category == e["category"] and _overlaps(f, e["line"], span) for f in findings)
    ]
    unexpected = [
        f
        for f in findings
        if not any(
            f.category == e["category"] and _overlaps(f, e["line"], span) for e, span in entries
        )
    ]
    flagged_must_not = [
        (m, f)
        for m in spec.get("must_not_flag", [])
        for f in findings
        if _overlaps(f, m["line"], _span(lines[m["line"] - 1], m["text"], f"{name}:{m['line']}"))
    ]
    assert not missing, f"expected but not reported: {missing}"
    assert not unexpected, "reported but not in expected.yaml: " + "; ".join(
        f"{f.line}:{f.column} {f.category} {f.text!r}" for f in unexpected
    )
    assert not flagged_must_not, (
        f"must-not phrases flagged: {[(m['text'], f.rule) for m, f in flagged_must_not]}"
    )
