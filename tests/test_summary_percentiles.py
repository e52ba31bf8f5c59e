"""The summaries' percentiles from one sort are numpy's linear percentiles, bit for bit, and
a summary is what the plain definition gives (mean, SE of the mean, 5/50/95th percentiles;
exactly the value when every iteration holds the same one)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from roi_sim.model.metrics import Summary, percentiles_5_50_95, summarize

_FINITE = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(arrays(np.float64, st.integers(2, 400), elements=_FINITE))
def test_percentiles_are_numpys_bit_for_bit(values: np.ndarray) -> None:
    assert np.array_equal(percentiles_5_50_95(values), np.percentile(values, [5, 50, 95]))


def test_percentiles_on_run_sized_blocks() -> None:
    rng = np.random.default_rng(11)
    for n in (2, 3, 4096, 20_000, 20_001):
        for values in (rng.normal(3e5, 1e5, n), rng.integers(-3, 4, n) * 1e5 + 0.0, -rng.lognormal(10, 2, n)):
            assert np.array_equal(percentiles_5_50_95(values), np.percentile(values, [5, 50, 95]))


def test_percentiles_by_hand() -> None:
    # 0..10: the 5th percentile sits at index 0.5 (between 0 and 1), the 95th at 9.5.
    assert percentiles_5_50_95(np.arange(11.0)[::-1].copy()).tolist() == [0.5, 5.0, 9.5]


def _plain(values: np.ndarray) -> Summary | None:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    if np.all(finite == finite[0]):
        v = float(finite[0])
        return Summary(v, 0.0, v, v, v)
    p5, p50, p95 = np.percentile(finite, [5, 50, 95])
    return Summary(float(finite.mean()), float(finite.std(ddof=1) / math.sqrt(finite.size)), float(p5), float(p50), float(p95))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 200), elements=st.one_of(_FINITE, st.just(np.nan), st.just(np.inf), st.just(7.0))))
def test_summary_is_the_plain_definition(values: np.ndarray) -> None:
    assert summarize(values) == _plain(values)


def test_constant_summary_is_exact() -> None:
    s = summarize(np.full(4096, 0.1 + 0.2))
    assert s == Summary(0.1 + 0.2, 0.0, 0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2)
