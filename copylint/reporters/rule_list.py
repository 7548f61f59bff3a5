"""``copylint rules``: the loaded rules as a table or as JSON (Markdown: rules_doc.py)."""

from __future__ import annotations

import json

from copylint.rulebook import Rulebook

HEADER = ("RULE", "CATEGORY", "SEVERITY", "JURISDICTIONS")


def table(book: Rulebook) -> str:
    """One row per rule (by category, then id) in aligned columns, then the totals."""
    rows = [
        (r.id, r.category, r.severity, ",".join(r.jurisdictions))
        for r in sorted(book, key=lambda r: (r.category, r.id))
    ]
    widths = [max(len(row[i]) for row in [*rows, HEADER]) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [HEADER, *rows]
    ]
    return "\n".join(lines) + f"\n\n{len(book)} rules in {len(book.categories)} categories\n"


def as_json(book: Rulebook) -> str:
    rows = [
        {
            "id": r.id,
            "category": r.category,
            "severity": r.severity,
            "kind": r.kind,
            "jurisdictions": list(r.jurisdictions),
            "message": r.message,
        }
        for r in book
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
