"""Projectors, one per source format, chosen by file suffix (or forced with --force-format).

Each format module is imported only when a file of that format is checked, so a run over plain
text never pays for the Markdown or YAML parsers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath

from copylint.sources import comments
from copylint.sources.projection import Block, LineIndex, Projection, ProjectionBuilder
from copylint.sources.text import project_lines, project_text

Projector = Callable[[str], Projection]


def _lazy(module: str, name: str) -> Callable:
    """A function of a format module, imported on first call."""

    def call(arg):
        from importlib import import_module

        return getattr(import_module(module), name)(arg)

    call.__name__ = name
    return call


@dataclass(frozen=True)
class Format:
    name: str
    project: Projector
    suffixes: tuple[str, ...] = ()
    to_text: Callable[[bytes], str] | None = None  # for formats that are not text files (.docx)
    is_data: bool = False  # JSON/YAML: tooling files such as package.json are not copy
    comments: re.Pattern | None = None  # its comment syntax (see comments.py); None: it has none


# A plain-text draft that is an HTML page pasted in (an export, a CMS's "source" view): read as
# HTML, or its tags would be read as words. A document's opening, or block tags opened and
# closed at least twice each ("<p>...</p>"; one "<p>" in a sentence about tags is not a page).
_HTML_DOCUMENT = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_BLOCKS = r"(?:p|h[1-6]|div|li|ul|ol|section|article|table|tr|td|blockquote)"
_BLOCK_TAGS = (
    re.compile(rf"<{_BLOCKS}(?:\s[^<>]*)?>", re.IGNORECASE),  # opened
    re.compile(rf"</{_BLOCKS}\s*>", re.IGNORECASE),  # and closed
)


def holds_html(text: str) -> bool:
    """Whether a text file holds an HTML page or HTML fragments rather than plain copy."""
    if _HTML_DOCUMENT.match(text):
        return True
    return all(len(list(islice(tag.finditer(text), 2))) == 2 for tag in _BLOCK_TAGS)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", project_text, (".txt", ".text")),
        Format(
            "html",
            _lazy("copylint.sources.template", "project_page"),
            (".html", ".htm", ".xhtml"),
            comments=comments.MARKUP,
        ),
        Format(
            "template",
            _lazy("copylint.sources.template", "project_template"),
            (
                ".j2",
                ".jinja",
                ".jinja2",
                ".njk",
                ".liquid",
                ".hbs",
                ".handlebars",
                ".mustache",
                ".php",
            ),
            comments=comments.MARKUP,
        ),
        Format(
            "markdown",
            _lazy("copylint.sources.markdown", "project_markdown"),
            (".md", ".markdown"),
            comments=comments.MARKUP,
        ),
        Format(
            "mdx",
            _lazy("copylint.sources.markdown", "project_mdx"),
            (".mdx",),
            comments=comments.MARKUP,
        ),
        Format("json", _lazy("copylint.sources.data", "project_json"), (".json",), is_data=True),
        Format(
            "yaml",
            _lazy("copylint.sources.data", "project_yaml"),
            (".yaml", ".yml"),
            is_data=True,
            comments=comments.YAML,
        ),
        Format(
            "docx",
            project_lines,
            (".docx",),
            to_text=_lazy("copylint.sources.docx", "docx_to_text"),
        ),
    )
}
_BY_SUFFIX = {suffix: f for f in FORMATS.values() for suffix in f.suffixes}
LINTED_SUFFIXES = frozenset(_BY_SUFFIX)


def format_for(path: str, forced: str | None = None) -> Format | None:
    """The format of a path: forced, else by suffix, else plain text (stdin included).

    None means the file is not copy at all (a package.json, a lock file).
    """
    if forced:
        return FORMATS[forced]
    found = _BY_SUFFIX.get(PurePath(path).suffix.lower(), FORMATS["text"])
    if found.is_data:
        from copylint.sources.data import is_copy_file

        if not is_copy_file(PurePath(path).name):
            return None
    return found


__all__ = [
    "Block",
    "FORMATS",
    "Format",
    "LineIndex",
    "LINTED_SUFFIXES",
    "Projection",
    "ProjectionBuilder",
    "format_for",
    "project_text",
]
