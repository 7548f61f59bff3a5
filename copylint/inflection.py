"""English word forms for lexicon entries: plurals, verb forms and UK/US spellings.

A small rule-based inflector: -s/-es/-ies, -ed/-ing with e-drop and consonant doubling, the
irregular forms listed in ``rules/lang/inflection/en.yaml``, and the spelling pairs of British
and American English (-ise/-ize, -isation/-ization, -yse/-yze, -our/-or, -tre/-ter, -aemia/-emia,
-oedema/-edema, and ae/oe written e in American English). It over-generates on purpose: a form
nobody writes ("acnes") costs nothing, while a missed one is a missed claim. What it must never
do is produce another common word; the exception lists in the data file guard the known cases.

(lemminflect was considered: importing it imports spaCy, which would make every clean page pay
~0.9 s; see README, "Lexicons".)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_VOWELS = "aeiou"


class InflectionDataError(Exception):
    """The inflection data file is broken (it ships with copylint: a packaging error)."""


@dataclass(frozen=True)
class Inflections:
    """The irregular forms and exception lists of one language."""

    plurals: dict[str, tuple[str, ...]]
    past: dict[str, tuple[str, ...]]
    third_person: dict[str, tuple[str, ...]]
    doubling: frozenset[str]
    no_ize: frozenset[str]
    no_our: frozenset[str]

    def __hash__(self) -> int:  # one instance per language (see english())
        return id(self)

    # --- nouns -----------------------------------------------------------------------------

    def noun_forms(self, word: str) -> set[str]:
        """The word and its plurals: knee, knees; injury, injuries; diagnosis, diagnoses."""
        forms = {word, *self.plurals.get(word, ())}
        if word not in self.plurals:
            forms.add(_plural(word))
        return forms

    # --- verbs -----------------------------------------------------------------------------

    def verb_forms(self, word: str) -> set[str]:
        """The base form, -s, -ed and -ing forms: cure, cures, cured, curing; stop, stopped."""
        forms = {word, *self.past.get(word, ()), *self.third_person.get(word, ())}
        if word not in self.third_person:
            forms.add(_plural(word))
        stem = self._doubled(word)
        if word not in self.past:
            forms.update(_ed(word, stem))
        forms.update(_ing(word, stem))
        return forms

    def _doubled(self, word: str) -> tuple[str, ...]:
        """The stems -ed and -ing attach to: stop -> stopp; travel -> travel and travell (US and
        UK); cure -> cure."""
        if word in self.doubling or _one_syllable_cvc(word):
            return (word + word[-1],)
        if re.search(r"[^aeiou][aeiou]l$", word) and _syllables(word) > 1:
            return (word, word + "l")  # traveled / travelled, labeled / labelled
        return (word,)

    # --- spelling --------------------------------------------------------------------------

    def spellings(self, word: str) -> set[str]:
        """The word in British and American spelling (both ways where the pair is regular)."""
        out = {word}
        for form in list(out):
            out.update(self._ize(form))
        for form in list(out):
            out.update(self._our(form))
        for form in list(out):
            out.update(_tre(form))
        for form in list(out):
            out.update(_aemia(form))
        for form in list(out):
            out.update(_digraph(form))
        return out

    def _ize(self, word: str) -> set[str]:
        match = _IZE.search(word)
        if not match or word[: match.start()] + "ise" in self.no_ize:  # advised -> advise
            return set()
        other = "z" if match.group("letter") == "s" else "s"
        return {word[: match.start("letter")] + other + word[match.end("letter") :]}

    def _our(self, word: str) -> set[str]:
        if word in self.no_our:
            return set()
        match = _OUR.search(word)
        if match:
            if word[: match.start()] + "our" in self.no_our:
                return set()
            return {word[: match.start()] + "or" + match.group("tail")}
        match = _OR.search(word)
        if match:
            return {word[: match.start()] + "our" + match.group("tail")}
        return set()


# -ise/-ize and -yse/-yze with their endings (-ised, -ising, -isation, -ises, -isations).
_IZE = re.compile(r"(?<=[a-z]{2})[iy](?P<letter>[sz])(?=e$|ed$|es$|ing$|ation$|ations$|er$|ers$)")
# -our/-or at the end of a word or before an ending (colours, favoured, odourless).
_OUR = re.compile(r"(?<=[a-z]{2})our(?P<tail>|s|ed|ing|ful|less|able|ite|ites|ism)$")
_OR = re.compile(
    r"(?<=[a-z][^aeiou])or(?P<tail>|s|ed|ing|ful|less|ite|ites)$"  # tumor, color, odor
)


def _tre(word: str) -> set[str]:
    """centre/center, fibre/fiber, litre/liter (and their plurals)."""
    match = re.search(r"(?<=[a-z]{2})([tb])(re|er)(s?)$", word)
    if not match:
        return set()
    flipped = "er" if match.group(2) == "re" else "re"
    return {word[: match.start()] + match.group(1) + flipped + match.group(3)}


def _aemia(word: str) -> set[str]:
    """anaemia/anemia, leukaemia/leukemia, anaemic -> anemic, oedema/edema,
    lymphoedema/lymphedema."""
    out = set()
    if re.search(r"aemi(?:a|as|c)$", word):
        out.add(re.sub(r"aemi(?=(?:a|as|c)$)", "emi", word))
    elif re.search(r"(?<=[a-z]{2})(?<!a)emias?$", word):
        out.add(re.sub(r"emi(?=as?$)", "aemi", word))
    if "oedem" in word:
        out.add(word.replace("oedem", "edem"))
    elif re.search(r"(?<!o)edem", word):
        out.add(re.sub(r"(?<!o)edem", "oedem", word))
    return out


def _digraph(word: str) -> set[str]:
    """British ae and oe inside a word, written e in American English: haemorrhoids,
    orthopaedic, anaesthetic, oestrogen, coeliac, diarrhoea. One way only (an American e has no
    one British spelling), only in longer words, and never at the end or in a final -oes (shoe,
    aloe, canoes)."""
    if len(word) < 6:
        return set()
    changed = re.sub(r"ae(?=[a-z])", "e", word)
    changed = re.sub(r"oe(?=[a-z])(?!s$)", "e", changed)
    return {changed} if changed != word else set()


def _plural(word: str) -> str:
    """The regular plural (or -s form of a verb): knees, losses, injuries, diagnoses."""
    if re.search(r"[^aeiou]is$", word) and len(word) > 4:
        return word[:-2] + "es"  # diagnosis -> diagnoses, psoriasis -> psoriases
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:ss|us|as|x|z|ch|sh)$", word):
        return word + "es"
    if word.endswith("s"):
        return word  # already plural or a mass noun ending in s (diabetes, shingles)
    if re.search(r"[^aeiou]o$", word) and word in ("veto", "echo", "hero", "tomato", "potato"):
        return word + "es"
    return word + "s"


def _ed(word: str, stems: tuple[str, ...]) -> set[str]:
    if word.endswith("e"):
        return {word + "d"}
    if re.search(r"[^aeiou]y$", word):
        return {word[:-1] + "ied"}
    return {stem + "ed" for stem in stems}


def _ing(word: str, stems: tuple[str, ...]) -> set[str]:
    if word.endswith("ie"):
        return {word[:-2] + "ying"}  # die -> dying
    if word.endswith(("ee", "ye", "oe")) or word == "be":
        return {word + "ing"}  # free -> freeing, dye -> dyeing
    if word.endswith("e") and len(word) > 2:
        return {word[:-1] + "ing"}  # cure -> curing
    return {stem + "ing" for stem in stems}


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word.rstrip("e") or word))


def _one_syllable_cvc(word: str) -> bool:
    """stop, slim, zap, rid: one vowel between two consonants at the end (not w, x, y)."""
    return (
        len(word) >= 3
        and _syllables(word) == 1
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and not re.search(r"[aeiou]{2}", word)
    )


def data_file() -> Path:
    """The data file beside the built-in rule packs."""
    from copylint.rulebook import default_rules_dir

    return default_rules_dir() / "lang" / "inflection" / "en.yaml"


@lru_cache(maxsize=1)
def english() -> Inflections:
    """English inflection data, read once per process from the shipped data file."""
    path = data_file()
    from copylint.yamlfile import YamlFileError, load_file  # yaml: only when a file is parsed

    try:
        data = load_file(str(path), trusted=True)
    except YamlFileError as exc:
        raise InflectionDataError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise InflectionDataError(f"{path}: must be a mapping")

    def table(key: str) -> dict[str, tuple[str, ...]]:
        value = data.get(key) or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(f, str) for f in v)
            for k, v in value.items()
        ):
            raise InflectionDataError(f"{path}: field '{key}': maps words to lists of forms")
        return {k.lower(): tuple(f.lower() for f in v) for k, v in value.items()}

    def words(key: str) -> frozenset[str]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise InflectionDataError(f"{path}: field '{key}': must be a list of words")
        return frozenset(w.lower() for w in value)

    return Inflections(
        plurals=table("irregular_plurals"),
        past=table("irregular_verbs"),
        third_person=table("irregular_third_person"),
        doubling=words("doubling_verbs"),
        no_ize=words("no_ize"),
        no_our=words("no_our"),
    )
