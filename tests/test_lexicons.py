"""Lexicons: inflection, spelling variants, exact multi-word matching, validation, site
extension, the prefilter, and a real spaCy run over every shipped form."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import run_cli, write

from copylint.engine import Engine
from copylint.inflection import english
from copylint.lexicons import (
    FORMS_FILE,
    LEXICON_DIR,
    MAX_VARIANTS,
    entry_forms,
    forms_key,
    lexicon_files,
    shipped_lexicons,
)
from copylint.rulebook import RulePackError, default_rules_dir, load_rulebook

PACK_HEAD = (
    "version: 1\ncategory: demo\ntitle: Demo\n"
    "references: [{title: T, url: 'https://example.org'}]\nrules:\n"
)


def demo_rule(pattern: str, flag: str = "We treat lupus.", passing: str = "A quiet day.") -> str:
    return textwrap.dedent(f"""\
      - id: demo-rule
        severity: warning
        message: A demo.
        patterns:
          - {pattern}
        suggestions: [{{advice: Say something else.}}]
        examples: {{flag: ["{flag}"], pass: ["{passing}"]}}
    """)


def rules_dir(tmp_path: Path, pattern: str, lexicons: dict[str, str] | None = None) -> Path:
    (tmp_path / LEXICON_DIR).mkdir(parents=True, exist_ok=True)
    (tmp_path / "demo.yaml").write_text(PACK_HEAD + textwrap.indent(demo_rule(pattern), "  "))
    for name, text in (lexicons or {}).items():
        (tmp_path / LEXICON_DIR / f"{name}.yaml").write_text(textwrap.dedent(text))
    return tmp_path


ILLNESSES = """\
    lexicon: illnesses
    description: A test list.
    entries:
      - note: two-word entries that share words
        nouns: [multiple sclerosis, long covid, knee pain, back injury, Parkinson's disease]
      - nouns: [lupus]
        fixed: [MS]
"""


def matched(tmp_path: Path, pattern: str, text: str, lexicons=None) -> list[str]:
    book = load_rulebook([rules_dir(tmp_path, pattern, lexicons or {"illnesses": ILLNESSES})])
    return [f.text for f in Engine(book).lint_source("<t>.txt", text) if not f.suppressed]


# --- inflection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("knee", {"knee", "knees"}),
        ("injury", {"injury", "injuries"}),
        ("loss", {"loss", "losses"}),
        ("diagnosis", {"diagnosis", "diagnoses"}),
        ("tooth", {"tooth", "teeth"}),
        ("fungus", {"fungus", "fungi", "funguses"}),
        ("diabetes", {"diabetes"}),  # ends in s: not pluralised again
        ("day", {"day", "days"}),
    ],
)
def test_noun_forms(lemma, forms):
    assert english().noun_forms(lemma) == forms


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("cure", {"cure", "cures", "cured", "curing"}),
        ("treat", {"treat", "treats", "treated", "treating"}),
        ("stop", {"stop", "stops", "stopped", "stopping"}),
        ("fix", {"fix", "fixes", "fixed", "fixing"}),
        ("remedy", {"remedy", "remedies", "remedied", "remedying"}),
        ("free", {"free", "frees", "freed", "freeing"}),
        ("die", {"die", "dies", "died", "dying"}),
        ("occur", {"occur", "occurs", "occurred", "occurring"}),
        ("target", {"target", "targets", "targeted", "targeting"}),
        ("travel", {"travel", "travels", "traveled", "travelled", "traveling", "travelling"}),
        ("fight", {"fight", "fights", "fought", "fighting"}),
        ("regrow", {"regrow", "regrows", "regrew", "regrown", "regrowing"}),
        ("undo", {"undo", "undoes", "undid", "undone", "undoing"}),
    ],
)
def test_verb_forms(lemma, forms):
    assert english().verb_forms(lemma) == forms


@pytest.mark.parametrize(
    "word, spellings",
    [
        ("revitalise", {"revitalise", "revitalize"}),
        ("minimized", {"minimized", "minimised"}),
        ("optimisation", {"optimisation", "optimization"}),
        ("analyse", {"analyse", "analyze"}),
        ("tumour", {"tumour", "tumor"}),
        ("colours", {"colours", "colors"}),
        ("tumor", {"tumor", "tumour"}),
        ("centre", {"centre", "center"}),
        ("fibres", {"fibres", "fibers"}),
        ("anaemia", {"anaemia", "anemia"}),
        ("leukemia", {"leukemia", "leukaemia"}),
        ("oedema", {"oedema", "edema"}),
        ("lymphedema", {"lymphedema", "lymphoedema"}),
        ("oestrogen", {"oestrogen", "estrogen"}),
        ("haemorrhoids", {"haemorrhoids", "hemorrhoids"}),
        ("orthopaedic", {"orthopaedic", "orthopedic"}),
        ("diarrhoea", {"diarrhoea", "diarrhea"}),
        # no other word is made of a common one
        ("advise", {"advise"}),
        ("exercise", {"exercise"}),
        ("four", {"four"}),
        ("hour", {"hour"}),
        ("for", {"for"}),
        ("shoes", {"shoes"}),
        ("canoes", {"canoes"}),
    ],
)
def test_uk_and_us_spellings(word, spellings):
    assert english().spellings(word) == spellings


def test_entry_forms_inflect_the_head_and_keep_abbreviations_as_written():
    inflections = english()
    assert entry_forms("knee pain", "nouns", inflections) == {("knee", "pain"), ("knee", "pains")}
    assert ("turned", "back") in entry_forms("turn back", "verbs", inflections)
    assert entry_forms("MS", "fixed", inflections) == {("MS",)}  # "ms" is another word
    assert entry_forms("COPD", "fixed", inflections) == {("COPD",), ("copd",)}
    assert entry_forms("pain-free", "words", inflections) == {("pain", "free"), ("painfree",)}
    assert entry_forms("Parkinson's disease", "nouns", inflections) >= {
        ("parkinson", "'s", "disease"),
        ("parkinsons", "disease"),
        ("parkinson", "diseases"),
    }
    assert entry_forms("covid-19", "nouns", inflections) >= {
        ("covid-19",),  # one token to spaCy: a hyphen before a digit does not split
        ("covid", "19"),
        ("covid19",),
    }


# --- matching ------------------------------------------------------------------------------


VERB_AND_ILLNESS = "[{NORM: {IN: [treat, treats]}}, {LEXICON: illnesses}]"


@pytest.mark.parametrize(
    "text, found",
    [
        ("We treat multiple sclerosis.", ["treat multiple sclerosis"]),
        ("We treat multiple-sclerosis.", ["treat multiple-sclerosis"]),
        ("It treats long covid.", ["treats long covid"]),
        ("We treat back injuries.", ["treat back injuries"]),
        ("We treat Parkinson's disease.", ["treat Parkinson's disease"]),
        ("We treat Parkinson’s disease.", ["treat Parkinson’s disease"]),
        ("We treat Parkinsons disease.", ["treat Parkinsons disease"]),
        ("We treat MS.", ["treat MS"]),
        ("We treat lupus.", ["treat lupus"]),
        # the words of two entries never make a match: no cross product
        ("We treat multiple covid.", []),
        ("We treat long sclerosis.", []),
        ("We treat knee injuries.", []),
        ("We treat back pain.", []),
        ("We treat Ms Jones kindly.", []),  # an abbreviation in capitals matches as written
    ],
)
def test_multi_word_entries_match_exactly(tmp_path, text, found):
    assert matched(tmp_path, VERB_AND_ILLNESS, text) == found


@pytest.mark.parametrize(
    "pattern",
    [
        # at the start: the Matcher sees the form's last word, the match is stretched back
        "[{LEXICON: illnesses}, {NORM: {IN: [treated, cured]}}]",
        # inside: one exact pattern per group of forms
        "[{NORM: untreated}, {LEXICON: illnesses}, {NORM: {IN: [treated, cured]}}]",
    ],
    ids=["first", "inside"],
)
@pytest.mark.parametrize(
    "text, found",
    [
        ("Multiple sclerosis treated.", ["Multiple sclerosis treated"]),
        ("Multiple-sclerosis cured.", ["Multiple-sclerosis cured"]),
        ("Long covid treated.", ["Long covid treated"]),
        ("MS treated.", ["MS treated"]),
        ("Long sclerosis treated.", []),
        ("Knee injury treated.", []),
        ("Ms treated.", []),
    ],
)
def test_lexicon_tokens_first_and_inside_match_exactly(tmp_path, pattern, text, found):
    if pattern.startswith("[{NORM: untreated}"):
        text, found = "Untreated " + text, ["Untreated " + f for f in found]
    assert matched(tmp_path, pattern, text) == found


def test_an_optional_lexicon_token_and_a_list_of_lexicons(tmp_path):
    other = "lexicon: aches\nentries: [{nouns: [headache]}]\n"
    lexicons = {"illnesses": ILLNESSES, "aches": other}
    pattern = "[{NORM: cures}, {LEXICON: [illnesses, aches]}, {NORM: fast, OP: '?'}]"
    assert matched(tmp_path, pattern, "It cures headaches fast.", lexicons) == [
        "cures headaches fast"
    ]
    pattern = "[{NORM: {IN: [soothing, calm]}}, {LEXICON: aches, OP: '?'}, {NORM: relief}]"
    found = matched(tmp_path / "b", pattern, "Soothing relief. Calm headache relief.", lexicons)
    assert found == ["Soothing relief", "Calm headache relief"]


def test_a_rule_naming_a_lexicon_wakes_spacy_only_where_its_words_are(tmp_path):
    book = load_rulebook([rules_dir(tmp_path, VERB_AND_ILLNESS, {"illnesses": ILLNESSES})])
    prefilter = Engine(book).prefilter
    assert not prefilter.has_candidate("We treat every guest with care.")  # no lexicon word
    assert not prefilter.has_candidate("Long days and multiple visits.")  # no verb of the rule
    # the words of a form, not any of its words: "long" and "multiple" begin forms of two words
    assert not prefilter.has_candidate("We treat long days and multiple visits.")
    assert prefilter.has_candidate("We treat multiple sclerosis.")
    assert prefilter.has_candidate("We treat lupus.")


def test_the_built_in_rule_finds_conditions_it_never_listed(lint):
    found = {(f.rule, f.text) for f in lint("Our stem cell therapy treats chronic kidney disease.")}
    assert ("treats-disease", "therapy treats chronic kidney disease") in found
    assert not [
        f for f in lint("We do not treat chronic kidney disease.") if f.rule == "treats-disease"
    ]


# --- every shipped form is what spaCy makes of it -------------------------------------------


def written(form: tuple[str, ...]) -> str:
    """A form as copy writes it: "parkinson's disease", "50%", "#1"."""
    text = form[0]
    for before, token in zip(form, form[1:], strict=False):
        text += token if token in ("'s", "%") or before == "#" else " " + token
    return text


def test_every_shipped_form_is_tokenized_as_spacy_tokenizes_it():
    """The forms are made without spaCy (loading rules must stay cheap); spaCy's tokenizer gives
    the same tokens for each of them, so a pattern can match it."""
    from copylint.nlp import pipeline

    nlp = pipeline()
    wrong = []
    for lexicon in shipped_lexicons(default_rules_dir()).values():
        for form in lexicon.forms:
            doc = nlp(written(form))
            seen = tuple(
                t.orth_ if w != w.lower() else t.norm_ for t, w in zip(doc, form, strict=False)
            )
            if len(doc) != len(form) or seen != form:
                wrong.append((lexicon.name, form, [t.norm_ for t in doc]))
    assert not wrong, wrong[:10]


def test_the_forms_file_is_what_the_lexicons_give():
    directory = default_rules_dir()
    stored = json.loads((directory / LEXICON_DIR / FORMS_FILE).read_text())
    assert stored["key"] == forms_key(lexicon_files(directory)), (
        "rules/lexicons/forms.json is stale: run python -m copylint.lexicon_forms"
    )
    from copylint.lexicons import _LexiconFile, _read

    for path in lexicon_files(directory):
        lexicon, _ = _LexiconFile(path).parse(_read(path, True), {})
        assert {tuple(f) for f in stored["lexicons"][lexicon.name]["forms"]} == lexicon.forms


def test_shipped_lexicons_are_read_from_their_files_when_the_forms_file_is_stale(tmp_path):
    for path in lexicon_files(default_rules_dir()):
        (tmp_path / LEXICON_DIR).mkdir(exist_ok=True)
        (tmp_path / LEXICON_DIR / path.name).write_bytes(path.read_bytes())
    (tmp_path / LEXICON_DIR / FORMS_FILE).write_text('{"key": "old", "lexicons": {}}')
    assert shipped_lexicons(tmp_path)["conditions"].forms == (
        shipped_lexicons(default_rules_dir())["conditions"].forms
    )


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "lexicon: illnesses\nentries: [{nouns: [lupus]}]\nlanguage: fr\n",
            "field 'language': must be one of en",
        ),
        (
            "lexicon: illnesses\nentires: [{nouns: [lupus]}]\n",
            "field 'entires': unknown field; did you mean 'entries'?",
        ),
        ("lexicon: Illnesses\nentries: [{nouns: [lupus]}]\n", "field 'lexicon': a lexicon name"),
        ("lexicon: illnesses\nentries: []\n", "field 'entries': must be a non-empty list"),
        (
            "lexicon: illnesses\nentries: [{noun: [lupus]}]\n",
            "field 'entries[0].noun': unknown field; did you mean 'nouns'?",
        ),
        ("lexicon: illnesses\nentries: [{note: x}]\n", "field 'entries[0]': a group needs one of"),
        (
            "lexicon: illnesses\nentries: [{nouns: []}]\n",
            "field 'entries[0].nouns': must be a non-empty list",
        ),
        (
            "lexicon: illnesses\nentries: [{nouns: [lupus, '  ']}]\n",
            "field 'entries[0].nouns': an entry is a word or phrase",
        ),
        (
            "lexicon: illnesses\nentries: [{nouns: [lupus]}, {words: [Lupus]}]\n",
            "field 'entries[1].words': 'lupus' is listed twice (also in entries[0].nouns)",
        ),
        (
            "lexicon: illnesses\nentries: [{nouns: [hiv/aids]}]\n",
            "field 'entries[0].nouns': 'hiv/aids': 'hiv/aids' is not a word",
        ),
        ("lexicon: illnesses\nentries: [{nouns: [a, b]}\n", "line 3"),  # broken YAML
        ("- just a list\n", "a lexicon is a mapping"),
        (
            "extends: conditions\nentries: [{nouns: [lupus]}]\n",
            "field 'extends': only a site's own lexicon",
        ),
    ],
)
def test_a_broken_lexicon_is_one_line_naming_file_and_field(tmp_path, text, expected):
    rules_dir(tmp_path, VERB_AND_ILLNESS, {"illnesses": text})
    with pytest.raises(RulePackError) as caught:
        load_rulebook([tmp_path])
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / LEXICON_DIR / "illnesses.yaml")), message
    assert expected in message, message


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (
            "[{NORM: treat}, {LEXICON: ilnesses}]",
            "no lexicon 'ilnesses'; did you mean 'illnesses'?",
        ),
        ("[{NORM: treat}, {LEXICON: illnesses, OP: '+'}]", "takes nothing else but OP: '?'"),
        ("[{NORM: treat}, {LEXICON: illnesses, LOWER: x}]", "takes nothing else but OP: '?'"),
        ("[{NORM: treat}, {LEXICON: [illnesses, 3]}]", "LEXICON takes a lexicon name"),
        ("[{LEXICON: weak}]", "has no required token that is not a function word"),
        (
            "[{NORM: a}, {LEXICON: illnesses}, {LEXICON: illnesses}, {LEXICON: illnesses}, "
            "{LEXICON: illnesses}, {NORM: b}]",
            f"expands to more than {MAX_VARIANTS} patterns",
        ),
    ],
)
def test_a_pattern_naming_a_lexicon_is_checked(tmp_path, pattern, expected):
    weak = "lexicon: weak\nentries: [{words: [the, a]}]\n"
    rules_dir(tmp_path, pattern, {"illnesses": ILLNESSES, "weak": weak})
    with pytest.raises(RulePackError) as caught:
        load_rulebook([tmp_path])
    message = str(caught.value)
    assert "\n" not in message
    assert "demo.yaml: rule 'demo-rule': field 'patterns[0]" in message, message
    assert expected in message, message


def test_a_site_lexicon_is_read_with_the_bounded_composer(tmp_path):
    """A site's lexicon is somebody else's file: nesting past yamlfile.MAX_DEPTH is refused as
    invalid YAML, in one line naming the file, before anything is built."""
    from copylint.yamlfile import MAX_DEPTH

    site = tmp_path / "site"
    rules_dir(site, VERB_AND_ILLNESS, {"illnesses": ILLNESSES})
    deep = "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10)
    (site / LEXICON_DIR / "deep.yaml").write_text(f"lexicon: deep\nentries: {deep}\n")
    with pytest.raises(RulePackError) as caught:
        load_rulebook(site_dirs=[site])
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(site / LEXICON_DIR / "deep.yaml"))


def test_a_rules_folder_lexicon_stands_in_for_the_built_in_one_of_its_name(tmp_path):
    """--rules folders are used instead of copylint's packs (a copy of rules/ among them): their
    lexicons replace copylint's of the same name; two of them may not define one name."""
    own = "lexicon: conditions\nentries: [{nouns: [frobnitz]}]\n"
    first = rules_dir(tmp_path / "a", "[{NORM: treats}, {LEXICON: conditions}]", {"c": own})
    engine = Engine(load_rulebook([first]))
    assert [
        f.text for f in engine.lint_source("<t>.txt", "It treats frobnitz. It treats lupus.")
    ] == ["treats frobnitz"]
    second = rules_dir(tmp_path / "b", "[{NORM: treats}, {LEXICON: conditions}]", {"c": own})
    (second / "demo.yaml").rename(second / "other.yaml")
    (second / "other.yaml").write_text((second / "other.yaml").read_text().replace("demo", "other"))
    with pytest.raises(RulePackError, match="field 'lexicon': also defined in .*a/lexicons/c.yaml"):
        load_rulebook([first, second])


# --- a site's lexicons -----------------------------------------------------------------------


def test_a_site_extends_a_built_in_lexicon_and_the_built_in_rule_uses_it(tmp_path):
    extension = "extends: conditions\nentries: [{nouns: [frobnitz syndrome]}]\n"
    write(
        tmp_path,
        {
            "packs/lexicons/more.yaml": extension,
            ".copylint.yaml": "rules-dirs: [packs]\n",
            "page.txt": "Our stem cell therapy treats frobnitz syndrome.\n",
        },
    )
    # the site's folder holds only a lexicon: it still needs a pack to be a rules folder
    (tmp_path / "packs" / "x.yaml").write_text(
        "version: 1\ncategory: hype-word\nrules:\n  - extends: miracle-language\n"
        "    phrases: [wonder serum]\n"
    )
    result = run_cli("check", "--no-cache", "--format", "json", "page.txt", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [
        ("treats-disease", "therapy treats frobnitz syndrome")
    ]
    plain = run_cli(
        "check", "--no-cache", "--no-config", "--format", "json", "page.txt", cwd=tmp_path
    )
    assert json.loads(plain.stdout)["findings"] == []


def test_a_site_adds_a_lexicon_of_its_own_and_may_not_redefine_one(tmp_path):
    site = tmp_path / "site"
    rules_dir(site, "[{NORM: treats}, {LEXICON: house-words}]")
    (site / LEXICON_DIR / "house.yaml").write_text(
        "lexicon: house-words\nentries: [{nouns: [glow]}]\n"
    )
    book = load_rulebook(site_dirs=[site])
    assert [f.text for f in Engine(book).lint_source("<t>.txt", "It treats glows.")] == [
        "treats glows"
    ]
    (site / LEXICON_DIR / "house.yaml").write_text(
        "lexicon: conditions\nentries: [{nouns: [glow]}]\n"
    )
    with pytest.raises(RulePackError, match="adds entries with 'extends: conditions'"):
        load_rulebook(site_dirs=[site])
    (site / LEXICON_DIR / "house.yaml").write_text(
        "extends: condition\nentries: [{nouns: [glow]}]\n"
    )
    with pytest.raises(
        RulePackError, match=r"no lexicon 'condition' to extend \(did you mean 'conditions'\?\)"
    ):
        load_rulebook(site_dirs=[site])


def test_an_edited_site_lexicon_changes_the_cache_key(tmp_path):
    from copylint.cache import run_key
    from copylint.settings import Settings

    site = tmp_path / "site"
    rules_dir(site, "[{NORM: treats}, {LEXICON: house-words}]")
    (site / LEXICON_DIR / "house.yaml").write_text(
        "lexicon: house-words\nentries: [{nouns: [glow]}]\n"
    )
    settings = Settings(rule_dirs=(str(site),))
    before = run_key(settings)
    (site / LEXICON_DIR / "house.yaml").write_text(
        "lexicon: house-words\nentries: [{nouns: [gleam]}]\n"
    )
    assert run_key(settings) != before
