"""--fix and --diff on real files: CRLF and BOM kept, only the matched words changed, a valid
patch, idempotent, never across markup, and an interrupted write leaves the file as it was."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess

import pytest
from conftest import write

from copylint import fixes
from copylint.engine import Engine
from copylint.findings import fold_words
from copylint.settings import Settings

BOM = codecs.BOM_UTF8

# Each file holds fixable claims, a claim with no mechanical fix, and (in markup) a claim split by
# markup or an entity, which must be left alone.
FILES = {
    "draft.txt": BOM + b"Our miraculous serum.\r\nIt is 100% safe.\r\nIt cures arthritis.\r\n",
    "page.md": BOM + b"# A Revolutionary method\r\n\r\nWe offer guaranteed results.\r\n"
    b"It is **completely safe**.\r\nIt is *completely* safe too.\r\n",
    "page.html": BOM
    + b"<p>Our miraculous serum.</p>\r\n<p>We offer guaranteed&nbsp;results.</p>\r\n"
    b"<p>There are no contraindications.</p>\r\n<p>Guaranteed <b>results</b>.</p>\r\n",
}
AFTER = {
    "draft.txt": BOM
    + b"Our promising serum.\r\nIt is generally well tolerated.\r\nIt cures arthritis.\r\n",
    "page.md": BOM + b"# A New method\r\n\r\nWe offer results that vary from person to person.\r\n"
    b"It is **generally well tolerated**.\r\nIt is *completely* safe too.\r\n",
    "page.html": BOM
    + b"<p>Our promising serum.</p>\r\n<p>We offer guaranteed&nbsp;results.</p>\r\n"
    b"<p>There are some contraindications.</p>\r\n<p>Guaranteed <b>results</b>.</p>\r\n",
}


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path):
    write(tmp_path, FILES)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def test_diff_is_a_patch_git_applies_and_changes_nothing(repo, invoke):
    shown = invoke("check", "--diff", ".", cwd=repo)
    assert shown.exit_code == 1  # claims remain until the patch is applied
    assert "--- a/page.html\n+++ b/page.html\n" in shown.stdout
    assert all((repo / name).read_bytes() == data for name, data in FILES.items())
    (repo / "fix.patch").write_bytes(shown.stdout_bytes)
    checked = git(repo, "apply", "--check", "fix.patch")
    assert checked.returncode == 0, checked.stderr
    assert "7 fixes in the diff; 4 findings need a person." in shown.stderr
    # applied, the patch gives exactly what --fix writes
    assert git(repo, "apply", "fix.patch").returncode == 0
    assert {name: (repo / name).read_bytes() for name in FILES} == AFTER


def test_fix_changes_only_the_matched_words_keeping_bom_and_crlf(repo, invoke):
    fixed = invoke("check", "--fix", ".", cwd=repo)
    assert "copylint: fixed 7 findings in 3 files." in fixed.stderr
    assert {name: (repo / name).read_bytes() for name in FILES} == AFTER
    # what is left is reported after re-checking the fixed files, with advice for a person
    assert fixed.exit_code == 1
    assert "draft.txt:3:4: error cures" in fixed.stdout
    assert "page.html:2:13: error guaranteed-results" in fixed.stdout
    assert "fix:" not in fixed.stdout


def test_a_second_fix_changes_nothing(repo, invoke):
    invoke("check", "--fix", ".", cwd=repo)
    stamps = {name: os.stat(repo / name).st_mtime_ns for name in FILES}
    again = invoke("check", "--fix", ".", cwd=repo)
    assert "fixed 0 findings in 0 files" in again.stderr
    assert {name: (repo / name).read_bytes() for name in FILES} == AFTER
    assert {name: os.stat(repo / name).st_mtime_ns for name in FILES} == stamps
    assert invoke("check", "--diff", ".", cwd=repo).stdout == ""


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_original_intact(repo, invoke, monkeypatch, failing):
    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    result = invoke("check", "--fix", "draft.txt", cwd=repo)
    assert result.exit_code == 2
    assert (
        "draft.txt: error: cannot write the fixes: [Errno 28] No space left on device"
        in result.stderr
    )
    assert (repo / "draft.txt").read_bytes() == FILES["draft.txt"]
    assert not [p for p in os.listdir(repo) if p.startswith(".copylint-")]


def test_fix_keeps_permissions_utf16_and_json_escapes(tmp_path, invoke):
    utf16 = codecs.BOM_UTF16_LE + "Guaranteed results, say the posters.\r\n".encode("utf-16-le")
    write(
        tmp_path,
        {
            "poster.txt": utf16,
            "faq.json": '{"a": "Ask \\"why\\". Our miraculous serum.\\nIt is 100% safe."}\n',
        },
    )
    os.chmod(tmp_path / "poster.txt", 0o640)
    invoke("check", "--fix", ".", cwd=tmp_path)
    assert (
        (tmp_path / "poster.txt").read_bytes()
        == codecs.BOM_UTF16_LE
        + "Results that vary from person to person, say the posters.\r\n".encode("utf-16-le")
    )
    assert stat.S_IMODE(os.stat(tmp_path / "poster.txt").st_mode) == 0o640
    assert (tmp_path / "faq.json").read_text(
        encoding="utf-8"
    ) == '{"a": "Ask \\"why\\". Our promising serum.\\nIt is generally well tolerated."}\n'


def test_fix_and_diff_refuse_stdin_and_each_other(tmp_path, invoke):
    assert invoke("check", "--fix", "--diff", "x.txt", cwd=tmp_path).exit_code == 2
    assert invoke("check", "--fix", "-", cwd=tmp_path, stdin="Guaranteed results.").exit_code == 2


def test_baselined_findings_are_not_fixed(tmp_path, invoke):
    write(tmp_path, {"a.txt": "Our miraculous serum.\n"})
    invoke("baseline", cwd=tmp_path)
    write(tmp_path, {"b.txt": "Our miraculous serum.\n"})
    invoke("check", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "Our miraculous serum.\n"
    assert (tmp_path / "b.txt").read_text() == "Our promising serum.\n"


# --- the replacements themselves ----------------------------------------------------------------

TEMPLATES = ["{}.", "It is {}.", "There are {}.", "We offer {}.", "A {} treatment."]


def replacement_cases():
    engine = Engine.from_settings(Settings())
    for rule in engine.rulebook:
        for suggestion in rule.suggestions:
            for words, wording in suggestion.replacements:
                yield pytest.param(engine, rule.id, words, wording, id=f"{rule.id}:{words}")


@pytest.mark.parametrize("engine, rule_id, words, wording", list(replacement_cases()))
def test_every_replacement_applies_to_its_words_and_clears_the_rule(
    engine, rule_id, words, wording
):
    """A mapping key the rule never matches would be dead data; a replacement the rule flags
    again would make --fix loop."""
    for template in TEMPLATES:
        text = template.format(words)
        found = [
            f
            for f in engine.lint_source("t.txt", text)
            if f.rule == rule_id and not f.suppressed and f.fix
        ]
        if found:
            break
    else:
        pytest.fail(f"{rule_id} never flags '{words}' with a fix in {TEMPLATES}")
    assert fold_words(found[0].fix.original) == fold_words(words)
    fixed = fixes.apply_to_text(text, [found[0].fix])
    assert wording.lower() in fixed.lower()
    assert not [
        f for f in engine.lint_source("t.txt", fixed) if f.rule == rule_id and not f.suppressed
    ]


def test_case_follows_the_replaced_words():
    assert fixes.match_case("Miraculous", "promising") == "Promising"
    assert fixes.match_case("MIRACULOUS", "promising") == "PROMISING"
    assert fixes.match_case("miraculous", "promising") == "promising"


def test_a_file_changed_since_it_was_checked_is_not_fixed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Our miraculous serum.\n", encoding="utf-8")
    engine = Engine.from_settings(Settings())
    result = engine.check_file(str(path))
    path.write_text("Our new miraculous serum.\n", encoding="utf-8")
    with pytest.raises(fixes.FixError, match="changed while it was being checked"):
        fixes.plan(str(path), result.findings)
    assert path.read_text(encoding="utf-8") == "Our new miraculous serum.\n"


# --- the patch is the file's bytes, split where git splits them (repros 23 and 26) --------------


def applied(tmp_path, invoke, name: str, data: bytes) -> tuple[bytes, bytes, str]:
    """The file after `git apply` of --diff, the file after --fix (on a copy), and --diff's
    stderr."""
    patched, fixed = tmp_path / "patched", tmp_path / "fixed"
    write(patched, {name: data})
    write(fixed, {name: data})
    git(patched, "init", "-q")
    shown = invoke("check", "--no-config", "--diff", name, cwd=patched)
    (tmp_path / "fix.patch").write_bytes(shown.stdout_bytes)
    applying = git(patched, "apply", str(tmp_path / "fix.patch"))
    assert applying.returncode == 0, applying.stderr
    invoke("check", "--no-config", "--fix", name, cwd=fixed)
    return (patched / name).read_bytes(), (fixed / name).read_bytes(), shown.stderr


@pytest.mark.parametrize(
    "separator", [b"\x0c", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\x0b", b"\x1c", b"\r"]
)
def test_diff_keeps_characters_that_are_not_line_ends_for_git_inside_the_line(
    tmp_path, invoke, separator
):
    """repro 23: str.splitlines() broke lines at these; git only breaks at \\n."""
    data = b"A miraculous treatment." + separator + b"It has guaranteed results.\n"
    patched, fixed, _ = applied(tmp_path, invoke, "page.txt", data)
    assert (
        patched
        == fixed
        == b"A promising treatment."
        + separator
        + b"It has results that vary from person to person.\n"
    )


def test_diff_is_in_the_files_own_encoding(tmp_path, invoke):
    """repro 23: a cp1252 page gets a cp1252 patch (it was printed as UTF-8, which git rejects)."""
    patched, fixed, _ = applied(
        tmp_path, invoke, "page.txt", b"A miraculous treatment, caf\xe9 \x93cr\xe8me\x94.\n"
    )
    assert patched == fixed == b"A promising treatment, caf\xe9 \x93cr\xe8me\x94.\n"


def test_diff_of_a_page_with_a_stray_cr_deletes_no_line(tmp_path, invoke):
    """repro 26: "FDA\\r\\r\\n" is one line for git; the patch dropped a "\\r\\n" line."""
    data = b"A miraculous treatment.\n\nFDA\r\r\n\r\n\r\nnext\n"
    patched, fixed, _ = applied(tmp_path, invoke, "page.txt", data)
    assert patched == fixed == b"A promising treatment.\n\nFDA\r\r\n\r\n\r\nnext\n"


def test_diff_leaves_out_utf16_with_a_note(tmp_path, invoke):
    """repro 23: a line-based patch cannot carry UTF-16 (0x0a is half a character); the file is
    left out of the diff with a note, the exit code is as usual, and the other files are in it."""
    utf16 = codecs.BOM_UTF16_LE + "A miraculous treatment.\n".encode("utf-16-le")
    write(tmp_path, {"poster.txt": utf16, "page.txt": "A miraculous treatment.\n"})
    shown = invoke("check", "--no-config", "--diff", ".", cwd=tmp_path)
    assert shown.exit_code == 1
    assert b"poster.txt" not in shown.stdout_bytes
    assert b"+++ b/page.txt\n" in shown.stdout_bytes
    assert (
        "poster.txt: note: UTF-16-LE text cannot be shown as a patch git applies; left out "
        "of the diff (--fix writes it)" in shown.stderr
    )
    assert (
        "copylint: 1 fix in the diff (1 more left out of it: see the note); 0 findings need "
        "a person." in shown.stderr
    )
    assert shown.stderr.count("poster.txt") == 1
    assert (tmp_path / "poster.txt").read_bytes() == utf16


def test_diff_of_a_page_with_no_final_newline(tmp_path, invoke):
    patched, fixed, _ = applied(
        tmp_path, invoke, "page.txt", b"\xef\xbb\xbfA miraculous treatment.\r\nIt is 100% safe."
    )
    assert (
        patched == fixed == b"\xef\xbb\xbfA promising treatment.\r\nIt is generally well tolerated."
    )


def test_diff_of_a_symbolic_link_patches_its_target_once(tmp_path, invoke):
    """repro 19 for --diff: --fix writes through a link, so the patch names the target (once,
    when the walk reaches the page under both names), and git apply gives what --fix writes."""
    write(tmp_path, {"shared/common.txt": "A miraculous treatment.\n"})
    (tmp_path / "site").mkdir()
    os.symlink("../shared/common.txt", tmp_path / "site" / "page.txt")
    git(tmp_path, "init", "-q")
    shown = invoke(
        "check", "--no-config", "--diff", "site/page.txt", "shared/common.txt", cwd=tmp_path
    )
    assert shown.stdout_bytes.count(b"+++ b/shared/common.txt\n") == 1, shown
    assert b"site/page.txt" not in shown.stdout_bytes
    (tmp_path / "fix.patch").write_bytes(shown.stdout_bytes)
    assert git(tmp_path, "apply", "fix.patch").returncode == 0
    assert (tmp_path / "shared" / "common.txt").read_text() == "A promising treatment.\n"
    assert os.path.islink(tmp_path / "site" / "page.txt")
