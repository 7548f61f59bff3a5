"""Where a match sits in its sentence, for replacements that are a drop-in only in some places.

"usually well tolerated" can stand in for "pain-free" in "The peel is pain-free" but not in
"Most patients are pain-free after one session", which it would turn into a sentence about
patients being tolerated. A rule's suggestion names the positions its replacement fits
(``fits``); a match gets the positions it is found in, read from its tokens with the language
file's ``rewrites`` words (a blank pipeline has no parser: an unknown subject fits nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from copylint.context import DocFacts
    from copylint.language import Language

TREATMENT_PREDICATE = "treatment-predicate"  # "The peel is [pain-free]"
TREATMENT_MODIFIER = "treatment-modifier"  # "a [pain-free] peel"
# each position as a refusal names it: '"usually well tolerated" is a drop-in only ...'
DESCRIBED = {
    TREATMENT_PREDICATE: 'after "is" or "are" said of a treatment',
    TREATMENT_MODIFIER: "just before the treatment it describes",
}
POSITIONS = frozenset(DESCRIBED)


def positions(facts: DocFacts, start: int, end: int, language: Language) -> frozenset[str]:
    """The positions of the match over tokens [start, end)."""
    norms = facts.norms
    _, sentence_start, sentence_end = facts.sentence(start)
    found = set()
    if end < sentence_end and norms[end] in language.rewrite_treatments:
        found.add(TREATMENT_MODIFIER)
    verb = start - 1
    if verb >= sentence_start and norms[verb] in language.rewrite_be:
        # the subject: the nearest treatment or person word before the verb, in its clause
        for i in range(verb - 1, facts.clause_start(sentence_start, verb) - 1, -1):
            if norms[i] in language.rewrite_people:
                break
            if norms[i] in language.rewrite_treatments:
                found.add(TREATMENT_PREDICATE)
                break
    return frozenset(found)
