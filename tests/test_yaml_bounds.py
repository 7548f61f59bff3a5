"""Hostile JSON and YAML: aliases, nesting, surrogate escapes, anchors, tags and Unicode line breaks
(reliability repros 07, 08, 11, 12, 13, 15 and 49). Every YAML file copylint reads -- content, front
matter, configuration, rule packs, the eval corpus -- is bounded; none may hang or exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml
from conftest import assert_maps_back, run_cli, write
from scaling import assert_linear

from copylint.sources.data import project_json, project_yaml
from copylint.sources.markdown import project_markdown
from copylint.sources.projection import SourceError
from copylint.yamlfile import MAX_ALIAS_VALUES, MAX_DEPTH, load_text


def check(*args: str, cwd, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real CLI with a timeout: a hang fails the test instead of stalling the suite."""
    return subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--no-cache", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


def findings(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def assert_contract(path, found: list[dict]) -> None:
    """README's JSON contract: the span of each finding reads, in the file, as its text."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for f in found:
        assert f["line"] == f["end_line"]
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"], f


def laughs(levels: int, top: str = 'a0: &a0 "Our serum is FDA-approved and a miracle."\n') -> str:
    """Billion laughs: each level is a list of ten aliases of the one before."""
    lines = [top]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]\n")
    return "".join(lines)


# --- aliases in content (repros 07, 08) ---------------------------------------------------------


def test_recursive_alias_in_content_is_read_once_at_its_anchor(tmp_path):
    """repro 07: `&a [... *a]` (a list that holds itself) hung forever, in a content file and in
    front matter. An alias adds nothing: the text is reported once, where the file holds it."""
    write(
        tmp_path,
        {
            "content.yaml": "faq: &a\n  - Our serum is FDA-approved.\n  - *a\n",
            "page.md": "---\ntitle: &t [Safe and FDA-approved, *t]\n---\n# Hello\n",
        },
    )
    result = check("--no-config", "--format", "json", "content.yaml", "page.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    got = sorted(
        (f["path"], f["where"], f["line"], f["text"])
        for f in findings(result)
        if f["rule"] == "regulator-approval"
    )
    assert got == [
        ("content.yaml", "yaml:faq.0", 2, "FDA-approved"),
        ("page.md", "frontmatter:title.0", 2, "FDA-approved"),
    ]
    assert_contract(
        tmp_path / "content.yaml", [f for f in findings(result) if f["path"] == "content.yaml"]
    )
    assert_contract(tmp_path / "page.md", [f for f in findings(result) if f["path"] == "page.md"])


def test_nested_aliases_in_content_add_no_values():
    """repro 08: billion laughs in a content file: 222 -> 2222 -> 22222 findings, then no end.
    The anchored value is read once; the aliases contribute nothing."""
    for levels in (1, 3, 9, 30):
        projection = project_yaml(laughs(levels))
        assert [b.kind for b in projection.blocks] == ["yaml:a0"], levels


def test_nested_aliases_in_content_cost_linear_time():
    """repro 08: the time grew with the expansion (43 s at 4 levels), not with the file."""
    # (before timing: the expansion itself never ends)
    assert len(project_yaml(laughs(3)).blocks) == 1
    assert_linear(lambda n: laughs(n), project_yaml, base=20)


def test_aliases_still_read_where_they_are_anchored_and_merge_keys_work():
    source = "base: &b\n  title: Completely safe.\npage:\n  <<: *b\n  body: Guaranteed results.\n"
    assert [
        (b.kind, t)
        for b, t in ((b, project_yaml(source).block_text(b)) for b in project_yaml(source).blocks)
    ] == [("yaml:base.title", "Completely safe."), ("yaml:page.body", "Guaranteed results.")]
    with pytest.raises(SourceError, match="undefined alias 'nowhere'"):
        project_yaml("a: *nowhere\n")


# --- aliases in copylint's own files (repro 12) -------------------------------------------------


def _config_bomb() -> str:
    lines = ["select:\n", '  - &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    lines += [f"  - &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)]
    return "".join(lines)


def test_billion_laughs_in_config_pack_and_corpus_is_refused(tmp_path):
    """repro 12: a 440-byte .copylint.yaml (or rule pack) whose aliases expand to 9^9 values ran out
    of memory (MemoryError, exit 3). Now: one line naming the file, exit 2."""
    bomb = _config_bomb()
    write(
        tmp_path,
        {
            ".copylint.yaml": bomb,
            "page.txt": "Our serum is FDA-approved.\n",
            "packs/x.yaml": "version: 1\ncategory: x\ntitle:\n"
            + bomb.split("\n", 1)[1]
            + "rules: []\n",
            "corpus.yaml": "- text: &t0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"- text: &t{i} [{', '.join([f'*t{i - 1}'] * 9)}]\n" for i in range(1, 9)),
        },
    )
    result = check("page.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert ".copylint.yaml" in result.stderr and "aliases stand for more than" in result.stderr
    result = check("--no-config", "--rules", "packs", "page.txt", cwd=tmp_path)
    assert (
        result.returncode == 2 and "packs/x.yaml" in result.stderr and "aliases" in result.stderr
    ), result.stderr
    result = run_cli("eval", "corpus.yaml", cwd=tmp_path)
    assert (
        result.returncode == 2 and b"corpus.yaml" in result.stderr and b"aliases" in result.stderr
    ), result.stderr


def test_recursive_alias_in_config_is_refused(tmp_path):
    """repro 07/12 for copylint's own files: a node that holds itself is refused by name."""
    write(tmp_path, {".copylint.yaml": "select: &a [*a]\n", "page.txt": "Fine.\n"})
    result = check("page.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert ".copylint.yaml" in result.stderr and "recursive alias" in result.stderr, result.stderr


def test_alias_bounds_leave_ordinary_aliases_alone():
    assert load_text("a: &x [1, 2]\nb: *x\nc: {<<: {k: v}, d: 1}\n") == {
        "a": [1, 2],
        "b": [1, 2],
        "c": {"k": "v", "d": 1},
    }

    def aliases(count: int) -> str:  # each alias stands for 1,001 values (the list and its items)
        return "x: &x [" + ", ".join(["1"] * 1000) + "]\ny: [" + ", ".join(["*x"] * count) + "]\n"

    assert len(load_text(aliases(MAX_ALIAS_VALUES // 1001))["y"]) == MAX_ALIAS_VALUES // 1001
    with pytest.raises(yaml.YAMLError, match="aliases stand for more than"):
        load_text(aliases(MAX_ALIAS_VALUES // 1001 + 1))


def test_built_in_packs_load_as_pyyaml_reads_them():
    from copylint.rulebook import default_rules_dir
    from copylint.yamlfile import Yaml12Loader

    for path in sorted(default_rules_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load_text(text) == yaml.load(text, Loader=Yaml12Loader), path  # noqa: S506 (a SafeLoader)


# --- nesting (repro 11) -------------------------------------------------------------------------


def test_deep_nesting_is_one_error_per_file_and_the_rest_is_checked(tmp_path):
    """repro 11: 100,000 `[` (or 3,000 nested keys) was a RecursionError, exit 3. Now each such file
    is refused by name (exit 2) and the other files are still checked."""
    write(
        tmp_path,
        {
            "deep.json": "[" * 100000 + "]" * 100000,
            "deep2.json": '{"a":' * 3000 + '"Our serum is FDA-approved."' + "}" * 3000,
            "deep.yaml": "[" * 5000 + "]" * 5000,
            "deepmap.yaml": "\n".join("  " * i + "k:" for i in range(3000)) + " x\n",
            "ok.txt": "Our serum is FDA-approved.\n",
        },
    )
    result = check(
        "--no-config",
        "--format",
        "json",
        "deep.json",
        "deep2.json",
        "deep.yaml",
        "deepmap.yaml",
        "ok.txt",
        cwd=tmp_path,
    )
    assert result.returncode == 2, result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4 and all(
        f"nested more than {MAX_DEPTH} levels deep" in line for line in errors
    ), errors
    assert {line.split(":")[0] for line in errors} == {
        "deep.json",
        "deep2.json",
        "deep.yaml",
        "deepmap.yaml",
    }
    assert [f["path"] for f in findings(result) if f["rule"] == "regulator-approval"] == ["ok.txt"]


def test_nesting_up_to_the_limit_is_read():
    claim = '"Our serum is FDA-approved."'
    assert project_json("[" * MAX_DEPTH + claim + "]" * MAX_DEPTH).blocks
    assert project_yaml("[" * MAX_DEPTH + claim + "]" * MAX_DEPTH).blocks
    with pytest.raises(SourceError, match="nested more than"):
        project_json("[" * (MAX_DEPTH + 1) + claim + "]" * (MAX_DEPTH + 1))
    with pytest.raises(SourceError, match="nested more than"):
        project_yaml("[" * (MAX_DEPTH + 1) + claim + "]" * (MAX_DEPTH + 1))
    # brackets inside strings are text, not nesting
    assert project_json('{"a": "' + "[" * 5000 + ' FDA-approved"}').blocks
    with pytest.raises(yaml.YAMLError, match="nested more than"):
        load_text("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_deep_nesting_in_config_is_refused(tmp_path):
    write(
        tmp_path,
        {".copylint.yaml": "select: " + "[" * 800 + "]" * 800 + "\n", "page.txt": "Fine.\n"},
    )
    result = check("page.txt", cwd=tmp_path)
    assert (
        result.returncode == 2
        and ".copylint.yaml" in result.stderr
        and "nested more than" in result.stderr
    ), result.stderr


# --- surrogate escapes (repro 13) ---------------------------------------------------------------


def test_lone_surrogate_escapes_become_replacement_characters():
    """repro 13: "\\ud800" (valid JSON, and valid YAML) put an unencodable character in the
    finding's sentence: UnicodeEncodeError writing the cache or the report, exit 3."""
    source = (
        '{"faq": [{"answer": "Our serum is FDA-approved \\ud800 and safe.", "\\udc00k": '
        '"It is \\udfff safe."}]}'
    )
    projection = project_json(source)
    assert (
        "\ud800" not in projection.text
        and "\udc00" not in projection.text
        and "\udfff" not in projection.text
    )
    text = projection.block_text(projection.blocks[0])
    assert text == "Our serum is FDA-approved \ufffd and safe."
    at = text.index("\ufffd")
    assert source[slice(*projection.to_source(at, at + 1))] == "\\ud800"
    assert [b.kind for b in projection.blocks] == ["json:faq.0.answer", "json:faq.0.\ufffdk"]
    yaml_source = (
        'q: "Our serum is FDA-approved \\ud800 \\U0000DFFF."\n"\\ud800k": "It is \\udc00 safe"\n'
    )
    projection = project_yaml(yaml_source)
    assert [(b.kind, projection.block_text(b)) for b in projection.blocks] == [
        ("yaml:q", "Our serum is FDA-approved \ufffd \ufffd."),
        ("yaml:\ufffdk", "It is \ufffd safe"),
    ]
    assert_maps_back(projection, yaml_source)


def test_surrogate_pair_escapes_in_yaml_are_one_character():
    """repro 13: JSON-style pair escapes in YAML (PyYAML keeps two lone halves) are the emoji."""
    source = 'title: "A miraculous serum \\ud83d\\ude00 is FDA-approved"\n'
    projection = project_yaml(source)
    text = projection.block_text(projection.blocks[0])
    assert text == "A miraculous serum \U0001f600 is FDA-approved"
    at = text.index("\U0001f600")
    assert source[slice(*projection.to_source(at, at + 1))] == "\\ud83d\\ude00"
    at = text.index("FDA-approved")
    assert source[slice(*projection.to_source(at, at + 12))] == "FDA-approved"
    # an escaped line break between the halves
    split = 'title: "A \\ud83d\\\n   \\ude00 FDA-approved"\n'
    projection = project_yaml(split)
    assert projection.block_text(projection.blocks[0]) == "A \U0001f600 FDA-approved"
    assert split[slice(*projection.to_source(2, 3))] == "\\ud83d\\\n   \\ude00"


def test_surrogate_escapes_print_in_every_format_and_cache(tmp_path):
    write(
        tmp_path,
        {
            "faq.json": '{"faq": [{"answer": "Our serum is FDA-approved \\ud800 and safe."}]}\n',
            "faq.yaml": 'q: "Our serum is FDA-approved \\ud800."\n',
            "emoji.yaml": 'title: "A miraculous serum \\ud83d\\ude00"\n',
        },
    )
    for options in ([], ["--format", "json"], ["--format", "sarif"]):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "copylint",
                "check",
                "--no-config",
                *options,
                "faq.json",
                "faq.yaml",
                "emoji.yaml",
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 1, (options, result.stderr)


# --- anchors, tags, Unicode line breaks (repros 15, 49) -----------------------------------------


def test_anchored_and_tagged_values_are_read_at_their_text(tmp_path):
    """repro 15: a value with an anchor or tag was reported at the anchor with a zero-width span;
    a value with a local tag (!custom) was never read."""
    write(
        tmp_path,
        {
            "page.yaml": (
                "a: &x Our serum is FDA-approved.\nb: !!str Our serum is FDA-approved.\n"
                'c: &y "Our serum is FDA-approved."\n'
                "d: !custom Our serum is FDA-approved.\ne: Our serum is FDA-approved.\n"
                "f: &z !!str |\n  Our serum is FDA-approved.\n"
                "g: !!binary aGVsbG8gd29ybGQ=\n"
            )
        },
    )
    result = check("--no-config", "--format", "json", "page.yaml", cwd=tmp_path)
    found = [f for f in findings(result) if f["rule"] == "regulator-approval"]
    assert [f["where"] for f in found] == [
        "yaml:a",
        "yaml:b",
        "yaml:c",
        "yaml:d",
        "yaml:e",
        "yaml:f",
    ]
    assert_contract(tmp_path / "page.yaml", found)


@pytest.mark.parametrize(
    "name, text",
    [
        ("plain.yaml", "q: Intro\x85 Our serum is FDA-approved.\n"),
        ("double.yaml", 'q: "Intro\x85 Our serum is FDA-approved."\n'),
        ("single.yaml", "q: 'Intro\x85  Our serum is FDA-approved.'\n"),
        ("escaped.yaml", 'q: "Intro \\\x85  Our serum is FDA-approved."\n'),
        ("separator.yaml", "q: Intro\u2028 Our serum is FDA-approved.\n"),
        ("folded.yaml", "q: >\n  Intro\u2029\n  Our serum is FDA-approved.\n"),
        ("front.md", "---\ntitle: Intro\x85 Our serum is FDA-approved.\n---\n# Page\n"),
    ],
)
def test_values_after_a_unicode_line_break_keep_their_positions(tmp_path, name, text):
    """repro 49: YAML reads NEL (and U+2028/U+2029) as a line break; every position after one was
    a zero-width point at the break."""
    write(tmp_path, {name: text})
    result = check("--no-config", "--format", "json", name, cwd=tmp_path)
    found = [f for f in findings(result) if f["rule"] == "regulator-approval"]
    assert len(found) == 1, result.stdout
    assert_contract(tmp_path / name, found)


def test_every_yaml_value_maps_back_without_zero_width_points():
    source = (
        "a: &x Completely safe\x85 and FDA-approved.\n"
        'b: !t "No \\"side\\" effects\u2028 at all"\nc: &y |\n  A miracle\x85  cure.\n'
    )
    projection = project_yaml(source)
    assert_maps_back(projection, source)
    assert all(src_len for _, _, _, src_len in projection.offsets.segments())
    front = "---\n" + source + "---\n# Page\n"
    projection = project_markdown(front)
    assert_maps_back(projection, front)
    assert [b.kind for b in projection.blocks if b.kind.startswith("frontmatter")] == [
        "frontmatter:a",
        "frontmatter:b",
        "frontmatter:c",
    ]


def test_eval_corpus_is_read_with_the_same_bounds(tmp_path):
    write(tmp_path, {"corpus.yaml": "- &e {text: &t [*t], label: ok}\n"})
    result = run_cli("eval", "corpus.yaml", cwd=tmp_path)
    assert (
        result.returncode == 2
        and b"corpus.yaml" in result.stderr
        and b"recursive alias" in result.stderr
    ), result.stderr


def test_a_front_matter_error_names_the_line_in_the_page():
    """repro 11 through front matter: the error is the page's, with the page's line number."""
    # the mapping is a level too
    with pytest.raises(
        SourceError,
        match=r"^front matter: invalid YAML: nested more than 500 levels deep \(line 3, column "
        r"503\)",
    ):
        project_markdown("---\ntitle: Hi\nt: " + "[" * 600 + "]" * 600 + "\n---\n# Page\n")


@pytest.mark.parametrize(
    "name, data",
    [
        ("page.yaml", b"\x01"),
        ("page.yaml", b"q: a\x1fb\n"),
        ("page.md", b"---\ntitle: a\x1f\n---\n# Hi\n"),
    ],
)
def test_control_characters_yaml_refuses_are_one_line_errors(tmp_path, name, data):
    """Found by tests/test_fuzz.py: PyYAML's reader refuses them before the first event, which
    was exit 3."""
    (tmp_path / name).write_bytes(data)
    result = run_cli("check", "--no-config", "--no-cache", str(tmp_path / name))
    assert result.returncode == 2, result.stderr
    assert b"unacceptable character" in result.stderr and b"internal error" not in result.stderr
