"""Scenarios the loader accepted but the simulation could not compute, found by the random
valid-scenario generator (issue 16, last paragraph); each is now refused at load with a
one-line message naming the key (issue 16.2: what cannot be computed is refused at load)."""

from __future__ import annotations

import roi_sim
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import scenario_error, with_line

GROUP = """\
horizon_years: 2
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_rate: 0.3
time_out_of_benefits_years: 2
groups:
  g: {}
strategies:
  - name: s
"""


def test_a_beta_whose_sd_squared_underflows_is_refused() -> None:
    # Was accepted (sd² = 0 passed 'sd² < mean·(1−mean)'), then the run died with
    # ZeroDivisionError computing the shape parameters.
    got = scenario_error(with_line("outflow_rate: {dist: beta, mean: 0.3, sd: 1.0e-170}"))
    assert got == (
        "s.yaml, line 6, column 28, key 'outflow_rate.mean': beta distribution: mean 0.3 and sd 1e-170 are too extreme "
        "to compute a beta with; use a larger sd or a mean further from 0 and 1, or for a known number write the number itself"
    )


def test_a_beta_with_a_subnormal_mean_is_refused() -> None:
    got = scenario_error(with_line("outflow_rate: {dist: beta, mean: 5.0e-324, sd: 1.0e-162}"))
    assert "are too extreme to compute a beta with" in got


def test_a_narrow_beta_that_can_be_computed_is_still_accepted() -> None:
    scenario = parse_scenario(with_line("outflow_rate: {dist: beta, mean: 0.3, sd: 1.0e-100}"), "s.yaml")
    a, b = scenario.base_params["outflow_rate"].shape()
    assert a > 0 and b > 0 and a != float("inf")


def test_an_allocation_beyond_the_largest_cohort_is_refused() -> None:
    # Was accepted, then numpy's binomial failed with "ValueError: n < 0" (int64 overflow).
    got = scenario_error(GROUP + "    allocation: {g: 100000000000000000000}\n")
    assert got == (
        "s.yaml, line 10, column 18, key 'strategies[1].allocation.g': 100,000,000,000,000,000,000 clients a year from "
        "group 'g' is more than a cohort may hold: at most 10,000,000 a year"
    )


def test_an_allocation_of_the_largest_cohort_is_accepted() -> None:
    scenario = parse_scenario(GROUP + "    allocation: {g: 10000000}\n", "s.yaml")
    assert scenario.strategies[0].parts[0].params["cohort_size"].mean() == 10_000_000


def test_a_budget_that_buys_more_than_the_largest_cohort_is_refused() -> None:
    # A subnormal cost per client: budget / cost was inf and int(floor(inf)) raised OverflowError in the loader.
    text = GROUP.replace("cost_per_client: 5000", "cost_per_client: 5.0e-324") + "    budget: {g: 1000}\n"
    got = scenario_error(text)
    assert got == (
        "s.yaml, line 10, column 14, key 'strategies[1].budget.g': a budget of EUR 1,000.00 at EUR 4.94066e-324 per client "
        "buys more than 10,000,000 clients a year from group 'g', more than a cohort may hold; lower the budget or check the "
        "cost per client"
    )
    assert "more than a cohort may hold" in scenario_error(GROUP.replace("5000", "0.001") + "    budget: {g: 1000000}\n")


def test_variant_weights_whose_sum_overflows_are_refused() -> None:
    # Was accepted; the weights then summed to inf and every iteration lived in the last
    # variant while the JSON reported weights 0 and 0.
    text = with_line("variants:") + "  - {name: a, weight: 1.0e+308, outflow_rate: 0.1}\n  - {name: b, weight: 1.0e+308}\n"
    got = scenario_error(text)
    assert got == (
        "s.yaml, line 12, column 15, key 'variants[1].weight': the weights add up to more than can be computed with; "
        "weights are relative (1 and 3 mean 25% and 75%), so use smaller numbers"
    )


def test_large_variant_weights_that_can_be_added_are_accepted() -> None:
    text = with_line("variants:") + "  - {name: a, weight: 1.0e+300, outflow_rate: 0.1}\n  - {name: b, weight: 3.0e+300}\n"
    result = roi_sim.simulate(roi_sim.load(text), iterations=64)
    assert [v["weight"] for v in result.to_dict()["settings"]["variants"]] == [0.25, 0.75]


def test_a_caseload_that_makes_the_staff_cost_overflow_is_refused() -> None:
    # Was accepted; the staff cost per client overflowed to inf and investment, net savings
    # and the decision came out null.
    got = scenario_error(with_line("caseload: 5.0e-324") + "annual_cost_per_fte: 1\n")
    assert got == (
        "s.yaml, line 11, column 1, key 'caseload': with caseload down to 4.94066e-324 the staff cost per client "
        "(annual_cost_per_fte / caseload × programme_months / 12) overflows, more than can be computed with: an amount "
        "may be at most 1e+15 EUR; raise the caseload (clients per FTE)"
    )


def test_a_caseload_distribution_reaching_near_zero_is_refused_where_it_is_set() -> None:
    text = with_line("caseload: 20") + "annual_cost_per_fte: 60000\nstrategies:\n  - name: a\n  - name: b\n    caseload: {dist: gamma, mean: 20, sd: 40}\n"
    got = scenario_error(text)
    assert got.startswith("s.yaml, line 16, column 5, key 'strategies[2].caseload': with caseload down to 5.39976e-47 the staff cost per client")
    assert "reaches 1.11116e+51 EUR" in got


def test_ordinary_staff_costs_are_accepted() -> None:
    text = with_line("caseload: {dist: gamma, mean: 20, sd: 5}") + "annual_cost_per_fte: 60000\nprogramme_months: 600\n"
    parse_scenario(text, "s.yaml")
    # No staff cost: any caseload is fine.
    parse_scenario(with_line("caseload: 5.0e-324"), "s.yaml")
