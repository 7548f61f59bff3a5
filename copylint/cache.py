"""Results per file, kept between runs in ``.copylint_cache/``.

A file's entry is found by a hash of its path (as given and as an absolute path: per-file
sections of the configuration match the absolute one) and its bytes, inside a folder named by a
hash of everything else that decides its findings: copylint's version and code, the versions of
spaCy, pyromark and Python, the rule packs' contents, and the settings that choose rules,
severities and allowed phrases: every field of the settings, walked rather than listed
(``settings_fields``), so a new setting is in the key without anyone remembering it. Change any
of them and the run uses a new folder; change a file and its entry is not found. Entries are
JSON, one file each, written atomically, so concurrent runs (pre-commit and an editor, say)
never see half of one; an entry that does not read back as a valid result (damaged,
hand-edited) is a miss. Options that act after the engine (the baseline, --changed-only,
--fail-on; ``NOT_IN_KEY`` names the settings among them) are not part of the key: they filter
cached results the same way as fresh ones.

Safety: copylint writes and deletes only inside a cache folder it created itself and marked
with a ``CACHEDIR.TAG`` (https://bford.info/cachedir/) naming copylint, and it never follows a
symbolic link there. The folder is built under a temporary name (tag and ``.gitignore``
included) and renamed into place, so a folder without copylint's tag is never one it made. A
folder named with --cache-dir (or COPYLINT_CACHE_DIR) that exists and is not such a cache gets
the cache in a ``.copylint_cache`` folder inside it; nothing else in it is touched. A symbolic
link, or an existing folder at the cache's own place that has no tag, is not used: one warning,
and the run goes on without the cache. Every file and folder below the cache's root is opened
relative to the root's descriptor with O_NOFOLLOW, created with O_EXCL, and pruning and
``copylint clean`` remove only names shaped like copylint's own (run folders, entries, the tag
and .gitignore).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import secrets
import stat
import tempfile
from pathlib import Path
from typing import cast

from copylint import __version__
from copylint.files import UnreadableFile, digest, read_bytes, write_all
from copylint.findings import (
    SEVERITIES,
    FileResult,
    Finding,
    Fix,
    Problem,
    Related,
    Suggestion,
)
from copylint.rulebook import default_rules_dir, rule_files
from copylint.settings import Settings

DIRECTORY = ".copylint_cache"
FORMAT = 5  # bump when the entry layout changes
KEPT_RUN_FOLDERS = 8  # folders of other settings kept before the oldest is removed
TAG = "CACHEDIR.TAG"
GITIGNORE = ".gitignore"
_TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
_TAG_OWNER = b"# This file is a cache directory tag created by copylint"
_TAG_TEXT = (
    _TAG_SIGNATURE + b"\n" + _TAG_OWNER + b" (its result cache; 'copylint clean' removes it).\n"
    b"# For information about cache directory tags, see: https://bford.info/cachedir/\n"
)
_GITIGNORE = b"# Created by copylint: its result cache is not for version control.\n*\n"
_RUN_NAME = re.compile(r"[0-9a-f]{24}")  # run_key(): blake2b, 12 bytes
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.json")  # files.digest(): blake2b, 16 bytes
_TEMP_NAME = re.compile(r"\.[0-9a-f]{32}\.json\.\d+-[0-9a-f]{8}\.tmp")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_SUPPORTED = (
    bool(_NOFOLLOW and _DIRECTORY)
    and {os.open, os.mkdir, os.unlink, os.rmdir, os.rename} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)


class CacheError(OSError):
    """``copylint clean`` will not remove this folder; the message says why."""


def default_directory(settings: Settings) -> str:
    """Next to the configuration file if there is one (the site's root), else here."""
    return os.path.join(settings.config.root if settings.config else os.getcwd(), DIRECTORY)


# --- where the cache is, and whether it is copylint's ------------------------------------------


def _open_folder(name: str | os.PathLike, dir_fd: int | None = None) -> int:
    """A descriptor of a real folder (never through a symbolic link in its last part)."""
    return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=dir_fd)


def _is_marked(folder_fd: int) -> bool:
    """The folder holds a regular-file CACHEDIR.TAG with the standard signature, written by
    copylint."""
    try:
        head = _read_regular(folder_fd, TAG, 512)
    except OSError:
        return False
    return head is not None and head.startswith(_TAG_SIGNATURE) and _TAG_OWNER in head


def _read_regular(folder_fd: int, name: str, limit: int = -1) -> bytes | None:
    """The bytes (at most ``limit``) of the file ``name`` in the folder, None when it is not a
    regular file; a symbolic link is not followed, a FIFO does not block. Raises OSError."""
    fd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit)
    finally:
        os.close(fd)


def _state(path: Path) -> str:
    """absent, ours (a folder copylint made and marked), link, foreign (a folder that is not
    copylint's cache), notdir, or unusable (cannot be looked at: a parent is a file, say)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "unusable"
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if not stat.S_ISDIR(info.st_mode):
        return "notdir"
    try:
        fd = _open_folder(path)
    except OSError:
        return "unusable"
    try:
        return "ours" if _is_marked(fd) else "foreign"
    finally:
        os.close(fd)


def locate(directory: str, named: bool = False) -> tuple[Path | None, str]:
    """The cache's root for ``directory`` and a state (see _state), or (None, why not).

    ``named``: the user chose the folder (--cache-dir, COPYLINT_CACHE_DIR). If it exists and is
    not a copylint cache, the cache goes in a .copylint_cache folder inside it: a named folder
    is often one that holds other things (the project, ~/.cache, a CI cache path), and copylint
    never writes a .gitignore into it or prunes what is in it."""
    path = Path(directory)
    state = _state(path)
    if state == "foreign" and named:
        path = path / DIRECTORY
        state = _state(path)
    if state in ("absent", "ours", "unusable"):
        return path, state
    if state == "link":
        return (
            None,
            f"{path}: is a symbolic link; copylint does not follow links for its cache, "
            "so this run does not use the result cache",
        )
    if state == "notdir":
        return None, f"{path}: is not a folder; this run does not use the result cache"
    return None, (
        f"{path}: exists but is not a copylint cache (no CACHEDIR.TAG written by copylint); "
        "this run does not use the result cache (an older copylint's cache has no tag either: "
        "remove the folder, or choose another with --cache-dir)"
    )


def _create_marked(root: Path) -> int:
    """Make the cache's root with its tag and .gitignore in place from the start: built under a
    temporary name beside it, then renamed. Returns a descriptor of the folder now at ``root``;
    raises OSError if that is not a copylint cache (another run's is fine)."""
    parent = root.parent
    parent.mkdir(parents=True, exist_ok=True)
    building = tempfile.mkdtemp(prefix=f".{root.name}-new-", dir=parent)
    fd = _open_folder(building)
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o777 & ~mask)
        for name, content in ((TAG, _TAG_TEXT), (GITIGNORE, _GITIGNORE)):
            _write_new(fd, name, content)
        os.rename(building, root)  # fails if root is now a link, a file or a folder with contents
        renamed = True
    except OSError:
        renamed = False
    finally:
        os.close(fd)
    if not renamed:
        _remove_own_files(building)
    fd = _open_folder(root)
    if not _is_marked(fd):
        os.close(fd)
        raise OSError(f"{root}: not a copylint cache")
    return fd


def _remove_own_files(folder: str) -> None:
    """Undo a cache root that was built but not renamed into place."""
    try:
        fd = _open_folder(folder)
    except OSError:
        return
    try:
        for name in (TAG, GITIGNORE):
            try:
                os.unlink(name, dir_fd=fd)
            except OSError:
                pass
    finally:
        os.close(fd)
    try:
        os.rmdir(folder)
    except OSError:
        pass


def _write_new(folder_fd: int, name: str, content: bytes) -> None:
    """Create a file that must not exist yet (never through a link), and write it whole."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder_fd)
    try:
        write_all(fd, content)
    finally:
        os.close(fd)


# --- the cache -----------------------------------------------------------------------------------


class ResultCache:
    def __init__(
        self,
        directory: str,
        settings: Settings,
        force_format: str | None = None,
        named: bool = False,
    ):
        self.settings = settings
        root, state = locate(directory, named) if _SUPPORTED else (None, "")
        self.root = root
        self.warning = (
            None if root is not None or not state else state
        )  # for the command line to print once
        self.key = run_key(settings, force_format)
        self.folder = (root / self.key) if root is not None else Path(directory) / self.key
        self.hits = 0
        self.misses = 0
        self._root_fd: int | None = None
        self._run_fd: int | None = None
        self._looked = False  # tried to open the run folder for reading
        self._prepared = False  # tried to create it for writing
        self._rules: dict[str, str] | None = None

    def __del__(self) -> None:
        for fd in (self._run_fd, self._root_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def entry_name(self, path: str, content_digest: str) -> str:
        key = "\0".join((os.path.abspath(path), path, content_digest))
        return digest(key.encode("utf-8", "surrogatepass")) + ".json"

    def lookup(self, path: str) -> FileResult | None:
        """The stored result for the file as it is now, or None (then check it; the check reads
        it again and stores its result under the digest of what it read, so a file changed in
        between is safe)."""
        if self._reading_folder() is None:
            self.misses += 1
            return None
        try:
            data = read_bytes(path)
        except UnreadableFile:
            self.misses += 1
            return None
        return self.get(path, digest(data))

    def get(self, path: str, content_digest: str) -> FileResult | None:
        folder = self._reading_folder()
        result = None
        if folder is not None:
            try:
                raw = _read_regular(folder, self.entry_name(path, content_digest))
                data = json.loads(raw) if raw is not None else None
                if (
                    isinstance(data, dict)
                    and data.get("format") == FORMAT
                    and data.get("path") == path
                    and data.get("absolute") == os.path.abspath(path)
                ):
                    result = result_from_dict(data, self._known_rules())
            except (OSError, ValueError, KeyError, TypeError, RecursionError):
                result = None  # absent, damaged or edited: check the file again
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, path: str, content_digest: str, result: FileResult) -> None:
        """Store a result; a cache that cannot be written is not an error, just slower next time."""
        folder = self._writing_folder()
        if folder is None:
            return
        target = self.entry_name(path, content_digest)
        temporary = f".{target}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        data = result_to_dict(result)
        data["absolute"] = os.path.abspath(path)
        try:
            # ASCII with \\u escapes: a path that is not valid UTF-8 (surrogate escapes)
            # round-trips exactly
            _write_new(
                folder,
                temporary,
                json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii"),
            )
            os.replace(temporary, target, src_dir_fd=folder, dst_dir_fd=folder)
        except (OSError, ValueError):
            try:
                os.unlink(temporary, dir_fd=folder)
            except OSError:
                pass

    # the folders, by descriptor: nothing below the root is reached through a symbolic link

    def _open_root(self, create: bool) -> int | None:
        if self._root_fd is not None or self.root is None:
            return self._root_fd
        try:
            fd = _open_folder(self.root)
        except FileNotFoundError:
            if not create:
                return None
            try:
                self._root_fd = _create_marked(self.root)
            except OSError:
                self.root = None
            return self._root_fd
        except OSError:
            self.root = None  # a link put in its place, or not a folder: no cache
            return None
        if not _is_marked(fd):
            os.close(fd)
            self.root = None
            return None
        self._root_fd = fd
        return fd

    def _reading_folder(self) -> int | None:
        if not self._looked:
            self._looked = True
            root = self._open_root(create=False)
            if root is not None:
                try:
                    self._run_fd = _open_folder(self.key, dir_fd=root)
                except OSError:
                    pass
        return self._run_fd

    def _writing_folder(self) -> int | None:
        if self._run_fd is not None or self._prepared:
            return self._run_fd
        self._prepared = True
        root = self._open_root(create=True)
        if root is None:
            return None
        created = False
        try:
            os.mkdir(self.key, dir_fd=root)
            created = True
        except FileExistsError:
            pass
        except OSError:
            return None
        try:
            self._run_fd = _open_folder(self.key, dir_fd=root)
        except OSError:
            return None
        if created:
            _drop_old_folders(root, keep=self.key)
        return self._run_fd

    def _known_rules(self) -> dict[str, str]:
        if self._rules is None:
            self._rules = {rule.id: rule.category for rule in self.settings.full_rulebook()}
        return self._rules


def _drop_old_folders(root_fd: int, keep: str) -> None:
    """Each change of settings or rules starts a new folder; keep only the most recent few. Only
    real folders named like a run key are candidates; links and anything else are left alone."""
    try:
        with os.scandir(root_fd) as entries:
            folders = [
                (e.stat(follow_symlinks=False).st_mtime, e.name)
                for e in entries
                if _RUN_NAME.fullmatch(e.name)
                and e.name != keep
                and e.is_dir(follow_symlinks=False)
            ]
    except OSError:
        return
    folders.sort(reverse=True)
    for _, name in folders[KEPT_RUN_FOLDERS - 1 :]:
        _remove_run_folder(root_fd, name)


def _remove_run_folder(root_fd: int, name: str) -> bool:
    """Remove a run folder's entries (and stray temporary files), then the folder if that left it
    empty. Anything else in it (a folder, a file not named like an entry) keeps it. True if
    removed."""
    try:
        fd = _open_folder(name, dir_fd=root_fd)
    except OSError:
        return False
    try:
        with os.scandir(fd) as entries:
            names = [
                e.name
                for e in entries
                if (_ENTRY_NAME.fullmatch(e.name) or _TEMP_NAME.fullmatch(e.name))
                and not e.is_dir(follow_symlinks=False)
            ]
        for entry in names:
            try:
                os.unlink(entry, dir_fd=fd)  # unlink removes a link itself, never what it points to
            except OSError:
                pass
    except OSError:
        return False
    finally:
        os.close(fd)
    try:
        os.rmdir(name, dir_fd=root_fd)
        return True
    except OSError:
        return False


def clear(directory: str, named: bool = False) -> tuple[Path, bool]:
    """Remove the cache ``check`` would use for ``directory``: (where it is, whether there was
    one). Raises CacheError for a folder that is not a copylint cache (or is a link): nothing is
    removed then. Only copylint's own names go: run folders and their entries, the tag, the
    .gitignore. A folder left holding anything else stays, with its tag, and the error says so."""
    if not _SUPPORTED:
        raise CacheError(
            f"{directory}: removing the cache safely needs O_NOFOLLOW and dir_fd support, "
            "which this system lacks"
        )
    root, state = locate(directory, named)
    if root is None:
        raise CacheError(state.split(";")[0] + "; not removing it")
    if state in ("absent", "unusable"):
        return root, False
    try:
        fd = _open_folder(root)
    except OSError as exc:
        raise CacheError(f"{root}: cannot open it: {exc.strerror}; not removing it") from None
    try:
        if not _is_marked(fd):
            raise CacheError(
                f"{root}: not a copylint cache (no CACHEDIR.TAG written by copylint); "
                "not removing it"
            )
        with os.scandir(fd) as entries:
            listed = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
        kept = []
        for name, is_dir in listed:
            if name in (TAG, GITIGNORE):
                continue
            if is_dir and _RUN_NAME.fullmatch(name) and _remove_run_folder(fd, name):
                continue
            kept.append(name)
        if kept:
            raise CacheError(
                f"{root}: removed copylint's results but left the folder: it also holds "
                f"{', '.join(sorted(kept)[:3])}{' ...' if len(kept) > 3 else ''}, "
                "which copylint did not make"
            )
        for name in (GITIGNORE, TAG):
            try:
                os.unlink(name, dir_fd=fd)
            except FileNotFoundError:
                pass
    finally:
        os.close(fd)
    try:
        os.rmdir(root)
    except OSError as exc:
        raise CacheError(
            f"{root}: removed its contents but not the folder: {exc.strerror}"
        ) from None
    return root, True


# --- the key ---------------------------------------------------------------------------------


KEY_SHAPE = 2  # bump when what run_key() hashes changes shape (2: settings walked field by field)

# Settings fields that act after the engine: they filter or gate cached results the same way as
# fresh ones (the baseline, fail-on), or choose which files are walked (each file has its own
# entry). Every other field of the settings, and of the dataclasses in them, is in the key.
NOT_IN_KEY = frozenset(
    {
        "Settings.cli_fail_on",
        "Config.fail_on",
        "Config.baseline",
        "Config.include",
        "Config.exclude",
    }
)


def run_key(settings: Settings, force_format: str | None = None) -> str:
    hasher = hashlib.blake2b(digest_size=12)

    def add(*parts: object) -> None:
        for part in parts:
            hasher.update(repr(part).encode("utf-8", "surrogatepass"))
            hasher.update(b"\0")

    add(FORMAT, KEY_SHAPE, __version__, force_format)
    add(*_code_stamp())
    add(*_library_versions())
    add(settings_fields(settings))
    site_dirs = settings.config.rules_dirs if settings.config else ()
    # copylint's own rules folder always: its lexicons and language data load with --rules too
    for directory in [default_rules_dir(), *(Path(d) for d in settings.rule_dirs)]:
        add(*_pack_contents(directory))
    for site_dir in site_dirs:
        add(*_pack_contents(Path(site_dir)))
    return hasher.hexdigest()


def settings_fields(value: object) -> object:
    """``value`` with every dataclass in it as (its name, ((field, value), ...)), walking the
    fields so that a new setting is in the key without anyone listing it (NOT_IN_KEY aside)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        return (
            kind,
            tuple(
                (f.name, settings_fields(getattr(value, f.name)))
                for f in dataclasses.fields(value)
                if f"{kind}.{f.name}" not in NOT_IN_KEY
            ),
        )
    if isinstance(value, (tuple, list)):
        return tuple(settings_fields(item) for item in value)
    return value


def _pack_contents(directory: Path) -> list[object]:
    return [
        (path.relative_to(directory).as_posix(), path.read_bytes())
        for path in rule_files(directory)
    ]


def _library_versions() -> tuple[tuple[str, str | None], ...]:
    """What else decides findings: spaCy's tokenizer and sentence rules, pyromark's Markdown events,
    and Python's Unicode tables (case folding, \\w)."""
    import platform
    from importlib import metadata

    versions: list[tuple[str, str | None]] = [("python", platform.python_version())]
    for name in ("spacy", "pyromark", "pyyaml", "python-docx"):
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return tuple(versions)


def _code_stamp() -> list[tuple[str, int, int]]:
    """copylint's own modules by size and modification time: an edited checkout (or an upgrade
    that kept the version number) must not reuse results of other code."""
    package = Path(__file__).resolve().parent
    stamp = []
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        stamp.append((str(path.relative_to(package)), info.st_size, info.st_mtime_ns))
    return stamp


# --- entries ---------------------------------------------------------------------------------


def result_to_dict(result: FileResult) -> dict:
    return {
        "format": FORMAT,
        "path": result.path,
        "checked": result.checked,
        "error": dataclasses.asdict(result.error) if result.error else None,
        "warnings": [dataclasses.asdict(w) for w in result.warnings],
        "findings": [_finding_to_dict(f) for f in result.findings],
    }


def result_from_dict(data: dict, rules: dict[str, str] | None = None) -> FileResult:
    """The result an entry holds. Raises ValueError unless every field has the type and range a
    result of this copylint has (a hand-edited entry is a miss, never a crash later); ``rules``
    (id -> category) also requires each finding's rule to be one of the run's."""
    _require(isinstance(data, dict), "an entry is an object")
    findings = data["findings"]
    _require(isinstance(findings, list) and isinstance(data["warnings"], list), "lists")
    return FileResult(
        path=_text(data["path"]),
        findings=[_finding_from_dict(f, rules) for f in findings],
        error=_problem(data["error"]) if data["error"] is not None else None,
        warnings=[_problem(w) for w in data["warnings"]],
        checked=_flag(data["checked"]),
    )


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"damaged cache entry: {what}")


def _text(value: object) -> str:
    _require(isinstance(value, str), "a string")
    return value  # type: ignore[return-value]


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _number(value: object) -> int:
    _require(type(value) is int and value >= 0, "a count")
    return value  # type: ignore[return-value]


def _flag(value: object) -> bool:
    _require(type(value) is bool, "true or false")
    return value  # type: ignore[return-value]


def _texts(value: object) -> tuple[str, ...]:
    _require(isinstance(value, list), "a list")
    return tuple(_text(v) for v in cast("list[object]", value))


def _problem(value: object) -> Problem:
    _require(isinstance(value, dict) and set(value) == {"path", "message"}, "a problem")
    return Problem(_text(value["path"]), _text(value["message"]))  # type: ignore[index]


_TEXT_FIELDS = (
    "path",
    "rule",
    "category",
    "message",
    "text",
    "sentence",
    "where",
    "source_line",
    "reason",
    "fix_refused",
)
_NUMBER_FIELDS = (
    "line",
    "column",
    "end_line",
    "end_column",
    "column_utf16",
    "end_column_utf16",
    "source_line_start",
)


def _finding_to_dict(finding: Finding) -> dict:
    data = {f.name: getattr(finding, f.name) for f in dataclasses.fields(Finding)}
    data["suggestions"] = [dataclasses.asdict(s) for s in finding.suggestions]
    data["fix"] = dataclasses.asdict(finding.fix) if finding.fix else None
    data["related"] = [dataclasses.asdict(r) for r in finding.related]
    return data


def _finding_from_dict(data: object, rules: dict[str, str] | None) -> Finding:
    _require(
        isinstance(data, dict) and set(data) == {f.name for f in dataclasses.fields(Finding)},
        "a finding's fields",
    )
    fields: dict = {name: _text(data[name]) for name in _TEXT_FIELDS}  # type: ignore[index]
    fields.update({name: _number(data[name]) for name in _NUMBER_FIELDS})  # type: ignore[index]
    _require(
        fields["line"] >= 1
        and fields["column"] >= 1
        and (fields["end_line"], fields["end_column"]) >= (fields["line"], fields["column"]),
        "a span",
    )
    fields["source_line_cut"] = _flag(data["source_line_cut"])  # type: ignore[index]
    fields["severity"] = _text(data["severity"])  # type: ignore[index]
    _require(fields["severity"] in SEVERITIES, "a severity")
    if rules is not None:
        _require(rules.get(fields["rule"]) == fields["category"], "a rule of this run")
    fields["contexts"] = _texts(data["contexts"])  # type: ignore[index]
    fields["suppressed_by"] = _texts(data["suppressed_by"])  # type: ignore[index]
    fields["jurisdictions"] = _texts(data["jurisdictions"])  # type: ignore[index]
    suggestions = data["suggestions"]  # type: ignore[index]
    _require(isinstance(suggestions, list), "suggestions")
    fields["suggestions"] = tuple(_suggestion(s) for s in suggestions)
    related = data["related"]  # type: ignore[index]
    _require(isinstance(related, list), "related places")
    fields["related"] = tuple(_related(r) for r in related)
    fix = data["fix"]  # type: ignore[index]
    if fix is None:
        fields["fix"] = None
    else:
        _require(
            isinstance(fix, dict) and set(fix) == {"start", "end", "replacement", "original"},
            "a fix",
        )
        start, end = _number(fix["start"]), _number(fix["end"])
        _require(start <= end, "a fix's span")
        fields["fix"] = Fix(start, end, _text(fix["replacement"]), _text(fix["original"]))
    return Finding(**fields)


def _related(value: object) -> Related:
    names = [f.name for f in dataclasses.fields(Related)]
    _require(isinstance(value, dict) and set(value) == set(names), "a related place")
    line, column, end_line, end_column, column_utf16, end_column_utf16 = (
        _number(value[n])  # type: ignore[index]
        for n in names[:-1]
    )
    _require(line >= 1 and column >= 1, "a related place's position")
    return Related(
        line,
        column,
        end_line,
        end_column,
        column_utf16,
        end_column_utf16,
        _text(value["message"]),  # type: ignore[index]
    )


def _suggestion(value: object) -> Suggestion:
    _require(
        isinstance(value, dict)
        and set(value) == {"advice", "replace", "replacements", "fits", "topics", "jurisdictions"},
        "a suggestion",
    )
    pairs = value["replacements"]  # type: ignore[index]
    _require(
        isinstance(pairs, list) and all(isinstance(p, list) and len(p) == 2 for p in pairs),
        "replacements",
    )
    return Suggestion(
        _optional_text(value["advice"]),  # type: ignore[index]
        _optional_text(value["replace"]),  # type: ignore[index]
        tuple((_text(a), _text(b)) for a, b in pairs),
        _texts(value["fits"]),  # type: ignore[index]
        _texts(value["topics"]),  # type: ignore[index]
        _texts(value["jurisdictions"]),  # type: ignore[index]
    )
