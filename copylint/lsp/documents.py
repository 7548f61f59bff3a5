"""pygls's text documents, with lines broken where LSP breaks them.

pygls splits a document with ``str.splitlines``, which also breaks at U+2028, U+0085, a form
feed and other separators that LSP does not count as line ends: an incremental edit after one
of them on its line would land elsewhere than the client meant. Copy pasted from a word
processor holds such characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pygls.workspace import TextDocument, Workspace

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class Document(TextDocument):
    @property
    def lines(self) -> Sequence[str]:
        return tuple(_LINE.findall(self.source))


def use_lsp_lines(workspace: Workspace) -> None:
    """Make the workspace create ``Document``s (pygls 2 builds them in one method)."""

    def create(
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return Document(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=workspace._sync_kind,
            position_codec=workspace.position_codec,
        )

    workspace._create_text_document = create  # type: ignore[method-assign]
