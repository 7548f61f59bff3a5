"""The match stage: which rules match where, in projection offsets.

Blocks the prefilter names as candidates go through spaCy (imported only then), and each rule's
phrases and token patterns run on the sentences that hold that rule's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copylint.prefilter import Prefilter
from copylint.rulebook import Rule, Rulebook
from copylint.sources.projection import Block, Projection
from copylint.words import fold

if TYPE_CHECKING:
    from copylint.nlp import RuleMatcher


@dataclass(frozen=True)
class Match:
    rule: Rule
    start: int  # projection offsets of the matched words, end exclusive
    end: int
    token_start: int  # token indices into the doc of its block, end exclusive
    token_end: int


@dataclass(frozen=True)
class MatchedBlock:
    """A block with at least one match, and the spaCy doc the matches index into."""

    block: Block
    text: str
    doc: Any  # spacy.tokens.Doc
    matches: tuple[Match, ...]


class Matcher:
    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook
        self.prefilter = Prefilter((rule.id, r) for rule in rulebook for r in rule.requirements)
        self._rule_matcher: RuleMatcher | None = None

    def rule_matcher(self) -> RuleMatcher:
        if self._rule_matcher is None:
            from copylint.nlp import RuleMatcher  # imports spaCy: only once a file has a candidate

            self._rule_matcher = RuleMatcher(self.rulebook)
        return self._rule_matcher

    def blocks(self, projection: Projection, active: dict[str, str]) -> Iterator[MatchedBlock]:
        """The blocks of a projection where an ``active`` rule matches, in projection order."""
        candidates = self.prefilter.candidates(projection, active)
        if not candidates:
            return
        from copylint.nlp import pipeline

        matcher = self.rule_matcher()
        by_id = self.rulebook.by_id
        texts = [projection.block_text(c.block) for c in candidates]
        for candidate, text, doc in zip(candidates, texts, pipeline().pipe(texts), strict=True):
            found = matcher(
                doc, candidate.rules, self._sentences_to_match(doc, text, candidate.rules)
            )
            if not found:
                continue
            block = candidate.block
            matches = []
            for rule_id, start, end in found:
                span = doc[start:end]
                matches.append(
                    Match(
                        by_id[rule_id],
                        block.start + span.start_char,
                        block.start + span.end_char,
                        start,
                        end,
                    )
                )
            yield MatchedBlock(block, text, doc, tuple(matches))

    def _sentences_to_match(self, doc, text: str, rules: frozenset[str]):
        """The sentences of a candidate block that hold the words of one of its rules, with those
        rules: token patterns run only there (a block is often a paragraph with one claim in it)."""
        folded = fold(text)
        if len(folded) != len(text):  # lower-casing changed a length (a rare letter): whole block
            return None
        from copylint.nlp import sentence_bounds

        bounds = sentence_bounds(doc)
        starts = [first_char for _, _, first_char in bounds]
        met = self.prefilter.rules_in_parts(
            folded, list(zip(starts, starts[1:] + [len(text)], strict=True)), rules
        )
        return [
            (doc[start:end], rules_met)
            for (start, end, _), rules_met in zip(bounds, met, strict=True)
            if rules_met
        ]
