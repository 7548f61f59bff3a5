"""--changed-only REF in a real git repository: what a pull request introduced, whatever the
paths are called and however the user's git is configured."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import run_cli


@pytest.fixture
def repo(tmp_path):
    def git(*args):
        return subprocess.run(
            ["git", "-C", str(tmp_path), *args], check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    return tmp_path, git


def _found(root, *args):
    result = run_cli("check", "--format", "json", "--no-config", *args, ".", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"])


NAMES = ["plain.md", "with space.md", "café prices.md", 'quote"d.md', "tab\there.md"]


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_line_is_reported_whatever_the_file_is_called(repo, name):
    root, git = repo
    (root / name).write_text("Safe words.\n\nMore words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    (root / name).write_text("Safe words.\n\nOur serum is FDA-approved.\n", encoding="utf-8")
    assert _found(root, "--changed-only", "HEAD") == [(name, 3, "regulator-approval")]


def test_the_users_diff_prefix_settings_change_nothing(repo):
    root, git = repo
    (root / "page.md").write_text("Safe words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    (root / "page.md").write_text("Safe words.\n\nGuaranteed results.\n", encoding="utf-8")
    for setting in ("diff.mnemonicPrefix=true", "diff.noprefix=true"):
        key, value = setting.split("=")
        git("config", key, value)
        assert _found(root, "--changed-only", "HEAD") == [("page.md", 3, "guaranteed-results")], (
            setting
        )
        git("config", "--unset", key)


def test_base_dot_dot_dot_head_is_what_the_branch_changed(repo):
    root, git = repo
    (root / "page.md").write_text("A miracle cure.\n\nMore words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "feature")
    (root / "page.md").write_text("A miracle cure.\n\nGuaranteed results.\n", encoding="utf-8")
    git("commit", "-qam", "feature")
    git("checkout", "-q", "main")
    (root / "page.md").write_text("Safe words.\n\nMore words.\n", encoding="utf-8")
    git("commit", "-qam", "main moves on")
    git("checkout", "-q", "feature")
    # against main itself, the line main rewrote would count as this branch's
    assert ("page.md", 1, "cures") in _found(root, "--changed-only", "main")
    since_it_left = [("page.md", 3, "guaranteed-results")]
    assert _found(root, "--changed-only", "main...HEAD") == since_it_left
    assert _found(root, "--changed-only", "main...") == since_it_left


def test_a_bad_ref_says_what_to_give(repo):
    root, git = repo
    (root / "page.md").write_text("Guaranteed results.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    bad = run_cli("check", "--no-config", "--changed-only", "no-such-ref", ".", cwd=root)
    assert bad.returncode == 2
    assert "--changed-only no-such-ref: no commit 'no-such-ref' in this repository" in (
        bad.stderr.decode()
    )
    assert bad.stderr.decode().count("\n") == 1
    two_dots = run_cli("check", "--no-config", "--changed-only", "main..HEAD", ".", cwd=root)
    assert two_dots.returncode == 2 and "BASE...HEAD" in two_dots.stderr.decode()


def test_a_shallow_clone_gets_the_fetch_depth_hint(repo, tmp_path_factory):
    root, git = repo
    for n in range(3):
        (root / "page.md").write_text(f"Version {n}.\n", encoding="utf-8")
        git("add", ".")
        git("commit", "-qm", f"v{n}")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
        check=True,
        capture_output=True,
    )
    bad = run_cli("check", "--no-config", "--changed-only", "HEAD~2", ".", cwd=clone)
    assert bad.returncode == 2
    assert "shallow" in bad.stderr.decode() and "fetch-depth: 0" in bad.stderr.decode()


def test_a_renamed_page_reports_only_its_changed_lines_under_its_new_name(repo):
    root, git = repo
    page = "A miracle cure.\n\nOur clinic is in the town centre, near the station.\n\n" * 3
    (root / "old name.md").write_text(page + "More words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    git("mv", "old name.md", "new name.md")
    (root / "new name.md").write_text(page + "Guaranteed results.\n", encoding="utf-8")
    git("add", ".")
    assert _found(root, "--changed-only", "HEAD") == [("new name.md", 13, "guaranteed-results")]


def test_no_ref_inside_a_pull_request_workflow_means_its_base_branch(repo, tmp_path_factory):
    root, git = repo
    (root / "page.md").write_text("A miracle cure.\n\nMore words.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "base")
    origin = tmp_path_factory.mktemp("origin") / "site.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(root), str(origin)], check=True)
    git("remote", "add", "origin", str(origin))
    git("fetch", "-q", "origin")
    git("checkout", "-qb", "feature")
    (root / "page.md").write_text("A miracle cure.\n\nGuaranteed results.\n", encoding="utf-8")
    git("commit", "-qam", "feature")
    found = run_cli(
        "check",
        "--no-config",
        "--format",
        "json",
        "--changed-only",
        "--",
        ".",
        cwd=root,
        env={"GITHUB_BASE_REF": "main"},
    )
    rows = [(f["path"], f["line"], f["rule"]) for f in json.loads(found.stdout)["findings"]]
    assert rows == [("page.md", 3, "guaranteed-results")], found.stderr
    unset = run_cli(
        "check", "--no-config", "--changed-only", "--", ".", cwd=root, env={"GITHUB_BASE_REF": ""}
    )
    assert unset.returncode == 2 and b"GITHUB_BASE_REF is not set" in unset.stderr
