"""Every rule's own flag/pass examples, one test per rule (the same check as `copylint test-rules`)."""

import pytest

from copylint.rule_tests import check_rule
from copylint.rulebook import load_rulebook

RULES = list(load_rulebook())


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(engine, rule):
    failures = check_rule(engine, rule)
    assert not failures, "\n".join(f"{f.kind}: {f.example!r}: {f.detail}" for f in failures)
