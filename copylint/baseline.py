"""The baseline: the findings a site already has, parked so that a check reports only new ones.

``.copylint-baseline.json`` holds one entry per finding: a fingerprint that survives edits
elsewhere in the file (see ``findings.fingerprints``), the path relative to the baseline file, the
rule, the matched text and the date it was first baselined. Entries are sorted and dates are
kept when the file is rewritten, so it changes only when the findings do and diffs well.

Reading is bounded: a regular file of at most MAX_BYTES, JSON nested at most as deep as a
baseline is (anything deeper, or a device such as /dev/zero, is a one-line error). Writing never
goes through a symbolic link: a baseline that is a link is refused (writing through it would
change a file elsewhere, replacing it would break the link), as is one a configuration file
names outside its own folder (see ``Settings.baseline_path``).
"""

from __future__ import annotations

import datetime
import json
import os
import stat
from dataclasses import dataclass

from copylint.files import write_atomically
from copylint.findings import FileResult, Finding, fingerprints
from copylint.reporters import json_text, printable

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # ~200,000 entries; a larger file is not a baseline copylint wrote
_FIELDS = ("fingerprint", "path", "rule", "text", "date")


class BaselineError(Exception):
    """The baseline file cannot be read or written; the message names it."""


def _read_bounded(path: str) -> bytes:
    """The file's bytes: a regular file (a FIFO or a device such as /dev/zero is refused before
    reading), at most MAX_BYTES. Raises FileNotFoundError, or OSError with a message."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if info.st_size > MAX_BYTES:
            raise OSError(0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise OSError(0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return data
    finally:
        os.close(fd)


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
        """As entries hold it; a file name that is not UTF-8 with its bytes as \\xNN
        (reporters.printable)."""
        return printable(os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/"))

    @classmethod
    def load(cls, path: str) -> Baseline:
        shown = printable(path)
        try:
            raw = _read_bounded(path)
        except FileNotFoundError:
            return cls(path, [])
        except OSError as exc:
            raise BaselineError(
                f"{shown}: cannot read the baseline: {exc.strerror or exc}"
            ) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise BaselineError(
                f"{shown}: cannot read the baseline: not UTF-8 "
                f"(byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from None
        except json.JSONDecodeError as exc:
            raise BaselineError(
                f"{shown}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
            ) from None
        except RecursionError:
            raise BaselineError(
                f"{shown}: not a copylint baseline: its JSON is nested far deeper than a baseline's"
            ) from None
        if (
            not isinstance(data, dict)
            or data.get("version") != VERSION
            or not isinstance(data.get("findings"), list)
        ):
            raise BaselineError(
                f"{shown}: not a copylint baseline (version {VERSION} with a 'findings' list); "
                "write it with 'copylint baseline'"
            )
        entries = []
        for index, item in enumerate(data["findings"]):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in _FIELDS):
                raise BaselineError(
                    f"{shown}: findings[{index}] needs fingerprint, path, rule, text and date, "
                    "each a string"
                )
            entries.append(Entry(**{k: item[k] for k in _FIELDS}))
        return cls(path, entries)

    def refuse_link(self) -> None:
        """Raise BaselineError if the baseline is a symbolic link: it is not written through one."""
        if os.path.islink(self.path):
            raise BaselineError(
                f"{printable(self.path)}: is a symbolic link; copylint does not write the baseline "
                "through a link (it would change the file it points to, elsewhere): replace the "
                "link with the file itself"
            )

    def save(self) -> None:
        entries = sorted(self.entries, key=Entry.sort_key)
        document = {
            "version": VERSION,
            "tool": "copylint",
            "findings": [
                {
                    "path": e.path,
                    "rule": e.rule,
                    "text": e.text,
                    "fingerprint": e.fingerprint,
                    "date": e.date,
                }
                for e in entries
            ],
        }
        self.refuse_link()
        try:
            write_atomically(self.path, json_text(document, indent=2) + "\n")
        except OSError as exc:
            raise BaselineError(
                f"{printable(self.path)}: cannot write the baseline: {exc.strerror or exc}"
            ) from None

    def fingerprints_of(self, findings: list[Finding]) -> list[str]:
        return fingerprints(findings, lambda f: self.relative(f.path))

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
            for finding, fingerprint in zip(standing, self.fingerprints_of(standing), strict=True):
                kept = old.get(fingerprint)
                current[fingerprint] = kept or Entry(
                    fingerprint, self.relative(finding.path), finding.rule, finding.text, today
                )
        entries = []
        for entry in self.entries:
            gone = entry.path not in checked and not os.path.exists(
                os.path.join(self.folder, entry.path)
            )
            if gone or (entry.path in checked and entry.fingerprint not in current):
                continue
            entries.append(entry)
        if not prune_only:
            entries += [e for fp, e in current.items() if fp not in old]
        added = len({e.fingerprint for e in entries} - set(old))
        removed = len(set(old) - {e.fingerprint for e in entries})
        self.entries = entries
        return added, removed
