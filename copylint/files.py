"""Finding the files to check, and turning their bytes into text.

Decoding rules: a UTF-8 BOM is stripped; UTF-16 and UTF-32 with a BOM are decoded; a NUL byte
in what is left marks a binary file, which is skipped; anything else is UTF-8, or, if it is not,
a Western single-byte encoding (cp1252, then ISO 8859-15) with a warning naming it. Line endings are
kept as they are (CRLF stays CRLF) so that columns refer to the file as written.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from copylint.findings import Problem
from copylint.sources import LINTED_SUFFIXES

# Dependencies, build output and tool folders: never a site's own copy. Hidden folders
# (.git, .next, .cache ...) are skipped as well.
SKIPPED_DIRS = frozenset(
    {"node_modules", "bower_components", "vendor", "__pycache__", "venv", "site-packages", "dist", "build", "_site",
     "coverage", "htmlcov"}
)
BINARY_SNIFF_BYTES = 8192


class UnreadableFile(Exception):
    """The file could not be read at all (missing, a permission error, ...)."""


class BinaryFile(Exception):
    """The file is not text; it is skipped with a note."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # set when the text was not valid UTF-8


def decode(data: bytes) -> Decoded:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                name = encoding[:6].upper()
                raise BinaryFile(f"has a {name} byte-order mark but is not valid {name} ({exc.reason})") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryFile("binary file (contains NUL bytes); skipped")
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for fallback in ("cp1252", "iso8859-15"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        return Decoded(text, fallback, f"not valid UTF-8 ({where}); read as {fallback}")
    raise AssertionError("ISO 8859-15 decodes any byte string")  # pragma: no cover


def digest(data: bytes) -> str:
    """What a file's content is known by (in the result cache)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise UnreadableFile("no such file or directory") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None


def read_text(path: str) -> Decoded:
    return decode(read_bytes(path))


@dataclass(frozen=True)
class WalkOptions:
    """How directories are walked. Globs match a path relative to the directory walked (or
    as given, for a file named on the command line), or any one of its parts."""

    include: tuple[str, ...] = ()  # when set, walk picks files matching these instead of known suffixes
    exclude: tuple[str, ...] = ()  # never checked, even when named on the command line
    gitignore: bool = True
    base: str | None = None  # the configuration file's folder: globs also match paths relative to it


@dataclass(frozen=True)
class Discovery:
    files: list[str]
    missing: list[str]  # paths given on the command line that do not exist
    skipped: list[Problem]  # found while walking but not readable as files (broken symlinks ...)


def path_matches(path: str, pattern: str) -> bool:
    """A glob matches a path, or any one of its parts; ``*`` crosses folders, and a leading
    ``**/`` or an inner ``/**/`` may also match no folder at all."""
    pure = PurePosixPath(path.replace(os.sep, "/"))
    candidates = [str(pure), *pure.parts]
    pattern = pattern.rstrip("/")
    variants = {pattern, pattern.removeprefix("**/"), pattern.replace("/**/", "/")}
    return any(fnmatch.fnmatchcase(c, p) for p in variants for c in candidates)


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(path_matches(path, pattern) for pattern in patterns)


def _matches_from(base: str | None, path: str, patterns: tuple[str, ...]) -> bool:
    """The path relative to ``base`` (the configuration's folder) matches; False outside it."""
    if base is None or not patterns:
        return False
    relative = os.path.relpath(os.path.abspath(path), base)
    return not relative.startswith("..") and _matches(relative, patterns)


def discover(paths: list[str], options: WalkOptions = WalkOptions()) -> Discovery:
    """Files named explicitly are checked (unless excluded); directories are walked.

    A walk skips hidden, dependency and build folders, files ignored by git (inside a git work
    tree), and does not follow directory symlinks, so a symlink loop cannot trap it. The result
    is sorted and free of duplicates so output order does not depend on the walk.
    """
    files: set[str] = set()
    missing: list[str] = []
    skipped: list[Problem] = []
    for given in paths:
        if os.path.isdir(given):
            found, broken = _walk(given, options)
            files.update(found)
            skipped.extend(broken)
        elif os.path.lexists(given):
            if not (_matches(given, options.exclude) or _matches_from(options.base, given, options.exclude)):
                files.add(os.path.normpath(given))
        else:
            missing.append(given)
    return Discovery(sorted(files), missing, skipped)


def _git_visible(root: str) -> set[str] | None:
    """Files under ``root`` that git does not ignore (relative to root), or None outside a
    git work tree or without git."""
    try:
        listed = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    return {os.path.normpath(p) for p in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if p}


def _walk(root: str, options: WalkOptions) -> tuple[list[str], list[Problem]]:
    visible = _git_visible(root) if options.gitignore else None
    found: list[str] = []
    broken: list[Problem] = []
    for directory, subdirs, names in os.walk(root):
        relative_dir = os.path.relpath(directory, root)
        subdirs[:] = [
            d for d in subdirs
            if d not in SKIPPED_DIRS and not d.startswith(".")
            and not _matches(os.path.join(relative_dir, d), options.exclude)
            and not _matches_from(options.base, os.path.join(directory, d), options.exclude)
        ]
        for name in names:
            relative = os.path.normpath(os.path.join(relative_dir, name))
            full = os.path.join(directory, name)
            if name.startswith(".") or _matches(relative, options.exclude) or _matches_from(options.base, full, options.exclude):
                continue
            if options.include:
                if not (_matches(relative, options.include) or _matches_from(options.base, full, options.include)):
                    continue
            elif Path(name).suffix.lower() not in LINTED_SUFFIXES:
                continue
            if visible is not None and relative not in visible:
                continue
            path = os.path.normpath(os.path.join(directory, name))
            if os.path.islink(path) and not os.path.exists(path):
                broken.append(Problem(path, "broken or looping symbolic link; skipped"))
                continue
            found.append(path)
    return found, broken


def write_atomically(path: str, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder,
    flushed to disk, then os.replace: a reader never sees half a file, a failure leaves the old
    one in place, and an existing file keeps its permission bits."""
    import tempfile

    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".copylint-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if os.path.exists(path):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
