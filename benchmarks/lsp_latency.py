"""How long a writer waits for copylint lsp: from a change to the diagnostics of that change.

Run: python benchmarks/lsp_latency.py [--edits N] [--page FILE] [--debounce-ms N]

Starts the real server (``python -m copylint lsp``) over stdio with pygls's client, opens a
5 KB page (the first seed page, read as Markdown), waits for its first check (the rules and
spaCy load once, then), then types: each edit inserts or deletes one character in the middle of
the page (an incremental change, as an editor sends a keystroke) and waits for the
publishDiagnostics of that version. Prints the median and the 90th percentile of the change-to-
diagnostics times. The debounce is the server's default unless --debounce-ms is given.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

HERE = Path(__file__).resolve().parent
DEFAULT_PAGE = min((HERE.parent / "seeds").glob("000_*.txt"))


async def measure(text: str, edits: int, debounce_ms: float | None) -> list[float]:
    client = LanguageClient("copylint-benchmark", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            future = waiting.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result(None)

    await client.start_io(sys.executable, "-m", "copylint", "lsp")
    folder = tempfile.mkdtemp()
    uri = from_fs_path(str(Path(folder) / "page.md"))
    assert uri is not None
    options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=from_fs_path(folder),
            initialization_options=options,
        )
    )
    client.initialized(types.InitializedParams())

    def expect(version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        waiting[version] = future
        return future

    first = expect(1)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    await asyncio.wait_for(first, 60)
    middle = text.count("\n", 0, len(text) // 2)
    times = []
    for version in range(2, edits + 2):
        at = types.Position(middle, 0)
        typed = version % 2 == 0  # type a character, then delete it
        change = types.TextDocumentContentChangePartial(
            range=types.Range(at, types.Position(middle, 0 if typed else 1)),
            text="x" if typed else "",
        )
        done = expect(version)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        await asyncio.wait_for(done, 60)
        times.append(arrived[version] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--debounce-ms", type=float, default=None)
    args = parser.parse_args()
    text = args.page.read_text(encoding="utf-8")
    times = asyncio.run(measure(text, args.edits, args.debounce_ms))
    ms = sorted(t * 1000 for t in times)
    print(
        f"page: {args.page.name} ({len(text.encode('utf-8')) / 1000:.1f} KB), "
        f"{len(ms)} edits: change to diagnostics median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, max {ms[-1]:.1f} ms (budget: median <= 50 ms)"
    )


if __name__ == "__main__":
    main()
