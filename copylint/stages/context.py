"""The context stage: what surrounds each match, as the detectors of copylint/context.py read it
(negated, hedged, a question ...), plus the sentence it stands in and, for a question, its "yes"
answer (copylint/answers.py). Facts that every match of a block shares are computed once per block.
"""

from __future__ import annotations

from dataclasses import dataclass

from copylint import context, scorer
from copylint.answers import Answer, affirming_answer
from copylint.findings import sentence_excerpt
from copylint.language import Language
from copylint.positions import positions
from copylint.sources.projection import Block, Projection
from copylint.stages import suggest
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
    sentence_span: tuple[int, int] = (0, 0)  # projection offsets of the sentence, stripped
    positions: frozenset[str] = frozenset()  # where a replacement would go (positions.py)
    # what the claim is about: the topics its sentence names, or else its block's (suggest.py)
    topics: frozenset[str] = frozenset()


def claims(projection: Projection, matched: MatchedBlock) -> list[Claim]:
    doc, text, block = matched.doc, matched.text, matched.block
    language = matched.language
    claimed = _claim_words(doc, matched.matches, language)
    facts = context.doc_facts(doc, text, language)
    table = scorer.language_scorer(language)
    scores: dict[tuple[int, int], float] = {}
    block_topics: frozenset[str] | None = None  # read when a claim's sentence names none
    found = []
    for match in matched.matches:
        site = context.MatchSite(
            doc, match.token_start, match.token_end, claimed, facts, match.rule.approved_products
        )
        contexts = context.detect(site)
        sent_index, sent_start, sent_end = facts.sentence(match.token_start)
        bounds = facts.stripped_sentence(sent_index, sent_start, sent_end)
        if table is not None and bounds not in scores:
            scores[bounds] = table.score(text[bounds[0] : bounds[1]])  # once per sentence
        if table is not None and scores[bounds] < table.low:
            contexts = (*contexts, "reads_careful")
        sentence = sentence_excerpt(
            text, *bounds, match.start - block.start, match.end - block.start
        )
        yes_answer = None
        if "question" in contexts:
            answer = affirming_answer(projection, block, doc, sent_end, language)
            if answer is not None:
                yes_answer = YesAnswer(answer, answer.sentence(projection))
        fitted = any(s.fits for s in match.rule.suggestions)
        topics: frozenset[str] = frozenset()
        if suggest.chooses(match.rule):
            topics = language.topics_in(text[bounds[0] : bounds[1]])
            if not topics:
                if block_topics is None:
                    block_topics = language.topics_in(text)
                topics = block_topics
        found.append(
            Claim(
                match,
                block,
                contexts,
                sentence,
                yes_answer,
                (block.start + bounds[0], block.start + bounds[1]),
                positions(facts, match.token_start, match.token_end, language)
                if fitted
                else frozenset(),
                topics,
            )
        )
    return found


def _claim_words(doc, matches: tuple[Match, ...], language: Language) -> frozenset[int]:
    """Words that are part of one claim and govern nothing outside it. A negator inside a claim
    ("No downtime and no side effects") does not negate the next one; nor does the negator of a
    list item no rule matched ("no bruising and no downtime"): an item of the list is a claim too.
    An authority inside a claim ("Approved by the FDA and 100% safe") attributes nothing else."""
    governing = language.negators | language.authorities
    found = {
        i
        for match in matches
        for i in range(match.token_start, match.token_end)
        if doc[i].norm_ in governing
    }
    starts = {match.token_start for match in matches}
    for start in sorted(starts):
        if doc[start].norm_ in language.negators:
            found.update(_listed_negators(doc, start, starts, language))
    return frozenset(found)


def _listed_negators(doc, start: int, starts: set[int], language: Language) -> list[int]:
    """The negators of the unmatched list items right before the absence claim at ``start``:
    "no needles, no bruising and [no downtime]" gives both. A joiner must come right before each
    item; the walk stops at an item that is not a bare "no X" (its negator is still taken: "it has
    no bruising and [no downtime]"), and at a claim matched on its own (its own walk goes on)."""
    found: list[int] = []
    i = start - 1
    while i >= 0:
        joiner = i
        while joiner >= 0 and doc[joiner].norm_ in language.list_joiners:
            joiner -= 1
        if joiner == i or joiner < 0:
            break
        reach = range(joiner, max(-1, joiner - language.list_item_reach), -1)
        negator = next((k for k in reach if doc[k].norm_ in language.negators), None)
        if negator is None or any(k in starts for k in range(negator, joiner + 1)):
            break  # not a "no X" item, or a claim of its own
        found.append(negator)
        i = negator - 1
    return found
