"""Inverse CDFs (ppf) of every distribution: against scipy.stats' own ppf, and round trips
against the distribution's sampler (the sampler is what the simulation uses, so the ppf
that tornado and Sobol' analyses use must describe the same distribution)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import TypeAdapter
from scipy import stats

from roi_sim.scenario.distributions import Distribution

ADAPTER = TypeAdapter(Distribution)
Q = np.array([0.0, 1e-6, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1 - 1e-6, 1.0])


def _dist(**kw):
    return ADAPTER.validate_python(kw)


def _lognorm(mean: float, sd: float):
    # mean/sd of the value: sigma² = ln(1 + (sd/mean)²), mu = ln(mean) − sigma²/2.
    s2 = math.log(1 + (sd / mean) ** 2)
    return stats.lognorm(s=math.sqrt(s2), scale=math.exp(math.log(mean) - s2 / 2))


def _beta_mean_sd(mean: float, sd: float):
    nu = mean * (1 - mean) / sd**2 - 1
    return stats.beta(mean * nu, (1 - mean) * nu)


# (spec, the same distribution in scipy.stats), each scipy form derived from the definitions
# in docs/scenario-reference.md, not from roi_sim's code.
CASES = [
    (dict(dist="uniform", low=2, high=5), stats.uniform(loc=2, scale=3)),
    (dict(dist="triangular", low=2, mode=2.5, high=4), stats.triang(c=0.25, loc=2, scale=2)),
    (dict(dist="triangular", low=0, mode=0, high=1), stats.triang(c=0.0, loc=0, scale=1)),
    (dict(dist="triangular", low=0, mode=1, high=1), stats.triang(c=1.0, loc=0, scale=1)),
    # PERT, lambda 4: alpha = 1 + 4 (mode−low)/(high−low) = 2, beta = 1 + 4 (high−mode)/(high−low) = 4.
    (dict(dist="pert", low=1, mode=2, high=5), stats.beta(2, 4, loc=1, scale=4)),
    (dict(dist="normal", mean=10, sd=2), stats.norm(10, 2)),
    (dict(dist="normal", mean=0.3, sd=0.1, low=0, high=0.35), stats.truncnorm(-3, 0.5, loc=0.3, scale=0.1)),
    (dict(dist="normal", mean=0.3, sd=0.1, high=0.25), stats.truncnorm(-np.inf, -0.5, loc=0.3, scale=0.1)),
    # Entirely in the upper tail (1 − Φ(4.5) ≈ 3.4e-6; the schema refuses less than 1e-6 of
    # mass), where 1 − Φ would lose digits: the mirrored-tail computation must keep them.
    (dict(dist="normal", mean=0, sd=1, low=4.5), stats.truncnorm(4.5, np.inf)),
    (dict(dist="normal", mean=0, sd=1, low=3.5, high=5), stats.truncnorm(3.5, 5)),
    (dict(dist="lognormal", mean=5000, sd=1500), _lognorm(5000, 1500)),
    # Gamma by mean/sd: shape (mean/sd)² = 4, scale sd²/mean = 0.5.
    (dict(dist="gamma", mean=2, sd=1), stats.gamma(4, scale=0.5)),
    (dict(dist="gamma", mean=1, sd=2), stats.gamma(0.25, scale=4)),
    (dict(dist="beta", mean=0.3, sd=0.05), _beta_mean_sd(0.3, 0.05)),
    (dict(dist="beta", alpha=0.5, beta=0.5), stats.beta(0.5, 0.5)),
    # successes/trials: Beta(1 + 9, 1 + 30 − 9).
    (dict(dist="beta", successes=9, trials=30), stats.beta(10, 22)),
]
IDS = [f"{c[0]['dist']}{i}" for i, c in enumerate(CASES)]


@pytest.mark.parametrize("spec,reference", CASES, ids=IDS)
def test_ppf_matches_scipy_stats(spec, reference) -> None:
    got = _dist(**spec).ppf(Q)
    want = reference.ppf(Q)
    assert got.shape == Q.shape
    finite = np.isfinite(want)
    # Infinite ends (an unbounded normal at 0 or 1) must be infinite with the same sign.
    assert np.array_equal(got[~finite], want[~finite])
    np.testing.assert_allclose(got[finite], want[finite], rtol=1e-8, atol=1e-12)


def test_fixed_ppf_is_the_constant() -> None:
    d = _dist(dist="fixed", value=3.5)
    assert np.array_equal(d.ppf(Q), np.full(Q.shape, 3.5))
    assert d.quantile(0.1) == 3.5


@pytest.mark.parametrize("spec,reference", CASES, ids=IDS)
def test_ppf_keeps_the_shape_of_q_and_quantile_agrees(spec, reference) -> None:
    # scipy's sobol_indices calls ppf with a (2, n) array.
    d = _dist(**spec)
    q = np.linspace(0.05, 0.95, 10).reshape(2, 5)
    got = d.ppf(q)
    assert got.shape == (2, 5)
    assert d.quantile(0.9) == pytest.approx(float(reference.ppf(0.9)), rel=1e-8)
    assert isinstance(d.quantile(0.9), float)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_probabilities_outside_0_1_are_refused(bad) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        _dist(dist="uniform", low=0, high=1).ppf(np.array([0.5, bad]))


def test_ppf_is_monotone_and_stays_in_the_support() -> None:
    q = np.linspace(0, 1, 2001)
    for spec, _ in CASES:
        d = _dist(**spec)
        x = d.ppf(q)
        lo, hi = d.support()
        assert np.all(np.diff(x) >= 0), spec
        # support() gives an open end (0 or 1) as the nearest float inside; ppf(0) and
        # ppf(1) are the end itself, as in scipy.stats. So compare with the closed support.
        lo = 0.0 if lo == math.nextafter(0.0, 1.0) else lo
        hi = 1.0 if hi == math.nextafter(1.0, 0.0) else hi
        assert np.all((x >= lo) & (x <= hi)), spec


# Round trip against the sampler: the empirical CDF of 200,000 draws at ppf(q) is q, and the
# moments of ppf over a fine stratified grid of probabilities equal the sample's moments.
N = 200_000
ROUND_TRIP = [spec for spec, _ in CASES] + [dict(dist="fixed", value=2.0)]


@pytest.mark.parametrize("spec", ROUND_TRIP, ids=[f"{s['dist']}{i}" for i, s in enumerate(ROUND_TRIP)])
def test_ppf_round_trip_against_samples(spec) -> None:
    d = _dist(**spec)
    draws = np.sort(d.sample(np.random.default_rng(12345), N))
    if d.is_fixed:
        assert np.array_equal(d.ppf(np.array([0.1, 0.9])), draws[[0, -1]])
        return
    q = np.array([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
    share_below = np.searchsorted(draws, d.ppf(q), side="right") / N
    # Binomial standard error of an empirical CDF; 5 of them is a false alarm in < 1e-6.
    assert np.all(np.abs(share_below - q) <= 5 * np.sqrt(q * (1 - q) / N)), (share_below, q)

    grid = d.ppf((np.arange(N) + 0.5) / N)  # a stratified "sample", sorted by construction
    assert grid.mean() == pytest.approx(d.mean(), rel=2e-3, abs=1e-9)
    # Sample mean and sd within 5 standard errors of the stratified grid's.
    sd = grid.std()
    assert abs(draws.mean() - grid.mean()) <= 5 * sd / math.sqrt(N)
    assert draws.std() == pytest.approx(sd, rel=0.02)
