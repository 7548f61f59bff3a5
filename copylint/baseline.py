"""The baseline: the findings a site already has, parked so that a check reports only new ones.

``.copylint-baseline.json`` holds one entry per finding: a fingerprint that survives edits
elsewhere in the file (see ``findings.fingerprints``), the path relative to the baseline file, the
rule, the matched text and the date it was first baselined. Entries are sorted and dates are
kept when the file is rewritten, so it changes only when the findings do and diffs well.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, replace

from copylint.files import write_atomically
from copylint.findings import FileResult, Finding, fingerprints

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read; the message names it."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    text: str
    date: str

    def sort_key(self) -> tuple:
        return (self.path, self.rule, self.text.lower(), self.fingerprint)


@dataclass
class Baseline:
    path: str
    entries: list[Entry]

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return cls(path, [])
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not a copylint baseline (version {VERSION} with a 'findings' list); write it with 'copylint baseline'")
        entries = []
        for index, item in enumerate(data["findings"]):
            try:
                entries.append(Entry(**{k: str(item[k]) for k in ("fingerprint", "path", "rule", "text", "date")}))
            except (KeyError, TypeError):
                raise BaselineError(f"{path}: findings[{index}] needs fingerprint, path, rule, text and date") from None
        return cls(path, entries)

    def save(self) -> None:
        entries = sorted(self.entries, key=Entry.sort_key)
        document = {
            "version": VERSION,
            "tool": "copylint",
            "findings": [
                {"path": e.path, "rule": e.rule, "text": e.text, "fingerprint": e.fingerprint, "date": e.date} for e in entries
            ],
        }
        write_atomically(self.path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    def fingerprints_of(self, findings: list[Finding]) -> list[str]:
        return fingerprints(findings, lambda f: self.relative(f.path))

    def apply(self, results: list[FileResult]) -> list[Entry]:
        """Mark baselined findings suppressed; return the stale entries: those of the checked files
        (or of files that are gone) that no finding matches any more."""
        by_print = {e.fingerprint: e for e in self.entries}
        matched: set[str] = set()
        checked: set[str] = set()
        for result in results:
            if not result.checked:
                continue
            checked.add(self.relative(result.path))
            standing = [f for f in result.findings if not f.suppressed or f.suppressed_by == ("baseline",)]
            prints = dict(zip(map(id, standing), self.fingerprints_of(standing)))
            marked = []
            for finding in result.findings:
                entry = by_print.get(prints.get(id(finding), ""))
                if entry is not None:
                    matched.add(entry.fingerprint)
                    finding = replace(finding, suppressed_by=("baseline",), reason=f"in the baseline since {entry.date}")
                marked.append(finding)
            result.findings = marked
        return [
            e for e in self.entries
            if e.fingerprint not in matched and (e.path in checked or not os.path.exists(os.path.join(self.folder, e.path)))
        ]

    def rewrite(self, results: list[FileResult], prune_only: bool = False) -> tuple[int, int]:
        """Entries for the checked files become their standing findings (``prune_only``: only the
        entries that no longer match are dropped, nothing is added). Returns (added, removed)."""
        today = datetime.date.today().isoformat()
        old = {e.fingerprint: e for e in self.entries}
        current: dict[str, Entry] = {}
        checked: set[str] = set()
        for result in results:
            if not result.checked:
                continue
            checked.add(self.relative(result.path))
            standing = [f for f in result.findings if not f.suppressed]
            for finding, fingerprint in zip(standing, self.fingerprints_of(standing)):
                kept = old.get(fingerprint)
                current[fingerprint] = kept or Entry(fingerprint, self.relative(finding.path), finding.rule, finding.text, today)
        entries = []
        for entry in self.entries:
            gone = not os.path.exists(os.path.join(self.folder, entry.path))
            if gone or (entry.path in checked and entry.fingerprint not in current):
                continue
            entries.append(entry)
        if not prune_only:
            entries += [e for fp, e in current.items() if fp not in old]
        added = len({e.fingerprint for e in entries} - set(old))
        removed = len(set(old) - {e.fingerprint for e in entries})
        self.entries = entries
        return added, removed
