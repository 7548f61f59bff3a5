"""Which of a rule's suggestions, and which of its messages, fit a claim: by the topics its
sentence names (or, naming none, its block: "Our exosome serum ...", a filler page) and the
jurisdictions the run checks.

A suggestion with no topics and no jurisdictions fits every claim; one with topics fits a claim
about one of them; one with jurisdictions fits a run that checks one of them. A claim whose topic
is unknown gets only the advice for every page, so no exosome wording reaches a filler page and no
UK register a US-only site. The fitting suggestions come best first: those for the claim's topic,
then those that speak for every jurisdiction the run checks (UK advice for a UK site, ahead of
the advice for every page; not for a site checked under all four), each group in the pack's
order. A message variant replaces the rule's message where it fits and speaks for every
jurisdiction the run checks; the first such variant wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from copylint.findings import Suggestion
from copylint.rulebook import MessageVariant, Rule


@dataclass(frozen=True)
class Wording:
    message: str
    suggestions: tuple[Suggestion, ...]


def _fits(
    item: Suggestion | MessageVariant, topics: frozenset[str], jurisdictions: frozenset[str]
) -> bool:
    return (not item.topics or not topics.isdisjoint(item.topics)) and (
        not item.jurisdictions or not jurisdictions.isdisjoint(item.jurisdictions)
    )


def _covers(item: Suggestion | MessageVariant, jurisdictions: frozenset[str]) -> bool:
    """Whether the item speaks for every jurisdiction the run checks: UK wording for a UK site,
    not for one checked under all four."""
    return not item.jurisdictions or jurisdictions <= set(item.jurisdictions)


def chooses(rule: Rule) -> bool:
    """Whether the rule's wording depends on a claim's topics or the run's jurisdictions."""
    return bool(rule.messages) or any(s.topics or s.jurisdictions for s in rule.suggestions)


def wording(rule: Rule, topics: frozenset[str], jurisdictions: frozenset[str]) -> Wording:
    """The message and the suggestions, best first, that fit a claim about ``topics`` in a run
    that checks ``jurisdictions`` (of those, the ones the rule's law is in)."""
    if not chooses(rule):
        return Wording(rule.message, rule.suggestions)
    if "any" not in rule.jurisdictions:
        jurisdictions = jurisdictions & set(rule.jurisdictions)
    message = next(
        (
            v.text
            for v in rule.messages
            if _fits(v, topics, jurisdictions) and _covers(v, jurisdictions)
        ),
        rule.message,
    )

    def rank(suggestion: Suggestion) -> tuple[bool, bool, bool]:
        return (
            not suggestion.topics,
            not _covers(suggestion, jurisdictions),
            not suggestion.jurisdictions,
        )

    fitting = sorted((s for s in rule.suggestions if _fits(s, topics, jurisdictions)), key=rank)
    return Wording(message, tuple(fitting))
