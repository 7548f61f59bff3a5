"""--fix applies a replacement only where it fits and leaves a sentence a writer can publish
(the vet stage): the five rewrites a new user got, each refused with its reason; the packs' own
fix and nofix examples; and a rewrite corpus over the seeds and the sample site, read by a person
and kept as tests/fixtures/rewrites.txt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write

from copylint.engine import Engine
from copylint.rule_tests import check_rule
from copylint.rulebook import RulePackError, load_pack, load_rulebook

# our own wording of the sentences --fix once turned into ones nobody could publish, and why
REFUSED = {
    "9 out of 10 patients are pain-free after one treatment.": "is a drop-in only",
    "Most of our patients are pain-free within weeks.": "is a drop-in only",
    "Results guaranteed or your money back!": "would still claim",
    "There are no side effects and no contraindications.": '"no side effects"',
    "PRP is 100% safe and FDA-approved for hair loss.": '"FDA-approved"',
}
REWRITES = Path(__file__).parent / "fixtures" / "rewrites.txt"


def test_the_five_unpublishable_rewrites_are_left_for_a_person_with_the_reason(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("\n\n".join(REFUSED) + "\n", encoding="utf-8")
    before = page.read_bytes()
    result = run_cli("check", "--no-config", "--format", "json", "--fix", str(page))
    assert page.read_bytes() == before  # nothing was rewritten
    findings = json.loads(result.stdout)["findings"]
    for sentence, why in REFUSED.items():
        refused = [f for f in findings if f["sentence"] == sentence and "fix_refused" in f]
        assert refused, sentence
        assert all("fix" not in f for f in findings if f["sentence"] == sentence)
        assert any(why in f["fix_refused"] for f in refused), (sentence, refused)
    text = run_cli("check", "--no-config", str(page)).stdout.decode()
    assert "not fixed: " in text and "rewrite it by hand" in text


def test_a_fitting_replacement_is_applied_and_the_rest_of_the_file_is_untouched(tmp_path):
    page = tmp_path / "page.md"
    refused = "Most of our patients are pain-free within weeks."
    page.write_text(f"The peel is pain-free.\n\n{refused}\n", encoding="utf-8")
    run_cli("check", "--no-config", "--fix", str(page))
    assert page.read_text(encoding="utf-8") == f"The peel is usually well tolerated.\n\n{refused}\n"


PACK = """
version: 1
category: peel-safety
title: Peel safety
description: A test pack.
rules:
  - id: peel-safe
    severity: warning
    message: Says a treatment is safe.
    phrases: [perfectly safe]
    suppress_when: [negated]
    references: [{{title: A rule, url: "https://www.asa.org.uk/"}}]
    suggestions:
      - replace: {{perfectly safe: well tolerated}}
        fits: {fits}
    examples:
      flag: [The peel is perfectly safe.]
      pass: ["Nothing is perfectly safe."]
      fix:
        - {{before: "The peel is perfectly safe.", after: "{after}"}}
      nofix: ["{nofix}"]
"""


def _pack(tmp_path, fits="[treatment-predicate]", after="The peel is well tolerated.", nofix=""):
    path = write(
        tmp_path,
        {
            "pack.yaml": PACK.format(
                fits=fits, after=after, nofix=nofix or "Patients are perfectly safe here."
            )
        },
    )
    return path / "pack.yaml"


def _failures(tmp_path, **kwargs):
    _pack(tmp_path, **kwargs)
    engine = Engine(load_rulebook([tmp_path]))
    return check_rule(engine, engine.rulebook.by_id["peel-safe"])


def test_a_packs_fix_and_nofix_examples_pass_when_true(tmp_path):
    assert _failures(tmp_path) == []


@pytest.mark.parametrize(
    ("change", "kind", "detail"),
    [
        ({"after": "The peel is safe."}, "fix", "--fix gives 'The peel is well tolerated.'"),
        ({"nofix": "Our peel is perfectly safe."}, "nofix", "--fix rewrites"),
        ({"nofix": "A gentle peel."}, "nofix", "not flagged"),
    ],
)
def test_a_wrong_fix_or_nofix_example_fails_naming_what_fix_does(tmp_path, change, kind, detail):
    failures = _failures(tmp_path, **change)
    assert [f.kind for f in failures] == [kind]
    assert detail in failures[0].detail


def test_an_unknown_position_is_a_pack_error_naming_the_known_ones(tmp_path):
    with pytest.raises(RulePackError, match="fits is a list of positions from treatment-modifier"):
        load_pack(_pack(tmp_path, fits="[subject]"))


def _rewrites() -> list[str]:
    """Every rewrite --fix makes on the seeds and the sample site: path, rule, and the sentence
    as --fix leaves it."""
    inputs = [str(REPO / "seeds"), str(REPO / "tests" / "fixtures" / "site")]
    result = run_cli("check", "--no-config", "--format", "json", *inputs)
    rows = []
    for f in json.loads(result.stdout)["findings"]:
        if "fix" not in f or f["path"].endswith(".yaml"):
            continue
        path = Path(f["path"]).resolve().relative_to(REPO).as_posix()
        rewritten = f["sentence"].replace(f["text"], f["fix"]["replacement"], 1)
        rows.append(f"{path}:{f['line']} {f['rule']}: {rewritten}")
    return sorted(rows)


def test_the_rewrite_corpus_is_the_one_a_person_read():
    read = REWRITES.read_text(encoding="utf-8").splitlines()
    assert _rewrites() == [line for line in read if not line.startswith("#")]
