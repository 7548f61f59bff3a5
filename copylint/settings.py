"""What a run checks: the rules, and for each file which of them apply at which severity.

Precedence, lowest first: the rules' own defaults, the configuration file, its ``per-file``
sections that match the file (in the order written), then the command line. In each layer a
``select`` replaces the set of rules chosen below it, an ``ignore`` removes rules from it, and a
``severity`` sets the level of a category and then of single rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from copylint import rules_cache, scored, suppressions
from copylint.config import JURISDICTIONS, Config, ConfigError, Layer
from copylint.files import path_matches
from copylint.lexicons import LEXICON_DIR
from copylint.rulebook import Rule, Rulebook, default_rules_dir, load_rulebook, rule_files
from copylint.words import did_you_mean


class UnknownName(ValueError):
    """--select/--ignore name a rule or category that does not exist."""


@dataclass(frozen=True)
class Settings:
    config: Config | None = None
    cli: Layer = Layer()
    rule_dirs: tuple[str, ...] = ()  # --rules: packs to use instead of the built-in ones
    cli_fail_on: str | None = None

    # --- the rules -------------------------------------------------------------------------

    def full_rulebook(self) -> Rulebook:
        """Every rule, whatever its jurisdiction: built-in (or --rules) packs, the site's own packs,
        and copylint's rules about suppression comments. Names in the config and on the command line
        are checked against it."""
        site_dirs = self.config.rules_dirs if self.config else ()
        book = _packs(self.rule_dirs, site_dirs, _stamp(self.rule_dirs + site_dirs))
        self._check_names(book)
        return book

    def rulebook(self) -> Rulebook:
        """The rules loaded for this run: those of the selected jurisdictions."""
        book = self.full_rulebook()
        chosen = [rule for rule in book if self.in_jurisdiction(rule)]
        categories = {c: book.categories[c] for c in dict.fromkeys(r.category for r in chosen)}
        return book.subset(
            chosen, categories, frozenset(book.names() - set(categories) - {r.id for r in chosen})
        )

    @property
    def jurisdictions(self) -> tuple[str, ...]:
        chosen = self.config.jurisdictions if self.config else None
        return chosen if chosen is not None else JURISDICTIONS

    @property
    def jurisdictions_chosen(self) -> bool:
        return bool(self.config and self.config.jurisdictions is not None)

    def in_jurisdiction(self, rule: Rule) -> bool:
        if rule.opt_in and not self.jurisdictions_chosen:
            return False
        return "any" in rule.jurisdictions or bool(
            set(rule.jurisdictions) & set(self.jurisdictions)
        )

    def _check_names(self, book: Rulebook) -> None:
        names = book.names()

        def unknown(name: str) -> str:
            return f"unknown rule or category '{name}'" + did_you_mean(name, names)

        for name in self.cli.names():
            if name not in names:
                raise UnknownName(unknown(name))
        if not self.config:
            return
        sections = [("", self.config.base)] + [
            (f"per-file.{p.pattern}.", p.layer) for p in self.config.per_file
        ]
        for prefix, layer in sections:
            for key, values in (
                ("select", layer.select or ()),
                ("ignore", layer.ignore),
                ("severity", [n for n, _ in layer.severity]),
            ):
                for name in values:
                    if name not in names:
                        raise ConfigError(f"{self.config.source}: '{prefix}{key}': {unknown(name)}")

    # --- per file --------------------------------------------------------------------------

    def layers_for(self, path: str) -> list[tuple[str, Layer]]:
        """(where it comes from, layer) in the order they apply to this file."""
        layers: list[tuple[str, Layer]] = []
        if self.config:
            layers.append((self.config.source, self.config.base))
            relative = self.relative_to_config(path)
            if relative is not None:
                layers += [
                    (f"{self.config.source} per-file '{p.pattern}'", p.layer)
                    for p in self.config.per_file
                    if path_matches(relative, p.pattern)
                ]
        layers.append(("the command line", self.cli))
        return layers

    def unmatched_per_file(self, paths: list[str]) -> list[str]:
        """The per-file globs that match none of these files (a typo, a renamed folder)."""
        if not self.config:
            return []
        relative = [r for r in map(self.relative_to_config, paths) if r is not None]
        return [
            p.pattern
            for p in self.config.per_file
            if not any(path_matches(r, p.pattern) for r in relative)
        ]

    def relative_to_config(self, path: str) -> str | None:
        if not self.config or path.startswith("<"):
            return None
        relative = os.path.relpath(os.path.abspath(path), self.config.root)
        return None if relative.startswith("..") else relative.replace(os.sep, "/")

    def rules_for(self, book: Rulebook, path: str) -> dict[str, str]:
        """The rules that apply to a file, with their severity."""
        enabled = {rule.id: rule.severity for rule in book if not rule.default_off}
        for _, layer in self.layers_for(path):
            enabled = _apply(layer, enabled, book)
        return enabled

    def explain(self, book: Rulebook, rule: Rule, path: str | None = None) -> list[str]:
        """Why a rule is or is not enabled (for a path, or for a file matched by no per-file
        section)."""
        lines = []
        if not self.in_jurisdiction(rule) and rule.opt_in and not self.jurisdictions_chosen:
            return [
                f"not loaded: an opt-in rule for {', '.join(rule.jurisdictions)}; it applies when "
                f"the configuration's jurisdictions include {' or '.join(rule.jurisdictions)}"
            ]
        if not self.in_jurisdiction(rule):
            where = self.config.source if self.config and self.jurisdictions_chosen else None
            return [
                f"not loaded: a rule for {', '.join(rule.jurisdictions)}, and the jurisdictions "
                f"in {where or 'the defaults'} are {', '.join(self.jurisdictions)}"
            ]
        enabled = {r.id: r.severity for r in book if not r.default_off}
        if rule.default_off:
            lines.append("off by default: select it, or give it a severity, to enable it")
        else:
            lines.append(f"enabled by default at severity {rule.severity}")
        for source, layer in self.layers_for(path or "<any file>"):
            before = enabled.get(rule.id)
            enabled = _apply(layer, enabled, book)
            after = enabled.get(rule.id)
            if before and not after:
                how = (
                    "ignore"
                    if layer.select is None or rule.id in _expand(layer.select, book)
                    else "select (it is not among those selected)"
                )
                lines.append(f"disabled by {how} in {source}")
            elif after and not before:
                lines.append(f"enabled by select in {source}")
            elif after and before and after != before:
                lines.append(f"severity {after} by severity in {source}")
        if self.config and path is None:
            for per_file in self.config.per_file:
                if rule.id in _expand(per_file.layer.names(), book):
                    lines.append(
                        f"per-file '{per_file.pattern}' in {self.config.source} changes it "
                        "for the files it matches"
                    )
        verdict = f"ENABLED at severity {enabled[rule.id]}" if rule.id in enabled else "DISABLED"
        return [verdict] + ["  " + line for line in lines]

    # --- other choices -------------------------------------------------------------------

    @property
    def fail_on(self) -> str:
        return self.cli_fail_on or (self.config.fail_on if self.config else None) or "warning"

    @property
    def allow(self) -> tuple[str, ...]:
        return self.config.allow if self.config else ()

    def baseline_path(self) -> str:
        """The configuration's ``baseline`` (it must lie inside the configuration's folder), else
        .copylint-baseline.json next to the configuration, else here. Raises ConfigError.

        A configuration travels with the repository, so it may not point copylint's writes (nor
        its reads) at a file outside the repository it sits in: a checked-out pull request could
        otherwise make ``copylint baseline`` overwrite any file the user can write. A baseline
        elsewhere is chosen on the command line, with --baseline."""
        if self.config and self.config.baseline:
            inside = os.path.relpath(
                os.path.abspath(self.config.baseline), os.path.abspath(self.config.root)
            )
            if (
                inside == os.pardir
                or inside.startswith(os.pardir + os.sep)
                or os.path.isabs(inside)
            ):
                raise ConfigError(
                    f"{self.config.source}: 'baseline': {self.config.baseline} is outside "
                    "the configuration's folder; "
                    "name a file inside it, or choose one elsewhere with --baseline"
                )
            return self.config.baseline
        folder = self.config.root if self.config else os.getcwd()
        return os.path.join(folder, ".copylint-baseline.json")


def _stamp(directories: tuple[str, ...]) -> tuple:
    """The packs' and lexicons' sizes and modification times: an edited pack is read again (in a
    long-lived process)."""
    stamp = []
    for directory in directories:
        for folder in (directory, os.path.join(directory, LEXICON_DIR)):
            try:
                stamp += [
                    (e.path, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)
                ]
            except OSError:
                pass  # loading reports it (a rules folder need not have lexicons)
    return tuple(sorted(stamp))


@lru_cache(maxsize=4)
def _packs(rule_dirs: tuple[str, ...], site_dirs: tuple[str, ...], stamp: tuple = ()) -> Rulebook:
    """Loaded once per process, and kept between runs (rules_cache): parsing the packs is most of
    a clean file's run time."""
    dirs, sites = [Path(d) for d in rule_dirs], [Path(d) for d in site_dirs]

    def files() -> list[Path]:
        # the built-in folder always counts: its language files serve packs from any folder
        folders = dict.fromkeys([default_rules_dir(), *dirs, *sites])
        return [path for folder in folders for path in rule_files(folder)]

    book = rules_cache.cached(files, lambda: load_rulebook(dirs or None, sites))
    return book.subset(
        book.rules + list(suppressions.RULES) + [scored.RULE],
        {
            **book.categories,
            suppressions.CATEGORY.id: suppressions.CATEGORY,
            scored.CATEGORY.id: scored.CATEGORY,
        },
    )


def _expand(names, book: Rulebook) -> set[str]:
    return {rule.id for rule in book if rule.id in names or rule.category in names}


def _apply(layer: Layer, enabled: dict[str, str], book: Rulebook) -> dict[str, str]:
    if layer.select is not None:
        chosen = _expand(layer.select, book)
        enabled = {
            rule.id: enabled.get(rule.id, rule.severity) for rule in book if rule.id in chosen
        }
    ignored = _expand(layer.ignore, book)
    enabled = {rule_id: level for rule_id, level in enabled.items() if rule_id not in ignored}
    categories = {name: level for name, level in layer.severity if name in book.categories}
    for rule in book:
        if rule.id in enabled and rule.category in categories:
            enabled[rule.id] = categories[rule.category]
    for name, level in layer.severity:
        if name in enabled or (name in book.by_id and book.by_id[name].default_off):
            enabled[name] = level  # a severity for a rule that is off by default turns it on
    return enabled
