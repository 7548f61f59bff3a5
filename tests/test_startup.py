"""A file with no candidate claim is checked without importing spaCy; one with a claim imports
it."""

import subprocess
import sys

import pytest
from conftest import REPO

PROBE = """
import sys
from copylint.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit as exit:
    code = exit.code
print(code, "spacy" in sys.modules)
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Our clinic is open Monday to Friday.\n\n"
            "Book a consultation to discuss your options.\n",
            "0 False",
        ),
        ("It is FDA-approved.\n", "1 True"),
    ],
    ids=["clean-page-skips-spacy", "risky-page-loads-spacy"],
)
def test_spacy_is_imported_only_for_candidate_claims(tmp_path, text, expected):
    page = tmp_path / "page.txt"
    page.write_text(text)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(page)], capture_output=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip().splitlines()[-1] == expected
