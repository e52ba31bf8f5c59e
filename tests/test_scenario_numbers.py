"""Issue 16.1: numbers YAML reads as something else are refused, and `validate` can show
what was read (:func:`roi_sim.scenario.describe.describe_values`)."""

from __future__ import annotations

import pytest

from roi_sim.scenario.describe import describe_distribution, describe_values
from roi_sim.scenario.distributions import fixed
from roi_sim.scenario.spec import ScenarioError, parse_scenario
from tests.conftest import scenario_error, with_line

_with = with_line


_error = scenario_error


def _line_of(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # 0300 in base 8 is 3·64 = 192.
        ("cohort_size: 0300", "'0300' starts with 0, which YAML reads as the octal number 192; write 300 without the leading zero"),
        # 1:00 in base 60 is 1·60 + 0 = 60; 20:11 is 20·60 + 11 = 1211.
        ("outflow_window_months: 1:00", "'1:00' is read by YAML as a base-60 (hours:minutes) number, 60; write plain digits, "
         "such as 100, or put text in quotes"),
        ("seed: 20:11", "'20:11' is read by YAML as a base-60 (hours:minutes) number, 1211; write plain digits, "
         "such as 2011, or put text in quotes"),
        ("cost_per_client: 5.000", "'5.000' is read as 5 (in YAML a point is a decimal point); write 5000, without a thousands separator"),
        ("cohort_size: 1.800", "'1.800' is read as 1.8 (in YAML a point is a decimal point); write 1800, without a thousands separator"),
    ],
)
def test_misread_numbers_are_refused(line: str, message: str) -> None:
    text = _with(line)
    key = line.split(":")[0]
    row = _line_of(text, key + ":")
    col = len(key) + 3  # the value starts after "key: "
    got = _error(text)
    where = f"s.yaml, line {row}, column {col}, key '{key}'"
    assert got.startswith(where), got
    assert got.endswith(": " + message)


def test_thousands_inside_a_distribution_names_the_inner_key() -> None:
    got = _error(_with("cost_per_client: {dist: normal, mean: 5.000, sd: 500, low: 0}"))
    # "cost_per_client: {dist: normal, mean: " is 38 characters: the value starts in column 39.
    assert ", column 39, key 'cost_per_client.mean': '5.000' is read as 5" in got


@pytest.mark.parametrize(
    "line",
    ["outflow_rate: 0.300", "time_out_of_benefits_years: 1.500", "cost_per_client: 2.5", "cohort_size: 0", "seed: 10",
     "cost_per_client: '5000'"],
)
def test_what_is_meant_stays_accepted(line: str) -> None:
    # A rate or a duration may well be 0.300 or 1.5 years; plain 0 and quoted text are not misread.
    try:
        parse_scenario(_with(line), "s.yaml")
    except ScenarioError as exc:
        assert "separator" not in str(exc) and "octal" not in str(exc)


def test_describe_values_shows_what_was_read() -> None:
    scenario = parse_scenario(_with("cost_per_client: 5000.5"), "s.yaml")
    lines = describe_values(scenario)
    assert "cost_per_client: 5,000.5" in lines
    assert "cohort_size: 300" in lines
    # No iterations or seed in the file: the defaults, 20,000 and 0.
    assert lines[:4] == ["horizon_years: 6", "iterations: 20,000", "seed: 0", "discount_rate: 0"]
    assert describe_distribution(fixed(29735.42)) == "29,735.42"
    beta = parse_scenario(_with("outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}"), "s.yaml")
    assert "outflow_rate: beta(mean 0.3, sd 0.05)" in describe_values(beta)


def test_millions_with_dutch_separators_are_explained() -> None:
    # YAML reads 1.800.000 as text (two points); the message says how to write it.
    assert _error(_with("cost_per_client: 1.800.000")) == (
        "s.yaml, line 4, column 1, key 'cost_per_client': expected a number or a distribution such as "
        "{dist: beta, mean: 0.3, sd: 0.05}, got the text '1.800.000' (write 1800000, without thousands separators)"
    )
