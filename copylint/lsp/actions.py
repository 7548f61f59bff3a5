"""Code actions: a finding's safe replacement (what ``--fix`` writes), and a suppression comment
in the document's own comment syntax with a reason to type."""

from __future__ import annotations

import re
from pathlib import PurePath

from lsprotocol import types

from copylint.findings import Finding
from copylint.fixes import applicable
from copylint.lsp.positions import DocumentLines
from copylint.sources import format_for

# A comment of each syntax that copylint reads (copylint/sources/comments.py): by format, and for
# templates by suffix (a .njk file takes {# #}, a .hbs file {{!-- --}}).
COMMENTS = {
    "html": ("<!-- ", " -->"),
    "markdown": ("<!-- ", " -->"),
    "mdx": ("{/* ", " */}"),
    "template": ("<!-- ", " -->"),
    "yaml": ("# ", ""),
}
TEMPLATE_COMMENTS = {
    ".j2": ("{# ", " #}"),
    ".jinja": ("{# ", " #}"),
    ".jinja2": ("{# ", " #}"),
    ".njk": ("{# ", " #}"),
    ".liquid": ("{% comment %} ", " {% endcomment %}"),
    ".hbs": ("{{!-- ", " --}}"),
    ".handlebars": ("{{!-- ", " --}}"),
    ".mustache": ("{{! ", " }}"),
}
REASON = "reason"
_SNIPPET_SPECIAL = re.compile(r"([$}\\])")
# a YAML line that starts an entry (a key, a list item): a comment line above it is a comment
_YAML_ENTRY = re.compile(r"\s*(?:- |[^\s#:][^:#]*:(?:\s|$))")


def comment_syntax(name: str) -> tuple[str, str] | None:
    """How a comment opens and closes in the file ``name``; None: its format has no comments
    (plain text, JSON)."""
    source_format = format_for(name)
    if source_format is None or source_format.comments is None:
        return None
    suffix = PurePath(name).suffix.lower()
    if source_format.name == "template" and suffix in TEMPLATE_COMMENTS:
        return TEMPLATE_COMMENTS[suffix]
    return COMMENTS.get(source_format.name)


def _edit(range_: types.Range, text: str) -> types.TextEdit:
    return types.TextEdit(range=range_, new_text=text)


def _document_edit(
    uri: str, version: int, edits: list[types.TextEdit | types.SnippetTextEdit]
) -> types.WorkspaceEdit:
    # versioned: a client refuses the edit if the document changed since these findings
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)]
    )


def fix_action(
    finding: Finding, lines: DocumentLines, uri: str, version: int, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    """The finding's replacement, as --fix would apply it; None when it has none (a rule without
    a replacement, or one refused here: ``fix_refused``)."""
    fixes = applicable([finding])
    if not fixes or lines.text[fixes[0].start : fixes[0].end] != fixes[0].original:
        return None
    fix = fixes[0]
    edit = _edit(types.Range(lines.position(fix.start), lines.position(fix.end)), fix.replacement)
    return types.CodeAction(
        title=f'copylint: replace "{fix.original}" with "{fix.replacement}"',
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=_document_edit(uri, version, [edit]),
    )


def fix_all_action(
    findings: list[Finding], lines: DocumentLines, uri: str, version: int
) -> types.CodeAction | None:
    """Every replacement in the document, as --fix would write them (overlaps: the first)."""
    fixes = [f for f in applicable(findings) if lines.text[f.start : f.end] == f.original]
    if not fixes:
        return None
    edits: list[types.TextEdit | types.SnippetTextEdit] = [
        _edit(types.Range(lines.position(f.start), lines.position(f.end)), f.replacement)
        for f in fixes
    ]
    return types.CodeAction(
        title="copylint: apply every safe replacement in this file",
        kind=types.CodeActionKind.SourceFixAll,
        edit=_document_edit(uri, version, edits),
    )


def suppress_action(
    finding: Finding,
    name: str,
    lines: DocumentLines,
    uri: str,
    version: int,
    diagnostic: types.Diagnostic,
    snippets: bool,
) -> types.CodeAction | None:
    """A ``copylint-disable-next-line`` comment above the finding's line, indented as it is, with
    a reason to write after `` -- `` (selected for typing when the client takes snippets)."""
    syntax = comment_syntax(name)
    if syntax is None:
        return None
    opener, closer = syntax
    line = diagnostic.range.start.line
    text = lines.line_text(line)
    if opener.startswith("#") and not _YAML_ENTRY.match(text):
        return None  # inside a block scalar or a flow: a comment there would be text
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    at = types.Position(line, 0)
    before = f"{indent}{opener}copylint-disable-next-line {finding.rule} -- "
    after = closer + ("\r\n" if "\r\n" in lines.text else "\n")
    edit: types.TextEdit | types.SnippetTextEdit
    if snippets:
        escaped = [_SNIPPET_SPECIAL.sub(r"\\\1", part) for part in (before, after)]
        snippet = f"{escaped[0]}${{1:{REASON}}}{escaped[1]}"
        edit = types.SnippetTextEdit(
            range=types.Range(at, at), snippet=types.StringValue(value=snippet)
        )
    else:
        edit = _edit(types.Range(at, at), f"{before}{REASON}{after}")
    return types.CodeAction(
        title=f"copylint: suppress {finding.rule} on this line (write the reason)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_document_edit(uri, version, [edit]),
    )
