"""The JSON Schemas (draft 2020-12) of rule packs and configuration files: the one declaration of
their keys and enums.

The validators in rulebook.py and config.py read their key sets and enums from these files, and
keep by hand what gives the precise one-line errors ("did you mean") and what a schema says poorly
(spaCy's operator syntax and its bounds, replacement wording, checks across fields). Reading JSON
is cheap; importing ``jsonschema`` is not (90-140 ms), so only the tests validate with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent


@cache
def _load(name: str) -> dict:
    with open(_FOLDER / f"{name}.schema.json", encoding="utf-8") as handle:
        loaded: dict = json.load(handle)
    return loaded


@dataclass(frozen=True)
class Schema:
    """One schema file, read once; ``definition`` names an entry of its ``$defs``."""

    name: str

    @property
    def path(self) -> Path:
        return _FOLDER / f"{self.name}.schema.json"

    def document(self) -> dict:
        return _load(self.name)

    def definition(self, definition: str) -> dict:
        found: dict = self.document()["$defs"][definition]
        return found

    def keys(self, definition: str, of: str | None = None) -> frozenset[str]:
        """The keys an object of ``definition`` may have; with ``of``, those whose value is that
        definition (``keys("token", of="token-flag")``: the true/false token attributes)."""
        properties = self.definition(definition)["properties"]
        return frozenset(
            key
            for key, value in properties.items()
            if of is None or value.get("$ref") == f"#/$defs/{of}"
        )

    def enum(self, definition: str) -> tuple[str, ...]:
        """The values ``definition`` allows, in the order written (messages list them so)."""
        return tuple(self.definition(definition)["enum"])

    def pattern(self, definition: str) -> str:
        found: str = self.definition(definition)["pattern"]
        return found

    def descriptions(self, definition: str) -> dict[str, str]:
        """Each key of ``definition`` with its description, in the order written."""
        return {
            key: value.get("description", "")
            for key, value in self.definition(definition)["properties"].items()
        }


RULE_PACK = Schema("rule-pack")
CONFIG = Schema("config")
