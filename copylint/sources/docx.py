"""Word drafts (.docx), read with python-docx (the optional extra ``copylint[docx]``).

A .docx is not text, so it is first read into one: each paragraph of the body, and of every
table cell in reading order, becomes one line. Positions in it are therefore paragraph
number (line) and character within the paragraph (column).

A .docx is a zip archive of XML parts, and whatever is wrong with one (a damaged archive, broken
XML, a missing part, encryption) is one error naming the file: the run goes on with the others.
What it may inflate to is bounded before python-docx sees it: every member is decompressed as a
stream and counted (a header's sizes can lie), so a zip bomb is refused after reading at most
MAX_PART_BYTES of one member / MAX_UNCOMPRESSED_BYTES in all; a document with more than
MAX_PARAGRAPHS paragraphs is refused before its paragraphs are read.
"""

from __future__ import annotations

import io
import zipfile

from copylint.sources.projection import SourceError

MAX_PART_BYTES = 16 * 1024 * 1024  # one member (word/document.xml) once inflated
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024  # all members (pictures too) once inflated
MAX_PARAGRAPHS = 100_000  # ~3,000 pages; python-docx reads ~20,000 paragraphs a second
_CHUNK = 1 << 16
# The Open Packaging Conventions allow these two; Word writes nothing else.
_COMPRESSIONS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_METHODS = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "deflate64"}


def docx_to_text(data: bytes) -> str:
    try:
        import docx
    except ImportError:
        raise SourceError("reading .docx needs python-docx: pip install 'copylint[docx]'") from None
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = int(document.element.body.xpath("count(.//w:p)"))
        if paragraphs > MAX_PARAGRAPHS:
            raise SourceError(
                f"a .docx with {paragraphs:,} paragraphs (more than {MAX_PARAGRAPHS:,}); "
                "not checked"
            )
        return "\n".join(_paragraphs(document))
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 — python-docx and lxml raise anything on a damaged part
        raise SourceError(f"not a readable .docx file ({_said(exc)})") from None


def _said(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _check_archive(data: bytes) -> None:
    """Raise SourceError unless every member of the zip inflates cleanly within the bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SourceError(f"not a readable .docx file ({exc})") from None
    except Exception as exc:  # noqa: BLE001 — zipfile raises several kinds on a damaged directory
        raise SourceError(
            f"not a readable .docx file (damaged zip archive: {_said(exc)})"
        ) from None
    total = 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            if info.flag_bits & 0x1:
                raise SourceError(
                    f"not a readable .docx file ({name} is encrypted: the document is "
                    "password-protected)"
                )
            if info.compress_type not in _COMPRESSIONS:
                method = _METHODS.get(info.compress_type, f"method {info.compress_type}")
                raise SourceError(
                    f"not a readable .docx file ({name} uses {method} compression; a .docx "
                    "may only use deflate or none)"
                )
            if info.file_size > MAX_PART_BYTES:
                raise SourceError(
                    f"a .docx whose {name} inflates to {info.file_size:,} bytes (more than "
                    f"{MAX_PART_BYTES:,}); not checked"
                )
            size = 0
            try:
                # inflates as a stream; the declared size is not trusted
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        if size > MAX_PART_BYTES or total + size > MAX_UNCOMPRESSED_BYTES:
                            break
            except Exception as exc:  # noqa: BLE001 — zlib.error, CRC and header errors, an unsupported version ...
                raise SourceError(
                    f"not a readable .docx file (damaged zip member {name}: {_said(exc)})"
                ) from None
            total += size
            if size > MAX_PART_BYTES:
                raise SourceError(
                    f"a .docx whose {name} inflates to more than {MAX_PART_BYTES:,} bytes; "
                    "not checked"
                )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise SourceError(
                    f"a .docx that inflates to more than {MAX_UNCOMPRESSED_BYTES:,} bytes; "
                    "not checked"
                )


def _paragraphs(container) -> list[str]:
    from docx.table import Table, _Cell

    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            # Each <w:tc> once, in reading order. A cell spanning columns (gridSpan) is one element;
            # a cell continuing a vertical merge holds no text of its own (it shows the one above,
            # read already). Not python-docx's row.cells, which repeats a cell once per grid column
            # spanned (a gridSpan of 10^8 would be 10^8 steps) and walks up a merge for every row.
            for tr in item._tbl.tr_lst:
                for tc in tr.tc_lst:
                    if tc.vMerge == "continue":
                        continue
                    lines.extend(_paragraphs(_Cell(tc, item)))
        else:
            lines.append(item.text.replace("\n", " ").replace("\t", " "))
    return lines
