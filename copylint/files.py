"""Finding the files to check, and turning their bytes into text.

Decoding rules: a UTF-8 BOM is stripped; UTF-16 and UTF-32 with a BOM are decoded; a NUL byte
in what is left marks a binary file, which is skipped; anything else is UTF-8, or, if it is not,
a Western single-byte encoding (cp1252, then ISO 8859-15) with a warning naming it. Line endings are
kept as they are (CRLF stays CRLF) so that columns refer to the file as written.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import fnmatch
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from copylint.findings import Problem
from copylint.git import GitError, git_output
from copylint.sources import LINTED_SUFFIXES

# Dependencies, build output and tool folders: never a site's own copy. Hidden folders
# (.git, .next, .cache ...) are skipped as well.
SKIPPED_DIRS = frozenset(
    {
        "node_modules",
        "bower_components",
        "vendor",
        "__pycache__",
        "venv",
        "site-packages",
        "dist",
        "build",
        "_site",
        "coverage",
        "htmlcov",
    }
)
BINARY_SNIFF_BYTES = 8192
# Inputs are linted in linear time up to this size; a larger file is refused (an error naming it),
# read with a bounded read so that no input (a device, a file growing as we read) exhausts memory.
MAX_FILE_BYTES = 10 * 1024 * 1024


class UnreadableFile(Exception):
    """The file could not be read at all (missing, a permission error, ...)."""


class BinaryFile(Exception):
    """The file is not text; it is skipped with a note."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # set when the text was not valid UTF-8


def decode(data: bytes) -> Decoded:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                name = encoding[:6].upper()
                raise BinaryFile(
                    f"has a {name} byte-order mark but is not valid {name} ({exc.reason})"
                ) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryFile("binary file (contains NUL bytes); skipped")
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for fallback in ("cp1252", "iso8859-15"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        return Decoded(text, fallback, f"not valid UTF-8 ({where}); read as {fallback}")
    raise AssertionError("ISO 8859-15 decodes any byte string")  # pragma: no cover


def digest(data: bytes) -> str:
    """What a file's content is known by (in the result cache)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def max_file_bytes() -> int:
    """The largest file copylint reads: 10 MiB, or COPYLINT_MAX_FILE_SIZE (bytes) when set."""
    value = os.environ.get("COPYLINT_MAX_FILE_SIZE", "")
    return int(value) if value.isdigit() else MAX_FILE_BYTES


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _size(count: int) -> str:
    return f"{count / (1 << 20):g} MiB" if count >= 1 << 20 else f"{count} bytes"


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default max_file_bytes()).

    The file is opened without blocking (a FIFO with no writer does not hang the run) and what
    was opened is checked, not only the path (no race with a rename): anything but a regular file
    (a FIFO, a device such as /dev/zero, a socket) is refused, and a file larger than the limit
    is refused after reading at most one byte past it, so nothing can exhaust memory."""
    limit = max_file_bytes() if limit is None else limit
    try:
        mode = os.stat(
            path
        ).st_mode  # a device is refused before it is opened (opening one may act)
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise UnreadableFile(f"not a regular file ({_kind(mode)})")
        handle = os.open(
            path,
            os.O_RDONLY
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_NOCTTY", 0)
            | getattr(os, "O_CLOEXEC", 0)
            | getattr(os, "O_BINARY", 0),
        )
    except FileNotFoundError:
        raise UnreadableFile("no such file or directory") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile("looping symbolic link") from None
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise UnreadableFile("not a regular file (socket or device)") from None
        raise UnreadableFile(exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile("is a directory")
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"not a regular file ({_kind(mode)})")
        with os.fdopen(handle, "rb") as stream:
            handle = -1  # closed with the stream
            return read_stream(stream, limit)
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
    finally:
        if handle >= 0:
            os.close(handle)


def read_stream(stream, limit: int | None = None) -> bytes:
    """At most ``limit`` bytes of a binary stream (standard input); UnreadableFile past it."""
    limit = max_file_bytes() if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(
            f"larger than {_size(limit)}, the most copylint reads of one file; not checked"
        )
    return data


@dataclass(frozen=True)
class WalkOptions:
    """How directories are walked. Globs match a path relative to the directory walked (or
    as given, for a file named on the command line), or any one of its parts."""

    include: tuple[
        str, ...
    ] = ()  # when set, walk picks files matching these instead of known suffixes
    exclude: tuple[str, ...] = ()  # never checked, even when named on the command line
    gitignore: bool = True
    base: str | None = (
        None  # the configuration file's folder: globs also match paths relative to it
    )


@dataclass(frozen=True)
class Discovery:
    files: list[str]
    missing: list[str]  # paths given on the command line that do not exist
    skipped: list[
        Problem
    ]  # notes: found while walking but not checked (broken symlinks, FIFOs ...), git refusals
    errors: list[Problem] = field(
        default_factory=list
    )  # folders that could not be read: their files were not checked


def path_matches(path: str, pattern: str) -> bool:
    """A glob matches a path, or any one of its parts; ``*`` crosses folders, and a leading
    ``**/`` or an inner ``/**/`` may also match no folder at all."""
    pure = PurePosixPath(path.replace(os.sep, "/"))
    candidates = [str(pure), *pure.parts]
    pattern = pattern.rstrip("/")
    variants = {pattern, pattern.removeprefix("**/"), pattern.replace("/**/", "/")}
    return any(fnmatch.fnmatchcase(c, p) for p in variants for c in candidates)


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(path_matches(path, pattern) for pattern in patterns)


def _matches_from(base: str | None, path: str, patterns: tuple[str, ...]) -> bool:
    """The path relative to ``base`` (the configuration's folder) matches; False outside it."""
    if base is None or not patterns:
        return False
    relative = os.path.relpath(os.path.abspath(path), base)
    return not relative.startswith("..") and _matches(relative, patterns)


def excluded(path: str, options: WalkOptions) -> bool:
    """Whether a file named on its own (on the command line, or open in an editor) is left out
    by the exclude globs."""
    return _matches(path, options.exclude) or _matches_from(options.base, path, options.exclude)


def discover(paths: list[str], options: WalkOptions = WalkOptions()) -> Discovery:
    """Files named explicitly are checked (unless excluded); directories are walked.

    A walk skips hidden, dependency and build folders, Office owner files (``~$name.docx``), files
    ignored by git (inside a git work tree; each nested work tree, such as a submodule, is asked
    about its own files), and does not follow directory symlinks, so a symlink loop cannot trap it.
    A folder that cannot be read is an error. The result is sorted and free of duplicates so
    output order does not depend on the walk.
    """
    files: set[str] = set()
    missing: list[str] = []
    skipped: list[Problem] = []
    errors: list[Problem] = []
    filters: dict[str, _IgnoreFilter | None] = {}  # per git work tree, shared by the walks
    for given in paths:
        if os.path.isdir(given):
            found = _walk(given, options, filters, skipped, errors)
            files.update(found)
        elif os.path.lexists(given):
            if not excluded(given, options):
                files.add(os.path.normpath(given))
        else:
            missing.append(given)
    return Discovery(sorted(files), missing, skipped, errors)


def _git_listing(root: str) -> tuple[set[str] | None, str]:
    """Files under ``root`` that git does not ignore (relative to root), or None and why git
    could not say (not a work tree, git missing, git refusing the repository ...)."""
    try:
        listed = git_output(
            ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            timeout=60,
        )
    except GitError as exc:
        if isinstance(exc.cause, FileNotFoundError):
            return None, "git is not installed"
        if exc.cause is not None:
            return None, f"git failed: {exc.cause}"
        return None, exc.said[0].removeprefix("fatal: ") if exc.said else str(exc)
    return {
        os.path.normpath(p) for p in listed.decode("utf-8", "surrogateescape").split("\0") if p
    }, ""


def _work_tree(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` holding a .git (folder or file), as git finds
    it."""
    current = os.path.abspath(folder)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class _IgnoreFilter:
    def ignores(self, path: str) -> bool:
        raise NotImplementedError

    def ignores_dir(self, path: str) -> bool:
        raise NotImplementedError

    def ignores_work_tree(self, path: str) -> bool:
        """A nested work tree (a submodule) that is ignored as a whole."""
        raise NotImplementedError


class _GitListing(_IgnoreFilter):
    """What git lists under a folder: tracked files, and untracked ones it does not ignore."""

    def __init__(self, root: str, listed: set[str]):
        self.root, self.listed = root, listed

    def ignores(self, path: str) -> bool:
        return os.path.relpath(path, self.root) not in self.listed

    def ignores_dir(self, path: str) -> bool:
        # git lists files; a folder is only left out as a whole when it is a work tree of its own
        return False

    def ignores_work_tree(self, path: str) -> bool:
        """A nested work tree (a submodule, a clone inside the site) is listed as one entry."""
        return os.path.relpath(path, self.root) not in self.listed


class _Gitignores(_IgnoreFilter):
    """The .gitignore files of a work tree read directly (gitignore semantics, by ``pathspec``),
    for when git cannot be asked: not installed, or refusing the repository ("dubious
    ownership")."""

    def __init__(self, work_tree: str):
        self.root = work_tree
        self._specs: dict[str, object] = {}
        self._dirs: dict[str, bool] = {}
        self.exclude = self._read(os.path.join(work_tree, ".git", "info", "exclude"))

    @staticmethod
    def _read(path: str):
        import pathspec

        try:
            data = read_bytes(path)
        except UnreadableFile:
            return None
        return pathspec.GitIgnoreSpec.from_lines(
            data.decode("utf-8", "surrogateescape").splitlines()
        )

    def _spec(self, folder: str):
        if folder not in self._specs:
            self._specs[folder] = self._read(os.path.join(folder, ".gitignore"))
        return self._specs[folder]

    def _verdict(self, path: str, is_dir: bool) -> bool:
        """Whether the patterns ignore ``path`` (its folders are checked apart): the deepest
        .gitignore with a matching pattern decides, .git/info/exclude weighs least."""
        suffix = "/" if is_dir else ""
        relative = os.path.relpath(path, self.root).replace(os.sep, "/")
        ignored = False
        if self.exclude is not None:
            result = self.exclude.check_file(relative + suffix)
            if result.include is not None:
                ignored = result.include
        parts = relative.split("/")
        folder = self.root
        for depth in range(len(parts)):
            spec = self._spec(folder)
            if spec is not None:
                result = spec.check_file("/".join(parts[depth:]) + suffix)
                if result.include is not None:
                    ignored = result.include
            folder = os.path.join(folder, parts[depth])
        return ignored

    def ignores_dir(self, path: str) -> bool:
        path = os.path.abspath(path)
        if path == self.root or not path.startswith(self.root.rstrip(os.sep) + os.sep):
            return False
        if path not in self._dirs:
            self._dirs[path] = self.ignores_dir(os.path.dirname(path)) or self._verdict(path, True)
        return self._dirs[path]

    def ignores(self, path: str) -> bool:
        path = os.path.abspath(path)
        return self.ignores_dir(os.path.dirname(path)) or self._verdict(path, False)

    def ignores_work_tree(self, path: str) -> bool:
        return self.ignores_dir(path)


def _ignore_filter(folder: str, filters: dict, notes: list[Problem]) -> _IgnoreFilter | None:
    """What git ignores under ``folder``: git's own listing where git answers, else the
    .gitignore files read directly, with one note per work tree; None outside a work tree."""
    key = os.path.abspath(folder)
    if key in filters:
        return filters[key]
    listed, refusal = _git_listing(folder)
    work_tree = _work_tree(folder) if listed is None else None
    if listed is not None:
        found: _IgnoreFilter | None = _GitListing(folder, listed)
    elif work_tree is None:
        found = None
    else:
        if work_tree not in filters:
            notes.append(
                Problem(
                    work_tree,
                    f"git could not be asked which files it ignores ({refusal}); read the "
                    ".gitignore files instead",
                )
            )
            filters[work_tree] = _Gitignores(work_tree)
        found = filters[work_tree]
    filters[key] = found
    return found


def _walk(
    root: str, options: WalkOptions, filters: dict, notes: list[Problem], errors: list[Problem]
) -> list[str]:
    found: list[str] = []

    def unreadable(exc: OSError) -> None:
        where = os.path.normpath(exc.filename) if exc.filename else os.path.normpath(root)
        reason = (
            "permission denied"
            if isinstance(exc, PermissionError)
            else (exc.strerror or str(exc)).lower()
        )
        errors.append(
            Problem(where, f"cannot read this folder ({reason}); the files in it were not checked")
        )

    ignoring: dict[str, _IgnoreFilter | None] = {}  # folder -> what git ignores in it
    for directory, subdirs, names in os.walk(root, onerror=unreadable):
        if directory == root:  # asked once the folder could be listed
            ignoring[directory] = (
                _ignore_filter(root, filters, notes) if options.gitignore else None
            )
        ignore = ignoring.pop(directory, None)
        relative_dir = os.path.relpath(directory, root)
        kept = []
        for d in subdirs:
            full = os.path.join(directory, d)
            if (
                d in SKIPPED_DIRS
                or d.startswith(".")
                or _matches(os.path.join(relative_dir, d), options.exclude)
                or _matches_from(options.base, full, options.exclude)
            ):
                continue
            inner = ignore
            if (
                options.gitignore
                and not os.path.islink(full)
                and os.path.lexists(os.path.join(full, ".git"))
            ):
                if ignore is not None and ignore.ignores_work_tree(
                    full
                ):  # a work tree git ignores as a whole
                    continue
                inner = _ignore_filter(
                    full, filters, notes
                )  # a submodule or nested clone: its own files
            elif ignore is not None and ignore.ignores_dir(full):
                continue
            ignoring[full] = inner
            kept.append(d)
        subdirs[:] = kept
        for name in names:
            relative = os.path.normpath(os.path.join(relative_dir, name))
            full = os.path.join(directory, name)
            if (
                name.startswith((".", "~$"))
                or _matches(relative, options.exclude)
                or _matches_from(options.base, full, options.exclude)
            ):
                # hidden, or an Office owner file ("~$page.docx", kept while Word has it open)
                continue
            if options.include:
                if not (
                    _matches(relative, options.include)
                    or _matches_from(options.base, full, options.include)
                ):
                    continue
            elif Path(name).suffix.lower() not in LINTED_SUFFIXES:
                continue
            path = os.path.normpath(full)
            if ignore is not None and ignore.ignores(path):
                continue
            try:
                mode = os.stat(path).st_mode
            except (FileNotFoundError, NotADirectoryError):
                notes.append(Problem(path, "broken or looping symbolic link; skipped"))
                continue
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    notes.append(Problem(path, "broken or looping symbolic link; skipped"))
                    continue
                mode = stat.S_IFREG  # reading it reports what is wrong
            if not stat.S_ISREG(mode):  # a FIFO would block the read, a device never end
                notes.append(Problem(path, f"not a regular file ({_kind(mode)}); skipped"))
                continue
            found.append(path)
    return found


class FileChanged(Exception):
    """The file no longer holds the bytes a write was planned from; it was left as it is."""


TEMPORARY_PREFIX = ".copylint-fix-"
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_NAME = re.compile(
    re.escape(TEMPORARY_PREFIX) + r"(\d+)-[a-z0-9]{12}" + re.escape(TEMPORARY_SUFFIX)
)
STALE_TEMPORARY_SECONDS = 600  # a leftover this old, of a process that is gone, is swept
_swept: set[str] = set()


def write_atomically(path: str, data: str | bytes, expected: bytes | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so that a reader never sees half a file and a
    failure or a kill leaves the old one in place.

    The new content goes to a temporary file in the same folder, flushed to disk, then replaces
    the file with os.replace. A symbolic link is written through: its target is replaced and the
    link stays a link. An existing file's owner, group, permission bits (setuid included) and
    extended attributes (ACLs ...) are given to the new one before it takes the file's place;
    where the OS refuses one of them (another user's file), nothing is written and PermissionError
    says what could not be kept. With ``expected``, the file must still hold exactly those bytes
    just before the replace, or FileChanged is raised and nothing is written.

    The temporary file has no name while it is written (O_TMPFILE, where the OS and the file
    system have it), so a kill leaves nothing behind; it is named only for the instant between
    linking it and the replace. Elsewhere it is named ``.copylint-fix-PID-RANDOM.tmp``, and a
    later write into the same folder removes such files of ours that are stale (see _sweep)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = resolve_link(path)
    directory = os.path.dirname(target) or "."
    try:
        original = os.stat(target)
    except FileNotFoundError:
        original = None
    if original is not None and not stat.S_ISREG(original.st_mode):
        raise (
            IsADirectoryError(errno.EISDIR, "not a regular file", path)
            if stat.S_ISDIR(original.st_mode)
            else OSError(errno.EINVAL, "not a regular file", path)
        )
    folder = os.open(
        directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        _sweep(directory, folder)
        handle, name = _create_temporary(directory, folder)
        try:
            write_all(handle, data)
            if original is not None:
                _copy_metadata(handle, target, original)
            else:
                os.fchmod(handle, 0o666 & ~_umask())
            os.fsync(handle)
            if expected is not None and _current_bytes(target) != expected:
                raise FileChanged(f"{path}: changed while it was being fixed")
            if name is None:
                name = _link_temporary(handle, folder)
            os.replace(name, os.path.basename(target), src_dir_fd=folder, dst_dir_fd=folder)
            name = None
            try:
                os.fsync(folder)  # the replace itself survives a power cut
            except OSError:
                pass
        finally:
            os.close(handle)
            if name is not None:
                try:
                    os.unlink(name, dir_fd=folder)
                except FileNotFoundError:
                    pass
    finally:
        os.close(folder)


def resolve_link(path: str) -> str:
    """``path``, or, if it is a symbolic link, what it finally points to (relative paths stay
    relative: an absolute path would need search permission on every folder above)."""
    for _ in range(40):
        try:
            link = os.readlink(path)
        except OSError:  # not a link (or not there)
            return path
        path = os.path.join(os.path.dirname(path), link)
    raise OSError(errno.ELOOP, "too many levels of symbolic links", path)


def _create_temporary(directory: str, folder: int) -> tuple[int, str | None]:
    """An open temporary file in ``directory`` (mode 0600) and its name, None while it has none."""
    if hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(directory, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    while True:
        name = _temporary_name()
        try:
            return os.open(
                name,
                os.O_WRONLY
                | os.O_CREAT
                | os.O_EXCL
                | getattr(os, "O_NOFOLLOW", 0)
                | getattr(os, "O_CLOEXEC", 0),
                0o600,
                dir_fd=folder,
            ), name
        except FileExistsError:
            continue


def _temporary_name() -> str:
    import secrets

    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    tag = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{TEMPORARY_PREFIX}{os.getpid()}-{tag}{TEMPORARY_SUFFIX}"


def _link_temporary(handle: int, folder: int) -> str:
    """Give the unnamed temporary file a name in its folder (linkat through /proc/self/fd)."""
    while True:
        name = _temporary_name()
        try:
            # dst_dir_fd makes Python call linkat with AT_SYMLINK_FOLLOW, which links the open
            # file rather than the /proc symlink to it
            os.link(f"/proc/self/fd/{handle}", name, dst_dir_fd=folder)
            return name
        except FileExistsError:
            continue


def write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _copy_metadata(handle: int, path: str, original: os.stat_result) -> None:
    """Give the new file the owner, group, extended attributes and mode of ``original``, or raise
    PermissionError naming what the OS would not let us keep. Ownership first: chown clears the
    setuid and setgid bits."""
    mine = os.fstat(handle)
    if (mine.st_uid, mine.st_gid) != (original.st_uid, original.st_gid):
        try:
            os.fchown(handle, original.st_uid, original.st_gid)
        except PermissionError:
            raise PermissionError(
                errno.EPERM,
                f"cannot keep its owner and group ({original.st_uid}:{original.st_gid}): a "
                f"new file would belong to {mine.st_uid}:{mine.st_gid}",
                path,
            ) from None
    _copy_xattrs(handle, path)
    os.fchmod(handle, stat.S_IMODE(original.st_mode))
    if stat.S_IMODE(os.fstat(handle).st_mode) != stat.S_IMODE(original.st_mode):
        raise PermissionError(
            errno.EPERM, f"cannot keep its mode {stat.S_IMODE(original.st_mode):04o}", path
        )


def _copy_xattrs(handle: int, path: str) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        wanted = {name: os.getxattr(path, name) for name in os.listxattr(path)}
        present = os.listxattr(handle)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    for name in present:
        if name not in wanted:  # an ACL inherited from the folder, say, which the file did not have
            try:
                os.removexattr(handle, name)
            except OSError:
                pass
    for name, value in wanted.items():
        try:
            if name not in present or os.getxattr(handle, name) != value:
                os.setxattr(handle, name, value)
        except OSError as exc:
            raise PermissionError(
                exc.errno, f"cannot keep its extended attribute {name} ({exc.strerror})", path
            ) from None


def _sweep(directory: str, folder: int) -> None:
    """Remove copylint's own leftovers in ``directory`` (temporary files of a killed run, where
    O_TMPFILE was not available): a regular file, named .copylint-fix-PID-RANDOM.tmp, owned by
    us, with one link, untouched for STALE_TEMPORARY_SECONDS, whose process no longer runs.
    Each folder is looked at once per run; nothing is followed."""
    import time

    if directory in _swept:
        return
    _swept.add(directory)
    try:
        names = [
            entry.name for entry in os.scandir(folder) if _TEMPORARY_NAME.fullmatch(entry.name)
        ]
    except OSError:
        return
    for name in names:
        try:
            info = os.lstat(name, dir_fd=folder)
        except OSError:
            continue
        named = _TEMPORARY_NAME.fullmatch(name)
        assert named is not None  # the names were chosen by this pattern
        pid = int(named.group(1))
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and info.st_nlink == 1
            and time.time() - info.st_mtime > STALE_TEMPORARY_SECONDS
            and pid != os.getpid()
            and not _running(pid)
        ):
            try:
                os.unlink(name, dir_fd=folder)
            except OSError:
                pass


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


LOCK_WAIT_SECONDS = 60


class FileLocked(Exception):
    """Another process held the file's lock for longer than LOCK_WAIT_SECONDS."""


@contextlib.contextmanager
def locked(path: str, wait: float = LOCK_WAIT_SECONDS):
    """Hold an exclusive advisory lock (flock) on the file ``path`` names (through symbolic
    links) and yield its os.stat_result. Runs of copylint --fix take it across read, check and
    replace, so two of them never interleave on one file. Because a fix replaces the file, the
    lock is on an inode: after waiting, the path must still name the locked inode, or the lock
    is taken again on the new one. Raises UnreadableFile, or FileLocked after ``wait`` seconds."""
    import time

    try:
        import fcntl
    except ImportError:  # no flock on this OS: the bytes are still compared before the replace
        fcntl = None  # type: ignore[assignment]
    deadline = time.monotonic() + wait
    while True:
        try:
            # O_NONBLOCK: opening a FIFO must not hang; it is refused just below
            handle = os.open(
                resolve_link(path),
                os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0),
            )
        except FileNotFoundError:
            raise UnreadableFile("no such file or directory") from None
        except PermissionError:
            raise UnreadableFile("permission denied") from None
        except OSError as exc:
            raise UnreadableFile(exc.strerror or str(exc)) from None
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("not a regular file")
            pause = 0.01
            while fcntl is not None:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise FileLocked(
                            f"{path}: locked by another process (another copylint --fix?) "
                            f"for {wait:.0f} s"
                        ) from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
                except OSError as exc:
                    if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL):
                        # a file system without locks: the bytes are still compared before the
                        # replace
                        break
                    raise
            try:
                now = os.stat(path)
            except OSError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                yield os.fstat(handle)
                return
        finally:
            os.close(handle)  # releases the lock


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
