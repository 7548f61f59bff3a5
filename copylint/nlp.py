"""The one spaCy pipeline, built lazily: importing spaCy costs ~0.9 s, so only a file with a
candidate claim pays for it. ``spacy.blank("en")`` + the rule-based sentencizer; no model download.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from copylint.lexicons import Anchor
    from copylint.rulebook import Requirement, Rule


@cache
def pipeline(code: str = "en", fold_accents: bool = False) -> Language:
    """spaCy's blank pipeline for language ``code`` (one per process, language and fold), its
    NORMs without accents if ``fold_accents`` (the language file's ``fold_accents``)."""
    import spacy
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank(code)
    nlp.add_pipe("sentencizer")
    if fold_accents:
        _fold_accents_in_norms(nlp.vocab)
    given: Any = nlp.tokenizer  # a Tokenizer (spaCy types it as any callable)
    # made once with every change: each change to a built tokenizer reloads its ~5,000 exceptions
    tokenizer = Tokenizer(
        nlp.vocab,
        rules={**given.rules, **_upper_case_contractions(given.rules)},
        prefix_search=given.prefix_search,
        suffix_search=_tail_search(given.suffix_search),
        infix_finditer=_dashes_after_figures(nlp),
        token_match=given.token_match,
        url_match=given.url_match,
        faster_heuristics=given.faster_heuristics,
    )
    nlp.tokenizer = BoundedTokenizer(tokenizer)
    # spaCy refuses texts over max_length (1,000,000 characters) because its parser and NER need
    # about 1 GB per 100,000 characters; this pipeline has neither: a Doc costs about 100 bytes a
    # token (a 1.1 MB block: ~25 MB), so a block is never refused for its length.
    nlp.max_length = MAX_BLOCK
    return nlp


def _dashes_after_figures(nlp):
    """A dash between a figure and a word is a token ("below 0.8%—far lower", "2024–today"):
    spaCy splits a dash only between letters, and "0.8%—far" as one token hides the figure."""
    from spacy.util import compile_infix_regex

    infixes = [
        *nlp.Defaults.infixes,
        r"(?<=[0-9])%(?=[—–][^\W\d_])",
        r"(?<=[0-9%])[—–](?=[^\W\d_])",
    ]
    return compile_infix_regex(infixes).finditer


def _fold_accents_in_norms(vocab) -> None:
    """NORMs without accents ("Juvéderm" -> "juvederm"): the rules' phrases and patterns, matched
    on NORM, read an accented spelling as the plain one. Only the NORM changes: the text, and so
    every offset, stays as written. A word's NORM is computed once, when the vocabulary first
    meets it; the few words spaCy made before this get theirs folded here."""
    from spacy.attrs import NORM

    from copylint.words import fold_accents

    norm = vocab.lex_attr_getters[NORM]
    vocab.lex_attr_getters = {
        **vocab.lex_attr_getters,
        NORM: lambda string: fold_accents(norm(string)),
    }
    for lexeme in vocab:
        if not lexeme.norm_.isascii():
            lexeme.norm_ = fold_accents(lexeme.norm_)


def _upper_case_contractions(rules: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Split contractions written in capitals as spaCy splits them in lower and title case.

    spaCy's exceptions list "hasn't" and "Hasn't" (has + n't, NORM "not") but not "HASN'T", which
    stays one token whose NORM is "hasn't": in copy set in capitals ("IT HASN'T BEEN APPROVED BY
    THE FDA") the negation was invisible to the detectors and the rules. Each exception with an
    apostrophe gets its upper-case spelling, with the same pieces and NORMs; the text is unchanged,
    so offsets hold."""
    from spacy.attrs import ORTH

    added: dict[str, list[dict]] = {}
    for string, pieces in rules.items():
        upper = string.upper()
        if (
            ("'" in string or "’" in string)
            and upper != string
            and upper not in rules
            and len(upper) == len(string)  # a letter that upper-cases to two ("ß") is left alone
        ):
            added[upper] = [{**piece, ORTH: piece[ORTH].upper()} for piece in pieces]
    return added


MAX_BLOCK = 1 << 30  # spaCy's tokenizer's own limit on one string
LONG_CHUNK = 1000  # characters without whitespace that spaCy gets as one piece (URLs are shorter)
_LONG_CHUNK = re.compile(rf"(?<!\S)\S{{{LONG_CHUNK + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, given no run of characters without whitespace longer than LONG_CHUNK.

    spaCy strips a run's prefixes and suffixes one at a time, copying and hashing the rest of the
    run each time: a run of punctuation ("!!!!…", "[[[[…") costs the square of its length. A longer
    run is cut into pieces of at most LONG_CHUNK characters, where a word meets punctuation if it
    can, each tokenized on its own; the docs are joined, so the text and every offset stay those of
    the input. spaCy reads each run between whitespace on its own, so text without such runs is
    tokenized exactly as before."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)

    def __call__(self, text: str):
        first = _LONG_CHUNK.search(text)
        if first is None:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs, position = [], 0
        for chunk in _LONG_CHUNK.finditer(text, first.start()):
            start, end = chunk.span()
            if position < start:
                docs.append(
                    self.tokenizer(text[position:start])
                )  # ends with whitespace: a cut spaCy makes too
            stop = (
                end + 1 if text.startswith(" ", end) else end
            )  # a single space after a run is its token's whitespace
            docs.extend(self.tokenizer(text[a:b]) for a, b in _pieces(text, start, end, stop))
            position = stop
        if position < len(text):
            docs.append(self.tokenizer(text[position:]))
        docs = [d for d in docs if len(d)]
        return Doc.from_docs(docs, ensure_whitespace=False) if docs else Doc(self.vocab)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


def _pieces(text: str, start: int, end: int, stop: int):
    """(start, end) pieces of the run text[start:end], each at most LONG_CHUNK long, cut where a
    letter or digit meets anything else when there is such a place; the last one runs to
    ``stop``."""
    while start < end:
        cut = min(end, start + LONG_CHUNK)
        if cut < end:
            at = cut
            while at > start + 1 and text[at - 1].isalnum() == text[at].isalnum():
                at -= 1
            cut = at if at > start + 1 else cut
        yield start, cut if cut < end else stop
        start = cut


def _tail_search(search):
    """A suffix search as fast on a long string as on a short one, with the same answers.

    spaCy's suffix pattern is one branch per suffix, each anchored at the end ($), and spaCy only
    asks how long the match is. ``re.search`` still tries every position of the string, so
    stripping n suffixes one by one costs n^2. A branch of bounded width can only match in the
    last few characters, so it is enough to search a tail somewhat longer than the widest branch
    (plus its lookbehind); the only unbounded branches are runs of one character ("..."), and a
    match at the very start of the tail may belong to a longer run: then the tail is doubled.
    If the pattern holds anything else, the search is left as it was."""
    width = _tail_width(getattr(search, "__self__", None))
    if width is None:
        return search
    pattern = search.__self__

    def tail_search(string: str):
        n, m = len(string), width
        while m < n:
            match = pattern.search(string, n - m)
            if match is None or match.start() > n - m:
                return match
            m *= 2
        return pattern.search(string)

    return tail_search


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
    return [(a, b, int(chars[a])) for a, b in zip(starts, starts[1:] + [len(doc)], strict=False)]


class RuleMatcher:
    """Runs rules' phrases (one PhraseMatcher on NORM) and token patterns (a Matcher per rule)
    on a doc.

    Token patterns are the costly part, so only the rules the prefilter named for a block run
    theirs.

    A pattern that begins or ends with a lexicon token (lexicons.Anchor) runs as a key of its own
    and without the Matcher's greedy filter (a longer raw match may hold no whole form); each of
    its matches is stretched over the forms of the lexicon found there, or dropped.
    """

    def __init__(self, rules: Iterable[Rule], code: str = "en", fold_accents: bool = False):
        from spacy.matcher import Matcher, PhraseMatcher

        rules = list(rules)
        nlp = pipeline(code, fold_accents)
        self._phrases = PhraseMatcher(nlp.vocab, attr="NORM")  # phrases get the pipeline's NORMs
        # a pattern is known as (rule id, its index in the rule's patterns)
        self._of_rule: dict[str, list[tuple[str, int]]] = {}
        self._plain: dict[tuple[str, int], list[dict]] = {}
        # pattern -> (rule, anchor at its start, anchor at its end, the pattern without anchors)
        self._anchored: dict[tuple[str, int], tuple[str, Anchor | None, Anchor | None]] = {}
        # (rule id, requirement) -> the patterns of which a match meets it (Rule.requirements)
        self._needing: dict[tuple[str, Requirement], list[tuple[str, int]]] = {}
        for rule in rules:
            for index, pattern in enumerate(rule.patterns):
                key = (rule.id, index)
                self._of_rule.setdefault(rule.id, []).append(key)
                for requirement in rule.pattern_requirements[index]:
                    self._needing.setdefault((rule.id, requirement), []).append(key)
                pattern = tuple(_folded_spec(s) for s in pattern) if fold_accents else pattern
                start, end = _anchor(pattern[0]), _anchor(pattern[-1])
                if start is None and end is None:
                    self._plain[key] = list(pattern)
                    continue
                # a one-token pattern: its anchor is the form's first word (see expand_pattern)
                self._anchored[key] = (rule.id, start if len(pattern) > 1 else None, end)
                self._plain[key] = [
                    {k: v for k, v in spec.items() if k != "LEXICON"} for spec in pattern
                ]
        for rule in rules:
            if rule.phrases:
                tokenizer: Any = nlp.tokenizer
                self._phrases.add(rule.id, list(tokenizer.pipe(rule.match_phrases())))
        self._make_matcher = lambda: Matcher(nlp.vocab, validate=True)
        # one Matcher per set of patterns met together, and the key of each anchored pattern in it
        self._matchers: dict[frozenset[tuple[str, int]], tuple[Any, dict[str, tuple]]] = {}
        self._strings = nlp.vocab.strings

    def _matcher_for(self, patterns: frozenset[tuple[str, int]]) -> tuple[Any, dict[str, tuple]]:
        """A Matcher with these token patterns: the doc is walked once for all of them. A rule's
        plain patterns go under its id (longest match wins); each anchored one under a key of
        its own, without the greedy filter."""
        known = self._matchers.get(patterns)
        if known is None:
            if len(self._matchers) >= 512:
                self._matchers.clear()
            matcher, anchored = self._make_matcher(), {}
            plain: dict[str, list[list[dict]]] = {}
            for key in sorted(patterns):
                if key in self._anchored:
                    name = f"{key[0]}\x1f{key[1]}"
                    anchored[name] = self._anchored[key]
                    matcher.add(name, [self._plain[key]])
                else:
                    plain.setdefault(key[0], []).append(self._plain[key])
            for rule_id, specs in plain.items():
                matcher.add(rule_id, specs, greedy="LONGEST")
            known = self._matchers[patterns] = (matcher, anchored)
        return known

    def __call__(self, doc, rules=None, regions=None) -> list[tuple[str, int, int]]:
        """(rule id, start token, end token) for every match of ``rules`` (all when None),
        longest first where they overlap per rule. ``regions``, (span, requirements) pairs such
        as the sentences that hold a rule's words with the (rule id, requirement) pairs they meet
        (prefilter.Met), narrow where the token patterns run and which (default: the whole doc
        with every pattern of ``rules``)."""
        found = {(self._strings[m], s, e) for m, s, e in self._phrases(doc)}
        if rules is not None:
            found = {m for m in found if m[0] in rules}
        if regions is None:
            chosen = self._of_rule if rules is None else rules
            patterns = frozenset(k for r in chosen for k in self._of_rule.get(r, ()))
            regions = [(doc, patterns)] if patterns else []
        else:
            regions = [
                (span, frozenset(k for met in requirements for k in self._needing.get(met, ())))
                for span, requirements in regions
            ]
        for region, patterns in regions:
            if not patterns:
                continue
            offset = 0 if region is doc else region.start  # a Matcher's positions are the span's
            matcher, anchored = self._matcher_for(patterns)
            for m, s, e in matcher(region):
                key = self._strings[m]
                if key in anchored:
                    found.update(self._stretched(anchored[key], doc, s + offset, e + offset))
                else:
                    found.add((key, s + offset, e + offset))
        return _longest_per_rule(found)

    def _stretched(self, anchored: tuple, doc, start: int, end: int) -> list[tuple[str, int, int]]:
        """An anchored pattern's match over each whole lexicon form at its ends (none if there
        is none): the anchor token is where a form begins (at the end) or ends (at the start)."""
        rule_id, at_start, at_end = anchored
        starts = (
            [start] if at_start is None else [start + 1 - n for n in at_start.extents(doc, start)]
        )
        ends = [end] if at_end is None else [end - 1 + n for n in at_end.extents(doc, end - 1)]
        return [(rule_id, s, e) for s in starts for e in ends if s < e]


def _anchor(spec: dict) -> Anchor | None:
    return spec.get("LEXICON")


def _folded_spec(spec: dict) -> dict:
    """A token spec whose NORM words are folded as the pipeline folds NORMs."""
    from copylint.words import fold_accents

    value = spec.get("NORM")
    if isinstance(value, str):
        return {**spec, "NORM": fold_accents(value)}
    if isinstance(value, dict):
        return {
            **spec,
            "NORM": {
                op: [fold_accents(w) for w in words] if isinstance(words, list) else words
                for op, words in value.items()
            },
        }
    return spec


def _longest_per_rule(matches: set[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Per rule, the longest matches where they overlap. The spans kept for a rule never overlap,
    so only the last one starting before a new span ends can overlap it (bisection, not a scan)."""
    kept: list[tuple[str, int, int]] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for rule_id, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1], m[0])):
        spans = taken.setdefault(rule_id, [])
        at = bisect_left(spans, (end,))
        if at and start < spans[at - 1][1] and spans[at - 1][0] < end:
            continue
        insort(spans, (start, end))
        kept.append((rule_id, start, end))
    return sorted(kept, key=lambda m: (m[1], m[2], m[0]))


def _tail_width(pattern) -> int | None:
    """How long a tail a suffix search needs to see (see _tail_search), or None if that cannot
    be known."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & (re.MULTILINE | re.VERBOSE):
        return None
    try:
        from re import _constants as C  # type: ignore[attr-defined]
        from re import _parser as P  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as C
        import sre_parse as P
    try:
        tree = P.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is C.BRANCH else [tree]
    widest = 0
    for branch in branches:
        body = list(branch)
        if not body or body[-1] != (C.AT, C.AT_END):
            return None
        low, high = branch.getwidth()
        lookbehind = 0
        for op, av in body[:-1]:
            if op is C.ASSERT or op is C.ASSERT_NOT:
                direction, sub = av
                if direction < 0:
                    lookbehind = max(lookbehind, sub.getwidth()[1])
            elif op in (C.AT, C.GROUPREF, C.GROUPREF_EXISTS):
                return None
        if high < 1000:
            widest = max(widest, high + lookbehind)
            continue
        # unbounded: allowed only as a run of one literal character with no assertions
        chars = set()
        for op, av in body[:-1]:
            if op is C.LITERAL:
                chars.add(av)
            elif op is C.MAX_REPEAT and len(av[2]) == 1 and av[2][0][0] is C.LITERAL:
                chars.add(av[2][0][1])
            else:
                return None
        if len(chars) != 1:
            return None
        widest = max(widest, low)
    # Using pos (not a slice), lookbehinds see before the tail; one more for safety.
    return max(8, widest + 2)
