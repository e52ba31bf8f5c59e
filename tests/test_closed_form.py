"""Issue 2, acceptance 4: the engine against closed forms derived by hand.

(1) Exponential relapse, one-month window, no baseline. All outflow happens in month 0:
    the hazard for a 1-month window is h = outflow_rate = p, so E[off(0)] = N p. Nobody
    leaves again (baseline 0), and each month a fraction r = 1/(12 D) of those off returns:
    E[off(t)] = N p (1 - r)^t. Expected off-benefit client-months within H months:
        M = N p sum_{t<H} (1 - r)^t = N p (1 - (1 - r)^H) / r,
    and, discounted monthly by q = (1 + d)^(-1/12):
        M_d = N p (1 - (q (1 - r))^H) / (1 - q (1 - r)).
    gross_savings = B/12 * M (or M_d).
(2) The counterfactual arm with exponential relapse is a two-state Markov chain:
    off' = off (1 - r) + (N - off) b = off (1 - b - r) + N b, with off(-1) = 0, so
        E[off(t)] = pi (1 - (1 - b - r)^(t+1)),  pi = N b / (b + r).
(3) Independent intakes: with fixed relapse, no baseline and every stay ending within the
    horizon, k yearly cohorts save k times what one cohort saves.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from roi_sim.model.arms import simulate_counts
from roi_sim.model.engine import ModelShape, StrategyInputs
from roi_sim.model.metrics import per_iteration
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario

BASE = """\
name: closed form
horizon_years: {H}
cohort_size: {N}
cost_per_client: 1000
annual_benefit_cost: {B}
outflow_rate: {p}
outflow_window_months: 1
baseline_outflow_rate: {base}
time_out_of_benefits_years: {D}
relapse_model: exponential
discount_rate: {d}
iterations: 20000
seed: 7
"""


def one_month_window_months(N: int, p: float, D: float, H: int, d: float = 0.0) -> float:
    r = 1 / (12 * D)
    q = (1 + d) ** (-1 / 12)
    x = q * (1 - r)
    return N * p * (1 - x**H) / (1 - x)


@pytest.mark.parametrize("d", [0.0, 0.0225])
def test_one_month_window_exponential_relapse_deterministic(d: float) -> None:
    N, p, D, years, B = 1000, 0.25, 1.5, 5, 14_000
    scenario = parse_scenario(BASE.format(H=years, N=N, B=B, p=p, base=0, D=D, d=d))
    got = run(scenario, deterministic=True).strategies[0].metrics["gross_savings"].mean
    expected = B / 12 * one_month_window_months(N, p, D, 12 * years, d)
    assert got == pytest.approx(expected, rel=1e-12)
    # The hand numbers, undiscounted: r = 1/18, M = 250 (1 - (17/18)^60) / (1/18).
    if d == 0:
        assert expected == pytest.approx(14_000 / 12 * 250 * 18 * (1 - (17 / 18) ** 60), rel=1e-12)


def test_one_month_window_exponential_relapse_monte_carlo() -> None:
    N, p, D, years, B = 1000, 0.25, 1.5, 5, 14_000
    scenario = parse_scenario(BASE.format(H=years, N=N, B=B, p=p, base=0, D=D, d=0))
    s = run(scenario).strategies[0].metrics["gross_savings"]
    expected = B / 12 * one_month_window_months(N, p, D, 12 * years)
    assert s.se > 0
    assert abs(s.mean - expected) <= 4 * s.se


def test_counterfactual_is_a_two_state_markov_chain() -> None:
    N, base, D, years, B = 500, 0.12, 2.0, 4, 12_000
    scenario = parse_scenario(BASE.format(H=years, N=N, B=B, p=0.3, base=base, D=D, d=0))
    b = 1 - (1 - base) ** (1 / 12)
    r = 1 / (12 * D)
    pi = N * b / (b + r)
    months = sum(pi * (1 - (1 - b - r) ** (t + 1)) for t in range(12 * years))
    det = run(scenario, deterministic=True).strategies[0].metrics["counterfactual_savings"]
    assert det.mean == pytest.approx(B / 12 * months, rel=1e-12)
    mc = run(scenario).strategies[0].metrics["counterfactual_savings"]
    assert abs(mc.mean - B / 12 * months) <= 4 * mc.se


def test_engine_off_counts_follow_the_markov_chain_month_by_month() -> None:
    # Directly on the arrays: the expected off count of the counterfactual arm each month.
    N, base, D, H = 800.0, 0.2, 1.0, 36
    inputs = StrategyInputs(*(np.array([v]) for v in (N, 0.0, 12_000.0, 0.5, base, D, 0.0)))
    counts = simulate_counts(inputs, ModelShape(H, 1, 12, "exponential"), None)
    b = 1 - (1 - base) ** (1 / 12)
    r = 1 / 12
    expected = [N * b / (b + r) * (1 - (1 - b - r) ** (t + 1)) for t in range(H)]
    np.testing.assert_allclose(counts.counterfactual[:, 0], expected, rtol=1e-12)


def test_several_intakes_add_up_and_discounting_by_intake_month() -> None:
    text = """\
    name: three intakes
    horizon_years: 6
    cohort_size: 300
    cost_per_client: 5000
    annual_benefit_cost: 12000
    outflow_rate: 0.30
    baseline_outflow_rate: 0
    time_out_of_benefits_years: 2
    relapse_model: fixed
    intake_years: 3
    discount_rate: {d}
    """
    import textwrap

    m = run(parse_scenario(textwrap.dedent(text).format(d=0)), deterministic=True).strategies[0].metrics
    assert m["investment"].mean == 4_500_000
    assert m["gross_savings"].mean == pytest.approx(3 * 2_160_000, rel=1e-12)
    # Discounted: cohort k's costs at month 12k are worth (1+d)^-k.
    d = 0.0225
    m = run(parse_scenario(textwrap.dedent(text).format(d=d)), deterministic=True).strategies[0].metrics
    assert m["investment"].mean == pytest.approx(1_500_000 * sum((1 + d) ** -k for k in range(3)), rel=1e-12)
    # Savings: each leaver at month u saves months u..u+23, discounted month by month.
    q = (1 + d) ** (-1 / 12)
    h = 1 - 0.7 ** (1 / 12)
    one = sum(300 * (1 - h) ** u * h * 1000 * sum(q ** (u + j) for j in range(24)) for u in range(12))
    assert m["gross_savings"].mean == pytest.approx(one * sum(q ** (12 * k) for k in range(3)), rel=1e-10)


def test_fixed_relapse_clients_return_after_exactly_L_months() -> None:
    # Window 1, outflow 1: every client leaves in month 0 and is back in month L = 30.
    inputs = StrategyInputs(*(np.array([v]) for v in (10.0, 0.0, 12_000.0, 1.0, 0.0, 2.5, 0.0)))
    counts = simulate_counts(inputs, ModelShape(48, 1, 1, "fixed"), None)
    off = counts.programme[:, 0]
    assert list(off[:30]) == [10.0] * 30 and list(off[30:]) == [0.0] * 18


def test_a_programme_no_better_than_the_baseline_earns_nothing() -> None:
    # outflow_rate over a 12-month window equal to the annual baseline gives h = b, so both
    # arms have the same law: savings net of the counterfactual are 0 and net = -investment.
    text = BASE.format(H=5, N=400, B=12_000, p=0.15, base=0.15, D=1.5, d=0).replace("outflow_window_months: 1", "outflow_window_months: 12")
    m = run(parse_scenario(text), deterministic=True).strategies[0].metrics
    assert m["gross_savings"].mean == pytest.approx(m["counterfactual_savings"].mean, rel=1e-12)
    assert m["net_savings"].mean == pytest.approx(-400_000, rel=1e-9)


def test_payback_definition_on_a_hand_made_cash_flow() -> None:
    from roi_sim.model.metrics import payback_months

    cf = np.array([[-5.0, 1.0, -1.0, 3.0], [-2.0, 1.0, -1.0, 4.0], [1.0, 1.0, -1.0, -1.0], [-1.0, 1.0, -1.0, 2.0], [2.0, 1.0, 1.0, 2.0]])
    # Column 0: last negative at t=3, so 5; column 1: never negative, so 1;
    # column 2: negative until t=3, so 5; column 3: negative at t=2 only, so 4.
    np.testing.assert_array_equal(payback_months(cf), [5, 1, 5, 4])
    assert math.isnan(payback_months(np.array([[1.0], [-1.0]]))[0])


def test_per_iteration_metrics_from_known_flows() -> None:
    from roi_sim.model.engine import DiscountedFlows, OffBenefitCounts

    # Two iterations, two years: 100 invested in the first only; gross 60 + 60, counterfactual 12 + 12.
    counts = OffBenefitCounts(np.full((24, 2), 3.0), np.full((24, 2), 1.0))
    flows = DiscountedFlows(
        investment_by_year=np.array([[100.0, 0.0], [0.0, 0.0]]),
        gross_savings_by_year=np.full((2, 2), 60.0),
        counterfactual_savings_by_year=np.full((2, 2), 12.0),
        cumulative_net=np.zeros((24, 2)),
    )
    r = per_iteration(flows, counts.programme[-1] - counts.counterfactual[-1])
    np.testing.assert_array_equal(r.net_savings, [120 - 24 - 100, 96])
    assert r.benefit_cost_ratio[0] == pytest.approx(0.96)
    assert math.isnan(r.benefit_cost_ratio[1])  # no investment: no ratio
    np.testing.assert_array_equal(r.extra_clients_off_benefit, [2, 2])
    np.testing.assert_array_equal(r.yearly_savings, [[48, 48], [48, 48]])


def test_discounted_flows_match_a_month_by_month_sum() -> None:
    """A second method: the cumulative net cash flow summed plainly, month by month."""
    from roi_sim.model.engine import discounted_flows

    rng = np.random.default_rng(4)
    H, n, d = 36, 3, 0.03
    inputs = StrategyInputs(*(np.array([v] * n) for v in (50.0, 700.0, 13_000.0, 0.4, 0.1, 1.0, d)))
    shape = ModelShape(H, 2, 6, "exponential")
    counts = simulate_counts(inputs, shape, np.random.default_rng(5))
    flows = discounted_flows(counts, inputs, shape)
    for i in range(n):
        cumulative = 0.0
        for t in range(H):
            delta = (1 + d) ** (-t / 12)
            cumulative += (counts.programme[t, i] - counts.counterfactual[t, i]) * 13_000 / 12 * delta
            if t in (0, 12):
                cumulative -= 50 * 700 * delta
            assert flows.cumulative_net[t, i] == pytest.approx(cumulative, rel=1e-9, abs=1e-6)
    del rng
