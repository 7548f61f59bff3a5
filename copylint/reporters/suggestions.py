"""What a rule's suggestions say, in one order, and how each output words them.

A rule (or a finding) has suggestions; each may give advice, a ``replace`` wording for any match
and ``replacements`` for exact words. Every output says them in this order, suggestion by
suggestion, with the wordings below (each output keeps its own markup): the text report, the
GitHub annotations and job summary, ``copylint explain``, docs/rules.md and SARIF's rule help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from copylint.findings import Suggestion


@dataclass(frozen=True)
class Wording:
    """How one output says each kind of suggestion: ``str.format`` templates. ``advice`` gets
    {advice}, ``replace`` {wording}, ``replacement`` {words} and {wording}; a template that is
    None is not said in that output."""

    advice: str
    replace: str | None
    replacement: str | None
    # a rule's list (not a finding's): each advice says where it fits, if not everywhere
    scoped: bool = True


def _unchanged(text: str) -> str:
    return text


def said(
    suggestions: Iterable[Suggestion],
    wording: Wording,
    fit: Callable[[str], str] = _unchanged,
) -> list[str]:
    """The lines ``wording`` makes of ``suggestions``; ``fit``: how the output fits free-text
    advice into its markup (wrapped, or one table cell)."""
    lines = []
    for suggestion in suggestions:
        if suggestion.advice:
            advice = suggestion.advice + (scope(suggestion) if wording.scoped else "")
            lines.append(wording.advice.format(advice=fit(advice)))
        if suggestion.replace and wording.replace is not None:
            lines.append(wording.replace.format(wording=suggestion.replace))
        if wording.replacement is not None:
            for words, replacement in suggestion.replacements:
                lines.append(wording.replacement.format(words=words, wording=replacement))
    return lines


def scope(item) -> str:
    """Where a suggestion or message variant fits, as its listing says it: " (for claims about
    regenerative; where US law is checked)"; empty for one that fits everywhere."""
    parts = []
    if item.topics:
        parts.append("for claims about " + " or ".join(item.topics))
    if item.jurisdictions:
        parts.append("where " + "/".join(j.upper() for j in item.jurisdictions) + " law is checked")
    return f" ({'; '.join(parts)})" if parts else ""


def first_advice(suggestions: Iterable[Suggestion]) -> str | None:
    """The advice a one-line place (an annotation, a table cell) has room for."""
    return next((s.advice for s in suggestions if s.advice), None)


# The text report, under a finding without a fix (its first suggestion only; a fix is shown
# instead of the replacements). Each line follows a "suggestion:" label.
TEXT = Wording(
    advice="{advice}", replace='replace with "{wording}"', replacement=None, scoped=False
)

# copylint explain RULE: the advice comes wrapped, with its own "  - ".
EXPLAIN = Wording(
    advice="{advice}",
    replace='  - replace the matched words with: "{wording}" (--fix applies it)',
    replacement='  - replace "{words}" with "{wording}" (--fix applies it)',
)

# docs/rules.md (copylint rules --format markdown): a rule's list of facts.
DOCS = Wording(
    advice="- Instead: {advice}",
    replace='- Fix: replace with "{wording}"',
    replacement='- Fix: "{words}" → "{wording}"',
)

# SARIF's rule help, as plain text and as Markdown.
HELP_TEXT = Wording(
    advice="Instead: {advice}",
    replace="Replace with: {wording}",
    replacement='Replace "{words}" with "{wording}" (copylint check --fix)',
)
HELP_MARKDOWN = Wording(
    advice="- **Instead:** {advice}",
    replace="- **Replace with:** {wording}",
    replacement='- **Replace** "{words}" **with** "{wording}" (`copylint check --fix`)',
)
