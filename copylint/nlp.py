"""The one spaCy pipeline, built lazily: importing spaCy costs ~0.9 s, so only a file with a
candidate claim pays for it. ``spacy.blank("en")`` + the rule-based sentencizer; no model download.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from copylint.rulebook import Rulebook


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


class RuleMatcher:
    """Runs rules' phrases (one PhraseMatcher on NORM) and token patterns (a Matcher per rule) on a doc.

    Token patterns are the costly part, so only the rules the prefilter named for a block run theirs.
    """

    def __init__(self, rulebook: Rulebook):
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = pipeline()
        self._phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self._patterns = {}
        for rule in rulebook:
            if rule.phrases:
                self._phrases.add(rule.id, list(nlp.tokenizer.pipe(rule.match_phrases())))
            if rule.patterns:
                matcher = Matcher(nlp.vocab, validate=True)
                matcher.add(rule.id, [list(p) for p in rule.patterns], greedy="LONGEST")
                self._patterns[rule.id] = matcher
        self._strings = nlp.vocab.strings

    def __call__(self, doc, rules=None) -> list[tuple[str, int, int]]:
        """(rule id, start token, end token) for every match of ``rules`` (all when None),
        longest first where they overlap per rule."""
        found = {(self._strings[m], s, e) for m, s, e in self._phrases(doc)}
        if rules is not None:
            found = {m for m in found if m[0] in rules}
        for rule_id, matcher in self._patterns.items():
            if rules is None or rule_id in rules:
                found.update((rule_id, s, e) for _, s, e in matcher(doc))
        return _longest_per_rule(found)


def _longest_per_rule(matches: set[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    kept: list[tuple[str, int, int]] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for rule_id, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1], m[0])):
        spans = taken.setdefault(rule_id, [])
        if any(start < e and s < end for s, e in spans):
            continue
        spans.append((start, end))
        kept.append((rule_id, start, end))
    return sorted(kept, key=lambda m: (m[1], m[2], m[0]))
