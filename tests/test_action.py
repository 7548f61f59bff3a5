"""action.yml: a well-formed composite action whose commands use options copylint has."""

from __future__ import annotations

import re

import yaml
from conftest import REPO, run_cli


def test_action_is_a_composite_action_with_the_documented_inputs():
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {"paths", "args", "fail-on", "sarif-file", "version"}
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        # composite run steps need a shell
        assert "uses" in step or step.get("shell") == "bash", step
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def test_every_option_the_action_passes_exists():
    action = (REPO / "action.yml").read_text(encoding="utf-8")
    help_text = run_cli("check", "--help").stdout.decode()
    for option in set(re.findall(r"check (?:[^\n]*?)(--[a-z-]+)", action)) | set(
        re.findall(r" (--(?:format|output|fail-on))\b", action)
    ):
        assert option in help_text, option


def test_pre_commit_manifest_names_the_hook_and_runs_serially():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert (
        hook["id"] == "copylint"
        and hook["entry"] == "copylint check"
        and hook["language"] == "python"
    )
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    for name in [
        "a.html",
        "b.md",
        "c.mdx",
        "d.njk",
        "e.liquid",
        "f.j2",
        "g.json",
        "h.yml",
        "i.txt",
        "j.docx",
    ]:
        assert pattern.search(name), name
    assert not pattern.search("app.js") and not pattern.search("style.css")


def test_pre_commit_hook_passes_exactly_the_suffixes_copylint_reads():
    """The hook's `files` is the format table's suffix list: a format added without the hook
    (or a suffix in the hook that no format reads) fails here."""
    from copylint.sources import LINTED_SUFFIXES

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    expected = r"\.(" + "|".join(sorted(s.removeprefix(".") for s in LINTED_SUFFIXES)) + ")$"
    assert hook["files"] == expected, f"set files: {expected} in .pre-commit-hooks.yaml"
    assert "types_or" not in hook and hook["types"] == ["file"]
