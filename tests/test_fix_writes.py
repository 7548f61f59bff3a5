"""How --fix writes a file: through symbolic links, never splitting hard links, keeping owner, mode
and extended attributes, refusing files the user may not write, leaving nothing behind when
killed, and never losing another run's fix (repros 19, 20, 21, 22, 45 of issue 14)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import REPO, run_cli, write

from copylint import files

ROOT = os.geteuid() == 0
NOBODY = 65534


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".copylint"))


# --- repro 19: symbolic and hard links --------------------------------------------------------


def test_fix_writes_through_a_symbolic_link_and_keeps_the_link(tmp_path, invoke):
    """repro 19: the link's target is fixed, the link stays a link."""
    write(tmp_path, {"shared/common.txt": b"A miraculous treatment.\r\n"})
    (tmp_path / "site").mkdir()
    os.symlink("../shared/common.txt", tmp_path / "site" / "page.txt")
    fixed = invoke("check", "--no-config", "--fix", "site/page.txt", cwd=tmp_path)
    assert "fixed 1 finding in 1 file" in fixed.stderr, fixed
    assert fixed.exit_code == 0
    assert os.path.islink(tmp_path / "site" / "page.txt")
    assert os.readlink(tmp_path / "site" / "page.txt") == "../shared/common.txt"
    assert (tmp_path / "shared" / "common.txt").read_bytes() == b"A promising treatment.\r\n"
    assert leftovers(tmp_path / "shared") == leftovers(tmp_path / "site") == []


def test_a_page_reached_twice_through_a_link_is_fixed_once(tmp_path, invoke):
    """repro 19: the page and a link to it in one walk: one write, no 'changed' error."""
    write(tmp_path, {"page.txt": "A miraculous treatment.\n"})
    os.symlink("page.txt", tmp_path / "alias.txt")
    fixed = invoke("check", "--no-config", "--fix", ".", cwd=tmp_path)
    assert fixed.exit_code == 0, fixed
    assert "fixed 1 finding in 1 file" in fixed.stderr
    assert (tmp_path / "page.txt").read_text() == "A promising treatment.\n"
    assert os.path.islink(tmp_path / "alias.txt")


def test_fix_refuses_to_split_hard_links(tmp_path, invoke):
    """repro 19: a hard-linked page is one inode with several names; replacing one name would
    leave the others with the old words, so it is refused (exit 2) and other files are fixed."""
    write(tmp_path, {"orig.txt": "A revolutionary serum.\n", "other.txt": "A miraculous serum.\n"})
    os.link(tmp_path / "orig.txt", tmp_path / "hardlink.txt")
    fixed = invoke("check", "--no-config", "--fix", "hardlink.txt", "other.txt", cwd=tmp_path)
    assert fixed.exit_code == 2, fixed
    assert (
        "hardlink.txt: error: has 2 hard links, which a fix would split (the other names "
        "would keep the old words); not fixed"
    ) in fixed.stderr
    assert (
        (tmp_path / "hardlink.txt").read_text()
        == (tmp_path / "orig.txt").read_text()
        == "A revolutionary serum.\n"
    )
    assert os.stat(tmp_path / "orig.txt").st_nlink == 2
    assert (tmp_path / "other.txt").read_text() == "A promising serum.\n"


# --- repros 20 and 45: owner, mode, extended attributes, read-only files ---------------------


def test_fix_keeps_setuid_setgid_and_mode_bits(tmp_path, invoke):
    """repro 20: the special bits survive (chown, which clears them, comes before chmod)."""
    write(tmp_path, {"a.txt": "A miraculous treatment.", "b.txt": "A miraculous treatment.\n"})
    os.chmod(tmp_path / "a.txt", 0o4755)
    os.chmod(tmp_path / "b.txt", 0o2640)
    invoke("check", "--no-config", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "A promising treatment."
    assert stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode) == 0o4755
    assert stat.S_IMODE(os.stat(tmp_path / "b.txt").st_mode) == 0o2640


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_root_fixing_a_users_page_keeps_its_owner_and_group(tmp_path, invoke):
    """repro 20: root runs --fix on nobody's page: it stays nobody's, setuid bit and all."""
    write(tmp_path, {"cp1252.txt": b"A miraculous treatment \xe9t\xe9.\n"})
    os.chown(tmp_path / "cp1252.txt", NOBODY, NOBODY)
    os.chmod(tmp_path / "cp1252.txt", 0o4750)
    invoke("check", "--no-config", "--fix", "cp1252.txt", cwd=tmp_path)
    info = os.stat(tmp_path / "cp1252.txt")
    assert (tmp_path / "cp1252.txt").read_bytes() == b"A promising treatment \xe9t\xe9.\n"
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, 0o4750)


def test_fix_keeps_extended_attributes(tmp_path, invoke):
    """repro 20 ("other metadata"): user xattrs (and ACLs, which are xattrs) are copied."""
    path = tmp_path / "page.txt"
    path.write_text("A miraculous treatment.\n")
    try:
        os.setxattr(path, "user.origin", b"cms export")
    except OSError:
        pytest.skip("no user extended attributes on this file system")
    invoke("check", "--no-config", "--fix", "page.txt", cwd=tmp_path)
    assert path.read_text() == "A promising treatment.\n"
    assert os.getxattr(path, "user.origin") == b"cms export"


def as_nobody(tmp_path, *args: str) -> tuple[int, str]:
    """Run the CLI in a forked child with the uid and gid of nobody (the parent has imported and
    loaded everything, so the child needs nothing nobody may not read)."""
    from click.testing import CliRunner

    from copylint.cli import cli

    # warm: imports, spaCy
    CliRunner().invoke(cli, ["check", "--no-config", "--no-cache", os.devnull])
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.close(read_end)
            os.chdir(tmp_path)  # as root: pytest's temporary folders are root's, mode 0700
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = CliRunner().invoke(cli, ["check", "--no-config", "--no-cache", *args])
            os.write(write_end, f"{result.exit_code}\n{result.stderr}".encode())
            code = 0
        except BaseException:
            import traceback

            os.write(write_end, f"99\n{traceback.format_exc()}".encode())
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(child, 0)
    code, _, stderr = out.partition("\n")
    return int(code), stderr


@pytest.mark.skipif(not ROOT, reason="needs root to run a child as another user")
def test_fix_refuses_read_only_and_other_users_pages(tmp_path):
    """repro 45, as user nobody in a folder nobody may write: a 0444 page and root's 0644 page
    are refused (exit 2) and left as they are, owner and bits; nobody's own page is fixed."""
    os.chmod(tmp_path, 0o755)
    rw = tmp_path / "rw"
    write(
        rw,
        {
            "readonly.txt": "A miraculous treatment.\n",
            "roots.txt": "A miraculous treatment.\n",
            "mine.txt": "A miraculous treatment.\n",
        },
    )
    for name in ("readonly.txt", "mine.txt"):
        os.chown(rw / name, NOBODY, NOBODY)
    os.chmod(rw / "readonly.txt", 0o444)
    os.chmod(rw / "roots.txt", 0o644)
    os.chown(rw, NOBODY, NOBODY)
    code, stderr = as_nobody(rw, "--fix", "readonly.txt", "roots.txt", "mine.txt")
    assert code == 2, stderr
    assert (
        "readonly.txt: error: is read-only for you (mode 0444, owner nobody); not fixed" in stderr
    )
    assert "roots.txt: error: is read-only for you (mode 0644, owner root); not fixed" in stderr
    assert "fixed 1 finding in 1 file" in stderr
    for name, owner, mode in (("readonly.txt", NOBODY, 0o444), ("roots.txt", 0, 0o644)):
        info = os.stat(rw / name)
        assert (rw / name).read_text() == "A miraculous treatment.\n"
        assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (owner, mode)
    assert (rw / "mine.txt").read_text() == "A promising treatment.\n"
    assert os.stat(rw / "mine.txt").st_uid == NOBODY


@pytest.mark.skipif(not ROOT, reason="needs root to run a child as another user")
def test_fix_refuses_another_users_writable_page(tmp_path):
    """repro 45: root's page that nobody may write (0666): a replace would make it nobody's;
    refused."""
    os.chmod(tmp_path, 0o777)
    write(tmp_path, {"shared.txt": "A miraculous treatment.\n"})
    os.chmod(tmp_path / "shared.txt", 0o666)
    code, stderr = as_nobody(tmp_path, "--fix", "shared.txt")
    assert code == 2, stderr
    assert (
        "shared.txt: error: belongs to root: the fixed file would belong to you; not fixed"
        in stderr
    )
    assert (tmp_path / "shared.txt").read_text() == "A miraculous treatment.\n"
    assert os.stat(tmp_path / "shared.txt").st_uid == 0


@pytest.mark.skipif(ROOT, reason="root may write a 0444 file")
def test_fix_refuses_a_read_only_page(tmp_path, invoke):
    """repro 45 for a non-root run: the file's own bits say it is not to be changed."""
    write(tmp_path, {"readonly.txt": "A miraculous treatment.\n"})
    os.chmod(tmp_path / "readonly.txt", 0o444)
    fixed = invoke("check", "--no-config", "--fix", "readonly.txt", cwd=tmp_path)
    assert fixed.exit_code == 2
    assert "readonly.txt: error: is read-only for you (mode 0444" in fixed.stderr
    assert (tmp_path / "readonly.txt").read_text() == "A miraculous treatment.\n"


def test_a_read_only_folder_is_reported(tmp_path, invoke):
    """repro 45 (held): the page is writable, its folder is not: cannot write, exit 2."""
    if ROOT:
        pytest.skip("root may write a read-only folder")
    write(tmp_path, {"ro/page.txt": "A miraculous treatment.\n"})
    os.chmod(tmp_path / "ro", 0o555)
    try:
        fixed = invoke("check", "--no-config", "--fix", "ro/page.txt", cwd=tmp_path)
    finally:
        os.chmod(tmp_path / "ro", 0o755)
    assert fixed.exit_code == 2
    assert (
        "ro/page.txt: error: cannot write the fixes: [Errno 13] Permission denied" in fixed.stderr
    )


# --- repro 21: a kill during the write ----------------------------------------------------------

SLOW_FIX = """
import os, sys, time
{prelude}
real, flag = os.fsync, sys.argv[2]
def slow(fd):
    open(flag, "w").close()  # tell the test we are writing
    time.sleep(60)
    real(fd)
os.fsync = slow
from copylint.cli import main
sys.argv = ["copylint", "check", "--no-config", "--no-cache", "--fix", sys.argv[1]]
main()
"""


def killed_mid_write(tmp_path, page, prelude: str = "") -> None:
    """Run --fix on ``page`` in a real process and SIGKILL it while it writes (in fsync)."""
    flag = tmp_path / "writing.flag"
    script = SLOW_FIX.format(prelude=prelude)
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(page), str(flag)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert process.poll() is None, "the fix ended before writing"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    flag.unlink()


@pytest.mark.slow
def test_a_killed_fix_leaves_nothing_behind(tmp_path):
    """repro 21: the temporary file has no name while it is written (O_TMPFILE)."""
    if not (hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")):
        pytest.skip("no O_TMPFILE here; see the sweep test")
    site = tmp_path / "site"
    original = "A miraculous treatment.\n" + "Plain words about aftercare.\n" * 20000
    write(site, {"page.txt": original})
    killed_mid_write(tmp_path, site / "page.txt")
    assert (site / "page.txt").read_text() == original
    assert leftovers(site) == []


@pytest.mark.slow
def test_without_o_tmpfile_a_killed_fixs_leftover_is_swept_by_the_next_run(tmp_path, invoke):
    """repro 21, where O_TMPFILE is missing: the leftover is named as copylint's, and the next
    write into that folder removes it once stale; look-alikes that are not ours stay."""
    site = tmp_path / "site"
    write(site, {"page.txt": "A miraculous treatment.\n", "other.txt": "A miraculous serum.\n"})
    killed_mid_write(tmp_path, site / "page.txt", prelude="del os.O_TMPFILE")
    assert (site / "page.txt").read_text() == "A miraculous treatment.\n"
    [left] = leftovers(site)
    assert files._TEMPORARY_NAME.fullmatch(left), left
    # a live run's, for all we know
    fresh = files.TEMPORARY_PREFIX + "1-aaaaaaaaaaaa" + files.TEMPORARY_SUFFIX
    (site / fresh).write_text("in flight")
    lookalike = files.TEMPORARY_PREFIX + "2-bbbbbbbbbbbb" + files.TEMPORARY_SUFFIX
    os.symlink("page.txt", site / lookalike)  # not a regular file: never ours
    hand_made = site / ".copylint-notes.tmp"  # not our pattern
    hand_made.write_text("mine")
    old = time.time() - files.STALE_TEMPORARY_SECONDS - 60
    for name in (left, lookalike, hand_made.name):
        os.utime(site / name, (old, old), follow_symlinks=False)
    files._swept.clear()
    fixed = invoke("check", "--no-config", "--fix", "other.txt", cwd=site)
    assert fixed.exit_code == 0, fixed
    assert leftovers(site) == sorted([fresh, lookalike, hand_made.name])
    assert (site / "other.txt").read_text() == "A promising serum.\n"


# --- repro 22: two runs at once -----------------------------------------------------------------

SLOW_WRITER = """
import os, sys, time
real, flag = os.fsync, sys.argv[2]
def slow(fd):
    open(flag, "w").close()
    time.sleep(4)
    real(fd)
os.fsync = slow
from copylint.cli import main
sys.argv = [
    "copylint", "check", "--no-config", "--no-cache", "--fix", "--select", "hype-word", sys.argv[1]
]
main()
"""


@pytest.mark.slow
def test_two_concurrent_fixes_never_lose_an_update(tmp_path):
    """repro 22: run A holds the file while it writes (slow fsync); run B, checked on the old
    text, fixes after A and must not put back old text, nor claim a fix it did not make."""
    page = tmp_path / "page.txt"
    page.write_text("A miraculous treatment.\nIt comes with guaranteed results.\n")
    flag = tmp_path / "writing.flag"
    a = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(page), str(flag)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert a.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    b = run_cli(
        "check",
        "--no-config",
        "--no-cache",
        "--fix",
        "--select",
        "guarantee",
        str(page),
        cwd=tmp_path,
    )
    a_err = a.communicate(timeout=60)[1]
    final = page.read_text()
    assert a.returncode == 0 and "fixed 1 finding in 1 file" in a_err, a_err
    assert "A promising treatment." in final  # A's fix
    b_err = b.stderr.decode()
    if "results that vary" not in final:  # B's fix is not there: B must say so
        assert b.returncode == 2, b_err
        assert "page.txt: error: changed while it was being checked; not fixed" in b_err
        assert "fixed 0 findings in 0 files" in b_err
    assert final.count("\n") == 2


def test_the_lock_waits_for_the_holder_and_follows_a_replaced_file(tmp_path):
    """repro 22: a second locker waits for the first, and then locks the file that replaced the
    one it opened (a lock on the old inode would protect nothing)."""
    page = tmp_path / "page.txt"
    page.write_text("one\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent("""
            import sys, time
            from copylint import files
            with files.locked(sys.argv[1]):
                print("locked", flush=True)
                time.sleep(1.5)
                files.write_atomically(sys.argv[1], b"two\\n")
        """),
            str(page),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout.readline() == "locked\n"
    started = time.monotonic()
    with files.locked(str(page)) as info:
        waited = time.monotonic() - started
        assert page.read_text() == "two\n"
        assert info.st_ino == os.stat(page).st_ino
    holder.wait(timeout=30)
    assert waited > 0.5
    with pytest.raises(files.FileLocked):
        import fcntl

        with open(page) as other:
            fcntl.flock(other, fcntl.LOCK_EX)
            with files.locked(str(page), wait=0.3):
                pass


def test_a_write_is_refused_when_the_file_changed_under_it(tmp_path):
    """repro 22, for writers that take no lock: the bytes are compared just before the replace."""
    page = tmp_path / "page.txt"
    page.write_bytes(b"edited by hand\n")
    with pytest.raises(files.FileChanged):
        files.write_atomically(str(page), b"fixed\n", expected=b"as read\n")
    assert page.read_bytes() == b"edited by hand\n"
    assert leftovers(tmp_path) == []
