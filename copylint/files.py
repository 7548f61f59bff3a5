"""Finding the files to check, and turning their bytes into text.

Decoding rules: a UTF-8 BOM is stripped; UTF-16 with a BOM is decoded; a NUL byte in what is
left marks a binary file, which is skipped; anything else is UTF-8, or, if it is not, a
Western single-byte encoding (cp1252, then latin-1) with a warning naming it. Line endings are
kept as they are (CRLF stays CRLF) so that columns refer to the file as written.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from copylint.sources import LINTED_SUFFIXES

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".copylint_cache"})
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
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise BinaryFile(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from None
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
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        return Decoded(text, fallback, f"not valid UTF-8 ({where}); read as {fallback}")
    raise AssertionError("latin-1 decodes any byte string")  # pragma: no cover


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
class Discovery:
    files: list[str]
    missing: list[str]  # paths given on the command line that do not exist


def discover(paths: list[str]) -> Discovery:
    """Files named explicitly are always checked; directories are walked for linted suffixes.

    Hidden and tool directories are not entered, and directory symlinks are not followed.
    The result is sorted and free of duplicates so output order does not depend on the walk.
    """
    files: set[str] = set()
    missing: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            files.update(_walk(given))
        elif os.path.exists(given):
            files.add(os.path.normpath(given))
        else:
            missing.append(given)
    return Discovery(sorted(files), missing)


def _walk(root: str) -> list[str]:
    found = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in names:
            if Path(name).suffix.lower() in LINTED_SUFFIXES and not name.startswith("."):
                found.append(os.path.normpath(os.path.join(directory, name)))
    return found
