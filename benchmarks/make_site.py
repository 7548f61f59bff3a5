"""A deterministic, realistic clinic website for benchmarks: ~2,000 pages, ~20 MB.

Run: python benchmarks/make_site.py OUT_DIR [--pages N] [--seed S]

HTML pages carry what real ones do around the copy (head with meta and og: tags, inline JSON-LD,
a stylesheet, a tracking script, nav and footer); Markdown pages have YAML front matter; JSON
files hold FAQs whose answers contain HTML. The copy is generated from templates filled with the
vocabulary of the seed pages (treatments, areas, conditions). About a third of the pages hold no
risky claim; the others hold one to four, from a list of claims written for this benchmark. The
site is written to OUT_DIR only, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

TREATMENTS = [
    "exosome therapy",
    "PRP",
    "stem cell therapy",
    "microneedling",
    "laser hair therapy",
    "hair transplant",
    "platelet-rich plasma",
    "mesotherapy",
    "chemical peel",
    "dermal filler",
    "scalp micropigmentation",
]
AREAS = [
    "scalp",
    "face",
    "neck",
    "hands",
    "knee",
    "shoulder",
    "hairline",
    "crown",
    "under-eye area",
    "jawline",
]
CONDITIONS = [
    "thinning hair",
    "androgenetic alopecia",
    "fine lines",
    "acne scarring",
    "sun damage",
    "hair shedding",
    "uneven skin tone",
    "joint stiffness",
    "post-partum hair loss",
]
CITIES = ["Austin", "Leeds", "Brisbane", "Dublin", "Denver", "Bristol", "Perth", "Lyon"]
PEOPLE = [
    "Dr. Patel",
    "Dr. Nguyen",
    "Dr. Okafor",
    "our nurse practitioner",
    "the clinical team",
    "Dr. Brennan",
]

NEUTRAL = [
    "{T} sessions at our {C} clinic usually take about {n} minutes.",
    "During your consultation {P} reviews your medical history and goals.",
    "Most people return to work the same day after {t}, though the {a} may feel tender.",
    "We use single-use needles and follow strict infection-control procedures.",
    "A course of {t} for {c} is usually {k} sessions, four to six weeks apart.",
    "Results vary from person to person, and maintenance sessions are often recommended.",
    "{T} is not suitable for everyone; we discuss alternatives such as {t2} with you.",
    "Exosome products are not FDA-approved, and evidence for their use in {c} is still limited.",
    "Our clinic in {C} is open Monday to Saturday, with evening appointments on Thursdays.",
    "Before treating the {a}, we photograph it so that you can compare the results later.",
    "Prices for {t} start at {price} per session; packages are available.",
    "Like any injectable procedure, {t} carries risks such as bruising, swelling and infection.",
    "Small studies have looked at {t} for {c}; larger controlled trials are still needed.",
    "Please avoid blood-thinning medicines for a week before your appointment if your "
    "doctor agrees.",
    "{P} has worked in aesthetic medicine for {k} years and trains other clinicians.",
    "You will receive written aftercare advice and a follow-up call two days after treatment.",
]
RISKY = [
    "Our {t} is FDA-approved and completely safe.",
    "{T} has no side effects and no downtime.",
    "We offer guaranteed results for {c}, or your money back.",
    "This miraculous treatment will reverse hair loss in weeks.",
    "{T} is far better than PRP for {c}.",
    "Stem cells cure arthritis once and for all.",
    "There are no contraindications, so anyone can have {t}.",
    "Clinically proven to regrow hair on the {a}.",
    "A revolutionary breakthrough that is 100% safe for everyone.",
    "Book now: only three spots left this week!",
]


def _fill(rng: random.Random, template: str) -> str:
    treatment, other = rng.sample(TREATMENTS, 2)
    text = template.format(
        t=treatment,
        T=treatment[0].upper() + treatment[1:],
        t2=other,
        a=rng.choice(AREAS),
        c=rng.choice(CONDITIONS),
        C=rng.choice(CITIES),
        P=rng.choice(PEOPLE),
        n=rng.choice([20, 30, 45, 60, 90]),
        k=rng.randint(3, 12),
        price=f"${rng.choice([150, 250, 400, 650])}",
    )
    return text[0].upper() + text[1:]


def _paragraphs(
    rng: random.Random, count: int, claims: int, neutral: list[str] = NEUTRAL
) -> list[str]:
    sentences = [_fill(rng, rng.choice(neutral)) for _ in range(count * 4)]
    for _ in range(claims):
        sentences.insert(rng.randrange(len(sentences) + 1), _fill(rng, rng.choice(RISKY)))
    return [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]


def _claims(rng: random.Random) -> int:
    return 0 if rng.random() < 0.35 else rng.randint(1, 4)


STYLE = "body{font-family:system-ui;margin:0}.hero{padding:4rem 2rem;background:#f4f1ee}" * 40
SCRIPT = (
    "window.dataLayer=window.dataLayer||[];function "
    "gtag(){dataLayer.push(arguments)}gtag('js',new Date());" * 25
)
NAV = "".join(
    f'<li><a href="/treatments/{t.replace(" ", "-")}">{t.title()}</a></li>' for t in TREATMENTS
)


def html_page(
    rng: random.Random,
    index: int,
    claims: int | None = None,
    paragraphs: int | None = None,
    neutral: list[str] = NEUTRAL,
) -> str:
    """A page; ``claims`` and ``paragraphs`` per section fixed, or random as on the site; the
    claim-free sentences drawn from ``neutral``."""
    treatment = rng.choice(TREATMENTS)
    title = f"{treatment.title()} in {rng.choice(CITIES)}"
    count = paragraphs or rng.randint(6, 10)
    body = "\n".join(
        f"<p>{p}</p>"
        for p in _paragraphs(rng, count, _claims(rng) if claims is None else claims, neutral)
    )
    sections = "\n".join(
        f"<section><h2>{rng.choice(CONDITIONS).capitalize()}</h2>\n{body}\n</section>"
        for _ in range(2)
    )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "name": "Example Clinic",
            "description": title,
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Example Clinic</title>
<meta name="description" content="{_fill(rng, rng.choice(NEUTRAL))}">
<meta property="og:title" content="{title}">
<link rel="stylesheet" href="/css/site.css">
<style>{STYLE}</style>
<script type="application/ld+json">{ld}</script>
<script>{SCRIPT}</script>
</head>
<body>
<header><nav><ul>{NAV}</ul></nav></header>
<main>
<h1>{title}</h1>
<img src="/img/{index}.jpg" alt="{_fill(rng, "A {t} session on the {a}")}">
{sections}
</main>
<footer><p>Example Clinic, 1 High Street, {rng.choice(CITIES)}. \
Registered with the relevant regulator.</p>\
<ul>{NAV}</ul></footer>
</body>
</html>
"""


def markdown_page(rng: random.Random, index: int) -> str:
    treatment = rng.choice(TREATMENTS)
    paragraphs = _paragraphs(rng, rng.randint(5, 9), _claims(rng))
    lines = [
        "---",
        f"title: {treatment.title()} explained",
        f"description: {_fill(rng, rng.choice(NEUTRAL))}",
        f"date: 2025-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        "tags: [treatments, blog]",
        "---",
        "",
        f"# {treatment.title()} explained",
        "",
    ]
    for i, paragraph in enumerate(paragraphs):
        if i % 3 == 2:
            lines += [f"## {rng.choice(CONDITIONS).capitalize()}", ""]
        lines += [paragraph, ""]
    lines += ["- " + _fill(rng, rng.choice(NEUTRAL)) for _ in range(3)] + [""]
    lines += ["```js", f"track('page_view', {{id: {index}}});", "```", ""]
    return "\n".join(lines)


def faq_file(rng: random.Random, index: int) -> str:
    items = []
    for _ in range(rng.randint(8, 14)):
        answer = " ".join(_paragraphs(rng, 1, 1 if rng.random() < 0.2 else 0))
        items.append(
            {
                "question": f"Is {rng.choice(TREATMENTS)} right for {rng.choice(CONDITIONS)}?",
                "answer": f"<p>{answer}</p>",
                "slug": f"q-{index}-{len(items)}",
            }
        )
    return json.dumps({"title": "Frequently asked questions", "faq": items}, indent=2) + "\n"


def make_site(out: Path, pages: int = 2000, seed: int = 1) -> tuple[int, int]:
    """Write the site; returns (files, bytes)."""
    rng = random.Random(seed)
    total = 0
    for index in range(pages):
        kind = index % 20
        if kind < 13:
            path, text = out / "treatments" / f"page-{index:04d}.html", html_page(rng, index)
        elif kind < 18:
            path, text = out / "blog" / f"post-{index:04d}.md", markdown_page(rng, index)
        else:
            path, text = out / "data" / f"faq-{index:04d}.json", faq_file(rng, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return pages, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files, size = make_site(args.out, args.pages, args.seed)
    print(f"{files} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
