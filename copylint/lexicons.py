"""Lexicons: named word lists that token patterns refer to (``{LEXICON: conditions}``).

A lexicon is one YAML file in a ``lexicons/`` folder beside the rule packs: its entries are
lemmas and multi-word phrases, grouped by how they inflect (``nouns``: plurals of the last word;
``verbs``: -s/-ed/-ing forms of the first word; ``words``: spelling variants only; ``fixed``:
exactly as written, for abbreviations such as "MS"). Every entry is expanded at load time into
the token sequences spaCy makes of its forms, in British and American spelling, with and
without hyphens and possessive 's.

A match is always one whole form ("multiple sclerosis", never "multiple" of one entry and
"sclerosis" of another). At either end of a pattern a lexicon token is one token for spaCy's
Matcher, a word the forms begin (or end) with, and the rule matcher (nlp.py) stretches each
match over the whole forms found there (``Anchor``); inside a pattern it becomes variant
patterns, one per group of forms (``_variants``). Either way the prefilter gets one requirement
per group, so a rule naming a lexicon only wakes spaCy where a whole form could be.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from copylint.inflection import Inflections, english
from copylint.words import did_you_mean, unknown_field

LEXICON_DIR = "lexicons"  # the folder beside a rules folder's packs
# copylint's own lexicons, expanded ahead of time (expanding them costs more than the rest of a
# clean page's run): written by ``python -m copylint.lexicon_forms``, used while its key matches.
FORMS_FILE = "forms.json"
KINDS = ("nouns", "verbs", "words", "fixed")
LANGUAGES = ("en",)
_FILE_KEYS = {"lexicon", "language", "description", "entries"}
_EXTENDING_KEYS = {"extends", "description", "entries"}
_GROUP_KEYS = {"note", *KINDS}
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# One space-separated part of an entry: letters and digits, hyphens between them, an optional
# "#" before ("#1"), "+" ("NAD+") or "%" after, a possessive 's; or "%", "&", "#" alone.
_PART = re.compile(r"^(?:[%&#]|#?[^\W_](?:[^\W_]|[-&](?=[^\W_]))*\+?%?(?:'s)?)$")
# A fixed entry of capitals and digits, matched case-sensitively ("MS", "COPD", "B12").
_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&+]*(?: [A-Z][A-Z0-9&+]*)*$")
MAX_VARIANTS = 400  # variant patterns one rule pattern may expand to
HYPHEN = {"NORM": "-", "OP": "?"}  # between the words of a multi-word form: "stem-cell"


class LexiconError(Exception):
    """A lexicon is broken; the message names the file, the lexicon and the field."""


@dataclass(frozen=True)
class Lexicon:
    name: str
    language: str
    description: str
    source: str
    # The forms (see ``forms``), or FORMS_FILE's record of this lexicon, read only as far as a
    # run needs it: most runs name few lexicons, and a clean page needs no form at all.
    data: frozenset[tuple[str, ...]] | dict = field(compare=False, repr=False)

    @cached_property
    def forms(self) -> frozenset[tuple[str, ...]]:
        """Every form as the tokens spaCy makes of it: their NORMs, or for an abbreviation in
        capitals its ORTH: ("multiple", "sclerosis"), ("MS",)."""
        if isinstance(self.data, dict):
            return frozenset(tuple(form) for form in self.data["forms"])
        return self.data

    @cached_property
    def variants(self) -> tuple[tuple[dict, ...], ...]:
        """Token-spec sequences that together match exactly the forms (see _variants)."""
        return _variants(self.forms)

    @cached_property
    def word_sets(self) -> tuple[tuple[frozenset[str], ...], ...]:
        """For each variant, the words of its tokens in lower case (every form holds one word
        of each set of one variant): what the prefilter looks for where a lexicon is named."""
        if isinstance(self.data, dict):
            return tuple(tuple(frozenset(s) for s in sets) for sets in self.data["word_sets"])
        return tuple(
            tuple(_lower_words(spec) for spec in variant if spec != HYPHEN)
            for variant in self.variants
        )

    @cached_property
    def _by_end(self) -> dict[tuple[bool, str], list[tuple[str, ...]]]:
        """The forms by (forward, the word they begin with) and (backward, the word they end
        with), read in that direction."""
        index: dict[tuple[bool, str], list[tuple[str, ...]]] = {}
        for form in sorted(self.forms, key=len, reverse=True):
            index.setdefault((True, form[0]), []).append(form)
            index.setdefault((False, form[-1]), []).append(form[::-1])
        return index

    def end_words(self, forward: bool) -> list[str]:
        """The words the forms begin (or end) with, as a token's NORM is."""
        if isinstance(self.data, dict):
            return self.data["first_words" if forward else "last_words"]
        return sorted({form[0 if forward else -1].lower() for form in self.forms})

    def extents(self, doc, at: int, forward: bool) -> list[int]:
        """How many tokens of ``doc`` each form that begins at token ``at`` (or, backward, ends
        there) covers; a hyphen between two of its words is one more ("stem-cell")."""
        token = doc[at]
        found = []
        for word in {token.norm_, token.orth_}:
            for form in self._by_end.get((forward, word), ()):
                covered = _covered(form, doc, at, 1 if forward else -1)
                if covered:
                    found.append(covered)
        return found


def lexicon_files(directory: Path) -> list[Path]:
    """The lexicons of a rules folder (``DIR/lexicons/*.yaml``); none if it has no such folder."""
    folder = Path(directory) / LEXICON_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def load_lexicons(
    dirs: Iterable[Path], site_dirs: Iterable[Path] = (), shipped: Path | None = None
) -> dict[str, Lexicon]:
    """copylint's own lexicons (in the rules folder ``shipped``), those of ``dirs`` (the --rules
    folders, used instead of copylint's packs: a lexicon of theirs stands in for copylint's of
    that name), then a site's, which may add a lexicon or extend one (``extends: NAME``)."""
    own: dict[str, Lexicon] = {}
    for directory in dirs:
        for path in lexicon_files(directory):
            _add(own, _LexiconFile(path).parse(_read(path, False), own)[0])
    lexicons: dict[str, Lexicon] = {**(shipped_lexicons(shipped) if shipped else {}), **own}
    for directory in site_dirs:
        for path in lexicon_files(directory):
            parsed, extending = _LexiconFile(path, site=True).parse(_read(path, False), lexicons)
            if not extending:
                _add(lexicons, parsed)
                continue
            base = lexicons[parsed.name]
            lexicons[parsed.name] = Lexicon(
                base.name,
                base.language,
                base.description,
                f"{base.source} (extended by {path})",
                base.forms | parsed.forms,
            )
    return lexicons


def shipped_lexicons(directory: Path) -> dict[str, Lexicon]:
    """copylint's own lexicons: from FORMS_FILE while it was made from these very files (and
    this code), else from the files themselves (read by libyaml's composer, see yamlfile.py)."""
    files = lexicon_files(directory)
    try:
        stored = json.loads((Path(directory) / LEXICON_DIR / FORMS_FILE).read_bytes())
    except (OSError, ValueError):
        stored = None
    if isinstance(stored, dict) and stored.get("key") == forms_key(files):
        return {
            name: Lexicon(
                name,
                entry["language"],
                entry["description"],
                str(Path(directory) / LEXICON_DIR / entry["file"]),
                entry,
            )
            for name, entry in stored["lexicons"].items()
        }
    lexicons: dict[str, Lexicon] = {}
    for path in files:
        _add(lexicons, _LexiconFile(path).parse(_read(path, True), lexicons)[0])
    return lexicons


def forms_key(files: list[Path]) -> str:
    """What the expanded forms depend on: the lexicon files, the inflection data and the code
    that expands them."""
    from copylint import inflection

    hasher = hashlib.blake2b(digest_size=16)
    inputs = [*files, inflection.data_file(), Path(__file__), Path(inflection.__file__)]
    for path in inputs:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def write_forms_file(directory: Path) -> Path:
    """Expand copylint's own lexicons into FORMS_FILE (``python -m copylint.lexicon_forms``)."""
    files = lexicon_files(directory)
    lexicons: dict[str, Lexicon] = {}
    for path in files:
        _add(lexicons, _LexiconFile(path).parse(_read(path, True), lexicons)[0])
    data = {
        "key": forms_key(files),
        "lexicons": {
            name: {
                "file": Path(lexicon.source).name,
                "language": lexicon.language,
                "description": lexicon.description,
                "forms": sorted(lexicon.forms),
                "word_sets": [[sorted(s) for s in sets] for sets in lexicon.word_sets],
                "first_words": lexicon.end_words(forward=True),
                "last_words": lexicon.end_words(forward=False),
            }
            for name, lexicon in sorted(lexicons.items())
        },
    }
    target = Path(directory) / LEXICON_DIR / FORMS_FILE
    target.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    return target


def _read(path: Path, trusted: bool) -> object:
    from copylint.yamlfile import YamlFileError, load_file  # yaml: only when a file is parsed

    try:
        return load_file(str(path), trusted=trusted)
    except YamlFileError as exc:
        raise LexiconError(f"{path}: {exc}") from None


def _add(lexicons: dict[str, Lexicon], lexicon: Lexicon) -> None:
    if lexicon.name in lexicons:
        raise LexiconError(
            f"{lexicon.source}: lexicon '{lexicon.name}': field 'lexicon': also defined in "
            f"{lexicons[lexicon.name].source} (a site's lexicon adds entries with "
            f"'extends: {lexicon.name}')"
        )
    lexicons[lexicon.name] = lexicon


class _LexiconFile:
    """Validation of one lexicon file; every error goes through ``fail``."""

    def __init__(self, path: Path, site: bool = False):
        self.source = str(path)
        self.site = site
        self.name: str | None = None

    def fail(self, field_name: str, problem: str) -> LexiconError:
        where = f"lexicon '{self.name}': " if self.name else ""
        if len(problem) > 300:
            problem = problem[:297] + "..."
        return LexiconError(f"{self.source}: {where}field '{field_name}': {problem}")

    def parse(self, data: object, known: Mapping[str, Lexicon]) -> tuple[Lexicon, bool]:
        """The lexicon, and whether it extends a known one (``extends: NAME``)."""
        if not isinstance(data, dict):
            raise LexiconError(
                f"{self.source}: a lexicon is a mapping with 'lexicon' and 'entries'"
            )
        extending = "extends" in data
        if extending and not self.site:
            raise self.fail(
                "extends", "only a site's own lexicon (in rules-dirs) may extend a lexicon"
            )
        self.check_keys(data, _EXTENDING_KEYS if extending else _FILE_KEYS, "")
        self.name = self.name_field(data, "extends" if extending else "lexicon")
        if extending and self.name not in known:
            hint = did_you_mean(self.name, known)
            raise self.fail("extends", f"no lexicon '{self.name}' to extend{hint}")
        language = data.get("language", "en")
        if language not in LANGUAGES:
            raise self.fail(
                "language", f"must be one of {', '.join(LANGUAGES)} (got {_shown(language)})"
            )
        description = data.get("description") or ""
        if not isinstance(description, str):
            raise self.fail("description", "must be text")
        forms = self.entries(data.get("entries"), english())
        lexicon = Lexicon(self.name, language, description.strip(), self.source, frozenset(forms))
        return lexicon, extending

    def check_keys(self, data: dict, allowed: set[str], prefix: str) -> None:
        unknown = unknown_field(data, allowed)
        if unknown is not None:
            raise self.fail(prefix + unknown[0], unknown[1])

    def name_field(self, data: dict, key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not _NAME.match(value):
            raise self.fail(
                key, f"a lexicon name is lower-case words joined by '-' (got {_shown(value)})"
            )
        return value

    def entries(self, value: object, inflections: Inflections) -> set[tuple[str, ...]]:
        if not isinstance(value, list) or not value:
            raise self.fail(
                "entries", "must be a non-empty list of groups ({nouns: [...], note: ...})"
            )
        forms: set[tuple[str, ...]] = set()
        seen: dict[str, str] = {}
        for index, group in enumerate(value):
            where = f"entries[{index}]"
            if not isinstance(group, dict) or not group:
                raise self.fail(
                    where, f"a group is a mapping of {', '.join(KINDS)} lists (got {_shown(group)})"
                )
            self.check_keys(group, _GROUP_KEYS, f"{where}.")
            if not any(kind in group for kind in KINDS):
                raise self.fail(where, f"a group needs one of {', '.join(KINDS)}")
            note = group.get("note")
            if note is not None and not (isinstance(note, str) and note.strip()):
                raise self.fail(f"{where}.note", "must be non-empty text")
            for kind in KINDS:
                if kind not in group:
                    continue
                items = group[kind]
                field_name = f"{where}.{kind}"
                if not isinstance(items, list) or not items:
                    raise self.fail(field_name, "must be a non-empty list of entries")
                for item in items:
                    entry = self.entry(item, field_name, kind)
                    if entry in seen:
                        raise self.fail(
                            field_name, f"{entry!r} is listed twice (also in {seen[entry]})"
                        )
                    seen[entry] = field_name
                    forms |= entry_forms(entry, kind, inflections)
        return forms

    def entry(self, item: object, field_name: str, kind: str) -> str:
        """The entry as its forms are made from it: lower case, except a ``fixed`` entry in
        capitals ("MS", "ED"), which matches as written (spaCy's ORTH): in lower case it is
        another word ("ms", "ed")."""
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            raise self.fail(field_name, f"an entry is a word or phrase (got {_shown(item)})")
        text = " ".join(item.replace("\u2019", "'").split())
        if kind != "fixed" or not _ABBREVIATION.match(text):
            text = text.lower()
        bad = [part for part in text.split(" ") if not _PART.match(part)]
        if bad:
            raise self.fail(
                field_name,
                f"{item!r}: {bad[0]!r} is not a word as a token pattern reads it (letters and "
                "digits, hyphens between them, a possessive 's, a leading '#' or a final '+' "
                "or '%')",
            )
        return text


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- forms -------------------------------------------------------------------------------------


def entry_forms(entry: str, kind: str, inflections: Inflections) -> set[tuple[str, ...]]:
    """Every form of an entry as token NORMs: inflected (by ``kind``), in both spellings, with
    its possessive and hyphen variants. "Parkinson's disease" also gives "Parkinsons disease" and
    "Parkinson disease"; "pain-free" also "painfree"."""
    parts = entry.split(" ")
    if kind == "fixed":
        # capitals match as written; past three letters an abbreviation is no other word, so
        # it matches in lower case too ("copd")
        return {_tokens(parts), *([_tokens(entry.lower().split(" "))] if len(entry) > 3 else [])}
    parts = [part.lower() for part in parts]
    head = len(parts) - 1 if kind == "nouns" else 0
    choices = []
    for index, part in enumerate(parts):
        forms = {part}
        if index == head and kind in ("nouns", "verbs"):
            forms = _inflected(part, kind, inflections)
        choices.append(sorted({s for form in forms for s in _spelled(form, inflections)}))
    out = set()
    for combination in itertools.product(*choices):
        for written in _written(list(combination)):
            out.add(_tokens(written))
    return out


def _inflected(part: str, kind: str, inflections: Inflections) -> set[str]:
    """The forms of one part; in a hyphenated part ("kick-start", "t-cell") the last piece
    inflects; a possessive ("alzheimer's") does not."""
    if part.endswith("'s") or not part[-1:].isalpha():
        return {part}
    *before, last = part.split("-")
    prefix = "".join(piece + "-" for piece in before)
    forms = inflections.noun_forms(last) if kind == "nouns" else inflections.verb_forms(last)
    return {prefix + form for form in forms}


def _spelled(part: str, inflections: Inflections) -> set[str]:
    pieces = part.split("-")
    options = [sorted(inflections.spellings(p)) if p.isalpha() else [p] for p in pieces]
    return {"-".join(combination) for combination in itertools.product(*options)}


def _written(parts: list[str]) -> list[list[str]]:
    """Ways the parts are written: a possessive as "'s", "s" or nothing; a hyphen as written or
    left out ("painfree"); a hyphen before a digit ("covid-19", one token to spaCy) also as a
    space."""
    options = []
    for part in parts:
        variants = {part}
        if part.endswith("'s") and len(part) > 2:
            variants |= {part[:-2] + "s", part[:-2]}
        for variant in list(variants):
            if "-" in variant:
                variants.add(variant.replace("-", ""))
                variants.add(re.sub(r"(?<=[^\W_])-(?=[0-9])", " ", variant))
        options.append(sorted(variants))
    return [" ".join(combination).split(" ") for combination in itertools.product(*options)]


# English contractions as spaCy splits and normalises them: "doesn't" is does + not, "I've" is
# i + have; a NORM of "doesn't" or "'ve" is no token's.
_CONTRACTED = re.compile(r"^(?P<stem>[^\W\d_]+?)(?P<end>n't|'ve|'m|'re|'ll|'d)$")
_CONTRACTION_NORMS = {
    "n't": "not",
    "'ve": "have",
    "'m": "am",
    "'re": "are",
    "'ll": "will",
    "'d": "'d",  # would or had: spaCy leaves it as written
}
_CONTRACTED_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}
_WHOLE_CONTRACTIONS = {"cannot": ("can", "not")}
# Tokens whose NORM spaCy's English exceptions give as another word or character.
_NORMS = {**_CONTRACTION_NORMS, "’s": "'s", "’": "'", "‘": "'", "“": '"', "”": '"', "£": "$"}
_NORMS.update({"€": "$", "—": "-", "–": "-", "…": "..."})


def _tokens(parts: list[str]) -> tuple[str, ...]:
    """The NORMs spaCy's English tokenizer gives these parts: a possessive 's, a leading '#' and
    a '%' after a number are tokens of their own, a hyphen before a letter splits a word (the
    hyphen itself is left to the optional token between words, see _variants), a contraction
    is its two words ("can't": can not)."""
    tokens: list[str] = []
    for part in parts:
        if part in _NORMS:
            tokens.append(_NORMS[part])
            continue
        if part.lower() in _WHOLE_CONTRACTIONS:
            tokens.extend(_WHOLE_CONTRACTIONS[part.lower()])
            continue
        contracted = _CONTRACTED.match(part.lower())
        if contracted:
            stem, end = contracted["stem"], contracted["end"]
            if end == "n't":
                stem = _CONTRACTED_STEMS.get(stem, stem)
            tokens.extend((stem, _CONTRACTION_NORMS[end]))
            continue
        if part.startswith("#") and len(part) > 1:
            tokens.append("#")
            part = part[1:]
        possessive = part.endswith("'s") and len(part) > 2
        if possessive:
            part = part[:-2]
        percent = part.endswith("%") and len(part) > 1
        if percent:
            part = part[:-1]
        tokens.extend(piece for piece in re.split(r"(?<=[^\W_])-(?=[^\W\d_])", part) if piece)
        if percent:
            tokens.append("%")
        if possessive:
            tokens.append("'s")
    return tuple(tokens)


def word_tokens(word: str) -> tuple[str, ...]:
    """The NORMs spaCy makes of a word as a rule's token spec gives it: several where the
    tokenizer splits it ("pain-free", "100%", "doesn't"), so that one token never matches it."""
    return _tokens(word.split(" "))


def inline_lexicon(name: str, language: str, source: str, words: Iterable[str]) -> Lexicon:
    """The words of a token spec as a lexicon, for a spec listing words spaCy splits: each word
    as written, with its hyphens and possessive written or left out."""
    forms = {_tokens(written) for word in words for written in _written(word.split(" "))}
    return Lexicon(name, language, f"words of {name}", source, frozenset(forms))


# --- patterns ----------------------------------------------------------------------------------


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _sequence(tokens: list[object]) -> tuple[dict, ...]:
    """Token specs for a form, each position a word or a set of words, with an optional hyphen
    between two words ("stem cell" and "stem-cell")."""
    specs: list[dict] = []
    previous_word = False
    for token in tokens:
        words = sorted(token) if isinstance(token, (set, frozenset)) else [str(token)]
        is_word = all(_is_word(w) for w in words)
        if specs and previous_word and is_word:
            specs.append(dict(HYPHEN))
        specs.append({_attr(words[0]): words[0] if len(words) == 1 else {"IN": words}})
        previous_word = is_word
    return tuple(specs)


def _attr(token: str) -> str:
    """NORM for a token in lower case; ORTH, as written, for an abbreviation in capitals."""
    return "NORM" if token == token.lower() else "ORTH"


def _variants(forms: frozenset[tuple[str, ...]]) -> tuple[tuple[dict, ...], ...]:
    """Sequences of token specs matching exactly ``forms``, as few as this finds. Forms of one
    length are built from the front or from the back, whichever gives fewer: words followed (or
    preceded) by the same set of continuations share one position, as in
    ``{NORM: {IN: [knee, back, neck]}}`` before ``{NORM: {IN: [pain, pains]}}``, so that no
    sequence matches words of two entries ("long" of "long covid" with "sclerosis")."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for form in forms:
        by_length.setdefault(len(form), set()).add(form)
    sequences: list[list[frozenset[str]]] = []
    for length in sorted(by_length):
        same = frozenset(by_length[length])
        forward = _positions(same)
        backward = [seq[::-1] for seq in _positions(frozenset(f[::-1] for f in same))]
        fewer = forward if len(forward) <= len(backward) else backward
        sequences += sorted(fewer, key=lambda q: [sorted(s) for s in q])
    return tuple(_sequence(list(seq)) for seq in sequences)


def _positions(forms: frozenset[tuple[str, ...]]) -> list[list[frozenset[str]]]:
    """For forms of one length: lists of word sets, one per token, such that any word of each,
    in order, is a form, and every form is one such list."""
    if not next(iter(forms), ()):
        return []
    tails_of: dict[str, set[tuple[str, ...]]] = {}
    for form in forms:
        tails_of.setdefault(form[0], set()).add(form[1:])
    heads_of: dict[tuple[frozenset[tuple[str, ...]], str], set[str]] = {}
    for word, tails in tails_of.items():
        heads_of.setdefault((frozenset(tails), _attr(word)), set()).add(word)
    out: list[list[frozenset[str]]] = []
    for (following, _), heads in sorted(heads_of.items(), key=lambda kv: sorted(kv[1])):
        rest = _positions(following)
        if rest:
            out.extend([frozenset(heads), *seq] for seq in rest)
        else:
            out.append([frozenset(heads)])
    return out


def _same(token, word: str) -> bool:
    return (token.norm_ if word == word.lower() else token.orth_) == word


def _covered(form: tuple[str, ...], doc, at: int, step: int) -> int:
    """The tokens from ``at`` (in the direction of ``step``) that spell ``form``, or 0."""
    n, j = len(doc), at
    for index, word in enumerate(form):
        if index and _is_word(form[index - 1]) and _is_word(word) and 0 <= j < n:
            if doc[j].norm_ == "-" and 0 <= j + step < n and _same(doc[j + step], word):
                j += step
        if not (0 <= j < n and _same(doc[j], word)):
            return 0
        j += step
    return abs(j - at)


@dataclass(frozen=True)
class Anchor:
    """A lexicon token at an end of a pattern, given to spaCy's Matcher as one token: a word a
    form begins with (the pattern's last token, ``forward``) or ends with (its first token).
    The rule matcher then stretches the match over each whole form found there, or drops it:
    one pattern instead of one per group of multi-word forms (see ``extents``)."""

    lexicons: tuple[Lexicon, ...]
    forward: bool

    @property
    def word_sets(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(sets for lexicon in self.lexicons for sets in lexicon.word_sets)

    def extents(self, doc, at: int) -> list[int]:
        return [n for lexicon in self.lexicons for n in lexicon.extents(doc, at, self.forward)]


def _anchor_spec(lexicons: tuple[Lexicon, ...], forward: bool) -> dict:
    words = sorted({w for lexicon in lexicons for w in lexicon.end_words(forward)})
    return {"NORM": {"IN": words}, "LEXICON": Anchor(lexicons, forward)}


def _lower_words(spec: dict) -> frozenset[str]:
    value = next(v for k, v in spec.items() if k in ("NORM", "ORTH"))
    return frozenset(w.lower() for w in (value["IN"] if isinstance(value, dict) else [value]))


def _names(spec: dict) -> list[str]:
    names = spec.get("LEXICON", [])
    return [names] if isinstance(names, str) else list(names)


def expand_pattern(
    pattern: tuple[dict, ...], lexicons: Mapping[str, Lexicon]
) -> list[tuple[dict, ...]]:
    """A pattern with its lexicon tokens replaced: at either end by an Anchor, one token the
    rule matcher stretches over the form there; inside by each of their variants (exact, but a
    pattern each). An optional one (``OP: "?"``) may also be left out. Raises ValueError past
    MAX_VARIANTS."""
    choices: list[list[tuple[dict, ...]]] = []
    count = 1
    last = len(pattern) - 1
    for index, spec in enumerate(pattern):
        if "LEXICON" not in spec:
            choices.append([(spec,)])
            continue
        named = tuple(lexicons[name] for name in _names(spec))
        options: list[tuple[dict, ...]] = []
        if index in (0, last):
            options.append((_anchor_spec(named, forward=index == last),))
        else:
            for lexicon in named:
                options.extend(v for v in lexicon.variants if v not in options)
        if spec.get("OP") == "?":
            options.append(())
        choices.append(options)
        count *= len(options)
        if count > MAX_VARIANTS:
            raise ValueError(
                f"expands to more than {MAX_VARIANTS} patterns (lexicons of many multi-word "
                "entries multiply): split it, or give one of its lexicon tokens fewer entries"
            )
    expanded = []
    for combination in itertools.product(*choices):
        tokens = tuple(spec for part in combination for spec in part)
        if tokens:
            expanded.append(tokens)
    return expanded
