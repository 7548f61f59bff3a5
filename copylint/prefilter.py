"""A cheap scan for candidate blocks, run before spaCy is even imported.

What it looks for comes from the rules (``Rule.requirements``): for every phrase and token
pattern, the word sets a match must hit — one word of each set. One regex pass collects the
words a block contains; a block is a candidate when some requirement is met by them. A block
that is not a candidate cannot produce a finding, so it never reaches spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from copylint.rulebook import DIGITS, Requirement
from copylint.sources.projection import Block, Projection
from copylint.words import fold, fold_accents

_PLAIN = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"[0-9]")


def _plain(text: str) -> str:
    """Text as the prefilter reads it: lower case, apostrophes and accents folded, one for one.
    Accents are folded for every language: a language that keeps them apart ("sí" and "si") only
    gets a block through that its matcher then reads exactly."""
    return fold_accents(fold(text))


def _bounded(word: str) -> str:
    body = re.escape(word)
    if word[:1].isalnum():
        body = r"(?<![a-z0-9])" + body
    if word[-1:].isalnum():
        body += r"(?![a-z0-9])"
    return body


Met = tuple[str, Requirement]  # a rule's requirement that a block or sentence meets


@dataclass(frozen=True)
class Candidate:
    block: Block
    rules: frozenset[
        str
    ]  # the rules with a requirement the block meets: only these can match in it


class Prefilter:
    def __init__(self, requirements: Iterable[tuple[str, Requirement]]):
        """``requirements``: (rule id, requirement) pairs, accents already folded
        (``Rule.requirements``)."""
        pairs = [(rule_id, r) for rule_id, r in dict.fromkeys(requirements) if r]
        words = {word for _, requirement in pairs for group in requirement for word in group}
        self._digits = DIGITS in words  # a digit anywhere in the text meets it
        words.discard(DIGITS)
        # A requirement is a set of word groups, each met by one of its words: groups get numbers,
        # each word the numbers of the groups it meets, so a requirement is met when its numbers
        # are a subset of those its block's words meet (a set operation, not a loop per group).
        # It is indexed by its least shared group, so a block only tests those it could meet.
        numbers: dict[frozenset[str], int] = {}
        for _, requirement in pairs:
            for group in requirement:
                numbers.setdefault(group, len(numbers))
        groups_of: dict[str, set[int]] = {}
        for group, number in numbers.items():
            for word in group:
                groups_of.setdefault(word, set()).add(number)
        self._groups_of = {word: frozenset(n) for word, n in groups_of.items()}
        shared = Counter(numbers[g] for _, requirement in pairs for g in requirement)
        self._by_group: dict[int, list[tuple[tuple[str, Requirement], frozenset[int]]]] = {}
        for pair in pairs:
            needed = frozenset(numbers[g] for g in pair[1])
            anchor = min(needed, key=lambda n: (shared[n], n))
            self._by_group.setdefault(anchor, []).append((pair, needed))
        self._anchors = frozenset(self._by_group)
        # Words are found as runs of letters and digits and looked up in a set: one linear pass.
        # The few words with other characters ("100%", "covid-19") get a small regex of their own.
        # (One alternation of every word was tried first: 60 ms for a 10 KB page.)
        self._words = frozenset(w for w in words if _PLAIN.fullmatch(w))
        # Each is searched on its own, so that overlapping ones ("100%" and "%") are all found: a
        # block must yield every word it holds, or a rule that could match would not run.
        self._special = [(word, re.compile(_bounded(word))) for word in sorted(words - self._words)]
        self._empty = not words and not self._digits
        self._known_rules: dict[frozenset[str], frozenset[str]] = {}
        self._known_requirements: dict[frozenset[str], frozenset[Met]] = {}

    def _words_in(self, folded: str, specials=None) -> set[str]:
        """The requirement words in lower-cased, folded text (``specials``: the special-word
        patterns worth trying; all by default)."""
        hits = set(_PLAIN.findall(folded))
        hits &= self._words
        if self._digits and _DIGIT.search(folded):
            hits.add(DIGITS)
        for word, pattern in self._special if specials is None else specials:
            if (
                word in folded
            ):  # a plain substring test first: the lookbehind keeps re from scanning fast
                hits.update(pattern.findall(folded))
        return hits

    def _met(self, hits: set[str], active=None) -> frozenset[str]:
        """The rules (among ``active``, if given) with a requirement these words meet. Copy repeats
        itself (templates, nav, boilerplate), so answers are remembered per word set, for all
        rules: blocks and sentences ask with many different sets of rules."""
        met = self._remembered(self._known_rules, hits, self._rules_met)
        return met if active is None else met & active

    def _remembered(self, known: dict, hits: set[str], compute):
        key = frozenset(hits)
        found = known.get(key)
        if found is None:
            if len(known) > 50_000:
                known.clear()
            found = known[key] = compute(key)
        return found

    def _met_groups(self, hits: frozenset[str]) -> frozenset[int]:
        groups_of = self._groups_of
        return frozenset().union(*(groups_of[w] for w in hits if w in groups_of))

    def _rules_met(self, hits: frozenset[str]) -> frozenset[str]:
        met_groups, met = self._met_groups(hits), set()
        by_group = self._by_group
        for group in met_groups & self._anchors:  # most met groups anchor no requirement
            for (rule_id, _), needed in by_group[group]:
                if rule_id not in met and needed <= met_groups:
                    met.add(rule_id)
        return frozenset(met)

    def _requirements_met(self, hits: frozenset[str]) -> frozenset[Met]:
        met_groups, by_group = self._met_groups(hits), self._by_group
        return frozenset(
            pair
            for group in met_groups & self._anchors
            for pair, needed in by_group[group]
            if needed <= met_groups
        )

    def requirements_in_parts(
        self, folded: str, parts: list[tuple[int, int]], rules: frozenset[str]
    ) -> list[frozenset[Met]]:
        """For each (start, end) part of a folded block (its sentences), the requirements of
        ``rules`` met there, as (rule id, requirement) pairs: only these rules' phrases and
        patterns with these requirements could match there."""
        folded = fold_accents(folded)
        specials = [(word, pattern) for word, pattern in self._special if word in folded]
        met = []
        for start, end in parts:
            hits = self._words_in(folded[start:end], specials)
            pairs = (
                self._remembered(self._known_requirements, hits, self._requirements_met)
                if hits
                else frozenset()
            )
            met.append(frozenset(pair for pair in pairs if pair[0] in rules))
        return met

    def has_candidate(self, text: str) -> bool:
        if self._empty:
            return False
        return bool(self._met(self._words_in(_plain(text))))

    def candidates(self, projection: Projection, active=None) -> list[Candidate]:
        """The blocks of a projection that could hold a match of an ``active`` rule, with those
        rules."""
        if self._empty or not projection.blocks:
            return []
        active = frozenset(active) if active is not None else None
        text = projection.text
        folded = _plain(text)
        specials = [(word, pattern) for word, pattern in self._special if word in folded]
        hits_of = {
            i: self._words_in(_plain(text[b.start : b.end]), specials)
            for i, b in enumerate(projection.blocks)
        }
        found = []
        for index in sorted(hits_of):
            rules = self._met(hits_of[index], active)
            if rules:
                found.append(Candidate(projection.blocks[index], rules))
        return found
