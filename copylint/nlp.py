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


def sentence_bounds(doc) -> list[tuple[int, int, int]]:
    """(first token, end token, first character) of each sentence of a doc. Read from arrays:
    ``doc.sents`` first checks every token for a sentence annotation, and building a Span per
    sentence costs more than the sentence split."""
    if not len(doc):
        return []
    array = doc.to_array(["SENT_START", "IDX"])
    starts = [int(i) for i in (array[:, 0] == 1).nonzero()[0]]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    chars = array[:, 1]
    return [(a, b, int(chars[a])) for a, b in zip(starts, starts[1:] + [len(doc)])]


class RuleMatcher:
    """Runs rules' phrases (one PhraseMatcher on NORM) and token patterns (a Matcher per rule) on a doc.

    Token patterns are the costly part, so only the rules the prefilter named for a block run theirs.
    """

    def __init__(self, rulebook: Rulebook):
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = pipeline()
        self._phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self._patterns = {rule.id: [list(p) for p in rule.patterns] for rule in rulebook if rule.patterns}
        for rule in rulebook:
            if rule.phrases:
                self._phrases.add(rule.id, list(nlp.tokenizer.pipe(rule.match_phrases())))
        self._make_matcher = lambda: Matcher(nlp.vocab, validate=True)
        self._matchers: dict[frozenset[str], object] = {}  # one Matcher per set of rules met together
        self._strings = nlp.vocab.strings

    def _matcher_for(self, rules: frozenset[str]):
        """A Matcher with the token patterns of these rules: the doc is walked once for all of them."""
        matcher = self._matchers.get(rules)
        if matcher is None:
            if len(self._matchers) >= 512:
                self._matchers.clear()
            matcher = self._make_matcher()
            for rule_id in sorted(rules):
                matcher.add(rule_id, self._patterns[rule_id], greedy="LONGEST")
            self._matchers[rules] = matcher
        return matcher

    def __call__(self, doc, rules=None, regions=None) -> list[tuple[str, int, int]]:
        """(rule id, start token, end token) for every match of ``rules`` (all when None),
        longest first where they overlap per rule. ``regions``, (span, rules) pairs such as the
        sentences that hold a rule's words, narrow where the token patterns run (default: the
        whole doc with ``rules``)."""
        found = {(self._strings[m], s, e) for m, s, e in self._phrases(doc)}
        if rules is not None:
            found = {m for m in found if m[0] in rules}
        for region, region_rules in [(doc, rules)] if regions is None else regions:
            with_patterns = frozenset(r for r in (self._patterns if region_rules is None else region_rules) if r in self._patterns)
            if with_patterns:
                offset = 0 if region is doc else region.start  # a Matcher gives positions within the span it is given
                found.update((self._strings[m], s + offset, e + offset) for m, s, e in self._matcher_for(with_patterns)(region))
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
