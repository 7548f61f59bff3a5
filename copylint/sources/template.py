"""Templates (Jinja, Nunjucks, Liquid, Handlebars/Mustache, PHP): the text around the tags.

Template statements, expressions and comments are not copy. They are masked, character for
character, with an invisible character that neither shows nor separates words, and the rest is
read as HTML (or Markdown). Offsets therefore stay those of the file, and a tag inside a phrase
(``FDA-{% if x %}approved{% endif %}``) does not hide it. Line breaks inside a tag are kept so
that the lines of the file stay where they are.
"""

from __future__ import annotations

import re

from copylint.sources.comments import _LIQUID_END
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
# Where a construct may start, and the openers that take more than their first two characters.
_CONSTRUCT_START = re.compile(r"\{[{%#]|<\?")
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}")
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


def construct_spans(source: str) -> list[tuple[int, int]]:
    """The (start, end) of every template construct: what ``_TEMPLATE_CONSTRUCT.finditer`` finds,
    in linear time. The regex scans up to its bound (20,000 characters for a comment) from every
    opener that never closes; here each closer is looked up once per stretch of the file."""
    from copylint.sources.comments import _Closers

    spans: list[tuple[int, int]] = []
    closers, position, length = _Closers(source), 0, len(source)
    while True:
        found = _CONSTRUCT_START.search(source, position)
        if found is None:
            return spans
        at = found.start()
        end = _construct_at(source, closers, at, length)
        if end is None:
            position = at + 1
        else:
            spans.append((at, end))
            position = end


def _construct_at(source: str, closers, at: int, length: int) -> int | None:
    """Where the construct starting at ``at`` ends (the branches of _TEMPLATE_CONSTRUCT, in
    order), or None."""

    def within(closer: str, body: int, bound: int) -> int | None:
        close, end = closers.find(closer, body)
        return end if close != -1 and close - body <= bound else None

    second = source[at + 1]
    if second == "%":
        opener = _LIQUID_COMMENT.match(source, at)
        if opener:
            close, end = closers.find(_LIQUID_END, opener.end())
            return length if close == -1 else end
        return within("%}", at + 2, 4000)
    if second == "#":
        return within("#}", at + 2, 20000)
    if second == "{":
        if source.startswith("!--", at + 2):
            close, end = closers.find("--}}", at + 5)
            return length if close == -1 else end
        if source.startswith("{", at + 2):
            end = within("}}}", at + 3, 4000)
            if end is not None:
                return end
        return within("}}", at + 2, 4000)
    body = at + 2  # "<?"
    if source.startswith("php", body):
        body += 3
    elif source.startswith("=", body):
        body += 1
    close, end = closers.find("?>", body)
    return length if close == -1 else end


def mask_templates(source: str) -> str:
    """The source with every template construct masked."""
    return mask_spans(source, construct_spans(source))


def project_template(source: str) -> Projection:
    return project_html(mask_templates(source))


def project_page(source: str) -> Projection:
    """An HTML page, which may hold template tags (a Jekyll or Django layout named .html)."""
    return project_html(mask_templates(source) if has_template_tags(source) else source)
