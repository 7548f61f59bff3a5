"""Every rule's own flag/pass examples, one test per rule (the same check as `copylint
test-rules`)."""

import pytest

from copylint.rule_tests import check_rulebook
from copylint.rulebook import load_rulebook

RULES = list(load_rulebook())


@pytest.fixture(scope="module")
def results(rulebook):
    return check_rulebook(rulebook)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(results, rule):
    failures = results[rule.id]
    assert not failures, "\n".join(f"{f.kind}: {f.example!r}: {f.detail}" for f in failures)
