"""Suggestions and messages chosen by the claim's topic and the run's jurisdictions
(copylint/stages/suggest.py): no exosome wording on a filler page, no UK register for a US site,
the best match first in text output, every fitting suggestion in JSON."""

from __future__ import annotations

import json
import re

import pytest

from copylint.config import Config
from copylint.engine import Engine
from copylint.language import builtin as builtin_language
from copylint.rulebook import RulePackError, load_rulebook
from copylint.settings import Settings
from copylint.stages.suggest import chooses, wording

ALL = frozenset({"us", "uk", "eu", "au"})
RULES = load_rulebook()
LANGUAGE = builtin_language()
TOPICS = sorted(LANGUAGE.topic_ids)

# Registers and regulators of one jurisdiction, as advice would name them.
REGULATORS = {
    "us": r"\b(?:FDA|FTC|510\(k\)|board-certified|American Board)\b",
    "uk": r"\b(?:GMC|MHRA|ASA|CAP|CQC|NMC|GPhC|HCPC)\b",
    "au": r"\b(?:TGA|Ahpra)\b",
    "eu": r"\b(?:EMA)\b",
}


def _engine(jurisdictions: frozenset[str]) -> Engine:
    config = Config(source=".copylint.yaml", root=".", jurisdictions=tuple(sorted(jurisdictions)))
    return Engine(
        RULES, settings=Settings(config=config)
    )  # one rulebook: its matchers are built once


# A message says what kind of claim was found, and may name the topics such claims are about
# ("names botulinum toxin by a generic term"); its jurisdiction is checked, its topics not.
_ANY_TOPIC = frozenset(TOPICS)


def _unquoted(message: str) -> str:
    """A message without the claims it quotes ("bye bye Botox"): those name what was said."""
    return re.sub(r"\"[^\"]*\"|\([^)]*\)", "", message)


def _misfits(shown: str, topics: frozenset[str], jurisdictions: frozenset[str]) -> list[str]:
    wrong = [f"topic {t}" for t in sorted(LANGUAGE.topics_in(shown) - topics)]
    wrong += [
        f"{j} wording"
        for j, names in REGULATORS.items()
        if j not in jurisdictions and re.search(names, shown)
    ]
    return wrong


def test_exosome_wording_under_us_and_uk_and_filler_pages():
    rule = RULES.by_id["regulator-approval"]
    us = wording(rule, frozenset({"regenerative"}), frozenset({"us"}))
    assert "FDA-approved for this use" in us.message
    assert "not FDA-approved for any use" in (us.suggestions[0].advice or "")
    uk = wording(rule, frozenset({"regenerative"}), frozenset({"uk"}))
    assert "FDA" not in uk.message and "no regulator has approved" in uk.message
    assert "FDA" not in (uk.suggestions[0].advice or "")
    fillers = wording(rule, frozenset({"fillers"}), ALL)
    assert fillers.message == rule.message
    assert all("xosome" not in (s.advice or "") for s in fillers.suggestions)
    assert not any(s.topics for s in fillers.suggestions)  # the device advice is not for fillers


def test_a_jurisdictions_advice_leads_only_when_it_covers_the_whole_run():
    rule = RULES.by_id["unverifiable-credentials"]
    advice = [
        s.advice for s in wording(rule, frozenset(), frozenset({"uk"})).suggestions if s.advice
    ]
    assert "GMC-registered" in advice[0]
    assert not any("board-certified" in a or "Ahpra" in a for a in advice)
    default = [s.advice for s in wording(rule, frozenset(), ALL).suggestions if s.advice]
    assert "[the medical register]" in default[0]  # all four: the advice for every site leads
    us = wording(rule, frozenset(), frozenset({"us"})).suggestions
    assert not any("GMC" in (s.advice or "") for s in us)


def test_knee_cartilage_gets_no_hair_advice():
    rule = RULES.by_id["reverses-condition"]
    knee = wording(rule, frozenset({"prp", "joints"}), ALL)
    assert all("hair" not in (s.advice or "") for s in knee.suggestions)
    hair = wording(rule, frozenset({"prp", "hair"}), ALL)
    assert "hair density" in (hair.suggestions[0].advice or "")


@pytest.mark.parametrize("jurisdictions", [*({j} for j in sorted(ALL)), ALL], ids=str)
def test_every_rule_shows_fitting_words_for_every_topic(jurisdictions):
    jurisdictions = frozenset(jurisdictions)
    problems = []
    for rule in RULES.rules:
        if "any" not in rule.jurisdictions and jurisdictions.isdisjoint(rule.jurisdictions):
            continue  # not loaded for this run
        own = frozenset(rule.jurisdictions) - {"any"}
        for topic in [None, *TOPICS]:
            topics = frozenset({topic}) if topic else frozenset()
            chosen = wording(rule, topics, jurisdictions)
            if not chosen.suggestions:
                problems.append(f"{rule.id} [{topic}]: no suggestion")
                continue
            advice = next((s.advice for s in chosen.suggestions if s.advice), "")
            # a rule of one jurisdiction's law may name that law's regulator
            misfit = _misfits(advice, topics, jurisdictions | own) + _misfits(
                _unquoted(chosen.message), _ANY_TOPIC, jurisdictions | own
            )
            if misfit:
                problems.append(f"{rule.id} [{topic}, {'/'.join(sorted(jurisdictions))}]: {misfit}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("jurisdictions", [{"us"}, {"uk"}, {"au"}], ids=str)
def test_every_rules_examples_are_told_what_fits_them(jurisdictions):
    """Every flag example, alone and in a paragraph about each topic: the first advice shown
    names no topic the claim is not about; it and the message name no other jurisdiction's
    regulator. One page per topic, a paragraph per example, of the rules whose wording is
    chosen (the others show the same words everywhere: the test above reads them)."""
    jurisdictions = frozenset(jurisdictions)
    engine = _engine(jurisdictions)
    examples = [(r, e) for r in RULES.rules if chooses(r) for e in r.flag_examples]
    problems = set()
    for topic in [None, *TOPICS]:
        lead = "" if topic is None else f"We offer {_topic_word(topic)}. "
        paragraphs = [lead + example.replace("\n", " ") for _, example in examples]
        found = engine.lint_source("page.txt", "\n\n".join(paragraphs))
        assert len({f.rule for f in found}) > 15  # the page is read, its examples found
        for finding in found:
            if finding.suppressed:
                continue
            rule, example = examples[(finding.line - 1) // 2]
            paragraph = paragraphs[(finding.line - 1) // 2]
            topics = LANGUAGE.topics_in(finding.sentence) or LANGUAGE.topics_in(paragraph)
            own = frozenset(RULES.by_id[finding.rule].jurisdictions) - {"any"}
            advice = next((s.advice for s in finding.suggestions if s.advice), "")
            misfit = _misfits(advice, topics, jurisdictions | own) + _misfits(
                _unquoted(finding.message), _ANY_TOPIC, jurisdictions | own
            )
            if misfit:
                problems.add(f"{finding.rule} [{topic}] {example!r}: {misfit}")
    assert not problems, "\n".join(sorted(problems)[:40])


def _topic_word(topic: str) -> str:
    """Words that name the topic (and only it)."""
    candidates = {
        "regenerative": "exosome therapy",
        "prp": "PRP",
        "fillers": "lip fillers",
        "botulinum-toxin": "anti-wrinkle injections",
        "devices": "laser treatment",
        "surgery": "liposuction",
        "iv-drips": "IV drips",
        "hair-transplant": "FUE hair transplants",
        "supplements": "collagen supplements",
        "hair": "hair loss treatment",
        "joints": "knee treatment",
        "weight-loss-medicines": "semaglutide",
    }
    word = candidates[topic]
    assert LANGUAGE.topics_in(word) == {topic}, (topic, LANGUAGE.topics_in(word))
    return word


def test_json_carries_every_fitting_suggestion_and_text_the_best(tmp_path, capsys):
    from copylint.cli import main

    page = tmp_path / "page.md"
    page.write_text("Our exosome protocol is FDA-approved.\n", encoding="utf-8")
    (tmp_path / ".copylint.yaml").write_text("jurisdictions: [us]\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", "--format", "json", str(page)])
    data = json.loads(capsys.readouterr().out)
    finding = next(f for f in data["findings"] if f["rule"] == "regulator-approval")
    advice = [s["advice"] for s in finding["suggestions"]]
    assert advice[0].startswith('State the real status, e.g. "Exosome products are not FDA')
    assert len(advice) == 3  # US exosome, any exosome, every page; not the device advice
    assert finding["suggestions"][0]["topics"] == ["regenerative"]
    with pytest.raises(SystemExit):
        main(["check", str(page)])
    shown = capsys.readouterr().out
    assert "not FDA-approved for any use" in shown and "[Product] is approved" not in shown


@pytest.mark.parametrize(
    ("suggestions", "problem"),
    [
        ("[{advice: Say less., topics: [exosome]}]", "unknown value 'exosome'"),
        ("[{advice: Say less., jurisdictions: [ca]}]", "unknown value 'ca'"),
        ("[{advice: Say less., topics: [regenerative]}]", "one suggestion for every page"),
        ("[{replace: less, topics: [prp]}, {advice: x}]", "a replace applies wherever it fits"),
    ],
)
def test_broken_fit_fields_name_the_pack_and_field(tmp_path, suggestions, problem):
    pack = tmp_path / "rules" / "x.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "category: x\ntitle: X\nreferences: [{title: t, url: 'https://example.org'}]\n"
        "rules:\n  - id: x-rule\n    severity: warning\n    message: m\n"
        f"    phrases: [guaranteed cure]\n    suggestions: {suggestions}\n"
        "    examples: {flag: [a guaranteed cure], pass: [no cure]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RulePackError, match=re.escape(problem)) as caught:
        load_rulebook([pack.parent])
    assert str(pack) in str(caught.value) and "x-rule" in str(caught.value)
