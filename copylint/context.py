"""Context detectors: what surrounds a match inside its sentence.

Each detector answers one question about one match and knows nothing of rules; the rule's
policy (``suppress_when`` / ``soften_when``) decides what a context means for it. Detectors
look at spaCy NORMs (lower case, curly quotes and dashes folded, "won't" -> "will" + "not").

Scope: cues that must govern the claim (negation, evidence gaps, conditions, hedges) are looked
for in the *clause* before the match — from the last clause break (but, however, although, ``;``,
``:``, a dash, ", and" ...) up to the match. Cues that colour the whole sentence (a question, an
attribution to a regulator, quotation marks) use the sentence; disclaimers use the whole block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEGATORS = frozenset({"no", "not", "never", "none", "without", "nor", "neither", "cannot", "non", "nothing"})
NOT_A_NEGATION_AFTER = frozenset({"just", "only", "merely", "simply"})  # "not just a trend"
CLAUSE_BREAK_WORDS = frozenset({"but", "however", "although", "though", "whereas", "except", "unlike"})
CLAUSE_BREAK_PUNCT = frozenset({";", ":", "—", "–", "--", "(", ")"})
COMMA_CLAUSE_STARTERS = frozenset({"and", "so", "which", "while", "because", "therefore", "hence", "thus", "yet"})
NEGATION_REACH = 12  # tokens; further away a negator rarely governs the claim

HEDGES = frozenset({"may", "might", "could", "possibly", "potentially", "perhaps", "arguably", "suggest", "suggests", "suggested", "appear", "appears", "seem", "seems"})
HEDGE_BIGRAMS = frozenset({("can", "help"), ("may", "help"), ("can", "support")})

EVIDENCE_NOUNS = frozenset({"study", "studies", "evidence", "data", "research", "trial", "trials", "proof"})
EVIDENCE_SCARCITY = frozenset({"no", "few", "limited", "little", "insufficient", "inadequate", "scant", "lack", "lacking", "not", "any", "nor"})
_SHOWN = r"(?:shown|proven|proved|established|demonstrated)"
UNPROVEN = re.compile(r"\b(?:unproven|not (?:been |yet )?" + _SHOWN + r"|yet to be " + _SHOWN + r")\b|\byet to be$")

YES_NO_STARTERS = frozenset({
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
    "has", "have", "had", "may", "might", "must", "shall", "isn't", "aren't",
})
QUESTION_LEAD_IN = frozenset({"but", "and", "so", "or", "then", "q", "q.", ".", ",", ":", "-", '"', "'", "well", "now"})

DOUBLE_QUOTES = frozenset({'"', "“", "”", "„", "«", "»"})
SINGLE_QUOTES = frozenset({"'", "‘", "’"})
# "so-called" is three tokens (so - called) and is found in the text; a bare "called" only names something.
SCARE_MARKERS = frozenset({"alleged", "allegedly", "touted", "supposed", "supposedly", "purported", "purportedly"})
REPORTING_FRAMES = (
    ("claim", "that"), ("claims", "that"), ("claimed", "that"), ("claiming", "that"), ("claims", "about"),
    ("claim", "to"), ("claims", "to"), ("claimed", "to"), ("claiming", "to"),
    ("advertising", "that"), ("advertise", "that"), ("advertised", "as"), ("marketed", "as"), ("marketing", "as"),
    ("presented", "as"), ("touted", "as"), ("promoted", "as"), ("described", "as"), ("billed", "as"),
    ("suggests", "that"), ("suggest", "that"), ("implies", "that"), ("imply", "that"),
)

CONDITIONALS = frozenset({"if", "unless", "whether"})
# "requires FDA approval", "pending approval": the claim is named as a requirement, not made.
REQUIREMENT_WORDS = frozenset({"require", "requires", "required", "need", "needs", "needed", "pending", "awaiting", "seek", "seeking", "obtain", "gaining", "gain", "apply", "applying"})

AUTHORITIES = frozenset({
    "fda", "ftc", "asa", "cap", "mhra", "tga", "ahpra", "ema", "nice", "who", "regulator", "regulators",
    "agency", "critics", "critic", "directive", "regulation", "regulations", "law", "guidance", "code",
})
AUTHORITY_REACH = 5  # an authority this close to the sentence start is its subject
CRITICAL_WORDS = frozenset({
    "unscrupulous", "unproven", "deceive", "deceived", "deceptive", "deceptively", "mislead", "misled",
    "misleading", "illegally", "illegal", "prey", "scam", "scams", "bogus", "unsubstantiated", "fraudulent",
})
DATA_REPORT_VERBS = frozenset({"reported", "observed", "recorded", "found", "noted", "seen"})
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my"})
# What a clinic sells, as opposed to a named product: an approval said of these is the clinic's.
SERVICE_WORDS = frozenset({
    "exosome", "exosomes", "stem", "prp", "plasma", "protocol", "protocols", "clinic", "clinics", "procedure",
    "procedures", "ingredient", "ingredients", "component", "components", "serum", "service", "services",
})
# Words that carry an approval over to something else: "..., so it is safe", "which means".
TRANSFER_WORDS = frozenset({"so", "therefore", "hence", "thus", "means", "making", "ensures", "guarantees"})
SPEAKER = frozenset({"i", "my", "me", "mine", "myself", "i'm", "i've"})

RESULTS_VARY = r"results? (?:(?:may|can|will|do) )?vary"
DISCLAIMER = re.compile(
    r"\b(?:not (?:been )?(?:evaluated|approved|cleared) by|" + RESULTS_VARY + "|"
    r"(?:results|outcomes) (?:are|is) not guaranteed|(?:results|outcomes) aren't guaranteed|no guarantee of results)\b"
)


@dataclass(frozen=True)
class MatchSite:
    """A match as the detectors see it: token indices into ``doc`` (end exclusive)."""

    doc: object  # spacy.tokens.Doc
    start: int
    end: int
    claimed_negators: frozenset[int] = frozenset()  # negators inside another claim ("No downtime")
    facts: DocFacts | None = None  # what every match of this doc shares, computed once
    approved_products: frozenset[str] = frozenset()  # the rule's products with a real approval


@dataclass(frozen=True)
class DocFacts:
    norms: list[str]
    texts: list[str]
    disclaimer: bool


def doc_facts(doc, text: str | None = None) -> DocFacts:
    """Per-token norms and texts read from arrays (building a Token per position costs more)."""
    strings = doc.vocab.strings
    norms, orths = (doc.to_array(["NORM", "ORTH"]).T.tolist() if len(doc) else ([], []))
    return DocFacts(
        [strings[n] for n in norms],
        [strings[o] for o in orths],
        DISCLAIMER.search(_folded(doc.text if text is None else text)) is not None,
    )


def detect(site: MatchSite) -> tuple[str, ...]:
    doc = site.doc
    facts = site.facts or doc_facts(doc)
    sent = doc[site.start].sent
    norms = facts.norms
    clause_start = _clause_start(doc, norms, sent.start, site.start)
    found = []
    if _negated(norms, clause_start, site):
        found.append("negated")
    if _hedged(norms, clause_start, site.start, sent):
        found.append("hedged")
    if _evidence_gap(doc, norms, clause_start, site.start):
        found.append("evidence_gap")
    if _question(doc, sent):
        found.append("question")
    if _quoted(doc, facts, sent, clause_start, site):
        found.append("quoted")
    if _conditional(norms, clause_start, site.start):
        found.append("conditional")
    if _attributed(norms, sent, site.start, site.end):
        found.append("attributed")
    if facts.disclaimer:
        found.append("disclaimer")
    if site.approved_products and _named_product(doc, norms, sent, site):
        found.append("named_product")
    return tuple(found)


def _folded(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


def _clause_start(doc, norms: list[str], sent_start: int, match_start: int) -> int:
    for i in range(match_start - 1, sent_start - 1, -1):
        token = doc[i]
        if norms[i] in CLAUSE_BREAK_WORDS or token.text in CLAUSE_BREAK_PUNCT:
            return i + 1
        if token.text == "-" and i > 0 and doc[i - 1].whitespace_:  # a spaced dash, not a hyphen
            return i + 1
        if token.text == "," and i + 1 < match_start and norms[i + 1] in COMMA_CLAUSE_STARTERS:
            return i + 1
    return sent_start


def _negated(norms: list[str], clause_start: int, site: MatchSite) -> bool:
    for i in range(max(clause_start, site.start - NEGATION_REACH), site.start):
        if norms[i] not in NEGATORS or i in site.claimed_negators:
            continue
        following = norms[i + 1] if i + 1 < len(norms) else ""
        if following in NOT_A_NEGATION_AFTER and i + 1 < site.start:  # but "not [just a placebo]" negates
            continue
        if norms[i] == "no" and following in {",", ".", "!", "-"}:  # "No, it is ..." answers, it does not negate
            continue
        if norms[i] == "non" and site.start - i > 2:  # "non-" prefixes only the word after it
            continue
        return True
    return False


def _conditional(norms: list[str], clause_start: int, match_start: int) -> bool:
    """An if/unless/whether clause that still runs at the match: "If it is FDA-approved ..."
    but not "Even if you get donor cells, the surgeon will ensure ..." (closed by the comma);
    or a requirement: "products intended to treat diseases require FDA approval"."""
    if any(n in REQUIREMENT_WORDS for n in norms[max(clause_start, match_start - 3) : match_start]):
        return True
    for i in range(match_start - 1, clause_start - 1, -1):
        if norms[i] == ",":
            return False
        if norms[i] in CONDITIONALS:
            return True
    return False


def _hedged(norms: list[str], clause_start: int, match_start: int, sent) -> bool:
    window = norms[clause_start : match_start + 1]  # the match's first word completes "can help"
    if any(n in HEDGES for n in window[:-1]) or any(pair in HEDGE_BIGRAMS for pair in zip(window, window[1:])):
        return True
    return bool(re.search(r"\b" + RESULTS_VARY + r"\b", _folded(sent.text)))


def _evidence_gap(doc, norms: list[str], clause_start: int, match_start: int) -> bool:
    window = norms[clause_start:match_start]
    for i, norm in enumerate(window):
        if norm in EVIDENCE_NOUNS and any(w in EVIDENCE_SCARCITY for w in window[max(0, i - 4) : i]):
            return True
    clause_text = _folded(doc[clause_start:match_start].text) if match_start > clause_start else ""
    return bool(UNPROVEN.search(clause_text))


def _question(doc, sent) -> bool:
    """A yes/no question. A wh-question ("How is it better than PRP?") presupposes its claim."""
    tokens = [t for t in sent if not t.is_space]
    while tokens and tokens[-1].norm_ in DOUBLE_QUOTES | SINGLE_QUOTES | {")"}:
        tokens.pop()
    if not tokens or tokens[-1].text != "?":
        return False
    for token in tokens:
        if token.norm_ in QUESTION_LEAD_IN or token.is_punct:
            continue
        return token.norm_ in YES_NO_STARTERS
    return False


def _quoted(doc, facts: DocFacts, sent, clause_start: int, site: MatchSite) -> bool:
    norms, texts = facts.norms, facts.texts
    for quotes in (DOUBLE_QUOTES, SINGLE_QUOTES):
        marks = [i for i in range(sent.start, sent.end) if texts[i] in quotes and _standalone_quote(doc, i)]
        for open_i, close_i in zip(marks[::2], marks[1::2]):
            # A quote in somebody's own words ("It cured my hair loss") is a testimonial, and
            # "our “miracle” serum" is the clinic's own product: neither is a mention.
            owned = open_i > sent.start and norms[open_i - 1] in {"our", "my"}
            if open_i < site.start and site.end <= close_i and not owned and not SPEAKER & set(norms[open_i:close_i]):
                return True
    before = norms[max(sent.start, site.start - 4) : site.start]
    text_before = _folded(doc[max(sent.start, site.start - 4) : site.start].text)
    if any(n in SCARE_MARKERS for n in before) or "so-called" in text_before:
        return True
    # A reporting frame reports somebody's claim, so it has a subject before it: "clinics claim
    # that ...". Without one ("Claimed to reverse signs of ageing") it is the ad's own tagline.
    window = norms[clause_start:site.start]
    pairs = {
        pair
        for i, pair in enumerate(zip(window, window[1:]))
        if clause_start + i > sent.start or pair[0].endswith("ing")  # "Claiming that ..." is its own subject
    }
    return any(frame in pairs for frame in REPORTING_FRAMES)


def _standalone_quote(doc, i: int) -> bool:
    """A quote token, not an apostrophe inside a word ("it’s" is split as "it" + "’s")."""
    token = doc[i]
    if token.text in DOUBLE_QUOTES:
        return True
    opens = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_punct
    closes = bool(token.whitespace_) or i + 1 == len(doc) or doc[i + 1].is_punct
    return opens or closes


def _reported_data(norms: list[str], sent, match_start: int, match_end: int) -> bool:
    """An observation reported by studies: "studies have reported no serious adverse effects",
    "there were no complications reported other than transient redness"."""
    just_before = norms[max(sent.start, match_start - 2) : match_start]
    just_after = norms[match_end : min(sent.end, match_end + 2)]
    if not any(n in DATA_REPORT_VERBS for n in just_before + just_after):
        return False
    studies_before = any(n in EVIDENCE_NOUNS for n in norms[sent.start : match_start])
    exception_after = any(a == "other" and b == "than" for a, b in zip(norms[match_end:sent.end], norms[match_end + 1 : sent.end]))
    return studies_before or exception_after


def _attributed(norms: list[str], sent, match_start: int, match_end: int) -> bool:
    """Said by a regulator or a critic, not by the clinic (nor by its patients)."""
    before = norms[sent.start : match_start]
    # "FDA-approved" is a claim about the treatment, not the FDA speaking; "our code of practice"
    # is the clinic's own.
    if any(
        n in AUTHORITIES and norms[sent.start + i + 1 : sent.start + i + 2] != ["-"] and not (i and before[i - 1] in FIRST_PERSON)
        for i, n in enumerate(before[:AUTHORITY_REACH])
    ):
        return True
    for i in range(len(before) - 1):
        if before[i] == "according" and before[i + 1] == "to" and any(n in AUTHORITIES for n in before[i + 2 : i + 7]):
            return True
    if _reported_data(norms, sent, match_start, match_end):
        return True
    critical = [i for i, n in enumerate(before) if n in CRITICAL_WORDS]
    if critical and not any(n in FIRST_PERSON for n in norms[sent.start + critical[0] : sent.end]):
        return True
    return False


def _named_product(doc, norms: list[str], sent, site: MatchSite) -> bool:
    """A real approval of a named product, not the clinic's: "Finasteride and minoxidil are
    FDA-approved for male pattern hair loss" -- but not "our protocol uses FDA-approved
    ingredients" nor "minoxidil is FDA-approved, so our serum is safe"."""
    if not any(n in site.approved_products for n in norms[sent.start : site.start]):
        return False
    clause_end = next(
        (i for i in range(site.end, sent.end) if norms[i] in CLAUSE_BREAK_WORDS or doc[i].text in {";", "—", "–"}),
        sent.end,
    )
    about = set(norms[sent.start : clause_end])
    return not (about & (FIRST_PERSON | SERVICE_WORDS) or set(norms[site.end : sent.end]) & TRANSFER_WORDS)

