"""Issue 17.9: `roi-sim init [FILE] [--lang nl]` writes a commented starting scenario with
sourced 2026 defaults; the written file loads and runs."""

from __future__ import annotations

import json
import math
import re

import pytest
import yaml
from typer.testing import CliRunner

from roi_sim.cli.app import app

SOURCED = ("discount_rate", "cost_per_client", "low", "mode", "high", "baseline_outflow_rate",
           "relapse_within_12_months", "relapse_ever", "minimum_wage_annual")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_init_writes_a_scenario_that_loads_and_runs(tmp_path, lang) -> None:
    runner = CliRunner()
    path = tmp_path / f"start-{lang}.yaml"
    res = runner.invoke(app, ["init", str(path), "--lang", lang])
    assert res.exit_code == 0, res.stderr
    text = path.read_text(encoding="utf-8")
    # Every key line says something about its number; the sourced ones cite facts.md.
    for line in text.splitlines():
        if line and not line.startswith("#") and ":" in line and not line.startswith("    "):
            key = line.split(":")[0].strip(" -")
            assert "#" in line, line
            if key in SOURCED:
                assert re.search(r"# facts\.md §\d", line), line
    if lang == "nl":
        assert "rekenperiode" in text and "Divosa-benchmark" in text
    data = yaml.safe_load(text)
    assert data["discount_rate"] == 0.0225 and data["minimum_wage_annual"] == 29735.42
    assert data["relapse_within_12_months"] == 0.20 and data["relapse_ever"] == 0.35
    run = runner.invoke(app, ["run", str(path), "--deterministic", "-f", "json"])
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert [s["name"] for s in doc["strategies"]] == ["The plan", "The plan with half the trajectory cost"]
    # The investment is cohort × cost per client, paid at the start (not discounted).
    assert doc["strategies"][0]["metrics"]["investment"]["mean"] == 100 * 2000
    assert doc["strategies"][1]["metrics"]["investment"]["mean"] == 100 * 1000
    # Same savings, half the cost: the net differs by exactly the saved €100,000.
    a, b = (s["metrics"]["net_savings"]["mean"] for s in doc["strategies"])
    assert math.isclose(b - a, 100_000, abs_tol=0.02)


def test_init_prints_and_refuses_to_overwrite(tmp_path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["init"])
    assert printed.exit_code == 0 and printed.stdout.startswith("# What does re-integration earn back")
    path = tmp_path / "s.yaml"
    path.write_text("keep me", encoding="utf-8")
    res = runner.invoke(app, ["init", str(path)])
    assert res.exit_code == 2 and "already exists" in res.stderr and path.read_text() == "keep me"
    assert runner.invoke(app, ["init", str(path), "--force"]).exit_code == 0
    bad = runner.invoke(app, ["init", "--lang", "fr"])
    assert bad.exit_code == 2 and bad.stderr == "roi-sim: error: --lang fr: unknown language; allowed: en, nl\n"
