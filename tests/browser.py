"""A real Chromium for the tests, driven with Playwright's Python package.

The browser is the system's (Debian's ``chromium``; ``COPYLINT_CHROMIUM`` names another), never
one Playwright downloads. When it cannot be started, a browser test FAILS where a browser is
required (``COPYLINT_REQUIRE_BROWSER=1``, which .ci/run sets, or ``CI`` set, as CI services do)
and is skipped elsewhere, with a note saying how to install one.

Screenshots are test artefacts: written to ``COPYLINT_TEST_ARTEFACTS``, else to the git-ignored
``.test-artefacts/`` of the checkout, never committed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
INSTALL_HINT = "apt-get install -y chromium (Debian), or set COPYLINT_CHROMIUM to a Chromium"


def required() -> bool:
    return os.environ.get("COPYLINT_REQUIRE_BROWSER") == "1" or bool(os.environ.get("CI"))


def executable() -> str | None:
    chosen = os.environ.get("COPYLINT_CHROMIUM")
    if chosen:
        return chosen
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(why: str) -> None:
    message = f"no browser for the report tests: {why}; {INSTALL_HINT}"
    if required():
        pytest.fail(message + " (required: COPYLINT_REQUIRE_BROWSER=1 or CI is set)")
    pytest.skip(message)


def artefacts() -> Path:
    folder = Path(os.environ.get("COPYLINT_TEST_ARTEFACTS") or REPO / ".test-artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def launched() -> Iterator[object]:
    """A started browser, closed afterwards (the body of a session fixture)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
        return
    path = executable()
    if path is None:
        _unavailable("no chromium on PATH")
        return
    manager = sync_playwright().start()
    try:
        # the sandbox needs user namespaces, which containers (and root) often lack
        browser = manager.chromium.launch(executable_path=path, args=["--no-sandbox"])
    except Error as exc:
        manager.stop()
        _unavailable(f"{path} did not start: {str(exc).splitlines()[0]}")
        return
    try:
        yield browser
    finally:
        browser.close()
        manager.stop()
