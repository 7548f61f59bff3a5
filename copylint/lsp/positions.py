"""Offsets in a document's text and LSP positions, in the negotiated position encoding.

copylint's findings count lines at ``\\n`` only and columns in code points (and in UTF-16 code
units); LSP counts lines at ``\\n``, ``\\r\\n`` and a lone ``\\r``, and characters in the encoding
the client and server agreed on (UTF-16 unless both say otherwise).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from copylint.findings import Finding, Related

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if text.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class DocumentLines:
    """A text's lines as LSP counts them, for converting offsets and positions both ways."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.text = text
        self.encoding = encoding
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # copylint's own lines (at \n only): the same as LSP's unless a lone \r breaks one
        self.lone_cr = "\r" in text and len(self._starts) != text.count("\n") + 1
        self._newline_starts: list[int] | None = None

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        return types.Position(line, _units(self.text[start:offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position (clamped to its line, as LSP asks)."""
        if position.line >= len(self._starts):
            return len(self.text)
        start = self._starts[max(position.line, 0)]
        end = self._starts[position.line + 1] if position.line + 1 < len(self._starts) else None
        line = self.text[start:end] if end is not None else self.text[start:]
        line = line.rstrip("\r\n")
        if line.isascii() or self.encoding == types.PositionEncodingKind.Utf32:
            return start + min(position.character, len(line))
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += _units(char, self.encoding)
        return start + len(line)

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 0), len(self._starts) - 1)]

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        match = _LINE_BREAK.search(self.text, start)
        return self.text[start : match.start() if match else len(self.text)]

    def finding_range(self, finding: Finding | Related) -> types.Range:
        """Where a finding (or a place related to it) is, as an LSP range."""
        utf16_known = finding.column_utf16 > 0 and finding.end_column_utf16 > 0
        if utf16_known and not self.lone_cr and self.encoding == types.PositionEncodingKind.Utf16:
            # the engine counted UTF-16 columns already (with checkpoints on long lines)
            return types.Range(
                types.Position(finding.line - 1, finding.column_utf16 - 1),
                types.Position(finding.end_line - 1, finding.end_column_utf16 - 1),
            )
        return types.Range(
            self.position(self._finding_offset(finding.line, finding.column)),
            self.position(self._finding_offset(finding.end_line, finding.end_column)),
        )

    def _finding_offset(self, line: int, column: int) -> int:
        if self._newline_starts is None:
            find, starts = self.text.find, [0]
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._newline_starts = starts
        return self._newline_starts[line - 1] + column - 1
