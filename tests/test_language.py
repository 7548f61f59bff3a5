"""Language as data: the detectors read their cues from a language file, and a pack in another
language is read with its own (tests/fixtures/lang-es: a tiny Spanish pack and language file,
written for these tests)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, write

from copylint.language import LanguageError, builtin, load_language

SPANISH = REPO / "tests/fixtures/lang-es"

PAGE = """\
Nuestra terapia con exosomas está aprobada por la FDA.

Nuestra terapia con exosomas no está aprobada por la FDA.

¿Está la terapia con exosomas aprobada por la FDA?

Si estuviera aprobada por la FDA, lo diríamos.

La terapia con células madre cura la artritis.

Las células madre podrían ayudar, pero ningún tratamiento cura la artritis.

¿Cómo cura la artritis nuestra terapia?

Our exosome therapy is FDA-approved.

Our exosome therapy is not FDA-approved.
"""

# line -> rule: every assertion, and nothing negated, questioned, conditional or hedged.
FLAGGED = {
    1: "es-aprobado-por-la-fda",
    9: "es-cura",
    13: "es-cura",
    15: "regulator-approval",
}


def _site(tmp_path: Path, language: str = "es") -> Path:
    site = tmp_path / "site"
    shutil.copytree(SPANISH, site)
    pack = site / "rules/aprobacion-es.yaml"
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("language: es", f"language: {language}"),
        encoding="utf-8",
    )
    write(site, {"page.md": PAGE})
    return site


def _flagged(invoke, site: Path, *extra: str) -> dict[int, str]:
    result = invoke("check", "page.md", "--format", "json", "--no-cache", *extra, cwd=site)
    assert result.exit_code in (0, 1), result
    findings = json.loads(result.stdout)["findings"]
    return {f["line"]: f["rule"] for f in findings}


def test_a_spanish_pack_is_read_with_spanish_cues(invoke, tmp_path):
    assert _flagged(invoke, _site(tmp_path)) == FLAGGED


def test_the_same_pack_read_with_english_cues_reports_what_spanish_hedges(invoke, tmp_path):
    """The difference is the language file: with English cues, a question without an
    auxiliary, "si" and "ningún" mean nothing, and those careful sentences are reported too
    ("no" is a negator in both)."""
    flagged = _flagged(invoke, _site(tmp_path, language="en"))
    assert {1, 5, 7, 9, 11} <= set(flagged)
    assert 3 not in flagged
    assert 17 not in flagged  # the English rule still reads "not FDA-approved" as negated


def test_a_yes_answer_in_spanish_makes_the_claim(invoke, tmp_path):
    site = _site(tmp_path)
    write(site, {"page.md": "¿Está aprobada por la FDA?\n\nSí, desde 2020.\n"})
    result = invoke("check", "page.md", "--format", "json", "--no-cache", cwd=site)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["rule"], f["text"]) for f in findings] == [
        (3, "es-aprobado-por-la-fda", "Sí")
    ]


def test_test_rules_runs_the_spanish_examples(invoke, tmp_path):
    result = invoke("test-rules", cwd=_site(tmp_path))
    assert result.exit_code == 0, result
    assert "ok    es-cura (2 flag, 3 pass)" in result.stdout


def test_a_pack_naming_an_unknown_language_is_one_line_and_exit_2(invoke, tmp_path):
    result = invoke("check", "page.md", cwd=_site(tmp_path, language="fr"))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "aprobacion-es.yaml: field 'language': no language file for 'fr'" in message
    assert "known: en, es" in message


def test_a_site_may_not_redefine_a_shipped_language(invoke, tmp_path):
    site = _site(tmp_path)
    shutil.copy(REPO / "rules/lang/en.yaml", site / "rules/lang/en.yaml")
    result = invoke("check", "page.md", cwd=site)
    assert result.exit_code == 2
    assert "language 'en' is also defined in" in result.stderr


def test_the_cache_key_follows_the_language_file(tmp_path):
    from copylint.cache import run_key
    from copylint.config import load_config
    from copylint.settings import Settings

    site = _site(tmp_path)
    settings = Settings(config=load_config(site / ".copylint.yaml"))
    before = run_key(settings)
    language_file = site / "rules/lang/es.yaml"
    language_file.write_text(
        language_file.read_text(encoding="utf-8").replace("reach: 12", "reach: 11"),
        encoding="utf-8",
    )
    assert run_key(settings) != before


def test_the_english_file_holds_the_detectors_cues():
    english = builtin()
    assert english.code == "en" and english.spacy == "en"
    assert {"not", "never", "without"} <= english.negators
    assert english.hedging_sentence.search("results may vary")
    assert english.unproven.search("it has not yet been proven") is None
    assert english.unproven.search("it has not been proven")
    assert english.affirmative_at.match("Yes, it is.")
    assert english.affirmative_at.match("Absolutely not.") is None
    assert english.disclaimer.search("these statements have not been evaluated by the fda")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace("negation:", "negations:"), "field 'negations': unknown field"),
        (lambda t: t.replace("  reach: 12", "  reach: many"), "field 'negation.reach': must be"),
        (lambda t: t.replace("language: es", "language: fr"), "'fr' in a file named es.yaml"),
        (
            lambda t: t.replace('"no {shown}"', '"no {proven}"'),
            "field 'evidence.unproven': 'no {proven}' names an unknown slot {proven}",
        ),
        (
            lambda t: t.replace("  wh_starters:", "  yes_no_starters: [es]\n  wh_starters:"),
            "field 'questions': needs one of yes_no_starters and wh_starters",
        ),
        (
            lambda t: t.replace("frames: [[afirman, que]", "frames: [[afirman]"),
            "field 'reporting.frames': each entry must be two words",
        ),
        (lambda t: t + "\n  - [", "not valid YAML"),
        (lambda t: t + "\nfold_accents: sometimes\n", "field 'fold_accents': must be true or"),
    ],
)
def test_a_broken_language_file_is_refused_naming_file_and_field(tmp_path, change, problem):
    broken = tmp_path / "es.yaml"
    broken.write_text(change((SPANISH / "rules/lang/es.yaml").read_text(encoding="utf-8")))
    with pytest.raises(LanguageError) as refused:
        load_language(broken)
    message = str(refused.value)
    assert message.startswith(f"{broken}: ") and problem in message
    assert "\n" not in message


def test_the_unknown_field_hint_says_did_you_mean(tmp_path):
    broken = tmp_path / "es.yaml"
    text = (SPANISH / "rules/lang/es.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("  not_after:", "  not_aftr:"))
    with pytest.raises(LanguageError, match="did you mean 'not_after'"):
        load_language(broken)


# --- accents: folded in English NORMs, kept apart in Spanish ---------------------------------

ACCENT_PACK = """\
version: 1
category: demo
title: Demo
references: [{title: T, url: 'https://example.org'}]
rules:
  - id: names-a-filler
    severity: warning
    message: Names a filler brand.
    phrases: [Juvederm]
    patterns: [[{NORM: radiésse}]]
    suggestions: [{advice: Describe the treatment instead.}]
    examples: {flag: ["Juvederm lips."], pass: ["Fillers."]}
"""


def test_english_reads_an_accented_spelling_as_the_plain_one_and_back(tmp_path):
    from copylint.engine import Engine
    from copylint.rulebook import load_rulebook

    (tmp_path / "demo.yaml").write_text(ACCENT_PACK, encoding="utf-8")
    engine = Engine(load_rulebook([tmp_path]))
    text = "Lips with Juvéderm, JUVEDERM or Radiesse; cheeks with RADIÉSSE."
    found = [(f.text, f.column, f.end_column) for f in engine.lint_source("page.txt", text)]
    assert found == [
        ("Juvéderm", 11, 19),
        ("JUVEDERM", 21, 29),
        ("Radiesse", 33, 41),
        ("RADIÉSSE", 55, 63),  # columns of the text as written
    ]


def test_spanish_keeps_si_and_si_apart(invoke, tmp_path):
    """ "Sí" (yes) is not "si" (if): the Spanish file folds no accents, so the conditional "si"
    does not read the affirmation as a condition."""
    site = _site(tmp_path)
    write(
        site,
        {"page.md": "Sí está aprobada por la FDA.\n\nSi está aprobada por la FDA, lo diremos.\n"},
    )
    assert _flagged(invoke, site) == {1: "es-aprobado-por-la-fda"}
    assert builtin().fold_accents and not load_language(SPANISH / "rules/lang/es.yaml").fold_accents


def test_accents_fold_one_for_one():
    from copylint.words import fold_accents

    text = "Juvéderm, RADIÉSSE, naïve, crème brûlée, “quoted”, Ærø"
    folded = fold_accents(text)
    assert folded == "Juvederm, RADIESSE, naive, creme brulee, “quoted”, Ærø"
    assert len(folded) == len(text)


def test_keyed_function_words_are_never_another_spelling_s_norm():
    """A keyed function word narrows the prefilter's requirements ("no more" + acne needs all
    three words), so no piece spaCy reads with that NORM may be spelled otherwise: "n't" reads as
    "not" and "'em" as "them", which are therefore not keyed."""
    from spacy.attrs import NORM, ORTH

    from copylint.language import builtin
    from copylint.nlp import pipeline

    keyed = builtin("en").keyed_function_words
    assert {"no", "more", "than", "other"} - keyed == {"other"}  # "other" is no function word
    respelled = sorted(
        (string, piece[ORTH])
        for string, pieces in pipeline("en").tokenizer.rules.items()
        for piece in pieces
        if (piece.get(NORM) or piece[ORTH]).lower() in keyed
        and piece[ORTH].lower() != (piece.get(NORM) or piece[ORTH]).lower()
    )
    assert not respelled


def test_a_keyed_function_word_narrows_a_requirement_but_never_makes_one(rulebook):
    from copylint.language import builtin
    from copylint.rulebook import pattern_requirement

    english = builtin("en")
    weak, keyed = english.function_words, english.keyed_function_words
    no_more_acne = ({"NORM": "no"}, {"NORM": "more"}, {"NORM": {"IN": ["acne", "spots"]}})
    assert pattern_requirement(no_more_acne, weak, keyed) == (
        frozenset({"acne", "spots"}),
        frozenset({"no"}),
        frozenset({"more"}),
    )
    assert pattern_requirement(no_more_acne, weak) == (frozenset({"acne", "spots"}),)
    assert pattern_requirement(({"NORM": "no"}, {"NORM": "more"}), weak, keyed) == ()
    # "isn't" reads as "is" + "not": neither may key anything
    assert pattern_requirement(({"NORM": "not"}, {"NORM": "safe"}), weak, keyed) == (
        frozenset({"safe"}),
    )


def test_a_token_written_in_digits_needs_a_digit_in_the_text():
    from copylint.language import builtin
    from copylint.prefilter import Prefilter
    from copylint.rulebook import DIGITS, pattern_requirement

    english = builtin("en")
    count = ({"SHAPE": {"IN": ["d,ddd", "dddd"]}}, {"NORM": {"IN": ["patients", "treatments"]}})
    requirement = pattern_requirement(count, english.function_words, english.keyed_function_words)
    assert requirement == (frozenset({"patients", "treatments"}), frozenset({DIGITS}))
    prefilter = Prefilter([("patient-count", requirement)])
    assert prefilter.has_candidate("Over 2,000 treatments a year.")
    assert not prefilter.has_candidate("Our treatments, explained.")
