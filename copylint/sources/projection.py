"""The seam between source formats and the engine.

A projector turns a decoded source file into a ``Projection``: the text a reader sees, cut
into blocks (a paragraph, a heading, an attribute value ...), plus a map from every projected
character back to the source characters it came from. Rules only ever see projected text;
findings get their positions back through ``to_source`` and ``LineIndex``.

The map is a list of segments. Most segments are copies (a run of projected text that stands
1:1 in the source); a *replacement* is projected text that stands for a source run of another
length (``&amp;`` -> ``&``, ``\\u00e9`` -> ``é``) and maps as a whole. Text with no source at
all (a space that joins two lines) is *synthetic* and maps to the end of the run before it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

BLOCK_SEPARATOR = "\n\n"
# Typographic variants that rules should read as their plain forms. Each is one character for
# one, so offsets hold: non-breaking and other hyphens, non-breaking and thin spaces.
TYPOGRAPHY = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}
)


class SourceError(ValueError):
    """A file cannot be read in its format (invalid JSON, say); the message says where."""


@dataclass(frozen=True)
class Block:
    start: int  # offsets in Projection.text, end exclusive
    end: int
    kind: str  # "text", "heading", "attr:alt", "meta:description", ...
    # one entry of a list or a table (an HTML <li> or <td>, a Markdown item or table cell, a
    # bulleted line of text): what the block before the list announces applies to it
    item: bool = False


class OffsetMap:
    """Projected offset -> source offsets, over sorted parallel lists looked up with bisect."""

    def __init__(
        self,
        proj_starts: list[int],
        src_starts: list[int],
        proj_lengths: list[int],
        src_lengths: list[int],
    ):
        self._proj_starts = proj_starts
        self._src_starts = src_starts
        self._proj_lengths = proj_lengths
        self._src_lengths = src_lengths

    def segments(self) -> list[tuple[int, int, int, int]]:
        """(projected start, source start, projected length, source length) per segment."""
        return list(
            zip(
                self._proj_starts,
                self._src_starts,
                self._proj_lengths,
                self._src_lengths,
                strict=True,
            )
        )

    def source_start(self, offset: int) -> int:
        """Where the source of the projected character at ``offset`` starts."""
        i = bisect_right(self._proj_starts, offset) - 1
        if i < 0:
            return 0
        inside = offset - self._proj_starts[i]
        if inside < self._proj_lengths[i]:
            if self._proj_lengths[i] == self._src_lengths[i]:
                return self._src_starts[i] + inside
            return self._src_starts[i]
        return self._src_starts[i] + self._src_lengths[i]

    def copy_run(self, offset: int) -> tuple[int, int] | None:
        """(source offset, characters left in the run) when ``offset`` is inside a copy."""
        i = bisect_right(self._proj_starts, offset) - 1
        if i < 0:
            return None
        inside = offset - self._proj_starts[i]
        if inside < self._proj_lengths[i] and self._proj_lengths[i] == self._src_lengths[i]:
            return self._src_starts[i] + inside, self._proj_lengths[i] - inside
        return None

    def source_end(self, offset: int) -> int:
        """Where the source of the projected character at ``offset`` ends (exclusive)."""
        i = bisect_right(self._proj_starts, offset) - 1
        if i < 0:
            return 0
        inside = offset - self._proj_starts[i]
        if inside < self._proj_lengths[i] and self._proj_lengths[i] == self._src_lengths[i]:
            return self._src_starts[i] + inside + 1
        return self._src_starts[i] + self._src_lengths[i]


class Projection:
    """Visible text + blocks + the offset map back to the source."""

    def __init__(self, text: str, blocks: list[Block], offsets: OffsetMap):
        self.text = text
        self.blocks = blocks
        self.offsets = offsets

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def copied_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span when the projected span [start, end) is one verbatim run of it (no
        markup, entity or escape inside), else None. Only such a span may be rewritten in place."""
        run = self.offsets.copy_run(start)
        if run is None or run[1] < end - start:
            return None
        return run[0], run[0] + end - start

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span [start, end) of the projected span [start, end) (end > start)."""
        return self.offsets.source_start(start), self.offsets.source_end(end - 1)

    def as_written(self, source: str, start: int, end: int) -> str:
        """The projected span [start, end) as ``source`` writes it wherever the projection copied
        it verbatim, so a no-break space or non-breaking hyphen (which rules read folded, see
        TYPOGRAPHY) is given back as written; text standing for markup or an escape (``&nbsp;``,
        ``\\u00a0``) stays the visible text. As long as the span: one character per character."""
        shown = self.text[start:end]
        if " " not in shown and "-" not in shown:  # TYPOGRAPHY folds only to these
            return shown
        pieces, position = [], start
        while position < end:
            run = self.offsets.copy_run(position)
            if run is None:  # a replacement: the visible character
                pieces.append(self.text[position])
                position += 1
                continue
            length = min(run[1], end - position)
            piece = self.text[position : position + length]
            written = source[run[0] : run[0] + length]
            if written != piece:  # keep a written character only where folding made the difference
                written = (
                    "".join(
                        w if w.translate(TYPOGRAPHY) == p else p
                        for w, p in zip(written, piece, strict=True)
                    )
                    if len(written) == length
                    else piece
                )
            pieces.append(written)
            position += length
        return "".join(pieces)


class ProjectionBuilder:
    """Collects visible text block by block; each piece is a copy, a replacement or synthetic."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._block_start: int | None = None
        self._block_kind = "text"
        self._block_item = False
        self._proj_starts: list[int] = []
        self._src_starts: list[int] = []
        self._proj_lengths: list[int] = []
        self._src_lengths: list[int] = []

    @property
    def in_block(self) -> bool:
        """True when the current block already has text."""
        return self._block_start is not None and self._length > self._block_start

    def begin_block(self, kind: str = "text", item: bool = False) -> None:
        if self._block_start is not None:
            self.end_block()
        self._block_start = self._length
        self._block_kind = kind
        self._block_item = item

    def _append(self, text: str) -> None:
        if self._block_start is None:
            self.begin_block()
        self._parts.append(text)
        self._length += len(text)

    def add(self, text: str, source_offset: int) -> None:
        """Append text that stands 1:1 at ``source_offset`` in the source."""
        if not text:
            return
        if self._block_start is None:
            self.begin_block()
        last = len(self._proj_lengths) - 1
        if (
            last >= 0
            and self._proj_lengths[last] == self._src_lengths[last]
            and self._proj_starts[last] + self._proj_lengths[last] == self._length
            and self._src_starts[last] + self._src_lengths[last] == source_offset
        ):
            self._proj_lengths[last] += len(text)  # contiguous with the previous copy: extend it
            self._src_lengths[last] += len(text)
        else:
            self._push(self._length, source_offset, len(text), len(text))
        self._append(text)

    def add_replacement(self, text: str, source_start: int, source_end: int) -> None:
        """Append text that stands for the whole source run [source_start, source_end)."""
        if not text:
            return
        if self._block_start is None:
            self.begin_block()
        self._push(self._length, source_start, len(text), source_end - source_start)
        self._append(text)

    def _push(self, proj_start: int, src_start: int, proj_length: int, src_length: int) -> None:
        self._proj_starts.append(proj_start)
        self._src_starts.append(src_start)
        self._proj_lengths.append(proj_length)
        self._src_lengths.append(src_length)

    def add_synthetic(self, text: str) -> None:
        """Append text with no source of its own (a space that joins two lines, say)."""
        if text:
            self._append(text)

    def add_projection(
        self,
        inner: Projection,
        through: OffsetMap | None = None,
        shift: int = 0,
        rename: Callable[[str], str] | None = None,
    ) -> None:
        """Append every block of ``inner``, a projection of a string nested in this source
        (HTML in a JSON value, say). Its offsets are mapped ``through`` the map of that string
        to this source, or just shifted by ``shift`` when the string is a verbatim slice."""
        segments = inner.offsets.segments()
        starts = [s[0] for s in segments]
        for block in inner.blocks:
            self.begin_block(rename(block.kind) if rename else block.kind, block.item)
            position = block.start
            for proj_start, src_start, proj_len, src_len in segments[
                max(0, bisect_right(starts, block.start) - 1) :
            ]:
                if proj_start >= block.end:
                    break
                stop = min(block.end, proj_start + proj_len)
                if stop <= position:
                    continue
                if proj_start > position:
                    self.add_synthetic(inner.text[position:proj_start])
                    position = proj_start
                piece = inner.text[position:stop]
                if proj_len != src_len:
                    self._add_mapped(piece, src_start, src_start + src_len, through, shift)
                elif through is None:
                    self.add(piece, src_start + position - proj_start + shift)
                else:
                    self._add_copy_through(piece, src_start + position - proj_start, through)
                position = stop
            if position < block.end:
                self.add_synthetic(inner.text[position : block.end])
            self.end_block()

    def _add_copy_through(self, piece: str, start: int, through: OffsetMap) -> None:
        """Add ``piece``, which stands 1:1 at ``start`` of a string mapped ``through`` to the
        source."""
        done = 0
        while done < len(piece):
            run = through.copy_run(start + done)
            if run is None:  # an escape in the string: one character maps to the whole escape
                self._add_mapped(piece[done], start + done, start + done + 1, through, 0)
                done += 1
            else:
                length = min(run[1], len(piece) - done)
                self.add(piece[done : done + length], run[0])
                done += length

    def _add_mapped(
        self, text: str, start: int, end: int, through: OffsetMap | None, shift: int
    ) -> None:
        if through is None:
            src_start, src_end = start + shift, end + shift
        else:
            src_start, src_end = through.source_start(start), through.source_end(end - 1)
        if len(text) == src_end - src_start == 1:
            self.add(text, src_start)
        else:
            self.add_replacement(text, src_start, src_end)

    def end_block(self) -> None:
        if self._block_start is None:
            return
        if self._length > self._block_start:
            self._blocks.append(
                Block(self._block_start, self._length, self._block_kind, self._block_item)
            )
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        self._block_start = None

    def build(self) -> Projection:
        self.end_block()
        offsets = OffsetMap(
            self._proj_starts, self._src_starts, self._proj_lengths, self._src_lengths
        )
        return Projection("".join(self._parts).translate(TYPOGRAPHY), self._blocks, offsets)


_UTF16_STEP = 4096


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
        # per long line: UTF-16 units before every _UTF16_STEP code points
        self._utf16_marks: dict[int, list[int]] = {}

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
        if column <= _UTF16_STEP:
            prefix = self.source[start : start + column - 1]
            return column if prefix.isascii() else 1 + len(prefix.encode("utf-16-le")) // 2
        # Far into a long line (a minified page): count from the last checkpoint, not from the
        # line start, so that many findings on one line do not each re-read it.
        marks = self._utf16_marks.get(line)
        if marks is None:
            marks = self._utf16_marks[line] = [0]
        step = (column - 1) // _UTF16_STEP
        source = self.source
        while len(marks) <= step:
            k = len(marks)
            piece = source[start + (k - 1) * _UTF16_STEP : start + k * _UTF16_STEP]
            marks.append(
                marks[-1] + (len(piece) if piece.isascii() else len(piece.encode("utf-16-le")) // 2)
            )
        rest = source[start + step * _UTF16_STEP : start + column - 1]
        return (
            1 + marks[step] + (len(rest) if rest.isascii() else len(rest.encode("utf-16-le")) // 2)
        )
