"""Issue 2, acceptance 3: with every parameter fixed, the Monte Carlo mean of each money
metric lies within 4 standard errors of the deterministic (expected-flow) value.

The model is linear in the counts (binomial draws have mean count x probability, fixed
relapse returns exactly the earlier outflow), so expected flows are the exact mean of the
stochastic model, and the check is a real test of both paths.
"""

from __future__ import annotations

import textwrap

import pytest

from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario

SCENARIOS = {
    "exponential, baseline, discounting, 3 intakes, 6-month window": """\
        horizon_years: 7
        discount_rate: 0.03
        cohort_size: 250
        intake_years: 3
        cost_per_client: 4000
        annual_benefit_cost: 14000
        outflow_rate: 0.35
        outflow_window_months: 6
        baseline_outflow_rate: 0.10
        time_out_of_benefits_years: 1.5
        relapse_model: exponential
        """,
    "fixed relapse, baseline, discounting, 2 intakes": """\
        horizon_years: 5
        discount_rate: 0.0225
        cohort_size: 180
        intake_years: 2
        cost_per_client: 6000
        annual_benefit_cost: 12000
        outflow_rate: 0.25
        baseline_outflow_rate: 0.08
        time_out_of_benefits_years: 1.5
        relapse_model: fixed
        """,
    "Lelystad, 3 intakes, fixed relapse, no baseline": """\
        horizon_years: 6
        cohort_size: 300
        intake_years: 3
        cost_per_client: 5000
        annual_benefit_cost: 12000
        outflow_rate: 0.30
        time_out_of_benefits_years: 2.5
        relapse_model: fixed
        """,
    "overlapping 24-month windows, exponential, baseline": """\
        horizon_years: 6
        cohort_size: 90
        intake_years: 3
        cost_per_client: 3000
        annual_benefit_cost: 16429
        outflow_rate: 0.4
        outflow_window_months: 24
        baseline_outflow_rate: 0.05
        time_out_of_benefits_years: 3
        """,
    "fixed relapse shorter than the window, so clients can leave twice": """\
        horizon_years: 4
        cohort_size: 120
        cost_per_client: 2500
        annual_benefit_cost: 12000
        outflow_rate: 0.6
        outflow_window_months: 18
        baseline_outflow_rate: 0.12
        time_out_of_benefits_years: 0.5
        relapse_model: fixed
        """,
}

MONEY = ("investment", "gross_savings", "counterfactual_savings", "net_savings", "benefit_cost_ratio", "roi", "extra_clients_off_benefit")


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_monte_carlo_mean_within_four_se_of_deterministic(name: str) -> None:
    scenario = parse_scenario("name: t\niterations: 20000\nseed: 11\n" + textwrap.dedent(SCENARIOS[name]))
    det = run(scenario, deterministic=True).strategies[0]
    mc = run(scenario).strategies[0]
    for metric in MONEY:
        d, m = det.metrics[metric], mc.metrics[metric]
        assert d is not None and m is not None
        assert d.se == 0
        if m.se == 0:
            assert m.mean == pytest.approx(d.mean, rel=1e-12, abs=1e-9), metric
        else:
            assert abs(m.mean - d.mean) <= 4 * m.se, (metric, m.mean, d.mean, m.se)
    for dy, my in zip(det.yearly, mc.yearly):
        assert abs(my.savings.mean - dy.savings.mean) <= 4 * my.savings.se + 1e-6, dy.year
    # The noise is real: savings vary from iteration to iteration.
    assert mc.metrics["gross_savings"].se > 0
