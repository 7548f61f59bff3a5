"""A cheap scan for candidate blocks, run before spaCy is even imported.

What it looks for comes from the rules (``Rule.requirements``): for every phrase and token
pattern, the word sets a match must hit — one word of each set. One regex pass collects the
words a block contains; a block is a candidate when some requirement is met by them. A block
that is not a candidate cannot produce a finding, so it never reaches spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from copylint.rulebook import Requirement
from copylint.sources.projection import Block, Projection

# spaCy's NORM folds curly apostrophes; fold them here too (same length, so offsets hold).
_FOLD = str.maketrans({"’": "'", "‘": "'"})
_PLAIN = re.compile(r"[a-z0-9]+")


def _bounded(word: str) -> str:
    body = re.escape(word)
    if word[:1].isalnum():
        body = r"(?<![a-z0-9])" + body
    if word[-1:].isalnum():
        body += r"(?![a-z0-9])"
    return body


@dataclass(frozen=True)
class Candidate:
    block: Block
    rules: frozenset[str]  # the rules with a requirement the block meets: only these can match in it


class Prefilter:
    def __init__(self, requirements: Iterable[tuple[str, Requirement]]):
        """``requirements``: (rule id, requirement) pairs."""
        pairs = [(rule_id, r) for rule_id, r in dict.fromkeys(requirements) if r]
        words = {word for _, requirement in pairs for group in requirement for word in group}
        # Index requirements by one of their words so a block only tests those it could meet.
        self._by_word: dict[str, list[tuple[str, Requirement]]] = {}
        for rule_id, requirement in pairs:
            anchor = min(requirement, key=len)
            for word in anchor:
                self._by_word.setdefault(word, []).append((rule_id, requirement))
        # Words are found as runs of letters and digits and looked up in a set: one linear pass.
        # The few words with other characters ("100%", "covid-19") get a small regex of their own.
        # (One alternation of every word was tried first: 60 ms for a 10 KB page.)
        self._words = frozenset(w for w in words if _PLAIN.fullmatch(w))
        # Each is searched on its own, so that overlapping ones ("100%" and "%") are all found: a
        # block must yield every word it holds, or a rule that could match would not run.
        self._special = [re.compile(_bounded(word)) for word in sorted(words - self._words)]
        self._empty = not words

    def _hits(self, folded: str):
        """(offset, word) for every word of a requirement in lower-cased, folded text."""
        words = self._words
        for match in _PLAIN.finditer(folded):
            if match.group() in words:
                yield match.start(), match.group()
        for pattern in self._special:
            for match in pattern.finditer(folded):
                yield match.start(), match.group()

    def _met(self, hits: set[str], active=None) -> frozenset[str]:
        """The rules (among ``active``, if given) with a requirement these words meet."""
        return frozenset(
            rule_id
            for word in hits
            for rule_id, requirement in self._by_word.get(word, ())
            if (active is None or rule_id in active) and all(group & hits for group in requirement)
        )

    def has_candidate(self, text: str) -> bool:
        if self._empty:
            return False
        return bool(self._met({word for _, word in self._hits(text.lower().translate(_FOLD))}))

    def candidates(self, projection: Projection, active=None) -> list[Candidate]:
        """The blocks of a projection that could hold a match of an ``active`` rule, with those rules."""
        if self._empty or not projection.blocks:
            return []
        folded = projection.text.lower().translate(_FOLD)
        if len(folded) != len(projection.text):  # lower() changed a length ("İ"): go block by block
            hits_of = {
                i: {word for _, word in self._hits(projection.block_text(b).lower().translate(_FOLD))}
                for i, b in enumerate(projection.blocks)
            }
        else:
            starts = [b.start for b in projection.blocks]
            hits_of: dict[int, set[str]] = {}
            for offset, word in self._hits(folded):
                index = bisect_right(starts, offset) - 1
                if index >= 0 and offset < projection.blocks[index].end:
                    hits_of.setdefault(index, set()).add(word)
        found = []
        for index in sorted(hits_of):
            rules = self._met(hits_of[index], active)
            if rules:
                found.append(Candidate(projection.blocks[index], rules))
        return found
