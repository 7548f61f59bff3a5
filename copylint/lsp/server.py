"""The language server: pygls handlers that check documents as they are edited.

Checks run one at a time in one worker thread (the engine is not shared between threads), so
the server keeps reading messages while a long document is checked. A change waits ``debounce``
seconds for the next one; a newer change cancels the check of an older text, and a result is
published only if its version is still the document's. The server reads configurations and rule
packs; it writes no file (its edits are applied by the client).
"""

from __future__ import annotations

import asyncio
import os
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePath

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from copylint import __version__
from copylint.engine import Engine
from copylint.findings import Finding
from copylint.lsp import actions
from copylint.lsp.diagnostics import SOURCE, diagnostic, explanation, unreadable
from copylint.lsp.documents import use_lsp_lines
from copylint.lsp.engines import CONFIG_NAMES, BrokenConfig, Engines
from copylint.lsp.positions import DocumentLines

DEBOUNCE_SECONDS = 0.015  # coalesces a burst of keystrokes; a check of a 5 KB page takes ~15 ms
# The name to read an untitled buffer as (its format comes from the suffix), by language id.
SUFFIX_OF_LANGUAGE = {
    "html": ".html",
    "markdown": ".md",
    "mdx": ".mdx",
    "yaml": ".yaml",
    "json": ".json",
    "jinja": ".j2",
    "jinja-html": ".j2",
    "liquid": ".liquid",
    "handlebars": ".hbs",
    "plaintext": ".txt",
}


@dataclass
class Checked:
    """A document's findings for one version of its text, and what they were published as."""

    version: int
    name: str
    lines: DocumentLines
    engine: Engine
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)


class CopylintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copylint", __version__)
        self.engines = Engines()
        self.checked: dict[str, Checked] = {}
        self.versions: dict[str, int] = {}  # of the open documents, as the client last sent them
        self.pending: dict[str, asyncio.Task] = {}
        self.broken_published: set[str] = set()  # configuration files shown as broken
        self.debounce = DEBOUNCE_SECONDS
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copylint-check")

    # --- what a document is read as ------------------------------------------------------------

    def document_name(self, uri: str, language_id: str | None) -> tuple[str | None, str]:
        """(its path on disk, or None; the name its format and per-file settings are read from)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is not None:
            return path, path
        stem = PurePath(uri.rsplit("/", 1)[-1] or "untitled")
        suffix = stem.suffix or SUFFIX_OF_LANGUAGE.get(language_id or "", ".txt")
        return None, stem.name + ("" if stem.suffix else suffix)

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    # --- checking ------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check the document after ``delay`` seconds, instead of any check still pending."""
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self._check(uri)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def _check(self, uri: str) -> None:
        if uri not in self.versions:
            return
        document = self.workspace.get_text_document(uri)
        version, text = self.versions[uri], document.source
        path, name = self.document_name(uri, document.language_id)
        loop = asyncio.get_running_loop()
        try:
            checked = await loop.run_in_executor(
                self.worker, self._checked, uri, path, name, text, version, self.encoding
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 — one document's failure must not stop the server
            self.checked.pop(uri, None)
            self._log(types.MessageType.Error, _failure(name, exc))
            if self.versions.get(uri) == version:
                self._publish(uri, version, [])
            return
        if self.versions.get(uri) != version:
            return  # a newer text is on its way (or the document was closed): never publish this
        if isinstance(checked, BrokenConfig):
            self.checked.pop(uri, None)
            self._publish_broken(checked)
            self._publish(uri, version, [])
            return
        self.checked[uri] = checked
        self._publish(uri, version, checked.diagnostics)

    def _checked(
        self, uri: str, path: str | None, name: str, text: str, version: int, encoding: str
    ) -> Checked | BrokenConfig:
        """The check itself, in the worker thread."""
        site = self.engines.engine_for(path)
        if isinstance(site, BrokenConfig):
            return site
        engine = site.engine
        lines = DocumentLines(text, encoding)
        if site.leaves_out(path):
            return Checked(version, name, lines, engine)
        result = engine.check_text(name, text)
        standing = [f for f in result.findings if not f.suppressed]
        checked = Checked(version, name, lines, engine, standing)
        checked.diagnostics = [diagnostic(f, lines, engine.rulebook, uri) for f in standing]
        if result.error:
            checked.diagnostics.append(unreadable(result.error))
        return checked

    def _publish(self, uri: str, version: int | None, found: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )

    def _publish_broken(self, broken: BrokenConfig) -> None:
        uri = from_fs_path(broken.path) or broken.path
        if uri in self.broken_published:
            return  # said once, not once per document it would have checked
        self.broken_published.add(uri)
        start = types.Position(0, 0)
        problem = types.Diagnostic(
            range=types.Range(start, types.Position(0, 1)),
            message=f"copylint cannot use this configuration: {broken.message}",
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )
        self._publish(uri, None, [problem])

    def _log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def reload(self) -> None:
        """Load every configuration again and check the open documents with it."""
        self.engines.forget()
        for uri in self.broken_published:
            self._publish(uri, None, [])
        self.broken_published.clear()
        for uri in self.versions:
            self.schedule(uri, 0)

    def findings_at(self, uri: str, range_: types.Range) -> list[tuple[Finding, types.Diagnostic]]:
        """The findings of the document's current version that touch ``range_``."""
        checked = self.checked.get(uri)
        if checked is None or checked.version != self.versions.get(uri):
            return []
        wanted = (
            (range_.start.line, range_.start.character),
            (
                range_.end.line,
                range_.end.character,
            ),
        )
        found = []
        for finding, shown in zip(checked.findings, checked.diagnostics, strict=False):
            start = (shown.range.start.line, shown.range.start.character)
            end = (shown.range.end.line, shown.range.end.character)
            if start <= wanted[1] and wanted[0] <= end:
                found.append((finding, shown))
        return found


def _kind(action: types.CodeAction) -> str:
    kind = action.kind
    return kind.value if isinstance(kind, types.CodeActionKind) else str(kind or "")


def _failure(name: str, exc: Exception) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1:]
    place = f" at {os.path.basename(where[0].filename)}:{where[0].lineno}" if where else ""
    return f"copylint: checking {name} failed: {type(exc).__name__}: {exc}{place}"


def build_server() -> CopylintServer:
    server = CopylintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopylintServer, params: types.InitializeParams) -> None:
        use_lsp_lines(ls.workspace)
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), int | float):
            ls.debounce = max(0.0, options["debounceMs"] / 1000)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopylintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        changes = watched.did_change_watched_files if watched else None
        if changes and changes.dynamic_registration:
            globs = [f"**/{name}" for name in CONFIG_NAMES] + ["**/*.yaml", "**/*.yml"]
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in globs]
            registration = types.Registration(
                id="copylint-configuration",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
            except Exception as exc:  # noqa: BLE001 — the client said no: serve without reloads
                ls._log(types.MessageType.Warning, f"copylint: cannot watch configurations: {exc}")
        # the rules and spaCy load once, now, rather than in the first document's check
        root = ls.workspace.root_path
        sample = os.path.join(root, "untitled.txt") if root else None
        await asyncio.get_running_loop().run_in_executor(ls.worker, ls.engines.engine_for, sample)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopylintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.versions[params.text_document.uri] = params.text_document.version
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopylintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.versions[params.text_document.uri] = params.text_document.version
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CopylintServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in ls.versions:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopylintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.versions.pop(uri, None)
        ls.checked.pop(uri, None)
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls._publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: CopylintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [to_fs_path(change.uri) for change in params.changes]
        if any(path and ls.engines.affected_by(path) for path in paths):
            ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(ls: CopylintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = ls.checked.get(uri)
        if checked is None or checked.version != ls.versions.get(uri):
            return []
        edits = ls.client_capabilities.workspace
        edit_support = edits.workspace_edit if edits else None
        snippets = bool(edit_support and edit_support.snippet_edit_support)
        found: list[types.CodeAction | None] = []
        for finding, shown in ls.findings_at(uri, params.range):
            found.append(actions.fix_action(finding, checked.lines, uri, checked.version, shown))
            found.append(
                actions.suppress_action(
                    finding, checked.name, checked.lines, uri, checked.version, shown, snippets
                )
            )
        found.append(actions.fix_all_action(checked.findings, checked.lines, uri, checked.version))
        wanted = params.context.only
        return [
            a
            for a in found
            if a is not None and (not wanted or any(_kind(a).startswith(w) for w in wanted))
        ]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopylintServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        point = types.Range(params.position, params.position)
        found = ls.findings_at(uri, point)
        checked = ls.checked.get(uri)
        if not found or checked is None:
            return None
        parts = []
        for finding, _ in found:
            rule = checked.engine.rulebook.by_id.get(finding.rule)
            if rule is not None:
                parts.append(explanation(rule, finding))
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            ),
            range=found[0][1].range,
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CopylintServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server
