"""List rules: a rule whose matches count only in a list under a lead that announces treatment.

A rule pack's ``listed_under`` (see ``ListedUnder``) names the phrases of a lead that announces
what follows as treatable ("Conditions we treat", "What can exosomes treat?", "PRP can help
with:"), the phrases of a lead under which a list is not a claim ("Who should not have this
treatment", "Risks", "Avoid if"), and optionally words the lead must also name (a product: the
claim is then about that product). The match stage keeps such a rule only in the list entries
(``copylint.sources.lists``) whose lead announces, and the finding's message names the lead.

Phrases are words matched whole, case-insensitively; ``*`` stands for one to three words
("what can * treat").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copylint.sources.lists import Lead
from copylint.sources.projection import Projection
from copylint.words import fold

# How much of a long lead the message quotes.
LEAD_SHOWN = 60
# A list entry longer than this is a sentence of its own, read by the sentence rules: a list
# rule reads only entries that name a condition or two ("Multiple sclerosis", "People with gout").
ENTRY_WORDS = 12


def short_entry(text: str) -> bool:
    return len(text.split()) <= ENTRY_WORDS


def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = []
    for phrase in phrases:
        words = [
            r"(?:[\w'-]+\W+){0,2}[\w'-]+" if word == "*" else re.escape(word)
            for word in fold(phrase).split()
        ]
        alternatives.append(r"\W+".join(words))
    return re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + r")(?![\w'-])")


@dataclass(frozen=True)
class ListedUnder:
    announces: tuple[str, ...]  # phrases of a lead that announces treatment
    not_under: tuple[str, ...] = ()  # phrases of a lead under which a list is no claim
    naming: tuple[str, ...] = ()  # when given: the lead (or its heading) must name one
    # phrases of an entry that warns rather than names a condition ("Sepsis makes PRP dangerous")
    not_entries: tuple[str, ...] = ()
    _announces: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _not_under: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _naming: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _not_entries: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_announces", _phrase_regex(self.announces))
        object.__setattr__(self, "_not_under", _phrase_regex(self.not_under))
        object.__setattr__(self, "_naming", _phrase_regex(self.naming))
        object.__setattr__(self, "_not_entries", _phrase_regex(self.not_entries))

    def _says(self, pattern: re.Pattern[str] | None, text: str) -> bool:
        return pattern is not None and pattern.search(fold(text)) is not None

    def entry_warns(self, entry: str) -> bool:
        """The entry itself is a warning, not a condition offered for treatment: "Sepsis makes
        PRP injections dangerous" under "Who can benefit from PRP?"."""
        return self._says(self._not_entries, entry)

    def claim(self, lead: Lead, projection: Projection) -> str | None:
        """The text of the lead that makes the list a claim (the block before the list, or, when
        that is a bare lead-in such as "These include:", the heading above it); None when
        neither announces treatment or either says the list is of risks or exclusions."""
        text = projection.block_text(lead.block)
        heading = projection.block_text(lead.heading) if lead.heading else ""
        if self._says(self._not_under, text):
            return None
        if self._says(self._announces, text):
            announcing = text
        elif (
            heading
            and text.rstrip().endswith(":")
            and not self._says(self._not_under, heading)
            and self._says(self._announces, heading)
        ):
            announcing = heading
        else:
            return None
        if self._naming is not None and not self._says(self._naming, text + "\n" + heading):
            return None
        return shown_lead(announcing)


def shown_lead(text: str) -> str:
    """A lead as a message quotes it: one line, without its closing colon, cut when long."""
    shown = " ".join(text.split()).rstrip(":").strip()
    if len(shown) > LEAD_SHOWN:
        shown = shown[:LEAD_SHOWN].rsplit(" ", 1)[0] + " ..."
    return shown


def listed_message(lead: str, matched: str, message: str) -> str:
    """The message of a list rule's finding: the lead, the condition it lists, then the rule's."""
    condition = " ".join(matched.split())
    first = condition.split()[0]
    # "Multiple sclerosis" at the start of an entry reads "multiple sclerosis"; "MS" and an
    # eponym ("Parkinson's disease") keep their capitals
    if first[:2] != first[:2].upper() and "'" not in first:
        condition = condition[0].lower() + condition[1:]
    return f"'{lead}' lists {condition} as treatable. {message}"
