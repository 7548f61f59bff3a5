"""Markdown and MDX: headings, paragraphs, lists, tables and front matter, with exact offsets.

Parsed with pyromark (pulldown-cmark), which reports the byte range of every inline text event,
so emphasis joins words (``**No** contraindications`` reads "No contraindications") and each
character maps back to the file. Link text is copy, the URL is not; image alt text is a block
of its own; code spans, fenced and indented code are skipped; HTML blocks go through the HTML
projector; YAML front matter through the data projector (kind ``frontmatter:title`` ...).

MDX: ``import``/``export`` blocks and ``{expressions}`` (comments included) are masked before
parsing, and components' string props (``<Callout title="...">``) are copy. Liquid or Jinja tags
in a Markdown page (Jekyll, Eleventy) are masked as in templates.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

import pyromark

from copylint.sources import data
from copylint.sources.html import (
    MASK,
    RAW_TEXT,
    SKIPPED,
    add_text_block,
    read_html,
    tag_attribute_blocks,
)
from copylint.sources.projection import Projection, ProjectionBuilder
from copylint.sources.template import has_template_tags, mask_spans, mask_templates

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
)
_BLOCK_KINDS = {
    "Paragraph": "text",
    "Heading": "heading",
    "Item": "text",
    "TableCell": "table",
    "DefinitionListTitle": "text",
    "DefinitionListDefinition": "text",
}
# Containers whose text is one entry of a list or table (Block.item), with all inside them.
_ITEMS = frozenset({"Item", "TableCell", "DefinitionListDefinition"})
_SKIPPED_CONTAINERS = frozenset(
    {"CodeBlock", "MetadataBlock", "HtmlBlock", "DisplayMath", "InlineMath"}
)
# Inline HTML in a paragraph whose content the HTML reader would not show either.
_INLINE_HIDDEN = re.compile(
    r"<(/?)(" + "|".join(sorted(RAW_TEXT | SKIPPED)) + r")\b[^>]*?(/?)>", re.IGNORECASE
)
_UNMASKED = re.compile(f"[^{MASK}]+")
_TOML_STRING = re.compile(
    r'^[ \t]*([A-Za-z0-9_.-]+)[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"', re.MULTILINE
)


class _ByteOffsets:
    """UTF-8 byte offsets (what pyromark reports) -> code-point offsets."""

    def __init__(self, text: str):
        self._ascii = text.isascii()
        self._byte_starts: list[int] = []
        self._extra_after: list[int] = []
        if not self._ascii:
            extra = 0
            for index, ch in enumerate(text):
                if ord(ch) > 0x7F:
                    width = len(ch.encode("utf-8"))
                    self._byte_starts.append(index + extra)
                    extra += width - 1
                    self._extra_after.append(extra)

    def __call__(self, byte_offset: int) -> int:
        if self._ascii:
            return byte_offset
        before = bisect_left(self._byte_starts, byte_offset)  # multi-byte characters before it
        return byte_offset - self._extra_after[before - 1] if before else byte_offset


def _mask_mdx(source: str) -> str:
    """Mask ESM (import/export up to the next blank line) and {expressions} outside code."""
    spans: list[tuple[int, int]] = []
    offset = 0
    in_esm = in_fence = False
    fence = ""
    for line in source.split("\n"):
        stripped = line.strip()
        if in_fence:
            if stripped.startswith(fence):
                in_fence = False
        elif stripped.startswith(("```", "~~~")):
            in_fence, fence = True, stripped[:3]
        elif in_esm or re.match(r"(import|export)\s", line):
            in_esm = bool(stripped)
            spans.append((offset, offset + len(line)))
        else:
            spans.extend(_expressions(line, offset))
        offset += len(line) + 1
    return mask_spans(source, spans)


def _expressions(line: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the {expressions} in one line, outside `code`; an unclosed one runs to its end."""
    spans = []
    depth, start, in_code = 0, 0, False
    for i, ch in enumerate(line):
        if ch == "`" and depth == 0:
            in_code = not in_code
        elif in_code:
            continue
        elif ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                spans.append((offset + start, offset + i + 1))
    if depth:
        spans.append((offset + start, offset + len(line)))
    return spans


class _MarkdownReader:
    def __init__(self, source: str, mdx: bool):
        self.source = source
        self.mdx = mdx
        self.builder = ProjectionBuilder()
        self.kinds: list[tuple[str, bool]] = []  # the open blocks' kinds, and whether items
        self.skip_depth = 0  # inside code blocks, HTML blocks, front matter, math
        self.autolink_depth = 0
        self.inline_hidden_depth = 0  # inside inline <script>, <code> ... in a paragraph
        self.image_depth = 0
        # Shown after the block they sit in: attribute values of inline HTML, image alt texts.
        self.deferred_attributes: list[tuple[str, int, int]] = []
        self.deferred_alts: list[list[tuple[str, int, int]]] = []
        self.alt_pieces: list[tuple[str, int, int]] = []

    def read(self) -> Projection:
        masked = (
            mask_templates(self.source)
            if has_template_tags(self.source) and not self.mdx
            else self.source
        )
        if self.mdx:
            masked = _mask_mdx(masked)
        self.masked = masked
        chars = _ByteOffsets(masked)
        value: Any  # an event's payload: text for Text and InlineHtml
        for event, span in pyromark.events_with_range(masked, options=_OPTIONS):
            start, end = chars(span["start"]), chars(span["end"])
            if isinstance(event, str):
                self._marker(event, start, end)
                continue
            ((name, value),) = event.items()
            if name == "Start":
                self._start(value, start, end)
            elif name == "End":
                self._end(value)
            elif name == "Text":
                self._text(value, start, end)
            elif name == "InlineHtml" and not self.skip_depth:
                self._inline_html(value, start, end)
        self._close_block()
        return self.builder.build()

    def _inline_html(self, tag: str, start: int, end: int) -> None:
        hidden = _INLINE_HIDDEN.match(tag)
        if hidden and not hidden.group(3):
            self.inline_hidden_depth = max(
                0, self.inline_hidden_depth + (-1 if hidden.group(1) else 1)
            )
        elif not self.inline_hidden_depth:
            self.deferred_attributes.extend(tag_attribute_blocks(self.masked, start, end, self.mdx))

    def _start(self, tag, start: int, end: int) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _SKIPPED_CONTAINERS:
            self._close_block()
            self.skip_depth += 1
            if name == "HtmlBlock":
                read_html(self.masked, self.builder, start, end, mdx=self.mdx)
            elif name == "MetadataBlock":
                self._front_matter(tag["MetadataBlock"], start, end)
        elif name in _BLOCK_KINDS:
            self._close_block()
            item = name in _ITEMS or (bool(self.kinds) and self.kinds[-1][1])
            self.kinds.append((_BLOCK_KINDS[name], item))
            self.builder.begin_block(*self.kinds[-1])
        elif name == "Link" and tag["Link"]["link_type"] in ("Autolink", "Email"):
            self.autolink_depth += 1
        elif name == "Image":
            self.image_depth += 1
        elif name in ("TableRow", "TableHead", "Rule"):
            self._close_block()

    def _end(self, tag) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _SKIPPED_CONTAINERS:
            self.skip_depth -= 1
        elif name in _BLOCK_KINDS:
            self._close_block()
            self.inline_hidden_depth = 0
            if self.kinds:
                self.kinds.pop()
            if self.kinds:  # text after a nested list, still inside the outer item
                self.builder.begin_block(*self.kinds[-1])
        elif name == "Link" and self.autolink_depth:
            self.autolink_depth -= 1
        elif name == "Image":
            self.image_depth -= 1
            if not self.image_depth and self.alt_pieces:
                self.deferred_alts.append(self.alt_pieces)
                self.alt_pieces = []

    def _marker(self, event: str, start: int, end: int) -> None:
        if event in ("SoftBreak", "HardBreak") and not self.skip_depth:
            if self.image_depth:
                self.alt_pieces.append((" ", start, end))
            elif self.builder.in_block:
                self.builder.add_replacement(" ", start, end)
        elif event == "Rule":
            self._close_block()

    def _text(self, text: str, start: int, end: int) -> None:
        if self.skip_depth or self.autolink_depth or self.inline_hidden_depth:
            return
        if self.image_depth:
            self.alt_pieces.append((text, start, end))
            return
        self._add(text, start, end)

    def _add(self, text: str, start: int, end: int) -> None:
        builder = self.builder
        if self.masked[start:end] == text:
            for piece in _UNMASKED.finditer(text):
                builder.add(piece.group(), start + piece.start())
        elif text.isspace():
            builder.add_replacement(" ", start, end)  # &nbsp; and friends
        else:
            builder.add_replacement(text, start, end)  # an entity or an escaped character

    def _close_block(self) -> None:
        self.builder.end_block()
        for kind, start, end in self.deferred_attributes:
            add_text_block(self.masked, self.builder, kind, start, end)
        for pieces in self.deferred_alts:
            self.builder.begin_block("attr:alt")
            for text, start, end in pieces:
                self._add(text, start, end)
            self.builder.end_block()
        self.deferred_attributes.clear()
        self.deferred_alts.clear()

    def _front_matter(self, style: str, start: int, end: int) -> None:
        # The event range covers the fences; the body starts after the first line.
        body_start = self.masked.index("\n", start) + 1 if "\n" in self.masked[start:end] else end
        body_end = self.masked.rfind("\n", body_start, end - 1) + 1 if body_start < end else end
        if body_end <= body_start:
            return
        if style == "YamlStyle":
            try:
                inner = data.project_yaml(self.masked[body_start:body_end])
            # its line numbers count from the front matter's first line
            except data.SourceError as exc:
                lines_before = self.masked.count("\n", 0, body_start)
                raise data.SourceError(
                    re.sub(
                        r"\(line (\d+)",
                        lambda m: f"(line {int(m.group(1)) + lines_before}",
                        f"front matter: {exc}",
                        count=1,
                    )
                ) from None
            self.builder.add_projection(
                inner, shift=body_start, rename=lambda kind: "frontmatter:" + kind.split(":", 1)[1]
            )
        else:  # TOML (+++): plain string values only
            for match in _TOML_STRING.finditer(self.masked, body_start, body_end):
                if "\\" not in match.group(2):  # escapes would need TOML's decoding; rare in copy
                    self.builder.begin_block("frontmatter:" + match.group(1))
                    self._add(match.group(2), match.start(2), match.end(2))
                    self.builder.end_block()


def project_markdown(source: str) -> Projection:
    return _MarkdownReader(source, mdx=False).read()


def project_mdx(source: str) -> Projection:
    return _MarkdownReader(source, mdx=True).read()
