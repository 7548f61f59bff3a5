"""``copylint explain RULE``: one rule for a person, and whether the configuration enables it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import click

from copylint.reporters.suggestions import EXPLAIN, said, scope
from copylint.rulebook import Category, Rule

WIDTH = 96


def category_note(category_id: str, rules: Sequence[Rule]) -> str:
    """Said first when RULE names a category (the first of its rules is explained)."""
    return f"{category_id} is a category; its rules: {', '.join(r.id for r in rules)}\n"


def render(
    rule: Rule,
    category: Category,
    status: Sequence[str],
    config_name: str,
    for_path: str | None = None,
) -> str:
    """The explanation, with bold headings; ``status``: why the rule is or is not enabled."""
    jurisdictions = ", ".join(rule.jurisdictions)
    out = [
        click.style(rule.id, bold=True) + f"  ({rule.category}: {category.title})",
        f"severity: {rule.severity}    kind: {rule.kind}    jurisdictions: {jurisdictions}",
        "",
        rule.message,
        *(_wrap(f"message{scope(v)}: {v.text}", "  ") for v in rule.messages),
        "",
        click.style("Status", bold=True)
        + f" ({config_name}"
        + (f", for {for_path})" if for_path else ")"),
        *("  " + line for line in status),
        "",
        click.style("Why", bold=True),
        _wrap(rule.rationale),
        "",
        click.style("Suggestions", bold=True),
        *said(rule.suggestions, EXPLAIN, fit=lambda advice: _wrap(advice, "  - ")),
    ]
    if rule.kind != "directive":
        out += ["", click.style("Context", bold=True)]
        out.append(f"  suppressed when: {', '.join(sorted(rule.suppress_when)) or '-'}")
        out.append(f"  softened when:   {', '.join(sorted(rule.soften_when)) or '-'}")
        if rule.approved_products:
            out.append(f"  named products:  {', '.join(sorted(rule.approved_products))}")
    out += ["", click.style("References", bold=True)]
    out += [f"  - {r.title}\n    {r.url}" for r in rule.references]
    if rule.flag_examples or rule.pass_examples:
        out += ["", click.style("Examples", bold=True)]
        out += [f"  flag: {e}" for e in rule.flag_examples]
        out += [f"  pass: {e}" for e in rule.pass_examples]
    out += ["", f"source: {rule.source}"]
    return "\n".join(out) + "\n"


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        text, width=WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)
    )
