"""A suggestion must not introduce a claim of its own ("clinically proven to be gentle"): every
advice, the example wording it quotes and every replacement is linted as copy by all the rules."""

import re

import pytest

from copylint.engine import Engine
from copylint.rulebook import load_rulebook

QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def _suggested_texts():
    for rule in load_rulebook():
        for suggestion in rule.suggestions:
            if suggestion.advice:
                # Quotes exempt what is inside them, so the quoted example is linted on its own.
                for double, curly in QUOTED.findall(suggestion.advice):
                    yield rule.id, double or curly
                yield rule.id, QUOTED.sub("X", suggestion.advice)
            if suggestion.replace:
                yield rule.id, suggestion.replace
            for _, wording in suggestion.replacements:
                yield rule.id, wording


SUGGESTED = sorted(set(_suggested_texts()))


@pytest.fixture(scope="module")
def every_rule():
    return Engine(load_rulebook())  # opt-in rules too: a suggestion must hold in every jurisdiction


def test_there_is_something_to_audit():
    assert len({rule_id for rule_id, _ in SUGGESTED}) == len(load_rulebook())
    assert len(SUGGESTED) > 60


@pytest.mark.parametrize("rule_id, text", SUGGESTED)
def test_a_suggestion_makes_no_claim(every_rule, rule_id, text):
    standing = [
        f"{f.rule}: {f.text!r}"
        for f in every_rule.lint_source("<suggestion>.txt", text)
        if not f.suppressed
    ]
    assert standing == [], f"a suggestion of {rule_id} is itself flagged"
