"""A cheap scan for candidate blocks, run before spaCy is even imported.

What it looks for comes from the rules (``Rule.requirements``): for every phrase and token
pattern, the word sets a match must hit — one word of each set. One regex pass collects the
words a block contains; a block is a candidate when some requirement is met by them. A block
that is not a candidate cannot produce a finding, so it never reaches spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from copylint.rulebook import Requirement
from copylint.sources.projection import Block, Projection

# spaCy's NORM folds curly apostrophes; fold them here too (same length, so offsets hold).
_FOLD = str.maketrans({"’": "'", "‘": "'"})


class Prefilter:
    def __init__(self, requirements: Iterable[Requirement]):
        self._requirements = [r for r in dict.fromkeys(requirements) if r]
        words = {word for requirement in self._requirements for group in requirement for word in group}
        # Index requirements by one of their words so a block only tests those it could meet.
        self._by_word: dict[str, list[Requirement]] = {}
        for requirement in self._requirements:
            anchor = min(requirement, key=len)
            for word in anchor:
                self._by_word.setdefault(word, []).append(requirement)
        alternatives = []
        for word in sorted(words, key=lambda w: (-len(w), w)):
            body = re.escape(word)
            if word[:1].isalnum():
                body = r"(?<![a-z0-9])" + body
            if word[-1:].isalnum():
                body += r"(?![a-z0-9])"
            alternatives.append(body)
        self._regex = re.compile("|".join(alternatives)) if alternatives else None

    def _met(self, hits: set[str]) -> bool:
        for word in hits:
            for requirement in self._by_word.get(word, ()):
                if all(group & hits for group in requirement):
                    return True
        return False

    def has_candidate(self, text: str) -> bool:
        if self._regex is None:
            return False
        return self._met(set(self._regex.findall(text.lower().translate(_FOLD))))

    def candidate_blocks(self, projection: Projection) -> list[Block]:
        """The blocks of a projection that could hold a match."""
        if self._regex is None or not projection.blocks:
            return []
        folded = projection.text.lower().translate(_FOLD)
        if len(folded) != len(projection.text):  # lower() changed a length ("İ"): go block by block
            return [b for b in projection.blocks if self.has_candidate(projection.block_text(b))]
        starts = [b.start for b in projection.blocks]
        hits_per_block: dict[int, set[str]] = {}
        for hit in self._regex.finditer(folded):
            index = bisect_right(starts, hit.start()) - 1
            if index >= 0 and hit.start() < projection.blocks[index].end:
                hits_per_block.setdefault(index, set()).add(hit.group())
        return [projection.blocks[i] for i in sorted(hits_per_block) if self._met(hits_per_block[i])]
