"""The finding the claim scorer makes (copylint/scorer.py): a sentence that reads like a marketing
claim though no rule matches it. copylint's own rule, like the suppression checks, and off by
default (``default_off``): on whole pages most sentences it picks are not claims
(docs/accuracy.md).
"""

from __future__ import annotations

from copylint.findings import Suggestion
from copylint.rulebook import Category, Reference, Rule

RULE_ID = "reads-as-claim"


def _category() -> Category:
    return Category(
        "unnamed-claim",
        "Claims no rule names",
        "Sentences the claim scorer reads as marketing claims though no rule of the 22 "
        "regulatory categories matches them: copylint's own, a prompt to review.",
        "copylint",
    )


def _rule() -> Rule:
    return Rule(
        id=RULE_ID,
        category="unnamed-claim",
        severity="info",
        kind="assertion",
        message="Reads like a marketing claim that no rule names; check it against the "
        "categories in docs/rules.md (the claim scorer's guess, not a rule's match).",
        rationale="The rules catch the wordings they were written from, and on real copy that "
        "is about half of the claims a regulator would object to. A sentence that holds a rule's "
        "words, matches no rule and scores like the risky sentences of the labelled corpora is "
        "shown for review. On held-out labelled sentences it adds 0.10 to 0.17 to recall; on "
        "whole pages most sentences it picks are not claims (2 of 55 judged correct, 11 "
        "doubtful), so it is off by default: an audit sweep, not a gate.",
        phrases=(),
        patterns=(),
        suppress_when=frozenset({"question", "quoted", "attributed", "conditional", "disclaimer"}),
        soften_when=frozenset(),
        suggestions=(
            Suggestion(
                advice="If it promises an outcome, safety, approval or superiority, reword it "
                "as a hedged, sourced statement; if it is fine, suppress it with a reason."
            ),
        ),
        references=(
            Reference(
                "copylint docs/accuracy.md: the claim scorer",
                "https://github.com/copylint/copylint/blob/main/docs/accuracy.md",
            ),
        ),
        jurisdictions=("any",),
        flag_examples=(),
        pass_examples=(),
        source="copylint",
        default_off=True,
    )


CATEGORY = _category()
RULE = _rule()
