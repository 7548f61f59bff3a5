"""A file with no candidate claim is checked without importing spaCy."""

import subprocess
import sys

from conftest import REPO

PROBE = """
import sys
from copylint.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit as exit:
    code = exit.code
assert code == 0, code
assert "spacy" not in sys.modules, "spaCy was imported for a clean file"
print("clean-without-spacy")
"""


def test_clean_file_does_not_import_spacy(tmp_path):
    page = tmp_path / "about.txt"
    page.write_text("Our clinic is open Monday to Friday.\n\nBook a consultation to discuss your options.\n")
    result = subprocess.run([sys.executable, "-c", PROBE, str(page)], capture_output=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert b"clean-without-spacy" in result.stdout


def test_risky_file_does_import_spacy(tmp_path):
    page = tmp_path / "risky.txt"
    page.write_text("It is FDA-approved.\n")
    probe = PROBE.replace("assert code == 0, code", "assert code == 1, code").replace(
        'assert "spacy" not in sys.modules, "spaCy was imported for a clean file"', 'assert "spacy" in sys.modules'
    )
    result = subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
