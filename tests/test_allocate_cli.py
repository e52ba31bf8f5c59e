"""Issue 5, acceptance 5, end to end: `roi-sim allocate` on two tiers whose per-client
returns follow by hand, against the analytically best split."""

from __future__ import annotations

import json

import pytest

TWO_TIERS = """\
name: two tiers, by hand
horizon_years: 6
annual_benefit_cost: 12000
outflow_window_months: 12
relapse_model: fixed
baseline_outflow_rate: 0
groups:
  A:
    clients_available: 400
    cost_per_client: 5000
    outflow_rate: 0.30
    time_out_of_benefits_years: 2
  B:
    clients_available: 100
    cost_per_client: 4000
    outflow_rate: 0.20
    time_out_of_benefits_years: 3
"""


def test_allocate_finds_the_hand_derived_split(cli, write) -> None:
    """Per client, deterministic, no baseline, stays that end inside the horizon:
    A: 0.30 leave × 24 months × EUR 1,000 − 5,000 = EUR 2,200 (0.44 per euro);
    B: 0.20 × 36 × 1,000 − 4,000 = EUR 3,200 (0.80 per euro).
    With EUR 1,000,000 a year the best split fills B first (100 clients, EUR 400,000) and
    gives the rest to A (600,000 / 5,000 = 120 clients): 100 × 3,200 + 120 × 2,200 = 584,000."""
    doc = json.loads(cli("allocate", write(TWO_TIERS), "--budget", "1000000", "--deterministic", "-f", "json").stdout)
    groups = {g["name"]: g for g in doc["groups"]}
    assert groups["A"]["return_per_client"] == pytest.approx(2_200, abs=0.01)
    assert groups["B"]["return_per_client"] == pytest.approx(3_200, abs=0.01)
    assert groups["A"]["cost_per_client"] == 5000 and groups["B"]["cost_per_client"] == 4000
    best = doc["allocation"]
    assert best["clients_per_year"]["B"] == pytest.approx(100)
    assert best["clients_per_year"]["A"] == pytest.approx(120)
    assert best["spent"] == pytest.approx(1_000_000)
    assert best["expected_return"] == pytest.approx(584_000, abs=0.05)
    # Frontier: up to 400,000 only B is bought (0.80 per euro), then A (0.44 per euro).
    returns = [(f["budget"], f["expected_return"]) for f in doc["frontier"]]
    for budget, value in returns:
        expected = 0.8 * min(budget, 400_000) + 0.44 * min(max(budget - 400_000, 0), 2_000_000)
        assert value == pytest.approx(expected, abs=0.05)


def test_allocate_table_and_errors(cli, write, tmp_path) -> None:
    path = write(TWO_TIERS)
    table = cli("allocate", path, "--budget", "1000000", "--deterministic").stdout
    assert "Best split of €1,000,000 a year: 120 clients in A, 100 clients in B" in table
    assert "Efficient frontier" in table
    bad = cli("allocate", path, "--budget", "1000000", "--ledger", "fiscl")
    assert bad.exit_code == 2 and bad.stderr == "roi-sim: error: --ledger fiscl: unknown ledger; allowed: fiscal, societal\n"
    no_groups = write("name: x\nhorizon_years: 2\ncohort_size: 1\ncost_per_client: 1\nannual_benefit_cost: 1\noutflow_rate: 0.1\n"
                      "time_out_of_benefits_years: 1\n", "plain.yaml")
    res = cli("allocate", no_groups, "--budget", "1000")
    assert res.exit_code == 2
    assert res.stderr == (
        f"roi-sim: error: {no_groups}: the scenario has no groups; declare target groups under 'groups' to split a budget over them\n"
    )


def test_groups_without_strategies_cannot_be_run(cli, write) -> None:
    path = write(TWO_TIERS)
    res = cli("run", path)
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr == (
        f"roi-sim: error: {path}: the scenario has groups but no strategies to run; add strategies with an allocation or "
        "a budget per group, or split a budget with `roi-sim allocate`\n"
    )
