"""Results per file, kept between runs in ``.copylint_cache/``.

A file's entry is found by a hash of its path and its bytes, inside a folder named by a hash of
everything else that decides its findings: copylint's version and code, the rule packs' contents,
and the settings that choose rules, severities and allowed phrases. Change any of them and the
run uses a new folder; change a file and its entry is not found. Entries are JSON, one file
each, written atomically, so concurrent runs (pre-commit and an editor, say) never see half of
one. Options that act after the engine (the baseline, --changed-only, --fail-on) are not part
of the key: they filter cached results the same way as fresh ones.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path

from copylint import __version__
from copylint.files import UnreadableFile, digest, read_bytes
from copylint.findings import FileResult, Finding, Fix, Problem, Suggestion
from copylint.rulebook import pack_files, default_rules_dir
from copylint.settings import Settings

DIRECTORY = ".copylint_cache"
FORMAT = 1  # bump when the entry layout changes
KEPT_RUN_FOLDERS = 8  # folders of other settings kept before the oldest is removed
_GITIGNORE = "# Created by copylint: its result cache is not for version control.\n*\n"


def default_directory(settings: Settings) -> str:
    """Next to the configuration file if there is one (the site's root), else here."""
    return os.path.join(settings.config.root if settings.config else os.getcwd(), DIRECTORY)


class ResultCache:
    def __init__(self, directory: str, settings: Settings, force_format: str | None = None):
        self.root = Path(directory)
        self.folder = self.root / run_key(settings, force_format)
        self.hits = 0
        self.misses = 0
        self._ready = False

    def entry_name(self, path: str, content_digest: str) -> Path:
        return self.folder / (digest(f"{path}\0{content_digest}".encode("utf-8")) + ".json")

    def lookup(self, path: str) -> FileResult | None:
        """The stored result for the file as it is now, or None (then check it; the check reads it again
        and stores its result under the digest of what it read, so a file changed in between is safe)."""
        try:
            data = read_bytes(path)
        except UnreadableFile:
            self.misses += 1
            return None
        return self.get(path, digest(data))

    def get(self, path: str, content_digest: str) -> FileResult | None:
        try:
            with open(self.entry_name(path, content_digest), "rb") as handle:
                data = json.load(handle)
            result = result_from_dict(data) if data.get("format") == FORMAT and data.get("path") == path else None
        except (OSError, ValueError, KeyError, TypeError):
            result = None  # absent, or damaged: check the file again
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, path: str, content_digest: str, result: FileResult) -> None:
        """Store a result; a cache that cannot be written is not an error, just slower next time."""
        try:
            self._prepare()
            target = self.entry_name(path, content_digest)
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(result_to_dict(result), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, target)
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_GITIGNORE, encoding="utf-8")
        if not self.folder.is_dir():
            self.folder.mkdir(exist_ok=True)
            _drop_old_folders(self.root, keep=self.folder)
        self._ready = True


def clear(directory: str) -> bool:
    """Remove a cache folder; False if there was none. Refuses a folder that is not a copylint cache."""
    root = Path(directory)
    if not root.exists():
        return False
    if not (root / ".gitignore").is_file() or "copylint" not in (root / ".gitignore").read_text(encoding="utf-8", errors="replace"):
        raise OSError(f"{directory}: not a copylint cache (no .gitignore written by copylint); not removing it")
    shutil.rmtree(root)
    return True


def _drop_old_folders(root: Path, keep: Path) -> None:
    """Each change of settings or rules starts a new folder; keep only the most recent few."""
    folders = sorted((p for p in root.iterdir() if p.is_dir() and p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEPT_RUN_FOLDERS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


# --- the key ---------------------------------------------------------------------------------


def run_key(settings: Settings, force_format: str | None = None) -> str:
    hasher = hashlib.blake2b(digest_size=12)

    def add(*parts: object) -> None:
        for part in parts:
            hasher.update(repr(part).encode("utf-8"))
            hasher.update(b"\0")

    add(FORMAT, __version__, force_format)
    add(*_code_stamp())
    for directory in [Path(d) for d in settings.rule_dirs] or [default_rules_dir()]:
        add(*_pack_contents(directory))
    config = settings.config
    if config:
        add(config.source, config.root, config.base, config.per_file, config.jurisdictions, config.allow)
        for directory in config.rules_dirs:
            add(*_pack_contents(Path(directory)))
    add(settings.cli)
    return hasher.hexdigest()


def _pack_contents(directory: Path) -> list[object]:
    return [(path.name, path.read_bytes()) for path in pack_files(directory)]


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


def result_from_dict(data: dict) -> FileResult:
    return FileResult(
        path=data["path"],
        findings=[_finding_from_dict(f) for f in data["findings"]],
        error=Problem(**data["error"]) if data["error"] else None,
        warnings=[Problem(**w) for w in data["warnings"]],
        checked=data["checked"],
    )


def _finding_to_dict(finding: Finding) -> dict:
    data = {f.name: getattr(finding, f.name) for f in dataclasses.fields(Finding)}
    data["suggestions"] = [dataclasses.asdict(s) for s in finding.suggestions]
    data["fix"] = dataclasses.asdict(finding.fix) if finding.fix else None
    return data


def _finding_from_dict(data: dict) -> Finding:
    data = dict(data)
    data["suggestions"] = tuple(
        Suggestion(s["advice"], s["replace"], tuple(tuple(pair) for pair in s["replacements"])) for s in data["suggestions"]
    )
    data["contexts"] = tuple(data["contexts"])
    data["suppressed_by"] = tuple(data["suppressed_by"])
    data["fix"] = Fix(**data["fix"]) if data["fix"] else None
    return Finding(**data)
