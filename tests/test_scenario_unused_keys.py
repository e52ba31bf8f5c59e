"""Issue 16.3: keys that would be accepted and then ignored are refused, naming the key that applies."""

from __future__ import annotations

import pytest

from roi_sim.scenario.spec import ScenarioError, parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD as GOOD

TIERS = """\
horizon_years: 3
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_rate: 0.3
time_out_of_benefits_years: 2
groups:
  low:
    clients_available: 1000
strategies:
  - name: A
"""


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.yaml")
    return str(info.value)


def test_levelling_key_with_exponential_relapse() -> None:
    # GOOD uses relapse_model fixed (line 10); relapse_ever is appended on line 11.
    got = _error(GOOD + "relapse_ever: 0.35\n")
    assert got == (
        "s.yaml, line 11, column 1, key 'relapse_ever': relapse_ever is not used by relapse_model fixed, which uses "
        "time_out_of_benefits_years; remove it, or set relapse_model: levelling"
    )


def test_duration_with_levelling_relapse() -> None:
    text = GOOD.replace("relapse_model: fixed", "relapse_model: levelling") + "relapse_within_12_months: 0.2\nrelapse_ever: 0.35\n"
    assert _error(text) == (
        "s.yaml, line 9, column 1, key 'time_out_of_benefits_years': time_out_of_benefits_years is not used by "
        "relapse_model levelling, which uses relapse_within_12_months and relapse_ever; remove it, or set "
        "relapse_model: exponential or fixed"
    )


def test_a_base_key_used_by_one_strategy_is_kept() -> None:
    # The base's duration is used by strategy A (fixed) though B relapses levelling with its own keys.
    text = GOOD + (
        "strategies:\n  - name: A\n  - name: B\n    relapse_model: levelling\n"
        "    relapse_within_12_months: 0.2\n    relapse_ever: 0.35\n"
    )
    assert [s.name for s in parse_scenario(text, "s.yaml").strategies] == ["A", "B"]


def test_cohort_size_beside_an_allocation() -> None:
    text = TIERS + "    allocation: {low: 100}\n    cohort_size: 300\n"
    assert _error(text) == (
        "s.yaml, line 12, column 5, key 'strategies[1].cohort_size': cohort_size is not used: this strategy's clients "
        "come from its allocation per group; remove cohort_size, or set the clients in allocation"
    )


def test_cohort_size_in_a_group() -> None:
    text = TIERS.replace("    clients_available: 1000\n", "    clients_available: 1000\n    cohort_size: 50\n") + "    budget: {low: 100000}\n"
    assert _error(text) == (
        "s.yaml, line 9, column 5, key 'groups.low.cohort_size': cohort_size is not used in a group: a strategy's "
        "allocation (clients per intake year) or budget sets how many clients it takes from the group; remove "
        "cohort_size (clients_available caps the group)"
    )


def test_empty_allocation() -> None:
    assert _error(TIERS + "    allocation: {}\n") == (
        "s.yaml, line 11, column 5, key 'strategies[1].allocation': allocation is empty, so the strategy would run "
        "the whole base plan; name at least one group (e.g. allocation: {group name: 100}), or remove allocation"
    )
