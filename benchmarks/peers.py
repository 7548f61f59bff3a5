"""The peers copylint is measured against, given copylint's own phrase list where they take one.

Install them (about 15 s, 40 MB) into a folder outside the repository:

    python benchmarks/peers.py install /tmp/copylint-peers

- textlint + textlint-rule-prh + textlint-plugin-html (npm): prh rules made from every phrase and
  token pattern of copylint's rule packs. It knows markup (HTML, Markdown) but not context.
- proselint (PyPI): its own checks, which know nothing of clinics; there for scale.
- grep -E: the same regexes over the raw files, the floor that knows neither markup nor context.

``phrase_regexes`` turns the packs into regexes in the subset that GNU grep -E and JavaScript
share. The spaCy token patterns translate closely: each token spec becomes an alternation of its
words, an operator becomes a repeat of the token with its separator.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NPM_PACKAGES = ["textlint@15", "textlint-rule-prh@6", "textlint-plugin-html@1"]
PROSELINT = "proselint==0.16.0"
ANY_TOKEN = r"(\b[A-Za-z0-9']+\b|[^A-Za-z0-9 \t\n])"


@dataclass(frozen=True)
class Hit:
    """One finding of any tool: where it starts and what it matched (the text decides overlap)."""

    path: str
    line: int
    text: str


# --- copylint's phrases as regexes ---------------------------------------------------------------


def phrase_regexes() -> list[tuple[str, str]]:
    """(rule id, regex) for every phrase and token pattern of the built-in packs, longest first."""
    from copylint.rulebook import load_rulebook

    regexes = []
    for rule in load_rulebook().without_opt_in():  # the rules a run loads by default
        for phrase in rule.phrases:
            words = re.findall(r"\w+|[^\w\s]", phrase)
            regexes.append((rule.id, _sequence([_literal(w) for w in words], [None] * len(words))))
        for pattern in rule.patterns:
            regexes.append(
                (
                    rule.id,
                    _sequence(
                        [_token(spec) for spec in pattern], [spec.get("OP") for spec in pattern]
                    ),
                )
            )
    return sorted(set(regexes), key=lambda item: -len(item[1]))


def _literal(word: str) -> str:
    """A word bounded as a word; punctuation as itself (escaped the way both grep -E and
    JavaScript read)."""
    escaped = re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", word)
    return f"\\b{escaped}\\b" if re.match(r"^\w", word) else escaped


def _token(spec: dict) -> str:
    for key in ("NORM", "LOWER", "ORTH", "TEXT"):
        value = spec.get(key)
        if isinstance(value, str):
            return _literal(value)
        if isinstance(value, dict) and "IN" in value:
            return (
                "("
                + "|".join(_literal(v) for v in sorted(value["IN"], key=len, reverse=True))
                + ")"
            )
    if spec.get("IS_PUNCT"):
        return r"[^A-Za-z0-9 \t\n]"
    if spec.get("LIKE_NUM") or "SHAPE" in spec:  # the packs' shapes are all digit shapes ("d,ddd")
        return r"\b[0-9][0-9.,]*\b"
    if spec.get("IS_SPACE"):
        return r"\s"
    if spec.get("IS_ALPHA"):
        return r"\b[A-Za-z]+\b"
    return ANY_TOKEN  # NOT_IN, or any token


def _sequence(tokens: list[str], ops: list[str | None]) -> str:
    """Tokens joined by optional white space, each bounded as a word where it is one."""
    parts = [f"(\\s*{token}){op or ''}" for token, op in zip(tokens, ops, strict=True)]
    return "".join(parts).replace("(\\s*", "(", 1)


# --- installing and running them ---------------------------------------------------------------


def install(prefix: Path) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(prefix / "npm"),
            "--no-audit",
            "--no-fund",
            *NPM_PACKAGES,
        ],
        check=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(prefix / "proselint")], check=True)
    subprocess.run(
        [str(prefix / "proselint" / "bin" / "pip"), "install", "-q", PROSELINT], check=True
    )


def textlint_command(prefix: Path) -> Path | None:
    binary = prefix / "npm" / "node_modules" / ".bin" / "textlint"
    return binary if binary.is_file() else None


def proselint_command(prefix: Path) -> Path | None:
    binary = prefix / "proselint" / "bin" / "proselint"
    return binary if binary.is_file() else None


def write_configs(folder: Path) -> dict[str, Path]:
    """A prh rule file, a textlint config that uses it, and a grep pattern file: one regex per
    line."""
    regexes = phrase_regexes()
    prh = folder / "prh.yml"
    lines = ["version: 1", "rules:"]
    for rule_id, regex in regexes:
        lines += [
            f"  - expected: {json.dumps('[copylint ' + rule_id + ']')}",
            f"    pattern: {json.dumps('/' + regex + '/i')}",
        ]
    prh.write_text("\n".join(lines) + "\n", encoding="utf-8")
    textlintrc = folder / ".textlintrc.json"
    textlintrc.write_text(
        json.dumps({"plugins": {"html": True}, "rules": {"prh": {"rulePaths": [str(prh)]}}}),
        encoding="utf-8",
    )
    patterns = folder / "patterns.txt"
    patterns.write_text("\n".join(regex for _, regex in regexes) + "\n", encoding="utf-8")
    return {"prh": prh, "textlintrc": textlintrc, "patterns": patterns}


def textlint_site(prefix: Path, configs: dict[str, Path], site: Path) -> list[str]:
    return [
        str(textlint_command(prefix)),
        "--config",
        str(configs["textlintrc"]),
        "--format",
        "json",
        f"{site}/**/*.{{html,md,txt}}",
    ]


def proselint_site(prefix: Path, site: Path) -> list[str]:
    return [str(proselint_command(prefix)), "check", "-o", "json", str(site)]


def grep_site(configs: dict[str, Path], site: Path) -> list[str]:
    return ["grep", "-rEnoiH", "-f", str(configs["patterns"]), str(site)]


# --- reading their findings on the seeds -----------------------------------------------------


def textlint_hits(output: str) -> list[Hit]:
    hits = []
    for result in json.loads(output or "[]"):
        source = Path(result["filePath"]).read_text(encoding="utf-8")
        for message in result["messages"]:
            start, end = (
                (message.get("fix") or {}).get("range")
                or message.get("range")
                or (message["index"], message["index"] + 1)
            )
            hits.append(Hit(result["filePath"], message["line"], source[start:end]))
    return hits


def proselint_hits(output: str) -> list[Hit]:
    hits = []
    for uri, result in json.loads(output or "{}").get("result", {}).items():
        path = uri.removeprefix("file://")
        source = Path(path).read_text(encoding="utf-8")
        for diagnostic in result.get("diagnostics", []):
            start, end = diagnostic["span"]
            hits.append(Hit(path, diagnostic["pos"][0], source[start:end]))
    return hits


def grep_hits(output: str) -> list[Hit]:
    hits = []
    for line in output.splitlines():
        path, number, text = line.split(":", 2)
        hits.append(Hit(path, int(number), text))
    return hits


def copylint_hits(output: str) -> list[Hit]:
    return [
        Hit(f["path"], f["line"], f["text"])
        for f in json.loads(output)["findings"]
        if not f.get("suppressed_by")
    ]


# the reviewed claims of the seed pages, kept beside the tests (not in seeds/, which is copy)
EXPECTED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds-expected.yaml"


def score(hits: list[Hit], seeds: Path) -> dict[str, int]:
    """Against tests/fixtures/seeds-expected.yaml: how many reviewed claims some hit covers
    (true), and how many hits cover no reviewed claim (false). A hit covers a claim on its line
    when their texts overlap there."""
    import yaml

    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    lines = {name: (seeds / name).read_text(encoding="utf-8").splitlines() for name in expected}
    claims = {
        (name, entry["line"], entry["text"])
        for name, page in expected.items()
        for entry in page.get("findings", [])
    }
    covered, false = set(), 0
    for hit in hits:
        name = os.path.basename(hit.path)
        matching = {
            claim
            for claim in claims
            if claim[0] == name
            and claim[1] == hit.line
            and _overlap(lines[name][hit.line - 1], claim[2], hit.text)
        }
        covered |= matching
        false += not matching
    return {"claims": len(claims), "true": len(covered), "false": false}


def _overlap(line: str, claim: str, hit: str) -> bool:
    lowered = line.lower()
    claim_spans = [
        (m.start(), m.start() + len(claim)) for m in re.finditer(re.escape(claim.lower()), lowered)
    ]
    hit_text = " ".join(hit.lower().split())
    hit_spans = (
        [(m.start(), m.start() + len(hit_text)) for m in re.finditer(re.escape(hit_text), lowered)]
        if hit_text
        else []
    )
    return any(a < d and c < b for a, b in claim_spans for c, d in hit_spans)


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] != "install":
        sys.exit("usage: python benchmarks/peers.py install PREFIX")
    install(Path(sys.argv[2]))
    print(
        f"installed textlint + prh and proselint into {sys.argv[2]}; run: python "
        f"benchmarks/run.py --peers {sys.argv[2]}"
    )


if __name__ == "__main__":
    main()
