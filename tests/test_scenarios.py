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


def test_lelystad_article_strategy_by_hand() -> None:
    """The article's arithmetic at its means: 3 intakes x 90 clients x 30 months (2.5 years,
    the triangular mean) x EUR 1,000 = EUR 8,100,000 against EUR 4,500,000 invested."""
    result = run(load_scenario(ROOT / "scenarios" / "lelystad.yaml"), deterministic=True)
    article = result.strategies[0]
    assert article.metrics["investment"].mean == 4_500_000
    assert article.metrics["gross_savings"].mean == pytest.approx(8_100_000, rel=1e-12)
    assert article.metrics["counterfactual_savings"].mean == 0
    # The correction: the next strategy differs only in counting the clients who would have
    # left anyway, and that lowers what the programme earns.
    corrected = result.strategies[1]
    assert corrected.metrics["counterfactual_savings"].mean > 0
    assert corrected.metrics["net_savings"].mean < article.metrics["net_savings"].mean
