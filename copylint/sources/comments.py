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


def bodies(pattern: re.Pattern, source: str):
    """(match, body) for every comment in the source."""
    for match in pattern.finditer(source):
        yield match, next(group for group in match.groups() if group is not None)
