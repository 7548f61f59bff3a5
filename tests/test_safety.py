"""What copylint writes and deletes, and through what (issue 14).

The guarantees: copylint deletes and writes only inside a cache folder it created and marked
(CACHEDIR.TAG) and in files the user named (--output, the baseline); it never follows a symbolic
link when it creates or deletes its own files; a report never replaces one of the run's inputs;
no file name, cache entry, baseline or output path makes it exit 3.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_cli, write

from copylint import baseline as baseline_module
from copylint import cache
from copylint.cache import ResultCache, run_key
from copylint.config import Layer
from copylint.settings import Settings

RISKY = "Our serum is FDA-approved.\n"
TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"


def snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every path under root as lstat sees it: links by target, files by content (links not
    followed)."""
    seen: dict[str, tuple] = {}
    for directory, folders, names in os.walk(root):
        for name in folders + names:
            path = Path(directory) / name
            if skip is not None and (path == skip or skip in path.parents):
                continue
            key = str(path.relative_to(root))
            if path.is_symlink():
                seen[key] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[key] = ("dir",)
            else:
                seen[key] = ("file", path.read_bytes())
    return seen


def categories(n: int) -> list[str]:
    return sorted(Settings().full_rulebook().categories)[:n]


# --- the cache deletes and writes only inside folders it created and marked ---------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cache_dir_naming_an_existing_folder_leaves_everything_in_it_alone(
    tmp_path, invoke, monkeypatch, how
):
    """repro 01: --cache-dir (or COPYLINT_CACHE_DIR) on a project folder pruned all but 7 of its
    subfolders and wrote a .gitignore of '*' into it. Now the cache goes in a .copylint_cache folder
    that copylint makes inside it, even after enough settings changes to prune old run folders."""
    project = tmp_path / "project"
    for i in range(12):
        write(project, {f"important{i}/data.txt": f"precious data {i}"})
        # older than any run folder
        os.utime(project / f"important{i}", (1_000_000 + i, 1_000_000 + i))
    write(project, {"page.txt": RISKY})
    before = snapshot(project)
    option = ["--cache-dir", str(project)] if how == "option" else []
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(project))
    # each is a run folder of its own: pruning happens
    for category in categories(cache.KEPT_RUN_FOLDERS + 3):
        result = invoke(
            "check", "--no-config", *option, "--ignore", category, "page.txt", cwd=project
        )
        assert result.exit_code in (0, 1) and "warning" not in result.stderr
    ours = project / cache.DIRECTORY
    assert snapshot(project, skip=ours) == before, (
        "nothing outside copylint's own folder was written or removed"
    )
    assert (ours / "CACHEDIR.TAG").read_bytes().startswith(TAG_SIGNATURE)
    assert (ours / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert len([p for p in ours.iterdir() if p.is_dir()]) == cache.KEPT_RUN_FOLDERS


def test_a_shipped_cache_symlink_is_not_followed(tmp_path, invoke, monkeypatch):
    """repro 02: a repository that ships .copylint_cache as a link to another folder (here a
    stand-in for $HOME) made a plain check prune that folder and write a .gitignore there."""
    monkeypatch.delenv("COPYLINT_CACHE_DIR")
    home = tmp_path / "home"
    for i in range(10):
        write(home, {f"project{i}/notes.md": f"work {i}"})
        os.utime(home / f"project{i}", (1_000_000 + i, 1_000_000 + i))
    repo = write(tmp_path / "repo", {".copylint.yaml": "jurisdictions: [us]\n", "index.md": RISKY})
    (repo / cache.DIRECTORY).symlink_to(home)
    before = snapshot(home)
    for _ in range(2):
        result = invoke("check", ".", cwd=repo)
        assert result.exit_code == 1 and "regulator-approval" in result.stdout
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert (
            len(warnings) == 1
            and "symbolic link" in warnings[0]
            and "does not use the result cache" in warnings[0]
        )
    assert snapshot(home) == before
    assert (repo / cache.DIRECTORY).is_symlink()


def test_a_shipped_gitignore_symlink_in_an_untagged_cache_creates_nothing(
    tmp_path, invoke, monkeypatch
):
    """repro 36: .copylint_cache/.gitignore shipped as a dangling link made copylint create the
    link's target (any writable path). A folder copylint did not tag is not its cache: unused."""
    monkeypatch.delenv("COPYLINT_CACHE_DIR")
    victim = tmp_path / "victim"
    victim.mkdir()
    repo = write(tmp_path / "repo", {".copylint.yaml": "jurisdictions: [us]\n", "index.md": RISKY})
    (repo / cache.DIRECTORY).mkdir()
    (repo / cache.DIRECTORY / ".gitignore").symlink_to(victim / "created-by-copylint")
    result = invoke("check", ".", cwd=repo)
    assert result.exit_code == 1 and "not a copylint cache" in result.stderr
    assert list(victim.iterdir()) == []
    assert sorted(p.name for p in (repo / cache.DIRECTORY).iterdir()) == [".gitignore"]


def test_a_tagged_cache_with_planted_links_is_used_without_following_them(tmp_path, invoke):
    """Even in a folder with copylint's tag (which a repository could ship), links stay links:
    a dangling .gitignore is not created, a run folder or entry that is a link is never written
    through, and pruning removes only real run folders (a link named like one is kept)."""
    victim = write(
        tmp_path / "victim",
        {"keep.txt": "precious", "0123456789abcdef01234567/data.txt": "precious too"},
    )
    shipped = tmp_path / "cache"
    shipped.mkdir()
    (shipped / "CACHEDIR.TAG").write_bytes(cache._TAG_TEXT)
    (shipped / ".gitignore").symlink_to(victim / "created-by-copylint")
    # named like a run folder
    (shipped / "aaaaaaaaaaaaaaaaaaaaaaaa").symlink_to(victim / "0123456789abcdef01234567")
    (shipped / "notes").mkdir()  # not copylint's
    (shipped / "notes" / "mine.txt").write_text("mine", encoding="utf-8")
    page = write(tmp_path / "site", {"page.txt": RISKY}) / "page.txt"
    planted = ResultCache(str(shipped), Settings(cli=Layer(ignore=(categories(1)[0],))))
    (shipped / planted.key).symlink_to(victim)  # the run folder of the first settings below
    before = snapshot(victim)
    for category in categories(cache.KEPT_RUN_FOLDERS + 3):
        result = invoke(
            "check", "--no-config", "--cache-dir", str(shipped), "--ignore", category, str(page)
        )
        assert result.exit_code in (0, 1)
    # entries that are links: replaced by files, their targets untouched
    run_folders = [
        p
        for p in shipped.iterdir()
        if p.is_dir() and not p.is_symlink() and cache._RUN_NAME.fullmatch(p.name)
    ]
    entry = next(run_folders[0].glob("*.json"))
    entry.unlink()
    entry.symlink_to(victim / "keep.txt")
    ignored = next(
        c
        for c in categories(cache.KEPT_RUN_FOLDERS + 3)
        if ResultCache(str(shipped), Settings(cli=Layer(ignore=(c,)))).key == run_folders[0].name
    )
    again = invoke(
        "check", "--no-config", "--cache-dir", str(shipped), "--ignore", ignored, str(page)
    )
    assert again.exit_code in (0, 1)
    assert snapshot(victim) == before
    assert not (victim / "created-by-copylint").exists()
    assert (shipped / "aaaaaaaaaaaaaaaaaaaaaaaa").is_symlink() and (
        shipped / planted.key
    ).is_symlink()
    assert (shipped / "notes" / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert (
        not entry.is_symlink()
        and json.loads(entry.read_text(encoding="utf-8"))["format"] == cache.FORMAT
    )


def test_the_cache_folder_is_created_whole_with_its_tag_and_gitignore(tmp_path):
    """A folder that did not exist: built under a temporary name, with CACHEDIR.TAG and .gitignore,
    then renamed into place (so a folder without the tag is never one copylint made)."""
    parent = tmp_path / "a" / "b"
    store = ResultCache(str(parent / "cache"), Settings())
    from copylint.engine import lint_paths

    lint_paths([str(write(tmp_path / "site", {"page.txt": RISKY}))], Settings(), cache=store)
    assert sorted(p.name for p in parent.iterdir()) == ["cache"], "no temporary folder left behind"
    assert sorted(p.name for p in (parent / "cache").iterdir()) == sorted(
        [".gitignore", "CACHEDIR.TAG", store.key]
    )


# --- clean ----------------------------------------------------------------------------------------


def test_clean_never_removes_a_project_whose_gitignore_mentions_copylint(
    tmp_path, invoke, monkeypatch
):
    """repro 03: clean removed any folder whose .gitignore contained "copylint" (a site root that
    ignores .copylint_cache/, as many do)."""
    site = write(
        tmp_path / "site",
        {
            ".gitignore": "node_modules/\n.copylint_cache/\n",
            "pages/index.md": "hello",
            ".copylint.yaml": "jurisdictions: [us]\n",
        },
    )
    before = snapshot(site)
    monkeypatch.setenv("COPYLINT_CACHE_DIR", "site")
    result = invoke("clean", cwd=tmp_path)
    assert result.exit_code == 0 and "no cache at" in result.stdout
    monkeypatch.delenv("COPYLINT_CACHE_DIR")
    (site / cache.DIRECTORY).mkdir()
    (site / cache.DIRECTORY / ".gitignore").write_text(
        "# Created by copylint: its result cache is not for version control.\n*\n", encoding="utf-8"
    )
    refused = invoke("clean", cwd=site)
    assert refused.exit_code == 2 and "not a copylint cache" in refused.stderr
    assert (
        snapshot(site, skip=site / cache.DIRECTORY) == before
        and (site / cache.DIRECTORY / ".gitignore").is_file()
    )


def test_clean_refuses_a_link_and_removes_only_copylints_own_files(tmp_path, invoke):
    victim = write(tmp_path / "victim", {"0123456789abcdef01234567/data.txt": "precious"})
    (tmp_path / "link").symlink_to(victim)
    refused = invoke("clean", "--cache-dir", str(tmp_path / "link"))
    assert (
        refused.exit_code == 2
        and "symbolic link" in refused.stderr
        and (victim / "0123456789abcdef01234567" / "data.txt").is_file()
    )

    page = write(tmp_path / "site", {"page.txt": RISKY}) / "page.txt"
    store = tmp_path / "cache"
    invoke("check", "--no-config", "--cache-dir", str(store), str(page))
    write(store, {"mine.txt": "not copylint's"})
    (store / "bbbbbbbbbbbbbbbbbbbbbbbb").symlink_to(victim / "0123456789abcdef01234567")
    kept = invoke("clean", "--cache-dir", str(store))
    assert kept.exit_code == 2 and "mine.txt" in kept.stderr
    assert sorted(p.name for p in store.iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "bbbbbbbbbbbbbbbbbbbbbbbb",
        "mine.txt",
    ]
    assert (victim / "0123456789abcdef01234567" / "data.txt").is_file()
    (store / "mine.txt").unlink()
    (store / "bbbbbbbbbbbbbbbbbbbbbbbb").unlink()
    removed = invoke("clean", "--cache-dir", str(store))
    assert removed.exit_code == 0 and not store.exists()


# --- what an entry holds ------------------------------------------------------------------------


def test_the_same_name_and_bytes_in_two_folders_keep_their_own_per_file_results(
    tmp_path, invoke, monkeypatch
):
    """repro 34: entries were keyed by the path as typed, so shop/a.md checked from inside shop/
    got blog/a.md's result (blog/ ignores hype-word): a missed claim, exit 0."""
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    root = write(
        tmp_path / "site",
        {
            ".copylint.yaml": 'per-file:\n  "blog/**":\n    ignore: [hype-word]\n',
            "blog/a.md": "A miraculous serum.\n",
            "shop/a.md": "A miraculous serum.\n",
        },
    )
    assert invoke("check", "a.md", cwd=root / "shop").exit_code == 1
    assert invoke("check", "a.md", cwd=root / "blog").exit_code == 0
    shop = invoke("check", "a.md", cwd=root / "shop")
    assert shop.exit_code == 1 and "miracle-language" in shop.stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: f.update(severity="bogus"),
        lambda f: f.update(line="1"),
        lambda f: f.update(rule="no-such-rule"),
        lambda f: f.update(contexts=[1]),
        lambda f: f.update(suggestions=5),
        lambda f: f.update(fix={"start": 3}),
        lambda f: f.update(suppressed_by="baseline"),
        lambda f: f.pop("message"),
    ],
    ids=["severity", "line", "rule", "contexts", "suggestions", "fix", "suppressed_by", "missing"],
)
def test_a_hand_edited_entry_with_a_bad_value_is_a_miss(tmp_path, invoke, damage):
    """repro 44: an entry with valid JSON but a bad value (severity 'bogus') was trusted and
    crashed the report (exit 3). Entries are validated when read; a bad one is checked again."""
    page = write(tmp_path / "site", {"page.txt": RISKY}) / "page.txt"
    first = invoke(
        "check", "--no-config", "--cache-dir", str(tmp_path / "c"), "--format", "json", str(page)
    )
    (entry,) = (tmp_path / "c").rglob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    damage(data["findings"][0])
    entry.write_text(json.dumps(data), encoding="utf-8")
    again = invoke(
        "check", "--no-config", "--cache-dir", str(tmp_path / "c"), "--format", "json", str(page)
    )
    assert again.exit_code == 1 and again.stdout == first.stdout


def test_the_key_holds_the_versions_of_spacy_and_pyromark(monkeypatch):
    """Another spaCy (tokenizer, sentences) or pyromark (Markdown events) may find other things."""
    from importlib import metadata

    real = metadata.version
    before = run_key(Settings())
    for package in ("spacy", "pyromark"):
        monkeypatch.setattr(
            metadata,
            "version",
            lambda name, package=package: "0.0.1" if name == package else real(name),
        )
        assert run_key(Settings()) != before, package
    monkeypatch.setattr(metadata, "version", real)
    assert run_key(Settings()) == before


# --- file names that are not UTF-8 --------------------------------------------------------------


def test_file_names_that_are_not_utf8_are_reported_escaped_everywhere(tmp_path):
    """repro 14: a Latin-1 file name (caf\\xe9.md) crashed with the cache on, crashed SARIF, and
    JSON output was not UTF-8. Policy: each undecodable byte is shown as \\xNN in every report
    (SARIF URIs percent-encode the real bytes), the cache keeps the name exactly; never exit 3."""
    site = tmp_path / "site"
    write(site, {"clean.md": "Nothing to see.\n"})
    (site / os.fsdecode(b"caf\xe9.md")).write_text(RISKY, encoding="utf-8")
    (site / os.fsdecode(b"clean\xe9.md")).write_text(
        "# a clean page with the odd name\n", encoding="utf-8"
    )
    env = {"PYTHONIOENCODING": "utf-8", "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}
    for run in range(2):  # the second run reads every result from the cache
        for output_format in ("text", "json", "sarif", "github"):
            done = run_cli(
                "check", "--no-config", "--format", output_format, "site", cwd=tmp_path, env=env
            )
            assert done.returncode == 1, (run, output_format, done.stderr)
            out = done.stdout.decode("utf-8")  # strict: valid UTF-8
            if output_format == "json":
                assert [f["path"] for f in json.loads(out)["findings"]] == ["site/caf\\xe9.md"]
            elif output_format == "sarif":
                uris = {
                    loc["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(out)["runs"][0]["results"]
                    for loc in r["locations"]
                }
                assert uris == {"site/caf%E9.md"}
            else:
                assert "site/caf\\xe9.md:1" in out or "file=site/caf\\xe9.md," in out
    made = run_cli("baseline", "--no-config", "site", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    parked = json.loads((tmp_path / ".copylint-baseline.json").read_bytes().decode("utf-8"))
    assert [e["path"] for e in parked["findings"]] == ["site/caf\\xe9.md"]
    assert run_cli("check", "--no-config", "site", cwd=tmp_path, env=env).returncode == 0, (
        "the baselined finding matches"
    )


# --- --output ---------------------------------------------------------------------------------


def test_output_onto_an_input_is_refused_and_nothing_is_overwritten(tmp_path, invoke):
    """repro 04: --output naming a checked file (named, found by a walk, a hard link to it, the
    configuration) replaced the page with the report; eval --output onto its corpus too."""
    root = write(
        tmp_path / "site",
        {
            "page.txt": RISKY,
            "pages/index.md": "# Title\n" + RISKY,
            ".copylint.yaml": "fail-on: error\n",
        },
    )
    os.link(root / "page.txt", root / "alias.txt")
    before = snapshot(root)
    for output, paths in (
        ("page.txt", ["page.txt"]),
        ("pages/index.md", ["pages"]),
        ("alias.txt", ["page.txt"]),
        (".copylint.yaml", ["page.txt"]),
    ):
        result = invoke("check", "--no-cache", "--format", "json", "-o", output, *paths, cwd=root)
        assert result.exit_code == 2 and result.stdout == "", output
        (line,) = result.stderr.strip().splitlines()
        assert output in line and "not overwriting it" in line
    assert snapshot(root) == before
    import shutil

    from copylint.rulebook import default_rules_dir

    # The packs only: a copy of the shipped language file would redefine English (refused).
    packs = Path(
        shutil.copytree(
            default_rules_dir(), tmp_path / "packs", ignore=shutil.ignore_patterns("lang")
        )
    )
    pack = sorted(packs.glob("*.yaml"))[0]
    text = pack.read_bytes()
    onto_pack = invoke(
        "check",
        "--no-config",
        "--no-cache",
        "--rules",
        str(packs),
        "-o",
        str(pack),
        "page.txt",
        cwd=root,
    )
    assert (
        onto_pack.exit_code == 2
        and "not overwriting it" in onto_pack.stderr
        and pack.read_bytes() == text
    )
    corpus = (
        write(
            tmp_path,
            {
                "corpus.yaml": '- text: "Our serum is FDA-approved."\n  label: risky\n'
                "  categories: [regulatory-status]\n"
            },
        )
        / "corpus.yaml"
    )
    text = corpus.read_text(encoding="utf-8")
    refused = invoke("eval", str(corpus), "--output", str(corpus))
    assert (
        refused.exit_code == 2
        and "not overwriting it" in refused.stderr
        and corpus.read_text(encoding="utf-8") == text
    )


def test_a_text_report_written_to_a_file_has_no_colour(tmp_path, invoke, monkeypatch):
    """repro 05: --output of text carried ANSI escapes (colour belongs to a terminal only)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    page = write(tmp_path, {"page.txt": RISKY}) / "page.txt"
    result = invoke(
        "check",
        "--no-config",
        "--no-cache",
        "--format",
        "text",
        "-o",
        str(tmp_path / "report.txt"),
        str(page),
    )
    assert result.exit_code == 1
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "regulator-approval" in report and "\x1b" not in report


def test_an_output_or_summary_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path, invoke, monkeypatch
):
    """repro 06: --output into a missing or unwritable folder, or an unwritable GITHUB_STEP_SUMMARY,
    was an internal error (exit 3)."""
    page = write(tmp_path, {"page.txt": RISKY}) / "page.txt"
    for output in (
        str(tmp_path / "missing" / "r.json"),
        str(page / "r.json"),
        "/proc/copylint-report.json",
    ):
        result = invoke("check", "--no-config", "--no-cache", str(page), "-o", output)
        assert result.exit_code == 2, output
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("copylint: error: --output ") and output in line
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    summary = invoke("check", "--no-config", "--no-cache", "--format", "github", str(page))
    assert (
        summary.exit_code == 2
        and "GITHUB_STEP_SUMMARY" in summary.stderr
        and "cannot write the job summary" in summary.stderr
    )
    assert not (tmp_path / "missing").exists()


# --- the baseline's paths -----------------------------------------------------------------------


def test_baseline_paths_are_bounded_and_never_written_through_a_link(tmp_path, invoke, monkeypatch):
    """repro 29 (and 11's deep baseline): a config's baseline outside its folder, a dangling-link
    baseline (replaced by a file), /dev/zero (MemoryError), deep nesting (RecursionError)."""
    outside = write(tmp_path / "outside", {"keep.txt": "precious"})
    site = write(tmp_path / "site", {"page.txt": RISKY})

    (site / ".copylint-baseline.json").symlink_to(outside / "target.json")
    linked = invoke("baseline", "--no-config", "--no-cache", cwd=site)
    assert linked.exit_code == 2 and "symbolic link" in linked.stderr
    assert (site / ".copylint-baseline.json").is_symlink() and not (
        outside / "target.json"
    ).exists()
    (site / ".copylint-baseline.json").unlink()

    for target in ("../outside/written-by-copylint.json", "/dev/zero"):
        write(site, {".copylint.yaml": f"baseline: {target}\n"})
        for command in (["check", "page.txt"], ["baseline"]):
            result = invoke(*command, "--no-cache", cwd=site)
            assert (
                result.exit_code == 2 and "outside the configuration's folder" in result.stderr
            ), (target, command)
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    (site / ".copylint.yaml").unlink()

    device = invoke(
        "check", "--no-config", "--no-cache", "--baseline", "/dev/zero", "page.txt", cwd=site
    )
    assert device.exit_code == 2 and "not a regular file" in device.stderr
    write(site, {"deep.json": '{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}"})
    deep = invoke(
        "check", "--no-config", "--no-cache", "--baseline", "deep.json", "page.txt", cwd=site
    )
    assert deep.exit_code == 2 and "nested" in deep.stderr
    monkeypatch.setattr(baseline_module, "MAX_BYTES", 1000)
    write(site, {"big.json": json.dumps({"version": 1, "findings": [], "padding": "x" * 2000})})
    big = invoke("baseline", "--no-config", "--no-cache", "--baseline", "big.json", cwd=site)
    assert big.exit_code == 2 and "larger than" in big.stderr
    write(
        site,
        {
            "odd.json": '{"version": 1, "findings": [{"fingerprint": ["a"], "path": {"p": 1}, '
            '"rule": 5, "text": null, "date": 1}]}'
        },
    )
    odd = invoke(
        "check", "--no-config", "--no-cache", "--baseline", "odd.json", "page.txt", cwd=site
    )
    assert odd.exit_code == 2 and "findings[0]" in odd.stderr


def test_a_git_config_in_a_checked_folder_cannot_run_a_command(tmp_path):
    """A folder from somebody else (a CMS export, an unpacked archive) may hold a .git whose
    config names a command: core.fsmonitor runs on a plain `git ls-files`. copylint asks git with
    it off."""
    import subprocess

    inner = tmp_path / "site" / "inner"
    inner.mkdir(parents=True)
    (inner / "page.md").write_text("Our serum is FDA-approved.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    subprocess.run(["git", "-C", str(inner), "add", "page.md"], check=True)
    proof = tmp_path / "ran"
    subprocess.run(
        ["git", "-C", str(inner), "config", "core.fsmonitor", f"touch {proof}; false"], check=True
    )
    result = run_cli("check", "--no-config", "--no-cache", str(tmp_path / "site"))
    assert result.returncode == 1, result.stderr  # the page is still checked
    assert not proof.exists(), "git ran the repository's fsmonitor command"
