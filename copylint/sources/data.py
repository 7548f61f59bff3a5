"""JSON and YAML content files (headless-CMS exports, FAQ data, front matter): string values.

Each string value that reads as copy becomes a block whose kind is its key path
(``json:faq.0.answer``, ``yaml:hero.title``). Escapes are decoded with every character mapped
back to the file; a value holding HTML or Markdown is projected through that projector, with
positions mapped through the string to the outer file.

Not copy: keys that hold addresses, identifiers or styling (``url``, ``slug``, ``id`` ...),
values that are URLs, paths, colours or contain no word, and files that are tooling rather than
content (``package.json``, lock files, ...).
"""

from __future__ import annotations

import json
import re

import yaml

from copylint.sources.projection import Projection, ProjectionBuilder, SourceError
from copylint.yamlfile import MAX_DEPTH

NON_COPY_FILES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "composer.json",
        "composer.lock",
        "tsconfig.json",
        "jsconfig.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "deno.json",
        "bower.json",
        "angular.json",
        "vercel.json",
        "netlify.json",
        "firebase.json",
        "renovate.json",
        ".eslintrc.json",
        ".prettierrc.json",
        ".babelrc.json",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "action.yml",
        "action.yaml",
        ".copylint.yaml",
        ".copylint.yml",
        ".copylint-baseline.json",
        "pubspec.yaml",
        "environment.yml",
    }
)
NON_COPY_KEYS = frozenset(
    {
        "id",
        "uuid",
        "key",
        "slug",
        "url",
        "uri",
        "href",
        "src",
        "srcset",
        "link",
        "path",
        "file",
        "image",
        "img",
        "icon",
        "logo",
        "thumbnail",
        "video",
        "type",
        "class",
        "classname",
        "style",
        "color",
        "colour",
        "layout",
        "template",
        "component",
        "lang",
        "locale",
        "language",
        "date",
        "updated",
        "created",
        "published",
        "email",
        "phone",
        "tel",
        "telephone",
        "fax",
        "zip",
        "postcode",
        "sku",
        "price",
        "currency",
        "version",
        "hash",
        "permalink",
        "canonical",
        "redirect",
        "target",
        "rel",
        "width",
        "height",
        "format",
        "mime",
        "status",
        "variant",
    }
)
_NOT_COPY_VALUE = re.compile(
    r"^\s*(?:[a-z][a-z0-9+.-]*:|/|#[0-9a-fA-F]{3,8}\b|\.{0,2}/|[\w./-]+\.(?:png|jpe?g|gif|svg|webp|pdf|html?|css|js)\s*$)"
)
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML = re.compile(r"<(?:[A-Za-z][^\s/>]*|/[A-Za-z]|!--)")
_MARKDOWN = re.compile(r"\*\*|__|\]\(|^#{1,6} |^\s*[-*+] |`|\n", re.MULTILINE)
_JSON_ESCAPE = re.compile(
    r'\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])'
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_SIMPLE = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


def is_copy_file(name: str) -> bool:
    lower = name.lower()
    return lower not in NON_COPY_FILES and not (
        lower.startswith("tsconfig") and lower.endswith(".json")
    )


def _is_copy(key_path: list, value: str) -> bool:
    last_key = next((k for k in reversed(key_path) if isinstance(k, str)), "")
    if last_key.lower().replace("-", "").replace("_", "") in NON_COPY_KEYS:
        return False
    return bool(_HAS_WORD.search(value)) and not _NOT_COPY_VALUE.match(value)


def _without_surrogates(text: str) -> str:
    """A key as it can be printed: escaped surrogate pairs joined, a lone half as U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _path_text(key_path: list) -> str:
    return ".".join(str(k) for k in key_path)


def _add_value(builder: ProjectionBuilder, value: Projection, prefix: str, key_path: list) -> None:
    """Add one decoded string value (a one-block projection onto the file) to ``builder``."""
    kind = f"{prefix}:{_path_text(key_path)}"
    text = value.text[: value.blocks[0].end] if value.blocks else ""
    if _HTML.search(text):
        from copylint.sources.html import project_html

        builder.add_projection(project_html(text), through=value.offsets, rename=lambda _: kind)
    elif _MARKDOWN.search(text):
        from copylint.sources.markdown import project_markdown

        builder.add_projection(project_markdown(text), through=value.offsets, rename=lambda _: kind)
    else:
        builder.add_projection(value, rename=lambda _: kind)


# --- JSON ----------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_JSON_NESTING = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]]')


def _decode_json_string(source: str, start: int, end: int) -> Projection:
    """The string literal source[start:end] (without its quotes), decoded, mapped to the file."""
    value = ProjectionBuilder()
    value.begin_block()
    position = start
    for escape in _JSON_ESCAPE.finditer(source, start, end):
        value.add(source[position : escape.start()], position)
        if escape.group(1):
            decoded = (
                (chr(int(escape.group(1), 16)) + chr(int(escape.group(2), 16)))
                .encode("utf-16", "surrogatepass")
                .decode("utf-16")
            )
        elif escape.group(3):
            decoded = chr(int(escape.group(3), 16))
            # half of a pair, alone: no character (and unprintable)
            if "\ud800" <= decoded <= "\udfff":
                decoded = "\ufffd"
        else:
            decoded = _JSON_SIMPLE[escape.group(4)]
        value.add_replacement(decoded, escape.start(), escape.end())
        position = escape.end()
    value.add(source[position:end], position)
    return value.build()


def _check_json_depth(source: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before json.loads, which recurses once per level."""
    if source.count("[") + source.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for token in _JSON_NESTING.finditer(source):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = source.count("\n", 0, token.start()) + 1
                raise SourceError(
                    f"invalid JSON: nested more than {MAX_DEPTH} levels deep (line {line}, "
                    f"column {token.start() - source.rfind(chr(10), 0, token.start())})"
                )
        elif bracket in "]}":
            depth -= 1


def project_json(source: str) -> Projection:
    _check_json_depth(source)
    try:
        json.loads(source)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:  # within MAX_DEPTH but called from a deep stack
        raise SourceError(
            f"invalid JSON: nested too deeply to read (more than {MAX_DEPTH} levels is refused)"
        ) from None
    builder = ProjectionBuilder()
    # A stack of open containers: [kind, current key or index, expecting-a-key].
    stack: list[list] = []
    for token in _JSON_TOKEN.finditer(source):
        text = token.group()
        if text in "{[":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
            stack.append([text, -1 if text == "[" else None, text == "{"])
        elif text in "}]":
            stack.pop()
        elif text == ",":
            if stack and stack[-1][0] == "{":
                stack[-1][2] = True
        elif text == ":":
            continue
        elif text.startswith('"'):
            if stack and stack[-1][0] == "{" and stack[-1][2]:
                stack[-1][1] = _without_surrogates(json.loads(text))
                stack[-1][2] = False
                continue
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
            key_path = [frame[1] for frame in stack]
            value = _decode_json_string(source, token.start() + 1, token.end() - 1)
            if _is_copy(key_path, value.text):
                _add_value(builder, value, "json", key_path)
        elif stack and stack[-1][0] == "[":  # a number, true, false or null in an array
            stack[-1][1] += 1
    return builder.build()


# --- YAML ----------------------------------------------------------------------------------

# YAML's line breaks (1.1, as PyYAML reads them) include NEL and the Unicode line and paragraph
# separators: in a value each is folded like a newline, or kept, and never a character to match.
_LINE_BREAKS = "\r\n\x85\u2028\u2029"
_YAML_ESCAPE = re.compile(
    r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
    r"|(?:\r\n|[\r\n\x85\u2028\u2029])[ \t]*|.)",
    re.DOTALL,
)
_BLANKS = " \t" + _LINE_BREAKS
# Scalars with these tags hold no copy (a !!binary blob, say); any other tag (!!str, a site's own
# !custom, ...) is text. Tags are only read, never constructed.
_NOT_TEXT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("null", "bool", "int", "float", "binary", "timestamp", "merge", "value", "yaml")
)


def _align(source: str, start: int, end: int, value: str) -> Projection:
    """Map a decoded YAML scalar onto its source run [start, end), character by character.

    ``start`` is where the scalar itself starts (after any anchor and tag). Quotes, block-scalar
    headers, indentation, folding and escapes make the value differ from the source: equal
    characters map 1:1, an escape maps to its whole sequence, a folded line break to the
    whitespace run it came from, and indentation is skipped. The halves of a surrogate pair
    written as two escapes (``\\ud83d\\ude00``, as JSON writes an emoji) are one character; a
    lone half is U+FFFD.
    """
    builder = ProjectionBuilder()
    builder.begin_block()
    quote = source[start] if source[start] in "'\"" else ""
    position = start + 1 if quote else start
    if source[start] in "|>":
        newline = source.find("\n", start, end)
        position = end if newline == -1 else newline + 1
    index, length = 0, len(value)
    while index < length:
        ch = value[index]
        index += 1
        while True:
            if position >= end:
                builder.add_replacement(ch if not _SURROGATE.match(ch) else "\ufffd", end, end)
                break
            here = source[position]
            if quote == '"' and here == "\\":
                escape = _YAML_ESCAPE.match(source, position, end)
                assert (
                    escape is not None
                )  # in a quoted scalar a backslash is followed by a character
                position = escape.end()
                if escape.group()[1] in _LINE_BREAKS:
                    continue  # an escaped line break joins lines without a character of its own
                if _SURROGATE.match(ch):  # only an escape makes one (the source is decoded text)
                    pair = None
                    if ch < "\udc00" and index < length and "\udc00" <= value[index] <= "\udfff":
                        pair = _YAML_ESCAPE.match(source, position, end)
                        # "\ud83d\<line break>  \ude00"
                        while pair is not None and pair.group()[1] in _LINE_BREAKS:
                            pair = _YAML_ESCAPE.match(source, pair.end(), end)
                    if pair is not None:
                        builder.add_replacement(
                            (ch + value[index]).encode("utf-16", "surrogatepass").decode("utf-16"),
                            escape.start(),
                            pair.end(),
                        )
                        position = pair.end()
                        index += 1
                    else:
                        builder.add_replacement("\ufffd", escape.start(), escape.end())
                else:
                    builder.add_replacement(ch, escape.start(), escape.end())
            elif quote == "'" and ch == "'" and source.startswith("''", position):
                builder.add_replacement(ch, position, position + 2)
                position += 2
            elif here == ch:
                builder.add(ch, position)
                position += 1
            elif ch in _BLANKS and here in _BLANKS:  # folding: a line break read as a space
                run = position
                while position < end and source[position] in _BLANKS:
                    position += 1
                builder.add_replacement(ch, run, position)
            elif here in _BLANKS:  # indentation
                position += 1
                continue
            else:
                builder.add_replacement(ch, position, position)  # nothing to map it to
            break
    return builder.build()


class _EventLoader(yaml.SafeLoader):
    """PyYAML's scanner and parser only: the file is read as a stream of events, never composed
    or constructed. It notes where the last scalar token starts, since a scalar event's start
    mark is that of its anchor or tag (``&x Our serum ...``) when it has one."""

    scalar_start = 0

    def get_token(self):
        token = super().get_token()
        if isinstance(token, yaml.ScalarToken):
            self.scalar_start = token.start_mark.index
        return token


def project_yaml(source: str) -> Projection:
    """String values of every document, in file order, read from the parser's events in one loop.

    An alias adds nothing: its text is in the file once, at its anchor, and is read there (so a
    node that holds itself, ``&a [*a]``, or aliases that multiply, "billion laughs", cost nothing).
    Nesting deeper than MAX_DEPTH levels is refused."""
    try:
        # the reader refuses control characters here, before any event
        loader = _EventLoader(source)
    except yaml.YAMLError as exc:
        raise _invalid_yaml(exc) from None
    builder = ProjectionBuilder()
    # One frame per open collection:
    # [is a mapping, current key or index, next node is a key, inside a key]
    stack: list[list] = []
    anchored_keys: dict[str, str] = {}  # anchor -> scalar, for an alias used as a key
    anchors: set[str] = set()
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                continue
            if not isinstance(
                event,
                (
                    yaml.ScalarEvent,
                    yaml.AliasEvent,
                    yaml.SequenceStartEvent,
                    yaml.MappingStartEvent,
                ),
            ):
                continue  # stream and document start and end
            role = "value"
            if stack:
                frame = stack[-1]
                if frame[3]:
                    role = "skip"
                elif frame[0]:
                    role = "key" if frame[2] else "value"
                    frame[2] = not frame[2]
                else:
                    frame[1] += 1
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    anchored_keys[event.anchor] = event.value
                    anchors.add(event.anchor)
                if role == "key":
                    stack[-1][1] = _without_surrogates(event.value)
                elif role == "value":
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    key_path = [frame[1] for frame in stack]
                    if tag not in _NOT_TEXT_TAGS and _is_copy(key_path, event.value):
                        assert event.end_mark is not None  # the loader marks every event
                        value = _align(
                            source, loader.scalar_start, event.end_mark.index, event.value
                        )
                        _add_value(builder, value, "yaml", key_path)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    mark = event.start_mark
                    assert mark is not None  # the loader marks every event
                    raise SourceError(
                        f"invalid YAML: found undefined alias {event.anchor!r} (line "
                        f"{mark.line + 1}, column {mark.column + 1})"
                    )
                if role == "key":
                    stack[-1][1] = _without_surrogates(anchored_keys.get(event.anchor, "?"))
            else:
                if len(stack) >= MAX_DEPTH:
                    mark = event.start_mark
                    assert mark is not None  # the loader marks every event
                    raise SourceError(
                        f"invalid YAML: nested more than {MAX_DEPTH} levels deep (line "
                        f"{mark.line + 1}, column {mark.column + 1})"
                    )
                if role == "key":
                    stack[-1][1] = "?"
                if event.anchor is not None:
                    anchors.add(event.anchor)
                stack.append(
                    [
                        isinstance(event, yaml.MappingStartEvent),
                        None if isinstance(event, yaml.MappingStartEvent) else -1,
                        True,
                        role != "value",
                    ]
                )
    except yaml.YAMLError as exc:
        raise _invalid_yaml(exc) from None
    finally:
        loader.dispose()
    return builder.build()


def _invalid_yaml(exc: yaml.YAMLError) -> SourceError:
    from copylint.yamlfile import describe

    problem, where = describe(exc)
    return SourceError(f"invalid YAML: {problem}{where}")
