"""The decide stage: what a rule's policy makes of the contexts seen around its match."""

from __future__ import annotations

from dataclasses import dataclass

from copylint.findings import soften
from copylint.rulebook import Rule


@dataclass(frozen=True)
class Decision:
    severity: str
    suppressed_by: tuple[str, ...]  # empty: the finding stands


def decide(rule: Rule, contexts: tuple[str, ...], severity: str | None = None) -> Decision:
    """``severity``: the rule's level for this file when the configuration changes it."""
    suppressed_by = tuple(c for c in contexts if c in rule.suppress_when)
    severity = severity or rule.severity
    if not suppressed_by and any(c in rule.soften_when for c in contexts):
        severity = soften(severity)
    return Decision(severity, suppressed_by)
