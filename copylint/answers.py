"""A yes/no question answered "yes" makes its claim in the answer.

FAQ pages ask "Is exosome therapy FDA-approved?" in a heading and answer in the next block. The
question is exempt (the ``question`` context); an answer that opens with "Yes", "Absolutely",
"Of course" ... asserts what was asked, so the finding goes on the answer's opening words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copylint.language import Language
from copylint.sources.projection import Block, Projection

_FIRST_SENTENCE = re.compile(r"[^.!?\n]*[.!?]?")


@dataclass(frozen=True)
class Answer:
    start: (
        int  # projection offsets of the affirmative words, which open the answer's first sentence
    )
    end: int
    sentence_end: int
    block: Block

    def sentence(self, projection: Projection) -> str:
        from copylint.findings import sentence_excerpt

        return sentence_excerpt(
            projection.text, self.start, self.sentence_end, self.start, self.end
        )


def affirming_answer(
    projection: Projection, block: Block, doc, question_end: int, language: Language
) -> Answer | None:
    """The answer to a yes/no question of ``doc`` (the text of ``block``) that ends before token
    ``question_end``, when it says yes: the next sentence of the block, or the next block when the
    question ends its block. The opening words that say yes are ``language``'s."""
    if question_end < len(doc):
        start = block.start + doc[question_end].idx
        answer_block = block
    else:
        index = next((i for i, b in enumerate(projection.blocks) if b is block), None)
        if index is None or index + 1 >= len(projection.blocks):
            return None
        answer_block = projection.blocks[index + 1]
        start = answer_block.start
    # Matched in place, not on a copy of the rest of the block: a block may hold thousands of
    # questions.
    match = language.affirmative_at.match(projection.text, start, answer_block.end)
    if match is None:
        return None
    sentence = _FIRST_SENTENCE.match(projection.text, match.start(1), answer_block.end)
    sentence_end = sentence.end() if sentence else match.end(1)  # the pattern matches anywhere
    return Answer(match.start(1), match.end(1), sentence_end, answer_block)
