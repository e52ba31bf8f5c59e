"""Issue 6 through the command line: every command has --format json, gives the acceptance
numbers, and answers bad arguments with one line and exit code 2."""

from __future__ import annotations

import json

import pytest

from tests.conftest import LELYSTAD_AS_TOLD

TWO_UNCERTAIN = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0.2, high: 0.4}").replace(
    "cost_per_client: 5000", "cost_per_client: {dist: uniform, low: 4000, high: 6000}"
)


def _one_line_error(result) -> str:
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr.rstrip("\n")


def test_breakeven_json_gives_the_hand_value(cli, write) -> None:
    """1,500,000 / (300 × 24 × 1,000) = 0.208333…"""
    doc = json.loads(cli("breakeven", write(LELYSTAD_AS_TOLD), "--param", "outflow_rate", "-f", "json").stdout)
    (row,) = doc["breakeven"]
    assert row["value"] == pytest.approx(1_500_000 / (300 * 24 * 1_000), abs=1e-6)
    assert row["pays_when"] == "above" and row["probability_paying_side"] is None
    assert row["sentence"].startswith("pays back if at least 20.8% of participants leave benefit")
    assert doc["settings"] == {"parameter": "outflow_rate", "ledger": "fiscal"}


def test_breakeven_bad_parameter(cli, write) -> None:
    message = _one_line_error(cli("breakeven", write(LELYSTAD_AS_TOLD), "--param", "outflow_rat"))
    assert message.startswith("roi-sim: error: --param outflow_rat: unknown parameter 'outflow_rat' (did you mean 'outflow_rate'?)")


def test_calibrate_json_and_text(cli) -> None:
    doc = json.loads(cli("calibrate", "--successes", "25", "--trials", "75", "-f", "json").stdout)
    c = doc["calibration"]
    assert (c["alpha"], c["beta"]) == (26, 51)
    assert c["mean"] == pytest.approx(26 / 77, abs=1e-6)
    text = cli("calibrate", "--successes", "25", "--trials", "75").stdout
    assert "outflow_rate: {dist: beta, alpha: 26, beta: 51}" in text


def test_calibrate_bad_counts(cli) -> None:
    message = _one_line_error(cli("calibrate", "--successes", "80", "--trials", "75"))
    assert message.startswith("roi-sim: error: ") and "75" in message
    assert _one_line_error(cli("calibrate", "-s", "1", "-t", "5", "--prior", "x")) == (
        "roi-sim: error: --prior x: give two numbers as ALPHA,BETA, e.g. 1,1"
    )


def test_sensitivity_json_tornado_by_hand(cli, write) -> None:
    """p10/p90 of uniform(0.2, 0.4) are 0.22/0.38: swing 300 × 0.16 × 24 × 1,000 = 1,152,000;
    of uniform(4,000, 6,000): 4,200/5,800, swing 300 × 1,600 = 480,000."""
    doc = json.loads(cli("sensitivity", write(TWO_UNCERTAIN), "--points", "256", "-f", "json").stdout)
    (tornado,) = doc["sensitivity"]["tornado"]
    assert [b["parameter"] for b in tornado["bars"]] == ["outflow_rate", "cost_per_client"]
    assert tornado["bars"][0]["swing"] == pytest.approx(1_152_000, abs=0.01)
    assert tornado["bars"][1]["swing"] == pytest.approx(480_000, abs=0.01)
    (glob,) = doc["sensitivity"]["global"]
    assert glob["method"] == "sobol" and glob["first_order"]["outflow_rate"] > glob["first_order"]["cost_per_client"]
    table = cli("sensitivity", write(TWO_UNCERTAIN), "--points", "256").stdout
    assert "█" in table and "Swing" in table


def test_voi_json(cli, write) -> None:
    text = TWO_UNCERTAIN + "iterations: 4000\nstrategies:\n  - name: Plan\n  - name: Dearer\n    cost_per_client: 7000\n"
    doc = json.loads(cli("voi", write(text), "--pilot", "75", "--pilot-cost", "90000", "-f", "json").stdout)
    v = doc["value_of_information"]
    evpi = v["evpi"]["evpi"]
    evppi = {e["parameter"]: e["evppi"] for e in v["evppi"]}
    assert evpi >= evppi["outflow_rate"] >= v["pilot"]["evsi"] >= 0
    assert v["pilot"]["sentence"].startswith("A controlled pilot of 75 clients per arm (programme and control) is worth €")
    # 'Dearer' fixes its own cost: the base's uncertain cost is still one quantity to learn
    # (it informs 'Plan' only), so nothing is skipped.
    assert v["evppi_skipped"] == []
    # A strategy with its own outflow distribution draws the same quantile as the base
    # (paired, DESIGN.md §7), so a controlled pilot informs both.
    own = text + "    outflow_rate: {dist: uniform, low: 0.25, high: 0.45}\n"
    doc = json.loads(cli("voi", write(own, "own.yaml"), "--pilot", "75", "-f", "json").stdout)
    assert doc["value_of_information"]["pilot"]["evsi"] >= 0


@pytest.mark.parametrize("command", [["breakeven", "--param", "outflow_rate"], ["sensitivity"], ["voi"]])
def test_bad_ledger_and_format(cli, write, command) -> None:
    path = write(LELYSTAD_AS_TOLD)
    assert _one_line_error(cli(command[0], path, *command[1:], "--ledger", "social")) == (
        "roi-sim: error: --ledger social: unknown ledger; allowed: fiscal, societal"
    )
    assert _one_line_error(cli(command[0], path, *command[1:], "--format", "csv")) == (
        f"roi-sim: error: --format csv: not available for {command[0]}; allowed: table, json"
    )
