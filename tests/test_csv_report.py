"""--format csv: RFC 4180 that the csv module reads back, UTF-8 with a BOM, one row per finding
(as many as the JSON report has), spreadsheet formulas neutralised, suppressed rows with their
reason under --show-suppressed."""

from __future__ import annotations

import csv
import io
import json

from conftest import REPO, run_cli

from copylint.findings import FileResult, Finding, Suggestion
from copylint.reporters import ReportOptions, RunResult
from copylint.reporters import csv as csv_reporter

SITE = REPO / "tests" / "fixtures" / "site"


def _rows(report: str) -> list[dict[str, str]]:
    assert report.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(report[1:], newline="")))


def _finding(
    line: int, text: str, sentence: str, message: str = "Claims approval.", **more
) -> Finding:
    return Finding(
        "page.md",
        line,
        1,
        line,
        len(text) + 1,
        "regulator-approval",
        "regulatory-status",
        "error",
        message,
        text,
        sentence,
        (Suggestion(advice="Say the real status."),),
        **more,
    )


def test_one_row_per_finding_as_many_as_the_json_report():
    for target, extra in ((REPO / "seeds", ()), (SITE, ("--show-suppressed",))):
        as_csv = run_cli("check", str(target), "--format", "csv", *extra)
        as_json = run_cli("check", str(target), "--format", "json", *extra)
        assert as_csv.returncode == as_json.returncode == 1, as_csv.stderr
        raw = as_csv.stdout
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
        assert raw.split(b"\n", 1)[0].endswith(b"\r") and raw.endswith(b"\r\n")  # CRLF records
        rows = _rows(raw.decode("utf-8"))
        findings = json.loads(as_json.stdout)["findings"]
        assert len(rows) == len(findings) > 0
        assert list(rows[0]) == list(csv_reporter.COLUMNS)
        for row, finding in zip(rows, findings, strict=True):
            assert (row["rule"], row["text"], int(row["line"])) == (
                finding["rule"],
                finding["text"],
                finding["line"],
            )
            assert row["suppressed_by"] == " ".join(finding.get("suppressed_by", []))
            assert row["reason"] == finding.get("reason", "")
            assert len(row["fingerprint"]) == 32


def test_suppressed_findings_are_rows_with_their_reason_only_when_asked(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<p>Our laser is FDA-approved.</p>\n"
        "<!-- copylint-disable-next-line regulator-approval -- K123456: cleared device -->\n"
        "<p>Our exosome serum is FDA-approved.</p>\n",
        encoding="utf-8",
    )
    shown = _rows(
        run_cli("check", str(page), "--format", "csv", "--show-suppressed").stdout.decode()
    )
    hidden = _rows(run_cli("check", str(page), "--format", "csv").stdout.decode())
    suppressed = [r for r in shown if r["suppressed_by"]]
    assert len(shown) == len(hidden) + len(suppressed)
    assert any(r["suppressed_by"] == "inline" and "K123456" in r["reason"] for r in suppressed), (
        suppressed
    )
    assert not any(r["suppressed_by"] for r in hidden)


def test_quotes_newlines_and_commas_survive_and_formulas_do_not_run():
    findings = [
        _finding(1, '"guaranteed", always', 'It is "guaranteed", always.\nNo doubt, ever.'),
        _finding(2, '=HYPERLINK("http://evil")', "=1+1", message="+SUM(A1)"),
        _finding(3, "-2 kg", "@cmd|' /C calc'!A0"),
        _finding(4, "\tcures", "\rcures"),
    ]
    report = csv_reporter.render(RunResult([FileResult("page.md", findings)]), ReportOptions())
    rows = _rows(report)
    assert rows[0]["text"] == '"guaranteed", always'
    assert rows[0]["sentence"] == 'It is "guaranteed", always.\nNo doubt, ever.'
    assert rows[1]["text"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["sentence"] == "'=1+1"
    assert rows[1]["message"] == "'+SUM(A1)"
    assert rows[2]["text"] == "'-2 kg"
    assert rows[2]["sentence"] == "'@cmd|' /C calc'!A0"
    assert rows[3]["text"] == "'\tcures"
    assert rows[3]["sentence"] == "'\rcures"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    assert rows[0]["suggestion"] == "Say the real status."


def test_output_file_is_the_same_bytes(tmp_path):
    target = tmp_path / "findings.csv"
    written = run_cli("check", str(REPO / "seeds"), "--format", "csv", "-o", str(target))
    printed = run_cli("check", str(REPO / "seeds"), "--format", "csv")
    assert written.returncode == 1 and written.stdout == b""
    assert target.read_bytes() == printed.stdout


def test_fingerprints_do_not_depend_on_how_the_path_was_typed():
    typed = run_cli("check", "seeds", "--format", "csv", cwd=REPO)
    absolute = run_cli("check", str(REPO / "seeds"), "--format", "csv", cwd=REPO / "seeds")
    assert typed.stdout == absolute.stdout
    assert [r["path"] for r in _rows(typed.stdout.decode())][0].startswith("seeds/")
