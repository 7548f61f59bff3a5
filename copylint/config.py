"""Configuration files: ``.copylint.yaml`` or ``[tool.copylint]`` in ``pyproject.toml``.

The file is found by walking up from the checked path (``--config`` names one). It is checked
when read, against the keys and values declared in schemas/config.schema.json: an unknown key
names the file and the closest valid key, a wrong type says what was expected. Whether a rule or
category named in it exists is checked once the rules are loaded (``settings.py``), since a
site's own packs may add names.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from types import ModuleType

from copylint.schemas import CONFIG
from copylint.words import did_you_mean

YAML_NAMES = (".copylint.yaml", ".copylint.yml")
# Keys, their descriptions and enums are declared once, in schemas/config.schema.json.
JURISDICTIONS = CONFIG.enum("jurisdiction")
_SEVERITIES = CONFIG.enum("severity")
_LAYER_KEYS = CONFIG.keys("layer")
KEYS = CONFIG.descriptions("config")


class ConfigError(Exception):
    """The configuration file is broken; the message names the file and the key."""


@dataclass(frozen=True)
class Layer:
    """Rule choices made in one place: the defaults, the file, a per-file section, the command
    line."""

    select: tuple[str, ...] | None = None  # None: keep what the layer below chose
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()

    def names(self) -> list[str]:
        return list(self.select or ()) + list(self.ignore) + [name for name, _ in self.severity]


@dataclass(frozen=True)
class PerFile:
    pattern: str
    layer: Layer


@dataclass(frozen=True)
class Config:
    source: str  # how messages name it: "site/.copylint.yaml" or "pyproject.toml [tool.copylint]"
    root: str  # the folder globs and folders in it are relative to
    base: Layer = Layer()
    per_file: tuple[PerFile, ...] = ()
    jurisdictions: tuple[str, ...] | None = None
    fail_on: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()  # absolute
    allow: tuple[str, ...] = ()
    baseline: str | None = None  # absolute


def find_config(start: str) -> str | None:
    """The nearest .copylint.yaml, or pyproject.toml with [tool.copylint], at or above ``start``."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        for name in YAML_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_section(pyproject):
            return pyproject
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return any(line.strip().startswith("[tool.copylint") for line in handle)
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: str) -> Config:
    path = os.path.abspath(path)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    if os.path.basename(path) == "pyproject.toml":
        source = f"{shown} [tool.copylint]"
        data = _read_toml(path, source)
    else:
        source = shown
        data = _read_yaml(path, source)
    return _Validator(source).parse(data, path)


def _read_yaml(path: str, source: str) -> object:
    from copylint.yamlfile import YamlFileError, load_file

    try:
        data = load_file(path)
    except YamlFileError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return {} if data is None else data


def _read_toml(path: str, source: str) -> object:
    toml = _toml_module()
    try:
        with open(path, "rb") as handle:
            data = toml.load(handle)
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read: {exc}") from None
    return data.get("tool", {}).get("copylint", {})


def _toml_module() -> ModuleType:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # tomllib is new in 3.11; tomli is the same parser, a dependency before it

    return tomli


class _Validator:
    """The checks of one file; every message names the file and the key."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str) -> ConfigError:
        if (
            len(problem) > 300
        ):  # a value quoted in it may be huge (aliases may stand for 100,000 values)
            problem = problem[:297] + "..."
        return ConfigError(f"{self.source}: '{key}': {problem}")

    def check_keys(self, data: dict, allowed, prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                hint = did_you_mean(
                    str(key).replace("_", "-"),
                    allowed,
                    cutoff=0.5,
                    after="; ",
                    before="",
                    otherwise=f"; valid keys: {', '.join(sorted(allowed))}",
                )
                raise ConfigError(f"{self.source}: unknown key '{prefix}{key}'{hint}")

    def parse(self, data: object, path: str) -> Config:
        if not isinstance(data, dict):
            raise ConfigError(
                f"{self.source}: the configuration must be a mapping of keys (see 'copylint init')"
            )
        self.check_keys(data, KEYS)
        root = os.path.dirname(path)
        jurisdictions = None
        if "jurisdictions" in data:
            jurisdictions = self.strings(data, "jurisdictions")
            for value in jurisdictions:
                if value not in JURISDICTIONS:
                    raise self.fail(
                        "jurisdictions",
                        f"unknown jurisdiction '{value}'; "
                        f"expected some of {', '.join(JURISDICTIONS)}",
                    )
        fail_on = data.get("fail-on")
        if fail_on is not None and fail_on not in _SEVERITIES:
            raise self.fail("fail-on", f"must be one of {', '.join(_SEVERITIES)} (got {fail_on!r})")
        per_file_raw = data.get("per-file") or {}
        if not isinstance(per_file_raw, dict):
            raise self.fail("per-file", "must map a glob to {select, ignore, severity}")
        per_file = []
        for pattern, section in per_file_raw.items():
            key = f"per-file.{pattern}"
            if not isinstance(section, dict) or not section:
                raise self.fail(key, "must be a mapping with select, ignore and/or severity")
            self.check_keys(section, _LAYER_KEYS, prefix=f"{key}.")
            per_file.append(PerFile(str(pattern), self.layer(section, key + ".")))
        return Config(
            source=self.source,
            root=root,
            base=self.layer(data, ""),
            per_file=tuple(per_file),
            jurisdictions=jurisdictions,
            fail_on=fail_on,
            include=self.strings(data, "include"),
            exclude=self.strings(data, "exclude"),
            rules_dirs=tuple(
                os.path.normpath(os.path.join(root, d)) for d in self.strings(data, "rules-dirs")
            ),
            allow=self.strings(data, "allow"),
            baseline=os.path.normpath(os.path.join(root, self.string(data, "baseline")))
            if "baseline" in data
            else None,
        )

    def layer(self, data: dict, prefix: str) -> Layer:
        severity = data.get("severity") or {}
        if not isinstance(severity, dict):
            raise self.fail(
                f"{prefix}severity", "must map rule ids or categories to error, warning or info"
            )
        for name, level in severity.items():
            if level not in _SEVERITIES:
                raise self.fail(
                    f"{prefix}severity.{name}", f"must be error, warning or info (got {level!r})"
                )
        return Layer(
            select=self.strings(data, "select", prefix) if "select" in data else None,
            ignore=self.strings(data, "ignore", prefix),
            severity=tuple((str(name), level) for name, level in severity.items()),
        )

    def strings(self, data: dict, key: str, prefix: str = "") -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):  # "select: hype-word" as well as a list
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(prefix + key, f"must be a list of strings (got {value!r})")
        return tuple(v.strip() for v in value)

    def string(self, data: dict, key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string (got {value!r})")
        return value.strip()


def starter(jurisdictions: tuple[str, ...] = JURISDICTIONS) -> str:
    """The starter configuration, with the jurisdictions whose rules apply."""
    return STARTER.replace(
        "jurisdictions: [us, uk, eu, au]", f"jurisdictions: [{', '.join(jurisdictions)}]", 1
    )


STARTER = """\
# copylint configuration: https://github.com/copylint/copylint#configuration
# Paths and globs here are relative to this file. The command line overrides it.

# The jurisdictions whose rules apply: us, uk, eu, au. Rules written for other ones are not loaded.
jurisdictions: [us, uk, eu, au]

# Exit 1 when a finding at or above this severity stands: error, warning or info.
fail-on: warning

# Rule ids or categories (see `copylint rules`). `select` narrows the set; `ignore` removes from it.
# select: [regulatory-status, absolute-safety, cancer-claim]
# ignore: [hype-word]

# Change how severe a rule or a whole category is. A severity also turns on reads-as-claim, the
# claim scorer's rule, which is off by default (its picks on whole pages are mostly not claims).
# severity:
#   hype-word: info
#   urgency: warning
#   reads-as-claim: info

# Files never to check, and (instead of the known suffixes) files to check.
exclude:
  - "legal/**"
# include: ["**/*.html", "**/*.md"]

# Different rules for some files: glob -> select / ignore / severity.
# per-file:
#   "blog/**":
#     severity: {hype-word: info}
#   "research/**":
#     ignore: [establishment-claim]

# Phrases that are never a claim, such as a product or trademark name.
# allow:
#   - Miracle Mist

# Folders of your own YAML rule packs (same format as the built-in ones). A rule there may
# `extends: RULE-ID` (adds phrases or patterns) or `replaces: RULE-ID` (stands in for it).
# rules-dirs: [copylint-rules]

# Where `copylint baseline` records the findings you have parked (default: next to this file).
# baseline: .copylint-baseline.json
"""
