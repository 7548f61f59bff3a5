"""Page-level accuracy: the hand audit of real pages (docs/page-audit.yaml), and the measure itself
on an audit of our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SHARED, generated_report, write

from copylint.page_audit import AuditError, load_audit, measure, render_markdown

PAGES = SHARED / "corpus" / "pages"


def _audit(tmp_path: Path, text: str) -> dict:
    (tmp_path / "audit.yaml").write_text(text, encoding="utf-8")
    return load_audit(tmp_path / "audit.yaml")


def test_found_claims_right_wrong_and_unreviewed_findings(tmp_path):
    write(
        tmp_path / "pages",
        {
            "a.txt": "Our serum is FDA-approved.\nA miraculous treatment.\n"
            "Everyone loves our calm rooms.\nOur results are guaranteed.\n",
        },
    )
    audit = _audit(
        tmp_path,
        """
pages:
  - file: a.txt
    claims:
      - {line: 1, column: 14, end_column: 26, category: regulatory-status}
      - {line: 3, column: 1, end_column: 9, category: universal-suitability}
    findings:
      - {line: 2, column: 3, rule: miracle-language, verdict: wrong}
""",
    )
    result = measure(audit, tmp_path / "pages")
    assert [c.line for c in result.found] == [1]
    assert result.recall == 0.5
    assert result.categories["regulatory-status"].found_as == 1
    assert result.categories["universal-suitability"].found == 0
    assert (result.right, result.wrong) == (1, 1)
    assert [f.line for f in result.unreviewed] == [4]  # judged nowhere: counts against precision
    assert result.precision == pytest.approx(1 / 3)
    report = render_markdown(result, "audit.yaml")
    assert "0.50 (1/2)" in report and "a.txt:4:" in report


def test_a_page_is_checked_with_its_countrys_jurisdictions(tmp_path):
    write(
        tmp_path / "pages",
        {
            "au.txt": "Book your exosome therapy today.\n",
            "us.txt": "Book your exosome therapy today.\n",
        },
    )
    audit = _audit(
        tmp_path,
        """
jurisdictions: {Australia: [au]}
pages:
  - {file: au.txt, country: Australia, claims: [{line: 1, column: 11, end_column: 26, \
category: pom-advertising}]}
  - {file: us.txt, country: US, claims: [{line: 1, column: 11, end_column: 26, \
category: pom-advertising}]}
""",
    )
    result = measure(audit, tmp_path / "pages")
    # the AU opt-in rule runs only for the AU page
    assert [c.file for c in result.found] == ["au.txt"]


def test_a_broken_audit_is_refused_with_its_name(tmp_path):
    with pytest.raises(AuditError, match="audit.yaml: .*verdict"):
        _audit(
            tmp_path,
            "pages:\n  - {file: a.txt, findings: [{line: 1, column: 1, rule: x, verdict: "
            "maybe}]}\n",
        )
    with pytest.raises(AuditError, match="needs line, column, end_column and category"):
        _audit(tmp_path, "pages:\n  - {file: a.txt, claims: [{line: 1}]}\n")


def test_the_audit_holds_positions_not_page_text():
    """Notes are the reviewer's words: no run of five words from a page appears in the audit."""
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent (the audited pages live in ../shared)")
    import re

    lines = (REPO / "docs" / "page-audit.yaml").read_text(encoding="utf-8").lower().splitlines()
    # file names are the pages' own ids
    audit_text = "\n".join(line for line in lines if "file:" not in line)
    audit_words = re.findall(r"[a-z0-9']+", audit_text)
    audit_runs = {" ".join(audit_words[i : i + 5]) for i in range(len(audit_words) - 4)}
    for page in PAGES.glob("*.txt"):
        words = re.findall(r"[a-z0-9']+", page.read_text(encoding="utf-8").lower())
        copied = [
            " ".join(words[i : i + 5])
            for i in range(len(words) - 4)
            if " ".join(words[i : i + 5]) in audit_runs
        ]
        assert not copied, (page.name, copied[:3])


def test_recall_and_precision_on_the_audited_pages():
    """Where ../shared is present: the figures docs/accuracy.md reports, as floors that only
    rise."""
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent (the audited pages live in ../shared)")
    result = measure(load_audit(REPO / "docs" / "page-audit.yaml"), PAGES)
    assert len(result.claims) >= 160 and result.pages == 40
    report = render_markdown(result, "page-audit.yaml")
    assert result.recall >= 0.31, report
    assert result.precision >= 0.88, report
    document = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert generated_report(document, "page-audit.yaml") == report, (
        "docs/accuracy.md is out of date: copylint eval docs/page-audit.yaml --pages "
        "../shared/corpus/pages --output docs/accuracy.md"
    )
