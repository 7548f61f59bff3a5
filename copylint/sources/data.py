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


NON_COPY_FILES = frozenset(
    {"package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json", "jsconfig.json",
     "pnpm-lock.yaml", "yarn.lock", "deno.json", "bower.json", "angular.json", "vercel.json", "netlify.json",
     "firebase.json", "renovate.json", ".eslintrc.json", ".prettierrc.json", ".babelrc.json", "docker-compose.yml",
     "docker-compose.yaml", "compose.yml", "compose.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
     "action.yml", "action.yaml", ".copylint.yaml", ".copylint-baseline.json", "pubspec.yaml", "environment.yml"}
)
NON_COPY_KEYS = frozenset(
    {"id", "uuid", "key", "slug", "url", "uri", "href", "src", "srcset", "link", "path", "file", "image", "img",
     "icon", "logo", "thumbnail", "video", "type", "class", "classname", "style", "color", "colour", "layout",
     "template", "component", "lang", "locale", "language", "date", "updated", "created", "published", "email",
     "phone", "tel", "telephone", "fax", "zip", "postcode", "sku", "price", "currency", "version", "hash",
     "permalink", "canonical", "redirect", "target", "rel", "width", "height", "format", "mime", "status", "variant"}
)
_NOT_COPY_VALUE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|/|#[0-9a-fA-F]{3,8}\b|\.{0,2}/|[\w./-]+\.(?:png|jpe?g|gif|svg|webp|pdf|html?|css|js)\s*$)")
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML = re.compile(r"<(?:[A-Za-z][^\s/>]*|/[A-Za-z]|!--)")
_MARKDOWN = re.compile(r"\*\*|__|\]\(|^#{1,6} |^\s*[-*+] |`|\n", re.MULTILINE)
_JSON_ESCAPE = re.compile(r'\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])')
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def is_copy_file(name: str) -> bool:
    lower = name.lower()
    return lower not in NON_COPY_FILES and not (lower.startswith("tsconfig") and lower.endswith(".json"))


def _is_copy(key_path: list, value: str) -> bool:
    last_key = next((k for k in reversed(key_path) if isinstance(k, str)), "")
    if last_key.lower().replace("-", "").replace("_", "") in NON_COPY_KEYS:
        return False
    return bool(_HAS_WORD.search(value)) and not _NOT_COPY_VALUE.match(value)


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


def _decode_json_string(source: str, start: int, end: int) -> Projection:
    """The string literal source[start:end] (without its quotes), decoded, mapped to the file."""
    value = ProjectionBuilder()
    value.begin_block()
    position = start
    for escape in _JSON_ESCAPE.finditer(source, start, end):
        value.add(source[position : escape.start()], position)
        if escape.group(1):
            decoded = (chr(int(escape.group(1), 16)) + chr(int(escape.group(2), 16))).encode("utf-16", "surrogatepass").decode("utf-16")
        elif escape.group(3):
            decoded = chr(int(escape.group(3), 16))
        else:
            decoded = _JSON_SIMPLE[escape.group(4)]
        value.add_replacement(decoded, escape.start(), escape.end())
        position = escape.end()
    value.add(source[position:end], position)
    return value.build()


def project_json(source: str) -> Projection:
    try:
        json.loads(source)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
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
                stack[-1][1] = json.loads(text)
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

_YAML_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n[ \t]*|.)", re.DOTALL)
_BLANKS = " \t\r\n"


def _align(source: str, start: int, end: int, value: str) -> Projection:
    """Map a decoded YAML scalar onto its source run [start, end), character by character.

    Quotes, block-scalar headers, indentation, folding and escapes make the value differ from
    the source: equal characters map 1:1, an escape maps to its whole sequence, a folded line
    break to the whitespace run it came from, and indentation is skipped.
    """
    builder = ProjectionBuilder()
    builder.begin_block()
    quote = source[start] if source[start] in "'\"" else ""
    position = start + 1 if quote else start
    if source[start] in "|>":
        newline = source.find("\n", start, end)
        position = end if newline == -1 else newline + 1
    for ch in value:
        while True:
            if position >= end:
                builder.add_replacement(ch, end, end)
                break
            here = source[position]
            if quote == '"' and here == "\\":
                escape = _YAML_ESCAPE.match(source, position, end)
                position = escape.end()
                if escape.group()[1] in "\r\n":
                    continue  # an escaped line break joins lines without a character of its own
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


def project_yaml(source: str) -> Projection:
    try:
        documents = list(yaml.compose_all(source, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        from copylint.yamlfile import describe

        problem, where = describe(exc)
        raise SourceError(f"invalid YAML: {problem}{where}") from None
    builder = ProjectionBuilder()
    pending = [(document, []) for document in reversed(documents) if document is not None]
    while pending:
        node, key_path = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, child in reversed(node.value):
                pending.append((child, key_path + [key.value if isinstance(key, yaml.ScalarNode) else "?"]))
        elif isinstance(node, yaml.SequenceNode):
            for index in reversed(range(len(node.value))):
                pending.append((node.value[index], key_path + [index]))
        elif node.tag == "tag:yaml.org,2002:str" and _is_copy(key_path, node.value):
            value = _align(source, node.start_mark.index, node.end_mark.index, node.value)
            _add_value(builder, value, "yaml", key_path)
    return builder.build()
