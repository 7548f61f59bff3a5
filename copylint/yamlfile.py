"""YAML as copylint reads its own files (rule packs, configuration) and a site's data files."""

from __future__ import annotations

import re

import yaml


# libyaml's parser, where PyYAML was built with it, reads the rule packs ten times faster (10 ms
# instead of 90 ms for the built-in packs: most of a clean page's run time).
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Yaml12Loader(_SafeBase):
    """YAML 1.2 booleans: only true/false. Under YAML 1.1 a bare ``no`` -- the most common word in
    absence patterns -- would be read as False."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class YamlFileError(Exception):
    """The file cannot be read or is not valid YAML; the message says where, without the file name."""


def describe(exc: yaml.YAMLError) -> tuple[str, str]:
    """(what is wrong, " (line L, column C)" or "") for a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return getattr(exc, "problem", None) or str(exc).splitlines()[0], where


def load_file(path: str) -> object:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=Yaml12Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        problem, where = describe(exc)
        raise YamlFileError(f"not valid YAML{where}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlFileError(f"cannot read: {exc}") from None
