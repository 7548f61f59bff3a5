"""Configuration: discovery, precedence (CLI > per-file > file > defaults), every setting, and
the error message of each kind of broken configuration."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import uncommented_starter, write

from copylint.config import STARTER, ConfigError, find_config, load_config
from copylint.yamlfile import Yaml12Loader

# miracle-language (warning), guaranteed-results (error)
RISKY = "<p>Our miraculous serum gives guaranteed results.</p>\n"


def rules_of(invoked) -> list[tuple[str, str, str]]:
    """(path, rule, severity) of each standing finding in a JSON report."""
    assert invoked.exit_code in (0, 1), invoked
    return [(f["path"], f["rule"], f["severity"]) for f in json.loads(invoked.stdout)["findings"]]


# --- discovery ---------------------------------------------------------------------------


def test_the_nearest_config_above_the_checked_path_is_used(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "ignore: [hype-word]\n",
            "site/.copylint.yaml": "ignore: [guarantee]\n",
            "site/pages/a.html": RISKY,
        },
    )
    assert find_config(str(tmp_path / "site/pages/a.html")) == str(tmp_path / "site/.copylint.yaml")
    found = rules_of(invoke("check", "--format", "json", "site/pages", cwd=tmp_path))
    assert [r for _, r, _ in found] == ["miracle-language"]


def test_pyproject_tool_section_is_read_and_yaml_wins_in_the_same_folder(tmp_path, invoke):
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.copylint]\nignore = ["hype-word"]\n',
            "a.html": RISKY,
        },
    )
    assert find_config(str(tmp_path)).endswith("pyproject.toml")
    assert [
        r for _, r, _ in rules_of(invoke("check", "--format", "json", "a.html", cwd=tmp_path))
    ] == ["guaranteed-results"]
    write(tmp_path, {".copylint.yaml": "ignore: [guarantee]\n"})
    assert find_config(str(tmp_path)).endswith(".copylint.yaml")
    assert [
        r for _, r, _ in rules_of(invoke("check", "--format", "json", "a.html", cwd=tmp_path))
    ] == ["miracle-language"]


def test_a_pyproject_without_a_copylint_section_is_not_a_config(tmp_path):
    write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n', "sub/a.txt": "x"})
    assert find_config(str(tmp_path / "sub")) is None or not find_config(
        str(tmp_path / "sub")
    ).startswith(str(tmp_path))


def test_config_option_overrides_discovery_and_no_config_ignores_it(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "ignore: [guarantee]\n",
            "other.yaml": "ignore: [hype-word]\n",
            "a.html": RISKY,
        },
    )
    assert [
        r
        for _, r, _ in rules_of(
            invoke("check", "--format", "json", "--config", "other.yaml", "a.html", cwd=tmp_path)
        )
    ] == ["guaranteed-results"]
    assert (
        len(rules_of(invoke("check", "--format", "json", "--no-config", "a.html", cwd=tmp_path)))
        == 2
    )
    missing = invoke("check", "--config", "nope.yaml", "a.html", cwd=tmp_path)
    assert missing.exit_code == 2 and "nope.yaml: configuration file not found" in missing.stderr


# --- precedence ----------------------------------------------------------------------------


def test_precedence_cli_over_per_file_over_file_over_defaults(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": (
                "severity: {miracle-language: error}\n"  # file over the default (warning)
                "per-file:\n"
                "  'blog/**':\n"
                "    severity: {miracle-language: info}\n"  # per-file over file
                "    ignore: [guarantee]\n"
            ),
            "index.html": RISKY,
            "blog/post.html": RISKY,
        },
    )
    found = rules_of(invoke("check", "--format", "json", "--fail-on", "info", ".", cwd=tmp_path))
    assert ("index.html", "miracle-language", "error") in found
    assert ("index.html", "guaranteed-results", "error") in found
    assert ("blog/post.html", "miracle-language", "info") in found
    assert not any(p == "blog/post.html" and r == "guaranteed-results" for p, r, _ in found)
    # the command line wins over the per-file ignore: --select resets the choice of rules
    found = rules_of(
        invoke("check", "--format", "json", "--select", "guarantee", ".", cwd=tmp_path)
    )
    assert sorted(found) == [
        ("blog/post.html", "guaranteed-results", "error"),
        ("index.html", "guaranteed-results", "error"),
    ]


def test_fail_on_from_config_and_cli(tmp_path, invoke):
    write(
        tmp_path, {".copylint.yaml": "fail-on: error\n", "a.html": "<p>A miraculous serum.</p>\n"}
    )
    assert invoke("check", "a.html", cwd=tmp_path).exit_code == 0  # a warning only
    assert invoke("check", "--fail-on", "warning", "a.html", cwd=tmp_path).exit_code == 1


def test_select_and_severity_by_category(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "select: [hype-word, guarantee]\nseverity: {guarantee: info}\n",
            "a.html": RISKY + "<p>It is FDA-approved.</p>\n",
        },
    )
    found = rules_of(invoke("check", "--format", "json", ".", cwd=tmp_path))
    assert sorted(found) == [
        ("a.html", "guaranteed-results", "info"),
        ("a.html", "miracle-language", "warning"),
    ]


def test_context_softening_applies_to_the_configured_severity(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "severity: {guaranteed-results: warning}\n",
            "a.txt": "These may give guaranteed results.\n",
        },
    )
    found = rules_of(
        invoke("check", "--format", "json", "--fail-on", "info", "a.txt", cwd=tmp_path)
    )
    # hedged: one step below the configured warning
    assert found == [("a.txt", "guaranteed-results", "info")]


# --- settings --------------------------------------------------------------------------------

UK_PACK = """\
version: 1
category: uk-only
title: A UK rule
rules:
  - id: nhs-endorsed
    severity: error
    jurisdictions: [uk]
    message: Claims NHS endorsement.
    phrases: [endorsed by the NHS]
    references: [{title: CAP Code, url: "https://www.asa.org.uk/codes-and-rulings/advertising-codes.html"}]
    suggestions: [{advice: Remove it.}]
    examples: {flag: [Endorsed by the NHS.], pass: [Not connected with the NHS.]}
"""


def test_jurisdiction_specific_rules_load_only_when_selected(tmp_path, invoke):
    write(
        tmp_path,
        {
            "rules/uk.yaml": UK_PACK,
            "a.txt": "Our clinic is endorsed by the NHS.\n",
            ".copylint.yaml": "rules-dirs: [rules]\njurisdictions: [us]\n",
        },
    )
    assert rules_of(invoke("check", "--format", "json", "a.txt", cwd=tmp_path)) == []
    explained = invoke("explain", "nhs-endorsed", cwd=tmp_path)
    assert (
        "not loaded: a rule for uk, and the jurisdictions in .copylint.yaml are us"
        in explained.stdout
    )
    write(tmp_path, {".copylint.yaml": "rules-dirs: [rules]\njurisdictions: [us, uk]\n"})
    assert [
        r for _, r, _ in rules_of(invoke("check", "--format", "json", "a.txt", cwd=tmp_path))
    ] == ["nhs-endorsed"]


def test_include_and_exclude_globs_are_relative_to_the_config(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "exclude: ['site/legal/**']\ninclude: ['**/*.html', '**/*.tpl']\n",
            "site/legal/terms.html": RISKY,
            "site/page.tpl": "Guaranteed results.\n",
            "site/notes.md": "Guaranteed results.\n",
            "site/index.html": RISKY,
        },
    )
    found = {p for p, _, _ in rules_of(invoke("check", "--format", "json", "site", cwd=tmp_path))}
    assert found == {"site/index.html", "site/page.tpl"}
    # a file named on the command line is still excluded (pre-commit names every file)
    assert (
        rules_of(invoke("check", "--format", "json", "site/legal/terms.html", cwd=tmp_path)) == []
    )


def test_allow_phrases_suppress_with_a_reason(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "allow: [Miracle Mist]\n",
            "a.txt": "Try Miracle-Mist today. A miracle cure.\n",
        },
    )
    report = json.loads(
        invoke("check", "--format", "json", "--show-suppressed", "a.txt", cwd=tmp_path).stdout
    )
    by_text = {f["text"]: f for f in report["findings"] if f["rule"] == "miracle-language"}
    assert by_text["Miracle"]["suppressed_by"] == ["allow"]
    assert "Miracle Mist" in by_text["Miracle"]["reason"]
    assert "suppressed_by" not in by_text["miracle"]


EXTENDING_PACK = """\
version: 1
category: hype-word
rules:
  - extends: miracle-language
    phrases: [wonder serum]
    examples: {flag: [Our wonder serum works.]}
  - id: house-no-downtime
    replaces: minimal-side-effects
    severity: info
    message: Says there is no downtime; house style prefers "little downtime".
    phrases: [no downtime]
    references: [{title: House style, url: "https://example.com/style"}]
    suggestions: [{replace: little downtime}]
    examples: {flag: [There is no downtime.], pass: [Some downtime is usual.]}
"""


def test_a_site_pack_can_extend_and_replace_built_in_rules(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "rules-dirs: [house]\n",
            "house/hype.yaml": EXTENDING_PACK,
            "a.txt": "Our wonder serum means no downtime.\n",
        },
    )
    found = rules_of(
        invoke("check", "--format", "json", "--fail-on", "info", "a.txt", cwd=tmp_path)
    )
    assert ("a.txt", "miracle-language", "warning") in found
    assert ("a.txt", "house-no-downtime", "info") in found
    listed = invoke("rules", cwd=tmp_path).stdout
    assert "house-no-downtime" in listed and "minimal-side-effects" not in listed
    tested = invoke("test-rules", cwd=tmp_path)
    assert tested.exit_code == 0, tested
    assert "ok    miracle-language" in tested.stdout and "ok    house-no-downtime" in tested.stdout


def test_baseline_location_from_config(tmp_path, invoke):
    write(tmp_path, {".copylint.yaml": "baseline: ci/parked.json\n", "a.html": RISKY})
    (tmp_path / "ci").mkdir()
    assert invoke("baseline", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "ci/parked.json").is_file()
    assert invoke("check", "a.html", cwd=tmp_path).exit_code == 0


# --- explain -----------------------------------------------------------------------------------


def test_explain_says_whether_and_why_a_rule_is_enabled(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "ignore: [hype-word]\nseverity: {guaranteed-results: warning}\n"
            "per-file:\n  'blog/**': {ignore: [guarantee]}\n"
        },
    )
    ignored = invoke("explain", "miracle-language", cwd=tmp_path).stdout
    assert "DISABLED" in ignored and "disabled by ignore in .copylint.yaml" in ignored
    changed = invoke("explain", "guaranteed-results", cwd=tmp_path).stdout
    assert (
        "ENABLED at severity warning" in changed
        and "severity warning by severity in .copylint.yaml" in changed
    )
    assert "per-file 'blog/**'" in changed
    for_blog = invoke("explain", "guaranteed-results", "--path", "blog/x.md", cwd=tmp_path).stdout
    assert "DISABLED" in for_blog and "per-file 'blog/**'" in for_blog
    default = invoke("explain", "guaranteed-results", "--no-config", cwd=tmp_path).stdout
    assert "ENABLED at severity error" in default and "no configuration file" in default


# --- init ----------------------------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter_and_never_overwrites(tmp_path, invoke):
    assert invoke("init", cwd=tmp_path).exit_code == 0
    written = (tmp_path / ".copylint.yaml").read_text(encoding="utf-8")
    assert written == STARTER and written.count("#") > 10
    load_config(str(tmp_path / ".copylint.yaml"))  # valid as written
    uncommented = yaml.load(written, Loader=Yaml12Loader)
    assert set(uncommented) == {"jurisdictions", "fail-on", "exclude"}
    again = invoke("init", cwd=tmp_path)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert invoke("init", "--force", cwd=tmp_path).exit_code == 0


def test_every_commented_key_in_the_starter_is_valid(tmp_path):
    """Uncommenting the examples in the starter gives a configuration that loads."""
    write(tmp_path, {".copylint.yaml": uncommented_starter(), "copylint-rules/.keep": ""})
    try:
        config = load_config(str(tmp_path / ".copylint.yaml"))
    except ConfigError as exc:  # pragma: no cover - shows which line broke
        pytest.fail(str(exc))
    assert config.allow == ("Miracle Mist",) and config.per_file


# --- errors --------------------------------------------------------------------------------------

BAD_CONFIGS = [
    ("selct: [hype-word]\n", "unknown key 'selct'; did you mean 'select'?"),
    ("fail_on: error\n", "unknown key 'fail_on'; did you mean 'fail-on'?"),
    ("fail-on: fatal\n", "'fail-on': must be one of error, warning, info (got 'fatal')"),
    ("jurisdictions: [us, ca]\n", "'jurisdictions': unknown jurisdiction 'ca'"),
    (
        "select: hype-wrd\n",
        "'select': unknown rule or category 'hype-wrd' (did you mean 'hype-word'?)",
    ),
    (
        "severity: {guarantee: fatal}\n",
        "'severity.guarantee': must be error, warning or info (got 'fatal')",
    ),
    (
        "per-file:\n  'blog/**': {ignre: [x]}\n",
        "unknown key 'per-file.blog/**.ignre'; did you mean 'ignore'?",
    ),
    (
        "per-file:\n  'blog/**': {ignore: [guarantees]}\n",
        "'per-file.blog/**.ignore': unknown rule or category 'guarantees' (did you mean "
        "'guarantee'?)",
    ),
    ("allow: 3\n", "'allow': must be a list of strings (got 3)"),
    ("- a list\n", "the configuration must be a mapping"),
    ("select: [a\n", "not valid YAML (line 2, column 1)"),
    ("rules-dirs: [missing]\n", "missing: rule pack directory not found"),
]


@pytest.mark.parametrize(
    "text, message", BAD_CONFIGS, ids=[m.split(":")[0][:30] for _, m in BAD_CONFIGS]
)
def test_a_broken_config_is_one_line_naming_file_and_key(tmp_path, invoke, text, message):
    write(tmp_path, {".copylint.yaml": text, "a.txt": "fine\n"})
    result = invoke("check", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2, result
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    if "rule pack" not in message:
        assert ".copylint.yaml" in result.stderr


def test_broken_pyproject_and_broken_site_pack(tmp_path, invoke):
    write(tmp_path, {"pyproject.toml": "[tool.copylint]\nignore = [\n", "a.txt": "fine\n"})
    result = invoke("check", "a.txt", cwd=tmp_path)
    assert (
        result.exit_code == 2 and "pyproject.toml [tool.copylint]: not valid TOML" in result.stderr
    )
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.copylint]\nrules-dirs = ['house']\n",
            "house/x.yaml": "version: 1\ncategory: hype-word\nrules:\n"
            "  - extends: miracle-languag\n    phrases: [x y]\n",
        },
    )
    result = invoke("check", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        "x.yaml: rule 'miracle-languag': field 'extends': no rule 'miracle-languag' to "
        "extend (did you mean 'miracle-language'?)" in result.stderr
    )


def test_built_in_packs_cannot_extend(tmp_path, invoke):
    write(
        tmp_path,
        {
            "packs/x.yaml": "version: 1\ncategory: x\ntitle: X\nrules:\n"
            "  - extends: miracle-language\n    phrases: [x y]\n",
            "a.txt": "fine\n",
        },
    )
    result = invoke("check", "--rules", "packs", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2 and "only a site's own rule pack" in result.stderr


def test_worker_processes_apply_the_same_configuration(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "per-file:\n  'blog/**': {ignore: [guarantee]}\n"
            "allow: [Miracle Mist]\n",
            **{f"blog/p{i}.md": "Guaranteed results with Miracle Mist.\n" for i in range(3)},
            **{f"p{i}.md": "Guaranteed results with Miracle Mist.\n" for i in range(3)},
        },
    )
    serial = rules_of(invoke("check", "--format", "json", ".", cwd=tmp_path))
    parallel = rules_of(invoke("check", "--format", "json", "--jobs", "2", ".", cwd=tmp_path))
    assert serial == parallel
    assert sorted(p for p, _, _ in parallel) == ["p0.md", "p1.md", "p2.md"]


def test_opt_in_rules_of_one_jurisdiction_load_only_when_it_is_chosen(tmp_path, invoke):
    write(
        tmp_path,
        {
            "a.txt": "Book your stem cell therapy today. Patients report thicker hair within "
            "weeks.\n"
        },
    )
    default = {
        rule for _, rule, _ in rules_of(invoke("check", "--format", "json", "a.txt", cwd=tmp_path))
    }
    assert "biological-advertised-au" not in default and "testimonial-au" not in default
    assert "patient-outcome-testimonial" in default
    assert "opt-in rule for au" in invoke("explain", "testimonial-au", cwd=tmp_path).stdout

    write(tmp_path, {".copylint.yaml": "jurisdictions: [au]\n"})
    chosen = rules_of(invoke("check", "--format", "json", "a.txt", cwd=tmp_path))
    assert ("a.txt", "biological-advertised-au", "error") in chosen
    # outranks the general warning on the same words
    assert (
        "a.txt",
        "testimonial-au",
        "error",
    ) in chosen

    write(tmp_path, {".copylint.yaml": "jurisdictions: [us, uk]\n"})
    assert "testimonial-au" not in {
        rule for _, rule, _ in rules_of(invoke("check", "--format", "json", "a.txt", cwd=tmp_path))
    }


def test_an_opt_in_rule_must_name_its_jurisdictions(tmp_path, invoke):
    pack = UK_PACK.replace("    jurisdictions: [uk]\n", "    opt_in: true\n")
    write(
        tmp_path,
        {"rules/uk.yaml": pack, "a.txt": "fine\n", ".copylint.yaml": "rules-dirs: [rules]\n"},
    )
    result = invoke("check", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2 and "opt_in" in result.stderr and "jurisdictions" in result.stderr


def test_a_huge_value_in_a_config_error_is_cut_short(tmp_path):
    """repro 12: the schema check quoted repr(value) whole; aliases within the bound may still stand
    for 100,000 values, so the message is cut short and stays one line."""
    from copylint.config import ConfigError, load_config

    path = tmp_path / ".copylint.yaml"
    path.write_text(
        "select: [&x [" + ", ".join(["lol"] * 1000) + "], " + ", ".join(["*x"] * 90) + "]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_config(str(path))
    message = str(raised.value)
    assert (
        len(message) < 600
        and "\n" not in message
        and ".copylint.yaml: 'select': must be a list of strings" in message
    )
