"""Walking a site: what is checked, what is skipped, and bad entries that must not stop a run."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import run_cli
from copylint.files import WalkOptions, decode, discover


def _site(tmp_path):
    for relative in ["index.html", "blog/post.md", "blog/post.mdx", "data/faq.json", "layouts/base.njk", "notes.txt",
                     "node_modules/pkg/readme.md", "dist/index.html", ".cache/page.html", "drafts/old.md", "script.js"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"a": "A miracle cure."}' if relative.endswith(".json") else "A miracle cure.\n", encoding="utf-8")
    return tmp_path


def _relative(found, root):
    return sorted(os.path.relpath(p, root) for p in found.files)


def test_walk_picks_known_formats_and_skips_dependencies_build_and_hidden_folders(tmp_path):
    root = _site(tmp_path)
    found = discover([str(root)], WalkOptions(gitignore=False))
    assert _relative(found, root) == ["blog/post.md", "blog/post.mdx", "data/faq.json", "drafts/old.md", "index.html", "layouts/base.njk", "notes.txt"]


def test_exclude_and_include_globs(tmp_path):
    root = _site(tmp_path)
    found = discover([str(root)], WalkOptions(exclude=("drafts", "*.njk"), gitignore=False))
    assert "drafts/old.md" not in _relative(found, root) and "layouts/base.njk" not in _relative(found, root)
    found = discover([str(root)], WalkOptions(include=("*.md",), gitignore=False))
    assert _relative(found, root) == ["blog/post.md", "drafts/old.md"]
    # an excluded file is not checked even when named
    assert discover([str(root / "drafts" / "old.md")], WalkOptions(exclude=("drafts",))).files == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignored_files_are_not_walked_inside_a_git_repo(tmp_path):
    root = _site(tmp_path)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("drafts/\n*.mdx\n", encoding="utf-8")
    found = discover([str(root / "blog"), str(root)])
    assert "drafts/old.md" not in _relative(found, root) and "blog/post.mdx" not in _relative(found, root)
    assert "blog/post.md" in _relative(found, root)
    assert "drafts/old.md" in _relative(discover([str(root)], WalkOptions(gitignore=False)), root)


def test_broken_and_looping_symlinks_are_reported_not_fatal(tmp_path):
    root = _site(tmp_path)
    os.symlink(root / "missing.md", root / "broken.md")
    os.symlink(root / "loop-b.md", root / "loop-a.md")
    os.symlink(root / "loop-a.md", root / "loop-b.md")
    os.symlink(root, root / "blog" / "again")  # a directory loop: not followed
    result = run_cli("check", "--no-gitignore", str(root))
    assert result.returncode == 1  # the other files were checked and have findings
    stderr = result.stderr.decode()
    assert "broken.md: warning: broken or looping symbolic link; skipped" in stderr
    assert "loop-a.md: warning: broken or looping symbolic link; skipped" in stderr
    assert result.stdout.count(b"index.html:1:3") == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_an_error_and_the_rest_is_checked(tmp_path):
    root = _site(tmp_path)
    secret = root / "secret.md"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    result = run_cli("check", "--no-gitignore", str(root))
    assert result.returncode == 2
    assert "secret.md: error: permission denied" in result.stderr.decode()
    assert b"index.html:1:3" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16", "utf-8-sig"])
def test_unicode_with_a_bom_decodes(encoding):
    data = "Café: a miracle\r\n".encode(encoding)
    decoded = decode(data)
    assert decoded.text == "Café: a miracle\r\n" and decoded.warning is None


def test_windows_1252_and_iso_8859_15_fall_back_with_a_warning_naming_them():
    assert decode("It’s a miracle".encode("cp1252")).warning.endswith("read as cp1252")
    assert decode(b"\x81 \xa4 miracle").encoding == "iso8859-15"


def test_force_format_reads_stdin_as_html():
    result = run_cli("check", "--force-format", "html", "-", stdin=b"<p>FDA-<b>approved</b></p><script>miracle</script>")
    assert result.returncode == 1
    assert b"<stdin>:1:4: error regulator-approval" in result.stdout
    assert b"miracle" not in result.stdout.split(b"\n")[0]
