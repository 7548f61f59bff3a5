"""Templates (Jinja, Nunjucks, Liquid, Handlebars/Mustache, PHP): the text around the tags.

Template statements, expressions and comments are not copy. They are masked, character for
character, with an invisible character that neither shows nor separates words, and the rest is
read as HTML (or Markdown). Offsets therefore stay those of the file, and a tag inside a phrase
(``FDA-{% if x %}approved{% endif %}``) does not hide it. Line breaks inside a tag are kept so
that the lines of the file stay where they are.
"""

from __future__ import annotations

import re

from copylint.sources.html import MASK, project_html
from copylint.sources.projection import Projection

# Comments first, so that a tag inside a comment is masked with the comment. The bounded
# repeats keep an unterminated "{{" from scanning to the end of the file again and again.
_TEMPLATE_CONSTRUCT = re.compile(
    r"\{%-?\s*comment\s*-?%\}[\s\S]*?(?:\{%-?\s*endcomment\s*-?%\}|\Z)"  # Liquid comment block
    r"|\{#[\s\S]{0,20000}?#\}"  # Jinja / Nunjucks comment
    r"|\{\{!--[\s\S]*?(?:--\}\}|\Z)"  # Handlebars block comment
    r"|\{\{\{[\s\S]{0,4000}?\}\}\}"  # Handlebars raw expression
    r"|\{\{[\s\S]{0,4000}?\}\}"  # expression (Handlebars comments {{! }} included)
    r"|\{%[\s\S]{0,4000}?%\}"  # statement
    r"|<\?(?:php|=)?[\s\S]*?(?:\?>|\Z)"  # PHP
)
_ANY_TAG = re.compile(r"\{[{%#]|<\?(?:php|=|\s)")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def has_template_tags(source: str) -> bool:
    return _ANY_TAG.search(source) is not None


def mask_spans(source: str, spans: list[tuple[int, int]]) -> str:
    """The source with each [start, end) span masked: same length, line breaks kept."""
    if not spans:
        return source
    parts, position = [], 0
    for start, end in spans:
        parts += [source[position:start], _NOT_LINE_BREAK.sub(MASK, source[start:end])]
        position = end
    parts.append(source[position:])
    return "".join(parts)


def mask_templates(source: str) -> str:
    """The source with every template construct masked."""
    return mask_spans(source, [m.span() for m in _TEMPLATE_CONSTRUCT.finditer(source)])


def project_template(source: str) -> Projection:
    return project_html(mask_templates(source))


def project_page(source: str) -> Projection:
    """An HTML page, which may hold template tags (a Jekyll or Django layout named .html)."""
    return project_html(mask_templates(source) if has_template_tags(source) else source)
