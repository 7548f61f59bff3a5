"""The Markdown and MDX projector: what is copy, what is not, and offsets back to the file."""

from __future__ import annotations

from conftest import assert_maps_back
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.sources.markdown import project_markdown, project_mdx


def blocks(projection) -> list[tuple[str, str]]:
    return [(b.kind, projection.block_text(b)) for b in projection.blocks]


def test_emphasis_joins_and_headings_lists_tables_are_blocks():
    source = (
        "# **No** contraindications\n\n- one *item*\n- two\n\n| a | b |\n|---|---|\n"
        "| FDA | approved |\n"
    )
    assert blocks(project_markdown(source)) == [
        ("heading", "No contraindications"),
        ("text", "one item"),
        ("text", "two"),
        ("table", "a"),
        ("table", "b"),
        ("table", "FDA"),
        ("table", "approved"),
    ]


def test_link_text_is_copy_and_urls_are_not():
    projection = project_markdown(
        "See [our clinic](https://x.com/fda-approved) or <https://fda-approved.com>.\n"
    )
    assert blocks(projection) == [("text", "See our clinic or .")]


def test_code_is_skipped_and_html_blocks_go_through_the_html_projector():
    source = (
        "Text `FDA-approved` here.\n\n```\nFDA-approved\n```\n\n    FDA-approved indented\n"
        "\n<div>\n<p>HTML <b>block</b></p>\n<script>SECRET</script>\n</div>\n\n<!-- SECRET -->\n"
    )
    projection = project_markdown(source)
    assert "FDA-approved" not in projection.text and "SECRET" not in projection.text
    assert ("text", "HTML block") in blocks(projection)


def test_front_matter_values_are_blocks_with_their_key():
    source = (
        '---\ntitle: "Guaranteed results"\nnested:\n  summary: A miracle\n'
        "slug: fda-approved\n---\nBody.\n"
    )
    projection = project_markdown(source)
    assert blocks(projection) == [
        ("frontmatter:title", "Guaranteed results"),
        ("frontmatter:nested.summary", "A miracle"),
        ("text", "Body."),
    ]
    at = projection.text.index("miracle")
    assert source[slice(*projection.to_source(at, at + 7))] == "miracle"


def test_toml_front_matter_string_values():
    projection = project_markdown('+++\ntitle = "Guaranteed results"\ndraft = false\n+++\nBody.\n')
    assert ("frontmatter:title", "Guaranteed results") in blocks(projection)


def test_image_alt_and_inline_html_attributes_are_blocks_of_their_own():
    source = 'Intro ![A miracle](x.png) then <span title="No side effects">text</span> end.\n'
    assert blocks(project_markdown(source)) == [
        ("text", "Intro  then text end."),
        ("attr:title", "No side effects"),
        ("attr:alt", "A miracle"),
    ]


def test_entities_escapes_and_non_ascii_map_back_exactly():
    source = "Café — It&#8217;s \\*FDA\\*&nbsp;approved 😀 no side effects.\n"
    projection = project_markdown(source)
    text = projection.block_text(projection.blocks[0])
    assert text == "Café — It’s *FDA* approved 😀 no side effects."
    at = text.index("no side effects")
    assert source[slice(*projection.to_source(at, at + 15))] == "no side effects"
    at = text.index("’")
    assert source[slice(*projection.to_source(at, at + 1))] == "&#8217;"


def test_liquid_tags_in_markdown_are_masked():
    projection = project_markdown("Our {% if x %}FDA-{% endif %}approved {{ site.name }} clinic.\n")
    assert projection.block_text(projection.blocks[0]) == "Our FDA-approved  clinic."


def test_mdx_imports_expressions_and_component_props():
    source = (
        'import { Hero } from "./Hero"\nexport const meta = {\n  title: "FDA-approved",\n}\n\n'
        '<Hero heading="Guaranteed results" href="/fda-approved" className="big" />\n\n'
        "Our care is {props.x} gentle.\n\n{/* SECRET comment */}\n"
    )
    projection = project_mdx(source)
    assert (
        "FDA-approved" not in projection.text
        and "SECRET" not in projection.text
        and "Hero" not in projection.text
    )
    assert ("attr:heading", "Guaranteed results") in blocks(projection)
    assert any(t == "Our care is  gentle." for _, t in blocks(projection))


# --- generated documents -------------------------------------------------------------------

PIECES = [
    "FDA",
    "approved",
    "safe",
    "é",
    "😀",
    " ",
    "\n",
    "\n\n",
    "**",
    "*",
    "_",
    "# ",
    "- ",
    "1. ",
    "> ",
    "[link](https://SECRET.example)",
    "`SECRET`",
    "\n\n```\nSECRET\n```\n\n",
    "x <!-- SECRET --> ",
    "\n\n<!-- SECRET -->\n\n",
    "&amp;",
    "&#8217;",
    "\\*",
    "x <b>",
    "</b> x",
    "| a | b |\n|---|---|\n| c | d |\n",
    "![alt text](SECRET.png)",
    "\n\n<script>SECRET</script>\n\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_projection_maps_back_and_never_shows_code_or_urls(source):
    projection = project_markdown(source)
    assert "SECRET" not in projection.text
    assert_maps_back(projection, source)
