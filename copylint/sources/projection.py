"""The seam between source formats and the engine.

A projector turns a decoded source file into a ``Projection``: the text a reader sees, cut
into blocks (a paragraph, a heading, an attribute value ...), plus a map from every projected
character back to the source character it came from. Rules only ever see projected text;
findings get their positions back through ``to_source`` and ``LineIndex``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    start: int  # offsets in Projection.text, end exclusive
    end: int
    kind: str  # "text", "heading", "attr:alt", "meta:description", ...


class Projection:
    """Visible text + blocks + a segment map (sorted parallel lists, looked up with bisect)."""

    def __init__(self, text: str, blocks: list[Block], proj_starts: list[int], src_starts: list[int], lengths: list[int]):
        self.text = text
        self.blocks = blocks
        self._proj_starts = proj_starts
        self._src_starts = src_starts
        self._lengths = lengths

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def _segment(self, offset: int) -> int:
        return bisect_right(self._proj_starts, offset) - 1

    def source_offset(self, offset: int) -> int:
        """Source offset of the projected character at ``offset``.

        A synthetic character (one the projector inserted, such as a block separator) maps to
        the end of the source run before it.
        """
        i = self._segment(offset)
        if i < 0:
            return 0
        inside = offset - self._proj_starts[i]
        if inside < self._lengths[i]:
            return self._src_starts[i] + inside
        return self._src_starts[i] + self._lengths[i]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span [start, end) of the projected span [start, end) (end > start)."""
        return self.source_offset(start), self.source_offset(end - 1) + 1


class ProjectionBuilder:
    """Collects visible text block by block; each piece is either mapped to source or synthetic."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._block_start: int | None = None
        self._block_kind = "text"
        self._proj_starts: list[int] = []
        self._src_starts: list[int] = []
        self._lengths: list[int] = []

    def begin_block(self, kind: str = "text") -> None:
        if self._block_start is not None:
            self.end_block()
        self._block_start = self._length
        self._block_kind = kind

    def add(self, text: str, source_offset: int) -> None:
        """Append text that stands 1:1 at ``source_offset`` in the source."""
        if not text:
            return
        if self._block_start is None:
            self.begin_block()
        last = len(self._lengths) - 1
        if last >= 0 and self._proj_starts[last] + self._lengths[last] == self._length and (
            self._src_starts[last] + self._lengths[last] == source_offset
        ):
            self._lengths[last] += len(text)  # contiguous with the previous run: extend it
        else:
            self._proj_starts.append(self._length)
            self._src_starts.append(source_offset)
            self._lengths.append(len(text))
        self._parts.append(text)
        self._length += len(text)

    def add_synthetic(self, text: str) -> None:
        """Append text with no source of its own (a space that joins two lines, say)."""
        if not text:
            return
        if self._block_start is None:
            self.begin_block()
        self._parts.append(text)
        self._length += len(text)

    def end_block(self) -> None:
        if self._block_start is None:
            return
        if self._length > self._block_start:
            self._blocks.append(Block(self._block_start, self._length, self._block_kind))
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        self._block_start = None

    def build(self) -> Projection:
        self.end_block()
        return Projection("".join(self._parts), self._blocks, self._proj_starts, self._src_starts, self._lengths)


class LineIndex:
    """Source offset -> 1-based line and column. Lines break at ``\\n`` only (never splitlines)."""

    def __init__(self, source: str):
        self.source = source
        starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, column in code points."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending (``\\n`` or ``\\r\\n``)."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.source)
        text = self.source[start:end]
        return text[:-1] if text.endswith("\r") else text

    def utf16_column(self, line: int, column: int) -> int:
        """The 1-based UTF-16 code-unit column of a 1-based code-point column."""
        start = self._starts[line - 1]
        prefix = self.source[start : start + column - 1]
        return 1 + sum(2 if ord(ch) > 0xFFFF else 1 for ch in prefix)
