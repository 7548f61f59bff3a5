"""The baseline: write it, check against it, edit around a parked claim, add one, fix one, prune."""

from __future__ import annotations

import json

from conftest import write

PAGE = (
    "<h1>Hair clinic</h1>\n<p>Our miraculous serum gives guaranteed results.</p>\n"
    "<p>Book today.</p>\n"
)


def entries(root):
    return json.loads((root / ".copylint-baseline.json").read_text(encoding="utf-8"))["findings"]


def test_write_then_check_reports_nothing_new(tmp_path, invoke):
    write(tmp_path, {"site/index.html": PAGE, "site/about.md": "Results guaranteed.\n"})
    assert invoke("check", "site", cwd=tmp_path).exit_code == 1
    made = invoke("baseline", "site", cwd=tmp_path)
    assert (
        made.exit_code == 0
        and ".copylint-baseline.json: 3 entries (3 added, 0 removed)" in made.stdout
    )
    assert [(e["path"], e["rule"], e["text"]) for e in entries(tmp_path)] == [
        ("site/about.md", "guaranteed-results", "Results guaranteed"),
        ("site/index.html", "guaranteed-results", "guaranteed results"),
        ("site/index.html", "miracle-language", "miraculous"),
    ]
    checked = invoke("check", "site", cwd=tmp_path)
    assert (
        checked.exit_code == 0
        and "No problems found in 2 files (3 more in the baseline)." in checked.stdout
    )
    assert invoke("check", "--no-baseline", "site", cwd=tmp_path).exit_code == 1


def test_lines_inserted_above_a_parked_claim_keep_it_parked(tmp_path, invoke):
    write(tmp_path, {"index.html": PAGE})
    invoke("baseline", cwd=tmp_path)
    write(
        tmp_path,
        {
            "index.html": "<p>New intro.</p>\n<p>More about us.</p>\n\n"
            + PAGE.replace("<p>Our", "<p>   Our")
        },
    )
    checked = invoke("check", "index.html", cwd=tmp_path)
    assert checked.exit_code == 0, checked


def test_a_new_claim_is_reported_and_a_copy_of_a_parked_one_too(tmp_path, invoke):
    write(tmp_path, {"index.html": PAGE})
    invoke("baseline", cwd=tmp_path)
    write(
        tmp_path,
        {
            "index.html": PAGE
            + "<p>It is FDA-approved.</p>\n<p>Our miraculous serum gives guaranteed results.</p>\n"
        },
    )
    report = json.loads(invoke("check", "--format", "json", "index.html", cwd=tmp_path).stdout)
    assert sorted((f["line"], f["rule"]) for f in report["findings"]) == [
        (4, "regulator-approval"),
        (5, "guaranteed-results"),
        (5, "miracle-language"),
    ]


def test_a_fixed_claim_is_reported_stale_and_prune_drops_it(tmp_path, invoke):
    """The fingerprint holds the claim's sentence, so the fixed claim here has a sentence of its
    own."""
    page = "<p>A miraculous serum. It gives guaranteed results.</p>\n"
    write(tmp_path, {"index.html": page, "other.md": "A miracle cure.\n"})
    invoke("baseline", cwd=tmp_path)
    write(tmp_path, {"index.html": page.replace("miraculous", "new")})
    checked = invoke("check", "index.html", cwd=tmp_path)
    assert checked.exit_code == 0
    assert (
        'index.html: note: stale baseline entry miracle-language "miraculous": no longer found'
        in checked.stderr
    )
    assert "copylint baseline --prune" in checked.stderr
    report = json.loads(invoke("check", "--format", "json", "index.html", cwd=tmp_path).stdout)
    assert [(e["rule"], e["text"]) for e in report["stale_baseline"]] == [
        ("miracle-language", "miraculous")
    ]
    before = {e["fingerprint"] for e in entries(tmp_path)}
    pruned = invoke("baseline", "--prune", cwd=tmp_path)
    assert "(0 added, 1 removed)" in pruned.stdout
    after = {e["fingerprint"] for e in entries(tmp_path)}
    assert len(before - after) == 1 and after < before
    assert "stale" not in invoke("check", ".", cwd=tmp_path).stderr


def test_prune_adds_nothing_and_a_partial_rewrite_keeps_other_files(tmp_path, invoke):
    write(tmp_path, {"a.md": "A miracle cure.\n", "b.md": "Guaranteed results.\n"})
    invoke("baseline", cwd=tmp_path)
    write(tmp_path, {"a.md": "A miracle cure. Results guaranteed.\n"})
    assert "(0 added, 0 removed)" in invoke("baseline", "--prune", cwd=tmp_path).stdout
    assert "(1 added, 0 removed)" in invoke("baseline", "a.md", cwd=tmp_path).stdout
    assert {e["path"] for e in entries(tmp_path)} == {"a.md", "b.md"}


def test_the_file_is_stable_sorted_and_keeps_first_dates(tmp_path, invoke):
    write(tmp_path, {"a.md": "A miracle cure.\n", "b.md": "Guaranteed results.\n"})
    invoke("baseline", cwd=tmp_path)
    path = tmp_path / ".copylint-baseline.json"
    first = path.read_bytes()
    data = json.loads(first)
    data["findings"][0]["date"] = "2020-01-01"  # as if baselined long ago
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    kept = path.read_bytes()
    invoke("baseline", cwd=tmp_path)
    assert path.read_bytes() == kept  # nothing changed: not a byte
    assert json.loads(first)["findings"] == sorted(
        json.loads(first)["findings"],
        key=lambda e: (e["path"], e["rule"], e["text"].lower(), e["fingerprint"]),
    )
    shown = invoke("check", "--show-suppressed", ".", cwd=tmp_path).stdout
    assert "suppressed (baseline: in the baseline since 2020-01-01)" in shown


def test_a_deleted_file_makes_its_entries_stale(tmp_path, invoke):
    write(tmp_path, {"a.md": "A miracle cure.\n", "b.md": "Fine.\n"})
    invoke("baseline", cwd=tmp_path)
    (tmp_path / "a.md").unlink()
    assert "stale baseline entry" in invoke("check", "b.md", cwd=tmp_path).stderr
    # miracle, cure
    assert "0 entries (0 added, 2 removed)" in invoke("baseline", "--prune", cwd=tmp_path).stdout


def test_baseline_option_and_broken_baseline_files(tmp_path, invoke):
    write(tmp_path, {"a.md": "A miracle cure.\n"})
    assert invoke("baseline", "--baseline", "parked.json", cwd=tmp_path).exit_code == 0
    assert invoke("check", "a.md", cwd=tmp_path).exit_code == 1  # not the default name: not used
    assert invoke("check", "--baseline", "parked.json", "a.md", cwd=tmp_path).exit_code == 0
    missing = invoke("check", "--baseline", "nope.json", "a.md", cwd=tmp_path)
    assert missing.exit_code == 2 and "nope.json: baseline file not found" in missing.stderr
    write(tmp_path, {".copylint-baseline.json": "{not json"})
    broken = invoke("check", "a.md", cwd=tmp_path)
    assert (
        broken.exit_code == 2
        and ".copylint-baseline.json: not valid JSON (line 1, column 2)" in broken.stderr
    )
    write(tmp_path, {".copylint-baseline.json": '{"version": 9, "findings": []}'})
    assert "not a copylint baseline" in invoke("check", "a.md", cwd=tmp_path).stderr
