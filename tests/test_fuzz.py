"""Fuzzing the real CLI with every format: random bytes and structured documents full of claim
words, markup and awkward characters. Whatever the input, copylint exits 0, 1 or 2, prints valid
JSON, and every finding's span reads its text.

The CLI runs in this process (click's runner), so spaCy loads once: a few hundred examples per
format take seconds. CI runs a fixed sequence (derandomized, so main stays reproducible); for a
longer, random hunt:  COPYLINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.cli import cli
from copylint.files import BinaryFile, decode

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("COPYLINT_FUZZ_EXAMPLES", "150"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("COPYLINT_FUZZ_EXAMPLES") is None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Words that make the engine work (claims, negations, questions, suppression comments) and
# characters that make readers work (line breaks of every kind, typography, markup openers).
CLAIMS = [
    "FDA-approved",
    "FDA approved",
    "guaranteed results",
    "miraculous",
    "miracle cure",
    "no side effects",
    "100% safe",
    "cures arthritis",
    "won't cause cancer",
    "far better than PRP",
    "clinically proven",
    "no contraindications",
    "not FDA-approved",
    "Is it safe?",
    "Yes.",
    "No.",
    "results vary",
    "copylint-disable",
    "copylint-enable",
    "copylint-disable-next-line",
    "our",
    "exosome",
    "stem cell",
    "FDA",
    "approved",
    "no",
    "side",
    "effects",
    "guaranteed",
    "results",
]
ODD = [
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "\xa0",
    "\u2011",
    "\u202f",
    "\u200b",
    "\ufeff",
    "\u0301",
    "é",
    "😀",
    "’",
    "“",
    "”",
    "!",
    "!!!!!!",
    "...",
    ".",
    ",",
    ";",
    ":",
    "-",
    "#",
    "*",
    "<",
    ">",
    "&",
    "&amp;",
    "&#8217;",
    "&nbsp;",
    "{#",
    "#}",
    "{{",
    "}}",
    "{%",
    "%}",
    "<!--",
    "-->",
    "---",
    "`",
    "```",
    "[",
    "]",
    "(",
    ")",
    '"',
    "'",
    "\\",
    "|",
    "&a",
    "*a",
    "!tag",
]
words = st.sampled_from(CLAIMS) | st.sampled_from(ODD) | st.text(max_size=6)
separators = st.sampled_from(
    [" ", " ", " ", "\xa0", "\u2011", "\u202f", "-", "\n", "\r\n", "", "  "]
)
prose = st.lists(st.tuples(words, separators), max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)

TAGS = [
    "p",
    "h1",
    "h2",
    "li",
    "b",
    "em",
    "a",
    "div",
    "span",
    "script",
    "style",
    "title",
    "textarea",
    "pre",
    "code",
    "template",
    "svg",
    "details",
    "summary",
    "dt",
    "dd",
    "table",
    "td",
    "noscript",
    "br",
]


@st.composite
def html_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(
            st.sampled_from(
                ["", ' alt="FDA-approved"', ' title="100% safe"', ' class="x"', " title='a"]
            )
        )
        closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
        parts.append(f"<{tag}{attrs}>{draw(prose)}{closing}")
    return "".join(parts)


@st.composite
def markdown_documents(draw) -> str:
    lines = []
    if draw(st.booleans()):
        lines += ["---", f"title: {draw(prose)}", f"description: {draw(prose)}", "---"]
    for _ in range(draw(st.integers(0, 10))):
        lead = draw(
            st.sampled_from(
                ["", "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "| ", "```", "<p>", "{% if x %}"]
            )
        )
        lines.append(lead + draw(prose))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


json_values = st.recursive(
    prose | st.integers() | st.booleans() | st.none(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["title", "faq", "q", "a", "answer", "description", "url", "body", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@st.composite
def json_documents(draw) -> str:
    return json.dumps(
        draw(json_values), ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
    )


@st.composite
def yaml_documents(draw) -> str:
    value = draw(json_values)
    dumped = yaml.safe_dump(
        value,
        allow_unicode=draw(st.booleans()),
        default_style=draw(st.sampled_from([None, '"', "'", "|"])),
    )
    if not isinstance(value, dict) or not value:
        return dumped
    # Anchors, aliases, tags and folded scalars, which a dump of plain data never holds.
    extra = draw(
        st.sampled_from(
            [
                "",
                "b: &x Our serum is FDA-approved.\nc: *x\n",
                "d: !custom 100% safe\n",
                "e: >\n  guaranteed\n  results\n",
            ]
        )
    )
    return dumped + extra


@st.composite
def docx_documents(draw) -> bytes:
    import io

    import docx

    document = docx.Document()
    for _ in range(draw(st.integers(0, 5))):
        text = "".join(c for c in draw(prose) if c.isprintable() and c not in "\ufeff")
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _unescaped(text: str) -> str:
    """JSON and YAML escapes read as the characters they stand for."""
    named = {
        "n": "\n",
        "t": "\t",
        "r": "\r",
        "b": "\b",
        "f": "\f",
        "0": "\0",
        "N": "\x85",
        "_": "\xa0",
        "L": "\u2028",
        "P": "\u2029",
    }
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|.)",
        lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5 else named.get(m[1], m[1]),
        text,
    )


def _span(lines: list[str], finding: dict) -> str:
    first, last = finding["line"] - 1, finding["end_line"] - 1
    if first == last:
        return lines[first][finding["column"] - 1 : finding["end_column"] - 1]
    middle = lines[first + 1 : last]
    return "\n".join(
        [lines[first][finding["column"] - 1 :], *middle, lines[last][: finding["end_column"] - 1]]
    )


def check(tmp_path: Path, name: str, data: bytes, *extra: str) -> dict:
    page = tmp_path / name
    page.write_bytes(data)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["check", "--no-config", "--no-cache", "--format", "json", *extra, str(page)]
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    report = json.loads(result.stdout_bytes.decode("utf-8"))
    assert report["files_checked"] in (0, 1)
    if result.exit_code == 2:
        assert report["errors"] and all(
            e["path"] and e["message"] and "\n" not in e["message"] for e in report["errors"]
        )
    if name.endswith(".docx"):  # positions are paragraphs and characters, not the zip's bytes
        assert all(f["line"] >= 1 and f["column"] >= 1 and f["text"] for f in report["findings"])
        return report
    try:
        text = decode(data).text
    except BinaryFile:
        assert not report["findings"]
        return report
    lines = text.split("\n")
    for finding in report["findings"]:
        assert (finding["line"], finding["column"]) < (
            finding["end_line"],
            finding["end_column"],
        ), finding
        assert 1 <= finding["line"] <= finding["end_line"] <= len(lines), finding
        span = _span(lines, finding)
        if name.endswith(".txt") and finding["line"] == finding["end_line"]:
            assert span == finding["text"], (span, finding)
        # a sentence continued on the next line: the break reads as a space
        elif name.endswith(".txt"):
            assert " ".join(span.split()) == " ".join(finding["text"].split()), (span, finding)
        else:  # markup: the span, with tags and entities removed, reads the text
            visible = _unescaped(html.unescape(re.sub(r"<[^>]*>", "", span)))
            assert _letters(finding["text"]), finding
            assert _letters(finding["text"]) in _letters(visible) or _letters(
                finding["text"]
            ) in _letters(span), (span, finding)
    return report


@fuzz
@given(
    data=st.binary(max_size=600),
    suffix=st.sampled_from([".txt", ".html", ".md", ".mdx", ".json", ".yaml", ".njk", ".docx"]),
)
def test_random_bytes_in_every_format(tmp_path, data, suffix):
    check(tmp_path, "page" + suffix, data)


@fuzz
@given(text=prose, encoding=st.sampled_from(ENCODINGS))
def test_plain_text(tmp_path, text, encoding):
    check(tmp_path, "page.txt", encoded(text, encoding))


@fuzz
@given(text=html_documents(), encoding=st.sampled_from(ENCODINGS))
def test_html(tmp_path, text, encoding):
    check(tmp_path, "page.html", encoded(text, encoding))


@fuzz
@given(text=html_documents())
def test_templates(tmp_path, text):
    check(tmp_path, "page.njk", text.encode("utf-8"))


@fuzz
@given(text=markdown_documents(), suffix=st.sampled_from([".md", ".mdx"]))
def test_markdown(tmp_path, text, suffix):
    check(tmp_path, "page" + suffix, text.encode("utf-8"))


@fuzz
@given(text=json_documents())
def test_json(tmp_path, text):
    check(tmp_path, "page.json", text.encode("utf-8"))


@fuzz
@given(text=yaml_documents())
def test_yaml(tmp_path, text):
    check(tmp_path, "page.yaml", text.encode("utf-8"))


@settings(fuzz, max_examples=max(10, EXAMPLES // 5))
@given(data=docx_documents())
def test_docx(tmp_path, data):
    check(tmp_path, "page.docx", data)


@fuzz
@given(data=docx_documents(), cut=st.integers(0, 4000), noise=st.binary(min_size=1, max_size=40))
def test_damaged_docx(tmp_path, data, cut, noise):
    """A .docx cut short or with bytes overwritten: an error naming the file, never a crash."""
    cut = min(cut, len(data))
    check(tmp_path, "page.docx", data[:cut] + noise + data[cut + len(noise) :])


@fuzz
@given(text=prose)
def test_every_output_format_takes_any_finding(tmp_path, text):
    for output in ("text", "github", "sarif"):
        page = tmp_path / "page.txt"
        page.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = CliRunner().invoke(
            cli, ["check", "--no-config", "--no-cache", "--format", output, str(page)]
        )
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1, 2), result.output
        if output == "sarif":
            json.loads(result.stdout_bytes.decode("utf-8"))
