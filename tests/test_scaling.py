"""Linear time (and bounded memory) in the size of one file, per family of hostile input.

Each test grows one input 1x/4x/16x and checks the CPU-time ratio (tests/scaling.py); the repro
number of issue 14 is in each test's name. The sizes are chosen so that the quadratic code these
tests replaced fails them clearly (each was run against it) while the linear code takes well
under a second at the largest size.
"""

from __future__ import annotations

import json
import random

import pytest
from scaling import assert_linear, peak_memory

from copylint.engine import Engine
from copylint.findings import Finding
from copylint.rulebook import load_rulebook
from copylint.suppressions import Directive
from copylint.words import fold

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine():
    engine = Engine(load_rulebook().without_opt_in())
    # spaCy and the matchers, built once
    engine.lint_source("warm.txt", "Our serum is FDA-approved.")
    return engine


def covers(directive: Directive, finding: Finding, enables: list[Directive]) -> bool:
    """Whether a disabling comment covers a finding, decided the slow, obvious way: the
    reference that suppressions._reach (one interval per comment) is checked against."""
    if directive.action == "disable-file":
        return True
    if directive.action == "disable-next-line":
        return finding.line == directive.end_line + 1
    if directive.action == "disable-line":
        return directive.line <= finding.line <= directive.end_line
    # disable: from the end of the comment to the next enable naming the same thing (or nothing)
    start, at = (directive.end_line, directive.end_column), (finding.line, finding.column)
    if at < start:
        return False
    for enable in enables:
        if (enable.line, enable.column) >= start and (
            not enable.names or set(enable.names) & set(directive.names)
        ):
            return at < (enable.line, enable.column)
    return True


def _lint(engine, path):
    return lambda text: engine.lint_source(path, text)


# --- repro 09: findings per file ------------------------------------------------------------------


def test_09_many_findings_in_one_file_cost_linear_time(engine):
    """repro 09: de-duplication compared every finding with every kept one (16,000 findings:
    51 s)."""
    assert_linear(
        lambda n: "Our serum is FDA-approved.\n" * n, _lint(engine, "p.txt"), 500, repeat=1
    )


def test_09_many_answered_questions_cost_linear_time(engine):
    """repro 09 (answers): each "yes" answer was compared with every finding of the file."""
    assert_linear(
        lambda n: "Is it FDA-approved? Yes, of course.\n" * n, _lint(engine, "p.txt"), 250, repeat=1
    )


def test_09_deduplication_keeps_what_the_pairwise_rule_keeps():
    """The bisection in one_per_category_and_span keeps exactly what comparing with every kept
    verdict keeps, overlapping and nested spans and several categories included."""
    from dataclasses import dataclass

    from copylint.stages.decide import one_per_category_and_span

    @dataclass(frozen=True)
    class Spanned:  # what de-duplication reads of a verdict (projection offsets)
        category: str
        rule_id: str
        suppressed: bool
        start: int
        end: int
        severity: str

    def pairwise(verdicts):
        ranked = sorted(
            verdicts,
            key=lambda v: (
                v.suppressed,
                -(v.end - v.start),
                ["info", "warning", "error"].index(v.severity) * -1,
                v.start,
                v.rule_id,
            ),
        )
        kept = []
        for v in ranked:
            if not any(
                k.category == v.category and k.start < v.end and v.start < k.end for k in kept
            ):
                kept.append(v)
        return kept

    rng = random.Random(9)
    for _ in range(300):
        verdicts = []
        for _ in range(rng.randint(1, 25)):
            start = rng.randint(0, 40)
            verdicts.append(
                Spanned(
                    category=rng.choice("ab"),
                    rule_id=f"r{rng.randint(1, 3)}",
                    suppressed=rng.random() < 0.3,
                    start=start,
                    end=start + rng.randint(1, 12),
                    severity=rng.choice(["info", "warning", "error"]),
                )
            )
        assert one_per_category_and_span(verdicts) == pairwise(verdicts)


# --- repro 10: what a finding carries -------------------------------------------------------------

_PAD = "Our team answers your questions about the treatment and its aftercare. " * 14


def _one_line_page(paragraphs: int) -> str:
    return (
        "<html><body>"
        + "".join(f"<p>Our serum is FDA-approved. {_PAD}</p>" for _ in range(paragraphs))
        + "</body></html>\n"
    )


def test_10_memory_for_a_one_line_page_is_bounded_by_its_size(engine):
    """repro 10: each finding held its whole source line, so a 1 MB one-line page with 1,000
    findings cost a gigabyte (and a 1 GB cache entry). The bound, 20x the page: the projection,
    the spaCy docs of its blocks and ~1 KB per finding come to ~4x; a copy of the line per
    finding would be ~1,000x."""
    page = _one_line_page(1000)
    assert len(page) > 1_000_000
    peak = peak_memory(lambda: engine.lint_source("page.html", page))
    assert peak < 20 * len(page), f"{peak / len(page):.0f}x the page"


def test_10_a_cached_result_is_bounded_by_the_page_size(engine):
    """repro 10: the cache entry stored every finding's line: 1 GB for a 1 MB page."""
    from copylint.cache import result_to_dict

    page = _one_line_page(1000)
    result = engine.check_bytes("page.html", page.encode("utf-8"))
    assert len(result.findings) == 1000
    assert len(json.dumps(result_to_dict(result), ensure_ascii=False)) < 3 * len(page)


def test_10_text_output_shows_a_window_of_a_long_line(engine):
    """repro 10: the text reporter's excerpt comes from the bounded window the finding holds;
    the caret still sits under the span."""
    from copylint.reporters import text as text_reporter

    page = _one_line_page(1000)
    findings = [f for f in engine.lint_source("page.html", page) if not f.suppressed]
    last = findings[-1]
    assert len(last.source_line) < 400 and last.source_line_start > 0 and last.source_line_cut
    shown, marker = text_reporter._excerpt(last)
    assert shown.startswith("    …") and shown.endswith("…")
    plain = marker.replace("\x1b[31m", "").replace("\x1b[0m", "")
    assert shown[plain.index("^") : plain.index("^") + len("FDA-approved")] == "FDA-approved"


def test_10_a_sentence_beyond_the_cap_is_cut_around_the_match(engine):
    """repro 10 / 47: a finding's sentence is at most SENTENCE_LIMIT characters, a window around
    its match; a normal sentence is kept whole (the baseline fingerprints depend on it)."""
    SENTENCE_LIMIT = 1000  # copylint.findings.SENTENCE_LIMIT

    long_text = (
        "Our team "
        + "answers many questions and " * 200
        + "the serum is FDA-approved and "
        + "it helps people " * 200
        + "daily.\n"
    )
    [finding] = [
        f for f in engine.lint_source("s.txt", long_text) if f.rule == "regulator-approval"
    ]
    assert len(finding.sentence) <= SENTENCE_LIMIT
    assert (
        "FDA-approved" in finding.sentence
        and finding.sentence.startswith("…")
        and finding.sentence.endswith("…")
    )
    [short] = [
        f
        for f in engine.lint_source("s.txt", "  Our serum is FDA-approved.  ")
        if f.rule == "regulator-approval"
    ]
    assert short.sentence == "Our serum is FDA-approved."


# --- repro 27, 41: suppression comments -----------------------------------------------------------


def test_27_unclosed_comment_openers_cost_linear_time(engine):
    """repro 27: every unclosed "<!--" (and "{#", "{/*", "{{!", "{% comment %}") rescanned to the
    end of the file when the page holds "copylint-": 240 KB took 72 s."""
    assert_linear(
        lambda n: "<p>copylint-</p>\n" + "<!-- {# {/* {{! {% comment %}\n" * n,
        _lint(engine, "p.html"),
        125,
        repeat=1,
    )


def test_27_the_comment_scanner_finds_what_the_markup_regex_finds():
    from copylint.sources import comments

    pieces = [
        "<!--",
        "-->",
        "{#",
        "#}",
        "-",
        "{{!",
        "}}",
        "--}}",
        "{/*",
        "*/}",
        "{%",
        "%}",
        " comment ",
        "endcomment",
        "{%- comment -%}",
        "{% endcomment %}",
        "a",
        " ",
        "\n",
        "{",
        "}",
        "#",
        "!",
        "*",
        "/",
        "%",
    ]
    rng = random.Random(27)
    for _ in range(5000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        want = [
            (m.span(), next(g for g in m.groups() if g is not None))
            for m in comments.MARKUP.finditer(source)
        ]
        assert [(m.span(), body) for m, body in comments.bodies(comments.MARKUP, source)] == want, (
            source
        )


def _pairs(n: int) -> str:
    return "".join(
        (
            f"<!-- copylint-disable hype-word -- product name -->\n"
            f"<p>A miraculous serum {i}.</p>\n<!-- copylint-enable hype-word -->\n"
        )
        for i in range(n)
    )


def test_41_many_disable_enable_pairs_cost_linear_time(engine):
    """repro 41: each finding tried every disabling comment, and each of those scanned the enables
    from the start: cubic (2,400 pairs: 141 s)."""
    assert_linear(_pairs, _lint(engine, "p.html"), 50, repeat=1)


def test_41_pairs_still_suppress_each_their_own_finding(engine):
    findings = engine.lint_source("p.html", _pairs(30) + "<p>A miraculous serum.</p>\n")
    hype = [f for f in findings if f.category == "hype-word"]
    assert [f.suppressed_by for f in hype] == [("inline",)] * 30 + [()]
    assert not [f for f in findings if f.rule == "unused-suppression"]


def test_41_the_sweep_picks_the_comment_that_trying_each_in_turn_picks(engine):
    """first_covering gives each finding the first disabling comment that names it and covers
    it, as trying every comment with Directive.covers did (random mixes of every action)."""
    from copylint import suppressions
    from copylint.sources import comments

    rulebook = engine.rulebook
    names = ["hype-word", "miracle-language", "regulator-approval", "cure-claim", "cures", ""]
    actions = [
        "disable",
        "enable",
        "disable-next-line",
        "disable-line",
        "disable-file",
        "disable",
        "enable",
    ]
    claims = [
        "A miraculous serum.",
        "It is FDA-approved.",
        "This cures it.",
        "Plain words.",
        "A miracle cure, FDA-approved.",
    ]
    rng = random.Random(41)
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 14)):
            if rng.random() < 0.45:
                parts.append(
                    f"<!-- copylint-{rng.choice(actions)} "
                    f"{' '.join(rng.sample(names, rng.randint(0, 2)))} -- why -->"
                )
            else:
                parts.append(f"<p>{rng.choice(claims)}</p>")
            parts.append(rng.choice(["\n", " ", "\n\n"]))
        source = "".join(parts)
        findings = [
            f
            for f in engine.lint_source("p.txt", source.replace("<!--", "<!~~"))
            if f.category != "suppressions"
        ]
        parsed = suppressions.parse(source, comments.MARKUP, rulebook.known_names())
        disabling = [d for d in parsed.directives if d.action != "enable" and d.names]
        enables = [d for d in parsed.directives if d.action == "enable"]
        want = [
            None
            if f.suppressed
            else next(
                (
                    i
                    for i, d in enumerate(disabling)
                    if set(d.names) & {f.rule, f.category} and covers(d, f, enables)
                ),
                None,
            )
            for f in findings
        ]
        assert suppressions.first_covering(disabling, enables, findings) == want, source


# --- repro 42, 31: what spaCy is given ------------------------------------------------------------


def test_42_a_run_of_punctuation_costs_linear_time(engine):
    """repro 42: spaCy's tokenizer strips a run's suffixes one at a time and searches the whole
    rest of the run for the next one: 16 KB of "!" took 23-48 s."""
    assert_linear(
        lambda n: "Our serum is FDA-approved" + "!" * n + "\n",
        _lint(engine, "p.txt"),
        250,
        repeat=1,
    )


def test_42_nested_markdown_links_cost_linear_time(engine):
    """repro 42 (Markdown): "[[[[a](b)](b)..." reached the tokenizer as one long run of brackets."""
    assert_linear(
        lambda n: "Our serum is FDA-approved. " + "[" * n + "a" + "](b)" * n + "\n",
        _lint(engine, "l.md"),
        250,
        repeat=1,
    )


def test_42_a_long_run_still_yields_the_claim_at_its_offsets(engine):
    text = "Intro words. Our serum is FDA-approved" + "!" * 5000 + " and gentle.\n"
    [finding] = [f for f in engine.lint_source("p.txt", text) if f.rule == "regulator-approval"]
    assert text[finding.column - 1 : finding.end_column - 1] == "FDA-approved"


def test_42_the_tokenizer_is_spacys_on_normal_text_and_exact_on_long_runs():
    """The bounded tokenizer gives spaCy's tokens where no run without whitespace is longer than
    LONG_CHUNK, and keeps the text (every offset) of any input."""
    import spacy

    from copylint.nlp import LONG_CHUNK, pipeline

    reference, ours = spacy.blank("en"), pipeline()
    pieces = list(".!?)]}\"'’”%*+-:;,a1b") + [
        "...",
        "'s",
        "n't",
        "…",
        "km",
        " ",
        "  ",
        "\n",
        "word",
        "FDA-approved",
        "don't",
        "U.S.",
    ]
    rng = random.Random(42)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        assert [(t.text, t.whitespace_, t.norm_) for t in ours(text)] == [
            (t.text, t.whitespace_, t.norm_) for t in reference(text)
        ], text
    for text in (
        "a " + "!" * (3 * LONG_CHUNK) + " b",
        "x" * (2 * LONG_CHUNK + 7) + "\n\n" + "[" * 2500 + "a",
        "!" * (LONG_CHUNK + 1),
    ):
        doc = ours(text)
        assert doc.text == text and all(t.idx == text.index(t.text, t.idx) for t in doc)


def test_42_the_suffix_search_on_a_tail_answers_as_on_the_whole_string():
    import spacy

    from copylint.nlp import pipeline

    whole, tail = spacy.blank("en").tokenizer.suffix_search, pipeline().tokenizer.suffix_search
    assert whole is not tail
    pieces = list(".!?)]}\"'’”%*+-:;,a1b°") + ["...", "'s", "n't", "…", "km", "C", "''"]
    rng = random.Random(420)
    for _ in range(20000):
        string = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        a, b = whole(string), tail(string)
        assert (a.end() - a.start() if a else 0) == (b.end() - b.start() if b else 0), string


@pytest.mark.parametrize("name", ["long.txt", "long.html", "long.json"])
def test_31_a_block_over_a_million_characters_is_checked(engine, name):
    """repro 31: a block over spaCy's max_length (1,000,000 characters) made the run exit 3."""
    body = "Our serum is FDA-approved. " + "Plain words here. " * 62000
    assert len(body) > 1_100_000
    source = {
        "long.txt": body,
        "long.html": f"<p>{body}</p>",
        "long.json": json.dumps({"body": body}),
    }[name]
    result = engine.check_bytes(name, source.encode("utf-8"))
    assert result.error is None
    [finding] = [f for f in result.findings if f.rule == "regulator-approval"]
    line = source.split("\n")[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "FDA-approved"


def test_31_the_cli_checks_a_long_block_and_the_other_files(tmp_path):
    """repro 31, through the real CLI: no exit 3, every file checked."""
    from conftest import run_cli

    body = "Our serum is FDA-approved. " + "Plain words here. " * 62000
    (tmp_path / "long.html").write_text(f"<p>{body}</p>\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    done = run_cli(
        "check",
        "--no-config",
        "--no-cache",
        "--format",
        "json",
        "long.html",
        "other.txt",
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert {f["path"] for f in json.loads(done.stdout)["findings"]} == {"long.html", "other.txt"}


# --- repro 47: many claims in one sentence --------------------------------------------------------


def test_47_many_claims_in_one_sentence_cost_linear_time(engine):
    """repro 47: every context detector walked the whole sentence again for each match."""
    assert_linear(
        lambda n: "Our serum is " + "miraculous and " * n + "gentle\n",
        _lint(engine, "s.txt"),
        100,
        repeat=1,
    )


def test_the_scored_rule_costs_linear_time_in_sentences_and_matches():
    """With reads-as-claim enabled, each sentence was compared with every match of its block."""
    from copylint.config import Layer
    from copylint.settings import Settings

    scored = Engine.from_settings(Settings(cli=Layer(severity=(("reads-as-claim", "info"),))))
    scored.lint_source("warm.txt", "Our serum is FDA-approved.")
    assert_linear(
        lambda n: "Our serum is miraculous. Results are amazing for your skin. " * n + "\n",
        _lint(scored, "s.txt"),
        800,
        repeat=1,
    )


def test_47_many_quoted_claims_in_one_sentence_cost_linear_time(engine):
    """repro 47 (quotes, hedges, evidence words): the detectors that look at quote pairs or at
    the whole clause before the match."""
    assert_linear(
        lambda n: "Critics say studies " + "may show the “miraculous” serum and " * n + "more\n",
        _lint(engine, "s.txt"),
        60,
        repeat=1,
    )


def test_47_contexts_are_those_of_the_sentence_walk():
    """The precomputed per-doc facts answer every detector as walking the sentence did: a
    differential check against the straightforward definitions on random copy."""
    from copylint import context
    from copylint.nlp import pipeline

    cues = _english_cues()
    words = sorted(
        set().union(
            cues.NEGATORS,
            cues.CLAUSE_BREAK_WORDS,
            cues.COMMA_CLAUSE_STARTERS,
            cues.HEDGES,
            cues.EVIDENCE_NOUNS,
            cues.EVIDENCE_SCARCITY,
            cues.CONDITIONALS,
            cues.REQUIREMENT_WORDS,
            cues.AUTHORITIES,
            cues.CRITICAL_WORDS,
            cues.DATA_REPORT_VERBS,
            cues.FIRST_PERSON,
            cues.SERVICE_WORDS,
            cues.TRANSFER_WORDS,
            cues.SCARE_MARKERS,
            cues.QUALIFYING_CONTRASTS,
            cues.QUALIFYING_RISK,
            cues.PREDICATE_AFTER,
            cues.REPORTING_VERBS,
            cues.THIRD_PARTIES,
            cues.LIST_JOINERS,
            cues.PRECAUTION_VERBS,
            cues.INTAKE_WORDS,
            {"before", "weeks", "with", "contraindications", "regulated", "advertised"},
            {a for a, _ in cues.REPORTING_FRAMES},
            {b for _, b in cues.REPORTING_FRAMES},
        )
    ) + [
        "help",
        "unproven",
        "shown",
        "been",
        "yet",
        "to",
        "be",
        "according",
        "other",
        "than",
        "so-called",
        "results",
        "vary",
        "minoxidil",
        "safe",
        "FDA-approved",
        ",",
        ".",
        "?",
        ";",
        "-",
        "—",
        "(",
        '"',
        "“",
        "”",
        "'",
        "’",
        "it’s",
        "Q.",
        "\n",
        "Is",
    ]
    nlp = pipeline()
    rng = random.Random(47)
    texts = [
        "".join(
            rng.choice(words) + rng.choice([" ", " ", "", "  "]) for _ in range(rng.randint(1, 30))
        )
        for _ in range(150)
    ] + [  # cues random text rarely puts together
        'Our serum is "safe" and "FDA-approved", clinics say it is "safe" or \'proven\'.',
        'It is truly "safe", and "safe"; providers call it "safe".',
        'Our website says it is "safe"; a website states it\'s "safe".',
        "We claim that it is safe, clinics claim it is safe and our clinic claims to be safe.",
        "Be wary of clinics that promise safe results; others sell FDA-approved minoxidil.",
        "Our website says it is safe, our providers promise safe results.",
        "Avoid safe minoxidil before it; stop safe with minoxidil; if you are taking minoxidil.",
        "Contraindications: minoxidil. Avoid minoxidil, safe and FDA-approved for weeks.",
    ]
    for text in texts:
        doc = nlp(text)
        facts = context.doc_facts(doc, text)
        for start in range(len(doc)):
            sent = doc[start].sent
            k, ss, se = facts.sentence(start)
            assert (ss, se) == (sent.start, sent.end)
            for end in (start + 1, start + 2):
                if end <= len(doc):
                    site = context.MatchSite(
                        doc, start, end, frozenset(), facts, frozenset({"minoxidil"})
                    )
                    assert context.detect(site) == _walked_contexts(doc, facts, site), (
                        text,
                        start,
                        end,
                    )


def _walked_contexts(doc, facts, site):
    """The detectors as they were: each walks its sentence or clause (kept here as the
    reference)."""

    c = _english_cues()

    norms, texts, sent = facts.norms, facts.texts, doc[site.start].sent
    ms, me, ss, se = site.start, site.end, sent.start, sent.end
    cs = ss
    for i in range(ms - 1, ss - 1, -1):
        if (
            norms[i] in c.CLAUSE_BREAK_WORDS
            or texts[i] in c.CLAUSE_BREAK_PUNCT
            or (texts[i] == "-" and i > 0 and doc[i - 1].whitespace_)
            or (texts[i] == "," and i + 1 < ms and norms[i + 1] in c.COMMA_CLAUSE_STARTERS)
        ):
            cs = i + 1
            break
    found = []
    if c._negated(norms, cs, site):
        found.append("negated")
    window = norms[cs : ms + 1]
    if (
        any(n in c.HEDGES for n in window[:-1])
        or any(p in c.HEDGE_BIGRAMS for p in zip(window, window[1:], strict=False))
        or c.HEDGING_SENTENCE.search(fold(sent.text))
    ):
        found.append("hedged")
    window = norms[cs:ms]
    gap = any(
        n in c.EVIDENCE_NOUNS and any(w in c.EVIDENCE_SCARCITY for w in window[max(0, i - 4) : i])
        for i, n in enumerate(window)
    )
    if gap or c.UNPROVEN.search(fold(doc[cs:ms].text) if ms > cs else ""):
        found.append("evidence_gap")
    if c._question(doc, sent):
        found.append("question")
    quoted = False
    for quotes in (c.DOUBLE_QUOTES, c.SINGLE_QUOTES):
        marks = [i for i in range(ss, se) if texts[i] in quotes and c._standalone_quote(doc, i)]
        emphasised = None  # where the last quote of the clinic's own closed
        for o, cl in zip(marks[::2], marks[1::2], strict=False):
            copulas = [
                i for i in range(max(ss, o - c.PREDICATE_REACH), o) if norms[i] in c.PREDICATE_AFTER
            ]
            emphasis = bool(copulas) and (
                not any(n in c.REPORTING_VERBS | c.THIRD_PARTIES for n in norms[ss : copulas[-1]])
                or any(n in c.FIRST_PERSON for n in norms[ss : copulas[-1]])
            )
            listed = emphasised is not None and all(
                n in c.LIST_JOINERS for n in norms[emphasised + 1 : o]
            )
            owned = (
                (o > ss and norms[o - 1] in {"our", "my"})
                or bool(c.SPEAKER & set(norms[o:cl]))
                or listed
                or emphasis
            )
            if owned:
                emphasised = cl
            quoted = quoted or (o < ms and me <= cl and not owned)
    before = norms[max(ss, ms - 4) : ms]
    quoted = (
        quoted
        or any(n in c.SCARE_MARKERS for n in before)
        or "so-called" in fold(doc[max(ss, ms - 4) : ms].text)
    )

    def subject(verb):
        nearest = [
            j
            for j in range(max(ss, verb - c.SUBJECT_REACH), verb)
            if norms[j] in c.FIRST_PERSON | c.THIRD_PARTIES
        ]
        if not nearest:
            return None
        j = nearest[-1]
        own = norms[j] in c.FIRST_PERSON or (j > ss and norms[j - 1] in c.FIRST_PERSON)
        return "own" if own else "other"

    pairs = {
        p
        for i, p in enumerate(zip(window, window[1:], strict=False))
        if (cs + i > ss or p[0].endswith("ing")) and subject(cs + i) != "own"
    }
    reported = any(norms[v] in c.REPORTING_VERBS and subject(v) == "other" for v in range(cs, ms))
    if quoted or reported or any(f in pairs for f in c.REPORTING_FRAMES):
        found.append("quoted")
    conditional = any(n in c.REQUIREMENT_WORDS for n in norms[max(cs, ms - 3) : ms])
    for i in range(ms - 1, cs - 1, -1):
        if conditional or norms[i] == ",":
            break
        if norms[i] in c.CONDITIONALS:
            conditional = True
    if conditional:
        found.append("conditional")
    before = norms[ss:ms]
    attributed = any(
        n in c.AUTHORITIES
        and norms[ss + i + 1 : ss + i + 2] != ["-"]
        and not (i and before[i - 1] in c.FIRST_PERSON)
        for i, n in enumerate(before[: c.AUTHORITY_REACH])
    )
    attributed = attributed or any(
        before[i] == "according"
        and before[i + 1] == "to"
        and any(n in c.AUTHORITIES for n in before[i + 2 : i + 7])
        for i in range(len(before) - 1)
    )
    if any(
        n in c.DATA_REPORT_VERBS for n in norms[max(ss, ms - 2) : ms] + norms[me : min(se, me + 2)]
    ):
        attributed = (
            attributed
            or any(n in c.EVIDENCE_NOUNS for n in before)
            or any(
                a == "other" and b == "than"
                for a, b in zip(norms[me:se], norms[me + 1 : se], strict=False)
            )
        )
    critical = [i for i, n in enumerate(before) if n in c.CRITICAL_WORDS]
    attributed = attributed or bool(
        critical and not any(n in c.FIRST_PERSON for n in norms[ss + critical[0] : se])
    )
    if attributed:
        found.append("attributed")
    if facts.disclaimer:
        found.append("disclaimer")
    clause_end = next(
        (
            i
            for i in range(me, se)
            if norms[i] in c.CLAUSE_BREAK_WORDS or texts[i] in {";", "—", "–"}
        ),
        se,
    )
    if any(n in site.approved_products for n in norms[ss:clause_end]):
        if not (
            set(norms[ss:clause_end]) & (c.FIRST_PERSON | c.SERVICE_WORDS)
            or set(norms[me:se]) & c.TRANSFER_WORDS
        ):
            found.append("named_product")
    precaution = any(n in c.CONTRAINDICATIONS for n in norms[ss:ms]) or (
        any(n in c.REGULATORY for n in norms[ss:se]) and not set(norms[ss:se]) & c.FIRST_PERSON
    )
    for i in range(ms - 1, max(cs, ms - c.PRECAUTION_REACH) - 1, -1):
        if precaution or norms[i] in c.PRECAUTION_MEANS | c.PRECAUTION_TIMING:
            break
        lead = norms[max(cs, i - c.INTAKE_REACH) : i]
        if norms[i] in c.INTAKE_WORDS and set(lead) & c.INTAKE_AFTER:
            precaution = True
        elif norms[i] in c.PRECAUTION_VERBS:
            precaution = any(n in c.PRECAUTION_TIMING for n in norms[ss:se])
            break
    if precaution:
        found.append("precaution")
    after = norms[me : min(se, me + c.QUALIFYING_REACH + 1)]
    contrast = next((me + i for i, n in enumerate(after) if n in c.QUALIFYING_CONTRASTS), None)
    if (
        contrast is not None
        and set(norms[contrast + 1 : min(se, contrast + 6)]) & c.QUALIFYING_RISK
    ):
        found.append("qualified")
    return tuple(found)


def _english_cues():
    """The English language file's cues, under the names the detectors had when they were module
    constants (the reference walk below reads them so)."""
    from types import SimpleNamespace

    from copylint import context
    from copylint.language import builtin

    lang = builtin()
    return SimpleNamespace(
        NEGATORS=lang.negators,
        CLAUSE_BREAK_WORDS=lang.clause_break_words,
        CLAUSE_BREAK_PUNCT=lang.clause_break_punct,
        COMMA_CLAUSE_STARTERS=lang.comma_clause_starters,
        HEDGES=lang.hedges,
        HEDGE_BIGRAMS=lang.hedge_pairs,
        HEDGING_SENTENCE=lang.hedging_sentence,
        EVIDENCE_NOUNS=lang.evidence_nouns,
        EVIDENCE_SCARCITY=lang.evidence_scarcity,
        UNPROVEN=lang.unproven,
        CONDITIONALS=lang.conditionals,
        REQUIREMENT_WORDS=lang.requirement_words,
        AUTHORITIES=lang.authorities,
        AUTHORITY_REACH=lang.authority_reach,
        CRITICAL_WORDS=lang.critical_words,
        DATA_REPORT_VERBS=lang.data_report_verbs,
        FIRST_PERSON=lang.first_person,
        SERVICE_WORDS=lang.service_words,
        TRANSFER_WORDS=lang.transfer_words,
        SCARE_MARKERS=lang.scare_markers,
        PREDICATE_AFTER=lang.predicate_after,
        PREDICATE_REACH=lang.predicate_reach,
        REPORTING_VERBS=lang.reporting_verbs,
        THIRD_PARTIES=lang.third_parties,
        SUBJECT_REACH=lang.subject_reach,
        CONTRAINDICATIONS=lang.contraindications,
        REGULATORY=lang.regulatory_words,
        PRECAUTION_REACH=lang.precaution_reach,
        PRECAUTION_MEANS=lang.precaution_means,
        PRECAUTION_VERBS=lang.precaution_verbs,
        PRECAUTION_TIMING=lang.precaution_timing,
        INTAKE_WORDS=lang.intake_words,
        INTAKE_AFTER=lang.intake_after,
        INTAKE_REACH=lang.intake_reach,
        LIST_JOINERS=lang.list_joiners,
        REPORTING_FRAMES=lang.reporting_frames,
        DOUBLE_QUOTES=lang.double_quotes,
        SINGLE_QUOTES=lang.single_quotes,
        SPEAKER=lang.speaker,
        QUALIFYING_CONTRASTS=lang.qualifying_contrasts,
        QUALIFYING_RISK=lang.qualifying_risk_words,
        QUALIFYING_REACH=lang.qualifying_reach,
        _negated=lambda norms, cs, site: context._negated(norms, cs, site, lang),
        _question=lambda doc, sent: context._question(sent, lang),
        _standalone_quote=lambda doc, i: context._standalone_quote(doc, i, lang.double_quotes),
    )


# --- repro 30, 48: projections --------------------------------------------------------------------


def test_30_nested_skipped_elements_cost_linear_time():
    """repro 30: each end tag searched the whole stack of open skipped elements (880 KB: 27 s)."""
    from copylint.sources.template import project_page

    assert_linear(
        lambda n: "<svg>" * n + "</svg>" * n + "<p>Our serum is FDA-approved.</p>\n",
        project_page,
        2500,
        repeat=1,
    )


def test_30_an_end_tag_closes_its_innermost_element_and_those_inside_it():
    from copylint.sources.html import project_html

    source = (
        "<svg><code><svg>hidden</svg>still "
        "hidden</code></svg><p>shown</p><template><pre>x</template>after"
    )
    projection = project_html(source)
    assert [projection.block_text(b) for b in projection.blocks] == ["shown", "after"]


def test_48_unterminated_template_comments_cost_linear_time():
    """repro 48: every unterminated "{#" scanned up to 20,000 characters ahead."""
    from copylint.sources.template import project_page

    assert_linear(
        lambda n: "<p>Our serum is FDA-approved.</p>" + "{#" * n + "\n", project_page, 500, repeat=1
    )


def test_48_unterminated_expressions_and_statements_cost_linear_time():
    """repro 48: the same for "{{", "{{{" and "{%" (bounded at 4,000 characters each): within
    that bound the regex's work grew with the square of the openers."""
    from copylint.sources.template import mask_templates

    assert_linear(lambda n: "<p>Our serum</p>" + "{{ {% {{{ " * n, mask_templates, 24)


def test_48_the_template_scanner_masks_what_the_regex_masks():
    from copylint.sources import template

    pieces = [
        "{#",
        "#}",
        "{{",
        "}}",
        "}}}",
        "{{{",
        "{{!--",
        "--}}",
        "{%",
        "%}",
        "{% comment %}",
        "{%- endcomment %}",
        "<?",
        "<?php",
        "<?=",
        "?>",
        "a",
        " ",
        "\n",
        "{",
        "}",
        "#",
        "!",
        "%",
        "-",
        "<",
        "?",
    ]
    rng = random.Random(48)
    for _ in range(5000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert template.construct_spans(source) == [
            m.span() for m in template._TEMPLATE_CONSTRUCT.finditer(source)
        ], source
    for source in (
        "{#" + "x" * 20000 + "#}",
        "{#" + "x" * 20001 + "#}",
        "{{" + "x" * 4001 + "}}",
        "{{{" + "x" * 4000 + "}}}",
        "{%" + "x" * 4001 + "%}",
    ):
        assert template.construct_spans(source) == [
            m.span() for m in template._TEMPLATE_CONSTRUCT.finditer(source)
        ]
