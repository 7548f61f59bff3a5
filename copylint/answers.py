"""A yes/no question answered "yes" makes its claim in the answer.

FAQ pages ask "Is exosome therapy FDA-approved?" in a heading and answer in the next block. The
question is exempt (the ``question`` context); an answer that opens with "Yes", "Absolutely",
"Of course" ... asserts what was asked, so the finding goes on the answer's opening words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copylint.sources.projection import Block, Projection

AFFIRMATIVE = re.compile(
    r"^[\W_]*(yes|yep|yeah|absolutely|definitely|certainly|of course|indeed|sure|100%)"
    r"(?![\w%])(?![\s,.!:-]*(?:not|and no|or no)\b)",  # "Absolutely not", "Yes and no"
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"[^.!?\n]*[.!?]?")


@dataclass(frozen=True)
class Answer:
    start: int  # projection offsets of the affirmative words, which open the answer's first sentence
    end: int
    sentence_end: int
    block: Block

    def sentence(self, projection: Projection) -> str:
        return projection.text[self.start : self.sentence_end].strip()


def affirming_answer(projection: Projection, block: Block, doc, question) -> Answer | None:
    """The answer to the yes/no question ``question`` (a sentence of ``doc``, the text of
    ``block``) when it says yes: the next sentence of the block, or the next block when the
    question ends its block."""
    if question.end < len(doc):
        start = block.start + doc[question.end].idx
        answer_block = block
    else:
        index = next((i for i, b in enumerate(projection.blocks) if b is block), None)
        if index is None or index + 1 >= len(projection.blocks):
            return None
        answer_block = projection.blocks[index + 1]
        start = answer_block.start
    text = projection.text[start : answer_block.end]
    match = AFFIRMATIVE.match(text)
    if match is None:
        return None
    sentence = _FIRST_SENTENCE.match(text, match.start(1))
    return Answer(start + match.start(1), start + match.end(1), start + sentence.end(), answer_block)
