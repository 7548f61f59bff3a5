"""Sentence-level accuracy on the shared dev corpus (read in place, never copied into the repo)."""

import pytest

from copylint.evaluate import evaluate, load_corpus

from conftest import SHARED

CORPUS = SHARED / "corpus" / "dev.yaml"


@pytest.mark.skipif(not CORPUS.exists(), reason=f"dev corpus not found at {CORPUS} (it lives in shared/, beside the repo)")
def test_dev_corpus_meets_the_targets(engine):
    evaluation = evaluate(load_corpus(CORPUS), engine)
    assert evaluation.recall >= 0.90, f"recall {evaluation.recall:.2f}"
    assert evaluation.false_positive_rate <= 0.05, f"false positives {evaluation.false_positive_rate:.1%}"
