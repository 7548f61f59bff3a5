"""A finding's ``text`` is what the file holds at its span (reliability repro 16).

Rules read typographic variants folded (TYPOGRAPHY: a no-break space as a space, a non-breaking
hyphen as a hyphen), but the README's contract for plain text is
``lines[line-1][column-1:end_column-1] == text``: where the span is a verbatim copy of the file,
``text`` is given back as written. Fixes and fingerprints keep reading the folded words, so a
baseline written before stays valid."""

from __future__ import annotations

import json
from dataclasses import replace

from conftest import run_cli, write

from copylint.findings import fingerprints
from copylint.sources.projection import TYPOGRAPHY

PAGE = (
    "Our serum is FDA\u00a0approved.\nOur serum is FDA\u2011approved.\n"
    "Results are guaranteed\u202fresults.\nIt is 100%\u00a0safe.\n"
)


def test_plain_text_contract_holds_for_no_break_spaces_and_hyphens(tmp_path):
    """repro 16: text was the folded form ('FDA approved'), not what the file holds."""
    write(tmp_path, {"page.txt": PAGE})
    result = run_cli(
        "check", "--no-config", "--no-cache", "--format", "json", "page.txt", cwd=tmp_path
    )
    found = json.loads(result.stdout)["findings"]
    assert {1, 2, 4} <= {f["line"] for f in found}
    lines = PAGE.split("\n")
    for f in found:
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"], f
    assert "FDA\u00a0approved" in [f["text"] for f in found] and "FDA\u2011approved" in [
        f["text"] for f in found
    ]


def test_fingerprints_and_fixes_read_the_folded_words(engine):
    """The identity of a finding (the baseline's key) is the same whether its text is as written or
    folded, so entries written when ``text`` was folded still match."""
    found = [f for f in engine.lint_source("page.txt", PAGE) if not f.suppressed]
    written = [f for f in found if f.text != f.text.translate(TYPOGRAPHY)]
    assert written
    assert fingerprints(found) == fingerprints(
        [replace(f, text=f.text.translate(TYPOGRAPHY)) for f in found]
    )
    safe = next(f for f in found if f.rule == "completely-safe")
    assert (
        safe.text == "100%\u00a0safe"
        and safe.fix is not None
        and safe.fix.replacement == "generally well tolerated"
    )
    pain = next(
        f
        for f in engine.lint_source("p.txt", "Our pain\u2011free treatment.")
        if f.rule == "minimal-side-effects"
    )
    assert (
        pain.text == "pain\u2011free"
        and pain.fix is not None
        and pain.fix.original == "pain\u2011free"
    )


def test_markup_keeps_the_visible_text(engine):
    """In markup an entity is not a verbatim copy: its text is the visible (folded) character."""
    html = "<p>Our serum is FDA&nbsp;approved and FDA\u00a0approved.</p>"
    found = [f for f in engine.lint_source("page.html", html) if f.rule == "regulator-approval"]
    assert [f.text for f in found] == ["FDA approved", "FDA\u00a0approved"]
