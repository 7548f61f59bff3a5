"""--jobs: worker processes for a run."""

from __future__ import annotations

import multiprocessing

from copylint.engine import _check
from copylint.settings import Settings


def test_jobs_starts_no_more_workers_than_there_are_batches(tmp_path):
    """repro 46: -j 50 started 50 worker processes (each loading its own engine) for 2 files."""
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("A miraculous cure.\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    checked = _check(paths, Settings(), 8, None, None)
    first = next(checked)  # the pool is running now
    workers = len(multiprocessing.active_children())
    rest = list(checked)
    assert workers <= 2
    assert sorted(r.path for r, _ in [first, *rest]) == paths
    assert all(r.findings for r, _ in [first, *rest])
