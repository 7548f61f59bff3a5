"""The match stage: which rules match where, in projection offsets.

Blocks the prefilter names as candidates go through spaCy (imported only then), and each rule's
phrases and token patterns run on the sentences that hold that rule's words.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copylint import scored, scorer
from copylint.language import DEFAULT as DEFAULT_LANGUAGE
from copylint.language import Language
from copylint.prefilter import Candidate, Prefilter
from copylint.rulebook import Rule, Rulebook
from copylint.sources.lists import list_leads
from copylint.sources.projection import Block, Projection
from copylint.stages.lists import short_entry
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
    lead: str = ""  # a list rule's: the lead that makes the list a claim, as the message quotes it


@dataclass(frozen=True)
class MatchedBlock:
    """A block with at least one match, and the spaCy doc the matches index into."""

    block: Block
    text: str
    doc: Any  # spacy.tokens.Doc
    matches: tuple[Match, ...]
    language: Language  # the matched rules' language: the cues the context stage reads


# The last few RuleMatchers built, by the rule objects they hold: building one costs a third of a
# second, and a long-lived process (the language server, eval, tests calling the CLI in-process)
# makes an engine per run from the same loaded rulebook. Each entry keeps its rules alive, so
# their ids cannot be reused by other objects while it is kept.
_KEPT: dict[tuple, tuple[tuple[Rule, ...], RuleMatcher]] = {}
_KEEP = 4


def _kept_rule_matcher(rules: tuple[Rule, ...], language: Language) -> RuleMatcher:
    from copylint.nlp import RuleMatcher  # imports spaCy: only once a file has a candidate

    key = (language.spacy, language.fold_accents, tuple(map(id, rules)))
    kept = _KEPT.pop(key, None)
    if kept is None:
        kept = (rules, RuleMatcher(rules, language.spacy, language.fold_accents))
        while len(_KEPT) >= _KEEP:
            del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = kept  # most recently used last
    return kept[1]


class Matcher:
    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook
        self.prefilter = Prefilter((rule.id, r) for rule in rulebook for r in rule.requirements)
        # Each language's rules run on docs its own pipeline makes, read with its own cues.
        grouped: dict[str, set[str]] = {}
        for rule in rulebook:
            grouped.setdefault(rule.language, set()).add(rule.id)
        self._languages = {code: frozenset(ids) for code, ids in sorted(grouped.items())}
        self._rule_matchers: dict[str, RuleMatcher] = {}
        self._listed = {rule.id: rule.listed_under for rule in rulebook if rule.listed_under}

    def rule_matcher(self, code: str = DEFAULT_LANGUAGE) -> RuleMatcher:
        """The phrases and patterns of the rules in language ``code``."""
        if code not in self._rule_matchers:
            language = self.rulebook.language(code)
            rules = tuple(rule for rule in self.rulebook if rule.language == code)
            self._rule_matchers[code] = _kept_rule_matcher(rules, language)
        return self._rule_matchers[code]

    def blocks(self, projection: Projection, active: dict[str, str]) -> Iterator[MatchedBlock]:
        """The blocks of a projection where an ``active`` rule matches, in projection order."""
        candidates = self.prefilter.candidates(projection, active)
        leads: dict[tuple[int, str], str] = {}
        if self._listed and candidates:
            candidates, leads = self._in_lists(projection, candidates)
        if scored.RULE_ID in active and scored.RULE_ID in self.rulebook.by_id:
            candidates = self._scored(projection, candidates)
        if not candidates:
            return
        texts = [projection.block_text(c.block) for c in candidates]
        per_language = [
            self._blocks_in(code, rule_ids, candidates, texts, leads)
            for code, rule_ids in self._languages.items()
        ]
        if len(per_language) == 1:
            yield from (matched for _, matched in per_language[0])
            return
        # Each language's blocks come in candidate order: merged, they stay in projection order.
        yield from (matched for _, matched in heapq.merge(*per_language, key=lambda m: m[0]))

    def _scored(self, projection: Projection, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates, with the scored rule added to every block that holds some rule's
        words, whichever rules are active: it reads the sentences that hold them and that no
        rule matched (the labelled sentences it learned from all hold trigger words; a sentence
        with none is out of its reach)."""
        rule = self.rulebook.by_id[scored.RULE_ID]
        if scorer.language_scorer(self.rulebook.language(rule.language)) is None:
            return candidates
        named = {c.block.start: c.rules for c in candidates}
        return [
            Candidate(c.block, named.get(c.block.start, frozenset()) | {scored.RULE_ID})
            for c in self.prefilter.candidates(projection, None)
        ]

    def _in_lists(
        self, projection: Projection, candidates: list[Candidate]
    ) -> tuple[list[Candidate], dict[tuple[int, str], str]]:
        """The candidates with each list rule kept only in the list entries whose lead makes the
        list a claim, and those leads as the messages quote them, by (block start, rule id)."""
        if not any(c.rules & self._listed.keys() for c in candidates):
            return candidates, {}
        entries = list_leads(projection)
        kept, leads = [], {}
        for candidate in candidates:
            listed = candidate.rules & self._listed.keys()
            if not listed:
                kept.append(candidate)
                continue
            lead = entries.get(candidate.block.start)
            entry = projection.block_text(candidate.block)
            if lead is not None and not short_entry(entry):
                lead = None
            dropped = set()
            for rule_id in listed:
                claim = None if lead is None else self._listed[rule_id].claim(lead, projection)
                if claim is not None and self._listed[rule_id].entry_warns(entry):
                    claim = None
                if claim is None:
                    dropped.add(rule_id)
                else:
                    leads[candidate.block.start, rule_id] = claim
            if dropped:
                candidate = Candidate(candidate.block, candidate.rules - dropped)
            if candidate.rules:
                kept.append(candidate)
        return kept, leads

    def _blocks_in(
        self,
        code: str,
        rule_ids: frozenset[str],
        candidates: list,
        texts: list[str],
        leads: dict[tuple[int, str], str],
    ) -> Iterator[tuple[int, MatchedBlock]]:
        chosen = [i for i, c in enumerate(candidates) if c.rules & rule_ids]
        if not chosen:
            return
        from copylint.nlp import pipeline

        matcher = self.rule_matcher(code)
        language = self.rulebook.language(code)
        by_id = self.rulebook.by_id
        docs = pipeline(language.spacy, language.fold_accents).pipe(texts[i] for i in chosen)
        for index, doc in zip(chosen, docs, strict=True):
            candidate, text = candidates[index], texts[index]
            rules = candidate.rules & rule_ids
            named = rules - {scored.RULE_ID}
            regions = self._sentences_to_match(doc, text, named)
            found = matcher(doc, named, regions)
            if scored.RULE_ID in rules:
                worded = self._sentences_to_match(doc, text, self._languages[code])
                found += self._read_as_claims(doc, language, worded, found)
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
                        leads.get((block.start, rule_id), ""),
                    )
                )
            yield index, MatchedBlock(block, text, doc, tuple(matches), language)

    def _read_as_claims(self, doc, language: Language, regions, found) -> list:
        """(scored rule, start, end) over each sentence that holds a rule's words, that no rule
        matched in and that the claim scorer reads as a claim. ``regions``: the sentences with a
        rule's words (None: every sentence, see _sentences_to_match)."""
        from copylint.nlp import sentence_bounds

        table = scorer.language_scorer(language)
        if table is None:
            return []
        if regions is None:
            spans = [(start, end) for start, end, _ in sentence_bounds(doc)]
        else:
            spans = [(span.start, span.end) for span, _ in regions]
        # how many tokens before each position some rule's match covers: a sentence overlaps a
        # match when its count grows across it (one pass, however many matches and sentences)
        depth = [0] * (len(doc) + 1)
        for _, s, e in found:
            depth[s] += 1
            depth[e] -= 1
        covered, running = [0], 0
        for i in range(len(doc)):
            running += depth[i]
            covered.append(covered[-1] + (running > 0))
        read = []
        for start, end in spans:
            if covered[end] > covered[start]:
                continue
            while start < end and (doc[start].is_space or doc[start].is_punct):
                start += 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            if start < end and table.score(doc[start:end].text) >= table.high:
                read.append((scored.RULE_ID, start, end))
        return read

    def _sentences_to_match(self, doc, text: str, rules: frozenset[str]):
        """The sentences of a candidate block that hold the words of one of its rules, with the
        requirements of those rules they meet: token patterns run only there, and only those
        whose requirement is met (a block is often a paragraph with one claim in it)."""
        folded = fold(text)
        if len(folded) != len(text):  # lower-casing changed a length (a rare letter): whole block
            return None
        from copylint.nlp import sentence_bounds

        bounds = sentence_bounds(doc)
        starts = [first_char for _, _, first_char in bounds]
        met = self.prefilter.requirements_in_parts(
            folded, list(zip(starts, starts[1:] + [len(text)], strict=True)), rules
        )
        return [
            (doc[start:end], requirements)
            for (start, end, _), requirements in zip(bounds, met, strict=True)
            if requirements
        ]
