"""roi_sim.decisions.breakeven: where the expected net savings of a strategy cross zero.

Every expected number is worked out by hand in the comments (or, for the discount rate, by a
second, plain-Python computation of the flows), never taken from what the module returns.

The hand model (docs/model.md) for Lelystad as the article tells it: one cohort of 300 at
EUR 5,000; a share r leaves benefit within the 12-month window; each leaver stays off
exactly 24 months (fixed relapse, 2 years), all within the 6-year horizon; nobody leaves
without the programme; EUR 12,000 a year is EUR 1,000 a month; no discounting. So

    net(r, cost) = 300 · r · 24 · 1,000 − 300 · cost,

linear in both: net = 0 at r = 1,500,000 / 7,200,000 and at cost = 2,160,000 / 300.
"""

from __future__ import annotations

import math
import re

import pytest
from scipy.optimize import brentq
from scipy.stats import beta as beta_dist

from roi_sim.decisions.breakeven import BreakEven, _Crossing, _probability, breakeven
from roi_sim.scenario.distributions import Uniform
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD

NAME = "Lelystad as the article tells it"


def lelystad(**changes: str) -> str:
    """LELYSTAD_AS_TOLD with some keys replaced (``key="value"``) or added."""
    text = LELYSTAD_AS_TOLD
    for key, value in changes.items():
        pattern = re.compile(rf"^{key}: .*$", re.MULTILINE)
        text = pattern.sub(f"{key}: {value}", text) if pattern.search(text) else text + f"{key}: {value}\n"
    return text


def only(results: list[BreakEven]) -> BreakEven:
    assert len(results) == 1
    return results[0]


def proportion_tolerance(p: float, n: int) -> float:
    """Four standard errors of a proportion estimated from n draws."""
    return 4 * math.sqrt(p * (1 - p) / n)


# ----------------------------------------------------------------------------- issue acceptance


def test_outflow_rate_break_even_of_lelystad_as_told() -> None:
    # 300 · r · 24 · 1,000 = 1,500,000  =>  r = 1,500,000 / 7,200,000 = 0.208333...
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD), "outflow_rate"))
    assert b.strategy == NAME
    assert b.parameter == "outflow_rate"
    assert b.value == pytest.approx(1_500_000 / (300 * 24 * 1_000), abs=1e-9)
    assert b.pays_when == "above"
    assert b.probability_paying_side is None  # the scenario gives a plain number
    assert b.current_mean == 0.30
    assert b.sentence == (
        "pays back if at least 20.8% of participants leave benefit (outflow_rate ≥ 0.2083); the scenario assumes 30%"
    )


def test_cost_per_client_break_even() -> None:
    # 90 clients × 24 months × EUR 1,000 = 2,160,000 = 300 · cost  =>  cost = 7,200.
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD), "cost_per_client"))
    assert b.value == pytest.approx(2_160_000 / 300, abs=1e-6)
    assert b.pays_when == "below"
    assert b.current_mean == 5000
    assert b.sentence == "pays back if cost_per_client at most €7,200 (cost_per_client ≤ 7200); the scenario assumes €5,000"


def test_probability_of_the_paying_side_is_the_beta_survival_function() -> None:
    # The root does not depend on the distribution (the deterministic model overrides
    # outflow_rate), so it is still 0.208333. mean 0.3, sd 0.05: nu = 0.21 / 0.0025 − 1 = 83,
    # alpha = 0.3 · 83 = 24.9, beta = 0.7 · 83 = 58.1. P(paying) = P(X > root) = sf(root).
    samples = 200_000
    b = only(breakeven(parse_scenario(lelystad(outflow_rate="{dist: beta, mean: 0.3, sd: 0.05}")), "outflow_rate", samples=samples))
    root = 1_500_000 / 7_200_000
    m, sd = 0.3, 0.05
    nu = m * (1 - m) / sd**2 - 1
    expected = beta_dist.sf(root, m * nu, (1 - m) * nu)
    assert b.value == pytest.approx(root, abs=1e-9)
    assert b.pays_when == "above"
    assert b.current_mean == pytest.approx(0.3, abs=1e-12)
    assert b.probability_paying_side == pytest.approx(expected, abs=proportion_tolerance(expected, samples))
    assert b.sentence.endswith(f"; chance {100 * b.probability_paying_side:.0f}% under the scenario's uncertainty")


def test_the_probability_is_reproducible_by_seed() -> None:
    scenario = parse_scenario(lelystad(outflow_rate="{dist: beta, mean: 0.3, sd: 0.05}"))
    first = only(breakeven(scenario, "outflow_rate", samples=1000, seed=7))
    again = only(breakeven(scenario, "outflow_rate", samples=1000, seed=7))
    assert first == again


def test_no_sign_change_in_the_range() -> None:
    # At EUR 50,000 a client the investment is 15,000,000; even with everyone leaving the
    # savings are 300 · 24 · 1,000 = 7,200,000. Net < 0 for every rate in 0..1.
    b = only(breakeven(parse_scenario(lelystad(cost_per_client="50000")), "outflow_rate"))
    assert (b.value, b.pays_when, b.probability_paying_side) == (None, None, None)
    assert b.current_mean == 0.30
    assert b.sentence == "does not pay back for any outflow_rate between 0% and 100%"


def test_pays_back_whatever_the_parameter() -> None:
    # wage_value 1 (the default) means a subsidy of min(1 − 1, 0.70) = 0: the subsidised
    # share changes nothing, and the net stays at 2,160,000 − 1,500,000 = 660,000.
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD), "subsidised_share"))
    assert (b.value, b.pays_when, b.probability_paying_side) == (None, None, None)
    assert b.sentence == "pays back for every subsidised_share between 0% and 100%: the net savings never fall to zero"


def test_unknown_parameter_suggests_the_nearest_name() -> None:
    allowed = (
        "cohort_size, cost_per_client, annual_benefit_cost, outflow_rate, baseline_outflow_rate, "
        "time_out_of_benefits_years, relapse_within_12_months, relapse_ever, subsidised_share, wage_value, "
        "benefit_saved_share, minimum_wage_annual, caseload, annual_cost_per_fte, programme_months, "
        "fixed_annual_cost, startup_cost, social_value_per_participant_year, net_effect, benefit_retention, "
        "execution_cost_per_client_year, placement_cost_per_year, displacement, non_market_time_value_per_year, "
        "social_value_per_extra_client_year, employer_cost_share, client_net_wage_per_year, client_net_benefit_per_year, "
        "discount_rate"
    )
    scenario = parse_scenario(LELYSTAD_AS_TOLD)
    with pytest.raises(ValueError) as err:
        breakeven(scenario, "outflow_rat")
    assert str(err.value) == f"unknown parameter 'outflow_rat' (did you mean 'outflow_rate'?); allowed: {allowed}"
    with pytest.raises(ValueError) as err:
        breakeven(scenario, "zzz")
    assert str(err.value) == f"unknown parameter 'zzz'; allowed: {allowed}"


def test_unknown_ledger_and_bad_samples() -> None:
    scenario = parse_scenario(LELYSTAD_AS_TOLD)
    with pytest.raises(ValueError) as err:
        breakeven(scenario, "outflow_rate", ledger="social")
    assert str(err.value) == "unknown ledger 'social'; allowed: fiscal, societal"
    with pytest.raises(ValueError) as err:
        breakeven(scenario, "outflow_rate", samples=0)
    assert str(err.value) == "samples must be a whole number of at least 1 (got 0)"


# ----------------------------------------------------------------------------- other kinds


def test_fixed_relapse_years_break_even_is_the_rounding_step() -> None:
    # Fixed relapse keeps a leaver off L = round(12·D) months (halves up). Net > 0 needs
    # 90 · L · 1,000 > 1,500,000, i.e. L ≥ 17 (16 gives 1,440,000), i.e. 12·D ≥ 16.5:
    # D ≥ 1.375 years. The net savings jump over zero there rather than pass through it.
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD), "time_out_of_benefits_years"))
    assert b.value == pytest.approx(16.5 / 12, abs=1e-8)
    assert b.pays_when == "above"
    assert b.sentence.startswith("pays back if time_out_of_benefits_years at least 1.4 years (time_out_of_benefits_years ≥ 1.375)")


def test_cohort_size_break_even_is_a_whole_number_of_clients() -> None:
    # Per client: 0.3 · 24 · 1,000 − 5,000 = 2,200 net. A start-up cost of 100,000 needs
    # 100,000 / 2,200 = 45.45 clients: 45 give 99,000 (short), 46 give 101,200.
    b = only(breakeven(parse_scenario(lelystad(startup_cost="100000")), "cohort_size"))
    assert b.value == 46
    assert b.pays_when == "above"
    assert b.probability_paying_side is None
    assert b.sentence == (
        "pays back if at least 46 clients start per intake year (cohort_size ≥ 46); the scenario assumes 300 clients"
    )


def test_cohort_size_probability_counts_rounded_draws() -> None:
    # cohort_size uniform(40, 52): the model rounds a draw x to whole clients (halves up),
    # so it pays when round(x) ≥ 46, i.e. x ≥ 45.5: P = (52 − 45.5) / 12 = 0.541666...
    samples = 200_000
    text = lelystad(startup_cost="100000", cohort_size="{dist: uniform, low: 40, high: 52}")
    b = only(breakeven(parse_scenario(text), "cohort_size", samples=samples))
    assert b.value == 46
    expected = 6.5 / 12
    assert b.probability_paying_side == pytest.approx(expected, abs=proportion_tolerance(expected, samples))


def test_societal_ledger() -> None:
    # Societally each extra month off benefit is worth the work done: wage_value 1 ×
    # minimum wage 29,735.42 / 12 a month × 1.235 employer costs (issue 14.4; benefits are
    # transfers and net out; displacement set to 0, a valuation input, so the ledger exists).
    # 300 · r · 24 · 29,735.42 · 1.235 / 12 = 1,500,000  =>  r = 1,500,000 / (600 · 29,735.42 · 1.235).
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD + "displacement: 0\n"), "outflow_rate", ledger="societal"))
    assert b.value == pytest.approx(1_500_000 / (600 * 29_735.42 * 1.235), abs=1e-9)
    assert b.pays_when == "above"
    assert b.sentence.startswith("pays back to society if at least 6.8% of participants leave benefit")


def _discounted_net(d: float, cost: float) -> float:
    """Lelystad-as-told net savings at discount rate d, from docs/model.md written out:
    out(u) = 300 · (0.7^(u/12) − 0.7^((u+1)/12)) leave in month u = 0..11 and save months
    u..u+23 at EUR 1,000 × (1 + d)^(−t/12); the cost is paid in month 0 (not discounted)."""
    saved = 0.0
    for u in range(12):
        out = 300 * (0.7 ** (u / 12) - 0.7 ** ((u + 1) / 12))
        saved += out * sum(1_000 * (1 + d) ** (-t / 12) for t in range(u, u + 24))
    return saved - 300 * cost


def test_discount_rate_break_even_against_the_flows_written_out() -> None:
    # At EUR 7,000 a client the undiscounted net is 2,160,000 − 2,100,000 = 60,000 > 0;
    # discounting the savings (not the cost, paid in month 0) brings it to zero.
    assert _discounted_net(0.0, 7000) == pytest.approx(60_000)
    expected = brentq(_discounted_net, 0.0, 0.2, args=(7000,), xtol=1e-14)
    b = only(breakeven(parse_scenario(lelystad(cost_per_client="7000")), "discount_rate"))
    assert b.value == pytest.approx(expected, abs=1e-9)
    assert b.pays_when == "below"
    assert b.current_mean == 0.0


def test_one_entry_per_strategy_in_order() -> None:
    # Cost 5,000: r = 1,500,000 / 7,200,000. Cost 6,000: r = 1,800,000 / 7,200,000 = 0.25.
    text = LELYSTAD_AS_TOLD + "strategies:\n  - name: cheap\n  - name: dear\n    cost_per_client: 6000\n"
    results = breakeven(parse_scenario(text), "outflow_rate")
    assert [r.strategy for r in results] == ["cheap", "dear"]
    assert results[0].value == pytest.approx(1_500_000 / 7_200_000, abs=1e-9)
    assert results[1].value == pytest.approx(0.25, abs=1e-9)


def test_parameter_the_strategy_does_not_use() -> None:
    # Fixed relapse has no relapse_ever: no break-even, and the sentence says why.
    b = only(breakeven(parse_scenario(LELYSTAD_AS_TOLD), "relapse_ever"))
    assert (b.value, b.pays_when, b.probability_paying_side) == (None, None, None)
    assert math.isnan(b.current_mean)
    assert b.sentence == "does not depend on relapse_ever: the strategy's relapse_model is fixed"


def test_probability_with_two_sign_changes_counts_the_paying_interval() -> None:
    # Pays only between 0.2 and 0.6: for a uniform(0, 1) parameter that is 0.4; paying only
    # outside it, 0.6. The same seed gives the same draws, so the two add up to exactly 1.
    uniform = Uniform(dist="uniform", low=0, high=1)
    inside = _probability(uniform, [_Crossing(0.2, 0.2, "above"), _Crossing(0.6, 0.6, "below")], False, 100_000, 0)
    outside = _probability(uniform, [_Crossing(0.2, 0.2, "below"), _Crossing(0.6, 0.6, "above")], False, 100_000, 0)
    assert inside == pytest.approx(0.4, abs=proportion_tolerance(0.4, 100_000))
    assert outside == pytest.approx(0.6, abs=proportion_tolerance(0.6, 100_000))
    assert inside + outside == pytest.approx(1.0, abs=1e-12)
