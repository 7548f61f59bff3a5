"""The benchmark's peers get a fair copy of copylint's phrase list: every regex compiles, grep -E
reads them, and each rule's regexes find its own flag examples."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from copylint.rulebook import load_rulebook

sys.path.insert(0, str(REPO / "benchmarks"))
import peers  # noqa: E402


def test_each_rules_regexes_find_its_flag_examples():
    regexes = peers.phrase_regexes()
    by_rule: dict[str, list[re.Pattern]] = {}
    for rule_id, regex in regexes:
        by_rule.setdefault(rule_id, []).append(re.compile(regex, re.IGNORECASE))
    book = load_rulebook()
    missed = [
        (rule.id, example)
        for rule in book
        for example in rule.flag_examples
        if not any(p.search(example) for p in by_rule.get(rule.id, []))
    ]
    # a regex cannot follow every tokenisation (curly apostrophes, "U.S."), but nearly all must hit
    examples = sum(len(rule.flag_examples) for rule in book)
    assert len(missed) <= examples // 10, missed


@pytest.mark.skipif(shutil.which("grep") is None, reason="no grep on this machine")
def test_grep_reads_the_pattern_file(tmp_path):
    # Two rules' regexes: grep -E compiles all ~2,000 of the packs' in minutes, which is the
    # benchmark's business (run.py --no-peers skips it), not this test's.
    chosen = {"regulator-approval", "no-side-effects"}
    patterns = tmp_path / "patterns.txt"
    regexes = [regex for rule_id, regex in peers.phrase_regexes() if rule_id in chosen]
    patterns.write_text("\n".join(regexes) + "\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<p>Our serum is FDA-approved and has no side effects.</p>\n", encoding="utf-8")
    run = subprocess.run(
        peers.grep_site({"patterns": patterns}, page), capture_output=True, text=True
    )
    assert run.returncode == 0 and not run.stderr, run.stderr
    assert {hit.text.lower() for hit in peers.grep_hits(run.stdout)} >= {
        "fda-approved",
        "no side effects",
    }


def test_scoring_counts_claims_found_and_findings_that_are_none():
    seeds = REPO / "seeds"
    hits = [
        peers.Hit("seeds/000_784520d29cb4e339.txt", 48, "FDA-approved"),  # a reviewed claim
        peers.Hit("seeds/000_784520d29cb4e339.txt", 48, "FDA-approved"),  # the same claim again
        peers.Hit("seeds/000_784520d29cb4e339.txt", 11, "exosomes are not cells"),  # not a claim
    ]
    score = peers.score(hits, seeds)
    assert score["true"] == 1 and score["false"] == 1 and score["claims"] > 40
