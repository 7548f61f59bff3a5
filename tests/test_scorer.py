"""The claim scorer: its table, the reads_careful context and the off-by-default scored rule."""

import json
import math

import pytest

from copylint import scored, scorer
from copylint.engine import Engine
from copylint.rulebook import RulePackError, default_rules_dir
from copylint.settings import Layer, Settings


def _table(weights: dict[str, float], bias: float = 0.0, low: float = 0.1, high: float = 0.7):
    return scorer.Scorer(
        bias=bias,
        weights={w: a for w, a in weights.items()},
        idf=dict.fromkeys(weights, 1.0),
        low=low,
        high=high,
        source="test",
    )


def test_the_score_is_the_documented_logistic_regression():
    table = scorer.Scorer(
        bias=-1.0, weights={"cure": 3.0, "may": -2.0}, idf={"cure": 2.0, "may": 1.0},
        low=0.1, high=0.7, source="test",
    )  # fmt: skip
    z = -1.0 + (3.0 - 2.0) / math.sqrt(2.0**2 + 1.0**2)
    assert table.score("It may CURE you, it may.") == pytest.approx(1 / (1 + math.exp(-z)))
    assert table.score("Nothing it knows") == pytest.approx(1 / (1 + math.exp(1.0)))


def test_words_are_folded_like_the_training_text():
    assert scorer.words("Juvéderm DOESN’T last 100%") == ["juvederm", "doesn't", "last", "100"]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "cannot be read as a scorer table"),
        ('{"version": 9, "low": 0, "high": 1, "bias": 0, "words": {}}', "format version 9"),
        ('{"version": 1, "low": 0.9, "high": 0.2, "bias": 0, "words": {}}', "0 <= low <= high"),
        ('{"version": 1, "low": 0.1, "high": 0.7, "bias": 0}', "not a scorer table"),
        ('{"version": 1, "low": 0.1, "high": 0.7, "bias": 0, "words": {"a": 1}}', "not a scorer"),
    ],
)
def test_a_broken_table_names_the_file_and_the_problem(tmp_path, content, problem):
    path = tmp_path / "en.scorer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(scorer.ScorerError) as error:
        scorer.load(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_a_broken_shipped_style_table_fails_loading_the_rules(tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "lang" / "en.scorer.json").write_text('{"version": 1}', encoding="utf-8")
    from copylint.rulebook import load_rulebook

    with pytest.raises(RulePackError) as error:
        load_rulebook([rules])
    assert "en.scorer.json" in str(error.value)


def test_the_shipped_table_loads_and_is_in_the_rules_files():
    from copylint.rulebook import rule_files

    path = scorer.scorer_file(default_rules_dir() / "lang", "en")
    table = scorer.load(path)
    assert table is not None and 0 < table.low < table.high < 1 and len(table.idf) > 500
    assert path in rule_files(default_rules_dir())  # the caches' keys read it
    assert json.loads(path.read_text(encoding="utf-8"))["trained_on"]


# --- reads_careful ------------------------------------------------------------------------


CLAIM = "Our stem cell injections are completely safe."


def _findings(monkeypatch, table, text=CLAIM, settings=None):
    monkeypatch.setattr(scorer, "language_scorer", lambda language: table)
    engine = Engine.from_settings(settings or Settings())
    return [f for f in engine.lint_source("page.md", text) if not f.suppressed]


def test_a_match_in_a_sentence_that_reads_careful_is_dropped(monkeypatch):
    assert [f.rule for f in _findings(monkeypatch, None)] == ["completely-safe"]
    careful = _table({"completely": -9.0})
    assert _findings(monkeypatch, careful) == []
    claimlike = _table({"completely": 9.0})
    assert [f.rule for f in _findings(monkeypatch, claimlike)] == ["completely-safe"]


# --- the scored rule ----------------------------------------------------------------------

SELECTED = Settings(cli=Layer(select=(scored.RULE_ID,)))
ALL_AND_SCORED = Settings(cli=Layer(severity=((scored.RULE_ID, "info"),)))


def test_the_scored_rule_is_off_by_default(monkeypatch):
    table = _table({"glow": 9.0})
    text = "Our exosome facials give your skin its glow back."
    assert [f.rule for f in _findings(monkeypatch, table, text)] == []
    found = _findings(monkeypatch, table, text, ALL_AND_SCORED)
    assert [(f.rule, f.severity, f.column, f.text) for f in found] == [
        (scored.RULE_ID, "info", 1, text)
    ]
    found = _findings(monkeypatch, table, text, SELECTED)
    assert [f.rule for f in found] == [scored.RULE_ID]


def test_it_reads_only_sentences_with_some_rule_s_words_and_no_match(monkeypatch):
    table = _table({"glow": 9.0, "parking": 9.0, "safe": 9.0})
    text = "Parking is free. " + CLAIM + " Our exosome facials give your skin its glow back."
    found = _findings(monkeypatch, table, text, ALL_AND_SCORED)
    # no rule's words in the first sentence; a rule matched the second
    assert [(f.rule, f.column) for f in found] == [
        ("completely-safe", text.index("completely") + 1),
        (scored.RULE_ID, text.index("Our exosome") + 1),
    ]


def test_a_question_is_not_read_as_a_claim(monkeypatch):
    table = _table({"glow": 9.0})
    text = "Will exosome facials give your skin its glow back?"
    assert _findings(monkeypatch, table, text, ALL_AND_SCORED) == []
