"""copylint's findings as LSP diagnostics, and a rule's explanation as hover Markdown."""

from __future__ import annotations

from lsprotocol import types

from copylint.findings import Finding, Problem
from copylint.lsp.positions import DocumentLines
from copylint.reporters.suggestions import HELP_MARKDOWN, TEXT, said
from copylint.rulebook import Rule, Rulebook

SOURCE = "copylint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def message(finding: Finding) -> str:
    """The finding's message, where it is when not running text, and its first suggestion (the
    fix when it has one), as the text report says them."""
    said_first = (
        [f'replace with "{finding.fix.replacement}" (quick fix)']
        if finding.fix
        else said(finding.suggestions[:1], TEXT)[:1]
    )
    where = f" (in {finding.where})" if finding.where != "text" else ""
    return f"{finding.message}{where}" + "".join(f"\nsuggestion: {s}" for s in said_first)


def rule_docs(rule: Rule | None) -> str | None:
    """Where a rule is explained for a person: its first reference, as SARIF's helpUri."""
    return rule.references[0].url if rule and rule.references else None


def diagnostic(
    finding: Finding, lines: DocumentLines, rulebook: Rulebook, uri: str
) -> types.Diagnostic:
    docs = rule_docs(rulebook.by_id.get(finding.rule))
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri, lines.finding_range(place)), message=place.message
        )
        for place in finding.related
    ]
    return types.Diagnostic(
        range=lines.finding_range(finding),
        message=message(finding),
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=docs) if docs else None,
        source=SOURCE,
        related_information=related or None,
    )


def unreadable(problem: Problem) -> types.Diagnostic:
    """A document copylint cannot read in its format (invalid JSON, say): one error at its
    start."""
    start = types.Position(0, 0)
    return types.Diagnostic(
        range=types.Range(start, start),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def explanation(rule: Rule, finding: Finding) -> str:
    """A rule for a person, in Markdown: what it says here, why, what to write instead, and the
    references (the parts of ``copylint explain`` a writer needs while writing)."""
    out = [f"**copylint: `{rule.id}`** ({finding.severity}, {rule.category})", "", finding.message]
    if rule.rationale:
        out += ["", "**Why**", "", rule.rationale]
    suggestions = said(finding.suggestions or rule.suggestions, HELP_MARKDOWN)
    if suggestions:
        out += ["", "**Suggestions**", "", *suggestions]
    if rule.references:
        out += ["", "**References**", ""]
        out += [f"- [{r.title}]({r.url})" for r in rule.references]
    return "\n".join(out)
