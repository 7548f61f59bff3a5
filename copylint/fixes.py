"""--fix and --diff: the rules' mechanical replacements, applied to the source as written.

A fix exists only where the matched words are one verbatim run of the source (the engine checks
this), so markup, entities and escapes are never touched. The file is re-encoded as it was read
(its encoding and byte-order mark), and line endings are untouched because only the matched
words change.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from copylint.findings import FileResult, Finding, Fix, Problem

if TYPE_CHECKING:
    from copylint.rulebook import Rule
    from copylint.sources import Format
    from copylint.sources.projection import Projection

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


# A replacement goes into the source as written; in a YAML scalar or an attribute value a quote
# or a comma might end it, so wording that holds one is only applied in running text.
_RISKY_OUTSIDE_TEXT = frozenset("',\u2019")


def fix_for(
    rule: Rule,
    matched: str,
    projection: Projection,
    start: int,
    end: int,
    source: str,
    source_format: Format,
    where: str,
) -> Fix | None:
    """The fix of a match at projection offsets [start, end) whose (folded) words are ``matched``
    in a block of kind ``where``: only where the rule has a replacement for those words and they
    are one verbatim run of one line of the source. Whether the replacement fits the sentence
    was decided before (stages/vet.py): a verdict it refused is not fixable."""
    found = rule.replacement_for(matched)
    if found is None or source_format.to_text is not None:  # a .docx: text extracted, not the file
        return None
    wording, _ = found
    span = projection.copied_source(start, end)
    if span is None or "\n" in source[span[0] : span[1]] or "\r" in source[span[0] : span[1]]:
        return None
    in_running_text = not source_format.is_data and where in ("text", "heading", "table")
    if not in_running_text and _RISKY_OUTSIDE_TEXT & set(wording):
        return None
    written = source[span[0] : span[1]]
    return Fix(span[0], span[1], match_case(written, wording), written)


def applicable(findings: list[Finding]) -> list[Fix]:
    """The fixes of standing findings, first come first served where two overlap."""
    chosen: list[Fix] = []
    for fix in sorted(
        {f.fix for f in findings if f.fix and not f.suppressed}, key=lambda x: (x.start, x.end)
    ):
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


# Encodings whose bytes a line-based patch cannot carry: git splits a patch and the file at the
# byte 0x0a, which in UTF-16 and UTF-32 is half a character (and the NUL bytes make git call the
# file binary). Their fixes are left out of --diff, with a note; --fix writes them.
NOT_IN_A_PATCH = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})


@dataclass(frozen=True)
class FileFix:
    path: str
    before: str
    after: str
    encoding: str
    count: int

    @property
    def original(self) -> bytes:
        return encode(self.before, self.encoding)

    @property
    def fixed(self) -> bytes:
        return encode(self.after, self.encoding)

    def diff(self, shown_path: str) -> bytes:
        r"""A unified diff of the file's bytes, in its own encoding, that git apply accepts and that
        gives exactly what --fix writes: lines are split at b"\n" only (as git splits them; a lone
        CR, a form feed or U+2028 is inside a line), a/ b/ headers, "\ No newline at end of file"
        where due. Raises FixError for an encoding a patch cannot carry (NOT_IN_A_PATCH)."""
        if self.encoding in NOT_IN_A_PATCH:
            raise FixError(
                f"{self.path}: {self.encoding.upper()} text cannot be shown as a patch git "
                "applies; left out of the diff (--fix writes it)"
            )
        name = os.fsencode(shown_path)
        lines = difflib.diff_bytes(
            difflib.unified_diff,
            _lines(self.original),
            _lines(self.fixed),
            b"a/" + name,
            b"b/" + name,
        )
        out = []
        for line in lines:
            if line.startswith((b"---", b"+++")):
                out.append(line.rstrip(b"\r\n") + b"\n")
            elif line.endswith(b"\n"):
                out.append(line)
            else:
                out.append(line + b"\n\\ No newline at end of file\n")
        return b"".join(out)


def _lines(data: bytes) -> list[bytes]:
    """``data`` split after each b"\n", the only line end git knows."""
    lines = data.split(b"\n")
    last = lines.pop()
    return [line + b"\n" for line in lines] + ([last] if last else [])


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
        raise FixError(
            f"{path}: cannot write it back byte for byte in {decoded.encoding}; not fixed"
        )
    if any(decoded.text[f.start : f.end] != f.original for f in fixes):
        raise FixError(f"{path}: changed while it was being checked; not fixed")
    after = apply_to_text(decoded.text, fixes)
    return FileFix(path, decoded.text, after, decoded.encoding, len(fixes))


def refusal(path: str, info: os.stat_result) -> str | None:
    """Why a file cannot be replaced by its fixed version as the same file, or None.

    - more than one hard link: a replace would split them (the other names keep the old words),
      and rewriting the inode in place would lose the crash safety of the replace (and change
      every copy made with hard links, such as rsync --link-dest backups). The user decides.
    - not writable by us (a 0444 page, another user's page): the replace only needs the folder to
      be writable, but the file's own bits say it is not to be changed.
    - owned by another user or a group we are not in, unless we may chown (root): the fixed file
      would change hands."""
    if info.st_nlink > 1:
        return (
            f"has {info.st_nlink} hard links, which a fix would split (the other names would "
            "keep the old words); not fixed"
        )
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        return (
            f"is read-only for you (mode {stat.S_IMODE(info.st_mode):04o}, "
            f"owner {_owner(info.st_uid)}); not fixed"
        )
    if os.geteuid() != 0:
        if info.st_uid != os.geteuid():
            return (
                f"belongs to {_owner(info.st_uid)}: the fixed file would belong to you; not fixed"
            )
        if info.st_gid != os.getegid() and info.st_gid not in os.getgroups():
            return f"belongs to a group you are not in (gid {info.st_gid}); not fixed"
    return None


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def write(fix: FileFix) -> None:
    """Replace the file atomically (see files.write_atomically), in its own encoding, if it still
    holds the bytes the fix was planned from."""
    from copylint.files import write_atomically

    write_atomically(fix.path, fix.fixed, expected=fix.original)


def planned_fix(result: FileResult) -> tuple[FileFix | None, FileResult]:
    """What fixing a checked file would change (None: nothing), and the result: a file that
    cannot be fixed safely gets a new result with an error, like an unreadable input."""
    from copylint.files import UnreadableFile

    try:
        return plan(result.path, result.findings), result
    except (FixError, UnreadableFile) as exc:
        return None, _failed(result, str(exc))


def _failed(result: FileResult, message: str) -> FileResult:
    return replace(result, error=Problem(result.path, message.removeprefix(f"{result.path}: ")))


def fix_file(result: FileResult) -> tuple[FileFix | None, FileResult]:
    """Fix one checked file under its lock (files.locked), so that a concurrent --fix cannot slip
    a write between our read and our replace; the bytes are compared once more just before the
    replace, for writers that take no lock. Errors come back in a new result, as for planned_fix."""
    from copylint import files

    if not applicable(result.findings):
        return None, result
    try:
        with files.locked(result.path) as info:
            planned = plan(result.path, result.findings)
            if planned is None:
                return None, result
            why = refusal(files.resolve_link(result.path), info)
            if why:
                raise FixError(why)
            write(planned)
            return planned, result
    except (FixError, files.UnreadableFile, files.FileLocked) as exc:
        message = str(exc)
    except files.FileChanged:
        message = "changed while it was being fixed; not fixed"
    except OSError as exc:
        message = f"cannot write the fixes: {exc}"
    return None, _failed(result, message)


def fix_files(
    results: list[FileResult], recheck: Callable[[str], FileResult]
) -> tuple[list[FileResult], int, int]:
    """Write each file's fixes and check it again with ``recheck(path)``. Returns the new results,
    the number of findings fixed and the number of files written. A file reached twice (a page and
    a symbolic link to it) is fixed once; the second name is only checked again."""
    out, fixed_findings, fixed_files = [], 0, 0
    written: set[str] = set()
    for result in results:
        real = os.path.realpath(result.path)
        if real in written:
            out.append(recheck(result.path))
            continue
        planned, result = fix_file(result)
        if planned:
            written.add(real)
            fixed_findings += planned.count
            fixed_files += 1
            result = recheck(result.path)
        out.append(result)
    return out, fixed_findings, fixed_files
