"""``python -m copylint.lexicon_forms``: expand copylint's own lexicons into
rules/lexicons/forms.json, which a run reads instead of expanding them (see lexicons.py).
tests/test_lexicons.py fails while the file is not what the lexicons give."""

from __future__ import annotations

from copylint.lexicons import write_forms_file
from copylint.rulebook import default_rules_dir

if __name__ == "__main__":  # pragma: no cover
    print(f"wrote {write_forms_file(default_rules_dir())}")
