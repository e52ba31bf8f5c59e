"""Issue 5: subsidised work, partial outflow, levelling relapse, cost components, the two
ledgers and target groups — each against numbers derived by hand."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from roi_sim.model.arms import simulate_counts
from roi_sim.model.engine import ModelShape, StrategyInputs, annual_subsidy
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import ScenarioError, parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD

WML_2026 = 29_735.42


# --------------------------------------------------------------------------- subsidy arithmetic


@pytest.mark.parametrize(
    "wage_value,expected",
    [
        # min(1 − 0.5, 0.70) × 29,735.42 × 1.235 = 0.5 × 36,723.24 = 18,361.62
        (0.5, 18_361.62),
        # 0.2 × 36,723.24 = 7,344.65
        (0.8, 7_344.65),
        # 1 − 0.2 = 0.8 is above the 70% cap: 0.7 × 36,723.24 = 25,706.27
        (0.2, 25_706.27),
    ],
)
def test_loonkostensubsidie_by_hand(wage_value: float, expected: float) -> None:
    assert round(float(annual_subsidy(wage_value, WML_2026)), 2) == expected


def test_default_minimum_wage_is_the_2026_figure() -> None:
    scenario = parse_scenario(LELYSTAD_AS_TOLD)
    assert scenario.base_params["minimum_wage_annual"].mean() == WML_2026


# --------------------------------------------------------------------------- ledgers on Lelystad


def _det(extra: str, base: str = LELYSTAD_AS_TOLD):
    return run(parse_scenario(base + textwrap.dedent(extra)), deterministic=True).strategies[0]


def test_fiscal_savings_are_net_of_subsidies() -> None:
    # Lelystad as told: 90 clients × 24 months off = 2,160 client-months. Half of them work
    # with LKS at wage value 0.5: 0.5 × 18,361.62/12 × 2,160 = 1,652,545.97 in subsidies.
    # Without the BLKS refund (lks_refund: false) the municipality bears all of it.
    st = _det("subsidised_share: 0.5\nwage_value: 0.5\nlks_refund: false\n")
    subsidies = 0.5 * 0.5 * WML_2026 * 1.235 / 12 * 2160
    assert st.ledgers["fiscal"]["subsidies"].mean == pytest.approx(subsidies, rel=1e-12)
    assert st.ledgers["fiscal"]["benefit_savings"].mean == pytest.approx(2_160_000, rel=1e-12)
    assert st.metrics["net_savings"].mean == pytest.approx(2_160_000 - subsidies - 1_500_000, rel=1e-12)
    assert st.metrics["benefit_cost_ratio"].mean == pytest.approx((2_160_000 - subsidies) / 1_500_000, rel=1e-12)
    assert st.yearly[1].subsidies.mean == pytest.approx(0.5 * 0.5 * WML_2026 * 1.235 / 12 * 90 * 12, rel=1e-12)
    # Issue 14 (the default, lks_refund: true): the LKS is paid in years 1-3 (the 90 leave
    # during year 1 and stay off 24 months) and each year's comes back the next year, in
    # years 2-4, inside the 6-year horizon; undiscounted, all of it returns.
    st = _det("subsidised_share: 0.5\nwage_value: 0.5\n")
    assert st.ledgers["fiscal"]["subsidies"].mean == pytest.approx(subsidies, rel=1e-12)
    assert st.fiscal_lines["buig_lks"].mean == pytest.approx(0.0, abs=1e-6)
    assert st.metrics["net_savings"].mean == pytest.approx(2_160_000 - 1_500_000, rel=1e-12)


def test_societal_ledger_counts_work_not_benefits() -> None:
    # Benefits and subsidies are transfers; society gains the work: 2,160 client-months ×
    # 0.5 × 29,735.42/12 × 1.235 (employer costs, issue 14.4; no displacement set), plus 300
    # participants × EUR 1,000 a year × 12/12, minus the 1.5M.
    st = _det("subsidised_share: 0.5\nwage_value: 0.5\nsocial_value_per_participant_year: 1000\n")
    work = 2160 * 0.5 * WML_2026 / 12 * 1.235
    assert st.ledgers["societal"]["value_of_work"].mean == pytest.approx(work, rel=1e-12)
    assert st.ledgers["societal"]["social_value"].mean == pytest.approx(300_000, rel=1e-12)
    assert st.ledgers["societal"]["net"].mean == pytest.approx(work + 300_000 - 1_500_000, rel=1e-12)


def test_partial_outflow_saves_part_of_the_benefit() -> None:
    # Part-time work that halves the benefit: half of the 2,160,000.
    st = _det("benefit_saved_share: 0.5\n")
    assert st.metrics["gross_savings"].mean == pytest.approx(1_080_000, rel=1e-12)
    assert st.metrics["net_savings"].mean == pytest.approx(1_080_000 - 1_500_000, rel=1e-12)


def test_programme_costs_from_their_parts() -> None:
    # Per client: 5,000 trajectory + 70,000/50 × 6/12 = 700 staff. Three intakes of 300,
    # each with a 100,000 team cost; 50,000 start-up once: 3 × (300 × 5,700 + 100,000) + 50,000.
    text = LELYSTAD_AS_TOLD.replace("horizon_years: 6", "horizon_years: 8") + textwrap.dedent(
        """\
        intake_years: 3
        annual_cost_per_fte: 70000
        caseload: 50
        programme_months: 6
        fixed_annual_cost: 100000
        startup_cost: 50000
        """
    )
    st = run(parse_scenario(text), deterministic=True).strategies[0]
    assert st.metrics["investment"].mean == pytest.approx(3 * (300 * 5_700 + 100_000) + 50_000, rel=1e-12)
    assert st.yearly[0].investment.mean == pytest.approx(300 * 5_700 + 100_000 + 50_000, rel=1e-12)


# --------------------------------------------------------------------------- levelling relapse


def _everyone_leaves_in_month_zero(within: float, ever: float, months: int, rng=None):
    n = 1 if rng is None else 20_000
    inputs = StrategyInputs(
        cohort_size=np.full(n, 1000.0), cost_per_client=np.zeros(n), annual_benefit_cost=np.full(n, 12_000.0),
        outflow_rate=np.ones(n), baseline_outflow_rate=np.zeros(n), time_out_of_benefits_years=None,
        discount_rate=np.zeros(n), relapse_within_12_months=np.full(n, within), relapse_ever=np.full(n, ever),
    )
    shape = ModelShape(months, 1, 1, "levelling")
    if rng is None:
        return simulate_counts(inputs, shape, None).programme[:, 0]
    return simulate_counts(inputs, shape, rng).programme


def test_levelling_relapse_reproduces_both_shares() -> None:
    """Everyone leaves in month 0 (one-month window, outflow 1, no baseline). Back within a
    year (months 1..12) must be 20%, ever back 35% (Divosa, facts.md §4)."""
    off = _everyone_leaves_in_month_zero(0.20, 0.35, 360)
    assert off[0] == pytest.approx(1000)
    assert 1 - off[12] / 1000 == pytest.approx(0.20, abs=1e-12)
    assert 1 - off[-1] / 1000 == pytest.approx(0.35, abs=1e-9)
    # Levelling, not exponential: the second year adds far less than the first.
    assert (off[12] - off[24]) < 0.5 * (off[0] - off[12])


def test_levelling_relapse_monte_carlo_mean() -> None:
    off = _everyone_leaves_in_month_zero(0.20, 0.35, 120, np.random.default_rng(3))
    back_12 = 1 - off[12] / 1000
    back_end = 1 - off[-1] / 1000
    # Per iteration a share of 1,000 clients: binomial noise sd <= 0.016, SE over 20,000 tiny.
    assert abs(back_12.mean() - 0.20) < 4 * back_12.std() / np.sqrt(back_12.size)
    assert abs(back_end.mean() - (0.35 * (1 - (1 - 0.2 / 0.35) ** (119 / 12)))) < 4 * back_end.std() / np.sqrt(back_end.size)


def test_levelling_with_equal_shares_returns_everyone_at_once() -> None:
    off = _everyone_leaves_in_month_zero(0.3, 0.3, 24)
    assert off[1] == pytest.approx(700) and off[-1] == pytest.approx(700)


# --------------------------------------------------------------------------- groups


TIERS = """\
name: two tiers
horizon_years: 5
iterations: 3000
seed: 9
cost_per_client: 4000
annual_benefit_cost: 14000
outflow_rate: 0.25
time_out_of_benefits_years: 3
groups:
  high:
    clients_available: 600
    baseline_outflow_rate: 0.15
    outflow_rate: {dist: beta, mean: 0.35, sd: 0.05}
  low:
    clients_available: 400
    baseline_outflow_rate: 0.03
    wage_value: 0.35
    subsidised_share: 0.8
strategies:
  - name: Both
    allocation: {high: 200, low: 100}
  - name: High only
    allocation: {high: 200}
  - name: Low by budget
    budget: {low: 410000}
  - name: Low only
    allocation: {low: 100}
"""


def test_a_strategy_over_groups_is_the_sum_of_its_groups() -> None:
    """Common random numbers: a group's draws and transitions are shared by every strategy
    that invests in it, so 'Both' minus 'High only' is exactly 'Low only', iteration by
    iteration — a sum of parts that the engine never computes as such."""
    scenario = parse_scenario(TIERS)
    result = run(scenario)
    both, high, low = (result.iterations[k] for k in ("Both", "High only", "Low only"))
    for key in ("investment", "gross_savings", "counterfactual_savings", "subsidies", "net_savings", "societal_net"):
        np.testing.assert_allclose(getattr(both, key) - getattr(high, key), getattr(low, key), rtol=1e-9, atol=1e-6, err_msg=key)
    assert low.net_savings.std() > 0  # the identity is not between constants
    # A budget buys clients at the group's mean cost: 410,000 / 4,000 = 102.5, rounded down.
    assert scenario.strategies[2].parts[0].params["cohort_size"].mean() == 102


def test_groups_deterministic_add_up_to_separate_scenarios() -> None:
    scenario = parse_scenario(TIERS)
    both = run(scenario, deterministic=True).strategies[0].metrics
    high_only = textwrap.dedent(
        """\
        name: high
        horizon_years: 5
        cohort_size: 200
        cost_per_client: 4000
        annual_benefit_cost: 14000
        baseline_outflow_rate: 0.15
        outflow_rate: {dist: beta, mean: 0.35, sd: 0.05}
        time_out_of_benefits_years: 3
        """
    )
    low_only = textwrap.dedent(
        """\
        name: low
        horizon_years: 5
        cohort_size: 100
        cost_per_client: 4000
        annual_benefit_cost: 14000
        outflow_rate: 0.25
        baseline_outflow_rate: 0.03
        wage_value: 0.35
        subsidised_share: 0.8
        time_out_of_benefits_years: 3
        """
    )
    parts = [run(parse_scenario(t), deterministic=True).strategies[0].metrics for t in (high_only, low_only)]
    for key in ("investment", "gross_savings", "counterfactual_savings", "net_savings", "extra_clients_off_benefit"):
        assert both[key].mean == pytest.approx(parts[0][key].mean + parts[1][key].mean, rel=1e-12), key


@pytest.mark.parametrize(
    "change,message",
    [
        (("allocation: {high: 200}", "allocation: {hihg: 200}"),
         "line 23, column 18, key 'strategies[2].allocation.hihg': unknown group 'hihg'; did you mean 'high'? (groups: high, low)"),
        (("allocation: {high: 200}", "allocation: {high: 700}"),
         "line 23, column 18, key 'strategies[2].allocation.high': takes 700 clients from group 'high' (700 a year for 1 "
         "year(s)), but it has only 600 (clients_available)"),
        (("    subsidised_share: 0.8\n", "    subsidised_share: 80\n"),
         "line 18, column 5, key 'groups.low.subsidised_share': 80 is not a rate: a rate is a fraction between 0 and 1; write 0.8 for 80%"),
        (("    wage_value: 0.35\n", "    wage_vaule: 0.35\n"), None),
    ],
)
def test_group_errors(change, message) -> None:
    text = TIERS.replace(*change)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "t.yaml")
    if message is None:
        assert "unknown key 'wage_vaule'; did you mean 'wage_value'?" in str(info.value)
        assert str(info.value).startswith("t.yaml, line 17, column 5, key 'groups.low.wage_vaule'")
    else:
        assert str(info.value) == "t.yaml, " + message


@pytest.mark.parametrize(
    "extra,message",
    [
        ("relapse_model: levelling\nrelapse_ever: 0.35\n",
         "line 1, column 1: 'relapse_within_12_months' is required but missing for the scenario (needed by relapse_model "
         "levelling): set it at the top level, in the group or in the strategy"),
        ("relapse_model: levelling\nrelapse_ever: 0.2\nrelapse_within_12_months: 0.3\n",
         # Issue 16.6: a cross-key error points at the key's own line (the extra keys start on line 10).
         "line 12, column 1, key 'relapse_within_12_months': relapse_within_12_months (0.3) cannot exceed relapse_ever (0.2): those back within a year are "
         "among those who ever come back"),
        ("annual_cost_per_fte: 70000\n",
         "line 10, column 1, key 'annual_cost_per_fte': annual_cost_per_fte is set for the scenario but caseload (clients per FTE) is not; set caseload"),
        ("caseload: 0\n", "line 10, column 1, key 'caseload': 0 is out of range: must be above 0"),
        ("wage_value: 1.2\n", "line 10, column 1, key 'wage_value': 1.2 is not a rate: a rate is a fraction between 0 and 1; write 0.012 for 1.2%"),
    ],
)
def test_new_key_errors(extra: str, message: str) -> None:
    text = LELYSTAD_AS_TOLD.replace("relapse_model: fixed\n", "") + extra
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "t.yaml")
    assert str(info.value) == "t.yaml, " + message


def test_common_random_numbers_make_paired_differences_precise() -> None:
    """Issue 5, acceptance 3: two strategies that differ only in cost per client. Each has
    its own Monte Carlo spread (uncertain outflow, binomial outcomes), but on the same
    futures their difference is the cost difference alone: 300 × (6,000 − 5,000) = 300,000
    in every iteration, so its standard error is 0 — far below either strategy's own."""
    from roi_sim.outputs.formats import comparisons

    text = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}") + textwrap.dedent(
        """\
        iterations: 5000
        strategies:
          - name: Regular
          - name: Dearer
            cost_per_client: 6000
        """
    )
    result = run(parse_scenario(text))
    own_se = min(st.metrics["net_savings"].se for st in result.strategies)
    pair = comparisons(result)["fiscal"].pairs[0]
    assert own_se > 1_000
    assert pair.mean_difference == pytest.approx(300_000, abs=1e-6)
    assert pair.se_difference < own_se / 1_000
    assert pair.probability_a_beats_b == 1.0
