"""copylint lsp driven by a real LSP client (pygls's, as pytest-lsp wraps it) over stdio: the
server runs as ``python -m copylint lsp`` in its own process, as an editor starts it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server's tests need copylint[lsp]")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from copylint.engine import Engine  # noqa: E402
from copylint.settings import Settings  # noqa: E402

SERVER = [sys.executable, "-m", "copylint", "lsp"]
TIMEOUT = 30.0
# a claim with a safe replacement (guaranteed-results) and one without (regulator-approval)
PAGE = "Our laser is FDA-approved.\n\nThe results are guaranteed for every patient.\n"


class Client(LanguageClient):
    """The test client, which also keeps every publishDiagnostics with its version, and the
    registrations the server asked for."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]


def _make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published, client.registrations = [], []

    def publish(client: Client, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: Client, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
            types.CLIENT_REGISTER_CAPABILITY: register,
        },
    )
    return client


def capabilities(encodings: list[types.PositionEncodingKind] | None = None, snippets=False):
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            ),
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=True, snippet_edit_support=snippets
            ),
        ),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                    )
                )
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
    )


def session(
    root: Path,
    scenario: Callable[[Client], Awaitable[None]],
    command: list[str] | None = None,
    encodings: list[types.PositionEncodingKind] | None = None,
    snippets: bool = False,
) -> int:
    """Start the server, initialize it for the workspace folder ``root``, play the scenario,
    shut it down; the server's exit code."""

    async def run() -> int:
        config = ClientServerConfig(server_command=command or SERVER, client_factory=_make_client)
        client = await config.start()
        assert isinstance(client, Client)
        try:
            uri = from_fs_path(str(root))
            assert uri is not None
            await client.initialize_session(
                types.InitializeParams(
                    capabilities=capabilities(encodings, snippets),
                    root_uri=uri,
                    workspace_folders=[types.WorkspaceFolder(uri=uri, name=root.name)],
                    initialization_options={"debounceMs": 5},
                )
            )
            await scenario(client)
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
            server = client._server
            assert server is not None
            return server.returncode if server.returncode is not None else -1
        finally:
            if client._server is not None and client._server.returncode is None:
                client._server.kill()  # a failed scenario: do not wait for a clean exit
            await client.stop()

    return asyncio.run(run())


async def published(client: Client, uri: str, version: int | None = None, after: int = 0):
    """The first diagnostics published for ``uri`` (at ``version``, if given) from the
    ``after``-th publication on."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for params in client.published[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} (version {version}) within {TIMEOUT} s")


def open_document(client: Client, path: Path, text: str, version: int = 1) -> str:
    uri = from_fs_path(str(path))
    assert uri is not None
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    return uri


def change(client: Client, uri: str, version: int, text: str, range_=None) -> None:
    event = (
        types.TextDocumentContentChangePartial(range=range_, text=text)
        if range_
        else types.TextDocumentContentChangeWholeDocument(text=text)
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[event],
        )
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, offset: int, units=utf16) -> tuple[int, int]:
    """The LSP (line, character) of an offset, counted independently of the server."""
    before = text[:offset]
    line = before.count("\n")
    return line, units(before[before.rfind("\n") + 1 :])


def ranges(diagnostics) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    return {
        str(d.code): (
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
        )
        for d in diagnostics
    }


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    """The text after a workspace edit's text edits (as a client applies them: from the end)."""
    assert edit.document_changes
    (document_edit,) = edit.document_changes
    assert isinstance(document_edit, types.TextDocumentEdit)
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line, units, index = lines[position.line], 0, 0
        while units < position.character:
            units += utf16(line[index])
            index += 1
        return before + index

    edits = sorted(document_edit.edits, key=lambda e: offset(e.range.start), reverse=True)
    for each in edits:
        assert isinstance(each, types.TextEdit)
        text = text[: offset(each.range.start)] + each.new_text + text[offset(each.range.end) :]
    return text


def expected_rules(name: str, text: str) -> set[str]:
    """What copylint check says of this text with default settings, in this process."""
    result = Engine.from_settings(Settings()).check_text(name, text)
    return {f.rule for f in result.findings if not f.suppressed}


# --- diagnostics -----------------------------------------------------------------------------


def test_diagnostics_sit_on_the_claims_in_utf16_even_after_emoji(tmp_path):
    text = "😀🎉 Ünïcode: our laser is FDA-approved.\n\n😀 The results are guaranteed.\n"
    page = tmp_path / "page.md"

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, text)
        found = await published(client, uri, 1)
        by_rule = {str(d.code): d for d in found}
        assert set(by_rule) == expected_rules(str(page), text)
        start = text.index("FDA-approved")
        claim = by_rule["regulator-approval"]
        assert ranges([claim])["regulator-approval"] == (
            position_of(text, start),
            position_of(text, start + len("FDA-approved")),
        )
        assert claim.severity == types.DiagnosticSeverity.Error
        assert claim.source == "copylint"
        assert claim.code_description is not None
        assert claim.code_description.href.startswith("https://")
        guaranteed = by_rule["guaranteed-results"]
        assert "suggestion: replace with" in guaranteed.message
        start = text.index("results are guaranteed")
        assert (guaranteed.range.start.line, guaranteed.range.start.character) == position_of(
            text, start
        )

    assert session(tmp_path, scenario) == 0


def test_a_faq_answers_diagnostic_points_at_its_question(tmp_path):
    text = "# FAQ\n\n## 😀 Is exosome therapy FDA-approved?\n\nYes. It has been for years.\n"
    page = tmp_path / "faq.md"

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, text)
        found = await published(client, uri, 1)
        [answer] = [d for d in found if d.code == "regulator-approval"]
        assert (answer.range.start.line, answer.range.start.character) == (4, 0)
        [question] = answer.related_information or []
        start = text.index("😀 Is exosome")  # the question's sentence as read
        end = text.index("?") + 1
        assert question.location.uri == uri
        assert (question.location.range.start.line, question.location.range.start.character) == (
            position_of(text, start)
        )
        assert (question.location.range.end.line, question.location.range.end.character) == (
            position_of(text, end)
        )
        assert "question" in question.message

    assert session(tmp_path, scenario) == 0


def test_utf8_positions_and_a_reason_to_type_when_the_client_asks_for_them(tmp_path):
    text = "🎉 Our laser is FDA-approved.\n"
    page = tmp_path / "page.md"

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, text)
        found = await published(client, uri, 1)
        start = text.index("FDA-approved")
        assert ranges(found)["regulator-approval"][0] == position_of(
            text, start, lambda s: len(s.encode("utf-8"))
        )
        # a client that takes snippet edits gets the reason as a placeholder to type over
        offered = await actions_at(client, uri, found[0]) or []
        (suppress,) = [a for a in offered if "suppress" in a.title]
        assert isinstance(suppress, types.CodeAction) and suppress.edit
        assert suppress.edit.document_changes
        (document_edit,) = suppress.edit.document_changes
        assert isinstance(document_edit, types.TextDocumentEdit)
        (edit,) = document_edit.edits
        assert isinstance(edit, types.SnippetTextEdit)
        assert edit.snippet.value == (
            "<!-- copylint-disable-next-line regulator-approval -- ${1:reason} -->\n"
        )

    utf8 = [types.PositionEncodingKind.Utf8]
    assert session(tmp_path, scenario, encodings=utf8, snippets=True) == 0


def test_changes_are_checked_and_the_latest_version_wins(tmp_path):
    page = tmp_path / "page.md"
    first = "A calm page about skin care.\n"

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, first)
        assert await published(client, uri, 1) == []
        # an incremental edit: insert a claim on line 1
        change(
            client,
            uri,
            2,
            "Results are guaranteed. ",
            types.Range(types.Position(0, 0), types.Position(0, 0)),
        )
        found = await published(client, uri, 2)
        assert {str(d.code) for d in found} == {"guaranteed-results"}
        # a burst of quick edits: only texts still current may be published, the last one is
        start = len(client.published)
        texts = [f"Edit {n}: this peel is pain-free, guaranteed results.\n" for n in range(3, 23)]
        texts[-1] = "Our laser is FDA-approved.\n"
        for version, text in enumerate(texts, 3):
            change(client, uri, version, text)
        last = await published(client, uri, 22, after=start)
        assert {str(d.code) for d in last} == expected_rules(str(page), texts[-1])
        versions = [p.version for p in client.published[start:] if p.uri == uri]
        assert versions == sorted(versions), versions
        assert len(versions) < len(texts)  # the burst was coalesced
        # on save, checked again (same version, same result)
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        again = await published(client, uri, 22, after=len(client.published))
        assert ranges(again) == ranges(last)
        # an incremental edit after a line separator that LSP does not count as a line end
        pasted = tmp_path / "pasted.md"
        other = open_document(client, pasted, "Pasted\u2028text\x0cmore.\nSecond line.\n")
        assert await published(client, other, 1) == []
        insert = "The results are guaranteed. "
        change(client, other, 2, insert, types.Range(types.Position(1, 0), types.Position(1, 0)))
        expected = f"Pasted\u2028text\x0cmore.\n{insert}Second line.\n"
        (claim,) = await published(client, other, 2)
        start = expected.index("results are guaranteed")
        assert ranges([claim])[str(claim.code)] == (
            position_of(expected, start),
            position_of(expected, start + len("results are guaranteed")),
        )

    assert session(tmp_path, scenario) == 0


def test_every_format_is_read_as_check_reads_it(tmp_path):
    claim = "Our laser is FDA-approved"
    documents = {
        "page.html": f"<html><body><p>{claim}.</p><img alt='{claim}'></body></html>\n",
        "post.mdx": f"import X from './x'\n\n# Title\n\n{claim}.\n",
        "layout.njk": f"{{% if x %}}<p>{claim}.</p>{{% endif %}}\n",
        "faq.json": f'{{"faq": [{{"q": "Is it approved?", "a": "{claim}."}}]}}\n',
        "faq.yaml": f"faq:\n  - a: {claim}.\n",
        "notes.txt": f"{claim}.\n",
        "broken.json": '{"a": ',
        "package.json": f'{{"description": "{claim}"}}\n',
    }

    async def scenario(client: Client) -> None:
        for name, text in documents.items():
            uri = open_document(client, tmp_path / name, text)
            found = await published(client, uri, 1)
            if name == "broken.json":
                assert len(found) == 1 and found[0].severity == types.DiagnosticSeverity.Error
                continue
            assert {str(d.code) for d in found} == expected_rules(str(tmp_path / name), text)
            assert ("regulator-approval" in {str(d.code) for d in found}) == (
                name != "package.json"
            )

    assert session(tmp_path, scenario) == 0


# --- code actions and hover --------------------------------------------------------------------


async def actions_at(client: Client, uri: str, diagnostic: types.Diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


MARKUP_PAGE = "<p>Skin care.</p>\n\n    <p>The results are guaranteed.</p>\n"
MARKDOWN_PAGE = "Skin care.\n\n  The results are guaranteed.\n"
SUPPRESSIONS = {  # document, its text, the comment the action writes
    "page.md": (MARKDOWN_PAGE, "<!-- copylint-disable-next-line guaranteed-results -- reason -->"),
    "page.mdx": (MARKDOWN_PAGE, "{/* copylint-disable-next-line guaranteed-results -- reason */}"),
    "page.html": (MARKUP_PAGE, "<!-- copylint-disable-next-line guaranteed-results -- reason -->"),
    "page.njk": (MARKUP_PAGE, "{# copylint-disable-next-line guaranteed-results -- reason #}"),
    "page.hbs": (MARKUP_PAGE, "{{!-- copylint-disable-next-line guaranteed-results -- reason --}}"),
    "faq.yaml": (
        "faq:\n  - q: Does it work?\n    a: The results are guaranteed.\n",
        "# copylint-disable-next-line guaranteed-results -- reason",
    ),
}


def test_suppression_comment_in_the_files_own_syntax(tmp_path):
    async def scenario(client: Client) -> None:
        for name, (text, comment) in SUPPRESSIONS.items():
            uri = open_document(client, tmp_path / name, text)
            found = await published(client, uri, 1)
            (claim,) = [d for d in found if d.code == "guaranteed-results"]
            offered = await actions_at(client, uri, claim)
            assert offered is not None
            (suppress,) = [a for a in offered if "suppress" in a.title]
            assert isinstance(suppress, types.CodeAction) and suppress.edit
            after = apply_edit(text, suppress.edit)
            claim_line = text.split("\n")[claim.range.start.line]
            indent = claim_line[: len(claim_line) - len(claim_line.lstrip())]
            # above the claim's line, indented as it is
            assert after.split("\n")[claim.range.start.line] == indent + comment, name
            change(client, uri, 2, after)
            # and copylint reads it: the claim is suppressed, and nothing is said of the comment
            assert await published(client, uri, 2) == [], name

    assert session(tmp_path, scenario) == 0


def test_no_suppression_comment_where_it_would_be_text(tmp_path):
    """A comment line inside a YAML block scalar, or in plain text or JSON, would be copy."""
    documents = {
        "faq.yaml": "faq:\n  - a: >-\n      The results are guaranteed.\n",
        "notes.txt": "The results are guaranteed.\n",
        "faq.json": '{"faq": [{"a": "The results are guaranteed."}]}\n',
    }

    async def scenario(client: Client) -> None:
        for name, text in documents.items():
            uri = open_document(client, tmp_path / name, text)
            (claim,) = [
                d for d in await published(client, uri, 1) if d.code == "guaranteed-results"
            ]
            offered = await actions_at(client, uri, claim) or []
            assert not [a for a in offered if "suppress" in a.title], name

    assert session(tmp_path, scenario) == 0


def test_quick_fix_hover_and_fix_all(tmp_path):
    text = "😀 The results are guaranteed. A miraculous peel. Our laser is FDA-approved.\n"
    page = tmp_path / "page.md"

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, text)
        found = {str(d.code): d for d in await published(client, uri, 1)}
        offered = await actions_at(client, uri, found["guaranteed-results"])
        assert offered is not None
        (fix,) = [a for a in offered if isinstance(a, types.CodeAction) and a.is_preferred]
        assert fix.kind == types.CodeActionKind.QuickFix and fix.edit
        fixed = apply_edit(text, fix.edit)
        assert fixed == text.replace("results are guaranteed", "results vary from person to person")
        assert "guaranteed-results" not in expected_rules(str(page), fixed)
        # no replacement for a claim without a safe one: only the suppression
        offered = await actions_at(client, uri, found["regulator-approval"])
        assert offered is not None
        titles = [a.title for a in offered if isinstance(a, types.CodeAction)]
        assert not any('replace "' in t for t in titles) and any("suppress" in t for t in titles)
        # every safe replacement at once, as --fix writes them
        (fix_all,) = [
            a
            for a in offered
            if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.SourceFixAll
        ]
        assert fix_all.edit
        everything = apply_edit(text, fix_all.edit)
        assert "results vary from person to person" in everything and "promising" in everything
        # hover: the rule's why, suggestions and references, in Markdown
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=found["regulator-approval"].range.start,
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.Markdown
        rule = Engine.from_settings(Settings()).rulebook.by_id["regulator-approval"]
        assert "**Why**" in hover.contents.value and rule.rationale in hover.contents.value
        assert f"]({rule.references[0].url})" in hover.contents.value
        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(0, 0),
            )
        )
        assert nothing is None

    assert session(tmp_path, scenario) == 0


# --- configuration -----------------------------------------------------------------------------


def test_configuration_per_folder_reloaded_and_a_broken_one_shown(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    config = site / ".copylint.yaml"
    config.write_text("ignore: [regulator-approval]\nexclude: ['drafts/**']\n", encoding="utf-8")
    page = site / "page.md"
    text = "Our laser is FDA-approved. The results are guaranteed.\n"
    other = tmp_path / "other.md"

    def watched(client: Client, path: Path, kind=types.FileChangeType.Changed) -> None:
        uri = from_fs_path(str(path))
        assert uri is not None
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=kind)])
        )

    async def scenario(client: Client) -> None:
        uri = open_document(client, page, text)
        assert {str(d.code) for d in await published(client, uri, 1)} == {"guaranteed-results"}
        draft = open_document(client, site / "drafts" / "next.md", text)  # excluded, as in check
        assert await published(client, draft, 1) == []
        outside = open_document(client, other, text)  # not under site/: the default settings
        assert "regulator-approval" in {str(d.code) for d in await published(client, outside, 1)}
        assert any(
            r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations
        )

        config.write_text("ignore: [guaranteed-results]\n", encoding="utf-8")
        start = len(client.published)
        watched(client, config)
        assert {str(d.code) for d in await published(client, uri, 1, after=start)} == {
            "regulator-approval"
        }

        config.write_text("ignore: [regulator-approval\n", encoding="utf-8")  # broken YAML
        start = len(client.published)
        watched(client, config)
        config_uri = from_fs_path(str(config))
        (problem,) = await published(client, config_uri, after=start)
        assert problem.severity == types.DiagnosticSeverity.Error
        assert ".copylint.yaml" in problem.message
        assert await published(client, uri, 1, after=start) == []

        config.unlink()
        start = len(client.published)
        watched(client, config, types.FileChangeType.Deleted)
        assert await published(client, config_uri, after=start) == []
        assert "regulator-approval" in {
            str(d.code) for d in await published(client, uri, 1, after=start)
        }

    assert session(tmp_path, scenario) == 0
    assert [p.name for p in tmp_path.rglob("*")] == ["site"]  # the server wrote nothing


# --- robustness --------------------------------------------------------------------------------


def test_a_big_document_a_closed_one_and_invalid_utf8(tmp_path):
    big = tmp_path / "big.md"
    paragraph = "Our laser is FDA-approved and kind to skin. " * 20 + "\n\n"
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]

    async def scenario(client: Client) -> None:
        uri = open_document(client, big, text)
        found = await published(client, uri, 1)
        assert len(found) == text.count("FDA-approved")
        start = len(client.published)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert await published(client, uri, after=start) == []
        # a message whose body is not UTF-8: the server says so and keeps serving
        server = client._server
        assert server is not None and server.stdin is not None
        body = b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": "\xff\xfe"}'
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await server.stdin.drain()
        page = open_document(client, tmp_path / "after.md", "Our laser is FDA-approved.\n")
        assert {str(d.code) for d in await published(client, page, 1)} == {"regulator-approval"}

    assert session(tmp_path, scenario) == 0


FAILING_SERVER = [
    sys.executable,
    "-c",
    "from copylint.engine import Engine\n"
    "checked = Engine.check_text\n"
    "def check_text(self, name, text):\n"
    "    if 'boom' in name:\n"
    "        raise RuntimeError('injected')\n"
    "    return checked(self, name, text)\n"
    "Engine.check_text = check_text\n"
    "from copylint.cli import main\n"
    "main(['lsp'])\n",
]


def test_a_failing_check_is_logged_and_the_server_keeps_serving(tmp_path):
    async def scenario(client: Client) -> None:
        good = open_document(client, tmp_path / "good.md", "Our laser is FDA-approved.\n")
        assert await published(client, good, 1) != []
        bad = open_document(client, tmp_path / "boom.md", "Our laser is FDA-approved.\n")
        assert await published(client, bad, 1) == []
        assert any(
            "boom.md" in m.message
            and "RuntimeError" in m.message
            and m.type == types.MessageType.Error
            for m in client.log_messages
        )
        change(client, good, 2, "The results are guaranteed.\n")
        assert {str(d.code) for d in await published(client, good, 2)} == {"guaranteed-results"}

    assert session(tmp_path, scenario, command=FAILING_SERVER) == 0


def test_without_pygls_one_line_says_what_to_install():
    hide = "import sys; sys.modules['pygls'] = None; from copylint.cli import main; main(['lsp'])"
    result = subprocess.run(
        [sys.executable, "-c", hide],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "copylint: error: copylint lsp needs pygls and lsprotocol: pip install 'copylint[lsp]'"
    ]
