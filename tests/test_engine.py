import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint import lint_text


@pytest.mark.parametrize(
    "text, category",
    [
        ("The procedure is FDA-approved.", "regulatory-status"),
        ("There are no contraindications.", "no-contraindications"),
        ("Exosomes won’t cause cancer.", "cancer-claim"),
        ("A miracle treatment for thinning hair.", "hype-word"),
        ("Guaranteed results after one session.", "guarantee"),
        ("Exosome therapy is far better than PRP.", "superiority"),
    ],
)
def test_claims_are_flagged(lint, text, category):
    assert category in {f.category for f in lint(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Exosome-based treatments aren't FDA-approved yet.",
        "Is this just another “miracle cure”?",
        "Exosomes are not magic dust.",
        "There are not any direct studies that can show exosomes do not cause cancer.",
        "Book a consultation to discuss your options.",
    ],
)
def test_responsible_sentences_pass(lint, text):
    assert lint(text) == []


def test_hedge_softens_instead_of_suppressing(lint):
    plain = lint("Exosomes regrow hair.")
    hedged = lint("Exosomes may regrow hair.")
    assert plain[0].severity == "error" and hedged[0].severity == "warning"
    assert "hedged" in hedged[0].contexts


def test_suppressed_matches_are_kept_with_their_reason(engine):
    findings = engine.lint_source("x.txt", "It is not FDA-approved.")
    assert len(findings) == 1 and findings[0].suppressed_by == ("negated", "reads_careful")


def test_positions_are_exact_on_crlf_and_astral_text(lint):
    source = "Intro line\r\n😀 Our serum is FDA-approved.\r\n"
    [finding] = lint(source)
    assert (finding.line, finding.column, finding.end_column) == (2, 16, 28)
    assert finding.column_utf16 == 17  # the emoji is two UTF-16 units
    line = source.split("\n")[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == finding.text == "FDA-approved"


def test_findings_are_sorted_and_carry_suggestions(lint):
    findings = lint("A miracle cure. It is FDA-approved and 100% safe.")
    assert [(f.line, f.column) for f in findings] == sorted((f.line, f.column) for f in findings)
    assert all(f.suggestions for f in findings)


def test_lint_text_gives_the_findings_of_copylint_check(invoke, tmp_path):
    """The public API runs the CLI's path: its rules (the suppression-comment rules too), its
    suppression comments and its context decisions; the default engine is built once."""
    import json

    from copylint import engine

    page = (
        "<!-- copylint-disable-next-line regulator-approval -- K123456: cleared for this -->\n"
        "<p>Our laser is FDA-approved.</p>\n"
        "<!-- copylint-disable-next-line miracle-language -->\n"
        "<p>Is exosome therapy FDA-approved? It is a miracle cure.</p>\n"
        "<p>Our serum is not FDA-approved.</p>\n"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    done = invoke(
        "check", "--no-config", "--no-cache", "--format", "json", "page.html", cwd=tmp_path
    )
    from_cli = json.loads(done.stdout)["findings"]
    from_api = [f.to_dict() for f in lint_text(page, path="page.html")]
    assert from_api == from_cli
    assert {f["rule"] for f in from_api} == {"suppression-without-reason", "cures"}
    assert engine.default_engine() is engine.default_engine()


def test_public_lint_text_reports_standing_findings_only():
    assert [f.rule for f in lint_text("It is FDA-approved. It is not FDA-approved.")] == [
        "regulator-approval"
    ]


FILLER = st.sampled_from(
    [
        "Our clinic",
        "Book today.",
        "exosomes",
        "résumé 😀",
        "hair",
        "\n",
        "\r\n",
        "\n\n",
        "  ",
        "•",
        "—",
    ]
)
CLAIMS = st.sampled_from(
    ["FDA-approved", "no side effects", "miraculous", "guaranteed results", "cures"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(FILLER, CLAIMS), min_size=1, max_size=12))
def test_every_finding_slices_back_to_its_text(engine, parts):
    source = " ".join(parts)
    lines = source.split("\n")
    for finding in engine.lint_source("gen.txt", source):
        if finding.line == finding.end_line:
            assert (
                lines[finding.line - 1][finding.column - 1 : finding.end_column - 1] == finding.text
            )


def test_prefilter_names_every_rule_that_matches_in_a_block(engine):
    """Only the rules the prefilter names for a block run their token patterns there. On the seeds
    and the sample site that must give exactly the matches of running every rule."""
    from conftest import REPO

    from copylint.nlp import pipeline
    from copylint.sources import FORMATS, format_for

    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        p for p in (REPO / "tests/fixtures/site").rglob("*") if p.is_file()
    )
    matcher = engine.matcher.rule_matcher()
    checked = 0
    for path in paths:
        source_format = format_for(str(path)) or FORMATS["text"]
        if (
            source_format.to_text
            or source_format.name in ("json", "yaml")
            and path.name == "package.json"
        ):
            continue
        try:
            projection = source_format.project(path.read_text(encoding="utf-8-sig"))
        except Exception:  # malformed fixtures are checked elsewhere
            continue
        for candidate in engine.prefilter.candidates(projection):
            doc = pipeline()(projection.block_text(candidate.block))
            assert matcher(doc, candidate.rules) == matcher(doc), (
                path.name,
                projection.block_text(candidate.block),
            )
            checked += 1
    assert checked > 50
