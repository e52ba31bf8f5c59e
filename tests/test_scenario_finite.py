"""Issue 16.2 (validation side): what cannot be computed is refused at load, naming the key."""

from __future__ import annotations

import math
import re

import pytest
from scipy.special import ndtri

from roi_sim.scenario.distributions import Gamma
from roi_sim.scenario.finite import _zero_share
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import scenario_error, with_line

_with = with_line


_error = scenario_error


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("cost_per_client: 1.0e+300",
         "s.yaml, line 4, column 1, key 'cost_per_client': 1e+300 EUR is more than can be computed with: an amount may "
         "be at most 1e+15 EUR"),
        ("annual_benefit_cost: 1.0e+16",
         "s.yaml, line 5, column 1, key 'annual_benefit_cost': 1e+16 EUR is more than can be computed with: an amount "
         "may be at most 1e+15 EUR"),
        ("cost_per_client: {dist: gamma, mean: 5000, sd: 1.0e+200}",
         "s.yaml, line 4, column 1, key 'cost_per_client': this gamma distribution is too wide to compute with (its "
         "draws overflow); use a smaller sd"),
        ("cost_per_client: {dist: lognormal, mean: 5000, sd: 1.0e+200}",
         "s.yaml, line 4, column 1, key 'cost_per_client': this lognormal distribution is too wide to compute with (its "
         "draws overflow); use a smaller sd"),
        ("cost_per_client: {dist: uniform, low: 0, high: 1.0e+16}",
         "s.yaml, line 4, column 1, key 'cost_per_client': this uniform distribution draws up to 1e+16 EUR, more than "
         "can be computed with: an amount may be at most 1e+15 EUR; use a smaller sd, or a high"),
    ],
)
def test_refused(line: str, message: str) -> None:
    assert _error(_with(line)) == message


def test_normal_tail_beyond_the_cap() -> None:
    got = _error(_with("cost_per_client: {dist: normal, mean: 5000, sd: 1.0e+300, low: 0}"))
    # Cut at low 0, which is the mean to within 5000/1e300: a half-normal, whose 1 − 1e-12 quantile is
    # sd · Φ⁻¹(1 − 0.5e-12).
    expected = 1e300 * float(ndtri(1 - 0.5e-12))
    reach = float(re.search(r"this normal distribution draws up to ([0-9.e+]+) EUR", got).group(1))
    assert reach == pytest.approx(expected, rel=1e-5)


def test_the_cap_itself_is_allowed() -> None:
    scenario = parse_scenario(_with("cost_per_client: 1000000000000000"), "s.yaml")
    assert scenario.strategies[0].parts[0].params["cost_per_client"].mean() == 1e15


def test_exact_zero_draws_of_a_positive_parameter() -> None:
    # Gamma(shape k, scale θ) with mean 20, sd 200: k = (20/200)² = 0.01, θ = 200²/20 = 2000. A draw is
    # θ · G with G ~ Gamma(k, 1) (numpy and the quantile alike), and it is 0 when G itself rounds to 0, i.e.
    # G < 2.47e-324 (half the smallest subnormal): P = P(k, x) ≈ x^k / Γ(k + 1), in logs since x^k is tiny.
    dist = Gamma(dist="gamma", mean=20, sd=200)
    exact = math.exp(0.01 * (math.log(5e-324) - math.log(2)) - math.lgamma(1.01))
    assert _zero_share(dist) == pytest.approx(exact, rel=0.05)
    text = _with("caseload: {dist: gamma, mean: 20, sd: 200}") + "annual_cost_per_fte: 70000\n"
    got = _error(text)
    assert got.startswith("s.yaml, line 11, column 1, key 'caseload': this gamma distribution is so wide that about ")
    share = float(re.search(r"about ([0-9.]+)% of its draws", got).group(1)) / 100
    assert share == pytest.approx(exact, rel=0.05)
    assert got.endswith("% of its draws are exactly 0, but caseload must be above 0; use a smaller sd")
    assert math.isfinite(share) and 0 < share < 0.01


def test_ordinary_wide_distributions_pass() -> None:
    for line in ("cost_per_client: {dist: lognormal, mean: 5000, sd: 1000}", "time_out_of_benefits_years: {dist: gamma, mean: 2, sd: 1}"):
        parse_scenario(_with(line), "s.yaml")
