"""The scaling check itself: it passes linear work and fails quadratic work."""

import pytest
from scaling import assert_linear


def _linear(n: int) -> int:
    return sum(range(n))


def _quadratic(n: int) -> int:
    return sum(1 for i in range(n) for _ in range(i))


def test_linear_work_passes():
    assert_linear(lambda n: n, _linear, 20_000)


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="not linear"):
        assert_linear(lambda n: n, _quadratic, 150)
