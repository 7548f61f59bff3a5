"""Sentence-level accuracy on the shared dev corpus (read in place, never copied into the repo)."""

import pytest

from copylint.evaluate import BEGIN, END, evaluate, generated_report, load_corpus, render_markdown, with_report

from conftest import REPO, SHARED

CORPUS = SHARED / "corpus" / "dev.yaml"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"dev corpus not found at {CORPUS} (it lives in shared/, beside the repo)")


@pytest.fixture(scope="module")
def evaluation(engine):
    return evaluate(load_corpus(CORPUS), engine)


@needs_corpus
def test_dev_corpus_meets_the_targets(evaluation):
    assert evaluation.recall >= 0.90, f"recall {evaluation.recall:.2f}"
    assert evaluation.false_positive_rate <= 0.05, f"false positives {evaluation.false_positive_rate:.1%}"


@needs_corpus
def test_docs_accuracy_md_is_current_and_quotes_no_corpus_sentence(evaluation):
    document = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    expected = render_markdown(evaluation, CORPUS.name, quote=False)
    assert generated_report(document) == expected, "docs/accuracy.md is out of date: copylint eval ../shared/corpus/dev.yaml --output docs/accuracy.md"
    quoted = [v.text for v in evaluation.verdicts if len(v.text) > 25 and v.text in document]
    assert quoted == []


def test_the_report_replaces_only_its_own_section():
    document = f"# Title\n\nIntro.\n\n{BEGIN}\nold figures\n{END}\n\n## Hand-written\n\nKept.\n"
    updated = with_report(document, "new figures\n")
    assert updated == f"# Title\n\nIntro.\n\n{BEGIN}\nnew figures\n{END}\n\n## Hand-written\n\nKept.\n"
    assert generated_report(updated) == "new figures\n"
    assert with_report(None, "figures\n") == f"{BEGIN}\nfigures\n{END}\n"
    assert with_report("no markers here\n", "figures\n") == f"{BEGIN}\nfigures\n{END}\n"


OWN_CORPUS = """\
- {text: Our exosome serum is FDA-approved., label: risky, categories: [regulatory-status], source_title: Own example A}
- {text: Exosome products are not FDA-approved., label: ok, categories: [regulatory-status], source_title: Own example B}
- {text: Our surgeons trained at a good school., label: risky, categories: [credentials-claim], source_title: Own example C}
"""


def test_eval_command_prints_quotes_and_writes_sources(invoke, tmp_path):
    corpus = tmp_path / "own.yaml"
    corpus.write_text(OWN_CORPUS, encoding="utf-8")
    report = tmp_path / "accuracy.md"
    report.write_text(f"# Ours\n\n{BEGIN}\nstale\n{END}\n\nNotes stay.\n", encoding="utf-8")
    result = invoke("eval", str(corpus), "--output", str(report))
    assert result.exit_code == 0
    assert "| recall on risky sentences | 0.50 (1/2) |" in result.stdout
    assert "- (credentials-claim) Our surgeons trained at a good school." in result.stdout
    written = report.read_text(encoding="utf-8")
    assert written.startswith("# Ours\n\n" + BEGIN) and written.endswith(END + "\n\nNotes stay.\n")
    assert "- (credentials-claim) from Own example C" in written
    assert "good school" not in written and "stale" not in written


def test_eval_command_rejects_a_broken_corpus(invoke, tmp_path):
    corpus = tmp_path / "broken.yaml"
    corpus.write_text("- {text: no label here}\n", encoding="utf-8")
    result = invoke("eval", str(corpus))
    assert result.exit_code == 2
    assert f"{corpus}: entry 1: needs 'text' and 'label'" in result.stderr
