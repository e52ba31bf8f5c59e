"""Issue 16.6: messages name the precise key path and its line, in the tool's own words."""

from __future__ import annotations

import pytest

from tests.conftest import LELYSTAD_AS_TOLD as GOOD
from tests.conftest import scenario_error, with_line

_with = with_line


_error = scenario_error


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # "outflow_rate: {dist: beta, " is 27 characters: alpha's key starts in column 28.
        ("outflow_rate: {dist: beta, alpha: -1, beta: 2}",
         "s.yaml, line 6, column 28, key 'outflow_rate.alpha': beta distribution: alpha must be above 0 (got -1)"),
        ("outflow_rate: {dist: beta, alpha: x, beta: 2}",
         "s.yaml, line 6, column 28, key 'outflow_rate.alpha': must be a number, got the text 'x'"),
        # "outflow_rate: {dist: beta, alpha: 2, " is 37 characters.
        ("outflow_rate: {dist: beta, alpha: 2, beta: -2}",
         "s.yaml, line 6, column 38, key 'outflow_rate.beta': beta distribution: beta must be above 0 (got -2)"),
        ("relapse_model: leveling",
         "s.yaml, line 10, column 1, key 'relapse_model': the text 'leveling' is not allowed; did you mean 'levelling'? "
         "(allowed: 'exponential', 'fixed', 'levelling')"),
        ("correlations: [{between: [a, b, c], rank_correlation: 0.5}]",
         "s.yaml, line 11, column 17, key 'correlations[1].between': must have at most 2 entries (got 3)"),
        ("correlations: [{between: [a], rank_correlation: 0.5}]",
         "s.yaml, line 11, column 17, key 'correlations[1].between': must have 2 entries (got 1)"),
        ("strategies: [{name: ''}]", "s.yaml, line 11, column 15, key 'strategies[1].name': must not be empty; give some text"),
        ("programme_months: {dist: lognormal, mean: 12, sd: 3}",
         "s.yaml, line 11, column 1, key 'programme_months': a lognormal distribution has no upper bound, but this "
         "parameter must be between 0 and 600; use a normal with high: 600, or a triangular, PERT or uniform distribution"),
        ("outflow_rate: {dist: gamma, mean: 0.3, sd: 0.1}",
         "s.yaml, line 6, column 1, key 'outflow_rate': a gamma distribution can exceed 1, but this parameter must be "
         "between 0 and 1; use a beta distribution for a rate"),
    ],
)
def test_message(line: str, message: str) -> None:
    assert _error(_with(line)) == message


def test_no_pydantic_wording() -> None:
    for line in ("correlations: [{between: [a, b, c], rank_correlation: 0.5}]", "strategies: [{name: ''}]"):
        got = _error(_with(line))
        assert "should have" not in got and "after validation" not in got and "String" not in got


def test_cross_key_error_points_at_the_group_key() -> None:
    text = GOOD.replace("relapse_model: fixed\n", "").replace("time_out_of_benefits_years: 2\n", "") + (
        "relapse_model: levelling\nrelapse_ever: 0.2\n"
        "groups:\n  low:\n    relapse_within_12_months: 0.3\n"
        "strategies:\n  - name: A\n    allocation: {low: 10}\n"
    )
    # GOOD without two lines has 8; relapse_model is line 9, the group's key line 13.
    assert _error(text) == (
        "s.yaml, line 13, column 5, key 'groups.low.relapse_within_12_months': relapse_within_12_months (0.3) cannot "
        "exceed relapse_ever (0.2): those back within a year are among those who ever come back"
    )
