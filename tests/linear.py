"""Linear growth, checked one way for the whole suite: run a function on inputs 1x, 4x and 16x a base
size and compare the growth of its cost with what a linear cost gives (4x, 16x) and what a quadratic
one gives (16x, 256x), under a hang guard.

The cost is CPU time (``time.process_time``: a neighbour's load does not count in it, as it does in a
wall clock), with Python's cyclic garbage collector held off while the function runs (its passes
grow with every object alive, the test's own included, and would make any allocating code look
super-linear). Each size is measured once and the growth accepted at once when it is clearly linear
(the passing case costs one run per size, plus a second of the cheap 1x run, its first carrying any
one-time warm-up). Only when the growth looks super-linear is every size measured again, up to
``RETRIES`` times, keeping each size's least time (the smaller sizes too, so a retry can only make the
ratios larger or show that the first large run was slowed): a spike of load never fails a test, and a
quadratic cost, which no retry brings under the bound, fails after the last.
"""

from __future__ import annotations

import gc
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

FACTORS = (1, 4, 16)
RETRIES = 3
"""Measurements of every size after the first, when the first looks super-linear."""


@contextmanager
def hang_guard(seconds: int = 60) -> Iterator[None]:
    """SIGALRM after ``seconds`` turns a hang (a backtracking pattern, a quadratic loop on a huge
    input) into a failure."""
    def hung(*_: object) -> None:
        raise AssertionError(f"still parsing after {seconds} s: not linear")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def cpu_seconds(run: Callable[[str], object], text: str) -> float:
    """The CPU time of ``run(text)``, with the cyclic garbage collector off while it runs."""
    gc.disable()
    try:
        start = time.process_time()
        run(text)
        return time.process_time() - start
    finally:
        gc.enable()


def under(limit: float) -> Callable[[Sequence[float]], bool]:
    """16 times the input takes under ``limit`` times as long (linear: 16; quadratic: 256)."""
    return lambda times: times[-1] / times[0] < limit


NOT_QUADRATIC = under(64)
"""The default bound: 16 times the input in under 64 times the time (a quadratic cost takes 256)."""


def growth(make: Callable[[int], str], run: Callable[[str], object], base: int,
           linear: Callable[[Sequence[float]], bool], *, floor: float = 1e-3, guard: int = 300,
           factors: Sequence[int] = FACTORS) -> tuple[bool, list[float], int]:
    """Whether ``linear`` holds for the CPU times of ``run`` on ``make(base * k)`` for each ``k`` of
    ``factors`` (each time at least ``floor``), the times it judged last, and how many rounds of
    measurement that took (1 when the first was clearly linear)."""
    texts = [make(base * k) for k in factors]
    times = [float("inf")] * len(texts)
    gc.collect()
    with hang_guard(guard):
        cpu_seconds(run, texts[0])  # a first run pays for lazy imports, compiled patterns, caches
        for rounds in range(1, RETRIES + 2):
            times = [min(t, max(cpu_seconds(run, text), floor)) for t, text in zip(times, texts, strict=True)]
            if linear(times):
                return True, times, rounds
    return False, times, RETRIES + 1


def assert_linear(make: Callable[[int], str], run: Callable[[str], object], base: int,
                  linear: Callable[[Sequence[float]], bool] = NOT_QUADRATIC, *, floor: float = 1e-3,
                  guard: int = 300, factors: Sequence[int] = FACTORS) -> None:
    """``run`` on ``make(base)``, ``make(4 * base)`` and ``make(16 * base)`` grows as ``linear``
    accepts (by default: 16 times the input takes under 64 times as long; a quadratic cost would take
    256 times), on every retry's best times."""
    ok, times, rounds = growth(make, run, base, linear, floor=floor, guard=guard, factors=factors)
    sizes = "/".join(f"{k}x" for k in factors)
    assert ok, f"{sizes} took {times} s of CPU (best of {rounds}): not linear"
