"""The result cache: what it stores comes back equal, and anything that could change a file's
findings (its bytes, the rules, the configuration, copylint itself) makes it check again."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import REPO, write

from copylint import cache
from copylint.cache import ResultCache, result_from_dict, result_to_dict
from copylint.config import Layer, load_config
from copylint.engine import lint_paths
from copylint.settings import Settings

RISKY = "<p>Our exosome facial is FDA-approved and 100% safe, with guaranteed results.</p>\n"
CLEAN = "<p>Opening hours: Monday to Friday, nine to five.</p>\n"

PACK = """\
version: 1
category: site-claims
title: Claims this clinic's lawyers asked us to catch
rules:
  - id: site-forbidden-word
    severity: warning
    jurisdictions: [any]
    message: Our lawyers asked us never to say this.
    phrases: ["{word}"]
    references: [{title: House style guide, url: "https://example.com/style"}]
    suggestions: [{advice: Say what the treatment does instead.}]
    examples: {flag: ["It is {word}."], pass: [It is fine.]}
"""


def site(root: Path) -> Path:
    return write(
        root,
        {
            "index.html": RISKY,
            "contact.html": CLEAN,
            "blog/post.md": "# Results\n\nPatients see miraculous results. "
            "<!-- copylint: disable-next-line -->\n",
            "faq.json": '{"faq": [{"q": "Is it safe?", "a": "There are no side effects."}]}',
            "broken.json": '{"faq": [',
        },
    )


def check(root: Path, settings: Settings, cache_dir: Path):
    store = ResultCache(str(cache_dir), settings)
    results = lint_paths([str(root)], settings, cache=store)
    return results, store


def test_what_is_stored_comes_back_equal(tmp_path):
    """Every field of every finding, warning and error survives the JSON round trip: the seeds,
    the sample site (fixes, suppressions, nested projections, decode warnings) and a broken file."""
    results = lint_paths(
        [str(REPO / "seeds"), str(REPO / "tests/fixtures/site"), str(site(tmp_path))], Settings()
    )
    assert sum(len(r.findings) for r in results) > 50
    assert any(f.fix for r in results for f in r.findings) and any(
        f.suppressed for r in results for f in r.findings
    )
    assert any(f.fix_refused for r in results for f in r.findings)
    assert any(r.error for r in results)
    for result in results:
        assert result_from_dict(json.loads(json.dumps(result_to_dict(result)))) == result


def test_second_run_reads_every_file_from_the_cache_and_reports_the_same(tmp_path):
    root = site(tmp_path / "site")
    first, store = check(root, Settings(), tmp_path / "cache")
    assert (store.hits, store.misses) == (0, 5)
    second, store = check(root, Settings(), tmp_path / "cache")
    assert (store.hits, store.misses) == (5, 0)
    assert second == first


def test_a_changed_file_is_checked_again_and_only_it(tmp_path):
    root = site(tmp_path / "site")
    check(root, Settings(), tmp_path / "cache")
    (root / "contact.html").write_text(CLEAN + "<p>Results are guaranteed.</p>\n", encoding="utf-8")
    results, store = check(root, Settings(), tmp_path / "cache")
    assert (store.hits, store.misses) == (4, 1)
    contact = next(r for r in results if r.path.endswith("contact.html"))
    assert [f.rule for f in contact.findings] == ["guaranteed-results"]
    # and back: the old bytes find their old entry
    (root / "contact.html").write_text(CLEAN, encoding="utf-8")
    results, store = check(root, Settings(), tmp_path / "cache")
    assert (store.hits, store.misses) == (5, 0)


def test_the_same_bytes_at_another_path_are_another_entry(tmp_path):
    root = site(tmp_path / "site")
    check(root, Settings(), tmp_path / "cache")
    (root / "copy.html").write_text(RISKY, encoding="utf-8")
    results, store = check(root, Settings(), tmp_path / "cache")
    assert store.misses == 1
    assert {f.path for r in results for f in r.findings if f.path.endswith("copy.html")} == {
        str(root / "copy.html")
    }


def test_a_changed_configuration_checks_everything_again(tmp_path):
    root = site(tmp_path / "site")
    write(root, {".copylint.yaml": "ignore: [regulatory-status]\n"})
    settings = Settings(load_config(str(root / ".copylint.yaml")))
    before, _ = check(root, settings, tmp_path / "cache")
    assert "regulator-approval" not in {f.rule for r in before for f in r.findings}

    write(root, {".copylint.yaml": "ignore: [hype-word]\n"})
    settings = Settings(load_config(str(root / ".copylint.yaml")))
    after, store = check(root, settings, tmp_path / "cache")
    assert store.hits == 0
    assert "regulator-approval" in {f.rule for r in after for f in r.findings}

    _, store = check(root, Settings(cli=Layer(ignore=("hype-word",))), tmp_path / "cache")
    assert store.hits == 0, "the command line's choices are part of the key as well"


def test_a_changed_rule_pack_checks_everything_again(tmp_path):
    root = site(tmp_path / "site")
    write(
        root,
        {
            ".copylint.yaml": "rules-dirs: [rules]\n",
            "rules/site.yaml": PACK.replace("{word}", "opening hours"),
        },
    )
    settings = Settings(load_config(str(root / ".copylint.yaml")))
    results, _ = check(root, settings, tmp_path / "cache")
    assert "site-forbidden-word" in {
        f.rule for r in results if r.path.endswith("contact.html") for f in r.findings
    }

    write(root, {"rules/site.yaml": PACK.replace("{word}", "monday to friday")})
    results, store = check(
        root, Settings(load_config(str(root / ".copylint.yaml"))), tmp_path / "cache"
    )
    assert store.hits == 0
    contact = next(r for r in results if r.path.endswith("contact.html"))
    assert [f.text for f in contact.findings] == ["Monday to Friday"]


def test_changed_copylint_code_checks_everything_again(tmp_path, monkeypatch):
    """An edited checkout (or an upgrade that kept the version) must not reuse old results."""
    root = site(tmp_path / "site")
    check(root, Settings(), tmp_path / "cache")
    monkeypatch.setattr(cache, "_code_stamp", lambda: [("engine.py", 1, 2)])
    _, store = check(root, Settings(), tmp_path / "cache")
    assert store.hits == 0


def test_a_damaged_entry_is_checked_again(tmp_path):
    root = site(tmp_path / "site")
    first, store = check(root, Settings(), tmp_path / "cache")
    for entry in store.folder.glob("*.json"):
        entry.write_text('{"format": 1, "path"', encoding="utf-8")
    second, store = check(root, Settings(), tmp_path / "cache")
    assert store.misses == 5 and second == first


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    root = site(tmp_path / "site")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    results, store = check(root, Settings(), blocker / "cache")
    assert store.misses == 5 and sum(len(r.findings) for r in results) > 3


def test_cli_writes_a_gitignored_cache_next_to_the_config_and_no_cache_writes_none(
    tmp_path, invoke, monkeypatch
):
    monkeypatch.delenv("COPYLINT_CACHE_DIR")
    root = site(tmp_path / "site")
    write(root, {".copylint.yaml": "fail-on: error\n"})
    subprocess.run(["git", "init", "-q", str(root)], check=True)

    invoke("check", "--no-cache", "index.html", cwd=root / "blog")
    assert not (root / ".copylint_cache").exists()

    first = invoke("check", "--format", "json", ".", cwd=root / "blog")
    assert (root / ".copylint_cache" / ".gitignore").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".copylint_cache" not in status.stdout
    second = invoke("check", "--format", "json", ".", cwd=root / "blog")
    assert second.stdout == first.stdout and second.exit_code == first.exit_code


def test_clean_removes_the_cache_and_refuses_other_folders(tmp_path, invoke):
    root = site(tmp_path / "site")
    cache_dir = tmp_path / "cache"
    invoke("check", "--cache-dir", str(cache_dir), str(root))
    assert any(cache_dir.rglob("*.json"))
    removed = invoke("clean", "--cache-dir", str(cache_dir))
    assert removed.exit_code == 0 and not cache_dir.exists()
    assert "no cache" in invoke("clean", "--cache-dir", str(cache_dir)).stdout

    # a named folder that is not a cache: check would keep its cache in precious/.copylint_cache,
    # so that is what clean looks for; the folder itself is not touched (repro 03)
    precious = write(
        tmp_path / "precious", {"notes.txt": "mine", ".gitignore": ".copylint_cache/\n"}
    )
    looked = invoke("clean", "--cache-dir", str(precious))
    assert looked.exit_code == 0 and f"no cache at {precious / '.copylint_cache'}" in looked.stdout
    assert sorted(p.name for p in precious.iterdir()) == [".gitignore", "notes.txt"]
    # a folder at the cache's own place that copylint did not make and tag is refused
    write(
        precious,
        {
            ".copylint_cache/.gitignore": "# Created by copylint\n*\n",
            ".copylint_cache/mine.txt": "mine",
        },
    )
    refused = invoke("clean", "--cache-dir", str(precious))
    assert refused.exit_code == 2 and "not a copylint cache" in refused.stderr
    assert (precious / ".copylint_cache" / "mine.txt").is_file() and (
        precious / "notes.txt"
    ).is_file()


def test_only_a_few_folders_of_old_settings_are_kept(tmp_path):
    root = write(tmp_path / "site", {"a.html": RISKY})
    categories = sorted(Settings().full_rulebook().categories)[: cache.KEPT_RUN_FOLDERS + 3]
    for n, category in enumerate(categories):
        settings = Settings(cli=Layer(ignore=(category,)))
        check(root, settings, tmp_path / "cache")
        os.utime(ResultCache(str(tmp_path / "cache"), settings).folder, (n, n))
    folders = [p for p in (tmp_path / "cache").iterdir() if p.is_dir()]
    assert len(folders) == cache.KEPT_RUN_FOLDERS
    latest = ResultCache(str(tmp_path / "cache"), Settings(cli=Layer(ignore=(categories[-1],))))
    assert latest.folder in folders


# --- the key is derived from the settings' fields ------------------------------------------------


def _every_field_set() -> Settings:
    """Settings with a value (not None, not empty) in every field, nested ones included."""
    from copylint.config import Config, PerFile
    from copylint.rulebook import default_rules_dir

    packs = str(default_rules_dir())
    layer = Layer(select=("hype-word",), ignore=("urgency",), severity=(("hype-word", "info"),))
    config = Config(
        source="site/.copylint.yaml",
        root="/site",
        base=layer,
        per_file=(PerFile("blog/**", layer),),
        jurisdictions=("us",),
        fail_on="error",
        include=("**/*.html",),
        exclude=("legal/**",),
        rules_dirs=(packs,),
        allow=("Miracle Mist",),
        baseline="/site/.copylint-baseline.json",
    )
    return Settings(config, layer, (packs,), "error")


def _one_field_changed(value: object) -> list[tuple[str, object]]:
    """(field path, a copy of ``value`` that differs in that one field) for every field, walking
    the dataclasses in it: a field added to any of them is found without editing this test."""
    import dataclasses

    variants: list[tuple[str, object]] = []
    for field in dataclasses.fields(value):  # type: ignore[arg-type]
        current = getattr(value, field.name)
        name = f"{type(value).__name__}.{field.name}"
        assert current not in (None, (), ""), f"give {name} a value in _every_field_set()"
        if dataclasses.is_dataclass(current):
            changed = [(f"{name}.{inner}", v) for inner, v in _one_field_changed(current)]
        elif isinstance(current, bool):
            changed = [(name, not current)]
        elif isinstance(current, int):
            changed = [(name, current + 1)]
        elif isinstance(current, str):
            changed = [(name, current + "-other")]
        else:
            assert isinstance(current, tuple), (
                f"{name}: teach this test to change a {type(current)}"
            )
            changed = [(name, current + current[:1])]
        variants += [
            (path, dataclasses.replace(value, **{field.name: other}))  # type: ignore[type-var]
            for path, other in changed
        ]
    return variants


def test_every_setting_that_can_change_findings_is_in_the_key():
    base = _every_field_set()
    key = cache.run_key(base)
    variants = _one_field_changed(base)
    assert len(variants) > 15
    for path, variant in variants:
        leaf = ".".join(path.split(".")[-2:])
        if (
            leaf in cache.NOT_IN_KEY
        ):  # acts after the engine: filters cached results like fresh ones
            assert cache.run_key(variant) == key, path
        else:
            assert cache.run_key(variant) != key, path
    assert cache.run_key(base, force_format="text") != key


def test_the_fields_left_out_of_the_key_exist():
    import dataclasses

    from copylint.config import Config

    known = {
        f"{kind.__name__}.{field.name}"
        for kind in (Settings, Config)
        for field in dataclasses.fields(kind)
    }
    assert cache.NOT_IN_KEY <= known


def test_a_new_settings_field_changes_the_key_without_being_listed():
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class NewSettings(Settings):
        tone: str = "plain"

    assert cache.run_key(NewSettings(tone="plain")) != cache.run_key(NewSettings(tone="gentle"))
