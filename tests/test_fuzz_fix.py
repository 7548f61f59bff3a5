"""Fuzz: for any document, `git apply` of the --diff output gives byte for byte what --fix writes
(repros 23 and 26 of issue 14, generalised).

Documents mix fixable claims with filler, joined by every kind of line end str.splitlines() knows
(\\n, \\r\\n, a lone \\r, \\x0b, \\x0c, \\x1c, \\x85, U+2028, U+2029), with or without a final one,
in UTF-8 (BOM or not), cp1252 (with characters only cp1252 has) or UTF-16 with a BOM (which is
left out of the diff with a note, and fixed by --fix). The CLI runs in this process (click's
runner); git apply is the real git.

A few hundred examples by default; COPYLINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_fix.py
for a longer run by hand.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.cli import cli

settings.register_profile(
    "copylint-fuzz",
    max_examples=int(os.environ.get("COPYLINT_FUZZ_EXAMPLES", "200")),
    deadline=None,
    database=None,
    derandomize=os.environ.get("COPYLINT_FUZZ_EXAMPLES") is None,  # CI runs a fixed sequence
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CLAIMS = [
    "A miraculous treatment.",
    "It has guaranteed results.",
    "Results are guaranteed, say our world-class doctors.",
    "It is 100% safe.",
    "REVOLUTIONARY and painless.",
    "There are no contraindications.",
    "It is completely safe",
    "Our Game-changing, pain-free method",
]
FILLER = [
    "Book a consultation.",
    "Caf\u00e9 cr\u00e8me \u2014 \u201cquoted\u201d \u20ac5 \u2026",
    "",
    " ",
    "\t",
    "<p>",
    "Ask us \u2018why\u2019.",
    "na\u00efve r\u00e9sum\u00e9 \u00a9",
    "FDA",
    "#",
    "- item",
]
LINE_ENDS = [
    "\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\r\r\n",
    "\n\n",
]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16-le", "utf-16-be"]
BOMS = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


@st.composite
def documents(draw) -> tuple[bytes, str]:
    pieces = draw(
        st.lists(
            st.tuples(st.sampled_from(CLAIMS + FILLER), st.sampled_from(LINE_ENDS)),
            min_size=1,
            max_size=12,
        )
    )
    text = "".join(words + end for words, end in pieces)
    if draw(st.booleans()):
        text = text.rstrip("\n\r\x0b\x0c\x1c\x85\u2028\u2029")  # no final line end
    if not any(claim.lower() in text.lower() for claim in CLAIMS):
        text = CLAIMS[0] + " " + text
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == "cp1252":
        # U+0085, U+2028 ... are not in cp1252
        text = text.encode("cp1252", "ignore").decode("cp1252")
    body = text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    return BOMS.get(encoding, b"") + body, encoding


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)


def run(cwd: Path, *args: str):
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(
            cli, ["check", "--no-config", "--no-cache", *args], catch_exceptions=False
        )
    finally:
        os.chdir(here)


@pytest.mark.slow
@settings(settings.get_profile("copylint-fuzz"))
@given(docs=st.lists(documents(), min_size=1, max_size=3))
def test_git_apply_of_the_diff_is_what_fix_writes(docs):
    with tempfile.TemporaryDirectory() as folder:
        patched, fixed = Path(folder) / "patched", Path(folder) / "fixed"
        patched.mkdir()
        fixed.mkdir()
        names = [f"page{i}.txt" for i in range(len(docs))]
        for name, (data, _) in zip(names, docs, strict=True):
            (patched / name).write_bytes(data)
            (fixed / name).write_bytes(data)
        git(patched, "init", "-q")
        shown = run(patched, "--diff", *names)
        assert shown.exit_code in (0, 1), shown.stderr
        if shown.stdout_bytes:
            (Path(folder) / "fix.patch").write_bytes(shown.stdout_bytes)
            applying = git(patched, "apply", "--whitespace=nowarn", str(Path(folder) / "fix.patch"))
            assert applying.returncode == 0, (applying.stderr, shown.stdout_bytes)
        done = run(fixed, "--fix", *names)
        assert done.exit_code in (0, 1), done.stderr
        for name, (data, encoding) in zip(names, docs, strict=True):
            after = (fixed / name).read_bytes()
            # left out of the diff, with a note when there was a fix
            if encoding.startswith("utf-16"):
                noted = (
                    f"{name}: note: {encoding.upper()} text cannot be shown as a patch"
                    in shown.stderr
                )
                assert noted == (after != data), shown.stderr
                assert (patched / name).read_bytes() == data
            else:
                assert (patched / name).read_bytes() == after, (data, shown.stdout_bytes)
