"""Hostile and damaged .docx files: each is one error naming the file (exit 2), the other files
are still checked, and what a .docx may inflate to is bounded (issue 14, repros 24, 25, 37)."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest
from conftest import run_cli
from scaling import peak_memory

from copylint.sources import docx as docx_source
from copylint.sources.projection import SourceError

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def good() -> bytes:
    document = docx.Document()
    document.add_paragraph("Our exosome serum is FDA-approved.")
    document.add_paragraph("A miraculous treatment.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Guaranteed results"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 1).text = "No side effects."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rebuild(good: bytes, replace: dict, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for item in source.infolist():
            data = replace.get(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(item.filename, data)
    return buffer.getvalue()


def _document(good: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")


def _body(good: bytes, inner: bytes) -> bytes:
    doc = _document(good)
    at = doc.index(b"<w:body>") + len(b"<w:body>")
    return doc[:at] + inner + doc[at:]


def _patch_member_header(
    data: bytes,
    member: str,
    offset: int,
    fmt: str,
    value: int,
    central: bool = True,
    local: bool = True,
) -> bytes:
    """Set a field of one member's local and/or central directory header (offsets from the
    signature)."""
    data = bytearray(data)
    name = member.encode()
    for signature, name_at, wanted in ((b"PK\x01\x02", 46, central), (b"PK\x03\x04", 30, local)):
        at = data.find(signature)
        while at != -1:
            if wanted and data[at + name_at : at + name_at + len(name)] == name:
                struct.pack_into(fmt, data, at + offset, value)
            at = data.find(signature, at + 1)
    return bytes(data)


def _damaged(good: bytes) -> dict[str, bytes]:
    doc = _document(good)
    lol = (
        b'<!DOCTYPE w:document [<!ENTITY a "lol">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10)
            for i in range(9)
        )
        + b"]>"
    )
    deflated = rebuild(good, {})
    info = zipfile.ZipFile(io.BytesIO(deflated)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    corrupt = bytearray(deflated)
    corrupt[start + 2 : start + 40] = b"\xff" * 38  # the deflate stream of document.xml
    return {
        # repro 24: the zip is fine, its XML is not
        "malformed_xml": rebuild(good, {"word/document.xml": doc[:-40]}),
        "garbage_xml": rebuild(good, {"word/document.xml": b"not xml at all"}),
        "bad_rels": rebuild(good, {"_rels/.rels": b"<Relationships/>"}),
        "rels_garbage": rebuild(good, {"_rels/.rels": b"<<<"}),
        "ct_garbage": rebuild(good, {"[Content_Types].xml": b"\x00\x01garbage"}),
        "doc_rels_garbage": rebuild(good, {"word/_rels/document.xml.rels": b"<x"}),
        "styles_garbage": rebuild(good, {"word/styles.xml": b"<x"}),
        "billion_laughs": rebuild(
            good,
            {
                "word/document.xml": doc.replace(b"<w:document", lol + b"<w:document", 1).replace(
                    b"FDA-approved", b"FDA-approved &j;"
                )
            },
        ),
        "no_document": rebuild(good, {"word/document.xml": None}),
        # repro 37: the zip itself is damaged or uses what zipfile cannot read
        "corrupt_deflate": bytes(corrupt),
        "encrypted": _patch_member_header(deflated, "word/document.xml", 8, "<H", 0x1),
        "unknown_method": _patch_member_header(
            deflated, "word/document.xml", 10, "<H", 99, local=False
        ),
        "bzip2": rebuild(good, {}, zipfile.ZIP_BZIP2),
        "lzma": rebuild(good, {}, zipfile.ZIP_LZMA),
        "zip_version_16": _patch_member_header(
            deflated, "word/document.xml", 6, "<H", 160, local=False
        ),
        "truncated": good[: len(good) // 2],
    }


DAMAGED = [
    "malformed_xml",
    "garbage_xml",
    "bad_rels",
    "rels_garbage",
    "ct_garbage",
    "doc_rels_garbage",
    "styles_garbage",
    "billion_laughs",
    "no_document",
    "corrupt_deflate",
    "encrypted",
    "unknown_method",
    "bzip2",
    "lzma",
    "zip_version_16",
    "truncated",
]


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_docx_is_a_source_error(good, kind):
    """repros 24 and 37: XMLSyntaxError, AttributeError, zlib.error, NotImplementedError,
    RuntimeError ... escaped (exit 3)."""
    with pytest.raises(SourceError):
        docx_source.docx_to_text(_damaged(good)[kind])


def test_damaged_docx_files_are_one_line_errors_and_the_other_files_are_checked(good, tmp_path):
    """repros 24 and 37, through the CLI: exit 2, one line per .docx naming it, other.txt
    reported."""
    for kind, data in _damaged(good).items():
        (tmp_path / f"{kind}.docx").write_bytes(data)
    (tmp_path / "other.txt").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    result = run_cli("check", "--no-config", "--no-cache", "--format", "json", str(tmp_path))
    assert result.returncode == 2, result.stderr
    import json

    report = json.loads(result.stdout)
    assert any(f["path"].endswith("other.txt") for f in report["findings"])
    lines = result.stderr.decode().splitlines()
    for kind in DAMAGED:
        named = [line for line in lines if f"/{kind}.docx: error: " in line]
        assert len(named) == 1, (kind, lines)
    assert "internal error" not in result.stderr.decode()


def test_the_good_docx_still_reads_with_merged_cells_once(good):
    assert docx_source.docx_to_text(good).split("\n") == [
        "Our exosome serum is FDA-approved.",
        "A miraculous treatment.",
        "Guaranteed results",
        "",
        "No side effects.",
    ]


def _bomb(good: bytes, inflated: int) -> bytes:
    """document.xml with ``inflated`` bytes of blank space in the body (deflates ~1000:1)."""
    doc = _document(good)
    at = doc.index(b"<w:body>") + len(b"<w:body>")
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item.filename, source.read(item.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(doc[:at])
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                member.write(chunk)
            member.write(doc[at:])
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_by_its_declared_size(good):
    """repro 25: an 870 KB .docx inflating to 1 GB took 3.5 GB of memory and minutes."""
    bomb = _bomb(good, docx_source.MAX_PART_BYTES + (1 << 20))
    assert len(bomb) < 100_000
    with pytest.raises(SourceError, match="inflates to .* bytes"):
        docx_source.docx_to_text(bomb)


def test_a_zip_bomb_whose_header_lies_is_stopped_while_inflating(good):
    """repro 25: the sizes in a zip's headers can lie; reading is counted as it inflates."""
    bomb = _bomb(good, docx_source.MAX_PART_BYTES + (1 << 20))
    for header in ("central", "local"):  # declare 1,000 bytes where 17 MiB are
        liar = _patch_member_header(
            bomb,
            "word/document.xml",
            24 if header == "central" else 22,
            "<I",
            1000,
            central=header == "central",
            local=header == "local",
        )
        started = time.process_time()
        peak = peak_memory(
            lambda liar=liar: pytest.raises(SourceError, docx_source.docx_to_text, liar)
        )
        assert time.process_time() - started < 5 and peak < 64 * 1024 * 1024


def test_many_members_inflating_past_the_total_are_refused(good, monkeypatch):
    monkeypatch.setattr(docx_source, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item.filename, source.read(item.filename))
        for i in range(5):
            out.writestr(f"word/media/image{i}.bin", b"\x00" * (512 * 1024))
    data = buffer.getvalue()
    with pytest.raises(SourceError, match="inflates to more than 2,097,152 bytes"):
        docx_source.docx_to_text(data)


def test_a_paragraph_bomb_is_refused_before_its_paragraphs_are_read(good):
    """repro 25: 3 million paragraphs (870 KB zipped) took minutes; more than MAX_PARAGRAPHS is
    refused at once."""
    data = rebuild(
        good, {"word/document.xml": _body(good, b"<w:p/>" * (docx_source.MAX_PARAGRAPHS + 1))}
    )
    started = time.process_time()
    with pytest.raises(SourceError, match="paragraphs"):
        docx_source.docx_to_text(data)
    assert time.process_time() - started < 5


def test_a_huge_column_span_is_read_once_not_once_per_column(good):
    """repro 25 (tables): python-docx's row.cells repeats a cell once per grid column it spans."""
    row = (
        b"<w:tr><w:tc><w:tcPr><w:gridSpan "
        b'w:val="100000000"/></w:tcPr><w:p><w:r><w:t>Guaranteed '
        b"results</w:t></w:r></w:p></w:tc></w:tr>"
    )
    table = b"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + row * 3 + b"</w:tbl>"
    data = rebuild(good, {"word/document.xml": _body(good, table)})
    started = time.process_time()
    lines = docx_source.docx_to_text(data).split("\n")
    assert lines[:3] == ["Guaranteed results"] * 3
    assert time.process_time() - started < 5


def test_a_long_vertical_merge_reads_in_linear_time(good):
    """A column merged down 3,000 rows: python-docx walked up the merge for every row (recursion,
    quadratic)."""
    first = (
        b'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>No side '
        b"effects.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr>"
    )
    rest = (
        b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        b"<w:tc><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr>"
    )
    table = (
        b"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + first
        + rest * 2999
        + b"</w:tbl>"
    )
    data = rebuild(good, {"word/document.xml": _body(good, table)})
    lines = docx_source.docx_to_text(data).split("\n")
    assert lines[:3] == ["No side effects.", "row", "row"] and lines.count("row") == 3000


def test_a_word_owner_file_named_directly_is_a_clear_error(tmp_path):
    """repro 38: walks skip ~$page.docx; named, it is still one clear error."""
    owner = tmp_path / "~$page.docx"
    owner.write_bytes(b"\x0bJ. Smith" + b"\x00" * 44 + b"\x0b\x00J\x00.\x00" + b"\x00" * 102)
    result = run_cli("check", "--no-config", "--no-cache", str(owner))
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        .strip()
        .endswith("~$page.docx: error: not a readable .docx file (File is not a zip file)")
    )


def test_reading_a_docx_is_linear_in_its_paragraphs_and_table_rows(good):
    """Linear-time guarantee for .docx: body paragraphs and vertically merged table rows."""
    from scaling import assert_linear

    def make(n: int) -> bytes:
        merged = (
            b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
            b"<w:tc><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr>"
        )
        first = merged.replace(b"<w:vMerge/>", b'<w:vMerge w:val="restart"/>')
        table = (
            b"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            + first
            + merged * (n - 1)
            + b"</w:tbl>"
        )
        return rebuild(
            good,
            {
                "word/document.xml": _body(
                    good, b"<w:p><w:r><w:t>Plain words.</w:t></w:r></w:p>" * n + table
                )
            },
        )

    assert_linear(make, docx_source.docx_to_text, 150, repeat=2)
