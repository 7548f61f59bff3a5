"""--fix and --diff: the rules' mechanical replacements, applied to the source as written.

A fix exists only where the matched words are one verbatim run of the source (the engine checks
this), so markup, entities and escapes are never touched. The file is re-encoded as it was read
(its encoding and byte-order mark), and line endings are untouched because only the matched
words change.
"""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass

from copylint.findings import FileResult, Finding, Fix, Problem

_BOMS = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def match_case(written: str, wording: str) -> str:
    """The wording in the case of the words it replaces: "Miraculous" -> "Promising"."""
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return wording.upper()
    if letters and written.lstrip()[:1].isupper():
        return wording[:1].upper() + wording[1:]
    return wording


def applicable(findings: list[Finding]) -> list[Fix]:
    """The fixes of standing findings, first come first served where two overlap."""
    chosen: list[Fix] = []
    for fix in sorted({f.fix for f in findings if f.fix and not f.suppressed}, key=lambda x: (x.start, x.end)):
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen


def apply_to_text(text: str, fixes: list[Fix]) -> str:
    parts, position = [], 0
    for fix in fixes:
        parts += [text[position : fix.start], fix.replacement]
        position = fix.end
    parts.append(text[position:])
    return "".join(parts)


def encode(text: str, encoding: str) -> bytes:
    """Text back to the bytes of a file read as ``encoding`` (see files.decode), BOM included."""
    base = "utf-8" if encoding == "utf-8-sig" else encoding
    return _BOMS.get(encoding, b"") + text.encode(base)


class FixError(Exception):
    """A file cannot be fixed safely; the message names it. Other files are still fixed."""


@dataclass(frozen=True)
class FileFix:
    path: str
    before: str
    after: str
    encoding: str
    count: int

    def diff(self, shown_path: str) -> str:
        """A unified diff git apply accepts: a/ b/ headers, "\\ No newline at end of file" where due,
        and the byte-order mark on the first line, where the file has one."""
        bom = "\ufeff" if self.encoding in _BOMS else ""
        lines = difflib.unified_diff(
            (bom + self.before).splitlines(keepends=True),
            (bom + self.after).splitlines(keepends=True),
            f"a/{shown_path}",
            f"b/{shown_path}",
        )
        out = []
        for line in lines:
            if line.startswith(("---", "+++")):
                out.append(line.rstrip("\r\n") + "\n")
            elif line.endswith("\n"):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def plan(path: str, findings: list[Finding]) -> FileFix | None:
    """What fixing a file would change, or None when nothing can be fixed mechanically. The file is
    read again and must decode exactly as it did when it was checked."""
    from copylint import files

    fixes = applicable(findings)
    if not fixes:
        return None
    data = files.read_bytes(path)
    decoded = files.decode(data)
    if encode(decoded.text, decoded.encoding) != data:
        raise FixError(f"{path}: cannot write it back byte for byte in {decoded.encoding}; not fixed")
    if any(decoded.text[f.start : f.end] != f.original for f in fixes):
        raise FixError(f"{path}: changed while it was being checked; not fixed")
    after = apply_to_text(decoded.text, fixes)
    return FileFix(path, decoded.text, after, decoded.encoding, len(fixes))


def write(fix: FileFix) -> None:
    """Replace the file atomically (see files.write_atomically), in its own encoding."""
    from copylint.files import write_atomically

    write_atomically(fix.path, encode(fix.after, fix.encoding))


def planned_fix(result: FileResult) -> FileFix | None:
    """What fixing a checked file would change (None: nothing). A file that cannot be fixed
    safely gets an error in its result, like an unreadable input."""
    from copylint.files import UnreadableFile

    try:
        return plan(result.path, result.findings)
    except (FixError, UnreadableFile) as exc:
        result.error = Problem(result.path, str(exc).removeprefix(f"{result.path}: "))
        return None


def fix_files(results: list[FileResult], recheck) -> tuple[list[FileResult], int, int]:
    """Write each file's fixes and check it again with ``recheck(path)``. Returns the new results,
    the number of findings fixed and the number of files written."""
    out, fixed_findings, fixed_files = [], 0, 0
    for result in results:
        planned = planned_fix(result)
        if planned:
            try:
                write(planned)
            except OSError as exc:
                result.error = Problem(result.path, f"cannot write the fixes: {exc}")
                planned = None
        if planned:
            fixed_findings += planned.count
            fixed_files += 1
            result = recheck(result.path)
        out.append(result)
    return out, fixed_findings, fixed_files
