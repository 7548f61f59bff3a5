"""A language file (``rules/lang/<code>.yaml``): the words and grammar cues the context detectors
read, validated on load and turned into sets, pairs and compiled phrases once.

The detectors know no words of their own: negators, hedges, clause breaks, question starters,
authorities, reporting frames, answer openers and function words all come from here, so a rule
pack in another language (``language: es``) is read with its own cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from copylint.words import fold_accents, unknown_field

DEFAULT = "en"
_CODE = re.compile(r"^[a-z]{2,3}$")
_SLOT = re.compile(r"\{([a-z_]+)\}")
_TOPIC = re.compile(r"^[a-z]+(-[a-z]+)*$")


class LanguageError(Exception):
    """A language file is broken; the message names the file and the field."""


@dataclass(frozen=True)
class Language:
    code: str
    spacy: str  # spacy.blank(...) code
    source: str
    fold_accents: bool  # NORMs read "Juvéderm" as "juvederm" (not for Spanish: "sí" is not "si")
    negators: frozenset[str]
    not_a_negation_after: frozenset[str]
    negation_interjections: frozenset[str]
    negation_prefixes: frozenset[str]
    negation_reach: int
    list_joiners: frozenset[str]  # "no bruising and no downtime": items of one list of claims
    list_item_reach: int
    clause_break_words: frozenset[str]
    clause_break_punct: frozenset[str]
    comma_clause_starters: frozenset[str]
    product_clause_end: frozenset[str]
    hedges: frozenset[str]
    hedge_pairs: frozenset[tuple[str, str]]
    hedging_sentence: re.Pattern
    evidence_nouns: frozenset[str]
    evidence_scarcity: frozenset[str]
    unproven: re.Pattern
    unproven_start: re.Pattern  # where an ``unproven`` phrase may start
    unproven_reach: int  # longer than any ``unproven`` phrase plus the character after it
    question_marks: frozenset[str]
    yes_no_starters: frozenset[str]  # empty when the language lists wh_starters instead
    wh_starters: frozenset[str]
    question_lead_in: frozenset[str]
    double_quotes: frozenset[str]
    single_quotes: frozenset[str]
    own_words: frozenset[str]
    scare_markers: frozenset[str]
    scare_phrases: tuple[str, ...]
    predicate_after: frozenset[str]  # 'Our serum is "FDA-approved"': emphasis, not a mention
    predicate_reach: int
    reporting_frames: frozenset[tuple[str, str]]
    gerund_endings: tuple[str, ...]
    reporting_verbs: frozenset[str]
    third_parties: frozenset[str]
    subject_reach: int  # how far before a reporting word its subject is looked for
    conditionals: frozenset[str]
    requirement_words: frozenset[str]
    authorities: frozenset[str]
    authority_reach: int
    according_to: tuple[tuple[str, ...], ...]
    critical_words: frozenset[str]
    data_report_verbs: frozenset[str]
    other_than: tuple[tuple[str, ...], ...]
    first_person: frozenset[str]
    speaker: frozenset[str]
    service_words: frozenset[str]
    transfer_words: frozenset[str]
    disclaimer: re.Pattern
    affirmative_at: re.Pattern  # an answer's opening "yes", matched at a start position
    function_words: frozenset[str]
    # What a patient must avoid, or already takes: a medicine named there is not advertised.
    precaution_verbs: frozenset[str]
    precaution_timing: frozenset[str]
    precaution_means: frozenset[str]
    precaution_reach: int
    qualifying_contrasts: frozenset[str]  # "... are rare but include ...": the qualified context
    qualifying_risk_words: frozenset[str]
    qualifying_reach: int
    intake_words: frozenset[str]
    intake_after: frozenset[str]
    intake_reach: int
    contraindications: frozenset[str]
    # Words of a sentence about a medicine's regulation or advertising ("regulated as Schedule 4
    # medicines", "must not be advertised"): said without we/our, it reports, it does not sell.
    regulatory_words: frozenset[str] = frozenset()
    # function words always written as they are read (no contraction's piece reads as one): as a
    # pattern's required token, one narrows the prefilter's requirement, never makes one alone
    keyed_function_words: frozenset[str] = frozenset()
    # Where a rule's replacement fits (copylint/positions.py): forms of "be", the words that name
    # a treatment as a subject or a noun, and the people a sentence may be about instead.
    rewrite_be: frozenset[str] = frozenset()
    rewrite_treatments: frozenset[str] = frozenset()
    rewrite_people: frozenset[str] = frozenset()
    # A claim denied after it, in its clause: "hangover cures don't really work", "that it cures MS
    # has not been shown". A negator, then within denial_reach tokens one of denied_predicates;
    # the look stops at a clause break or one of denial_stops ("and", "which").
    denied_predicates: frozenset[str] = frozenset()
    denial_stops: frozenset[str] = frozenset()
    denial_reach: int = 0
    # A negator does not reach past a joiner that opens a new predicate: "will not affect the
    # other muscles and [will] leave you with natural expressions" (a joiner, then an opener).
    new_clause_joiners: frozenset[str] = frozenset()
    new_clause_openers: frozenset[str] = frozenset()
    # A hedged claim inside a concession that opens the sentence, before a main clause: "While it
    # may work better than X, there are other factors" (the conceded context).
    concessive: frozenset[str] = frozenset()
    concessive_modals: frozenset[str] = frozenset()
    concession_caveats: frozenset[str] = frozenset()  # what the main clause cautions with
    # An approval expected, not had: "is expected to be approved by the FDA" (conditional).
    prospects: tuple[tuple[str, ...], ...] = ()
    # openings of a marketing question that asserts what it asks ("Are you ready for ...?")
    rhetorical_questions: tuple[tuple[str, ...], ...] = ()
    approval_limiters: frozenset[str] = (
        frozenset()
    )  # "is only FDA-cleared for", "approved only for"
    # A check for what the claim denies: "to make sure there are no contraindications" (checked).
    checks: frozenset[str] = frozenset()
    check_links: frozenset[str] = frozenset()
    # A regulator's past act, dated or "previously": "was approved by the FDA in 1997" (attributed).
    approval_words: frozenset[str] = frozenset()
    history_words: frozenset[str] = frozenset()
    # Harm reported from a use: "people have been injured when using it for X" (attributed).
    harm_words: frozenset[str] = frozenset()
    harm_links: frozenset[str] = frozenset()
    # Words of a trial's report: "No serious adverse events were observed" (attributed).
    trial_terms: tuple[tuple[str, ...], ...] = ()
    critical_phrases: tuple[tuple[str, ...], ...] = ()  # "too good to be true"
    # What a claim is about (exosomes, fillers, surgery ...), by the words that name it: which
    # suggestions and message variants of a rule fit the page (copylint/stages/suggest.py).
    topics: tuple[tuple[str, re.Pattern], ...] = ()

    @property
    def topic_ids(self) -> frozenset[str]:
        return frozenset(topic for topic, _ in self.topics)

    def topics_in(self, text: str) -> frozenset[str]:
        """The topics ``text`` names ("Our exosome serum ..." names regenerative)."""
        if not self.topics:
            return frozenset()
        text = fold_accents(text) if self.fold_accents else text
        return frozenset(topic for topic, words in self.topics if words.search(text))


# section -> field -> kind; "words" is a list of strings, "pairs" a list of word lists (two words
# for "pair"), "phrases" a list of phrases with {slot}s, "count" a positive integer.
_SHAPE: dict[str, dict[str, str]] = {
    "negation": {
        "words": "words",
        "not_after": "words",
        "interjections": "words",
        "prefixes": "words",
        "reach": "count",
        "list_joiners": "words",
        "list_item_reach": "count",
        "denied_predicates": "optional words",
        "denial_stops": "optional words",
        "denial_reach": "optional count",
        "new_clause_joiners": "optional words",
        "new_clause_openers": "optional words",
    },
    "clauses": {
        "break_words": "words",
        "break_punctuation": "words",
        "comma_starters": "words",
        "product_clause_end": "words",
        "concessive": "optional words",
        "concessive_modals": "optional words",
        "concession_caveats": "optional words",
    },
    "hedges": {"words": "words", "pairs": "pair", "sentences": "phrases"},
    "evidence": {
        "nouns": "words",
        "scarcity": "words",
        "unproven": "phrases",
        "unproven_at_clause_end": "phrases",
    },
    # A language whose yes/no questions open with an auxiliary lists those (yes_no_starters);
    # one that marks them only by intonation or punctuation lists the words that open the other
    # questions (wh_starters) instead.
    "questions": {
        "marks": "words",
        "lead_in": "words",
        "yes_no_starters": "optional words",
        "wh_starters": "optional words",
        "rhetorical": "optional sequence",
    },
    "quotes": {
        "double": "words",
        "single": "words",
        "own": "words",
        "scare_markers": "words",
        "scare_phrases": "words",
        "predicate_after": "words",
        "predicate_reach": "count",
    },
    "reporting": {
        "frames": "pair",
        "gerund_endings": "words",
        "verbs": "words",
        "third_parties": "words",
        "subject_reach": "count",
    },
    "conditions": {
        "conditionals": "words",
        "requirements": "words",
        "prospects": "optional sequence",
        "approval_limiters": "optional words",
        "checks": "optional words",
        "check_links": "optional words",
    },
    "attribution": {
        "authorities": "words",
        "authority_reach": "count",
        "according_to": "sequence",
        "critical_words": "words",
        "critical_phrases": "optional sequence",
        "approval_words": "optional words",
        "history_words": "optional words",
        "harm_words": "optional words",
        "harm_links": "optional words",
        "trial_terms": "optional sequence",
        "data_report_verbs": "words",
        "other_than": "sequence",
        "first_person": "words",
        "speaker": "words",
    },
    "products": {"service_words": "words", "transfer_words": "words"},
    "answers": {"openers": "words", "reversals": "words"},
    "precautions": {
        "verbs": "words",
        "timing": "words",
        "means": "words",
        "reach": "count",
        "intake": "words",
        "intake_after": "words",
        "intake_reach": "count",
        "contraindications": "words",
        "regulatory": "optional words",
    },
    "qualifications": {"contrasts": "words", "risk_words": "words", "reach": "count"},
}
_TOP = {
    "language",
    "spacy",
    "fold_accents",
    "disclaimers",
    "function_words",
    "keyed_function_words",
    "slots",
    "rewrites",
    "topics",
    *_SHAPE,
}
_FOLDED = (
    "words",
    "optional words",
    "pair",
    "sequence",
    "optional sequence",
)  # compared with NORMs, folded with them


def builtin_dir() -> Path:
    from copylint.rulebook import default_rules_dir

    return default_rules_dir() / "lang"


@cache
def builtin(code: str = DEFAULT) -> Language:
    """One of copylint's own language files (read once per process)."""
    return load_language(builtin_dir() / f"{code}.yaml", shipped=True)


def language_files(directory: Path) -> list[Path]:
    """The language files of a rules directory (its ``lang/`` folder), if it has any."""
    folder = Path(directory) / "lang"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def load_language(path: Path, shipped: bool = False) -> Language:
    source = str(path)
    from copylint.yamlfile import YamlFileError, load_file  # yaml: only when a file is parsed

    try:
        data = load_file(source, trusted=shipped)
    except YamlFileError as exc:
        raise LanguageError(f"{source}: {exc}") from None
    return _File(source).parse(data, Path(path).stem)


class _File:
    def __init__(self, source: str):
        self.source = source

    def fail(self, field_name: str, problem: str) -> LanguageError:
        return LanguageError(f"{self.source}: field '{field_name}': {problem[:300]}")

    def keys(self, data: dict, allowed, prefix: str) -> None:
        unknown = unknown_field(data, allowed)
        if unknown is not None:
            raise self.fail(prefix + unknown[0], unknown[1])

    def parse(self, data: object, stem: str) -> Language:
        if not isinstance(data, dict):
            raise LanguageError(f"{self.source}: a language file is a mapping with 'language'")
        self.keys(data, _TOP, "")
        code = data.get("language")
        if not isinstance(code, str) or not _CODE.match(code):
            raise self.fail("language", "must be a language code such as 'en' or 'es'")
        if code != stem:
            raise self.fail("language", f"'{code}' in a file named {stem}.yaml")
        spacy_code = data.get("spacy", code)
        if not isinstance(spacy_code, str) or not _CODE.match(spacy_code):
            raise self.fail("spacy", "must be a spaCy language code such as 'en'")
        fold_accents = data.get("fold_accents", False)
        if not isinstance(fold_accents, bool):
            raise self.fail("fold_accents", "must be true or false")
        self.fold_accents = fold_accents
        self.slots = self.read_slots(data.get("slots", {}))
        sections = {}
        for section, fields in _SHAPE.items():
            raw = data.get(section)
            if not isinstance(raw, dict):
                raise self.fail(section, f"must be a mapping with {', '.join(fields)}")
            self.keys(raw, fields, f"{section}.")
            sections[section] = {
                name: self.folded(value) if kind in _FOLDED else value
                for name, kind in fields.items()
                for value in [self.value(raw, name, kind, f"{section}.{name}")]
            }
        questions = sections["questions"]
        if bool(questions["yes_no_starters"]) == bool(questions["wh_starters"]):
            raise self.fail("questions", "needs one of yes_no_starters and wh_starters")
        disclaimers = self.value(data, "disclaimers", "phrases", "disclaimers")
        function_words = self.value(data, "function_words", "words", "function_words")
        function_words = self.folded(function_words)
        keyed = self.folded(
            self.value(data, "keyed_function_words", "optional words", "keyed_function_words")
        )
        if set(keyed) - set(function_words):
            unknown = ", ".join(sorted(set(keyed) - set(function_words)))
            raise self.fail("keyed_function_words", f"not function words: {unknown}")
        language = self.language(code, spacy_code, sections, disclaimers, function_words)
        rewrites = data.get("rewrites", {})
        if not isinstance(rewrites, dict):
            raise self.fail("rewrites", "must be a mapping with be, treatments and people")
        self.keys(rewrites, {"be", "treatments", "people"}, "rewrites.")
        rewrite = {
            name: frozenset(
                self.folded(self.value(rewrites, name, "optional words", f"rewrites.{name}"))
            )
            for name in ("be", "treatments", "people")
        }
        return replace(
            language,
            topics=self.topics(data.get("topics", {})),
            keyed_function_words=frozenset(keyed),
            rewrite_be=rewrite["be"],
            rewrite_treatments=rewrite["treatments"],
            rewrite_people=rewrite["people"],
        )

    def topics(self, raw: object) -> tuple[tuple[str, re.Pattern], ...]:
        """``topics: {id: [words ...]}``: each topic's words as one case-blind pattern, a word's
        plural and a hyphen or space between the words of a phrase included; not after a
        hyphen ("non-surgical" is no surgery), but before one ("laser-based" is a laser)."""
        if not isinstance(raw, dict):
            raise self.fail("topics", "must be a mapping of topic ids to word lists")
        found = []
        for topic, words in raw.items():
            if not isinstance(topic, str) or not _TOPIC.match(topic):
                raise self.fail(
                    "topics", f"a topic id is lower-case words joined by '-' ({topic!r})"
                )
            phrases = self.folded(self.words(words, f"topics.{topic}"))
            alternatives = "|".join(
                r"[\s-]+".join(map(re.escape, phrase.split())) + "(?:e?s)?"
                for phrase in sorted(phrases, key=len, reverse=True)
            )
            found.append((topic, re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)", re.I)))
        return tuple(found)

    def folded(self, value):
        """Words as the NORMs they are compared with: without accents where the language folds
        them ("a NORM fold"); phrases are matched on the text and keep theirs."""
        if not self.fold_accents:
            return value
        if isinstance(value, tuple) and value and isinstance(value[0], tuple):
            return tuple(tuple(map(fold_accents, words)) for words in value)
        return tuple(map(fold_accents, value))

    def read_slots(self, raw: object) -> dict[str, tuple[str, ...]]:
        if not isinstance(raw, dict):
            raise self.fail("slots", "must be a mapping of slot names to word lists")
        return {str(name): self.words(words, f"slots.{name}") for name, words in raw.items()}

    def value(self, raw: dict, name: str, kind: str, field_name: str):
        if kind.startswith("optional "):
            if name not in raw:
                return ()
            kind = kind.removeprefix("optional ")
        if name not in raw:
            raise self.fail(field_name, "missing")
        value = raw[name]
        if kind == "count":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 1000:
                raise self.fail(field_name, "must be a whole number from 1 to 1000")
            return value
        if kind in ("pair", "sequence"):
            if not isinstance(value, list) or not value:
                raise self.fail(field_name, "must be a non-empty list of word lists")
            sequences = tuple(self.words(v, field_name) for v in value)
            if kind == "pair" and any(len(s) != 2 for s in sequences):
                raise self.fail(field_name, "each entry must be two words, such as [claim, that]")
            return sequences
        words = self.words(value, field_name)
        if kind == "phrases":
            for phrase in words:
                for slot in _SLOT.findall(phrase):
                    if slot not in self.slots:
                        raise self.fail(field_name, f"'{phrase}' names an unknown slot {{{slot}}}")
        return words

    def words(self, value: object, field_name: str) -> tuple[str, ...]:
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(field_name, "must be a non-empty list of words")
        return tuple(value)

    def phrases(self, phrases: tuple[str, ...]) -> list[str]:
        """Each phrase as a regular expression, its slots as alternatives."""
        return [
            "".join(
                re.escape(part)
                if i % 2 == 0
                else "(?:" + "|".join(map(re.escape, self.slots[part])) + ")"
                for i, part in enumerate(_SLOT.split(phrase))
            )
            for phrase in phrases
        ]

    def expanded_lengths(self, phrase: str) -> int:
        return len(_SLOT.sub(lambda m: max(self.slots[m.group(1)], key=len), phrase))

    def language(self, code, spacy_code, s, disclaimers, function_words) -> Language:
        neg, clauses, hedges, evidence = s["negation"], s["clauses"], s["hedges"], s["evidence"]
        questions, quotes, attribution = s["questions"], s["quotes"], s["attribution"]
        hedging = "|".join(self.phrases(hedges["sentences"]))
        unproven = evidence["unproven"]
        at_end = evidence["unproven_at_clause_end"]
        # Where a phrase may start: its text before the first slot. A start that begins with
        # another one is left out (the shorter one finds the same positions).
        starts = {_SLOT.split(p)[0] for p in unproven + at_end}
        starts = {p for p in starts if not any(p != q and p.startswith(q) for q in starts)}
        answers = s["answers"]
        openers = "|".join(map(re.escape, answers["openers"]))
        reversals = "|".join(map(re.escape, answers["reversals"]))
        return Language(
            code=code,
            spacy=spacy_code,
            source=self.source,
            fold_accents=self.fold_accents,
            negators=frozenset(neg["words"]),
            not_a_negation_after=frozenset(neg["not_after"]),
            negation_interjections=frozenset(neg["interjections"]),
            negation_prefixes=frozenset(neg["prefixes"]),
            negation_reach=neg["reach"],
            list_joiners=frozenset(neg["list_joiners"]),
            list_item_reach=neg["list_item_reach"],
            denied_predicates=frozenset(neg["denied_predicates"]),
            denial_stops=frozenset(neg["denial_stops"]),
            denial_reach=neg["denial_reach"] or 0,
            new_clause_joiners=frozenset(neg["new_clause_joiners"]),
            new_clause_openers=frozenset(neg["new_clause_openers"]),
            clause_break_words=frozenset(clauses["break_words"]),
            clause_break_punct=frozenset(clauses["break_punctuation"]),
            comma_clause_starters=frozenset(clauses["comma_starters"]),
            product_clause_end=frozenset(clauses["product_clause_end"]),
            hedges=frozenset(hedges["words"]),
            hedge_pairs=frozenset(hedges["pairs"]),
            hedging_sentence=re.compile(rf"\b(?:{hedging})\b"),
            evidence_nouns=frozenset(evidence["nouns"]),
            evidence_scarcity=frozenset(evidence["scarcity"]),
            unproven=re.compile(
                rf"\b(?:{'|'.join(self.phrases(unproven))})\b"
                rf"|\b(?:{'|'.join(self.phrases(at_end))})$"
            ),
            unproven_start=re.compile("|".join(map(re.escape, sorted(starts)))),
            unproven_reach=max(map(self.expanded_lengths, unproven + at_end)) + 2,
            question_marks=frozenset(questions["marks"]),
            yes_no_starters=frozenset(questions["yes_no_starters"]),
            rhetorical_questions=questions["rhetorical"],
            wh_starters=frozenset(questions["wh_starters"]),
            question_lead_in=frozenset(questions["lead_in"]),
            double_quotes=frozenset(quotes["double"]),
            single_quotes=frozenset(quotes["single"]),
            own_words=frozenset(quotes["own"]),
            scare_markers=frozenset(quotes["scare_markers"]),
            scare_phrases=quotes["scare_phrases"],
            predicate_after=frozenset(quotes["predicate_after"]),
            predicate_reach=quotes["predicate_reach"],
            reporting_frames=frozenset(s["reporting"]["frames"]),
            gerund_endings=s["reporting"]["gerund_endings"],
            reporting_verbs=frozenset(s["reporting"]["verbs"]),
            third_parties=frozenset(s["reporting"]["third_parties"]),
            subject_reach=s["reporting"]["subject_reach"],
            conditionals=frozenset(s["conditions"]["conditionals"]),
            requirement_words=frozenset(s["conditions"]["requirements"]),
            authorities=frozenset(attribution["authorities"]),
            authority_reach=attribution["authority_reach"],
            according_to=attribution["according_to"],
            critical_words=frozenset(attribution["critical_words"]),
            data_report_verbs=frozenset(attribution["data_report_verbs"]),
            other_than=attribution["other_than"],
            first_person=frozenset(attribution["first_person"]),
            speaker=frozenset(attribution["speaker"]),
            service_words=frozenset(s["products"]["service_words"]),
            transfer_words=frozenset(s["products"]["transfer_words"]),
            disclaimer=re.compile(rf"\b(?:{'|'.join(self.phrases(disclaimers))}|{hedging})\b"),
            affirmative_at=re.compile(
                rf"[\W_]*({openers})(?![\w%])(?![\s,.!:-]*(?:{reversals})\b)", re.IGNORECASE
            ),
            function_words=frozenset(function_words),
            precaution_verbs=frozenset(s["precautions"]["verbs"]),
            precaution_timing=frozenset(s["precautions"]["timing"]),
            precaution_means=frozenset(s["precautions"]["means"]),
            precaution_reach=s["precautions"]["reach"],
            intake_words=frozenset(s["precautions"]["intake"]),
            intake_after=frozenset(s["precautions"]["intake_after"]),
            intake_reach=s["precautions"]["intake_reach"],
            contraindications=frozenset(s["precautions"]["contraindications"]),
            regulatory_words=frozenset(s["precautions"].get("regulatory", ())),
            qualifying_contrasts=frozenset(s["qualifications"]["contrasts"]),
            qualifying_risk_words=frozenset(s["qualifications"]["risk_words"]),
            qualifying_reach=s["qualifications"]["reach"],
            concessive=frozenset(clauses["concessive"]),
            concessive_modals=frozenset(clauses["concessive_modals"]),
            concession_caveats=frozenset(clauses["concession_caveats"]),
            prospects=s["conditions"]["prospects"],
            approval_limiters=frozenset(s["conditions"]["approval_limiters"]),
            checks=frozenset(s["conditions"]["checks"]),
            check_links=frozenset(s["conditions"]["check_links"]),
            approval_words=frozenset(attribution["approval_words"]),
            history_words=frozenset(attribution["history_words"]),
            harm_words=frozenset(attribution["harm_words"]),
            harm_links=frozenset(attribution["harm_links"]),
            trial_terms=attribution["trial_terms"],
            critical_phrases=attribution["critical_phrases"],
        )
