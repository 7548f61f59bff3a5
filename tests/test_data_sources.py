"""JSON, YAML and .docx sources, and the choice of format for a path."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import assert_maps_back, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.sources import format_for
from copylint.sources.data import project_json, project_yaml
from copylint.sources.projection import SourceError


def blocks(projection) -> list[tuple[str, str]]:
    return [(b.kind, projection.block_text(b)) for b in projection.blocks]


def test_json_string_values_with_their_key_path():
    source = (
        '{"faq": [{"q": "Is it safe?", "a": "Completely safe."}], "id": "no side effects", '
        '"n": 3, "url": "https://x"}'
    )
    assert blocks(project_json(source)) == [
        ("json:faq.0.q", "Is it safe?"),
        ("json:faq.0.a", "Completely safe."),
    ]


def test_json_escapes_map_to_their_escape_sequences():
    source = '{"a": "It\\u2019s \\"FDA\\u2011approved\\" \\ud83d\\ude00 no\\/side effects"}'
    projection = project_json(source)
    text = projection.block_text(projection.blocks[0])
    assert text == 'It’s "FDA-approved" 😀 no/side effects'
    at = text.index("FDA-approved")
    assert source[slice(*projection.to_source(at, at + 12))] == "FDA\\u2011approved"
    at = text.index("😀")
    assert source[slice(*projection.to_source(at, at + 1))] == "\\ud83d\\ude00"


def test_html_inside_a_json_string_maps_through_to_the_file():
    source = '{"body": "<p>There are <em>no<\\/em> side effects.</p><script>var SECRET;</script>"}'
    projection = project_json(source)
    assert blocks(projection) == [("json:body", "There are no side effects.")]
    text = projection.text
    start, end = projection.to_source(text.index("no side"), text.index("effects") + 7)
    assert source[start:end] == "no<\\/em> side effects"


def test_yaml_scalars_of_every_style_map_back():
    source = (
        "plain: Guaranteed results\n"
        "single: 'It''s a miracle'\n"
        'double: "No \\"side\\" effects \\u2014 ever"\n'
        "folded: >\n  This is\n  completely safe.\n"
        "literal: |\n  Line one.\n  A miracle cure.\n"
        "list:\n  - FDA-approved\n"
        "count: 3\n"
        "on: yes\n"
    )
    projection = project_yaml(source)
    got = dict(blocks(projection))
    assert got["yaml:plain"] == "Guaranteed results"
    assert got["yaml:single"] == "It's a miracle"
    assert got["yaml:double"] == 'No "side" effects — ever'
    assert got["yaml:folded"] == "This is completely safe."
    assert "yaml:count" not in got and "yaml:on" not in got
    for word in ("miracle", "safe", "FDA-approved", "effects", "cure"):
        at = projection.text.index(word)
        assert source[slice(*projection.to_source(at, at + len(word)))] == word


@pytest.mark.parametrize(
    "project, source, message",
    [
        (
            project_json,
            '{"a": "b",}',
            "invalid JSON: Expecting property name enclosed in double quotes (line 1, column 11)",
        ),
        (project_yaml, "a: [b\n", "invalid YAML"),
    ],
)
def test_invalid_data_files_raise_a_clear_error(project, source, message):
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        project(source)


def test_formats_by_suffix_and_tooling_files_are_not_copy():
    assert format_for("a/page.HTML").name == "html"
    assert format_for("post.mdx").name == "mdx"
    assert format_for("layout.njk").name == "template"
    assert format_for("notes.unknown").name == "text"
    assert format_for("package.json") is None and format_for("sub/tsconfig.base.json") is None
    assert format_for("package.json", forced="json").name == "json"


def test_invalid_json_is_an_error_naming_the_file_and_others_are_still_checked(tmp_path):
    (tmp_path / "broken.json").write_text('{"a": ', encoding="utf-8")
    (tmp_path / "ok.md").write_text("A miracle cure.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path / 'broken.json'}: error: invalid JSON" in result.stderr.decode()
    assert b"ok.md:1:3" in result.stdout


# --- generated JSON and YAML: every value span maps back ------------------------------------

texts = st.text(
    alphabet=st.sampled_from(list("ab FDA-approved\"\\/é😀\n\t<>&'") + ["\u2011", "\u00a0"]),
    max_size=30,
)
keys = st.sampled_from(["title", "body", "answer", "url", "q"])
documents = st.recursive(
    texts | st.integers() | st.booleans() | st.none(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(documents, st.sampled_from([None, 2]))
def test_json_projection_reads_only_string_values(document, indent):
    source = json.dumps(document, indent=indent, ensure_ascii=indent is None)
    projection = project_json(source)
    assert_maps_back(projection, source)


@settings(max_examples=200, deadline=None)
@given(documents, st.sampled_from([None, '"', "'", "|", ">"]))
def test_yaml_projection_maps_into_the_source(document, style):
    source = yaml.safe_dump({"root": document}, default_style=style, allow_unicode=True)
    projection = project_yaml(source)
    assert_maps_back(projection, source)


# --- .docx --------------------------------------------------------------------------------


def test_docx_positions_are_paragraph_and_character(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Exosome therapy", level=1)
    document.add_paragraph("Book a consultation.")
    document.add_paragraph("Our treatment is FDA-approved.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Side effects?"
    table.cell(0, 1).text = "There are no side effects."
    path = tmp_path / "draft.docx"
    document.save(path)
    result = run_cli("check", "--format", "json", str(path))
    found = {(f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {(3, 18, "regulator-approval"), (5, 11, "no-side-effects")}


def test_a_file_named_docx_that_is_not_one_is_an_error(tmp_path):
    pytest.importorskip("docx")
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", str(tmp_path / "fake.docx"))
    assert result.returncode == 2
    assert "fake.docx: error: not a readable .docx file" in result.stderr.decode()
