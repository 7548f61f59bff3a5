"""Plain text: a block per paragraph; a line break inside a paragraph reads as a space.

Web copy exported to text usually puts one paragraph, heading or bullet on each line, while
hand-wrapped drafts continue a sentence on the next line. A line therefore continues the
block before it only when that line did not end a sentence and this one starts in lower case
(``FDA-\\napproved``); otherwise it starts a block of its own, so a heading never runs into
the paragraph under it.
"""

from __future__ import annotations

import re

from copylint.sources.projection import Projection, ProjectionBuilder

_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"'”’]\s*$")
_STARTS_LOWER = re.compile(r"\s*[a-z(]")
# A bulleted or numbered line: one entry of a list (Block.item).
_BULLET = re.compile(r"\s*(?:[-*+\u2022\u2023\u25e6\u25aa\u2013\u2014]|\d{1,2}[.)])\s+\S")


def project_text(source: str) -> Projection:
    builder = ProjectionBuilder()
    previous: str | None = None
    offset = 0
    for raw in source.split("\n"):
        line_start = offset
        offset += len(raw) + 1
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            builder.end_block()
            previous = None
            continue
        if (
            previous is not None
            and not _ENDS_SENTENCE.search(previous)
            and _STARTS_LOWER.match(line)
        ):
            builder.add_synthetic(" ")
        else:
            builder.begin_block("text", bool(_BULLET.match(line)))
        builder.add(line, line_start)
        previous = line
    return builder.build()


def project_lines(source: str) -> Projection:
    """One block per non-empty line: for text made of paragraphs, one per line (.docx)."""
    builder = ProjectionBuilder()
    offset = 0
    for line in source.split("\n"):
        if line.strip():
            builder.begin_block("text", bool(_BULLET.match(line)))
            builder.add(line, offset)
        offset += len(line) + 1
    return builder.build()
