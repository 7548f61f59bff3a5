"""The loaded rulebook is kept between runs in the user's cache folder: read only when it is
this user's own private file, rebuilt when anything it was built from changes, and never a reason
for a run to fail."""

import os
import pickle
import subprocess
import sys

import pytest
from conftest import REPO

from copylint.rulebook import Rulebook

RISKY = "Our stem cell therapy is FDA-approved.\n"
HOUSE_PACK = (
    "version: 1\ncategory: house\ntitle: House words\n"
    "references: [{title: House style, url: 'https://example.org'}]\n"
    "rules:\n  - id: house-word\n    severity: warning\n    message: A word we avoid.\n"
    "    phrases: [stem cell]\n    suggestions: [{advice: Say something else.}]\n"
    "    examples: {flag: [A stem cell clinic.], pass: [A clinic.]}\n"
)


def run(tmp_path, cache, *args):
    page = tmp_path / "page.txt"
    if not page.exists():
        page.write_text(RISKY)
    environment = {**os.environ, "COPYLINT_RULES_CACHE": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--no-cache", "--no-config", *args, str(page)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
    )


def entries(cache):
    return sorted(cache.glob("rules-*.pickle")) if cache.is_dir() else []


def poison(entry):
    """An entry with the right name that holds a rulebook without rules: a run that reads it
    finds nothing."""
    entry.write_bytes(pickle.dumps(Rulebook([], {})))


def test_a_run_keeps_the_rulebook_and_the_next_one_reads_it(tmp_path):
    cache = tmp_path / "cache"
    first = run(tmp_path, cache)
    assert first.returncode == 1, first.stderr
    [entry] = entries(cache)
    assert (cache.stat().st_mode & 0o777, entry.stat().st_mode & 0o777) == (0o700, 0o600)
    assert run(tmp_path, cache).stdout == first.stdout
    poison(entry)
    assert run(tmp_path, cache).returncode == 0  # proof that the entry is what the run used


@pytest.mark.parametrize("damage", ["garbage", "group-writable", "symlink", "folder-open"])
def test_an_entry_that_is_not_this_users_private_file_is_not_read(tmp_path, damage):
    cache = tmp_path / "cache"
    expected = run(tmp_path, cache).stdout
    [entry] = entries(cache)
    if damage == "garbage":
        entry.write_bytes(b"\x80\x05not a pickle")
    else:
        poison(entry)
    if damage == "group-writable":
        entry.chmod(0o664)
    elif damage == "symlink":
        planted = tmp_path / "planted.pickle"
        entry.rename(planted)
        entry.symlink_to(planted)
    elif damage == "folder-open":
        cache.chmod(0o777)
    result = run(tmp_path, cache)
    assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")


def test_an_edited_pack_makes_a_new_entry(tmp_path):
    cache, packs = tmp_path / "cache", tmp_path / "packs"
    packs.mkdir()
    pack = packs / "house.yaml"
    pack.write_text(HOUSE_PACK)
    first = run(tmp_path, cache, "--rules", str(packs))
    assert "house-word" in first.stdout, first.stderr
    pack.write_text(HOUSE_PACK.replace("[stem cell]", "[therapy]"))
    second = run(tmp_path, cache, "--rules", str(packs))
    assert len(entries(cache)) == 2
    assert "house-word" in second.stdout


def test_off_writes_nothing_and_an_unwritable_folder_costs_nothing_but_time(tmp_path):
    assert run(tmp_path, "off").returncode == 1
    assert not list(tmp_path.glob("**/rules-*.pickle"))
    blocked = tmp_path / "file-in-the-way"
    blocked.write_text("")
    result = run(tmp_path, blocked / "cache")
    assert (result.returncode, result.stderr) == (1, "")


def test_a_clean_page_with_a_kept_rulebook_imports_neither_spacy_nor_yaml(tmp_path):
    cache = tmp_path / "cache"
    page = tmp_path / "clean.txt"
    page.write_text("Our clinic is open Monday to Friday.\n")
    probe = (
        "import sys\nfrom copylint.cli import main\n"
        "try:\n    main(['check', '--no-cache', '--no-config', sys.argv[1]])\n"
        "except SystemExit as exit:\n    print(exit.code, 'spacy' in sys.modules, "
        "'yaml' in sys.modules)\n"
    )
    environment = {**os.environ, "COPYLINT_RULES_CACHE": str(cache)}
    outputs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(page)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=environment,
            timeout=60,
        ).stdout.split("\n")[-2]
        for _ in range(2)
    ]
    assert outputs == ["0 False True", "0 False False"]
