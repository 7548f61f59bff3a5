"""Scaling checks: an input family grown 1x, 4x and 16x must cost about 4x per step, not 16x.

Times are CPU seconds of this process (best of a few runs), so a busy machine slows every size
alike and the ratio still holds. The assertion is on the ratio of one 4x step to the next size,
never on a wall time: linear work gives ~4, quadratic ~16; the limit sits between the two.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

STEP = 4
# Linear work costs ~4x per 4x step; allow fixed costs and noise, refuse quadratic (16x).
RATIO_LIMIT = 8.0


def cpu_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(
    make_input: Callable[[int], T],
    run: Callable[[T], object],
    base: int,
    limit: float = RATIO_LIMIT,
    repeat: int = 3,
) -> list[float]:
    """run(make_input(n)) for n = base, 4*base, 16*base; each 4x step may cost at most ``limit``x.

    The first size also serves as a warm-up (spaCy's pipeline, caches), run once before timing."""
    sizes = [base, base * STEP, base * STEP * STEP]
    inputs = [make_input(n) for n in sizes]
    run(inputs[0])
    times = [max(cpu_seconds(lambda i=i: run(i), repeat), 1e-4) for i in inputs]
    ratios = [later / earlier for earlier, later in zip(times, times[1:], strict=False)]
    # measure once more before failing: a pause (GC, a busy core) is not growth
    if ratios[-1] > limit:
        times = [
            min(t, max(cpu_seconds(lambda i=i: run(i), repeat), 1e-4))
            for t, i in zip(times, inputs, strict=True)
        ]
        ratios = [later / earlier for earlier, later in zip(times, times[1:], strict=False)]
    # The last step decides: at the smallest size fixed costs can hide the growth.
    assert ratios[-1] <= limit, (
        f"not linear: sizes {sizes} took {[round(t, 4) for t in times]} s of CPU "
        f"(x{ratios[0]:.1f}, x{ratios[1]:.1f} per {STEP}x step; limit x{limit})"
    )
    return times


def peak_memory(run: Callable[[], object]) -> int:
    """Peak bytes allocated by Python objects while ``run`` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
