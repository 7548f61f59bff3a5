"""Context detectors: what surrounds a match inside its sentence.

Each detector answers one question about one match and knows nothing of rules; the rule's
policy (``suppress_when`` / ``soften_when``) decides what a context means for it. Detectors
look at spaCy NORMs (lower case, curly quotes and dashes folded, "won't" -> "will" + "not",
accents folded where the language file says so).

Scope: cues that must govern the claim (negation, evidence gaps, conditions, hedges) are looked
for in the *clause* before the match — from the last clause break (but, however, although, ``;``,
``:``, a dash, ", and" ...) up to the match. Cues that colour the whole sentence (a question, an
attribution to a regulator, quotation marks) use the sentence; disclaimers use the whole block.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from copylint.language import Language, builtin
from copylint.words import fold, fold_accents


@dataclass(frozen=True)
class MatchSite:
    """A match as the detectors see it: token indices into ``doc`` (end exclusive)."""

    doc: object  # spacy.tokens.Doc
    start: int
    end: int
    # Words of another claim, which govern nothing outside it: the negator of "No downtime" or of
    # an unmatched list item ("no bruising and no downtime"), the FDA of "Approved by the FDA".
    claim_words: frozenset[int] = frozenset()
    facts: DocFacts | None = None  # what every match of this doc shares, computed once
    approved_products: frozenset[str] = frozenset()  # the rule's products with a real approval


def _any_between(positions: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of positions holds one in [start, end)."""
    at = bisect_left(positions, start)
    return at < len(positions) and positions[at] < end


class DocFacts:
    """What every match of one doc shares, computed once per doc (or once per sentence, on first
    use) so that each match costs about its own window: a sentence with thousands of claims in it
    (a keyword-stuffed line, a YAML folded scalar) is not walked again for every one of them.

    Positions are token indices; ``count_x(a, b)`` style queries read prefix sums."""

    def __init__(
        self,
        doc,
        norms: list[str],
        texts: list[str],
        disclaimer: bool,
        spaces: list[bool],
        idx,
        text: str,
        language: Language,
    ):
        self.doc, self.norms, self.texts, self.disclaimer = doc, norms, texts, disclaimer
        self.language = language
        self.spaces, self.idx, self.text = spaces, idx, text
        self._sentence_cache: dict[int, dict] = {}
        self._products: dict[frozenset[str], Sequence[int]] = {}
        self._cautioning: dict[tuple[int, int], bool] = {}  # conceded: main clause at (comma, end)

    # --- sentences ------------------------------------------------------------------------

    @cached_property
    def sentence_starts(self) -> list[int]:
        from copylint.nlp import sentence_bounds

        return [start for start, _, _ in sentence_bounds(self.doc)] or [0]

    def sentence(self, token: int) -> tuple[int, int, int]:
        """(index, first token, end token) of the sentence holding ``token`` (what
        ``Token.sent`` gives)."""
        starts = self.sentence_starts
        k = bisect_right(starts, token) - 1
        return k, starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.norms)

    def _cached(self, k: int) -> dict:
        cache = self._sentence_cache.get(k)
        if cache is None:
            cache = self._sentence_cache[k] = {}
        return cache

    def char_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of the tokens start..end (exclusive), as ``doc[start:end].text``
        has them."""
        if end <= start:
            return (
                (self.idx[start], self.idx[start])
                if start < len(self.idx)
                else (len(self.text), len(self.text))
            )
        return self.idx[start], self.idx[end - 1] + len(self.texts[end - 1])

    def sentence_text(self, ss: int, se: int) -> str:
        return self.text[slice(*self.char_bounds(ss, se))]

    def stripped_sentence(self, k: int, ss: int, se: int) -> tuple[int, int]:
        """Character bounds of ``sent.text.strip()``."""
        cache = self._cached(k)
        if "stripped" not in cache:
            a, b = self.char_bounds(ss, se)
            text = self.text
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            cache["stripped"] = (a, b)
        return cache["stripped"]

    # --- per-token facts, as prefix sums -------------------------------------------------------

    def _prefix(self, flags) -> array:
        # machine integers: a list of ints costs 36 bytes a token
        return array("q", accumulate(map(bool, flags), initial=0))

    def _members(self, words) -> array:
        """Prefix counts of the tokens whose NORM is one of ``words``."""
        return self._prefix(map(words.__contains__, self.norms))

    @cached_property
    def _hedges(self) -> Sequence[int]:
        return self._members(self.language.hedges)

    @cached_property
    def _hedge_bigrams(self) -> Sequence[int]:
        norms = self.norms
        return self._prefix(
            pair in self.language.hedge_pairs for pair in zip(norms, norms[1:] + [""], strict=False)
        )

    @cached_property
    def _scarce_before(self) -> Sequence[int]:
        """For each evidence noun, the last scarcity word at most 4 tokens before it (-1: none)."""
        norms, near, last = self.norms, array("q"), -10
        evidence_nouns, scarcity = self.language.evidence_nouns, self.language.evidence_scarcity
        for i, n in enumerate(norms):
            near.append(last if n in evidence_nouns and last >= i - 4 else -1)
            if n in scarcity:
                last = i
        return near

    @cached_property
    def _evidence_gaps(self) -> Sequence[int]:
        return self._prefix(j >= 0 for j in self._scarce_before)

    @cached_property
    def _evidence_nouns(self) -> Sequence[int]:
        return self._members(self.language.evidence_nouns)

    @cached_property
    def _first_person(self) -> Sequence[int]:
        return self._members(self.language.first_person)

    @cached_property
    def _own_or_service(self) -> Sequence[int]:
        about = self.language.first_person | self.language.service_words
        return self._members(about)

    @cached_property
    def _transfer(self) -> Sequence[int]:
        return self._members(self.language.transfer_words)

    @cached_property
    def _other_than(self) -> Sequence[int]:
        return self._prefix(self._sequence_starts(self.language.other_than))

    def _sequence_starts(self, sequences: tuple[tuple[str, ...], ...]) -> list[int]:
        """For each token, the length of the word sequence starting there (0: none)."""
        norms, found = self.norms, [0] * len(self.norms)
        for sequence in sequences:
            first, size = sequence[0], len(sequence)
            for j, norm in enumerate(norms):
                if norm == first and tuple(norms[j : j + size]) == sequence:
                    found[j] = max(found[j], size)
        return found

    @cached_property
    def _frames(self) -> list[bool]:
        norms = self.norms
        frames = self.language.reporting_frames
        return [pair in frames for pair in zip(norms, norms[1:] + [""], strict=False)]

    def _subject(self, verb: int) -> str | None:
        """Who says what the reporting word at ``verb`` reports, from the nearest subject word in
        the few tokens before it: "own" (a first-person word: "We claim that", "Our clinic claims
        to", "our website says"), "other" (a third party: "clinics that promise"), None."""
        norms, language = self.norms, self.language
        ss = self.sentence(verb)[1]
        for j in range(verb - 1, max(ss, verb - language.subject_reach) - 1, -1):
            if norms[j] in language.first_person:
                return "own"
            if norms[j] in language.third_parties:
                own = j > ss and norms[j - 1] in language.first_person  # "our website says"
                return "own" if own else "other"
        return None

    @cached_property
    def _frame_counts(self) -> Sequence[int]:
        """Reporting frames, less those the clinic says of itself."""
        return self._prefix(
            frame and self._subject(j) != "own" for j, frame in enumerate(self._frames)
        )

    @cached_property
    def _reported_counts(self) -> Sequence[int]:
        """Reporting verbs without "that" whose subject is a third party ("Clinics claim
        exosomes cure everything", "clinics that promise guaranteed results")."""
        verbs = self.language.reporting_verbs
        return self._prefix(
            n in verbs and self._subject(j) == "other" for j, n in enumerate(self.norms)
        )

    @cached_property
    def _according(self) -> Sequence[int]:
        """For each "according to", the first authority in the 5 tokens after it (-1: none)."""
        norms, n, authorities = self.norms, len(self.norms), self.language.authorities
        found = array("q", [-1]) * n
        for j, size in enumerate(self._sequence_starts(self.language.according_to)):
            if size:
                found[j] = next(
                    (k for k in range(j + size, min(j + size + 5, n)) if norms[k] in authorities),
                    -1,
                )
        return found

    @cached_property
    def _according_counts(self) -> Sequence[int]:
        return self._prefix(k >= 0 for k in self._according)

    @cached_property
    def _next_critical(self) -> Sequence[int]:
        norms, n, critical = self.norms, len(self.norms), self.language.critical_words
        phrases = self._sequence_starts(self.language.critical_phrases)
        nxt = array("q", [n]) * (n + 1)
        for i in range(n - 1, -1, -1):
            nxt[i] = i if norms[i] in critical or phrases[i] else nxt[i + 1]
        return nxt

    @cached_property
    def _next_product_clause_end(self) -> Sequence[int]:
        norms, texts, n = self.norms, self.texts, len(self.norms)
        words, marks = self.language.clause_break_words, self.language.product_clause_end
        nxt = array("q", [n]) * (n + 1)
        for i in range(n - 1, -1, -1):
            nxt[i] = i if norms[i] in words or texts[i] in marks else nxt[i + 1]
        return nxt

    @cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        """Tokens that end a clause before them: always, and a comma that does so when a clause
        starter follows it (and the starter is not the match itself)."""
        norms, texts, spaces, n = self.norms, self.texts, self.spaces, len(self.norms)
        break_words, break_punct = (
            self.language.clause_break_words,
            self.language.clause_break_punct,
        )
        starters = self.language.comma_clause_starters
        hard, commas = [], []
        for i in range(n):
            text = texts[i]
            if (
                norms[i] in break_words
                or text in break_punct
                or (text == "-" and i > 0 and spaces[i - 1])
            ):
                hard.append(i)
            elif text == "," and i + 1 < n and norms[i + 1] in starters:
                commas.append(i)
        return hard, commas

    @cached_property
    def _commas_and_conditionals(self) -> Sequence[int]:
        conditionals = self.language.conditionals
        return [i for i, n in enumerate(self.norms) if n == "," or n in conditionals]

    def products(self, names: frozenset[str]) -> Sequence[int]:
        counts = self._products.get(names)
        if counts is None:
            words = frozenset(map(fold_accents, names)) if self.language.fold_accents else names
            counts = self._products[names] = self._members(words)
        return counts

    @cached_property
    def _folded_text(self) -> str | None:
        folded = fold(self.text)
        return (
            folded if len(folded) == len(self.text) else None
        )  # a letter changed length: offsets would not hold

    @cached_property
    def _unproven(self) -> tuple[list[int], list[int]]:
        """Where an UNPROVEN phrase may start in the folded text, and where one does."""
        folded = self._folded_text
        assert folded is not None  # callers read the folded text only where it holds offsets
        unproven = self.language.unproven
        starts = [m.start() for m in self.language.unproven_start.finditer(folded)]
        return starts, [p for p in starts if unproven.match(folded, p)]

    # --- the detectors' questions -----------------------------------------------------------------

    def clause_start(self, sent_start: int, match_start: int) -> int:
        hard, commas = self._breaks
        at = bisect_left(hard, match_start) - 1  # the last hard break before the match
        best = hard[at] if at >= 0 and hard[at] >= sent_start else -1
        at = (
            bisect_left(commas, match_start - 1) - 1
        )  # a comma right before the match does not count
        if at >= 0 and commas[at] >= sent_start:
            best = max(best, commas[at])
        return best + 1 if best >= 0 else sent_start

    def hard_clause_start(self, sent_start: int, match_start: int) -> int:
        """The clause start without the commas that open a clause (", and"): a reporting frame
        governs a list of what it reports ("read that it reverses ageing, sharpens the mind, and
        helps break addiction")."""
        hard = self._breaks[0]
        at = bisect_left(hard, match_start) - 1
        return hard[at] + 1 if at >= 0 and hard[at] >= sent_start else sent_start

    def hedged(self, k: int, ss: int, se: int, cs: int, ms: int) -> bool:
        if self._hedges[ms] - self._hedges[cs] or self._hedge_bigrams[ms] - self._hedge_bigrams[cs]:
            return True
        cache = self._cached(k)
        if "results_vary" not in cache:
            cache["results_vary"] = bool(
                self.language.hedging_sentence.search(fold(self.sentence_text(ss, se)))
            )
        return cache["results_vary"]

    def evidence_gap(self, cs: int, ms: int) -> bool:
        gaps, near = self._evidence_gaps, self._scarce_before
        if cs + 4 < ms and gaps[ms] - gaps[cs + 4]:
            return (
                True  # a noun 4 or more tokens into the clause: its scarcity word is inside it too
            )
        if any(near[i] >= cs for i in range(cs, min(cs + 4, ms))):
            return True
        if ms <= cs:
            return False
        c0, c1 = self.char_bounds(cs, ms)
        folded = self._folded_text
        if folded is None:
            return bool(self.language.unproven.search(fold(self.text[c0:c1])))
        starts, matching = self._unproven
        reach, unproven = self.language.unproven_reach, self.language.unproven
        # Away from the clause's edges a phrase matches as it does in the whole text...
        at = bisect_right(matching, c0)
        if at < len(matching) and matching[at] + reach < c1:
            return True
        # ... at its edges, the clause's own start and end decide (\b, $): try those few in it.
        edge = [
            p for p in starts[bisect_left(starts, max(c0, c1 - reach)) : bisect_left(starts, c1)]
        ]
        if starts[bisect_left(starts, c0) : bisect_left(starts, c0) + 1] == [c0]:
            edge.append(c0)
        for p in edge:
            local_start = max(c0, p - 1)
            local = folded[local_start : min(c1, p + reach)]
            if unproven.match(local, p - local_start):
                return True
        return False

    def question(self, k: int, ss: int, se: int) -> bool:
        cache = self._cached(k)
        if "question" not in cache:
            cache["question"] = _question(self.doc[ss:se], self.language)
        return cache["question"]

    def quote_pairs(self, k: int, ss: int, se: int) -> list[list[tuple[int, int]]]:
        """Per kind of quote, the (open, close) pairs of the sentence that make a mention: not the
        clinic's own ("our “miracle” serum", 'it is "FDA-approved"'), nor a testimonial in the
        first person."""
        cache = self._cached(k)
        if "quotes" not in cache:
            doc, texts = self.doc, self.texts
            found = []
            language = self.language
            for quotes in (language.double_quotes, language.single_quotes):
                marks = [
                    i
                    for i in range(ss, se)
                    if texts[i] in quotes and _standalone_quote(doc, i, language.double_quotes)
                ]
                pairs, emphasised = [], -1  # where the last emphasis quote closed
                for open_i, close_i in zip(marks[::2], marks[1::2], strict=False):
                    if self._owned_quote(ss, open_i, close_i, emphasised):
                        emphasised = close_i
                    else:
                        pairs.append((open_i, close_i))
                found.append(pairs)
            cache["quotes"] = found
        return cache["quotes"]

    def _owned_quote(self, ss: int, open_i: int, close_i: int, emphasised: int) -> bool:
        """A quote that is no distance: the clinic's own word or emphasis, or a patient's words."""
        norms, language = self.norms, self.language
        if open_i > ss and norms[open_i - 1] in language.own_words:
            return True
        if language.speaker & set(norms[open_i:close_i]):
            return True
        if emphasised >= 0 and all(
            n in language.list_joiners for n in norms[emphasised + 1 : open_i]
        ):
            return True  # 'is "safe" and "effective"'
        return self._emphasis(ss, open_i)

    def _emphasis(self, ss: int, open_i: int) -> bool:
        """A quote opening just after a copula is the predicate of the sentence, the clinic's own
        emphasis ('Our serum is "FDA-approved"'), unless a third party or a reporting verb comes
        before the copula ('Other clinics say theirs is "FDA-approved"') and the clinic does not
        ('Our website says it is "FDA-approved"')."""
        norms, language = self.norms, self.language
        for copula in range(open_i - 1, max(ss, open_i - language.predicate_reach) - 1, -1):
            if norms[copula] in language.predicate_after:
                cues, own = self._mention_cues, self._first_person
                return cues[copula] - cues[ss] == 0 or own[copula] - own[ss] > 0
        return False

    @cached_property
    def _mention_cues(self) -> Sequence[int]:
        cues = self.language.reporting_verbs | self.language.third_parties
        return self._members(cues)

    def framed(self, ss: int, cs: int, ms: int) -> bool:
        """A reporting frame (norms j, j+1) inside norms[cs:ms] with a subject before it that is
        not the clinic, or a reporting verb there whose subject is a third party."""
        reported = self._reported_counts
        if ms > cs and reported[ms] - reported[cs]:
            return True
        last = ms - 2  # the pair's second word is still before the match
        if last < cs:
            return False
        first = max(cs, ss + 1)
        if first <= last and self._frame_counts[last + 1] - self._frame_counts[first]:
            return True
        return (
            cs == ss and self._frames[ss] and self.norms[ss].endswith(self.language.gerund_endings)
        )

    def conditional(self, cs: int, ms: int) -> bool:
        norms = self.norms
        requirements = self.language.requirement_words
        if any(n in requirements for n in norms[max(cs, ms - 3) : ms]):
            return True
        marks = self._commas_and_conditionals
        at = bisect_left(marks, ms) - 1
        return at >= 0 and marks[at] >= cs and norms[marks[at]] in self.language.conditionals

    def prospect(self, cs: int, ms: int, me: int) -> bool:
        """An approval still to come, or one said to be limited: "is expected to be approved by
        the FDA", "is only FDA-cleared for use below the neck", "approved only for"."""
        language, norms = self.language, self.norms
        if not language.approval_words & set(norms[ms:me]):
            return False
        limiters = language.approval_limiters
        if self._own_or_service[ms] - self._own_or_service[cs]:
            limiters = frozenset()  # "Our exosomes are FDA-approved only for skin" claims it
        if ms - 2 >= cs and norms[ms - 1] in limiters and norms[ms - 2] in language.predicate_after:
            return True
        if me + 1 < len(norms) and norms[me] in limiters and norms[me + 1] in ("for", "in", "to"):
            return True
        for sequence in language.prospects:
            size = len(sequence)
            for end in range(ms, max(cs + size, ms - 2) - 1, -1):
                if tuple(norms[end - size : end]) == sequence:
                    return True
        return False

    @cached_property
    def _check_starts(self) -> list[int]:
        """Where a check word is followed by what it checks for ("check whether"), in order."""
        norms, language = self.norms, self.language
        return [
            i
            for i in range(len(norms) - 1)
            if norms[i] in language.checks and norms[i + 1] in language.check_links
        ]

    @cached_property
    def _positions_of_concession_words(self) -> tuple[list[int], list[int]]:
        """Where the concessive modals and the commas are, in order (see conceded)."""
        norms, modals = self.norms, self.language.concessive_modals
        return (
            [i for i, n in enumerate(norms) if n in modals],
            [i for i, n in enumerate(norms) if n == ","],
        )

    def checked(self, cs: int, ms: int) -> bool:
        """The claim is what a check looks for: "to make sure that there are no
        contraindications", "we check whether there are any contraindications"."""
        starts = self._check_starts
        at = bisect_left(starts, cs)
        return at < len(starts) and starts[at] < ms - 1

    def conceded(self, ss: int, se: int, ms: int) -> bool:
        """A hedged claim in a concession that opens the sentence, before its main clause: "While
        it may work better than X, there are other factors to consider"."""
        norms, language = self.norms, self.language
        first = ss
        while first < ms and (
            norms[first] in language.question_lead_in or not norms[first].isalpha()
        ):
            first += 1
        if first >= ms or norms[first] not in language.concessive:
            return False
        modals, commas = self._positions_of_concession_words
        if not _any_between(modals, first + 1, ms):
            return False
        if _any_between(commas, first + 1, ms):
            return False  # the claim is in the main clause
        after = bisect_left(commas, ms)
        comma = commas[after] if after < len(commas) and commas[after] < se else -1
        if comma < 0:
            return False
        # a main clause that cautions: "there are other factors to consider", "overuse can lead
        # to problems", "it is not for everyone"
        known = self._cautioning.get((comma, se))
        if known is None:
            caveats = language.concession_caveats | language.negators | language.hedges
            known = self._cautioning[comma, se] = any(n in caveats for n in norms[comma + 1 : se])
        return known

    def _history(self, ss: int, se: int) -> bool:
        """A regulator's dated or past act: "was approved by the FDA in 1997", "was previously
        FDA-approved", in a sentence without we/our or the clinic's service words."""
        norms, texts, language = self.norms, self.texts, self.language
        if not language.approval_words or self._own_or_service[se] - self._own_or_service[ss]:
            return False
        window = range(ss, se)
        if not any(norms[j] in language.approval_words for j in window):
            return False
        return any(
            norms[j] in language.history_words
            or (len(texts[j]) == 4 and texts[j].isdigit() and 1900 <= int(texts[j]) < 2100)
            for j in window
        )

    def _harm(self, ss: int, se: int, cs: int, ms: int) -> bool:
        """Harm reported from a use, before the claim: "people have been injured when using it for
        heart disease", "it can be dangerous when used as a treatment"."""
        norms, language = self.norms, self.language
        if self._first_person[se] - self._first_person[ss]:
            return False
        return any(
            norms[j] in language.harm_words
            and any(n in language.harm_links for n in norms[j + 1 : min(ms, j + 4)])
            for j in range(cs, ms)
        )

    @cached_property
    def _trial_terms(self) -> Sequence[int]:
        return self._prefix(self._sequence_starts(self.language.trial_terms))

    def attributed(
        self,
        ss: int,
        se: int,
        ms: int,
        me: int,
        claim_words: frozenset[int] = frozenset(),
        cs: int | None = None,
    ) -> bool:
        norms, n, language = self.norms, len(self.norms), self.language
        for j in range(ss, min(ms, ss + language.authority_reach)):
            if (
                norms[j] in language.authorities
                and j not in claim_words
                and not (j + 1 < n and norms[j + 1] == "-")
                and not (j > ss and norms[j - 1] in language.first_person)
            ):
                return True
        according, counts = self._according, self._according_counts
        if (
            ss < ms - 6 and counts[ms - 6] - counts[ss]
        ):  # "according to" with its authority well before the match
            return True
        if any(0 <= according[j] < ms for j in range(max(ss, ms - 6), ms - 1)):
            return True
        if self.reported_data(ss, se, ms, me):
            return True
        if self._history(ss, se) or self._harm(ss, se, ss if cs is None else cs, ms):
            return True
        critical = self._next_critical[ss]
        return critical < ms and self._first_person[se] - self._first_person[critical] == 0

    def reported_data(self, ss: int, se: int, ms: int, me: int) -> bool:
        norms = self.norms
        if not any(
            n in self.language.data_report_verbs
            for n in norms[max(ss, ms - 2) : ms] + norms[me : min(se, me + 2)]
        ):
            return False
        if self._evidence_nouns[ms] - self._evidence_nouns[ss]:
            return True
        if (
            self._trial_terms[se] - self._trial_terms[ss]
            and not self._first_person[se] - self._first_person[ss]
        ):
            return True  # "No serious adverse events were observed", not "in our patients"
        return se - 1 > me and self._other_than[se - 1] - self._other_than[me] > 0

    @cached_property
    def _timing(self) -> Sequence[int]:
        return self._members(self.language.precaution_timing)

    @cached_property
    def _contraindications(self) -> Sequence[int]:
        return self._members(self.language.contraindications)

    @cached_property
    def _regulatory(self) -> Sequence[int]:
        return self._members(self.language.regulatory_words)

    def precaution(self, ss: int, se: int, cs: int, ms: int) -> bool:
        """The match names what a patient must avoid or stop around a treatment, already takes,
        or must not have: "Avoid aspirin and Botox for two weeks before treatment", "if you are
        taking Ozempic", "Contraindications: pregnancy, Botox in the last month"; or the sentence
        is about the medicine's regulation, without we/our: "Botulinum toxin is regulated as a
        Schedule 4 medicine", "Botox must not be advertised to the public"."""
        norms, language = self.norms, self.language
        if self._contraindications[ms] - self._contraindications[ss]:
            return True
        if (
            self._regulatory[se] - self._regulatory[ss]
            and not self._first_person[se] - self._first_person[ss]
        ):
            return True
        for i in range(ms - 1, max(cs, ms - language.precaution_reach) - 1, -1):
            norm = norms[i]
            if norm in language.precaution_means or norm in language.precaution_timing:
                return False  # "Avoid frown lines with Botox": the remedy; "... before our peel"
            if norm in language.intake_words and any(
                n in language.intake_after for n in norms[max(cs, i - language.intake_reach) : i]
            ):
                return True
            if norm in language.precaution_verbs:
                return self._timing[se] - self._timing[ss] > 0
        return False

    def qualified(self, se: int, me: int) -> bool:
        """A contrast right after the match that goes on to name the risk: "Serious complications
        are uncommon but include infection", "The risk is low but not zero"."""
        norms, language = self.norms, self.language
        for j in range(me, min(se, me + language.qualifying_reach + 1)):
            if norms[j] in language.qualifying_contrasts:
                return any(
                    n in language.qualifying_risk_words for n in norms[j + 1 : min(se, j + 6)]
                )
        return False

    def named_product(self, ss: int, se: int, site: MatchSite) -> bool:
        # the product before the claim ("Minoxidil is FDA-approved") or after it in its clause
        # ("the FDA-approved treatments are minoxidil and finasteride")
        products = self.products(site.approved_products)
        clause_end = min(self._next_product_clause_end[site.end], se)
        if not products[clause_end] - products[ss]:
            return False
        if self._own_or_service[clause_end] - self._own_or_service[ss]:
            return False
        return not (
            se > site.end and self._transfer[se] - self._transfer[site.end]
        )  # a match may run past its sentence


def doc_facts(doc, text: str | None = None, language: Language | None = None) -> DocFacts:
    """Per-token norms and texts read from arrays (building a Token per position costs more).
    The cues are ``language``'s (English by default)."""
    language = language or builtin()
    strings = doc.vocab.strings
    columns = doc.to_array(["NORM", "ORTH", "SPACY", "IDX"]) if len(doc) else None
    text = doc.text if text is None else text
    known: dict[
        int, str
    ] = {}  # one str per distinct word: the StringStore decodes a new one per lookup

    def words(i: int) -> list[str]:
        if columns is None:
            return []
        found = []
        for key in columns[
            :, i
        ].tolist():  # one column at a time: hashes as Python ints cost 36 bytes each
            word = known.get(key)
            if word is None:
                word = known[key] = strings[key]
            found.append(word)
        return found

    return DocFacts(
        doc,
        words(0),
        words(1),
        language.disclaimer.search(fold(text)) is not None,
        [bool(s) for s in columns[:, 2].tolist()] if columns is not None else [],
        array("q", columns[:, 3].tolist()) if columns is not None else array("q"),
        text,
        language,
    )


def detect(site: MatchSite) -> tuple[str, ...]:
    doc = site.doc
    facts = site.facts or doc_facts(doc)
    k, ss, se = facts.sentence(site.start)
    norms = facts.norms
    ms, me = site.start, site.end
    clause_start = facts.clause_start(ss, ms)
    found = []
    if _negated(norms, clause_start, site, facts.language):
        found.append("negated")
    if facts.hedged(k, ss, se, clause_start, ms):
        found.append("hedged")
    if facts.evidence_gap(clause_start, ms):
        found.append("evidence_gap")
    if facts.question(k, ss, se):
        found.append("question")
    if _quoted(doc, facts, k, ss, se, clause_start, site):
        found.append("quoted")
    if facts.conditional(clause_start, ms) or facts.prospect(clause_start, ms, me):
        found.append("conditional")
    if facts.attributed(ss, se, ms, me, site.claim_words, clause_start):
        found.append("attributed")
    if facts.disclaimer:
        found.append("disclaimer")
    if site.approved_products and facts.named_product(ss, se, site):
        found.append("named_product")
    if facts.precaution(ss, se, clause_start, ms):
        found.append("precaution")
    if facts.qualified(se, me):
        found.append("qualified")
    if facts.conceded(ss, se, ms):
        found.append("conceded")
    if facts.checked(clause_start, ms):
        found.append("checked")
    return tuple(found)


_ANSWER_MARKS = frozenset({",", ".", "!", "-"})  # "No, it is ..." answers, it does not negate


def _negated(norms: list[str], clause_start: int, site: MatchSite, language: Language) -> bool:
    for i in range(max(clause_start, site.start - language.negation_reach), site.start):
        if norms[i] not in language.negators or i in site.claim_words:
            continue
        following = norms[i + 1] if i + 1 < len(norms) else ""
        if (
            following in language.not_a_negation_after and i + 1 < site.start
        ):  # but "not [just a placebo]" negates
            continue
        if norms[i] in language.negation_interjections and following in _ANSWER_MARKS:
            continue
        if (
            norms[i] in language.negation_prefixes and site.start - i > 2
        ):  # "non-" prefixes only the word after it
            continue
        if any(
            norms[k] in language.new_clause_joiners and norms[k + 1] in language.new_clause_openers
            for k in range(i + 1, site.start)
        ):
            continue
        return True
    return _denied_after(norms, site, language)


def _denied_after(norms: list[str], site: MatchSite, language: Language) -> bool:
    """The claim's own clause goes on to deny it: a negator after the match, then one of the
    denied predicates within reach ("Hangover cures don't really work")."""
    if not language.denial_reach:
        return False
    stops = language.clause_break_words | language.clause_break_punct | language.denial_stops
    n = len(norms)
    for j in range(site.end, n):
        norm = norms[j]
        if norm in stops or norm in (".", "!", "?"):
            return False
        following = norms[j + 1] if j + 1 < n else ""
        if norm in language.negators and following not in language.not_a_negation_after:
            window = norms[j + 1 : min(n, j + 1 + language.denial_reach)]
            if any(w in language.denied_predicates for w in window):
                return True
    return False


def _question(sent, language: Language) -> bool:
    """A yes/no question. A wh-question ("How is it better than PRP?") presupposes its claim."""
    tokens = [t for t in sent if not t.is_space]
    closing = language.double_quotes | language.single_quotes | {")"}
    while tokens and tokens[-1].norm_ in closing:
        tokens.pop()
    if not tokens or tokens[-1].text not in language.question_marks:
        return False
    for at, token in enumerate(tokens):
        # a lead-in word, punctuation or a symbol ("😀 Is it safe?", "✔ Is it safe?")
        if token.norm_ in language.question_lead_in or not any(c.isalnum() for c in token.text):
            continue
        opening = tuple(t.norm_ for t in tokens[at : at + 4])
        if any(opening[: len(r)] == r for r in language.rhetorical_questions):
            return False  # "Are you ready for a breakthrough in weight loss?" sells it
        if language.yes_no_starters:
            return token.norm_ in language.yes_no_starters
        return token.norm_ not in language.wh_starters
    return False


def _quoted(
    doc, facts: DocFacts, k: int, ss: int, se: int, clause_start: int, site: MatchSite
) -> bool:
    norms = facts.norms
    for pairs in facts.quote_pairs(k, ss, se):
        # The pairs are disjoint and in order: only the last one opening before the match can
        # hold it.
        at = bisect_left(pairs, (site.start,)) - 1
        if at >= 0 and site.end <= pairs[at][1]:
            return True
    before = norms[max(ss, site.start - 4) : site.start]
    text_before = fold(doc[max(ss, site.start - 4) : site.start].text)
    language = facts.language
    if any(n in language.scare_markers for n in before) or any(
        phrase in text_before for phrase in language.scare_phrases
    ):
        return True
    # A reporting frame reports somebody's claim, so it has a subject before it: "clinics claim
    # that ...". Without one ("Claimed to reverse signs of ageing") it is the ad's own tagline.
    if facts.framed(ss, clause_start, site.start):
        return True
    # A frame before a comma break still reports the items of its list, unless the clinic speaks
    # after the comma ("Other clinics promise X, and we deliver Y").
    hard_start = facts.hard_clause_start(ss, site.start)
    own = facts._first_person
    return (
        hard_start < clause_start
        and facts.framed(ss, hard_start, clause_start)
        and own[site.start] - own[clause_start - 1] == 0
    )


def _standalone_quote(doc, i: int, double_quotes: frozenset[str]) -> bool:
    """A quote token, not an apostrophe inside a word ("it’s" is split as "it" + "’s")."""
    token = doc[i]
    if token.text in double_quotes:
        return True
    opens = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_punct
    closes = bool(token.whitespace_) or i + 1 == len(doc) or doc[i + 1].is_punct
    return opens or closes
