"""Projectors, one per source format, chosen by file suffix (or forced with --force-format).

Each format module is imported only when a file of that format is checked, so a run over plain
text never pays for the Markdown or YAML parsers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from copylint.sources.projection import Block, LineIndex, Projection, ProjectionBuilder
from copylint.sources.text import project_lines, project_text

Projector = Callable[[str], Projection]


def _project_html(source: str) -> Projection:
    from copylint.sources.html import project_html
    from copylint.sources.template import has_template_tags, mask_templates

    return project_html(mask_templates(source) if has_template_tags(source) else source)


def _project_template(source: str) -> Projection:
    from copylint.sources.template import project_template

    return project_template(source)


def _project_markdown(source: str) -> Projection:
    from copylint.sources.markdown import project_markdown

    return project_markdown(source)


def _project_mdx(source: str) -> Projection:
    from copylint.sources.markdown import project_mdx

    return project_mdx(source)


def _project_json(source: str) -> Projection:
    from copylint.sources.data import project_json

    return project_json(source)


def _project_yaml(source: str) -> Projection:
    from copylint.sources.data import project_yaml

    return project_yaml(source)


def _docx_to_text(data: bytes) -> str:
    from copylint.sources.docx import docx_to_text

    return docx_to_text(data)


@dataclass(frozen=True)
class Format:
    name: str
    project: Projector
    suffixes: tuple[str, ...] = ()
    to_text: Callable[[bytes], str] | None = None  # for formats that are not text files (.docx)
    is_data: bool = False  # JSON/YAML: tooling files such as package.json are not copy


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", project_text, (".txt", ".text")),
        Format("html", _project_html, (".html", ".htm", ".xhtml")),
        Format("template", _project_template, (".j2", ".jinja", ".jinja2", ".njk", ".liquid", ".hbs", ".handlebars", ".mustache", ".php")),
        Format("markdown", _project_markdown, (".md", ".markdown")),
        Format("mdx", _project_mdx, (".mdx",)),
        Format("json", _project_json, (".json",), is_data=True),
        Format("yaml", _project_yaml, (".yaml", ".yml"), is_data=True),
        Format("docx", project_lines, (".docx",), to_text=_docx_to_text),
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


def projector_for(path: str) -> Projector:
    found = format_for(path)
    return found.project if found else FORMATS["text"].project


__all__ = ["Block", "FORMATS", "Format", "LineIndex", "LINTED_SUFFIXES", "Projection", "ProjectionBuilder", "format_for", "projector_for", "project_text"]
