"""Sentence-level accuracy on a labelled corpus (format of shared/corpus/dev.yaml).

Each entry has ``text``, ``label`` (risky | ok) and ``categories``. A sentence counts as flagged
when copylint reports at least one standing (not suppressed) finding in it, at any severity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from copylint.engine import Engine


class CorpusError(Exception):
    pass


@dataclass(frozen=True)
class Verdict:
    text: str
    label: str
    categories: tuple[str, ...]
    flagged_categories: tuple[str, ...]
    source: str = ""  # the entry's source_title

    @property
    def flagged(self) -> bool:
        return bool(self.flagged_categories)


@dataclass
class CategoryCount:
    risky: int = 0
    caught: int = 0  # risky sentences of this category flagged by any rule
    caught_as: int = 0  # ... flagged by a rule of this very category
    ok: int = 0
    false_alarms: int = 0


@dataclass
class Evaluation:
    verdicts: list[Verdict]
    categories: dict[str, CategoryCount] = field(default_factory=dict)

    def _count(self, label: str, flagged: bool) -> int:
        return sum(1 for v in self.verdicts if v.label == label and v.flagged == flagged)

    @property
    def true_positives(self) -> int:
        return self._count("risky", True)

    @property
    def false_negatives(self) -> int:
        return self._count("risky", False)

    @property
    def false_positives(self) -> int:
        return self._count("ok", True)

    @property
    def true_negatives(self) -> int:
        return self._count("ok", False)

    @property
    def recall(self) -> float:
        risky = self.true_positives + self.false_negatives
        return self.true_positives / risky if risky else 0.0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def false_positive_rate(self) -> float:
        ok = self.false_positives + self.true_negatives
        return self.false_positives / ok if ok else 0.0


def load_corpus(path: Path) -> list[dict]:
    from copylint.yamlfile import SafeLoader, YamlFileError, load_file

    # bounded like every YAML copylint reads (yamlfile.compose); YAML 1.1 scalars, as safe_load
    # reads them
    try:
        data = load_file(str(path), SafeLoader)
    except YamlFileError as exc:
        raise CorpusError(f"{path}: cannot read corpus: {exc}") from None
    if not isinstance(data, list):
        raise CorpusError(f"{path}: a corpus is a list of entries with 'text' and 'label'")
    for index, entry in enumerate(data):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("text"), str)
            or entry.get("label") not in ("risky", "ok")
        ):
            raise CorpusError(f"{path}: entry {index + 1}: needs 'text' and 'label' (risky or ok)")
    return data


def evaluate(entries: list[dict], engine: Engine) -> Evaluation:
    verdicts = []
    categories: dict[str, CategoryCount] = defaultdict(CategoryCount)
    for entry in entries:
        findings = [f for f in engine.lint_source("<corpus>", entry["text"]) if not f.suppressed]
        verdict = Verdict(
            text=entry["text"],
            label=entry["label"],
            categories=tuple(entry.get("categories") or ()),
            flagged_categories=tuple(sorted({f.category for f in findings})),
            source=str(entry.get("source_title") or ""),
        )
        verdicts.append(verdict)
        for category in verdict.categories:
            count = categories[category]
            if verdict.label == "risky":
                count.risky += 1
                count.caught += verdict.flagged
                count.caught_as += category in verdict.flagged_categories
            else:
                count.ok += 1
                count.false_alarms += verdict.flagged
    return Evaluation(verdicts, dict(sorted(categories.items())))


def render_markdown(evaluation: Evaluation, corpus_name: str, quote: bool = True) -> str:
    """The report. ``quote=False`` names each miss and false alarm by its source instead of
    quoting the sentence (for a report kept in a repository that must not copy the corpus)."""
    e = evaluation
    lines = [
        f"Corpus: `{corpus_name}` — {e.true_positives + e.false_negatives} risky and "
        f"{e.false_positives + e.true_negatives} ok sentences.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| recall on risky sentences | {e.recall:.2f} "
        f"({e.true_positives}/{e.true_positives + e.false_negatives}) |",
        f"| false positives on ok sentences | {e.false_positive_rate:.1%} "
        f"({e.false_positives}/{e.false_positives + e.true_negatives}) |",
        f"| precision | {e.precision:.2f} |",
        "",
        "| category (as labelled) | risky | caught | caught as this category | ok | false alarms |",
        "|---|---|---|---|---|---|",
    ]
    for name, c in e.categories.items():
        lines.append(
            f"| {name} | {c.risky} | {c.caught} | {c.caught_as} | {c.ok} | {c.false_alarms} |"
        )

    def shown(v: Verdict) -> str:
        return v.text if quote else f"from {v.source or 'an entry without a source_title'}"

    misses = [v for v in e.verdicts if v.label == "risky" and not v.flagged]
    alarms = [v for v in e.verdicts if v.label == "ok" and v.flagged]
    lines += ["", "Missed risky sentences:" if misses else "Missed risky sentences: none.", ""]
    lines += [f"- ({', '.join(v.categories)}) {shown(v)}" for v in misses]
    lines += ["", "False positives:" if alarms else "False positives: none.", ""]
    lines += [f"- (flagged as {', '.join(v.flagged_categories)}) {shown(v)}" for v in alarms]
    return "\n".join(lines).rstrip("\n") + "\n"


BEGIN = "<!-- copylint eval: begin (generated; do not edit by hand) -->"
END = "<!-- copylint eval: end -->"


def markers(section: str | None = None) -> tuple[str, str]:
    """The markers around one generated report; a document may hold several, one per ``section``
    (what was measured: "dev2.yaml, check half"), or the one unnamed report."""
    if section is None:
        return BEGIN, END
    return (
        f"<!-- copylint eval {section}: begin (generated; do not edit by hand) -->",
        f"<!-- copylint eval {section}: end -->",
    )


def _sections(document: str, section: str | None = None) -> tuple[str, str, str] | None:
    """(before the begin marker, between the markers, after the end marker), or None without both
    in order."""
    begin_marker, end_marker = markers(section)
    head, begin, rest = document.partition(begin_marker)
    body, end, tail = rest.partition(end_marker)
    return (head, body, tail) if begin and end else None


def with_report(document: str | None, report: str, section: str | None = None) -> str:
    """``document`` with the text between the section's markers replaced by ``report``. Without
    them: the unnamed report makes a whole new document; a named one is added at the end."""
    begin_marker, end_marker = markers(section)
    sections = _sections(document, section) if document is not None else None
    if sections is None:
        if section is not None and document:
            return f"{document.rstrip()}\n\n{begin_marker}\n{report}{end_marker}\n"
        return f"{begin_marker}\n{report}{end_marker}\n"
    head, _, tail = sections
    return f"{head}{begin_marker}\n{report}{end_marker}{tail}"


HALVES = ("tuning", "check")


def half_of(entry: dict) -> str:
    """Which half of a corpus an entry belongs to, by a hash of its source (``source_url``, else
    ``source_title``): all sentences of one source fall in the same half, so rules written from the
    tuning half's misses never see the check half's sources."""
    import hashlib

    source = str(entry.get("source_url") or entry.get("source_title") or entry.get("text"))
    return HALVES[hashlib.blake2b(source.encode("utf-8"), digest_size=8).digest()[0] % 2]


def split_halves(entries: list[dict]) -> dict[str, list[dict]]:
    halves: dict[str, list[dict]] = {half: [] for half in HALVES}
    for entry in entries:
        halves[half_of(entry)].append(entry)
    return halves
