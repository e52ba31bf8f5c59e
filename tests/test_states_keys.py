"""DESIGN.md §10, the scenario side: the participation ladder's keys resolved into a
LadderSpec, and every bad input refused in one line naming file, line, key path and the state."""

from __future__ import annotations

import pytest

from roi_sim.scenario.spec import parse_scenario
from tests.conftest import scenario_error

BASE = """\
horizon_years: 3
cohort_size: 100
cost_per_client: 5000
annual_benefit_cost: 12000
states:
  on: {benefit: 1, rung: 1}
  work: {benefit: 0, hours: 1, rung: 6}
start: {on: 1}
"""
# BASE has 8 lines; the first key a test appends is on line 9.
T = "transitions:\n  - {from: on, to: work, rate: 0.1}\n"
P = "programme:\n  - {from: on, to: work, net_effect: 0.05}\n"


def test_states_resolve_into_the_ladder_of_each_part() -> None:
    text = BASE + T + "  - {from: work, to: on, rate: {dist: uniform, low: 0.1, high: 0.2}}\n" + P + (
        "strategies:\n  - name: same\n  - name: own\n    start: {on: 0.5, work: 0.5}\n"
        "    programme:\n      - {from: on, to: work, rate: 0.3}\n"
    )
    scenario = parse_scenario(text, "s.yaml")
    same, own = (s.parts[0].ladder for s in scenario.strategies)
    assert same is not None and own is not None
    assert same.names == ("on", "work") and same.has_rungs
    assert same.start == (1.0, 0.0) and own.start == (0.5, 0.5)
    assert [(i, j) for i, j, _ in same.transitions] == [(0, 1), (1, 0)]
    assert same.transitions[1][2].support() == (0.1, 0.2)
    assert [(i, j, kind, d.mean()) for i, j, kind, d in same.programme] == [(0, 1, "net_effect", 0.05)]
    assert [(i, j, kind, d.mean()) for i, j, kind, d in own.programme] == [(0, 1, "rate", 0.3)]
    assert (same.programme_source, own.programme_source) == ("base", "strategy")
    # The effect and relapse keys are not asked for: the moves replace them.
    assert "outflow_rate" not in scenario.strategies[0].parts[0].params


def test_on_and_off_are_state_names_not_booleans() -> None:
    text = BASE.replace("work:", "off:") .replace("start: {on: 1}", "start: {on: 1}") + (
        "transitions:\n  - {from: on, to: off, rate: 0.1}\nprogramme:\n  - {from: on, to: off, rate: 0.2}\n"
    )
    ladder = parse_scenario(text, "s.yaml").strategies[0].parts[0].ladder
    assert ladder is not None and ladder.names == ("on", "off")
    assert ladder.transitions[0][:2] == (0, 1)


def test_a_plan_without_states_is_unchanged() -> None:
    text = "horizon_years: 3\ncohort_size: 100\ncost_per_client: 5000\nannual_benefit_cost: 12000\noutflow_rate: 0.3\ntime_out_of_benefits_years: 2\n"
    assert parse_scenario(text, "s.yaml").strategies[0].parts[0].ladder is None


_WHERE = "s.yaml, line {line}, column {col}, key '{key}': "


@pytest.mark.parametrize(
    ("extra", "line", "col", "key", "message"),
    [
        ("transitions:\n  - {from: on, to: wrok, rate: 0.1}\n" + P, 10, 16, "transitions[1].to",
         "unknown state 'wrok'; did you mean 'work'? (states: on, work)"),
        ("transitions:\n  - {from: of, to: work, rate: 0.1}\n" + P, 10, 6, "transitions[1].from",
         "unknown state 'of'; did you mean 'on'? (states: on, work)"),
        ("transitions:\n  - {from: on, to: on, rate: 0.1}\n" + P, 10, 16, "transitions[1].to",
         "a transition from 'on' to itself is not a move; staying is what is left over"),
        ("transitions:\n  - {from: on, to: work, rate: 0.1}\n  - {from: on, to: work, rate: 0.2}\n" + P, 11, 5, "transitions[2]",
         "the move on -> work is listed twice (also transitions[1])"),
        ("transitions:\n  - {from: on, to: work, rate: 10}\n" + P, 10, 26, "transitions[1].rate",
         "10 is not a rate: a rate is a fraction between 0 and 1; write 0.1 for 10%"),
        (T + "programme:\n  - {from: work, to: on, net_effect: 0.05}\n", 12, 26, "programme[1].net_effect",
         "net_effect is an effect above the baseline, but work -> on is not in transitions; add it there or give the programme's rate instead"),
        (T + "programme:\n  - {from: on, to: work, net_effect: 0.05, rate: 0.2}\n", 12, 5, "programme[1]",
         "give the programme's move on -> work either net_effect or rate, not both or neither"),
        (T + "programme:\n  - {from: on, to: work}\n", 12, 5, "programme[1]",
         "give the programme's move on -> work either net_effect or rate, not both or neither"),
        (T + "programme:\n  - {from: on, to: job, rate: 0.2}\n", 12, 16, "programme[1].to",
         "unknown state 'job' (states: on, work)"),
        (T + P + "outflow_rate: 0.3\n", 13, 1, "outflow_rate",
         "outflow_rate is not used with states: give the programme's effect under programme (docs/states.md)"),
        (T + P + "relapse_model: fixed\n", 13, 1, "relapse_model",
         "relapse_model is not used with states: relapse is a transition back, e.g. {from: work, to: <a benefit state>, rate: …} (docs/states.md)"),
        (T + P + "strategies:\n  - name: a\n    subsidised_share: 0.5\n", 15, 5, "strategies[1].subsidised_share",
         "subsidised_share is not used with states: set subsidised on the states with a subsidised job (docs/states.md)"),
        (T, 5, 1, "states",
         "programme is required with states: give what the programme changes ([] for nothing) at the top level or in the strategy"),
        (P, 5, 1, "states",
         "transitions are required with states: list the moves without the programme, [{from, to, rate}]"),
        (T + P + "variants:\n  - {name: a}\n  - {name: b}\n", 13, 1, "variants",
         "variants are not combined with states in this version; give each belief its own scenario file"),
    ],
)
def test_bad_ladder_input_is_one_line(extra: str, line: int, col: int, key: str, message: str) -> None:
    assert scenario_error(BASE + extra) == _WHERE.format(line=line, col=col, key=key) + message


def test_competing_moves_that_cannot_happen_within_a_month() -> None:
    text = BASE.replace("start: {on: 1}", "  wajong: {benefit: 1, payer: uwv}\nstart: {on: 1}") + (
        "transitions:\n  - {from: on, to: work, rate: 1}\n  - {from: on, to: wajong, rate: {dist: uniform, low: 0, high: 0.5}}\n" + P
    )
    assert scenario_error(text) == (
        "s.yaml, line 12, column 28, key 'transitions[2].rate': the moves from 'on' cannot all happen within a month: "
        "their monthly probabilities add up to 1.056 at the top of their ranges, above 1; lower the rates"
    )


@pytest.mark.parametrize(
    ("start", "key", "col", "message"),
    [
        ("{on: 1.5}", "start.on", 9, "1.5 is not a share: a start share is a fraction 0..1 of each intake"),
        ("{on: 0.5, work: 0.2}", "start", 1,
         "the start shares add up to 0.7, but they must add up to 1 (each intake is split over the states)"),
        ("{on: 0.5, wokr: 0.5}", "start.wokr", 18, "unknown state 'wokr'; did you mean 'work'? (states: on, work)"),
        ("{}", "start", 1, "start is empty: give each intake's clients by state, e.g. {on: 1}"),
    ],
)
def test_start_shares(start: str, key: str, col: int, message: str) -> None:
    text = BASE.replace("start: {on: 1}", f"start: {start}") + T + P
    assert scenario_error(text) == f"s.yaml, line 8, column {col}, key '{key}': {message}"


def test_state_attributes_are_checked_by_the_schema() -> None:
    text = BASE.replace("work: {benefit: 0, hours: 1, rung: 6}", "work: {benefit: 0, hours: 1, rung: 7}") + T + P
    assert scenario_error(text) == "s.yaml, line 7, column 32, key 'states.work.rung': must be at most 6 (got 7)"
    text = BASE.replace("work: {benefit: 0, hours: 1, rung: 6}", "work: {benefit: 0, hours: 1, rung: 6, payer: gemeente}") + T + P
    assert scenario_error(text) == (
        "s.yaml, line 7, column 41, key 'states.work.payer': the text 'gemeente' is not allowed (allowed: 'municipality', 'uwv', 'rijk')"
    )


def test_year_cannot_name_a_state() -> None:
    text = BASE.replace("work:", "year:").replace("to: work", "to: year") + T.replace("work", "year") + P.replace("work", "year")
    assert scenario_error(text) == (
        "s.yaml, line 7, column 3, key 'states.year': 'year' cannot name a state: the occupancy tables use it for the year; rename the state"
    )


def test_ladder_keys_need_states() -> None:
    text = "horizon_years: 3\ncohort_size: 100\ncost_per_client: 5000\nannual_benefit_cost: 12000\noutflow_rate: 0.3\n" + T
    assert scenario_error(text) == "s.yaml, line 6, column 1, key 'transitions': transitions needs states: declare the states first (docs/states.md)"
