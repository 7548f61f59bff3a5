"""How much a sentence reads like a marketing claim: a weight per word, learned from labelled
real copy (experiments/claim_scorer.py writes the table; nothing is learned at run time).

The score is a logistic regression over which known words a sentence holds, each weighted by how
rare it was in training (binary TF-IDF, L2-normalised): ``1 / (1 + e^-(bias + sum(weight) /
sqrt(sum(idf^2))))`` over the sentence's known words. The decide stage reads it as the
``reads_careful`` context: a rule's match in a sentence scoring under the table's ``low`` reads
like the careful text the corpora's ok sentences are (a report, a disclaimer, advice), and the
rules that list the context in ``suppress_when`` drop it.

The table is data, like the rules: ``rules/lang/<language>.scorer.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from copylint.words import fold_accents

if TYPE_CHECKING:
    from copylint.language import Language

FORMAT_VERSION = 1
# The words of a sentence as the table knows them: letters and digits, with an apostrophe's
# ending ("don't", "patient's"), in lower case without accents.
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    """A sentence's words as the scorer reads them (training uses this very function)."""
    return [w.replace("’", "'") for w in _WORD.findall(fold_accents(text).lower())]


class ScorerError(Exception):
    """The scorer table is broken; the message names the file."""


@dataclass(frozen=True)
class Scorer:
    bias: float
    weights: dict[str, float]  # a word's coefficient times its idf
    idf: dict[str, float]
    low: float  # under it a matched sentence reads as careful text
    high: float  # at or over it a sentence reads as a claim (see experiments/claim_scorer.py)
    source: str

    def score(self, text: str) -> float:
        known = [w for w in set(words(text)) if w in self.idf]
        z = self.bias
        if known:
            norm = math.sqrt(sum(self.idf[w] ** 2 for w in known))
            z += sum(self.weights[w] for w in known) / norm
        return 1 / (1 + math.exp(-z))


def scorer_file(language_dir: Path, code: str) -> Path:
    return language_dir / f"{code}.scorer.json"


@cache
def load(path: Path) -> Scorer | None:
    """The table at ``path``, read once per process; None where a language has none."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ScorerError(f"{path}: cannot be read as a scorer table: {exc}") from None
    try:
        if data["version"] != FORMAT_VERSION:
            raise ScorerError(f"{path}: format version {data['version']!r}, not {FORMAT_VERSION}")
        table = {str(w): (float(a), float(i)) for w, (a, i) in data["words"].items()}
        low, high = float(data["low"]), float(data["high"])
        bias = float(data["bias"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ScorerError(f"{path}: not a scorer table ({exc!r})") from None
    if not 0 <= low <= high <= 1:
        raise ScorerError(f"{path}: needs 0 <= low <= high <= 1 (got {low}, {high})")
    return Scorer(
        bias=bias,
        weights={w: a for w, (a, _) in table.items()},
        idf={w: i for w, (_, i) in table.items()},
        low=low,
        high=high,
        source=str(path),
    )


def language_scorer(language: Language) -> Scorer | None:
    """The claim scorer beside a language's file (``<code>.scorer.json``), if it has one."""
    key = (language.source, language.code)  # asked once per block: no path built each time
    if key not in _BY_LANGUAGE:
        _BY_LANGUAGE[key] = load(scorer_file(Path(language.source).parent, language.code))
    return _BY_LANGUAGE[key]


_BY_LANGUAGE: dict[tuple[str, str], Scorer | None] = {}
