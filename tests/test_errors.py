"""Bad input: exit code 2, one line on stderr naming file, line and key, nothing on stdout,
no traceback (issue 2 acceptance 7; the bad-input classes of issue 3)."""

from __future__ import annotations

import pytest

from roi_sim.scenario.spec import ScenarioModel, StrategyModel
from tests.conftest import LELYSTAD_AS_TOLD

GOOD = LELYSTAD_AS_TOLD
# The keys a scenario and a strategy may hold (docs/scenario-reference.md plus the issue-5 keys), sorted.
TOP_KEYS = ", ".join(sorted(ScenarioModel.model_fields))
STRATEGY_KEYS = ", ".join(sorted(StrategyModel.model_fields))


def _bad(cli, path, *extra: str):
    result = cli("run", path, *extra)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


CASES = {
    "mistyped key": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rat: 0.30"),
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rat': unknown key 'outflow_rat'; did you mean 'outflow_rate'? "
        f"(allowed here: {TOP_KEYS})",
    ),
    "rate of 1.5": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: 1.5"),
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rate': 1.5 is not a rate: a rate is a fraction between 0 and 1; write 0.015 for 1.5%",
    ),
    "rate written as a percentage": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: 30"),
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rate': 30 is not a rate: a rate is a fraction between 0 and 1; write 0.3 for 30%",
    ),
    "negative rate": (
        GOOD.replace("baseline_outflow_rate: 0", "baseline_outflow_rate: -0.1"),
        "roi-sim: error: {path}, line 8, column 1, key 'baseline_outflow_rate': -0.1 is out of range: must be between 0 and 1",
    ),
    "beta with impossible sd": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: {dist: beta, mean: 0.3, sd: 0.5}"),
        # Issue 16.6: the message points at the sd itself ("outflow_rate: {dist: beta, mean: 0.3, " is 38 characters).
        "roi-sim: error: {path}, line 6, column 39, key 'outflow_rate.sd': beta distribution: sd 0.5 is impossible for a beta "
        "with mean 0.3: sd must be below 0.4583 (sd² < mean·(1−mean)); use a smaller sd",
    ),
    "normal rate without bounds": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: {dist: normal, mean: 0.3, sd: 0.1}"),
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rate': this normal distribution can give values outside "
        "the allowed range (between 0 and 1); add low: 0 and high: 1 or use a beta distribution",
    ),
    "triangular out of order": (
        GOOD.replace("time_out_of_benefits_years: 2", "time_out_of_benefits_years: {dist: triangular, low: 2, mode: 4, high: 3}"),
        # The mode is out of place: the message points at it (55 characters precede it).
        "roi-sim: error: {path}, line 9, column 56, key 'time_out_of_benefits_years.mode': triangular distribution: "
        "mode (4) must lie between low (2) and high (3)",
    ),
    "uniform bound outside the range": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0.2, high: 1.2}"),
        # The low 0.2 is a fraction, so 1.2 cannot be meant as 1.2% (0.012 would be below the low):
        # the high is simply above the largest rate, 1.
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rate': high 1.2 is out of range: this parameter must be "
        "between 0 and 1, so the high can be at most 1",
    ),
    "uniform written in percentages": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 20, high: 40}"),
        # Both bounds are percentages: 20/100 = 0.2 and 40/100 = 0.4, still in order.
        "roi-sim: error: {path}, line 6, column 1, key 'outflow_rate': the range 20 to 40 is not a rate: a rate is a fraction "
        "between 0 and 1; divide every value by 100 (write 0.2 to 0.4 for 20% to 40%)",
    ),
    "unknown distribution": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate: {dist: betta, mean: 0.3, sd: 0.05}"),
        "roi-sim: error: {path}, line 6, column 16, key 'outflow_rate.dist': unknown distribution 'betta'; did you mean 'beta'? "
        "allowed: fixed, uniform, triangular, pert, normal, lognormal, gamma, beta",
    ),
    "unknown key inside a distribution": (
        GOOD.replace("outflow_rate: 0.30", "outflow_rate:\n  dist: beta\n  mean: 0.3\n  stdev: 0.05"),
        "roi-sim: error: {path}, line 9, column 3, key 'outflow_rate.stdev': unknown key 'stdev' (allowed here: "
        "alpha, beta, dist, mean, sd, successes, trials)",
    ),
    "unknown key inside a strategy": (
        GOOD + "strategies:\n  - name: A\n    cost_per_clent: 100\n",
        "roi-sim: error: {path}, line 13, column 5, key 'strategies[1].cost_per_clent': unknown key 'cost_per_clent'; "
        f"did you mean 'cost_per_client'? (allowed here: {STRATEGY_KEYS})",
    ),
    "scenario key inside a strategy": (
        GOOD + "strategies:\n  - name: A\n    horizon_years: 3\n",
        "roi-sim: error: {path}, line 13, column 5, key 'strategies[1].horizon_years': 'horizon_years' belongs to the whole "
        "scenario and cannot be set per strategy; move it to the top level",
    ),
    "duplicate strategy names": (
        GOOD + "strategies:\n  - name: A\n  - name: A\n",
        "roi-sim: error: {path}, line 13, column 5, key 'strategies[2].name': duplicate strategy name 'A' (also strategy 1); "
        "strategy names must be unique",
    ),
    "wrong type": (
        GOOD.replace("horizon_years: 6", "horizon_years: six"),
        "roi-sim: error: {path}, line 2, column 1, key 'horizon_years': must be a whole number, got the text 'six'",
    ),
    "money with a thousands comma": (
        GOOD.replace("cost_per_client: 5000", "cost_per_client: 5,000"),
        "roi-sim: error: {path}, line 4, column 1, key 'cost_per_client': expected a number or a distribution such as "
        "{{dist: beta, mean: 0.3, sd: 0.05}}, got the text '5,000'",
    ),
    "NaN": (
        GOOD.replace("cost_per_client: 5000", "cost_per_client: .nan"),
        "roi-sim: error: {path}, line 4, column 1, key 'cost_per_client': must be a finite number (NaN and infinity are not allowed)",
    ),
    "infinity": (
        GOOD.replace("annual_benefit_cost: 12000", "annual_benefit_cost: .inf"),
        "roi-sim: error: {path}, line 5, column 1, key 'annual_benefit_cost': must be a finite number (NaN and infinity are not allowed)",
    ),
    "horizon out of range": (
        GOOD.replace("horizon_years: 6", "horizon_years: 80"),
        "roi-sim: error: {path}, line 2, column 1, key 'horizon_years': must be at most 50 (got 80)",
    ),
    "relapse model misspelt": (
        GOOD.replace("relapse_model: fixed", "relapse_model: fixd"),
        "roi-sim: error: {path}, line 10, column 1, key 'relapse_model': the text 'fixd' is not allowed; did you mean 'fixed'? "
        "(allowed: 'exponential', 'fixed', 'levelling')",
    ),
    "duplicate key": (
        GOOD + "cohort_size: 400\n",
        "roi-sim: error: {path}, line 11, column 1, key 'cohort_size': duplicate key: 'cohort_size' is already set on line 3; keep one of them",
    ),
    "broken YAML": (
        GOOD.replace("cohort_size: 300", "cohort_size: [300"),
        "roi-sim: error: {path}, line 4, column 16: YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got ':'",
    ),
    "top level is a list": (
        "- horizon_years: 6\n",
        "roi-sim: error: {path}, line 1, column 1: the top level must be a mapping of keys (name: …, horizon_years: …), not a list",
    ),
    "empty file": (
        "# nothing here\n",
        "roi-sim: error: {path}: the file is empty; a scenario needs at least horizon_years and the model keys (see `roi-sim schema`)",
    ),
    "python tag": (
        GOOD.replace("cohort_size: 300", "cohort_size: !!python/object/apply:os.system ['echo hacked']"),
        "roi-sim: error: {path}, line 3, column 14, key 'cohort_size': the YAML tag '!!python/object/apply:os.system' is not "
        "allowed: scenario files hold plain numbers, text, lists and mappings (nothing in them is ever executed)",
    ),
    "missing required key": (
        GOOD.replace("cost_per_client: 5000\n", ""),
        "roi-sim: error: {path}, line 1, column 1: 'cost_per_client' is required but missing for the scenario: set it at "
        "the top level, in the group or in the strategy",
    ),
    "intake beyond the horizon": (
        GOOD.replace("horizon_years: 6", "horizon_years: 2") + "intake_years: 3\n",
        "roi-sim: error: {path}, line 11, column 1, key 'intake_years': intake_years (3) is more than horizon_years (2): "
        "every intake must start within the horizon",
    ),
    "discount rate as a percentage": (
        GOOD + "discount_rate: 2.25\n",
        "roi-sim: error: {path}, line 11, column 1, key 'discount_rate': 2.25 is not a rate: write 0.0225 for 2.25% "
        "(the Dutch MKBA standard is 0.0225)",
    ),
    "alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        None,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_scenario_gives_one_line_and_exit_2(cli, write, case: str) -> None:
    text, expected = CASES[case]
    path = write(text)
    message = _bad(cli, path)
    if expected is None:
        assert message.startswith(f"roi-sim: error: {path}, line ") and "refusing to expand it further" in message
    else:
        assert message == expected.format(path=path)


def test_validate_reports_the_same_errors(cli, write) -> None:
    path = write(CASES["mistyped key"][0])
    result = cli("validate", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"roi-sim: error: {path}, line 6, column 1, key 'outflow_rat': unknown key")


def test_missing_file(cli, tmp_path) -> None:
    missing = tmp_path / "nope.yaml"
    assert _bad(cli, missing) == f"roi-sim: error: {missing}: no such file; check the path (scenario files end in .yaml)"


def test_directory(cli, tmp_path) -> None:
    assert _bad(cli, tmp_path) == f"roi-sim: error: {tmp_path}: is a directory, not a scenario file; give the path of a .yaml file"


def test_binary_and_non_utf8(cli, tmp_path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"horizon_years: 6\n\x00\x01\x02")
    assert _bad(cli, binary) == f"roi-sim: error: {binary}: this is a binary file, not a YAML text file"
    latin = tmp_path / "l.yaml"
    latin.write_bytes("horizon_years: 6\nname: Kr\u00f6ller\n".encode("latin-1"))
    assert _bad(cli, latin) == f"roi-sim: error: {latin}, line 2: the file is not UTF-8 text; save it as UTF-8"


def test_file_too_large(cli, tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_000_100 + b"\n")
    assert _bad(cli, big) == f"roi-sim: error: {big}: the file is 1,000,103 bytes; scenario files may be at most 1,000,000 bytes"


def test_bad_command_line_values(cli, write, tmp_path) -> None:
    path = write(GOOD)
    assert _bad(cli, path, "--iterations", "0") == (
        "roi-sim: error: --iterations 0: must be between 1 and 1,000,000 (each iteration keeps its results in memory)"
    )
    assert _bad(cli, path, "--format", "xml") == "roi-sim: error: --format xml: unknown format; allowed: table, json, markdown, csv, xlsx"
    assert _bad(cli, path, "--output", tmp_path / "no" / "x.json") == (
        f"roi-sim: error: --output {tmp_path / 'no' / 'x.json'}: the directory {tmp_path / 'no'} does not exist"
    )
    assert _bad(cli, path, "--output", path) == f"roi-sim: error: --output {path}: that is the scenario file itself; it is never overwritten"
    assert path.read_text() == GOOD


def test_nothing_is_executed_by_a_python_tag(cli, write, tmp_path) -> None:
    marker = tmp_path / "pwned"
    path = write(f"horizon_years: !!python/object/apply:os.system ['touch {marker}']\n")
    _bad(cli, path)
    assert not marker.exists()
