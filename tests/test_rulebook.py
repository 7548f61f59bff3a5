import textwrap
from pathlib import Path

import pytest

from copylint.rulebook import (
    Rulebook,
    RulePackError,
    load_rulebook,
    pattern_requirement,
    phrase_requirement,
)
from copylint.words import did_you_mean

GOOD_RULE = """
  - id: demo-rule
    severity: warning
    message: A demo.
    phrases: ["miracle serum"]
    suggestions: [{advice: Say something else.}]
    examples: {flag: ["A miracle serum."], pass: ["A serum."]}
"""


def write_pack(tmp_path, rules_yaml=GOOD_RULE, head=None):
    head = (
        head
        or "version: 1\ncategory: demo\ntitle: Demo\nreferences: [{title: T, url: 'https://example.org'}]\nrules:"
    )
    (tmp_path / "demo.yaml").write_text(
        head + textwrap.indent(textwrap.dedent(rules_yaml), ""), encoding="utf-8"
    )
    return tmp_path


def test_builtin_packs_cover_the_v1_categories(rulebook):
    required = {
        "regulatory-status",
        "absolute-safety",
        "no-contraindications",
        "minimizing-risk",
        "cancer-claim",
        "cure-claim",
        "reversal-claim",
        "disease-treatment-claim",
        "guarantee",
        "universal-suitability",
        "hype-word",
        "superiority",
        "comparative-denigration",
        "unsubstantiated-statistic",
        "establishment-claim",
        "natural-claim",
    }
    assert required <= set(rulebook.categories)
    for rule in rulebook:
        assert rule.suggestions and rule.references and rule.flag_examples and rule.pass_examples


def test_a_valid_pack_loads(tmp_path):
    book = load_rulebook([write_pack(tmp_path)])
    assert [r.id for r in book] == ["demo-rule"]


def test_bare_no_in_a_pattern_is_the_word_no_not_false(tmp_path):
    rule = GOOD_RULE.replace(
        'phrases: ["miracle serum"]', "patterns: [[{NORM: no}, {NORM: downtime}]]"
    )
    book = load_rulebook([write_pack(tmp_path, rule)])
    assert book.by_id["demo-rule"].patterns[0][0] == {"NORM": "no"}


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ("severity: warning", "severity: high"),
            "rule 'demo-rule': field 'severity': must be one of error, warning, info",
        ),
        (
            ("message: A demo.", "mesage: A demo."),
            "rule 'demo-rule': field 'mesage': unknown field; did you mean 'message'?",
        ),
        (
            ("suggestions: [{advice: Say something else.}]", "suggestions: []"),
            "rule 'demo-rule': field 'suggestions'",
        ),
        (
            (
                'examples: {flag: ["A miracle serum."], pass: ["A serum."]}',
                'examples: {flag: ["A miracle serum."]}',
            ),
            "field 'pass': is required",
        ),
        (
            ('phrases: ["miracle serum"]', "patterns: [[{NORM: {IN: [a, the]}}]]"),
            "field 'patterns[0]': needs at least one required token",
        ),
        (
            ('phrases: ["miracle serum"]', "patterns: [[{TEXT: {REGEX: 'x+'}}]]"),
            "field 'patterns[0][0]'",
        ),
        (('phrases: ["miracle serum"]', "patterns: [[{NORN: miracle}]]"), "did you mean 'NORM'?"),
        (("id: demo-rule", "id: Demo Rule"), "field 'id': must be lower-case words"),
        (
            ("message: A demo.", "message: A demo.\n    approved_products: [minoxidil]"),
            "field 'approved_products': is only read by the named_product context",
        ),
        (
            ("message: A demo.", "message: A demo.\n    suppress_when: [named_product]"),
            "field 'suppress_when': named_product needs a list of approved_products",
        ),
        (
            (
                "message: A demo.",
                "message: A demo.\n    suppress_when: [named_product]\n"
                "    approved_products: [hair serum]",
            ),
            "'hair serum' must be one word",
        ),
    ],
)
def test_broken_rules_name_file_rule_and_field(tmp_path, change, expected):
    write_pack(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RulePackError) as error:
        load_rulebook([tmp_path])
    message = str(error.value)
    assert message.startswith(str(tmp_path / "demo.yaml") + ": ")
    assert expected in message


def test_invalid_yaml_names_line_and_column(tmp_path):
    write_pack(tmp_path, GOOD_RULE + "  - id: [unclosed\n")
    with pytest.raises(RulePackError, match=r"demo\.yaml: not valid YAML \(line \d+, column \d+\)"):
        load_rulebook([tmp_path])


def test_a_bad_pack_never_half_loads(tmp_path):
    write_pack(
        tmp_path, GOOD_RULE + GOOD_RULE.replace("demo-rule", "second").replace("warning", "bad")
    )
    with pytest.raises(RulePackError, match="rule 'second'"):
        load_rulebook([tmp_path])


def test_duplicate_rule_ids_across_packs(tmp_path):
    write_pack(tmp_path)
    (tmp_path / "other.yaml").write_text(
        (tmp_path / "demo.yaml").read_text().replace("category: demo", "category: other")
    )
    with pytest.raises(RulePackError, match="also defined in"):
        load_rulebook([tmp_path])


def select(
    rulebook: Rulebook, chosen: list[str] | None = None, ignore: list[str] | None = None
) -> Rulebook:
    """Rules chosen by id or category (the package chooses them in settings.py, by layers)."""
    for name in (chosen or []) + (ignore or []):
        if name not in rulebook.names():
            hint = did_you_mean(name, rulebook.names())
            raise ValueError(f"unknown rule or category '{name}'{hint}")
    rules = [
        rule
        for rule in rulebook.rules
        if (not chosen or rule.id in chosen or rule.category in chosen)
        and not (ignore and (rule.id in ignore or rule.category in ignore))
    ]
    return Rulebook(rules, {c: rulebook.categories[c] for c in {r.category for r in rules}})


def test_select_and_ignore_by_id_or_category(rulebook):
    assert {r.category for r in select(rulebook, ["hype-word"])} == {"hype-word"}
    assert "regulator-approval" not in select(rulebook, None, ["regulatory-status"]).by_id
    with pytest.raises(ValueError, match="did you mean 'hype-word'"):
        select(rulebook, ["hype-wrod"])


def test_requirements_use_text_spellings_not_norms():
    assert phrase_requirement("won't cause cancer") == (frozenset({"cause"}), frozenset({"cancer"}))
    pattern = (
        {"NORM": "will"},
        {"NORM": "not"},
        {"NORM": {"IN": ["cause", "trigger"]}},
        {"NORM": "-", "OP": "?"},
    )
    assert pattern_requirement(pattern) == (frozenset({"cause", "trigger"}),)


# --- token patterns spaCy would refuse (repro 43) ---------------------------------------------


def _pattern_rule(spec: str) -> str:
    return GOOD_RULE.replace(
        'phrases: ["miracle serum"]', f"patterns: [[{{LOWER: wonder}}, {spec}]]"
    )


def _spacy_accepts(spec: dict) -> bool:
    """What the real Matcher (built as copylint builds it) says about [{LOWER: wonder}, spec]."""
    from spacy.matcher import Matcher

    from copylint.nlp import pipeline

    nlp = pipeline()
    matcher = Matcher(nlp.vocab, validate=True)
    try:
        matcher.add("x", [[{"LOWER": "wonder"}, spec]], greedy="LONGEST")
        matcher(nlp("a wonder serum indeed"))
    except Exception:  # noqa: BLE001 (MatchPatternError, ValueError, OverflowError ...: any refusal)
        return False
    return True


OPERATORS = [
    "?",
    "*",
    "+",
    "!",
    "1",
    "{}",
    "{,}",
    "{3,1}",
    "{,0}",
    "{0}",
    "{00,}",
    "{2}",
    "{1,3}",
    "{1,}",
    "{,3}",
    "{0,0}",
    "{ 1}",
    "{1 ,2}",
    "{\u0663}",
    "{-1}",
    "{1,2,3}",
    "{{1}}",
    "",
    "x",
    "{50}",
    "{0,50}",
]
LENGTHS = [-3, -1, 0, 1, 5, 2**31, 2**63, 2**64 - 1, 2**64, 99999999999999999999999, "3"]


@pytest.mark.parametrize(
    "spec",
    [{"LOWER": "serum", "OP": op} for op in OPERATORS]
    + [{"LOWER": "serum", "LENGTH": n} for n in LENGTHS],
)
def test_a_token_spec_copylint_accepts_is_one_spacy_accepts(tmp_path, spec):
    """repro 43: OP "{}", "{,}", "{3,1}", LENGTH -3 or an enormous int passed pack validation and
    crashed the first check (exit 3). Validation now reads OP and LENGTH as spaCy does."""
    written = (
        "{"
        + ", ".join(f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}" for k, v in spec.items())
        + "}"
    )
    try:
        load_rulebook([write_pack(tmp_path, _pattern_rule(written))])
    except RulePackError as exc:
        assert "demo.yaml: rule 'demo-rule': field 'patterns[0][1]'" in str(exc)
        return
    assert _spacy_accepts(spec), f"the pack loaded, but spaCy refuses {spec}"


@pytest.mark.parametrize(
    "spec",
    [
        '{LOWER: serum, OP: "{}"}',
        '{LOWER: serum, OP: "{,}"}',
        '{LOWER: serum, OP: "{3,1}"}',
        "{LOWER: serum, LENGTH: -3}",
        "{LOWER: serum, LENGTH: 99999999999999999999999}",
        '{LOWER: serum, OP: "{1000000000}"}',
    ],
)
def test_a_pack_spacy_would_refuse_is_refused_by_every_command(tmp_path, spec):
    """repro 43 through the CLI: check, rules and test-rules all refuse the pack (exit 2, one line
    naming pack and rule), instead of the first check crashing."""
    from conftest import run_cli, write

    pack = (
        "version: 1\ncategory: hype-word\nrules:\n  - extends: miracle-language\n"
        f"    patterns:\n      - [{{LOWER: wonder}}, {spec}]\n"
    )
    write(
        tmp_path,
        {
            "packs/x.yaml": pack,
            ".copylint.yaml": "rules-dirs: [packs]\n",
            "page.txt": "Our serum is FDA-approved. A wonder serum indeed.\n",
        },
    )
    for command in (["check", "--no-cache", "page.txt"], ["rules"], ["test-rules"]):
        result = run_cli(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        message = result.stderr.decode().strip()
        assert (
            "\n" not in message
            and "packs/x.yaml: rule 'miracle-language': field 'patterns[0][1]'" in message
        ), message


def test_quantifier_bounds_accepted_by_spacy_still_load(tmp_path):
    book = load_rulebook(
        [
            write_pack(
                tmp_path, _pattern_rule('{LOWER: serum, OP: "{0,3}"}, {LOWER: indeed, OP: "{2}"}')
            )
        ]
    )
    assert book.rules[0].patterns[0][1]["OP"] == "{0,3}"


def test_only_the_shipped_packs_are_read_by_libyaml_s_composer(monkeypatch, tmp_path):
    """The built-in packs skip the bounded composer (see yamlfile.py); --rules and a site's
    rules-dirs packs, which somebody else wrote, never do."""
    from copylint import rulebook as rulebook_module
    from copylint import yamlfile
    from copylint.rulebook import default_rules_dir
    from copylint.yamlfile import load_file, load_text

    for path in sorted(default_rules_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load_text(text, trusted=True) == load_text(text), path
    read: dict[str, bool] = {}  # path -> read as trusted

    def spy(path, *, trusted=False):
        read[path] = trusted
        return load_file(path, trusted=trusted)

    monkeypatch.setattr(yamlfile, "load_file", spy)
    site = write_pack(tmp_path)
    load_rulebook(site_dirs=[site])
    load_rulebook([site])
    packs_read = {p: t for p, t in read.items() if Path(p).parent in (default_rules_dir(), site)}
    assert {p for p, t in packs_read.items() if t} == {
        str(p) for p in rulebook_module.pack_files(default_rules_dir())
    }
    assert read[str(site / "demo.yaml")] is False


def test_words_spacy_splits_or_renames_match_as_its_tokens(tmp_path):
    from copylint.engine import lint_text

    rule = GOOD_RULE.replace(
        'phrases: ["miracle serum"]',
        'patterns: [[{NORM: {IN: [pain-free, "doesn\'t", "\'ve"]}}, {NORM: treatment}]]',
    ).replace("A miracle serum.", "A pain-free treatment.")
    book = load_rulebook([write_pack(tmp_path, rule)])
    matched = [
        text
        for text in [
            "A pain-free treatment.",
            "A pain free treatment.",
            "A painfree treatment.",
            "It doesn't treatment.",
            "I've treatment.",
            "A free treatment.",
            "A pain treatment.",
        ]
        if lint_text(text, rulebook=book)
    ]
    assert matched == matched[:5] and len(matched) == 5


@pytest.mark.parametrize(
    "spec, word, tokens",
    [
        ('{NORM: {NOT_IN: [cannot]}, OP: "*"}', "cannot", "can not"),
        ("{NORM: {IN: [pain-free]}, IS_ALPHA: true}", "pain-free", "pain free"),
        ('{LOWER: "100%"}', "100%", "100 %"),
    ],
)
def test_a_word_spacy_splits_where_a_spec_cannot_take_it_is_a_pack_error(
    tmp_path, spec, word, tokens
):
    rule = GOOD_RULE.replace(
        'phrases: ["miracle serum"]', f"patterns: [[{{NORM: serum}}, {spec}, {{NORM: miracle}}]]"
    )
    with pytest.raises(RulePackError) as error:
        load_rulebook([write_pack(tmp_path, rule)])
    assert f"{word!r} is several tokens to spaCy ({tokens})" in str(error.value)


def test_every_shipped_token_word_is_a_norm_spacy_gives(rulebook):
    """A pattern word spaCy never gives as one token's NORM ("pain-free", "doesn't", "£") can
    never match: the loader turns the ones it knows into their tokens; this finds the rest."""
    from copylint.nlp import pipeline

    tokenizer = pipeline("en").tokenizer
    context_dependent = {"u.s."}  # one token before a capital ("U.S. FDA"), as in the pattern
    dead = set()
    for rule in rulebook:
        for pattern in rule.patterns:
            for spec in pattern:
                for attr in ("NORM", "LOWER"):
                    value = spec.get(attr)
                    if value is None:
                        continue
                    words = [value] if isinstance(value, str) else next(iter(value.values()))
                    for word in set(words) - context_dependent:
                        if attr == "NORM" and _kept_beside_its_norm(word, words):
                            continue
                        tokens = tokenizer(word)
                        given = tokens[0].norm_ if attr == "NORM" else tokens[0].lower_
                        if len(tokens) != 1 or given != word:
                            dead.add((rule.id, word))
    assert not dead


def _kept_beside_its_norm(word: str, words) -> bool:
    """The loader keeps a word spaCy renames ("'ve" is have) as written, for the prefilter,
    beside its NORM."""
    from copylint.lexicons import word_tokens

    tokens = word_tokens(word)
    return len(tokens) == 1 and tokens[0] != word and tokens[0] in words
