"""One engine per configuration, found for each document as ``copylint check`` finds it.

A document's configuration is the nearest ``.copylint.yaml`` (or ``pyproject.toml`` with
``[tool.copylint]``) at or above its folder, so each workspace folder (and each site inside one)
gets its own. Engines are built once and reused until a configuration or a rule pack changes.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from copylint import config as config_file
from copylint.engine import Engine
from copylint.files import WalkOptions, excluded
from copylint.run import OptionConflict, RunError, load_settings, make_engine, walk_options

# What a watched-file event may change: configurations by name, and rule packs by suffix.
CONFIG_NAMES = (*config_file.YAML_NAMES, "pyproject.toml")
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Site:
    """What one configuration checks with, and which files it leaves out."""

    engine: Engine
    walk: WalkOptions

    def leaves_out(self, path: str | None) -> bool:
        """A document its exclude globs (or its rule packs' folders) leave out, as check leaves
        out a file named on the command line."""
        return path is not None and excluded(path, self.walk)


@dataclass(frozen=True)
class BrokenConfig:
    """A configuration (or one of the rule packs it names) that cannot be loaded."""

    path: str  # the configuration file, absolute
    message: str


class Engines:
    """The engine of each configuration in use (None: a document without one)."""

    def __init__(self) -> None:
        self._engines: dict[str | None, Site | BrokenConfig] = {}
        self._lock = threading.Lock()  # built in the checking thread, dropped in the server's

    def config_for(self, document_path: str | None) -> str | None:
        if document_path is None:
            return None
        return config_file.find_config(os.path.dirname(os.path.abspath(document_path)))

    def engine_for(self, document_path: str | None) -> Site | BrokenConfig:
        """The engine for a document at ``document_path`` (None: not a file, such as an untitled
        buffer: the default settings)."""
        found = self.config_for(document_path)
        with self._lock:
            known = self._engines.get(found)
        if known is not None:
            return known
        built = self._build(found)
        with self._lock:
            self._engines[found] = built
        return built

    def _build(self, config_path: str | None) -> Site | BrokenConfig:
        try:
            settings = load_settings([], config_path=config_path, no_config=config_path is None)
            return Site(make_engine(settings), walk_options(settings))
        except (RunError, OptionConflict) as exc:
            assert config_path is not None  # the default settings always load
            return BrokenConfig(config_path, str(exc))

    def broken(self) -> list[BrokenConfig]:
        with self._lock:
            return [e for e in self._engines.values() if isinstance(e, BrokenConfig)]

    def rule_dirs(self) -> list[str]:
        """The site rule packs' folders of the configurations loaded, absolute."""
        with self._lock:
            sites = [e for e in self._engines.values() if isinstance(e, Site)]
        folders: list[str] = []
        for site in sites:
            settings = site.engine.settings
            folders += settings.rule_dirs
            folders += settings.config.rules_dirs if settings.config else ()
        return [os.path.abspath(f) for f in folders]

    def affected_by(self, changed_path: str) -> bool:
        """Whether a changed file may change what a loaded engine says."""
        name = os.path.basename(changed_path)
        if name in CONFIG_NAMES:
            return True
        if not name.endswith(PACK_SUFFIXES):
            return False
        changed = os.path.abspath(changed_path)
        return any(os.path.commonpath([changed, folder]) == folder for folder in self.rule_dirs())

    def forget(self) -> None:
        """Drop every engine: the next check loads its configuration again."""
        with self._lock:
            self._engines.clear()
