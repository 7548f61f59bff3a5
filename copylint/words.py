"""Small word helpers every stage shares: text folds, "did you mean" hints and plurals.

Imported on the start-up path, so nothing here imports more than it needs up front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

_HYPHENS_AND_SPACES = re.compile(r"[\s\-\u2010\u2011]+")
_SPACE_BEFORE_PERCENT = re.compile(r"\s+%")


def fold(text: str) -> str:
    """Lower case with curly apostrophes as straight ones, as spaCy's NORM reads them. Quotes are
    replaced one for one, so offsets hold wherever lower() keeps a letter's length."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def fold_accents(text: str) -> str:
    """Accented Latin letters as their plain letters ("Juvéderm" -> "Juvederm"), one for one, so
    offsets hold. A letter written as a base letter plus a combining mark keeps its mark, and
    letters without a decomposition ("ø", "ß") stay as they are."""
    if text.isascii():
        return text
    table, accented = _accent_table()
    return accented.sub(lambda m: table[m.group()], text) if accented.search(text) else text


@cache
def _accent_table() -> tuple[dict[str, str], re.Pattern]:
    import unicodedata

    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:  # Latin-1, Extended A, B, Additional
        letter = chr(code)
        decomposed = unicodedata.normalize("NFD", letter)
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and all(unicodedata.combining(m) for m in marks):
            table[letter] = base
    return table, re.compile("[" + "".join(sorted(table)) + "]")


def fold_words(text: str) -> str:
    """Matched words compared the way the matcher sees them: case, hyphens and spacing folded."""
    return _SPACE_BEFORE_PERCENT.sub("%", _HYPHENS_AND_SPACES.sub(" ", text.lower())).strip()


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word`` (difflib's ratio of at least ``cutoff``), or None."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(
    word: str,
    choices: Iterable[str],
    *,
    cutoff: float = 0.6,
    shown: str = "{}",
    after: str = " (",
    before: str = ")",
    otherwise: str = "",
) -> str:
    """A hint to append to a message: `` (did you mean 'X'?)`` for the closest choice (``shown``
    formats it: "copylint-{}"; ``after`` and ``before`` frame it: "; " and ""), else
    ``otherwise``."""
    found = closest(word, choices, cutoff)
    if found is None:
        return otherwise
    return f"{after}did you mean '{shown.format(found)}'?{before}"


def unknown_field(data: Iterable, allowed: Iterable[str]) -> tuple[str, str] | None:
    """The first key of ``data`` that is not ``allowed``, with the problem to report for it:
    "unknown field; did you mean 'x'?" or the known fields."""
    allowed = sorted(allowed)
    for key in data:
        if key not in allowed:
            hint = did_you_mean(
                str(key),
                allowed,
                after="; ",
                before="",
                otherwise=f"; known fields: {', '.join(allowed)}",
            )
            return str(key), f"unknown field{hint}"
    return None


def plural(count: int, word: str, plural: str | None = None) -> str:
    """``count`` and the word in its singular or plural form: "1 entry", "2 entries", "0 fixes".
    The plural is ``word`` + "s" unless given (``plural(n, "finding needs", "findings need")``)."""
    return f"{count} {word_form(count, word, plural)}"


def word_form(count: int, word: str, plural: str | None = None) -> str:
    """The form of ``word`` that goes with ``count``, without the number ("see the notes")."""
    if count == 1:
        return word
    return plural if plural is not None else word + "s"
