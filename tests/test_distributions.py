"""Distributions: sampled moments against closed forms (and scipy.stats as a second method)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import TypeAdapter
from scipy import stats

from roi_sim.scenario.distributions import Distribution

ADAPTER = TypeAdapter(Distribution)
N = 200_000


def _dist(**kw):
    return ADAPTER.validate_python(kw)


CASES = [
    # spec, closed-form mean, closed-form sd
    (dict(dist="fixed", value=3.5), 3.5, 0.0),
    (dict(dist="uniform", low=2, high=5), 3.5, 3 / math.sqrt(12)),
    (dict(dist="triangular", low=2, mode=2.5, high=4),
     (2 + 2.5 + 4) / 3, math.sqrt((4 + 6.25 + 16 - 5 - 8 - 10) / 18)),
    # PERT: alpha = 1 + 4 (m-a)/(b-a) = 2, beta = 4; mean (a + 4m + b)/6; var of Beta(2,4) scaled.
    (dict(dist="pert", low=0, mode=0.25, high=1), (0 + 1 + 1) / 6, math.sqrt(2 * 4 / (36 * 7))),
    (dict(dist="normal", mean=10, sd=2), 10, 2),
    (dict(dist="lognormal", mean=5000, sd=1500), 5000, 1500),
    (dict(dist="gamma", mean=2.5, sd=0.8), 2.5, 0.8),
    (dict(dist="beta", mean=0.3, sd=0.05), 0.3, 0.05),
    (dict(dist="beta", alpha=2, beta=6), 0.25, math.sqrt(12 / (64 * 9))),
    # successes/trials: Beta(1 + 25, 1 + 50) = Beta(26, 51): mean 26/77.
    (dict(dist="beta", successes=25, trials=75), 26 / 77, math.sqrt(26 * 51 / (77**2 * 78))),
]


@pytest.mark.parametrize("spec,mean,sd", CASES, ids=[c[0]["dist"] + str(i) for i, c in enumerate(CASES)])
def test_sample_moments_match_closed_forms(spec, mean: float, sd: float) -> None:
    d = _dist(**spec)
    assert d.mean() == pytest.approx(mean, rel=1e-12)
    x = d.sample(np.random.default_rng(1), N)
    assert x.shape == (N,)
    if sd == 0:
        assert np.all(x == mean)
        return
    assert abs(x.mean() - mean) <= 4 * sd / math.sqrt(N)
    assert x.std() == pytest.approx(sd, rel=0.02)
    lo, hi = d.support()
    assert x.min() >= lo and x.max() <= hi


def test_truncated_normal_against_scipy() -> None:
    d = _dist(dist="normal", mean=0.3, sd=0.2, low=0, high=1)
    ref = stats.truncnorm((0 - 0.3) / 0.2, (1 - 0.3) / 0.2, loc=0.3, scale=0.2)
    assert d.mean() == pytest.approx(ref.mean(), rel=1e-10)
    x = d.sample(np.random.default_rng(2), N)
    assert x.min() >= 0 and x.max() <= 1
    assert abs(x.mean() - ref.mean()) <= 4 * ref.std() / math.sqrt(N)
    assert stats.kstest(x, ref.cdf).pvalue > 1e-3


def test_one_sided_truncation_in_the_upper_tail() -> None:
    # Bounds far in the upper tail: sampled via the mirrored lower tail, stays precise.
    d = _dist(dist="normal", mean=0, sd=1, low=4)
    ref = stats.truncnorm(4, np.inf)
    x = d.sample(np.random.default_rng(3), N)
    assert x.min() >= 4
    assert d.mean() == pytest.approx(ref.mean(), rel=1e-9)
    assert abs(x.mean() - ref.mean()) <= 4 * ref.std() / math.sqrt(N)


@pytest.mark.parametrize(
    "spec,message",
    [
        (dict(dist="uniform", low=3, high=3), "low (3) must be below high (3); for a known number write the number itself"),
        (dict(dist="triangular", low=1, mode=0, high=3), "mode (0) must lie between low (1) and high (3)"),
        (dict(dist="pert", low=3, mode=3, high=1), "low (3) must be below high (1); for a known number write the number itself"),
        (dict(dist="normal", mean=0, sd=0), "sd must be above 0 (got 0); for a known number write the number itself"),
        (dict(dist="normal", mean=0, sd=1, low=50), "almost no probability lies between low and high (mean 0, sd 1); move the bounds or the mean"),
        (dict(dist="lognormal", mean=-1, sd=1), "mean must be above 0 for a lognormal (got -1)"),
        (dict(dist="gamma", mean=1, sd=0), "sd must be above 0 (got 0); for a known number write the number itself"),
        (dict(dist="beta", mean=0.3), "mean and sd go together: give both"),
        (dict(dist="beta", mean=0.3, sd=0.05, alpha=1, beta=2), "give exactly one of: mean and sd; alpha and beta; successes and trials"),
        (dict(dist="beta", mean=1.2, sd=0.05), "mean must lie strictly between 0 and 1 for a beta (got 1.2)"),
        (dict(dist="beta", successes=80, trials=75), "successes must lie between 0 and trials (75); got 80"),
        (dict(dist="beta", alpha=0, beta=2), "alpha must be above 0 (got 0)"),
        (dict(dist="beta", alpha=2, beta=-1), "beta must be above 0 (got -1)"),
    ],
)
def test_invalid_distribution_messages(spec, message: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        _dist(**spec)
    assert info.value.errors()[0]["msg"] == "Value error, " + message
