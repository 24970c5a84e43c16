"""The suite's linearity check (``tests/linear.py``) fails a quadratic cost on every retry, passes a
linear one on its first measurement, and is not failed by a first measurement slowed by load."""

from __future__ import annotations

import time

import pytest

from .linear import assert_linear, growth, under


def quadratic(text: str) -> int:
    """What a reader that looks back over everything it read, at every character, costs."""
    return sum(1 for i in range(len(text)) for j in range(0, i, 4) if text[j] == "b")


def linear(text: str) -> int:
    return sum(1 for ch in text if ch == "b")


def test_a_quadratic_cost_fails_after_every_retry() -> None:
    ok, times, rounds = growth(lambda n: "a" * n, quadratic, 400, under(64))
    assert not ok and rounds > 1 and times[2] / times[0] > 64, times


def test_a_growth_never_accepted_fails_the_test() -> None:
    with pytest.raises(AssertionError, match=r"1x/4x/16x took .* s of CPU \(best of 4\): not linear"):
        assert_linear(lambda n: "a" * n, linear, 20_000, lambda times: False)


def test_a_linear_cost_passes_on_its_first_measurement() -> None:
    ok, times, rounds = growth(lambda n: "a" * n, linear, 20_000, under(64))
    assert ok and rounds == 1, times
    assert_linear(lambda n: "a" * n, linear, 20_000)


def test_a_first_measurement_slowed_by_load_is_measured_again() -> None:
    """The first run of the 16x input takes 0.2 s more than its 15 ms (a spike of load): the check
    measures every size again and passes on the second round."""
    calls: list[int] = []

    def spiked(text: str) -> int:
        calls.append(len(text))
        if len(text) == 16 * 20_000 and calls.count(len(text)) == 1:
            end = time.process_time() + 0.2
            while time.process_time() < end:
                pass
        return linear(text)

    ok, times, rounds = growth(lambda n: "a" * n, spiked, 20_000, under(64))
    assert ok and rounds == 2, times
