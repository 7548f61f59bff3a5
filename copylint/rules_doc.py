"""The rule packs as a Markdown reference (``copylint rules --format markdown``; docs/rules.md)."""

from __future__ import annotations

from copylint.reporters.suggestions import DOCS, said, scope
from copylint.rulebook import Rule, Rulebook

HEADER = """\
# copylint rules

Generated from the rule packs by `copylint rules --format markdown`; do not edit by hand
(tests/test_rules_doc.py checks that it is current). `copylint explain RULE` shows the same for
one rule, with whether your configuration enables it.

Severity is the rule's default; a hedge softens it by one step where the rule says so, and your
configuration can change it. Jurisdictions: `any` rules load everywhere; the others load when the
configuration's `jurisdictions` include theirs (all four by default). Opt-in rules carry one
jurisdiction's stricter law and load only when the configuration names it.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(book: Rulebook) -> str:
    rules = [rule for rule in book if rule.kind != "directive"]
    by_category: dict[str, list[Rule]] = {}
    for rule in rules:
        by_category.setdefault(rule.category, []).append(rule)
    lines = [
        HEADER,
        f"{len(rules)} rules in {len(by_category)} categories.",
        "",
        "| category | title | rules |",
        "|---|---|---|",
    ]
    for category_id, members in by_category.items():
        category = book.categories[category_id]
        names = ", ".join(f"`{r.id}`" for r in members)
        lines.append(f"| [`{category_id}`](#{category_id}) | {_cell(category.title)} | {names} |")
    for category_id, members in by_category.items():
        category = book.categories[category_id]
        lines += [
            "",
            f"## {category_id}",
            "",
            f"**{category.title}.** {_cell(category.description)}",
        ]
        for rule in members:
            lines += _rule(rule)
    return "\n".join(lines) + "\n"


def _rule(rule: Rule) -> list[str]:
    where = ", ".join(rule.jurisdictions) + (" (opt-in)" if rule.opt_in else "")
    where += " (off by default: select it or give it a severity)" if rule.default_off else ""
    lines = [
        "",
        f"### `{rule.id}`",
        "",
        f"*{rule.severity}* · {rule.kind} · jurisdictions: {where}",
        "",
        _cell(rule.message),
        "",
        *(f"Message{scope(v)}: {_cell(v.text)}\n" for v in rule.messages),
        _cell(rule.rationale),
        "",
    ]
    if rule.suppress_when or rule.soften_when:
        contexts = []
        if rule.suppress_when:
            contexts.append("not reported when " + ", ".join(sorted(rule.suppress_when)))
        if rule.soften_when:
            contexts.append("one step softer when " + ", ".join(sorted(rule.soften_when)))
        lines += ["Context: " + "; ".join(contexts) + ".", ""]
    if rule.approved_products:
        lines += [
            "Named products (`named_product`): " + ", ".join(sorted(rule.approved_products)) + ".",
            "",
        ]
    lines += said(rule.suggestions, DOCS, fit=_cell)
    for example in rule.flag_examples:
        lines.append(f'- Flags: "{_cell(example)}"')
    for example in rule.pass_examples:
        lines.append(f'- Passes: "{_cell(example)}"')
    for reference in rule.references:
        lines.append(f"- Reference: [{_cell(reference.title)}]({reference.url})")
    return lines
