"""Running every rule's own flag/pass examples (``copylint test-rules``)."""

from __future__ import annotations

from dataclasses import dataclass

from copylint.engine import Engine
from copylint.rulebook import Rule, Rulebook


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    kind: str  # "flag", "pass", "fix" or "nofix"
    example: str
    detail: str


def check_rule(engine: Engine, rule: Rule, alone: Engine | None = None) -> list[ExampleFailure]:
    """``alone``: an engine without the rule's siblings in its category, for a flag example that a
    sibling matching the same words outranks (an opt-in jurisdiction's stricter twin, say)."""
    failures = []
    for example in rule.flag_examples:
        if not engine.prefilter.has_candidate(example):
            failures.append(
                ExampleFailure(rule.id, "flag", example, "the prefilter does not see it")
            )
            continue
        own = [f for f in engine.lint_source("<example>", example) if f.rule == rule.id]
        if not own and alone is not None:
            own = [f for f in alone.lint_source("<example>", example) if f.rule == rule.id]
        if not any(not f.suppressed for f in own):
            seen = (
                "; ".join(f"'{f.text}' suppressed by {', '.join(f.suppressed_by)}" for f in own)
                or "no match"
            )
            failures.append(ExampleFailure(rule.id, "flag", example, seen))
    for example in rule.pass_examples:
        standing = [
            f
            for f in engine.lint_source("<example>", example)
            if f.rule == rule.id and not f.suppressed
        ]
        if standing:
            detail = "; ".join(
                f"'{f.text}' flagged (contexts: {', '.join(f.contexts) or 'none'})"
                for f in standing
            )
            failures.append(ExampleFailure(rule.id, "pass", example, detail))
    return failures + _fix_failures(engine, rule)


def _fix_failures(engine: Engine, rule: Rule) -> list[ExampleFailure]:
    """A fix example must become its ``after`` under --fix; a nofix one must be flagged by the
    rule and left for a person, with the reason."""
    from copylint.fixes import applicable, apply_to_text

    failures = []
    for before, after in rule.fix_examples:
        fixed = apply_to_text(before, applicable(engine.lint_source("<example>", before)))
        if fixed != after:
            failures.append(ExampleFailure(rule.id, "fix", before, f"--fix gives {fixed!r}"))
    for example in rule.nofix_examples:
        own = [
            f
            for f in engine.lint_source("<example>", example)
            if f.rule == rule.id and not f.suppressed
        ]
        if not own:
            failures.append(ExampleFailure(rule.id, "nofix", example, "not flagged"))
        elif any(f.fix for f in own):
            rewrites = [f"'{f.text}' -> '{f.fix.replacement}'" for f in own if f.fix]
            failures.append(
                ExampleFailure(rule.id, "nofix", example, f"--fix rewrites {'; '.join(rewrites)}")
            )
        elif not any(f.fix_refused for f in own):
            failures.append(ExampleFailure(rule.id, "nofix", example, "no replacement to refuse"))
    return failures


def check_rulebook(rulebook: Rulebook) -> dict[str, list[ExampleFailure]]:
    engine = Engine(rulebook)

    def alone(rule: Rule) -> Engine | None:
        others = [r for r in rulebook if r.category != rule.category or r.id == rule.id]
        if len(others) == len(rulebook.rules):
            return None
        return Engine(rulebook.subset(others))

    return {
        rule.id: check_rule(engine, rule, alone(rule))
        for rule in rulebook
        if rule.kind != "directive" and rule.source != "copylint"  # copylint's own: no examples
    }
