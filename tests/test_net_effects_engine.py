"""DESIGN.md §9 in the engine: net effects, effect profiles and duration-banded baselines.

The expected counts are computed here by a second method: an expected-value chain over
clients by *months into their current spell* (a dict, uncapped, one entry per duration),
month by month, with ``e`` solved by scipy's brentq on the window share. The engine keeps
capped duration slots and solves ``e`` by bisection; they must agree to rounding. Monte Carlo
means must lie within 4 standard errors of the expectations, and with no effect the two arms
must be identical in every iteration.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from scipy.optimize import brentq

from roi_sim.model.arms import simulate_counts
from roi_sim.model.draws import generator
from roi_sim.model.engine import ModelShape, StrategyInputs


def _inputs(n: int = 1, **values: float) -> StrategyInputs:
    base = {"cohort_size": 300.0, "cost_per_client": 5000.0, "annual_benefit_cost": 12000.0, "outflow_rate": None,
            "baseline_outflow_rate": 0.0, "time_out_of_benefits_years": 2.0, "discount_rate": 0.0}
    base.update(values)
    return StrategyInputs(**{k: None if v is None else np.full(n, float(v)) for k, v in base.items()})  # type: ignore[arg-type]


def _monthly(rate: float) -> float:
    return 1.0 - (1.0 - rate) ** (1.0 / 12.0)


def _band_hazard(bands: list[tuple[float, float]], d: int) -> float:
    rate = [r for years, r in bands if years <= d / 12.0][-1]
    return _monthly(rate)


def _weight(profile: list[tuple[int, float]] | None, window: int, age: int) -> float:
    if profile is None:
        return 1.0 if age < window else 0.0
    return [w for start, w in profile if start <= age][-1]


def _solve_e(b_of_month, profile, window: int, target: float) -> float:
    def share(e: float) -> float:
        stay = 1.0
        for m in range(window):
            stay *= 1.0 - min(max(b_of_month(m) + e * _weight(profile, window, m), 0.0), 1.0)
        return 1.0 - stay - target

    # e >= 0 for a target above the baseline share (a lock-in profile is not monotone in e
    # over the whole line: very negative e saturates its negative-weight months).
    at_zero = share(0.0)
    if at_zero == 0:
        return 0.0
    return brentq(share, 0.0, 50.0, xtol=1e-15) if at_zero < 0 else brentq(share, -50.0, 0.0, xtol=1e-15)


def _chain(cohort: float, months: int, hazard, r: float, d0: int, lag: int | None = None) -> np.ndarray:
    """Expected clients off benefit after each month; ``hazard(d, t)``; exponential returns
    at ``r`` or (``lag``) fixed returns after exactly ``lag`` months."""
    on: dict[int, float] = {d0: cohort}
    off, offs, leavers = 0.0, [], []
    for t in range(months):
        new_on: dict[int, float] = defaultdict(float)
        left = 0.0
        for d, c in on.items():
            out = c * hazard(d, t)
            left += out
            new_on[d + 1] += c - out
        if lag is None:
            back = off * r
        else:
            back = leavers[t - lag] if t - lag >= 0 else 0.0
        leavers.append(left)
        new_on[0] += back
        off += left - back
        on = new_on
        offs.append(off)
    return np.array(offs)


CASES = {
    # name: (baseline bands or constant rate, profile, net effect, years at intake)
    "constant baseline": (0.12, None, 0.05, 0.0),
    "lock-in profile": (0.12, [(0, -0.5), (4, 1.0), (18, 0.2), (30, 0.0)], 0.05, 0.0),
    "duration bands": ([(0.0, 0.22), (1.0, 0.15), (3.0, 0.08)], None, 0.04, 0.5),
    "bands and lock-in": ([(0.0, 0.22), (1.0, 0.15), (3.0, 0.08)], [(0, -0.3), (6, 1.0), (24, 0.0)], 0.03, 11.0),
}


def _shape(case: str, relapse: str = "exponential", months: int = 72, window: int = 12) -> tuple[ModelShape, StrategyInputs, object, object]:
    baseline, profile, effect, years = CASES[case]
    bands = baseline if isinstance(baseline, list) else None
    shape = ModelShape(months, 1, window, relapse,  # type: ignore[arg-type]
                       effect_profile=None if profile is None else tuple(profile),
                       baseline_by_duration=None if bands is None else tuple(bands), years_on_benefit_at_intake=years)
    rate = 0.0 if bands is not None else float(baseline)  # type: ignore[arg-type]
    inputs = _inputs(net_effect=effect, baseline_outflow_rate=rate)

    def b(d: int) -> float:
        return _band_hazard(bands, d) if bands is not None else _monthly(rate)

    d0 = int(np.floor(12 * years + 0.5))
    target = 1.0 - np.prod([1.0 - b(d0 + m) for m in range(window)]) + effect
    e = _solve_e(lambda m: b(d0 + m), profile, window, target)

    def programme(d: int, t: int) -> float:
        return min(max(b(d) + e * _weight(profile, window, t), 0.0), 1.0)

    return shape, inputs, (lambda d, t: b(d)), programme


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("relapse", ["exponential", "fixed"])
def test_expected_counts_match_a_chain_by_months_into_the_spell(case: str, relapse: str) -> None:
    shape, inputs, baseline, programme = _shape(case, relapse)
    d0 = int(np.floor(12 * shape.years_on_benefit_at_intake + 0.5))
    lag = 24 if relapse == "fixed" else None
    counts = simulate_counts(inputs, shape, None)
    want_p = _chain(300.0, shape.horizon_months, programme, 1.0 / 24.0, d0, lag)
    want_c = _chain(300.0, shape.horizon_months, baseline, 1.0 / 24.0, d0, lag)
    np.testing.assert_allclose(counts.programme[:, 0], want_p, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(counts.counterfactual[:, 0], want_c, rtol=1e-9, atol=1e-9)


def test_net_effect_without_profile_is_part_ones_outflow_rate() -> None:
    """``outflow_rate = s_cf + net_effect``: the same counts, to rounding."""
    shape = ModelShape(60, 2, 12, "exponential")
    s_cf = 1.0 - (1.0 - 0.12)  # a 12-month window on an annual rate
    by_effect = simulate_counts(_inputs(net_effect=0.05, baseline_outflow_rate=0.12), shape, None)
    by_rate = simulate_counts(_inputs(outflow_rate=s_cf + 0.05, baseline_outflow_rate=0.12), shape, None)
    np.testing.assert_allclose(by_effect.programme, by_rate.programme, rtol=1e-12)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("relapse", ["exponential", "fixed"])
def test_monte_carlo_means_within_four_standard_errors(case: str, relapse: str) -> None:
    shape, _, _, _ = _shape(case, relapse, months=48)
    n = 4000
    inputs = _inputs(n, net_effect=CASES[case][2], baseline_outflow_rate=0.0 if isinstance(CASES[case][0], list) else CASES[case][0])
    expected = simulate_counts(_inputs(1, **{k: getattr(inputs, k)[0] for k in ("net_effect", "baseline_outflow_rate")}), shape, None)
    sim = simulate_counts(inputs, shape, generator(7, 0, 1))
    for arm in ("programme", "counterfactual"):
        got, want = getattr(sim, arm), getattr(expected, arm)[:, 0]
        for t in (5, 11, 23, 47):
            se = got[t].std(ddof=1) / np.sqrt(n)
            assert abs(got[t].mean() - want[t]) <= 4 * se + 1e-9, (arm, t, got[t].mean(), want[t], se)


@pytest.mark.parametrize("relapse", ["exponential", "fixed", "levelling"])
def test_no_effect_gives_identical_arms_in_every_iteration(relapse: str) -> None:
    shape = ModelShape(60, 2, 12, relapse, baseline_by_duration=((0.0, 0.22), (1.0, 0.15), (3.0, 0.08)),  # type: ignore[arg-type]
                       effect_profile=((0, 1.0), (12, 0.0)))
    inputs = _inputs(512, net_effect=0.0, relapse_within_12_months=0.2, relapse_ever=0.35)
    sim = simulate_counts(inputs, shape, generator(3, 0, 1))
    np.testing.assert_array_equal(sim.programme, sim.counterfactual)
    assert sim.programme[-1].sum() > 0


def test_lock_in_makes_participants_leave_less_first() -> None:
    shape, inputs, _, _ = _shape("lock-in profile")
    counts = simulate_counts(inputs, shape, None)
    assert counts.programme[3, 0] < counts.counterfactual[3, 0]
    assert counts.programme[11, 0] > counts.counterfactual[11, 0]


def test_a_subnormal_weight_does_not_overflow_the_bracket() -> None:
    """Found by the random-scenario generator: 1 / 5e-320 overflowed the bisection bracket.
    A month of weight 5e-320 must act as a month of weight 0."""
    from roi_sim.model.effects import solve_scale

    b = np.full((12, 1), _monthly(0.12))
    target = np.array([1 - (1 - 0.12) + 0.05])
    tiny = np.array([1.0] + [5e-320] * 11)
    zero = np.array([1.0] + [0.0] * 11)
    e_tiny, e_zero = solve_scale(b, tiny, target), solve_scale(b, zero, target)
    assert np.isfinite(e_tiny).all()
    np.testing.assert_allclose(e_tiny, e_zero, rtol=1e-12)
