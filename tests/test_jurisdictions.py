"""Which law applies is visible: `copylint init --jurisdiction` (or asked at a terminal), every
finding of a jurisdiction's rule names it, and a person at a terminal is told which ones are
checked when no configuration names them."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import yaml
from conftest import REPO, run_cli

from copylint.config import load_config

BOTOX = "Book your Botox today.\n"


def _jurisdictions(folder) -> tuple[str, ...] | None:
    return load_config(str(folder / ".copylint.yaml")).jurisdictions


def test_init_writes_the_jurisdictions_named(tmp_path):
    assert run_cli("init", "--jurisdiction", "us", str(tmp_path)).returncode == 0
    assert _jurisdictions(tmp_path) == ("us",)
    again = run_cli("init", "--force", "-j", "uk", "-j", "au", "-j", "uk", str(tmp_path))
    assert again.returncode == 0 and b"UK, AU law" in again.stdout
    assert _jurisdictions(tmp_path) == ("uk", "au")
    bad = run_cli("init", "--force", "-j", "fr", str(tmp_path))
    assert bad.returncode == 2 and b"'fr' is not one of" in bad.stderr


def test_init_without_a_terminal_writes_all_four(tmp_path):
    assert run_cli("init", str(tmp_path)).returncode == 0
    assert _jurisdictions(tmp_path) == ("us", "uk", "eu", "au")


def _on_a_terminal(args: list[str], cwd, answer: bytes = b"") -> str:
    """copylint ARGS with its standard streams on a pseudo-terminal; ``answer`` typed in."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "copylint", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(follower)
    if answer:
        os.write(leader, answer)
    said = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        said += chunk
    process.wait(timeout=60)
    os.close(leader)
    return said.decode("utf-8", "replace")


def test_init_asks_at_a_terminal_until_the_answer_is_known(tmp_path):
    said = _on_a_terminal(["init", str(tmp_path)], REPO, b"us, fr\nus, au\n")
    assert "Where does the site advertise?" in said and "unknown: fr" in said
    assert _jurisdictions(tmp_path) == ("us", "au")


def test_a_finding_of_a_jurisdictions_rule_names_it_in_every_format(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(BOTOX, encoding="utf-8")
    text = run_cli("check", "--no-config", str(page)).stdout.decode()
    assert "error names-prescription-medicine [UK/EU/AU] " in text
    found = json.loads(run_cli("check", "--no-config", "--format", "json", str(page)).stdout)
    assert [f["jurisdictions"] for f in found["findings"]] == [["uk", "eu", "au"]]
    sarif = json.loads(run_cli("check", "--no-config", "--format", "sarif", str(page)).stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["properties"]["jurisdictions"] == ["uk", "eu", "au"]
    github = run_cli(
        "check", "--no-config", "--format", "github", str(page), env={"GITHUB_ACTIONS": ""}
    )
    assert b"title=copylint names-prescription-medicine [UK/EU/AU]::" in github.stdout
    page.write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    anywhere = json.loads(run_cli("check", "--no-config", "--format", "json", str(page)).stdout)
    assert all("jurisdictions" not in f for f in anywhere["findings"])


def test_a_person_at_a_terminal_is_told_which_law_is_checked_when_none_is_named(tmp_path):
    (tmp_path / "page.txt").write_text(BOTOX, encoding="utf-8")
    hint = "checking the rules of US, UK, EU, AU law (no configuration names jurisdictions)"
    said = _on_a_terminal(["check", "--no-config", "page.txt"], tmp_path)
    assert said.count(hint) == 1 and "copylint init --jurisdiction us" in said
    assert hint not in run_cli("check", "--no-config", "page.txt", cwd=tmp_path).stderr.decode()
    (tmp_path / ".copylint.yaml").write_text(
        yaml.safe_dump({"jurisdictions": ["us"]}), encoding="utf-8"
    )
    said = _on_a_terminal(["check", "page.txt"], tmp_path)
    assert "checking the rules of" not in said and "No problems found" in said
