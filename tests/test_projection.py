from copylint.sources import LineIndex, ProjectionBuilder, project_text


def test_line_index_breaks_at_newline_only():
    source = "a\u2028b\nc\r\nd"
    index = LineIndex(source)
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)  # U+2028 is not a line break
    assert index.position(4) == (2, 1)
    assert index.line_text(2) == "c"  # CR of CRLF is not part of the line
    assert index.position(source.index("d")) == (3, 1)


def test_utf16_columns_count_astral_characters_twice():
    source = "😀 FDA-approved"
    index = LineIndex(source)
    line, column = index.position(source.index("FDA"))
    assert column == 3
    assert index.utf16_column(line, column) == 4


def test_builder_maps_projected_offsets_to_source():
    builder = ProjectionBuilder()
    builder.begin_block("heading")
    builder.add("FDA-", 10)
    builder.add("approved", 30)  # e.g. after a removed <b> tag
    projection = builder.build()
    assert projection.text.startswith("FDA-approved")
    assert projection.blocks[0].kind == "heading"
    assert projection.to_source(0, len("FDA-approved")) == (10, 38)
    assert projection.offsets.source_start(4) == 30


def test_text_projection_keeps_headings_apart_and_joins_wrapped_lines():
    source = "Is It Safe\nThe procedure is FDA-\napproved and safe.\n\nNext paragraph"
    projection = project_text(source)
    texts = [projection.block_text(b) for b in projection.blocks]
    assert texts == ["Is It Safe", "The procedure is FDA- approved and safe.", "Next paragraph"]
    start = projection.text.index("approved")
    assert projection.to_source(start, start + 8) == (
        source.index("approved"),
        source.index("approved") + 8,
    )


def test_text_projection_with_crlf_keeps_source_offsets():
    source = "First line.\r\nThe procedure is FDA-approved.\r\n"
    projection = project_text(source)
    start = projection.text.index("FDA")
    assert source[projection.offsets.source_start(start) :].startswith("FDA-approved")
