"""The JSON Schemas in copylint/schemas and the hand validators that read them cannot drift apart.

Every shipped pack, the starter configuration and the README's examples validate against the
schemas; every broken pack or configuration below is refused by both the schema (with jsonschema)
and copylint's own validator, and every valid variant below is accepted by both; and every key a
schema declares is one the hand validator reads.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import REPO, uncommented_starter
from jsonschema import Draft202012Validator

from copylint import config, findings, rulebook
from copylint.config import STARTER, ConfigError, load_config
from copylint.rulebook import Category, RulePackError, default_rules_dir, load_pack
from copylint.schemas import CONFIG, RULE_PACK, Schema
from copylint.yamlfile import Yaml12Loader, load_file

DELETE = object()  # a mutation that removes the key

GOOD_PACK = {
    "version": 1,
    "category": "demo",
    "title": "Demo",
    "references": [{"title": "A guideline", "url": "https://example.org/guide"}],
    "rules": [
        {
            "id": "demo-rule",
            "severity": "warning",
            "message": "Overstates the treatment.",
            "phrases": ["wonder serum"],
            "suggestions": [{"advice": "Describe the serum plainly."}],
            "examples": {"flag": ["Try our wonder serum."], "pass": ["Try our serum."]},
        }
    ],
}
GOOD_EXTENSION = {
    "category": "demo",
    "rules": [{"extends": "demo-rule", "phrases": ["marvel serum"]}],
}


def validator(schema: Schema) -> Draft202012Validator:
    return Draft202012Validator(schema.document())


def schema_errors(schema: Schema, data: object) -> list[str]:
    return [error.message for error in validator(schema).iter_errors(data)]


def mutated(data: dict, changes: dict[tuple, object]) -> dict:
    """A copy of ``data`` with each path (keys and list indexes) set to its value, or removed."""
    result = copy.deepcopy(data)
    for path, value in changes.items():
        parent = result
        for step in path[:-1]:
            parent = parent[step]
        if value is DELETE:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    return result


def hand_check_pack(tmp_path, data: dict, site: bool = False) -> None:
    """copylint's own validator on ``data`` written as a pack (a site's pack when ``site``)."""
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    known = {"demo": Category("demo", "Demo", "", "built-in")} if site else None
    load_pack(path, known)


def hand_check_config(tmp_path, data: object) -> None:
    path = tmp_path / ".copylint.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_config(str(path))


# --- the schemas themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("schema", [RULE_PACK, CONFIG], ids=lambda s: s.name)
def test_each_schema_is_a_valid_draft_2020_12_schema(schema):
    document = json.loads(schema.path.read_text(encoding="utf-8"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_the_schemas_agree_with_each_other_and_with_the_severity_order():
    assert set(RULE_PACK.enum("severity")) == set(CONFIG.enum("severity"))
    assert set(RULE_PACK.enum("severity")) == set(findings.SEVERITIES)
    assert CONFIG.enum("jurisdiction") == tuple(
        j for j in RULE_PACK.enum("jurisdiction") if j != "any"
    )


# --- what is valid -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(default_rules_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_pack_validates(path):
    assert schema_errors(RULE_PACK, load_file(str(path))) == []


def test_the_starter_configuration_validates_as_written_and_uncommented():
    for text in (STARTER, uncommented_starter()):
        data = yaml.load(text, Loader=Yaml12Loader)
        assert data and schema_errors(CONFIG, data) == []


def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_s_pack_examples_validate():
    blocks = re.findall(r"```yaml\n(.*?)```", _readme(), re.S)
    packs = [block for block in blocks if re.search(r"^rules:$", block, re.M)]
    assert len(packs) >= 2  # the pack format and a site's own pack
    for block in packs:
        lines = block.splitlines()
        text = "\n".join(line for line in lines if line.strip() != "...")
        errors = list(validator(RULE_PACK).iter_errors(yaml.load(text, Loader=Yaml12Loader)))
        if len(lines) > len(text.splitlines()):
            # "..." stands for fields left out of a rule: what is written must still be valid
            errors = [
                e
                for e in errors
                if not (e.validator in ("required", "anyOf") and len(e.absolute_path) == 2)
            ]
        assert [e.message for e in errors] == [], block


def test_the_readme_s_configuration_table_names_the_schema_s_keys():
    section = _readme().split("### Configuration", 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    named = {
        key
        for row in section.splitlines()[2:]
        for key in re.findall(r"`([a-z-]+)`", row.split("|")[1])
    }
    assert named == set(CONFIG.keys("config"))


VALID_PACKS = {
    "nulls stand for absent fields": {
        ("description",): None,
        ("rules", 0, "rationale"): None,
        ("rules", 0, "patterns"): None,
        ("rules", 0, "suppress_when"): None,
        ("rules", 0, "jurisdictions"): None,
        ("rules", 0, "replaces"): None,
        ("rules", 0, "approved_products"): None,
    },
    "language": {("language",): "en"},
    "references in the rule only": {
        ("references",): DELETE,
        ("rules", 0, "references"): [{"title": "A law", "url": "http://example.org/law"}],
    },
    "every kind of token attribute": {
        ("rules", 0, "patterns"): [
            [
                {"NORM": {"IN": ["wonder", 7]}},
                {"LOWER": {"NOT_IN": ["a"]}, "OP": "{0,3}"},
                {"ORTH": "serum", "LENGTH": 5, "IS_ALPHA": True},
                {"SHAPE": "dd", "LIKE_NUM": False, "OP": "*"},
            ]
        ]
    },
    "patterns only": {
        ("rules", 0, "phrases"): DELETE,
        ("rules", 0, "patterns"): [[{"LOWER": "wonder"}, {"LOWER": "serum"}]],
    },
    "kind, contexts, products, jurisdictions, opt in": {
        ("rules", 0, "kind"): "absence",
        ("rules", 0, "suppress_when"): ["negated", "named_product"],
        ("rules", 0, "soften_when"): ["hedged"],
        ("rules", 0, "approved_products"): ["minoxidil"],
        ("rules", 0, "jurisdictions"): ["au"],
        ("rules", 0, "opt_in"): True,
    },
    "replacements": {
        ("rules", 0, "suggestions"): [
            {"advice": "Plainer."},
            {"replace": "new serum"},
            {"advice": "Or this.", "replace": {"wonder serum": "new serum"}},
        ]
    },
}


@pytest.mark.parametrize("changes", VALID_PACKS.values(), ids=VALID_PACKS.keys())
def test_a_valid_pack_variant_is_accepted_by_both(tmp_path, changes):
    data = mutated(GOOD_PACK, changes)
    assert schema_errors(RULE_PACK, data) == []
    hand_check_pack(tmp_path, data)


def test_a_site_pack_that_joins_a_category_or_extends_a_rule_is_accepted_by_both(tmp_path):
    joining = mutated(GOOD_PACK, {("title",): DELETE, ("rules", 0, "replaces"): "other-rule"})
    extension = mutated(
        GOOD_EXTENSION,
        {
            ("rules", 0, "patterns"): [[{"LOWER": "marvel"}]],
            ("rules", 0, "examples"): {"flag": ["A marvel serum."]},
        },
    )
    for data in (joining, extension, mutated(GOOD_EXTENSION, {("rules", 0, "examples"): None})):
        assert schema_errors(RULE_PACK, data) == []
        hand_check_pack(tmp_path, data, site=True)


VALID_CONFIGS = [
    {"select": "hype-word", "jurisdictions": "us", "exclude": "legal/**"},
    {"per-file": None, "severity": None, "fail-on": None, "allow": None, "include": []},
    {"per-file": {"blog/**": {"severity": {"guarantee": "info"}, "select": ["guarantee"]}}},
    {"baseline": "ci/parked.json", "rules-dirs": ["house"], "allow": ["Miracle Mist"]},
]


@pytest.mark.parametrize("data", VALID_CONFIGS)
def test_a_valid_config_variant_is_accepted_by_both(tmp_path, data):
    assert schema_errors(CONFIG, data) == []
    hand_check_config(tmp_path, data)


# --- what is broken ------------------------------------------------------------------------------

R = ("rules", 0)  # the good pack's one rule
T = ("rules", 0, "patterns")  # its patterns (the rule keeps its phrases)
BROKEN_PACKS = [
    ({("version",): 2}, "field 'version': this copylint reads format version 1"),
    ({("category",): "Demo Pack"}, "field 'category': must be lower-case words"),
    ({("titel",): "Demo"}, "field 'titel': unknown field; did you mean 'title'?"),
    ({("rules",): []}, "field 'rules': must be a non-empty list"),
    ({("rules",): ["demo-rule"]}, "field 'rules': each rule must be a mapping"),
    ({("references", 0, "url"): DELETE}, "each reference needs exactly 'title' and 'url'"),
    ({("references", 0, "url"): "ftp://example.org"}, "url must start with http://"),
    ({("references", 0, "title"): " "}, "title and url must be non-empty strings"),
    ({R + ("severity",): "high"}, "field 'severity': must be one of error, warning, info"),
    ({R + ("severity",): DELETE}, "field 'severity': must be one of"),
    ({R + ("kind",): "claim"}, "field 'kind': must be one of assertion, absence"),
    ({R + ("id",): "Demo Rule"}, "field 'id': must be lower-case words"),
    ({R + ("mesage",): "x"}, "field 'mesage': unknown field; did you mean 'message'?"),
    ({R + ("message",): DELETE}, "field 'message': must be a non-empty string"),
    ({R + ("message",): ""}, "field 'message': must be a non-empty string"),
    ({R + ("rationale",): 3}, "field 'rationale': must be a non-empty string (got 3)"),
    ({R + ("phrases",): DELETE}, "field 'phrases': a rule needs 'phrases' or 'patterns'"),
    ({R + ("phrases",): []}, "field 'phrases': a rule needs 'phrases' or 'patterns'"),
    ({R + ("phrases",): ["  "]}, "field 'phrases': must be a list of non-empty strings"),
    ({R + ("phrases",): "wonder serum"}, "field 'phrases': must be a list of non-empty strings"),
    ({R + ("suppress_when",): ["sarcasm"]}, "field 'suppress_when': unknown value 'sarcasm'"),
    ({R + ("soften_when",): "hedged"}, "field 'soften_when': must be a list"),
    ({R + ("jurisdictions",): ["ca"]}, "field 'jurisdictions': unknown value 'ca'"),
    ({R + ("opt_in",): "yes"}, "field 'opt_in': must be true or false"),
    ({R + ("replaces",): "Other Rule"}, "field 'replaces': must be lower-case words"),
    ({R + ("approved_products",): [3]}, "field 'approved_products': must be a list"),
    ({R + ("suggestions",): []}, "field 'suggestions': a rule needs at least one suggestion"),
    ({R + ("suggestions",): DELETE}, "field 'suggestions': a rule needs at least one suggestion"),
    ({R + ("suggestions",): [{}]}, "each suggestion is {advice: text} or {replace: text}"),
    ({R + ("suggestions",): [{"advise": "x"}]}, "each suggestion is {advice: text}"),
    ({R + ("suggestions",): [{"advice": ""}]}, "advice must be a non-empty string"),
    ({R + ("suggestions",): [{"replace": 3}]}, "replace must be plain wording"),
    ({R + ("suggestions",): [{"replace": {}}]}, "replace maps matched words to plain wording"),
    ({R + ("suggestions",): [{"replace": {"x": 3}}]}, "replace maps matched words"),
    ({R + ("examples",): DELETE}, "field 'examples': needs 'flag' and 'pass' lists"),
    ({R + ("examples", "pass"): DELETE}, "field 'pass': is required"),
    ({R + ("examples", "flag"): []}, "field 'examples.flag': needs at least one example"),
    ({R + ("examples", "flagg"): ["x"]}, "field 'examples.flagg': unknown field"),
    ({R + ("examples", "pass"): "x"}, "field 'pass': must be a list of non-empty strings"),
    ({T: "wonder"}, "field 'patterns': must be a list of token patterns"),
    ({T: [[]]}, "field 'patterns[0]': must be a non-empty list of token specs"),
    ({T: [["wonder"]]}, "field 'patterns[0][0]': a token spec is a mapping"),
    ({T: [[{}]]}, "field 'patterns[0][0]': a token spec is a mapping"),
    ({T: [[{"NORN": "x"}]]}, "unsupported token attribute 'NORN'; did you mean 'NORM'?"),
    ({T: [[{"REGEX": "x+"}]]}, "unsupported token attribute 'REGEX'"),
    ({T: [[{"LOWER": True}]]}, "LOWER takes a string or {IN: [...]}"),
    ({T: [[{"LOWER": {"IN": []}}]]}, "LOWER takes a string or {IN: [...]}"),
    ({T: [[{"LOWER": {"IN": [None]}}]]}, "LOWER takes a string or {IN: [...]}"),
    ({T: [[{"LOWER": {"REGEX": "x"}}]]}, "LOWER takes a string or {IN: [...]}"),
    ({T: [[{"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}}]]}, "LOWER takes a string or {IN: [...]}"),
    ({T: [[{"IS_ALPHA": "yes"}]]}, "IS_ALPHA takes true or false"),
    ({T: [[{"LENGTH": -1}]]}, "LENGTH takes a whole number from 0 to 2^64-1"),
    ({T: [[{"LENGTH": 2**64}]]}, "LENGTH takes a whole number from 0 to 2^64-1"),
    ({T: [[{"LENGTH": "3"}]]}, "LENGTH takes a whole number"),
    ({T: [[{"LENGTH": True}]]}, "LENGTH takes a whole number"),
    ({T: [[{"LOWER": "x", "OP": "x"}]]}, "field 'patterns[0][0]': OP must be ?, *, +, !"),
    ({T: [[{"LOWER": "x", "OP": "{1,2,3}"}]]}, "OP must be ?, *, +, !"),
    ({T: [[{"LOWER": "x", "OP": 1}]]}, "OP must be ?, *, +, !"),
]


@pytest.mark.parametrize(
    "changes, message", BROKEN_PACKS, ids=[str(list(c.items())[0]) for c, _ in BROKEN_PACKS]
)
def test_a_broken_pack_is_refused_by_both(tmp_path, changes, message):
    data = mutated(GOOD_PACK, changes)
    assert schema_errors(RULE_PACK, data), "the schema accepts it"
    with pytest.raises(RulePackError) as refused:
        hand_check_pack(tmp_path, data)
    assert message in str(refused.value) and "\n" not in str(refused.value)


BROKEN_EXTENSIONS = [
    ({("rules", 0, "severity"): "info"}, "field 'severity': a rule that extends another only adds"),
    ({("rules", 0, "phrases"): DELETE}, "a rule that extends another adds 'phrases' or 'patterns'"),
    ({("rules", 0, "extends"): "Demo Rule"}, "field 'extends': must be lower-case words"),
    ({("rules", 0, "examples"): ["x"]}, "field 'examples': needs 'flag' and/or 'pass' lists"),
    ({("rules", 0, "examples"): {"fla": ["x"]}}, "field 'examples.fla': unknown field"),
    ({("rules", 0, "examples"): {"flag": "x"}}, "field 'flag': must be a list"),
]


@pytest.mark.parametrize(
    "changes, message",
    BROKEN_EXTENSIONS,
    ids=[str(list(c.items())[0]) for c, _ in BROKEN_EXTENSIONS],
)
def test_a_broken_extending_rule_is_refused_by_both(tmp_path, changes, message):
    data = mutated(GOOD_EXTENSION, changes)
    assert schema_errors(RULE_PACK, data), "the schema accepts it"
    with pytest.raises(RulePackError) as refused:
        hand_check_pack(tmp_path, data, site=True)
    assert message in str(refused.value)


BROKEN_CONFIGS = [
    ({"selct": ["hype-word"]}, "unknown key 'selct'; did you mean 'select'?"),
    ({"fail_on": "error"}, "unknown key 'fail_on'; did you mean 'fail-on'?"),
    ({"fail-on": "fatal"}, "'fail-on': must be one of error, warning, info (got 'fatal')"),
    ({"jurisdictions": ["us", "ca"]}, "'jurisdictions': unknown jurisdiction 'ca'"),
    ({"jurisdictions": ["any"]}, "'jurisdictions': unknown jurisdiction 'any'"),
    ({"severity": {"guarantee": "fatal"}}, "'severity.guarantee': must be error, warning or info"),
    ({"severity": ["guarantee"]}, "'severity': must map rule ids or categories"),
    ({"select": [""]}, "'select': must be a list of strings"),
    ({"ignore": {"a": "b"}}, "'ignore': must be a list of strings"),
    ({"allow": 3}, "'allow': must be a list of strings (got 3)"),
    ({"allow": [3]}, "'allow': must be a list of strings"),
    ({"include": [None]}, "'include': must be a list of strings"),
    ({"rules-dirs": {"a": 1}}, "'rules-dirs': must be a list of strings"),
    ({"baseline": ""}, "'baseline': must be a non-empty string"),
    ({"baseline": 3}, "'baseline': must be a non-empty string"),
    ({"per-file": "blog/**"}, "'per-file': must map a glob to {select, ignore, severity}"),
    ({"per-file": {"blog/**": {}}}, "'per-file.blog/**': must be a mapping with select"),
    ({"per-file": {"blog/**": {"ignre": ["x"]}}}, "unknown key 'per-file.blog/**.ignre'"),
    (
        {"per-file": {"blog/**": {"severity": {"x": "high"}}}},
        "'per-file.blog/**.severity.x': must be error, warning or info",
    ),
    (["a list"], "the configuration must be a mapping"),
]


@pytest.mark.parametrize(
    "data, message", BROKEN_CONFIGS, ids=[m.split(":")[0][:40] for _, m in BROKEN_CONFIGS]
)
def test_a_broken_config_is_refused_by_both(tmp_path, data, message):
    assert schema_errors(CONFIG, data), "the schema accepts it"
    with pytest.raises(ConfigError) as refused:
        hand_check_config(tmp_path, data)
    assert message in str(refused.value) and "\n" not in str(refused.value)


# --- the hand validators read what the schemas declare --------------------------------------------


def _raw(name: str) -> dict:
    """A schema's definitions as the file says them (not through the loader under test)."""
    return json.loads((REPO / "copylint" / "schemas" / f"{name}.schema.json").read_text())["$defs"]


def test_the_hand_validators_key_sets_and_enums_are_the_schemas():
    pack = _raw("rule-pack")
    assert rulebook._PACK_KEYS == set(pack["pack"]["properties"])
    assert rulebook._RULE_KEYS == set(pack["rule"]["properties"])
    assert rulebook._EXTENDING_KEYS == set(pack["extending-rule"]["properties"])
    assert rulebook._EXAMPLE_KEYS == set(pack["examples"]["properties"])
    assert rulebook._SUGGESTION_KEYS == set(pack["suggestion"]["properties"])
    assert rulebook._REFERENCE_KEYS == set(pack["reference"]["properties"])
    assert rulebook.CONTEXTS == tuple(pack["context"]["enum"])
    assert rulebook.KINDS == tuple(pack["kind"]["enum"])
    assert rulebook.JURISDICTIONS == tuple(pack["jurisdiction"]["enum"])
    # every token attribute is of one kind the validator knows how to check
    typed = (
        rulebook._STRING_ATTRS,
        rulebook._BOOL_ATTRS,
        rulebook._INT_ATTRS,
        frozenset({"OP", "LEXICON"}),  # an operator; lexicon names (checked by the validator)
    )
    assert sum(len(kind) for kind in typed) == len(pack["token"]["properties"])
    assert frozenset().union(*typed) == set(pack["token"]["properties"])
    conf = _raw("config")
    assert list(config.KEYS) == list(conf["config"]["properties"])
    assert config._LAYER_KEYS == set(conf["layer"]["properties"])
    assert config.JURISDICTIONS == tuple(conf["jurisdiction"]["enum"])


# A value of each shape that the schema refuses for any key: one of these is wrong for each.
_WRONG_VALUES = ({"not": "expected"}, 12345, [[["nested"]]], True)


def _wrong_value(schema: Schema, data: dict, path: tuple) -> object:
    for value in _WRONG_VALUES:
        if schema_errors(schema, mutated(data, {path: value})):
            return value
    raise AssertionError(f"no wrong value for {path}")  # pragma: no cover


# the lead adds the pack's language (read and checked) separately; until then it is only allowed
_NOT_READ_YET: set[tuple[str, ...]] = set()
_PACK_FIELDS = [("pack", (key,)) for key in sorted(RULE_PACK.keys("pack"))] + [
    ("rule", R + (key,)) for key in sorted(RULE_PACK.keys("rule"))
]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            path,
            marks=[pytest.mark.xfail(strict=True, reason="not read yet")]
            if path in _NOT_READ_YET
            else [],
        )
        for _, path in _PACK_FIELDS
    ],
    ids=[f"{where}.{path[-1]}" for where, path in _PACK_FIELDS],
)
def test_every_pack_field_the_schema_declares_is_checked_by_the_hand_validator(tmp_path, path):
    """A key added to the schema but not read by rulebook.py would be accepted with any value."""
    data = mutated(GOOD_PACK, {path: _wrong_value(RULE_PACK, GOOD_PACK, path)})
    with pytest.raises(RulePackError) as refused:
        hand_check_pack(tmp_path, data)
    assert f"field '{path[-1]}': unknown field" not in str(refused.value)


@pytest.mark.parametrize(
    "path",
    [(key,) for key in sorted(CONFIG.keys("config"))]
    + [("per-file", "blog/**", key) for key in sorted(CONFIG.keys("layer"))],
    ids=lambda path: ".".join(path),
)
def test_every_config_key_the_schema_declares_is_checked_by_the_hand_validator(tmp_path, path):
    good = {"per-file": {"blog/**": {"ignore": ["guarantee"]}}}
    data = mutated(good, {path: _wrong_value(CONFIG, good, path)})
    with pytest.raises(ConfigError) as refused:
        hand_check_config(tmp_path, data)
    assert f"unknown key '{'.'.join(path)}'" not in str(refused.value)


# --- cost ----------------------------------------------------------------------------------------


def test_a_check_never_imports_jsonschema(tmp_path):
    """Importing jsonschema costs 90-140 ms; the validators read the schemas with json only."""
    page = tmp_path / "page.txt"
    page.write_text("It is FDA-approved.\n", encoding="utf-8")
    (tmp_path / ".copylint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    probe = (
        "import sys\nfrom copylint.cli import main\n"
        "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(page)], capture_output=True, cwd=tmp_path, timeout=60
    )
    assert result.stdout.decode().strip().splitlines()[-1] == "False", result.stderr.decode()
