"""Issue 2, acceptance 5: `--format json` matches DESIGN.md §4 key for key; the same seed
gives byte-identical JSON, another seed different numbers; results do not depend on the
number of workers or on how iterations are cut (DESIGN.md §5)."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from roi_sim import __version__
from roi_sim.model.simulate import BLOCK_SIZE, run
from roi_sim.scenario.spec import parse_scenario

UNCERTAIN = """\
name: Contract check
horizon_years: 4
discount_rate: 0.0225
iterations: 3000
seed: 5
cohort_size: 200
intake_years: 2
cost_per_client: {dist: triangular, low: 3000, mode: 4000, high: 6000}
annual_benefit_cost: 14000
outflow_rate: {dist: beta, mean: 0.3, sd: 0.06}
baseline_outflow_rate: {dist: pert, low: 0.04, mode: 0.08, high: 0.12}
time_out_of_benefits_years: {dist: gamma, mean: 2.5, sd: 0.8}
strategies:
  - name: Base
  - name: Intensive
    cost_per_client: 8000
    outflow_rate: {dist: beta, mean: 0.4, sd: 0.08}
"""

S_KEYS = {"mean", "se", "p5", "p50", "p95"}


def test_json_matches_design_section_4_key_for_key(cli, write) -> None:
    path = write(UNCERTAIN)
    doc = cli.json("run", path)
    # DESIGN.md §4 keys, in order, then the documented issue-5 extension ("comparisons").
    assert list(doc) == ["schema_version", "tool", "scenario", "settings", "strategies", "comparisons"]
    fiscal = doc["comparisons"]["fiscal"]
    assert fiscal["quantity"] == "net_savings" and len(fiscal["pairs"]) == 1
    assert list(fiscal["pairs"][0]) == ["a", "b", "mean_difference", "se_difference", "p5", "p95", "probability_a_beats_b", "decision_probability_a_beats_b"]
    assert fiscal["pairs"][0]["mean_difference"] == pytest.approx(
        doc["strategies"][0]["metrics"]["net_savings"]["mean"] - doc["strategies"][1]["metrics"]["net_savings"]["mean"], abs=0.02
    )
    # Issue 14.4: the scenario sets no valuation inputs, so no societal comparison.
    assert doc["comparisons"]["societal"] is None
    assert doc["schema_version"] == 2
    assert doc["tool"] == {"name": "roi-sim", "version": __version__}
    assert doc["scenario"] == {"name": "Contract check", "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    # 'Intensive' sets its own outflow distribution: drawn at the base's quantile (v2, DESIGN.md §7).
    assert doc["settings"] == {"iterations": 3000, "seed": 5, "deterministic": False, "horizon_years": 4, "discount_rate": 0.0225,
                               "draws": {"own_distributions": {"Intensive": ["outflow_rate"]}, "same_quantile": True, "independent": {}}}
    assert [s["name"] for s in doc["strategies"]] == ["Base", "Intensive"]
    for st in doc["strategies"]:
        # DESIGN.md §4 keys, in order, then the documented issue-5 extension ("ledgers").
        assert list(st) == ["name", "metrics", "probability_net_positive", "payback_months", "decision", "effect", "yearly", "ledgers", "stakeholders"]
        assert list(st["effect"])[:4] == ["baseline_share_at_window_end", "programme_share_at_window_end", "implied_net_effect", "above_evidence"]
        assert list(st["ledgers"]) == ["fiscal", "societal"]
        assert list(st["ledgers"]["fiscal"]) == [
            "benefit_savings", "subsidies", "programme_costs", "net", "probability_net_positive", "decision", "lines",
        ]
        # Issue 14.1: the fiscal ledger by budget line; the means add up to the net (to the cent).
        lines = st["ledgers"]["fiscal"]["lines"]
        assert list(lines) == ["buig_benefits", "buig_lks", "execution", "programme"]
        assert all(set(x) == S_KEYS for x in lines.values())
        assert sum(x["mean"] for x in lines.values()) == pytest.approx(st["metrics"]["net_savings"]["mean"], abs=0.03)
        # Issue 14.4: no valuation inputs, no societal figure; issue 14.2: who pays, who gains
        # (the employer's line and society's need the value of work, so they are null too).
        assert st["ledgers"]["societal"] is None
        assert list(st["stakeholders"]) == ["municipality", "rijk", "uwv", "employer", "client", "society"]
        assert st["stakeholders"]["municipality"] == st["metrics"]["net_savings"]
        assert st["stakeholders"]["employer"] is None and st["stakeholders"]["society"] is None
        assert st["ledgers"]["fiscal"]["net"] == st["metrics"]["net_savings"]
        assert st["ledgers"]["fiscal"]["programme_costs"] == st["metrics"]["investment"]
        assert list(st["metrics"]) == [
            "investment", "gross_savings", "counterfactual_savings", "net_savings",
            "benefit_cost_ratio", "roi", "extra_clients_off_benefit",
        ]
        for s in st["metrics"].values():
            assert set(s) == S_KEYS and all(isinstance(v, float) for v in s.values())
            assert s["p5"] <= s["p50"] <= s["p95"]
        assert 0 <= st["probability_net_positive"] <= 1
        assert list(st["decision"]) == ["expected_net", "probability_net_positive"]
        assert 0 <= st["decision"]["probability_net_positive"] <= 1
        assert set(st["payback_months"]) == {"p50", "probability_within_horizon"}
        assert len(st["yearly"]) == 4
        for i, y in enumerate(st["yearly"]):
            # yearly[].nominal only with a price_year (tests/test_nominal.py).
            assert list(y) == ["year", "investment", "savings", "net", "cumulative_net", "subsidies", "lines"]
            assert y["year"] == i + 1
            assert all(set(y[k]) == S_KEYS for k in ("investment", "savings", "net", "cumulative_net"))
        m = st["metrics"]
        # Identities of DESIGN.md §1 hold for the means (to the cent of rounding).
        assert m["net_savings"]["mean"] == pytest.approx(
            m["gross_savings"]["mean"] - m["counterfactual_savings"]["mean"] - m["investment"]["mean"], abs=0.02
        )
        assert st["yearly"][-1]["cumulative_net"]["mean"] == pytest.approx(m["net_savings"]["mean"], abs=0.05)
        assert m["roi"]["mean"] == pytest.approx(m["benefit_cost_ratio"]["mean"] - 1, abs=2e-6)


def test_same_seed_same_bytes_other_seed_other_numbers(cli, write) -> None:
    path = write(UNCERTAIN)
    first = cli("run", path, "--format", "json").stdout
    again = cli("run", path, "--format", "json").stdout
    assert first == again
    other = json.loads(cli("run", path, "--format", "json", "--seed", "6").stdout)
    assert other["settings"]["seed"] == 6
    assert other["strategies"][0]["metrics"]["net_savings"] != json.loads(first)["strategies"][0]["metrics"]["net_savings"]


def test_workers_do_not_change_the_bytes(cli, write) -> None:
    path = write(UNCERTAIN.replace("iterations: 3000", f"iterations: {2 * BLOCK_SIZE + 100}"))
    one = cli("run", path, "--format", "json", "--workers", "1").stdout
    two = cli("run", path, "--format", "json", "--workers", "2").stdout
    three = cli("run", path, "--format", "json", "--workers", "3").stdout
    assert one == two == three and one


def test_a_run_of_n_is_the_first_n_of_a_longer_run() -> None:
    scenario = parse_scenario(UNCERTAIN)
    short = run(scenario, iterations=BLOCK_SIZE + 17)
    long = run(scenario, iterations=3 * BLOCK_SIZE)
    for name in ("Base", "Intensive"):
        a, b = short.iterations[name], long.iterations[name]
        np.testing.assert_array_equal(a.net_savings, b.net_savings[: BLOCK_SIZE + 17])
        np.testing.assert_array_equal(a.yearly_savings, b.yearly_savings[: BLOCK_SIZE + 17])


def test_deterministic_json_has_zero_se_and_equal_percentiles(cli, write) -> None:
    doc = cli.json("run", write(UNCERTAIN), "--deterministic")
    assert doc["settings"]["deterministic"] is True
    assert doc["settings"]["iterations"] == 1
    for st in doc["strategies"]:
        for s in st["metrics"].values():
            assert s["se"] == 0 and s["p5"] == s["p50"] == s["p95"] == s["mean"]
        # One evaluation at the means carries no chance (contract v2): not applicable.
        assert st["probability_net_positive"] is None
        assert st["decision"]["probability_net_positive"] is None
        assert st["decision"]["expected_net"] == st["metrics"]["net_savings"]


def test_benefit_cost_ratio_is_null_without_investment(cli, write) -> None:
    doc = cli.json("run", write(UNCERTAIN.replace("cost_per_client: {dist: triangular, low: 3000, mode: 4000, high: 6000}", "cost_per_client: 0")
                                .replace("    cost_per_client: 8000\n", "")), "-n", "500")
    for st in doc["strategies"]:
        assert st["metrics"]["benefit_cost_ratio"] is None and st["metrics"]["roi"] is None
        assert st["metrics"]["investment"]["mean"] == 0


def test_common_random_numbers_pair_strategies_that_differ_only_in_cost() -> None:
    text = UNCERTAIN.replace(
        "    cost_per_client: 8000\n    outflow_rate: {dist: beta, mean: 0.4, sd: 0.08}\n", "    cost_per_client: 8000\n"
    )
    result = run(parse_scenario(text))
    a, b = result.iterations["Base"], result.iterations["Intensive"]
    # Same outflow draws and transitions: the savings are identical in every iteration ...
    np.testing.assert_array_equal(a.gross_savings, b.gross_savings)
    # ... so the paired difference only carries the cost difference, far below each SE.
    diff = b.net_savings - a.net_savings
    own_se = min(a.net_savings.std(ddof=1), b.net_savings.std(ddof=1))
    assert diff.std(ddof=1) < 0.5 * own_se
    np.testing.assert_allclose(b.investment, 8000 * 200 * (1 + 1 / 1.0225), rtol=1e-12)
    np.testing.assert_allclose(diff, a.investment - b.investment, rtol=1e-9)


def test_output_formats(cli, write, tmp_path) -> None:
    path = write(UNCERTAIN)
    md = cli("run", path, "--format", "markdown", "-n", "300").stdout
    assert md.startswith("# Contract check") and "| Investment |" in md and "## Cash flow per year — Intensive" in md
    csv_text = cli("run", path, "--format", "csv", "-n", "300").stdout
    lines = csv_text.splitlines()
    assert lines[0] == "strategy,section,item,year,mean,se,p5,p50,p95"
    doc = cli.json("run", path, "-n", "300")
    net = doc["strategies"][1]["metrics"]["net_savings"]
    assert f"Intensive,metric,net_savings,,{net['mean']},{net['se']},{net['p5']},{net['p50']},{net['p95']}" in lines
    # --output picks the format from the extension, writes atomically, leaves stdout empty.
    out = tmp_path / "result.json"
    res = cli("run", path, "-n", "300", "--output", out)
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text()) == doc
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_compare_command(cli, write) -> None:
    path = write(UNCERTAIN)
    doc = json.loads(cli("compare", path, "--format", "json", "-n", "2000").stdout)
    assert list(doc) == ["schema_version", "tool", "scenario", "settings", "comparisons"]
    run_doc = cli.json("run", path, "-n", "2000")
    assert doc["comparisons"] == run_doc["comparisons"]
    pair = doc["comparisons"]["fiscal"]["pairs"][0]
    assert (pair["a"], pair["b"]) == ("Base", "Intensive")
    ranking = doc["comparisons"]["fiscal"]["ranking"]["by_expected_value"]
    means = {s["name"]: s["metrics"]["net_savings"]["mean"] for s in run_doc["strategies"]}
    assert ranking == sorted(means, key=lambda k: -means[k])
    table = cli("compare", path, "-n", "2000").stdout
    assert "A beats B" in table and "Ranked by expected net savings:" in table
    assert cli("compare", path, "--format", "csv").exit_code == 2


def test_single_strategy_has_no_comparisons(cli, write) -> None:
    from tests.conftest import LELYSTAD_AS_TOLD

    path = write(LELYSTAD_AS_TOLD)
    assert cli.json("run", path, "--deterministic")["comparisons"] is None
    assert "nothing to compare" in cli("compare", path, "-n", "100").stdout


def test_provenance_in_csv_and_tables(cli, write) -> None:
    import hashlib

    path = write(UNCERTAIN)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    lines = cli("run", path, "-f", "csv", "-n", "200").stdout.splitlines()
    assert lines[1:5] == [
        f",provenance,tool,,roi-sim {__version__},,,,",
        ",provenance,scenario_name,,Contract check,,,,",
        f",provenance,scenario_sha256,,{sha},,,,",
        ",provenance,seed,,5,,,,",
    ]
    table = cli("run", path, "-n", "200").stdout
    assert f"roi-sim {__version__}" in table and sha in table.replace("\n", "")
