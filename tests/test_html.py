"""The HTML projector: visible text, attributes and meta tags, offsets, and malformed input,
checked against a browser-grade parser (html5lib) on generated pages."""

from __future__ import annotations

import html
import re

import html5lib
import pytest
from conftest import assert_maps_back
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.sources.html import BLOCKS, RAW_TEXT, SKIPPED, project_html
from copylint.sources.projection import TYPOGRAPHY
from copylint.sources.template import mask_templates, project_template


def blocks(source: str) -> list[tuple[str, str]]:
    projection = project_html(source)
    return [(b.kind, projection.block_text(b)) for b in projection.blocks]


def test_inline_tags_join_words_and_block_tags_separate_them():
    assert blocks("<p>FDA-<b>approved</b> and <em>safe</em></p><p>Next</p>") == [
        ("text", "FDA-approved and safe"),
        ("text", "Next"),
    ]
    assert blocks("<h2>No<br>side effects</h2>") == [("heading", "No"), ("text", "side effects")]


def test_entities_decode_and_map_to_the_whole_entity():
    source = "<p>It&#8217;s&nbsp;FDA&#x2011;approved &amp; safe</p>"
    projection = project_html(source)
    assert projection.block_text(projection.blocks[0]) == "It’s FDA-approved & safe"
    at = projection.text.index("’")
    assert source[slice(*projection.to_source(at, at + 1))] == "&#8217;"
    at = projection.text.index("FDA-approved")
    assert (
        source[slice(*projection.to_source(at, at + len("FDA-approved")))] == "FDA&#x2011;approved"
    )


def test_attributes_and_meta_tags_people_forget():
    source = (
        '<head><title>Clinic</title><meta name="description" content="Guaranteed results">'
        '<meta property="og:title" content="A miracle"><meta name="viewport" '
        'content="width=device-width"></head>'
        '<img alt="No side effects" src="x.png"><input placeholder="Your miracle"><a '
        'aria-label="Safe" title="Cure" href="/cure">x</a>'
    )
    kinds = dict((k, t) for k, t in blocks(source))
    assert kinds["title"] == "Clinic"
    assert kinds["meta:description"] == "Guaranteed results"
    assert kinds["meta:og:title"] == "A miracle"
    assert kinds["attr:alt"] == "No side effects"
    assert kinds["attr:placeholder"] == "Your miracle"
    assert kinds["attr:aria-label"] == "Safe" and kinds["attr:title"] == "Cure"
    assert "width=device-width" not in project_html(source).text


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>SECRET</script>",
        "<SCRIPT type='x'>if (a<b) SECRET</SCRIPT >",
        "<style>p::after{content:'SECRET'}</style>",
        "<!-- SECRET -->",
        "<!--> SECRET is visible -->",
        "<noscript>SECRET</noscript>",
        "<template><p>SECRET</p></template>",
        "<svg><text>SECRET</text></svg>",
        "<pre>SECRET</pre>",
        "<code>SECRET</code>",
        '<a href="/SECRET">link</a>',
        "<!DOCTYPE SECRET>",
        "<?xml SECRET?>",
    ],
)
def test_hidden_content_is_not_projected(hidden):
    text = project_html(f"<p>before</p>{hidden}<p>after</p>").text
    if "is visible" in hidden:  # "<!-->" is an empty comment: what follows is text
        assert "SECRET is visible" in text
    else:
        assert "SECRET" not in text
    assert "before" in text and "after" in text


@pytest.mark.parametrize(
    "source, visible, hidden",
    [
        ("<p>ok</p><!-- SECRET never closed <p>SECRET</p>", "ok", "SECRET"),
        ("<p>ok</p><script>SECRET never closed", "ok", "SECRET"),
        ('<p>ok</p><p title="SECRET never closed>SECRET', "ok", "SECRET"),
        ("<p>ok</p><p class=x SECRET", "ok", "SECRET"),
        ("<p>ok</p><code>SECRET <p>SECRET</p>", "ok", "SECRET"),
        ('<a title="5 > 4">shown</a>', "shown", None),
        ("<p>3 < 4 & <3 &amp more</p>", "3 < 4 & <3 & more", None),
        ("<p>unclosed <b>bold</div></span> text", "unclosed bold text", None),
    ],
)
def test_malformed_html_reads_as_a_browser_reads_it(source, visible, hidden):
    text = project_html(source).text
    assert visible in text
    assert hidden is None or hidden not in text


def test_templates_tags_are_invisible_even_inside_a_phrase():
    source = (
        "<p>FDA-{% if x %}approved{% endif %} for {{ name }}, {# SECRET #}{{!-- SECRET "
        "--}}<?php echo 'SECRET'; ?>safe</p>"
    )
    masked = mask_templates(source)
    assert len(masked) == len(source)
    projection = project_template(source)
    assert projection.block_text(projection.blocks[0]) == "FDA-approved for , safe"
    at = projection.text.index("approved")
    assert projection.to_source(at, at + 8) == (
        source.index("approved"),
        source.index("approved") + 8,
    )


def test_template_tags_keep_line_breaks_so_lines_stay_put():
    source = "{% if a\n  and b %}\n<p>Line three</p>"
    assert mask_templates(source).count("\n") == 2


def test_a_minified_single_line_page_is_linear():
    # Not a timing: a million-character line must project without pathological re-scanning.
    unit = (
        '<div class="c"><p>Our <b>FDA</b>-approved clinic &amp; spa</p><img '
        'alt="x"><script>var a="<p>";</script></div>'
    )
    source = unit * 10000
    projection = project_html(source)
    assert projection.text.count("FDA-approved") == 10000


# --- generated pages, checked against html5lib ---------------------------------------------

WORDS = [
    "FDA",
    "approved",
    "safe",
    "no",
    "side",
    "effects",
    "clinic",
    "é",
    "😀",
    "results",
    "3",
    "x",
]
INLINE = [
    "<b>",
    "</b>",
    "<em>",
    "</em>",
    '<span class="a">',
    "</span>",
    '<a href="/x">',
    "</a>",
    "<small>",
    "</small>",
]
BLOCK = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h2>",
    "</h2>",
    "<br>",
    "<li>",
    "</li>",
    "<section>",
    "</section>",
]
ENTITIES = [
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&eacute;",
    "&copy",
    "&lt;",
    "&gt;",
    "&#x2011;",
    "&quot;",
    "&unknown;",
    "&",
]
SPACE = [" ", "\n", "\t", "  ", "\r\n"]
HIDDEN = [
    "<script>SECRET</script>",
    "<style>SECRET{}</style>",
    "<!-- SECRET -->",
    "<pre>SECRET</pre>",
    "<code>SECRET</code>",
    "<template>SECRET</template>",
    "<noscript>SECRET</noscript>",
    '<a href="SECRET">',
    '<img src="SECRET.png" alt="pic">',
]
TAILS = ["", "<!-- SECRET", "<script>SECRET", '<p title="SECRET', "<p SECRET", "<code>SECRET"]

fragment = st.sampled_from(WORDS + INLINE + BLOCK + ENTITIES + SPACE + HIDDEN)
page = st.tuples(st.lists(fragment, max_size=40), st.sampled_from(TAILS)).map(
    lambda parts: "".join(parts[0]) + parts[1]
)

_HIDDEN_BY_BROWSER = RAW_TEXT | SKIPPED | {"title", "head"}


def browser_words(source: str) -> list[str]:
    """Words a browser shows, by html5lib: text nodes outside hidden elements, with a word
    break at every block element's edges, as copylint breaks blocks."""
    document = html5lib.HTMLParser(namespaceHTMLElements=False).parse(source, scripting=True)
    out: list[str] = []

    def walk(element, hidden: bool) -> None:
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else None
        hide = hidden or name is None or name in _HIDDEN_BY_BROWSER
        if name in BLOCKS:
            out.append(" ")
        if element.text and not hide:
            out.append(element.text)
        for child in element:
            walk(child, hide)
            if child.tail and not hidden and name not in _HIDDEN_BY_BROWSER:
                out.append(child.tail)
        if name in BLOCKS:
            out.append(" ")

    walk(document, False)
    return "".join(out).translate(TYPOGRAPHY).split()


def copylint_words(source: str) -> list[str]:
    projection = project_html(source)
    text = " ".join(
        projection.block_text(b) for b in projection.blocks if b.kind in ("text", "heading")
    )
    return text.split()


@settings(max_examples=300, deadline=None)
@given(page)
def test_visible_words_match_a_browser_grade_parser(source):
    assert copylint_words(source) == browser_words(source)


@settings(max_examples=300, deadline=None)
@given(page)
def test_projection_maps_back_to_the_source_and_never_shows_hidden_text(source):
    projection = project_html(source)
    assert "SECRET" not in projection.text
    assert_maps_back(projection, source)
    for proj_start, src_start, proj_len, src_len in projection.offsets.segments():
        shown = projection.text[proj_start : proj_start + proj_len]
        written = source[src_start : src_start + src_len]
        if proj_len == src_len:
            continue
        if shown == " ":
            assert written.isspace() or html.unescape(written).isspace()
        else:
            assert shown == html.unescape(written).translate(TYPOGRAPHY)


TEMPLATE_PIECES = [
    "{% if a %}",
    "{% endif %}",
    "{{ x }}",
    "{# SECRET #}",
    "{{!-- SECRET --}}",
    "<?php echo 'SECRET'; ?>",
    "{% comment %}SECRET{% endcomment %}",
    "{{ 'SECRET' }}",
    "{% set s = 'SECRET' %}",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + INLINE + BLOCK + SPACE + TEMPLATE_PIECES), max_size=40).map(
        "".join
    )
)
def test_template_tags_never_show_and_positions_hold(source):
    projection = project_template(source)
    assert "SECRET" not in projection.text
    assert len(mask_templates(source)) == len(source)
    assert_maps_back(projection, source)


CLAIMS = [
    "FDA-<b>approved</b>",
    "<em>no</em>&nbsp;side effects",
    "a miracle&#8217;s cure",
    "completely <i>safe</i>",
    "guaranteed results",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(CLAIMS + WORDS + INLINE + BLOCK + SPACE + HIDDEN), min_size=1, max_size=25
    ).map("".join)
)
def test_every_html_finding_reads_its_text_in_the_source(engine, source):
    for finding in engine.lint_source("page.html", source):
        lines = source.split("\n")
        start = sum(len(line) + 1 for line in lines[: finding.line - 1]) + finding.column - 1
        end = sum(len(line) + 1 for line in lines[: finding.end_line - 1]) + finding.end_column - 1
        # a match may run across a hidden inline element (<code>, a comment ...): its content is
        # not read
        visible = re.sub(
            r"<(code|script|style|template|pre|noscript)\b[^>]*>[\s\S]*?</\1>|<!--[\s\S]*?-->",
            "",
            source[start:end],
        )
        span = html.unescape(re.sub(r"<[^>]*>", "", visible))
        assert " ".join(span.translate(TYPOGRAPHY).split()) == " ".join(finding.text.split())
