"""Projectors, one per source format, chosen by file suffix."""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable

from copylint.sources.projection import Block, LineIndex, Projection, ProjectionBuilder
from copylint.sources.text import project_text

Projector = Callable[[str], Projection]

# Markup formats (HTML, Markdown/MDX, templates, JSON/YAML content) get projectors of their own;
# until then Markdown reads well enough as plain text.
PROJECTORS: dict[str, Projector] = {
    ".txt": project_text,
    ".text": project_text,
    ".md": project_text,
    ".markdown": project_text,
}

LINTED_SUFFIXES = frozenset(PROJECTORS)


def projector_for(path: str) -> Projector:
    """The projector for a path; unknown suffixes (and stdin) read as plain text."""
    return PROJECTORS.get(PurePath(path).suffix.lower(), project_text)


__all__ = ["Block", "LineIndex", "Projection", "ProjectionBuilder", "LINTED_SUFFIXES", "projector_for", "project_text"]
