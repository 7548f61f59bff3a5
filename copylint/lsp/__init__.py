"""``copylint lsp``: a Language Server Protocol server over stdio, for editors.

pygls and lsprotocol are an optional extra (``pip install 'copylint[lsp]'``); the command says so
in one line when they are missing.
"""

from __future__ import annotations

MISSING = "copylint lsp needs pygls and lsprotocol: pip install 'copylint[lsp]'"


class ServerMissing(Exception):
    """pygls or lsprotocol is not installed."""


def serve() -> None:
    """Serve one editor over standard input and output until it sends exit."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise ServerMissing(MISSING) from None
    from copylint.lsp.server import build_server

    build_server().start_io()
