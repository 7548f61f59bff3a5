"""Walking a site: what is checked, what is skipped, and bad entries that must not stop a run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write

from copylint.files import WalkOptions, decode, discover


def _site(tmp_path):
    for relative in [
        "index.html",
        "blog/post.md",
        "blog/post.mdx",
        "data/faq.json",
        "layouts/base.njk",
        "notes.txt",
        "node_modules/pkg/readme.md",
        "dist/index.html",
        ".cache/page.html",
        "drafts/old.md",
        "script.js",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            '{"a": "A miracle cure."}' if relative.endswith(".json") else "A miracle cure.\n",
            encoding="utf-8",
        )
    return tmp_path


def _relative(found, root):
    return sorted(os.path.relpath(p, root) for p in found.files)


def test_walk_picks_known_formats_and_skips_dependencies_build_and_hidden_folders(tmp_path):
    root = _site(tmp_path)
    found = discover([str(root)], WalkOptions(gitignore=False))
    assert _relative(found, root) == [
        "blog/post.md",
        "blog/post.mdx",
        "data/faq.json",
        "drafts/old.md",
        "index.html",
        "layouts/base.njk",
        "notes.txt",
    ]


def test_exclude_and_include_globs(tmp_path):
    root = _site(tmp_path)
    found = discover([str(root)], WalkOptions(exclude=("drafts", "*.njk"), gitignore=False))
    assert "drafts/old.md" not in _relative(found, root) and "layouts/base.njk" not in _relative(
        found, root
    )
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
    assert "drafts/old.md" not in _relative(found, root) and "blog/post.mdx" not in _relative(
        found, root
    )
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
    result = run_cli(
        "check",
        "--force-format",
        "html",
        "-",
        stdin=b"<p>FDA-<b>approved</b></p><script>miracle</script>",
    )
    assert result.returncode == 1
    assert b"<stdin>:1:4: error regulator-approval" in result.stdout
    assert b"miracle" not in result.stdout.split(b"\n")[0]


# --- reliability (issue 14): special files, unreadable folders, submodules, git refusing -------

import functools  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

from copylint.files import UnreadableFile, read_bytes  # noqa: E402

GIT = [
    "git",
    "-c",
    "user.email=a@b",
    "-c",
    "user.name=t",
    "-c",
    "protocol.file.allow=always",
    "-c",
    "init.defaultBranch=main",
]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _as_other_user() -> list[str]:
    """A command prefix that runs as a user who is not the files' owner (root reads anything)."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop to another user")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if not _usable_by(tuple(prefix)):
        pytest.skip(
            "another user cannot run this interpreter with copylint (its virtual "
            "environment or checkout is private)"
        )
    return prefix


@functools.cache
def _usable_by(prefix: tuple[str, ...]) -> bool:
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import copylint, click, spacy"],
        capture_output=True,
        cwd="/",
        timeout=120,
    )
    return probe.returncode == 0


@pytest.fixture
def shared_dir():
    """A folder another user may enter (pytest's tmp_path is private to its owner)."""
    folder = tempfile.mkdtemp(prefix="copylint-test-")
    os.chmod(folder, 0o755)
    yield folder
    for directory, subdirs, _ in os.walk(folder):
        for d in subdirs:
            os.chmod(os.path.join(directory, d), 0o755)
    shutil.rmtree(folder)


def _cli_as(
    prefix: list[str], *args: str, cwd: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "HOME": tempfile.gettempdir(), **(env or {})}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "copylint", *args],
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_walk_is_skipped_with_a_note_and_named_is_an_error(tmp_path):
    """repro 17: a FIFO with a linted suffix blocked the run forever (walked, or named)."""
    os.mkfifo(_site(tmp_path) / "notes.md")
    result = run_cli("check", "--no-config", "--no-cache", str(tmp_path))
    assert result.returncode == 1, result.stderr  # the pages were checked
    assert "notes.md: warning: not a regular file (FIFO); skipped" in result.stderr.decode()
    result = run_cli("check", "--no-config", "--no-cache", str(tmp_path / "notes.md"))
    assert result.returncode == 2
    assert result.stderr.decode().strip().endswith("notes.md: error: not a regular file (FIFO)")
    with pytest.raises(UnreadableFile, match=r"not a regular file \(FIFO\)"):
        read_bytes(str(tmp_path / "notes.md"))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_named_or_linked_in_a_walk_is_refused_not_read(tmp_path):
    """repro 17: /dev/zero (named, or a symlink page.txt -> /dev/zero in a walk) read until
    memory ran out."""
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    (tmp_path / "page.txt").write_text("A miracle cure.\n", encoding="utf-8")
    result = run_cli("check", "--no-config", "--no-cache", str(tmp_path))
    assert result.returncode == 1
    assert (
        "zero.txt: warning: not a regular file (character device); skipped"
        in result.stderr.decode()
    )
    result = run_cli("check", "--no-config", "--no-cache", "/dev/zero", str(tmp_path / "page.txt"))
    assert result.returncode == 2 and b"page.txt:1:3" in result.stdout
    assert "/dev/zero: error: not a regular file (character device)" in result.stderr.decode()
    with pytest.raises(UnreadableFile, match="character device"):
        read_bytes(str(tmp_path / "zero.txt"))  # through a symlink too


def test_a_file_over_the_size_limit_is_refused_after_a_bounded_read(tmp_path, monkeypatch):
    """repro 17: reads are bounded (10 MiB by default, COPYLINT_MAX_FILE_SIZE bytes when set)."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    assert read_bytes(str(big), limit=2000) == b"a" * 2000
    with pytest.raises(UnreadableFile, match="larger than 1000 bytes"):
        read_bytes(str(big), limit=1000)
    monkeypatch.setenv("COPYLINT_MAX_FILE_SIZE", "1500")
    result = run_cli("check", "--no-config", "--no-cache", str(big))
    assert result.returncode == 2
    assert (
        "big.txt: error: larger than 1500 bytes, the most copylint reads of one file; not checked"
        in result.stderr.decode()
    )
    result = run_cli("check", "--no-config", "-", stdin=b"a" * 2000)
    assert (
        result.returncode == 2
        and "<stdin>: error: larger than 1500 bytes" in result.stderr.decode()
    )


def test_an_unreadable_folder_is_an_error_walked_or_named(shared_dir):
    """repro 18: an unreadable folder was skipped without a word (exit 0); named, click gave a
    usage error."""
    prefix = _as_other_user()
    site = os.path.join(shared_dir, "site")
    os.makedirs(os.path.join(site, "private"))
    os.chmod(site, 0o755)
    with open(os.path.join(site, "index.md"), "w") as handle:
        handle.write("A miracle cure.\n")
    with open(os.path.join(site, "private", "claims.md"), "w") as handle:
        handle.write("Our serum is FDA-approved.\n")
    os.chmod(os.path.join(site, "index.md"), 0o644)
    os.chmod(os.path.join(site, "private"), 0)
    message = (
        "site/private: error: cannot read this folder (permission denied); the files in "
        "it were not checked"
    )
    walked = _cli_as(prefix, "check", "--no-config", "--no-cache", "site", cwd=shared_dir)
    assert walked.returncode == 2, walked.stderr
    # the rest is checked
    assert message in walked.stderr.decode() and b"index.md:1:3" in walked.stdout
    named = _cli_as(prefix, "check", "--no-config", "--no-cache", "site/private", cwd=shared_dir)
    assert named.returncode == 2
    assert (
        named.stderr.decode().strip().splitlines()[-1] == message
        and "Usage" not in named.stderr.decode()
    )


def test_an_unreadable_file_named_is_the_same_one_line_error(shared_dir):
    """repro 18: named directly, an unreadable path is the run's one-line error, not click's
    usage error."""
    prefix = _as_other_user()
    secret = os.path.join(shared_dir, "secret.md")
    with open(secret, "w") as handle:
        handle.write("x")
    os.chmod(secret, 0)
    result = _cli_as(prefix, "check", "--no-config", "--no-cache", "secret.md", cwd=shared_dir)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "secret.md: error: permission denied"


def test_word_owner_files_are_not_walked(tmp_path):
    """repro 38: Word's owner file ~$page.docx (not a zip) failed the run while a draft was open."""
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")
    (tmp_path / "~$page.docx").write_bytes(
        b"\x0bJ. Smith" + b"\x00" * 44 + b"\x0b\x00J\x00.\x00" + b"\x00" * 102
    )
    found = discover([str(tmp_path)], WalkOptions(gitignore=False))
    assert _relative(found, tmp_path) == ["page.md"] and not found.skipped
    # named: checked (and its error shown)
    assert discover([str(tmp_path / "~$page.docx")]).files == [str(tmp_path / "~$page.docx")]


def test_file_names_that_are_not_utf8_are_walked_and_read(tmp_path):
    """repro 14 (discovery part): a Latin-1 file name is kept as str (surrogateescape) and read."""
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / name).write_bytes(b"A miracle cure.\n")
    for gitignore in (False, True):
        if gitignore and shutil.which("git"):
            subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        found = discover([str(tmp_path)], WalkOptions(gitignore=gitignore))
        assert found.files == [str(tmp_path / name)]
        assert read_bytes(found.files[0]) == b"A miracle cure.\n"


@needs_git
def test_pages_in_a_git_submodule_are_walked_with_its_own_gitignore(tmp_path):
    """repro 39: a submodule's pages were silently not checked from the site root (git ls-files
    lists it as one entry)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "page.md").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    (content / "draft.md").write_text("A miracle cure.\n", encoding="utf-8")
    (content / ".gitignore").write_text("draft.md\n", encoding="utf-8")
    subprocess.run([*GIT, "init", "-q", "."], cwd=content, check=True)
    subprocess.run([*GIT, "add", "."], cwd=content, check=True)
    subprocess.run([*GIT, "commit", "-qm", "c"], cwd=content, check=True)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("Plain words.\n", encoding="utf-8")
    subprocess.run([*GIT, "init", "-q", "."], cwd=site, check=True)
    subprocess.run([*GIT, "add", "."], cwd=site, check=True)
    subprocess.run([*GIT, "commit", "-qm", "s"], cwd=site, check=True)
    subprocess.run(
        [*GIT, "submodule", "add", "-q", str(content), "content"],
        cwd=site,
        check=True,
        capture_output=True,
    )
    # ignored inside the submodule
    (site / "content" / "draft.md").write_text("A miracle cure.\n", encoding="utf-8")
    # a clone inside the site that the site's .gitignore leaves out is not walked
    (site / ".gitignore").write_text("vendored/\n", encoding="utf-8")
    subprocess.run([*GIT, "clone", "-q", str(content), "vendored"], cwd=site, check=True)
    found = discover([str(site)])
    assert _relative(found, site) == ["content/page.md", "index.md"]
    result = run_cli("check", "--no-config", "--no-cache", ".", cwd=site)
    assert result.returncode == 1 and b"content/page.md:1:14" in result.stdout


@needs_git
def test_without_git_the_gitignore_files_are_read_directly_with_a_note(tmp_path):
    """repro 40: when git cannot be asked (not installed, or refusing the repository), .gitignore
    was silently ignored and ignored drafts were checked. The fallback answers as git does."""
    write_files = {
        ".gitignore": "drafts/\n*.mdx\n!keep.mdx\n/top.md\nbuild-*/\n",
        "index.md": "x",
        "keep.mdx": "x",
        "other.mdx": "x",
        "top.md": "x",
        "sub/top.md": "x",
        "drafts/old.md": "x",
        "build-1/a.md": "x",
        "sub/.gitignore": "*.txt\n!notes.txt\n",
        "sub/a.txt": "x",
        "sub/notes.txt": "x",
        "sub/deeper/b.txt": "x",
        "sub/deeper/c.md": "x",
        "excluded/e.md": "x",
        "docs/drafts/x.md": "x",
    }
    for name, text in write_files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("excluded/\n", encoding="utf-8")
    by_git = discover([str(tmp_path)])
    assert not by_git.skipped
    no_git = tmp_path / "no-git-here"
    no_git.mkdir()
    old_path = os.environ["PATH"]
    os.environ["PATH"] = str(no_git)
    try:
        by_files = discover([str(tmp_path), str(tmp_path / "sub")])
        inside_ignored = discover([str(tmp_path / "drafts")])
    finally:
        os.environ["PATH"] = old_path
    assert _relative(by_files, tmp_path) == _relative(by_git, tmp_path)
    assert _relative(by_git, tmp_path) == [
        "index.md",
        "keep.mdx",
        "sub/deeper/c.md",
        "sub/notes.txt",
        "sub/top.md",
    ]
    assert [p.message for p in by_files.skipped] == [
        "git could not be asked which files it ignores (git is not installed); read the "
        ".gitignore files instead"
    ]
    assert inside_ignored.files == []
    result = run_cli(
        "check", "--no-config", "--no-cache", ".", cwd=tmp_path, env={"PATH": str(no_git)}
    )
    assert (
        "warning: git could not be asked which files it ignores (git is not installed)"
        in result.stderr.decode()
    )
    assert b"drafts" not in result.stdout + result.stderr.replace(b"git could not", b"")


@needs_git
def test_a_repository_git_refuses_still_has_its_gitignore_honoured(shared_dir):
    """repro 40: git refuses a checkout owned by another user ("dubious ownership", CI
    containers)."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("needs a checkout owned by another user: run as root")
    prefix = _as_other_user()
    root = shared_dir
    write_root = Path(root)
    (write_root / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (write_root / "index.md").write_text("Plain words.\n", encoding="utf-8")
    (write_root / "drafts").mkdir()
    (write_root / "drafts" / "old.md").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", root], check=True)
    for directory, subdirs, names in os.walk(root):
        for name in subdirs + names:
            os.chmod(os.path.join(directory, name), 0o755)
    result = _cli_as(prefix, "check", "--no-config", "--no-cache", ".", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "git could not be asked which files it ignores (detected dubious ownership"
        in result.stderr.decode()
    )
    assert b"drafts" not in result.stdout


def test_the_sites_own_rule_packs_and_copylints_files_are_not_copy(tmp_path):
    """A site's rules-dirs hold rule examples full of claims, and the configuration names
    rules: neither is linted as a page (nor is the seeds' list of expected findings)."""
    pack = (REPO / "rules" / "hype-word.yaml").read_text(encoding="utf-8")
    pack = pack.replace("category: hype-word", "category: house-hype").replace("id: ", "id: house-")
    write(
        tmp_path,
        {
            ".copylint.yml": "rules-dirs: [house-rules]\nallow: [Miracle Mist]\n",
            "house-rules/hype.yaml": pack,
            "site/page.md": "Our peel is a miracle.\n",
        },
    )
    result = run_cli("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"site/page.md"}, result.stderr
    seeds = run_cli("check", "--format", "json", "seeds/")
    assert {Path(f["path"]).parent.name for f in json.loads(seeds.stdout)["findings"]} == {"seeds"}
    assert not list((REPO / "seeds").glob("*.yaml"))
