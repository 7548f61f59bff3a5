"""Experiment: would a learned claim scorer generalise where hand-written frames do not?

Issue 16's third session found that frames written from a tuning half raise that half's recall
and leave the other half of the same collection where it was (docs/accuracy.md, "What the
held-out figures say"). This script measures the alternative on the same split: a logistic
regression over the words of a sentence (scikit-learn, not a copylint dependency), trained on
the tuning halves only, combined with the rules as

    flagged = (a rule matched and score >= LOW) or score >= HIGH

so the scorer both drops rule findings in sentences that read as careful text and adds sentences
that read as claims no frame matched. It prints recall and false positives on each check half,
for the rules alone and for the combination.

Run from the repository root (needs ../shared and `pip install scikit-learn`):

    python experiments/claim_scorer.py [--features tfidf|binary] [CORPUS ...]

Each extra CORPUS (same format as dev2.yaml, kept outside the repository) adds its tuning half
to the training data and its check half to the report. Nothing here is used by copylint.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
LOW, HIGH = 0.25, 0.7  # fixed before the check halves were measured; not tuned on them


def _load(path: Path) -> list[dict]:
    from copylint.yamlfile import load_file

    return list(load_file(str(path), trusted=True))


def _rates(flags: list[bool], items: list[tuple[str, bool]]) -> str:
    """Recall on the risky items and false positives on the ok ones."""
    risky = sum(y for _, y in items)
    hits = sum(f and y for f, (_, y) in zip(flags, items, strict=True))
    alarms = sum(f and not y for f, (_, y) in zip(flags, items, strict=True))
    return f"{hits / risky:.2f}, {alarms / (len(items) - risky):.1%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--features", choices=["tfidf", "binary"], default="tfidf")
    args = parser.parse_args()
    try:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("claim_scorer.py: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2
    if not (SHARED / "dev2.yaml").is_file():
        print(f"claim_scorer.py: {SHARED} is absent; it holds the shared corpora", file=sys.stderr)
        return 2

    from copylint.engine import lint_text
    from copylint.evaluate import half_of

    train = [(e["text"], e["label"] == "risky") for e in _load(SHARED / "dev.yaml")]
    checks: dict[str, list[tuple[str, bool]]] = {}
    for path in [SHARED / "dev2.yaml", *args.corpora]:
        for entry in _load(path):
            item = (entry["text"], entry["label"] == "risky")
            if half_of(entry) == "tuning":
                train.append(item)
            else:
                checks.setdefault(path.name if path.parent == SHARED else str(path), []).append(
                    item
                )

    if args.features == "tfidf":
        vectorizer = TfidfVectorizer(sublinear_tf=True)
    else:
        vectorizer = CountVectorizer(binary=True)
    model = LogisticRegression(C=4 if args.features == "tfidf" else 1, max_iter=5000)
    model.set_params(class_weight="balanced")
    model.fit(vectorizer.fit_transform([t for t, _ in train]), [y for _, y in train])

    print(
        f"Trained on {len(train)} tuning sentences ({args.features} words); LOW={LOW}, HIGH={HIGH}."
    )
    print("\n| check half | risky / ok | rules alone: recall, FP | rules + scorer: recall, FP |")
    print("|---|---|---|---|")
    for name, items in checks.items():
        scores = model.predict_proba(vectorizer.transform([t for t, _ in items]))[:, 1]
        ruled = [bool(lint_text(text)) for text, _ in items]
        combined = [(r and s >= LOW) or s >= HIGH for r, s in zip(ruled, scores, strict=True)]
        risky = sum(y for _, y in items)
        ok = len(items) - risky
        shown = [_rates(flags, items) for flags in (ruled, combined)]
        print(f"| {name} | {risky} / {ok} | {shown[0]} | {shown[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
