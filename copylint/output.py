"""Where a report may be written: its folder exists, it is none of the run's inputs, and it is
written atomically. Checked before any work, so a typo costs nothing and no page is overwritten."""

from __future__ import annotations

import os

from copylint.files import write_atomically
from copylint.reporters import printable


class OutputError(Exception):
    """The report cannot be written there; the message names the option and the file."""


def check_output_folder(output_file: str, option: str) -> None:
    """The report's folder exists (a missing one is a typo, not an internal error)."""
    folder = os.path.dirname(os.path.abspath(output_file))
    if not os.path.isdir(folder):
        why = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise OutputError(f"{option} {printable(output_file)}: {printable(folder)} {why}")


def same_file(path: str, others: list[str]) -> str | None:
    """The first of ``others`` that is ``path`` (the same inode: a link or another spelling too),
    or None."""
    try:
        target = os.stat(path)
    except OSError:
        return None  # not there yet: not one of the inputs
    for other in others:
        try:
            info = os.stat(other)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            return other
    return None


def refuse_output_onto_input(output_file: str, inputs: list[str], option: str) -> None:
    """A report written over a page (or the configuration, the baseline, a corpus) destroys it."""
    clash = same_file(output_file, inputs)
    if clash is not None:
        same = (
            ""
            if os.path.normpath(clash) == os.path.normpath(output_file)
            else f" (it is {printable(clash)})"
        )
        raise OutputError(
            f"{option} {printable(output_file)}: is one of the files this run reads{same}; "
            "not overwriting it"
        )


def write_report(output_file: str, report: str, option: str = "--output") -> None:
    try:
        write_atomically(output_file, report)
    except OSError as exc:
        raise OutputError(
            f"{option} {printable(output_file)}: cannot write the report: {exc.strerror or exc}"
        ) from None
