"""Inline suppression comments, written in each format's own comment syntax.

    <!-- copylint-disable-next-line regulator-approval -- K123456: the laser is cleared for this -->
    {# copylint-disable hype-word -- "Miracle Mist" is a product name #}
    ... {# copylint-enable hype-word #}

Actions: ``disable-next-line``, ``disable-line``, ``disable`` ... ``enable``, ``disable-file``.
Each names rule ids or categories, and each disabling comment needs a reason after `` -- ``: an
auditor asks who decided a claim is fine, and why. A comment without a reason still applies but is
itself a finding, and so is a comment that suppresses nothing (a claim reworded since) or that
cannot be read. Which findings a comment suppresses is decided in stages/decide.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from copylint.findings import Finding, line_excerpt
from copylint.rulebook import Category, Reference, Rule
from copylint.sources import LineIndex, comments
from copylint.words import did_you_mean

CATEGORY = Category(
    "suppressions",
    "Suppression comments",
    "copylint's own checks of the comments that suppress its findings.",
    "copylint",
)
_DOCS = (
    Reference(
        "copylint README: suppressing a finding",
        "https://github.com/copylint/copylint#suppressing-a-finding",
    ),
)


def _rule(rule_id: str, severity: str, message: str, rationale: str, advice: str) -> Rule:
    from copylint.findings import Suggestion

    return Rule(
        id=rule_id,
        category=CATEGORY.id,
        severity=severity,
        kind="directive",
        message=message,
        rationale=rationale,
        phrases=(),
        patterns=(),
        suppress_when=frozenset(),
        soften_when=frozenset(),
        suggestions=(Suggestion(advice=advice),),
        references=_DOCS,
        jurisdictions=("any",),
        flag_examples=(),
        pass_examples=(),
        source="copylint",
    )


RULES = (
    _rule(
        "suppression-without-reason",
        "warning",
        "A suppression comment gives no reason; write why the claim may stand after ' -- '.",
        "A suppressed claim is a compliance decision. The reason records who decided it and why "
        "(a device cleared for exactly this indication, a product name) for whoever reviews the "
        "site next.",
        "Add the reason: <!-- copylint-disable-next-line regulator-approval -- "
        "K123456: cleared for this indication -->",
    ),
    _rule(
        "unused-suppression",
        "info",
        "A suppression comment suppresses nothing; the claim it was written for is gone.",
        "A stale suppression would silently let a new claim through on the same line or in the "
        "same range.",
        "Delete the comment, or correct the rule it names.",
    ),
    _rule(
        "invalid-suppression",
        "warning",
        "A copylint comment cannot be read: an unknown action, rule or category, or no rule named.",
        "A comment that does not do what its author meant leaves a finding standing, or hides "
        "the wrong one.",
        "Use copylint-disable-next-line, -disable-line, -disable, -enable or -disable-file "
        "followed by rule ids or categories (see 'copylint rules'), then ' -- ' and the reason.",
    ),
)
ACTIONS = ("disable-next-line", "disable-line", "disable", "enable", "disable-file")
_DIRECTIVE = re.compile(r"\s*copylint-(?P<action>[a-z-]*)(?P<rest>[\s\S]*)")
# Other linters' habits ("copylint: disable=hype-word", pylint's and ruff's form): not read, but
# reported, so that the author does not believe the claim is suppressed.
_OTHER_HABIT = re.compile(
    r"\s*copylint\s*[:=]\s*(?P<action>disable|enable|ignore|noqa|skip)[a-z-]*\s*[=:]?\s*"
    r"(?P<names>[\w,\s-]*?)\s*(?:--|$)",
    re.IGNORECASE,
)
_REASON_MARK = re.compile(r"(?:^|\s)--(?:\s|$)")


@dataclass(frozen=True)
class Directive:
    action: str
    names: tuple[str, ...]
    reason: str
    line: int  # where the comment starts and ends (1-based)
    column: int
    end_line: int
    end_column: int
    text: str  # the comment as written, for messages
    start: int = 0  # offsets of the comment in the source
    end: int = 0


@dataclass(frozen=True)
class ParsedComments:
    directives: list[Directive]
    problems: list[tuple[Directive, str, str]]  # (where, rule id, message)

    @property
    def disabling(self) -> list[Directive]:
        return [d for d in self.directives if d.action != "enable" and d.names]

    @property
    def enables(self) -> list[Directive]:
        return [d for d in self.directives if d.action == "enable"]


def parse(
    source: str, syntax: re.Pattern | None, known_names: set[str], lines: LineIndex | None = None
) -> ParsedComments:
    """Every copylint comment in a source written in ``syntax`` (its format's), and what is
    wrong with any of them."""
    directives: list[Directive] = []
    problems: list[tuple[Directive, str, str]] = []
    if syntax is None or "copylint" not in source.lower():
        return ParsedComments(directives, problems)
    lines = lines or LineIndex(source)
    for match, body in comments.bodies(syntax, source):
        found = _DIRECTIVE.match(body)
        if not found:
            habit = _OTHER_HABIT.match(body)
            if habit:
                problems.append(_other_habit(habit, match, lines))
            continue
        rest = found.group("rest")
        mark = _REASON_MARK.search(rest)
        names_part, reason = (rest[: mark.start()], rest[mark.end() :]) if mark else (rest, "")
        directive = _directive_at(
            match, lines, found.group("action"), _names(names_part), " ".join(reason.split())
        )
        if directive.action not in ACTIONS:
            hint = did_you_mean(
                directive.action,
                ACTIONS,
                shown="copylint-{}",
                otherwise=f" (known: {', '.join('copylint-' + a for a in ACTIONS)})",
            )
            problems.append(
                (
                    directive,
                    "invalid-suppression",
                    f"unknown action 'copylint-{directive.action}'{hint}",
                )
            )
            continue
        unknown = [n for n in directive.names if n not in known_names]
        for name in unknown:
            hint = did_you_mean(name, known_names)
            problems.append(
                (directive, "invalid-suppression", f"unknown rule or category '{name}'{hint}")
            )
        known = tuple(n for n in directive.names if n in known_names)
        if directive.action != "enable":
            if not directive.names:
                problems.append(
                    (
                        directive,
                        "invalid-suppression",
                        f"copylint-{directive.action} names no rule; name the rule id or "
                        "category it is for",
                    )
                )
                continue
            if not directive.reason:
                problems.append(
                    (
                        directive,
                        "suppression-without-reason",
                        f"copylint-{directive.action} {' '.join(directive.names)} gives no "
                        "reason; add ' -- ' and why the claim may stand",
                    )
                )
        directives.append(replace(directive, names=known))
    return ParsedComments(directives, problems)


def _names(written: str) -> tuple[str, ...]:
    return tuple(n for n in re.split(r"[\s,]+", written) if n)


def _directive_at(
    match: re.Match, lines: LineIndex, action: str, names: tuple[str, ...], reason: str
) -> Directive:
    """The directive of the comment ``match`` found, placed in the source."""
    line, column = lines.position(match.start())
    end_line, end_column = lines.position(match.end())
    text = " ".join(match.group(0).split())
    return Directive(
        action, names, reason, line, column, end_line, end_column, text, match.start(), match.end()
    )


def _other_habit(habit: re.Match, match: re.Match, lines: LineIndex):
    """An invalid-suppression problem for a comment in another linter's form, with the form
    copylint reads."""
    directive = _directive_at(match, lines, "", (), "")
    action = habit.group("action").lower()
    action = action if action in ("disable", "enable") else "disable-next-line"
    names = " ".join(_names(habit.group("names"))) or "RULE"
    return (
        directive,
        "invalid-suppression",
        f"'{directive.text}' is not read, nothing is suppressed; copylint's form is "
        f"copylint-{action} {names}" + (" -- REASON" if action != "enable" else ""),
    )


def notes(
    path: str,
    source: str,
    parsed: ParsedComments,
    used: set[tuple[int, str]],
    rules: dict[str, Rule],
    severity_of: dict[str, str],
    lines: LineIndex,
) -> list[Finding]:
    """Findings about the comments themselves: those that cannot be read or give no reason, and
    those that suppress nothing (``used``: the (index into ``parsed.disabling``, name) pairs
    that suppressed a finding, see decide.inline_comments). ``severity_of`` holds the rules
    active for this file."""
    active_names = {rule_id for rule_id in rules if rule_id in severity_of} | {
        rules[r].category for r in rules if r in severity_of
    }
    found = list(parsed.problems)
    for index, directive in enumerate(parsed.disabling):
        for name in directive.names:
            if (index, name) not in used and name in active_names:
                found.append(
                    (
                        directive,
                        "unused-suppression",
                        f"{_scope(directive)} no standing '{name}' finding; remove the comment",
                    )
                )
    return [
        _note(path, directive, rules[rule_id], severity_of[rule_id], message, lines, source)
        for directive, rule_id, message in found
        if rule_id in severity_of
    ]


_FAR = (float("inf"), 0)


def _reach(
    directive: Directive, enables: list[Directive], next_enable
) -> tuple[tuple[int, int], tuple[float, int]]:
    """The positions (line, column) a disabling comment covers, as [start, end): the rest of the
    file, the next line, its own lines, or up to the next enable naming the same thing."""
    if directive.action == "disable-file":
        return (0, 0), _FAR
    if directive.action == "disable-next-line":
        return (directive.end_line + 1, 0), (directive.end_line + 2, 0)
    if directive.action == "disable-line":
        return (directive.line, 0), (directive.end_line + 1, 0)
    start = (directive.end_line, directive.end_column)
    ends = [next_enable(None, start)] + [next_enable(name, start) for name in directive.names]
    return start, min(ends)


def first_covering(
    disabling: list[Directive], enables: list[Directive], findings: list[Finding]
) -> list[int | None]:
    """For each finding, the first disabling comment (index into ``disabling``) that names its rule
    or category and covers it, or None; suppressed findings get None. One sweep over the findings
    in position order with a heap of the comments in reach: (findings + comments) x log, where
    trying every comment for every finding, and every enable for each, was cubic."""
    import heapq
    from bisect import bisect_left

    enable_at: dict[
        str | None, list[tuple[int, int]]
    ] = {}  # an enable naming nothing ends every disable
    for enable in enables:
        for name in enable.names or (None,):
            enable_at.setdefault(name, []).append((enable.line, enable.column))
    for positions in enable_at.values():
        positions.sort()

    def next_enable(name, start):
        positions = enable_at.get(name, ())
        at = bisect_left(positions, start)
        return positions[at] if at < len(positions) else _FAR

    by_name: dict[str, list[tuple[tuple[int, int], tuple[float, int], int]]] = {}
    for index, directive in enumerate(disabling):
        start, end = _reach(directive, enables, next_enable)
        for name in dict.fromkeys(directive.names):
            by_name.setdefault(name, []).append((start, end, index))
    best: list[int | None] = [None] * len(findings)
    if not by_name:
        return best
    wanted = [(i, f) for i, f in enumerate(findings) if not f.suppressed]
    for name, reaches in by_name.items():
        reaches.sort()
        points = sorted(((f.line, f.column), i) for i, f in wanted if name in (f.rule, f.category))
        heap: list[
            tuple[int, tuple[float, int]]
        ] = []  # (index, end) of the comments whose reach has begun
        next_reach = 0
        for at, i in points:
            while next_reach < len(reaches) and reaches[next_reach][0] <= at:
                start, end, index = reaches[next_reach]
                heapq.heappush(heap, (index, end))
                next_reach += 1
            while (
                heap and heap[0][1] <= at
            ):  # ended before this point: ended for every later one too
                heapq.heappop(heap)
            first = best[i]
            if heap and (first is None or heap[0][0] < first):
                best[i] = heap[0][0]
    return best


def _scope(directive: Directive) -> str:
    return {
        "disable-next-line": "copylint-disable-next-line suppresses nothing: "
        f"on line {directive.end_line + 1},",
        "disable-line": f"copylint-disable-line suppresses nothing: on line {directive.line},",
        "disable": "copylint-disable suppresses nothing: in its range,",
        "disable-file": "copylint-disable-file suppresses nothing: in this file,",
    }[directive.action]


def _note(
    path: str,
    directive: Directive,
    rule: Rule,
    severity: str,
    message: str,
    lines: LineIndex,
    source: str,
) -> Finding:
    start = directive.start
    shown, shown_from, shown_cut = line_excerpt(
        source, start - directive.column + 1, start, directive.end
    )
    return Finding(
        path=path,
        line=directive.line,
        column=directive.column,
        end_line=directive.end_line,
        end_column=directive.end_column,
        rule=rule.id,
        category=rule.category,
        severity=severity,
        message=message,
        text=directive.text,
        sentence="",
        suggestions=rule.suggestions,
        where="comment",
        column_utf16=lines.utf16_column(directive.line, directive.column),
        end_column_utf16=lines.utf16_column(directive.end_line, directive.end_column),
        source_line=shown,
        source_line_start=shown_from,
        source_line_cut=shown_cut,
    )
