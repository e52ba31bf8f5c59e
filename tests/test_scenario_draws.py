"""Issue 16.5: relapse_within_12_months above relapse_ever in some draws is refused, with the
probability computed from the distributions (checked here against closed forms and a Monte Carlo)."""

from __future__ import annotations

import numpy as np
import pytest

from roi_sim.scenario.distributions import Uniform, fixed
from roi_sim.scenario.draws import violation_probability
from roi_sim.scenario.spec import ScenarioError, parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD as GOOD

BASE = GOOD.replace("relapse_model: fixed\n", "").replace("time_out_of_benefits_years: 2\n", "") + "relapse_model: levelling\n"


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.yaml")
    return str(info.value)


def _u(lo: float, hi: float) -> Uniform:
    return Uniform(dist="uniform", low=lo, high=hi)


def test_probability_in_closed_form() -> None:
    # W ~ U(0.1, 0.3) against E = 0.25: P(W > 0.25) = 0.05 / 0.2 = 0.25.
    assert violation_probability(_u(0.1, 0.3), fixed(0.25)) == pytest.approx(0.25, abs=1e-4)
    # W ~ U(0.1, 0.3), E ~ U(0.2, 0.4): W > E on a triangle of area 0.1·0.1/2 in a 0.2·0.2 square: 0.125.
    assert violation_probability(_u(0.1, 0.3), _u(0.2, 0.4)) == pytest.approx(0.125, abs=1e-4)
    # Disjoint ranges: never.
    assert violation_probability(_u(0.1, 0.2), _u(0.3, 0.4)) == 0.0


def test_probability_with_a_copula_matches_a_monte_carlo() -> None:
    from scipy.special import ndtr

    r = 0.8
    rng = np.random.default_rng(1)
    z = rng.standard_normal((2, 1_000_000))
    w = 0.1 + 0.2 * ndtr(z[0])
    e = 0.2 + 0.2 * ndtr(r * z[0] + np.sqrt(1 - r * r) * z[1])
    mc = float((w > e).mean())  # se about 0.0003
    assert violation_probability(_u(0.1, 0.3), _u(0.2, 0.4), r) == pytest.approx(mc, abs=0.003)
    assert mc < 0.125  # positive dependence makes the violation rarer


def test_refused_with_the_probability() -> None:
    text = BASE + "relapse_within_12_months: {dist: uniform, low: 0.1, high: 0.3}\nrelapse_ever: 0.25\n"
    # BASE has 9 lines; relapse_within_12_months is line 10.
    assert _error(text) == (
        "s.yaml, line 10, column 1, key 'relapse_within_12_months': relapse_within_12_months (uniform(low 0.1, high 0.3)) "
        "is drawn above relapse_ever (0.25) in 25% of iterations, but those back within a year are among those who ever "
        "come back; narrow or separate the two distributions"
    )


def test_strategy_key_is_named() -> None:
    text = BASE + (
        "relapse_within_12_months: 0.2\nrelapse_ever: 0.35\nstrategies:\n  - name: A\n  - name: B\n"
        "    relapse_ever: {dist: uniform, low: 0.2, high: 0.4}\n    relapse_within_12_months: {dist: uniform, low: 0.1, high: 0.3}\n"
    )
    got = _error(text)
    # Lines 10-14: the base keys, strategies, A, B; B's relapse_ever is line 15, its within line 16.
    assert got.startswith("s.yaml, line 16, column 5, key 'strategies[2].relapse_within_12_months': ")
    assert " in 12.5% of iterations" in got


def test_separate_distributions_pass() -> None:
    text = BASE + (
        "relapse_within_12_months: {dist: uniform, low: 0.1, high: 0.2}\n"
        "relapse_ever: {dist: uniform, low: 0.3, high: 0.4}\n"
    )
    assert parse_scenario(text, "s.yaml").strategies[0].parts[0].relapse_model == "levelling"
