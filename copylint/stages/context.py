"""The context stage: what surrounds each match, as the detectors of copylint/context.py read it
(negated, hedged, a question ...), plus the sentence it stands in and, for a question, its "yes"
answer (copylint/answers.py). Facts that every match of a block shares are computed once per block.
"""

from __future__ import annotations

from dataclasses import dataclass

from copylint import context
from copylint.answers import Answer, affirming_answer
from copylint.findings import sentence_excerpt
from copylint.language import Language
from copylint.sources.projection import Block, Projection
from copylint.stages.match import Match, MatchedBlock


@dataclass(frozen=True)
class YesAnswer:
    """A question's "yes" answer: the claim the question asked about, made by the answer."""

    answer: Answer
    sentence: str  # the answer's first sentence, as a finding shows it


@dataclass(frozen=True)
class Claim:
    match: Match
    block: Block
    contexts: tuple[str, ...]
    sentence: str  # the sentence of the match, as a finding shows it
    yes_answer: YesAnswer | None = None  # only for a match in a question


def claims(projection: Projection, matched: MatchedBlock) -> list[Claim]:
    doc, text, block = matched.doc, matched.text, matched.block
    language = matched.language
    claimed = _claimed_negators(doc, matched.matches, language)
    facts = context.doc_facts(doc, text, language)
    found = []
    for match in matched.matches:
        # The negation check looks only before the match: negators inside it never count as "other"
        site = context.MatchSite(
            doc, match.token_start, match.token_end, claimed, facts, match.rule.approved_products
        )
        contexts = context.detect(site)
        sent_index, sent_start, sent_end = facts.sentence(match.token_start)
        sentence = sentence_excerpt(
            text,
            *facts.stripped_sentence(sent_index, sent_start, sent_end),
            match.start - block.start,
            match.end - block.start,
        )
        yes_answer = None
        if "question" in contexts:
            answer = affirming_answer(projection, block, doc, sent_end, language)
            if answer is not None:
                yes_answer = YesAnswer(answer, answer.sentence(projection))
        found.append(Claim(match, block, contexts, sentence, yes_answer))
    return found


def _claimed_negators(doc, matches: tuple[Match, ...], language: Language) -> frozenset[int]:
    """Negators that are part of a claim ("no side effects", "No downtime") negate nothing else:
    in "No downtime and no side effects" the first "no" does not negate the second claim."""
    return frozenset(
        i
        for match in matches
        for i in range(match.token_start, match.token_end)
        if doc[i].norm_ in language.negators
    )
