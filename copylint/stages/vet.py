"""The vet stage: a rule's replacement is applied only where it leaves a sentence a writer can
publish.

For each standing verdict whose words its rule has a replacement for:

- the replacement must fit where the words stand (the suggestion's ``fits``, positions.py);
- the sentence, rewritten with every replacement planned in it, is read again by the same
  stages, on its own: the replaced claim must be gone, no finding may appear that the sentence
  did not have, and no claim may remain in it at warning level or above, or of the replaced
  claim's category ("PRP is generally well tolerated and FDA-approved" still claims an approval;
  "no side effects and some contraindications" still denies side effects; "Results vary from
  person to person or your money back!" still promises; "some contraindications, so anyone can
  have PRP" contradicts itself).

Otherwise the verdict is not fixable and says why (``fix_refused``): a person rewrites it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from copylint.fixes import match_case
from copylint.positions import DESCRIBED
from copylint.sources.projection import Projection
from copylint.stages.decide import Verdict

# the standing verdicts of a text read on its own (the engine's stages, the same rules)
Reread = Callable[[str], list[Verdict]]


def vetted(projection: Projection, verdicts: list[Verdict], reread: Reread) -> list[Verdict]:
    """The verdicts, with those whose replacement would not leave a publishable sentence made
    not fixable, with the reason."""
    text = projection.text
    out = list(verdicts)
    planned: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for index, verdict in enumerate(verdicts):
        if not verdict.fixable or verdict.suppressed:
            continue
        found = verdict.rule.replacement_for(text[verdict.start : verdict.end])
        if found is None:
            continue
        wording, fits = found
        if fits and not verdict.positions & set(fits):
            where = " or ".join(DESCRIBED[f] for f in fits)
            out[index] = _refused(verdict, f'"{wording}" is a drop-in only {where}')
            continue
        planned.setdefault(verdict.sentence_span, []).append((index, wording))
    for span, fixes in planned.items():
        reason = _reread_reason(text, span, [(verdicts[i], w) for i, w in fixes], reread)
        if reason:
            for index, _ in fixes:
                out[index] = _refused(verdicts[index], reason)
    return out


def _refused(verdict: Verdict, reason: str) -> Verdict:
    return replace(verdict, fixable=False, fix_refused=f"{reason}; rewrite it by hand")


def _reread_reason(
    text: str, span: tuple[int, int], fixes: list[tuple[Verdict, str]], reread: Reread
) -> str | None:
    """Why the sentence at ``span``, rewritten with ``fixes``, is not publishable (None: it is)."""
    start, end = span
    if any(not (start <= v.start and v.end <= end) for v, _ in fixes):
        return "its sentence could not be read again"
    parts, position, placed = [], start, []
    length = 0
    for verdict, wording in sorted(fixes, key=lambda f: f[0].start):
        if verdict.start < position:  # overlaps one already placed: applicable() keeps the first
            continue
        before = text[position : verdict.start]
        wording = match_case(text[verdict.start : verdict.end], wording)
        parts += [before, wording]
        length += len(before)
        placed.append((verdict, length, length + len(wording)))
        length += len(wording)
        position = verdict.end
    parts.append(text[position:end])
    rewritten = "".join(parts)
    after = reread(rewritten)
    for verdict, a, b in placed:
        if any(w.rule_id == verdict.rule_id and w.start < b and a < w.end for w in after):
            return f'"{rewritten[a:b]}" still reads as {verdict.rule_id}'
    new = Counter(w.rule_id for w in after) - Counter(w.rule_id for w in reread(text[start:end]))
    if new:
        return f"the rewritten sentence would read as {', '.join(sorted(new))}"
    # a claim left beside the rewrite makes it cosmetic ("Results vary from person to person or
    # your money back!") or contradictory ("There are some contraindications, so anyone can have
    # PRP"): the sentence is a person's to rewrite. An info-level note may stay, unless it is of
    # the kind the rewrite removes (the rewrite's own hedge softens the promise beside it).
    kinds = {v.category for v, _, _ in placed}
    remaining = next(
        (w for w in after if w.severity in ("error", "warning") or w.category in kinds), None
    )
    if remaining is not None:
        claim = rewritten[remaining.start : remaining.end]
        return f'its sentence would still claim "{claim}" ({remaining.rule_id})'
    return None
