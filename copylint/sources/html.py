"""HTML: the text a browser shows, plus the attributes and meta tags people forget.

A small tokenizer of our own, because no DOM library reports where a text node sits in the
source, and the standard library's ``html.parser`` loses offsets inside entity-bearing text.
It follows the browser's tokenizer where that decides what is visible:

- comments (an unterminated one runs to the end of the file), ``<!...>`` and ``<?...>`` are
  not text; a tag cut off by the end of the file is dropped;
- script, style and the other raw-text elements end only at their own end tag; title is read
  as text with entities decoded; code, pre, svg, math, template and noscript are skipped with
  everything inside them, and an unclosed one hides the rest of the file rather than leak it;
- an attribute value runs to its closing quote even across a ``>``;
- entities are decoded (``&nbsp;`` reads as a space); whitespace runs collapse to one space;
- block elements (p, div, li, h1 ...) separate blocks; inline elements (b, em, a ...) join
  words, so ``FDA-<b>approved</b>`` reads "FDA-approved".

Visible attributes (alt, title, aria-label, placeholder) and the content of description,
keywords, og: and twitter: meta tags become blocks of their own, kind ``attr:alt``,
``meta:description`` and so on. In MDX mode every string prop of a component
(``<Hero heading="...">``) is copy too, except props that hold code or addresses.
"""

from __future__ import annotations

import html
import re

from copylint.sources.projection import Projection, ProjectionBuilder

# A masked character (a template tag, say) is invisible: it neither shows nor separates words.
MASK = "\ue000"

VISIBLE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
META_NAMES = frozenset(
    {
        "description",
        "keywords",
        "og:title",
        "og:description",
        "twitter:title",
        "twitter:description",
    }
)
# Props of MDX components that hold code, addresses or styling rather than copy.
NON_COPY_PROPS = frozenset(
    {
        "href",
        "src",
        "srcset",
        "to",
        "id",
        "key",
        "class",
        "classname",
        "style",
        "type",
        "name",
        "rel",
        "target",
        "width",
        "height",
        "size",
        "variant",
        "color",
        "icon",
        "as",
        "lang",
        "slug",
        "url",
        "image",
        "path",
        "layout",
        "theme",
    }
)

RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
READ_AS_TEXT = frozenset({"title", "textarea"})  # RCDATA: no tags inside, entities decoded
SKIPPED = frozenset({"code", "pre", "svg", "math", "template", "object", "canvas"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "label",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose text is one entry of a list or table (Block.item).
ITEMS = frozenset({"li", "td", "th", "dd"})

_TAG_NAME = re.compile(r"[A-Za-z][^\s/>\ue000]*")
_TAG_START = re.compile(r"<([A-Za-z][^\s/>\ue000]*)")
_ATTRIBUTE = re.compile(
    r"""[\s/\ue000]*(?:(?P<name>[^\s/>][^\s/>=]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>"'][^\s>]*)))?)?"""
)
_UNTERMINATED_VALUE = re.compile(r"""[^\s/>][^\s/>=]*\s*=\s*["']""")
_TEXT_TOKEN = re.compile(
    r"(?P<ws>[ \t\n\r\f\xa0]+)"
    r"|(?P<entity>&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?))"
    r"|(?P<mask>\ue000+)"
    # words and single spaces: a copy
    r"|(?P<word>[^ \t\n\r\f\xa0&\ue000]+(?: [^ \t\n\r\f\xa0&\ue000]+)*|&)"
)
_END_TAGS: dict[str, re.Pattern] = {}


def _end_tag(name: str) -> re.Pattern:
    pattern = _END_TAGS.get(name)
    if pattern is None:
        pattern = _END_TAGS[name] = re.compile(
            r"</" + re.escape(name) + r"(?=[\s/>])", re.IGNORECASE
        )
    return pattern


def parse_attributes(
    source: str, position: int, end: int
) -> tuple[list[tuple[str, int, int]], int] | None:
    """The attributes of the tag whose name ends at ``position``: (lower-case name, value start,
    value end) each, and the offset of the tag's closing ``>``; None when the file ends first."""
    attributes: list[tuple[str, int, int]] = []
    while True:
        match = _ATTRIBUTE.match(source, position, end)
        assert match is not None  # every part of _ATTRIBUTE is optional
        position = match.end()
        if match.group("name") is None:
            break
        for group in ("dq", "sq", "uq"):
            if match.group(group) is not None:
                attributes.append(
                    (match.group("name").lower(), match.start(group), match.end(group))
                )
                break
        else:
            if _UNTERMINATED_VALUE.match(source, match.start("name"), end):
                return None
    if position >= end or source[position] != ">":
        return None
    return attributes, position


def copy_attributes(
    source: str, tag: str, attributes: list[tuple[str, int, int]], mdx: bool = False
) -> list[tuple[str, int, int]]:
    """The attribute values of a tag that readers see: (block kind, value start, value end)."""
    if tag.lower() == "meta":
        values = {name: (start, stop) for name, start, stop in attributes}
        key = next((k for k in ("name", "property", "itemprop") if k in values), None)
        if key and "content" in values:
            meta = source[slice(*values[key])].strip().lower()
            if meta in META_NAMES:
                return [(f"meta:{meta}", *values["content"])]
        return []
    component = mdx and tag[:1].isupper()
    return [
        (f"attr:{name}", start, stop)
        for name, start, stop in attributes
        if name in VISIBLE_ATTRIBUTES
        or (component and name not in NON_COPY_PROPS and not name.startswith(("on", "data-")))
    ]


class _HtmlReader:
    def __init__(self, source: str, builder: ProjectionBuilder, mdx: bool = False):
        self.source = source
        self.builder = builder
        self.mdx = mdx
        self.kind = "text"
        self.item = False  # inside a list item or table cell
        self.skipping: list[str] = []  # open elements whose content is skipped
        # where each name sits in ``skipping``: an end tag costs O(1), not O(depth)
        self._skip_depths: dict[str, list[int]] = {}
        self.open_blocks: dict[str, int] = {}  # so that a stray end tag is ignored, as browsers do
        # attribute blocks, emitted after the current block
        self.deferred: list[tuple[str, int, int]] = []
        self._space_at: tuple[int, int] | None = None

    # --- output -------------------------------------------------------------------------

    def text(self, start: int, end: int) -> None:
        """Emit source[start:end] as visible text: entities decoded, whitespace collapsed."""
        builder = self.builder
        for token in _TEXT_TOKEN.finditer(self.source, start, end):
            group = token.lastgroup
            if group == "mask":
                continue
            if group == "entity":
                decoded = html.unescape(token.group())
                if decoded == token.group():
                    group = "word"
                elif decoded.isspace():
                    group = "ws"
                else:
                    self._flush_space()
                    if not builder.in_block:
                        builder.begin_block(self.kind, self.item)
                    builder.add_replacement(decoded, token.start(), token.end())
                    continue
            if group == "ws":
                if builder.in_block and self._space_at is None:
                    self._space_at = (token.start(), token.end())
                continue
            self._flush_space()
            if not builder.in_block:
                builder.begin_block(self.kind, self.item)
            builder.add(token.group(), token.start())

    def _flush_space(self) -> None:
        if self._space_at is not None:
            start, end = self._space_at
            self._space_at = None
            if self.source[start] == " " and end - start == 1:
                self.builder.add(" ", start)
            else:
                self.builder.add_replacement(" ", start, end)

    def break_block(self, next_kind: str = "text") -> None:
        self._space_at = None
        self.builder.end_block()
        self.item = False
        for kind, start, end in self.deferred:
            self.kind = kind
            self.text(start, end)
            self._space_at = None
            self.builder.end_block()
        self.deferred.clear()
        self.kind = next_kind
        self.item = next_kind == "text" and any(self.open_blocks.get(n) for n in ITEMS)

    # --- tokenizing ---------------------------------------------------------------------

    def read(self, start: int = 0, end: int | None = None) -> None:
        source = self.source
        end = len(source) if end is None else end
        position = start
        while position < end:
            lt = source.find("<", position, end)
            if lt == -1:
                lt = end
            if not self.skipping:
                self.text(position, lt)
            if lt < end:
                position = self._markup(lt, end)
            else:
                break
        self.break_block()

    def _markup(self, lt: int, end: int) -> int:
        """Consume the markup starting at ``lt``; return where text resumes."""
        source = self.source
        if source.startswith("<!--", lt):
            # <!--> and <!--->
            if source.startswith(">", lt + 4) or source.startswith("->", lt + 4):
                return source.index(">", lt + 4) + 1
            close = source.find("-->", lt + 4, end)
            return end if close == -1 else close + 3
        if source.startswith("<!", lt) or source.startswith("<?", lt):
            close = source.find(">", lt + 2, end)
            return end if close == -1 else close + 1
        if source.startswith("</", lt):
            name = _TAG_NAME.match(source, lt + 2, end)
            if name is None:  # "</>" is dropped, "</ x>" is a bogus comment
                close = source.find(">", lt + 2, end)
                return end if close == -1 else close + 1
            close = source.find(">", name.end(), end)
            if close == -1:
                return end
            self._end_tag(name.group().lower().replace(MASK, ""))
            return close + 1
        name = _TAG_NAME.match(source, lt + 1, end)
        if name is None:
            if not self.skipping:
                self.text(lt, lt + 1)  # a "<" that starts no tag is text
            return lt + 1
        return self._start_tag(name.group(), name.end(), end)

    def _start_tag(self, raw_name: str, position: int, end: int) -> int:
        source = self.source
        parsed = parse_attributes(source, position, end)
        if parsed is None:
            return end  # cut off by the end of the file (or by a quote that never closes): dropped
        attributes, position = parsed
        after = position + 1
        name = raw_name.lower()
        if self.skipping:
            if name in SKIPPED and name not in VOID and not source.startswith("/>", position - 1):
                self._skip(name)
            elif name in RAW_TEXT:
                return self._skip_raw_text(name, after, end)
            return after
        if name in BLOCKS:
            if name not in VOID:
                self.open_blocks[name] = self.open_blocks.get(name, 0) + 1
            self.break_block("heading" if name in HEADINGS else "text")
        self.deferred.extend(copy_attributes(source, raw_name, attributes, self.mdx))
        if name in RAW_TEXT:
            return self._skip_raw_text(name, after, end)
        if name in READ_AS_TEXT:
            close = _end_tag(name).search(source, after, end)
            stop = end if close is None else close.start()
            if name == "title":
                self.deferred.append(("title", after, stop))
            else:
                self.text(after, stop)
            return stop
        if name in SKIPPED and not source.startswith("/>", position - 1):
            self._skip(name)
        return after

    def _skip(self, name: str) -> None:
        self._skip_depths.setdefault(name, []).append(len(self.skipping))
        self.skipping.append(name)

    def _skip_raw_text(self, name: str, after: int, end: int) -> int:
        close = _end_tag(name).search(self.source, after, end)
        return end if close is None else close.start()

    def _end_tag(self, name: str) -> None:
        if self.skipping:
            depths = self._skip_depths.get(name)
            if depths:  # close the innermost open element of that name and everything inside it
                skipping, innermost = self.skipping, depths[-1]
                while len(skipping) > innermost:
                    self._skip_depths[skipping.pop()].pop()
            if self.skipping:
                return
        if self.open_blocks.get(name):
            self.open_blocks[name] -= 1
            self.break_block()
        # browsers read a stray </p> or </br> as an empty paragraph or a break
        elif name in (
            "p",
            "br",
        ):
            self.break_block()


def read_html(
    source: str,
    builder: ProjectionBuilder,
    start: int = 0,
    end: int | None = None,
    mdx: bool = False,
) -> None:
    """Project source[start:end], HTML, into ``builder`` (a Markdown file's HTML blocks use
    this)."""
    _HtmlReader(source, builder, mdx).read(start, end)


def tag_attribute_blocks(
    source: str, start: int, end: int, mdx: bool = False
) -> list[tuple[str, int, int]]:
    """The visible attribute values of the tags in source[start:end] (inline HTML in Markdown,
    whose text Markdown itself reports): (block kind, value start, value end) each."""
    blocks = []
    for name in _TAG_START.finditer(source, start, end):
        parsed = parse_attributes(source, name.end(), end)
        if parsed is not None:
            blocks.extend(copy_attributes(source, name.group(1), parsed[0], mdx))
    return blocks


def add_text_block(
    source: str, builder: ProjectionBuilder, kind: str, start: int, end: int
) -> None:
    """Project source[start:end] as one block of HTML text (an attribute value, say)."""
    reader = _HtmlReader(source, builder)
    builder.begin_block(kind)
    reader.kind = kind
    reader.text(start, end)
    builder.end_block()


def project_html(source: str) -> Projection:
    builder = ProjectionBuilder()
    read_html(source, builder)
    return builder.build()
