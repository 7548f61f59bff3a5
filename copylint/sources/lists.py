"""Lists in a projection: which block each list entry sits under.

A list entry (``Block.item``: an HTML ``<li>`` or table cell, a Markdown item, a bulleted line)
reads with the block that introduces its list: a heading ("Conditions we treat") or a lead-in
("PRP can help with:"). In plain text, where lists are often just short lines, a short block
after a lead-in that ends with a colon or a question mark, or after a heading or a line that
reads as one, is an entry too
(but not once the lead has had marked entries: then it is what follows the list). An entry that
ends with a colon leads the entries after it.

``list_leads`` walks the blocks once and gives, per entry, its ``Lead``: the block right before
the list and the nearest heading above that block (the heading of the section the list is in).
Attribute and meta blocks (alt texts, descriptions) stand outside the flow and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from copylint.sources.projection import Block, Projection

# A block of at most this many words, right after a lead-in, is read as a list entry.
SHORT_ENTRY_WORDS = 6
# A block of at most this many words without a full stop reads as a title.
TITLE_WORDS = 8
_OPENS_LIST = (":", "?")


@dataclass(frozen=True)
class Lead:
    block: Block  # the block right before the list
    heading: Block | None  # the nearest heading above it, when it is not a heading itself


def _short_entry(text: str) -> bool:
    stripped = text.rstrip()
    return len(stripped.split()) <= SHORT_ENTRY_WORDS and not stripped.endswith(_OPENS_LIST)


def _opens_list(block: Block, text: str) -> bool:
    """A heading, a lead-in ending in a colon or question mark, or a line that reads as a title
    (a few words, no full stop: plain text has no other headings)."""
    stripped = text.rstrip()
    return (
        block.kind == "heading"
        or stripped.endswith(_OPENS_LIST)
        or (len(stripped.split()) <= TITLE_WORDS and not stripped.endswith((".", "!")))
    )


def list_leads(projection: Projection) -> dict[int, Lead]:
    """The lead of every list entry of ``projection``, keyed by the entry block's start."""
    leads: dict[int, Lead] = {}
    lead: Lead | None = None
    heading: Block | None = None
    opens = False  # the lead may introduce short unbulleted entries
    for block in projection.blocks:
        if ":" in block.kind:  # attr:alt, meta:description, frontmatter:title ...
            continue
        text = projection.block_text(block)
        if block.item or (opens and block.kind != "heading" and _short_entry(text)):
            if lead is not None:
                leads[block.start] = lead
            # after bulleted entries, a short block is what follows the list, not an entry
            opens = opens and not block.item
            if block.item and text.rstrip().endswith(":"):  # "- PRP can help with:" over more
                lead, opens = Lead(block, heading), False
            continue
        lead = Lead(block, None if block.kind == "heading" else heading)
        opens = _opens_list(block, text)
        if block.kind == "heading":
            heading = block
    return leads
