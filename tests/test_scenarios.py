"""Every shipped scenario: valid, runs, and matches its golden JSON summary.

The golden files pin the numbers a council may already have seen (docs/contracts.md#reproducibility: same
scenario bytes, seed and iterations give identical output with the same numpy version).
Regenerate them deliberately with ``ROI_SIM_UPDATE_GOLDEN=1 python -m pytest tests/test_scenarios.py``
after a change that is meant to change results, and say so in the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def _close(actual: Any, expected: Any, where: str = "") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and list(actual) == list(expected), where
        for k in expected:
            _close(actual[k], expected[k], f"{where}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected)):
            _close(a, e, f"{where}[{i}]")
    elif isinstance(expected, float) and not isinstance(actual, bool):
        assert actual == pytest.approx(expected, rel=1e-9, abs=0.011), where
    else:
        assert actual == expected, where


def test_every_example_is_shipped() -> None:
    names = {p.stem for p in SCENARIOS}
    assert {"lelystad", "schiedam", "peel-en-maas", "rotterdam", "kompas"} <= names


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize("deterministic", [False, True], ids=["monte-carlo", "deterministic"])
def test_golden_summary(path: Path, deterministic: bool) -> None:
    doc = to_dict(run(load_scenario(path), deterministic=deterministic))
    doc["scenario"].pop("sha256")  # comments may change without changing numbers
    golden = GOLDEN / f"{path.stem}{'.deterministic' if deterministic else ''}.json"
    if os.environ.get("ROI_SIM_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with ROI_SIM_UPDATE_GOLDEN=1 once"
    _close(doc, json.loads(golden.read_text(encoding="utf-8")))


def test_lelystad_choices_and_beliefs_by_hand() -> None:
    """lelystad.yaml: two choices (3 intakes of 300 at EUR 5,000 = EUR 4,500,000; one intake =
    EUR 1,500,000) and two beliefs about relapse, equally weighted: at the means each figure
    is the plain average of the two beliefs evaluated on their own."""
    scenario = load_scenario(ROOT / "scenarios" / "lelystad.yaml")
    result = run(scenario, deterministic=True)
    plan, one_year = result.strategies
    assert plan.metrics["investment"].mean == 3 * 300 * 5000
    assert one_year.metrics["investment"].mean == 300 * 5000
    assert [v.name for v in scenario.variants] == ["Back after exactly 2-3 years (the article)", "Back at national re-inflow rates"]
    alone = [run(v.scenario, deterministic=True) for v in scenario.variants]
    for s, st in enumerate(result.strategies):
        for m in ("gross_savings", "counterfactual_savings", "net_savings"):
            expected = 0.5 * alone[0].strategies[s].metrics[m].mean + 0.5 * alone[1].strategies[s].metrics[m].mean
            assert st.metrics[m].mean == pytest.approx(expected, rel=1e-12)
    # Clients who would have left anyway are counted in both beliefs.
    assert all(a.strategies[0].metrics["counterfactual_savings"].mean > 0 for a in alone)
