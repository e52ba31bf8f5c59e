"""The example sweep files in sweeps/ (README "Sweeps"): they load, the CSV form gives the
same rows as the YAML form, each row equals the base scenario edited by hand, and the grid
moves the way the economics says it must."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_json
from roi_sim.scenario.spec import parse_scenario
from roi_sim.sweep.runner import Settings, run_sweep
from roi_sim.sweep.spec import load_sweep

ROOT = Path(__file__).resolve().parent.parent
SWEEPS = ROOT / "sweeps"
BASE_TEXT = (ROOT / "scenarios" / "lelystad.yaml").read_text(encoding="utf-8")


def _strategies(json_text: str) -> list[dict]:
    # The scenario block names the file and its sha256, which differ by construction.
    return json.loads(json_text)["strategies"]


def _edited(**top_level: int) -> str:
    """The base scenario with top-level keys rewritten in its text: a second route to a
    row's scenario that does not go through the sweep's override mechanism."""
    text = BASE_TEXT
    for key, value in top_level.items():
        text, count = re.subn(rf"(?m)^{key}:\s*\S+", f"{key}: {value}", text)
        assert count == 1, key
    return text


@pytest.mark.parametrize("path", sorted(SWEEPS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_loads(path: Path) -> None:
    sweep = load_sweep(path)
    assert len(sweep.rows) in (3, 9)


def test_csv_form_is_the_yaml_form() -> None:
    yaml_rows = load_sweep(SWEEPS / "three-municipalities.yaml").rows
    csv_rows = load_sweep(SWEEPS / "municipalities-csv.yaml").rows
    assert [r.name for r in yaml_rows] == [r.name for r in csv_rows]
    assert [r.scenario.strategies for r in yaml_rows] == [r.scenario.strategies for r in csv_rows]


def test_each_municipality_is_the_base_edited_by_hand() -> None:
    outcomes = run_sweep(load_sweep(SWEEPS / "three-municipalities.yaml"), Settings(deterministic=True))
    expected = [
        _edited(),
        _edited(cohort_size=450),
        _edited(cohort_size=200, annual_benefit_cost=13000),
    ]
    assert [o.error for o in outcomes] == [None, None, None]
    for outcome, text in zip(outcomes, expected):
        by_hand = to_json(run(parse_scenario(text, "by-hand.yaml"), deterministic=True))
        assert outcome.json_text is not None
        assert _strategies(outcome.json_text) == _strategies(by_hand)


def test_grid_pays_back_more_when_cheaper_or_more_effective() -> None:
    outcomes = run_sweep(load_sweep(SWEEPS / "cost-and-effect-grid.yaml"), Settings(deterministic=True))
    net = {}
    for o in outcomes:
        assert o.json_text is not None
        cost, effect = (float(v) for v in re.findall(r"=([0-9.]+)", o.name))
        net[cost, effect] = _strategies(o.json_text)[0]["metrics"]["net_savings"]["mean"]
    costs, effects = sorted({c for c, _ in net}), sorted({e for _, e in net})
    assert (costs, effects) == ([2000.0, 5000.0, 8000.0], [0.02, 0.05, 0.09])
    for e in effects:
        assert net[2000.0, e] > net[5000.0, e] > net[8000.0, e]
    for c in costs:
        assert net[c, 0.02] < net[c, 0.05] < net[c, 0.09]


def test_heat_map_escapes_a_strategy_name(tmp_path: Path) -> None:
    from roi_sim.sweep.plot import heat_map

    base = BASE_TEXT.replace('name: "The plan: 300 clients a year for 3 years"', 'name: "\\e]2;x\\aPlan"', 1)
    assert base != BASE_TEXT
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "grid.yaml").write_text("scenario: base.yaml\ngrid:\n  cost_per_client: [3000, 6000]\n  net_effect: [0.02, 0.05]\n", encoding="utf-8")
    svg = heat_map(run_sweep(load_sweep(tmp_path / "grid.yaml"), Settings(deterministic=True)), fmt="svg").decode("utf-8")
    assert "\x1b" not in svg and "\x07" not in svg
    assert "\\x1b]2;x\\x07Plan" in svg
