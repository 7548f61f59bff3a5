"""YAML as copylint reads its own files (rule packs, configuration, the eval corpus) and a site's
data files.

Every file is composed from the parser's event stream by ``compose``, a loop rather than PyYAML's
recursive composer, with bounds a hostile file cannot get around: nesting deeper than
``MAX_DEPTH`` levels, an alias inside the collection it names (``&a [*a]``) and aliases that
stand for more than ``MAX_ALIAS_VALUES`` values in all ("billion laughs": a 1 KB file whose
aliases expand to 10^9 values) are refused as invalid YAML, before anything is constructed.

The one exception is copylint's own shipped files (the built-in rule packs, ``trusted=True``):
nobody else writes them, so libyaml's composer reads them, in C, at a third of the Python loop's
cost -- otherwise the largest part of checking one clean page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import ComposerError

# libyaml's parser, where PyYAML was built with it, reads the rule packs ten times faster (10 ms
# instead of 90 ms for the built-in packs: most of a clean page's run time).
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeLoader = _SafeBase  # YAML 1.1 scalars, as yaml.safe_load reads them (the eval corpus)

# Deeper nesting is refused (no real configuration, rule pack or content file comes near it). It
# stays well below Python's recursion limit, which json.loads, repr() and == on nested data reach.
MAX_DEPTH = 500
# Values that aliases may add in all (the nodes of every aliased collection, counted once per
# alias).
MAX_ALIAS_VALUES = 100_000


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
    """The file cannot be read or is not valid YAML; the message says where, without the file
    name."""


def describe(exc: yaml.YAMLError) -> tuple[str, str]:
    """(what is wrong, " (line L, column C)" or "") for a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return getattr(exc, "problem", None) or str(exc).splitlines()[0], where


def compose(loader) -> list[yaml.Node | None]:
    """The documents of ``loader``'s stream as node graphs, composed in a loop over its events.

    Like PyYAML's composer (an alias is the node of its anchor, so a graph may share nodes), but
    refusing, with a ``ComposerError`` at the offending mark: nesting deeper than ``MAX_DEPTH``, an
    alias to a collection that is still open (a node that contains itself), and aliases standing
    for more than ``MAX_ALIAS_VALUES`` values in all."""
    documents = []
    loader.get_event()  # StreamStartEvent
    while not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # DocumentStartEvent
        anchors: dict[str | None, yaml.Node] = {}
        open_nodes: set[int] = set()
        stack: list[list] = []  # [collection node, key waiting for its value (mappings)]
        root = None
        added = 0  # values the aliases stand for
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.DocumentEndEvent):
                break
            # libyaml's marks are yaml._yaml.Mark, which the stubs do not take for yaml.Mark
            start: Any = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                node = anchors.get(event.anchor)
                if node is None:
                    raise ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", start
                    )
                if id(node) in open_nodes:
                    raise ComposerError(
                        None,
                        None,
                        f"alias *{event.anchor} is inside the collection it names (a "
                        "recursive alias)",
                        start,
                    )
                added += _expanded_size(node, MAX_ALIAS_VALUES - added + 1)
                if added > MAX_ALIAS_VALUES:
                    raise ComposerError(
                        None,
                        None,
                        f"aliases stand for more than {MAX_ALIAS_VALUES:,} values (nested "
                        "aliases multiply)",
                        start,
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node = stack.pop()[0]
                node.end_mark = event.end_mark
                open_nodes.discard(id(node))
            else:
                anchor = event.anchor
                if anchor is not None and anchor in anchors:
                    first = anchors[anchor].start_mark.line + 1
                    raise ComposerError(
                        None,
                        None,
                        f"found anchor &{anchor} a second time (first on line {first})",
                        start,
                    )
                if isinstance(event, yaml.ScalarEvent):
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    end: Any = event.end_mark
                    node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
                else:
                    kind = (
                        yaml.SequenceNode
                        if isinstance(event, yaml.SequenceStartEvent)
                        else yaml.MappingNode
                    )
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = loader.resolve(kind, None, event.implicit)
                    node = kind(tag, [], start, None, flow_style=event.flow_style)
                if anchor is not None:
                    anchors[anchor] = node
                if not isinstance(event, yaml.ScalarEvent):
                    if len(stack) >= MAX_DEPTH:
                        raise ComposerError(
                            None,
                            None,
                            f"nested more than {MAX_DEPTH} levels deep",
                            start,
                        )
                    stack.append([node, None])
                    open_nodes.add(id(node))
                    continue
            if not stack:
                root = node
            elif isinstance(stack[-1][0], yaml.SequenceNode):
                stack[-1][0].value.append(node)
            elif stack[-1][1] is None:
                stack[-1][1] = node
            else:
                stack[-1][0].value.append((stack[-1][1], node))
                stack[-1][1] = None
        documents.append(root)
    loader.get_event()  # StreamEndEvent
    return documents


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many nodes ``node`` stands for with every alias in it expanded (stops past ``limit``)."""
    total, pending = 0, [node]
    while pending and total <= limit:
        node = pending.pop()
        total += 1
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending.append(key)
                pending.append(value)
    return total


def load_text(text, loader_class=Yaml12Loader, trusted: bool = False) -> object:
    """The one document of ``text`` (a string or an open file), composed by ``compose`` (by the
    loader's own composer when ``trusted``: copylint's shipped files only) and then constructed
    (safe tags only); raises ``yaml.YAMLError``."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node() if trusted else _single_document(compose(loader))
        if root is None:
            return None
        try:
            if trusted:
                return _construct_plain(loader, root)
            return loader.construct_document(root)
        # a scalar its tag cannot read: 2020-02-30, an int of 5,000 digits
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read a value: {str(exc).splitlines()[0][:120]}", None
            ) from None
    finally:
        loader.dispose()


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


def _construct_plain(loader, node: yaml.Node) -> object:
    """What ``loader.construct_document`` makes of a trusted file's node graph, built directly for
    the plain strings, lists and mappings rule packs are made of (a third of the constructor's
    time); any other node, and a mapping with a merge key, is left to the constructor."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_construct_plain(loader, item) for item in node.value]
    if (
        node.tag == _MAP
        and isinstance(node, yaml.MappingNode)
        and all(key.tag != "tag:yaml.org,2002:merge" for key, _ in node.value)
    ):
        return {
            _construct_plain(loader, key): _construct_plain(loader, value)
            for key, value in node.value
        }
    return loader.construct_document(node)


def _single_document(documents: list[Any]) -> yaml.Node | None:
    if len(documents) > 1:
        raise ComposerError(
            "expected a single document in the stream",
            documents[0].start_mark,
            "but found another document",
            documents[1].start_mark,
        )
    return documents[0] if documents else None


def load_file(path: str, loader_class=Yaml12Loader, trusted: bool = False) -> object:
    try:
        with open(path, encoding="utf-8") as handle:
            return load_text(handle, loader_class, trusted)
    except yaml.YAMLError as exc:
        problem, where = describe(exc)
        raise YamlFileError(f"not valid YAML{where}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlFileError(f"cannot read: {exc}") from None
