"""Page-level accuracy against a hand audit of real pages (docs/page-audit.yaml).

The audit holds positions and labels, never the pages' text: every claim a reviewer found
(line, column span, category) and a verdict on each finding copylint made when it was audited.
A claim counts as found when a standing finding overlaps its span. A finding is right when it
overlaps a claim or was judged correct; judged wrong when the audit says so; and unreviewed when
the audit has never seen it (a rule added since), which counts against precision until a reviewer
judges it, so that new rules cannot improve the figure unseen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from copylint.config import Config
from copylint.engine import Engine
from copylint.findings import Finding
from copylint.settings import Settings
from copylint.yamlfile import YamlFileError, load_file

VERDICTS = ("correct", "wrong", "doubtful", "out-of-jurisdiction")


class AuditError(Exception):
    pass


@dataclass(frozen=True)
class Claim:
    file: str
    line: int
    column: int
    end_column: int
    category: str

    def overlapped_by(self, finding: Finding) -> bool:
        return (finding.line, finding.column) < (self.line, self.end_column) and (
            self.line,
            self.column,
        ) < (
            finding.end_line,
            finding.end_column,
        )


@dataclass
class CategoryTally:
    claims: int = 0
    found: int = 0  # by a finding of any category
    found_as: int = 0  # by a finding of this category


@dataclass
class PageAudit:
    pages: int = 0
    claims: list[Claim] = field(default_factory=list)
    found: list[Claim] = field(default_factory=list)
    right: int = 0
    wrong: int = 0
    doubtful: int = 0
    out_of_jurisdiction: int = 0
    unreviewed: list[Finding] = field(default_factory=list)
    categories: dict[str, CategoryTally] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.claims) if self.claims else 0.0

    @property
    def precision(self) -> float:
        """Right findings among those judged right, wrong or not yet judged (doubtful and
        out-of-jurisdiction ones are left out of both sides)."""
        counted = self.right + self.wrong + len(self.unreviewed)
        return self.right / counted if counted else 0.0


def load_audit(path: Path) -> dict:
    try:
        data = load_file(str(path))
    except YamlFileError as exc:
        raise AuditError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise AuditError(f"{path}: a page audit is a mapping with a 'pages' list")
    for index, page in enumerate(data["pages"], 1):
        if not isinstance(page, dict) or not isinstance(page.get("file"), str):
            raise AuditError(f"{path}: page {index}: needs 'file'")
        for claim in page.get("claims") or []:
            if not all(
                isinstance(claim.get(k), int) for k in ("line", "column", "end_column")
            ) or not claim.get("category"):
                raise AuditError(
                    f"{path}: {page['file']}: a claim needs line, column, end_column and category"
                )
        for finding in page.get("findings") or []:
            if finding.get("verdict") not in VERDICTS:
                raise AuditError(
                    f"{path}: {page['file']}: a finding's verdict is one of {', '.join(VERDICTS)}"
                )
    return data


def _settings(jurisdictions: list[str] | None) -> Settings:
    if not jurisdictions:
        return Settings()
    return Settings(Config(source="page audit", root=".", jurisdictions=tuple(jurisdictions)))


def measure(audit: dict, pages_dir: Path) -> PageAudit:
    result = PageAudit()
    tallies: dict[str, CategoryTally] = defaultdict(CategoryTally)
    by_country = audit.get("jurisdictions") or {}
    engines: dict[tuple[str, ...], Engine] = {}
    for page in audit["pages"]:
        path = pages_dir / page["file"]
        if not path.is_file():
            raise AuditError(f"{path}: audited page not found")
        chosen = tuple(by_country.get(page.get("country"), ()))
        if chosen not in engines:
            engines[chosen] = Engine.from_settings(_settings(list(chosen)))
        findings = [f for f in engines[chosen].check_file(str(path)).findings if not f.suppressed]
        claims = [
            Claim(page["file"], c["line"], c["column"], c["end_column"], c["category"])
            for c in page.get("claims") or []
        ]
        judged = {
            (j["line"], j["column"], j["rule"]): j["verdict"] for j in page.get("findings") or []
        }
        result.pages += 1
        for claim in claims:
            hits = [f for f in findings if claim.overlapped_by(f)]
            tally = tallies[claim.category]
            tally.claims += 1
            tally.found += bool(hits)
            tally.found_as += any(f.category == claim.category for f in hits)
            result.claims.append(claim)
            if hits:
                result.found.append(claim)
        for finding in findings:
            verdict = (
                "correct"
                if any(c.overlapped_by(finding) for c in claims)
                else judged.get((finding.line, finding.column, finding.rule))
            )
            if verdict == "correct":
                result.right += 1
            elif verdict == "wrong":
                result.wrong += 1
            elif verdict == "doubtful":
                result.doubtful += 1
            elif verdict == "out-of-jurisdiction":
                result.out_of_jurisdiction += 1
            else:
                result.unreviewed.append(finding)
    result.categories = dict(sorted(tallies.items()))
    return result


def render_markdown(audit: PageAudit, name: str) -> str:
    a = audit
    lines = [
        f"Page audit: `{name}` — {a.pages} real pages, {len(a.claims)} claims found by hand.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| recall on hand-found claims | {a.recall:.2f} ({len(a.found)}/{len(a.claims)}) |",
        f"| precision of standing findings | {a.precision:.2f} ({a.right} right, {a.wrong} "
        f"wrong, {len(a.unreviewed)} not yet reviewed) |",
        f"| doubtful / out of jurisdiction (not counted) | {a.doubtful} / "
        f"{a.out_of_jurisdiction} |",
        "",
        "| category (as audited) | claims | found | found as this category |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {name} | {t.claims} | {t.found} | {t.found_as} |" for name, t in a.categories.items()
    ]
    if a.unreviewed:
        lines += ["", "Findings not yet reviewed (judge them in the audit file):", ""]
        lines += [f"- {Path(f.path).name}:{f.line}:{f.column} {f.rule}" for f in a.unreviewed]
    return "\n".join(lines) + "\n"
