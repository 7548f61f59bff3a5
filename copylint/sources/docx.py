"""Word drafts (.docx), read with python-docx (the optional extra ``copylint[docx]``).

A .docx is not text, so it is first read into one: each paragraph of the body, and of every
table cell in reading order, becomes one line. Positions in it are therefore paragraph
number (line) and character within the paragraph (column).
"""

from __future__ import annotations

import io
import zipfile

from copylint.sources.projection import SourceError


def docx_to_text(data: bytes) -> str:
    try:
        import docx
    except ImportError:
        raise SourceError("reading .docx needs python-docx: pip install 'copylint[docx]'") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"not a readable .docx file ({exc})") from None
    return "\n".join(_paragraphs(document))


def _paragraphs(container) -> list[str]:
    from docx.table import Table

    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            seen = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid position
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(_paragraphs(cell))
        else:
            lines.append(item.text.replace("\n", " ").replace("\t", " "))
    return lines
