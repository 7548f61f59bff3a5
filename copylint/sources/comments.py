"""The comment syntaxes of the source formats, for reading copylint's own comments.

One group per syntax holds the comment's body. Markup formats accept every template comment too:
an .html page may be a Jinja or Liquid layout, and Markdown may hold Liquid (Jekyll).
"""

from __future__ import annotations

import re

MARKUP = re.compile(
    r"<!--(?P<html>[\s\S]*?)-->"
    r"|\{/\*(?P<mdx>[\s\S]*?)\*/\}"
    r"|\{#-?(?P<jinja>[\s\S]*?)-?#\}"
    r"|\{%-?\s*comment\s*-?%\}(?P<liquid>[\s\S]*?)\{%-?\s*endcomment\s*-?%\}"
    r"|\{\{!--(?P<hbs>[\s\S]*?)--\}\}"
    r"|\{\{!(?P<hbs_short>[\s\S]*?)\}\}"
)
YAML = re.compile(r"(?:^|(?<=\s))#(?P<yaml>[^\r\n]*)", re.M)

# MARKUP read without its lazy bodies: a lazy body that never meets its closer rescans to the end
# of the file from every opener (quadratic in unclosed "<!--"). The scanner below finds the same
# comments, looking each closer up once per stretch of the file (see _Closers).
_OPENER = re.compile(r"<!--|\{/\*|\{#|\{%-?\s*comment\s*-?%\}|\{\{!")
_LIQUID_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")


class Comment:
    """A comment found by the scanner, shaped like a match of MARKUP: span(), start(), end(),
    group(0)."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError(index)
        return self.string[self._start : self._end]


class _Closers:
    """The first occurrence of a closer at or after a position. A closer found at c (or not
    found) from p answers every later question from p..c too, so the file is read once per
    closer."""

    def __init__(self, source: str):
        self.source = source
        # closer -> (searched from, found at, end)
        self._known: dict[object, tuple[int, int, int]] = {}

    def find(self, closer: str | re.Pattern, position: int) -> tuple[int, int]:
        """(start, end) of the first ``closer`` at or after ``position``; (-1, -1) if none."""
        known = self._known.get(closer)
        if known is not None and known[0] <= position and (known[1] == -1 or position <= known[1]):
            return known[1], known[2]
        if isinstance(closer, str):
            at = self.source.find(closer, position)
            found = (at, at + len(closer)) if at != -1 else (-1, -1)
        else:
            match = closer.search(self.source, position)
            found = match.span() if match else (-1, -1)
        self._known[closer] = (position, *found)
        return found


def markup_comments(source: str):
    """(comment, body) for every comment MARKUP finds in the source, in linear time."""
    closers = _Closers(source)
    position = 0
    while True:
        opener = _OPENER.search(source, position)
        if opener is None:
            return
        at = opener.start()
        found = _comment_at(source, closers, at, opener)
        if found is None:
            position = at + 1
            continue
        end, body_start, body_end = found
        yield Comment(source, at, end), source[body_start:body_end]
        position = end


def _comment_at(source: str, closers: _Closers, at: int, opener: re.Match):
    """(end, body start, body end) of the MARKUP comment starting at ``at``, or None."""
    text = opener.group()
    if text == "<!--":
        close, end = closers.find("-->", at + 4)
        return None if close == -1 else (end, at + 4, close)
    if text == "{/*":
        close, end = closers.find("*/}", at + 3)
        return None if close == -1 else (end, at + 3, close)
    if text == "{#":
        # "{#-": the dash is the opener's
        body = at + 3 if source.startswith("-", at + 2) else at + 2
        close, end = closers.find("#}", body)
        if close == -1:
            return None
        return end, body, close - 1 if close - 1 >= body and source[close - 1] == "-" else close
    if text == "{{!":
        if source.startswith("--", at + 3):
            close, end = closers.find("--}}", at + 5)
            if close != -1:
                return end, at + 5, close
        close, end = closers.find("}}", at + 3)
        return None if close == -1 else (end, at + 3, close)
    close, end = closers.find(_LIQUID_END, opener.end())  # {% comment %}
    return None if close == -1 else (end, opener.end(), close)


def bodies(pattern: re.Pattern, source: str):
    """(match, body) for every comment in the source."""
    if pattern is MARKUP:
        yield from markup_comments(source)
        return
    for match in pattern.finditer(source):
        yield match, next(group for group in match.groups() if group is not None)
