"""The loaded rulebook kept between runs, so a clean file does not pay for parsing the packs.

Reading the YAML packs, lexicons and language files and expanding them into rules is most of a
clean file's run time (~0.1 s); the result, pickled, loads in about a fifth of that. It is kept
in the user's cache folder (``$COPYLINT_RULES_CACHE``, else ``$XDG_CACHE_HOME/copylint``, else
``~/.cache/copylint``), never in the checked repository: a pickle is code, and a repository's
files are not to be trusted. Setting ``COPYLINT_RULES_CACHE`` to ``off`` turns it off.

An entry is named by a hash of everything the rules are built from: copylint's version and
source files, the Python version, and the bytes of every rule file read. An edited pack, a site
pack added, an upgrade: a new entry. An entry is read only when it is a regular file owned by
this user that nobody else may write, in a folder of the same kind; anything wrong with it
(damaged, unreadable, from another layout) only costs the parse it was meant to save.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import copylint

OFF = "off"
_KEEP = 8  # entries kept: a few rule sets (sites, versions) in use at once
_PACKAGE = Path(copylint.__file__).resolve().parent

T = TypeVar("T")


def folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    chosen = os.environ.get("COPYLINT_RULES_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() == OFF or not chosen.strip() else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def _code_stamp() -> list[str]:
    """copylint's own modules by size and modification time: an edited checkout makes new
    entries (the version alone does not change while developing)."""
    stamp = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        info = path.stat()
        stamp.append(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}")
    return stamp


def key(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for part in [copylint.__version__, sys.version, *_code_stamp()]:
        digest.update(part.encode() + b"\0")
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(Path(path).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _private(info: os.stat_result, kind: Callable[[int], bool]) -> bool:
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or info.st_uid == getuid()
    return kind(info.st_mode) and owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path) -> object | None:
    try:
        if not _private(os.lstat(entry.parent), stat.S_ISDIR):
            return None
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not _private(os.fstat(handle.fileno()), stat.S_ISREG):
                return None
            return pickle.load(handle)
        except Exception:  # damaged or from an older layout: parse again
            return None


def _write(entry: Path, value: object) -> None:
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.lstat(entry.parent), stat.S_ISDIR):
            return
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".rules-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(entry.parent)
    except (OSError, pickle.PicklingError):
        pass  # an unwritable cache folder only costs time


def _prune(directory: Path) -> None:
    entries = sorted(
        directory.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for stale in entries[_KEEP:]:
        stale.unlink(missing_ok=True)


def cached(files: Callable[[], list[Path]], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``files()`` (the rule files it
    reads)."""
    where = folder()
    if where is None:
        return build()
    try:
        entry = where / f"rules-{key(files())}.pickle"
    except Exception:  # a missing folder or unreadable pack: build() says what is wrong
        return build()
    value = _read(entry)
    if value is None:
        value = build()
        _write(entry, value)
    return value  # type: ignore[return-value]
