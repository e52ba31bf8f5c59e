"""The shipped ladder scenarios (DESIGN.md §10, docs/states.md) against a matrix chain of their own.

scenarios/lelystad-pilot.yaml must reproduce seed 002's pilot: after one year, in expectation, 9 of the
75 in a pre-trajectory, 12 seconded and 4 with a contract. The expected occupancy is derived here from
the file's own numbers by a monthly transition matrix raised to the 12th power (numpy), independently of
the engine, and the engine's deterministic output must agree with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import load_scenario

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "scenarios" / "lelystad-pilot.yaml"


def _monthly(rate: float) -> float:
    """docs/states.md: a transition's monthly probability is 1 - (1 - rate)^(1/12)."""
    return 1.0 - (1.0 - rate) ** (1.0 / 12.0)


def _mean(value: Any) -> float:
    """A number, or the mean of the distributions the ladder files use for a rate."""
    if isinstance(value, (int, float)):
        return float(value)
    kind = value["dist"]
    if kind == "uniform":
        return (value["low"] + value["high"]) / 2
    if kind == "triangular":
        return (value["low"] + value["mode"] + value["high"]) / 3
    if kind == "pert":
        return (value["low"] + 4 * value["mode"] + value["high"]) / 6
    raise AssertionError(f"no mean for {value}")


def _matrix(states: list[str], transitions: list[dict[str, Any]], overrides: list[dict[str, Any]] | None = None) -> np.ndarray:
    """Monthly transition matrix (rows: from), baseline rates replaced by the programme's `rate` entries."""
    index = {s: i for i, s in enumerate(states)}
    rates = {(t["from"], t["to"]): _mean(t["rate"]) for t in transitions}
    for entry in overrides or []:
        assert "rate" in entry, "the pilot's programme is stated as rates only"
        rates[(entry["from"], entry["to"])] = _mean(entry["rate"])
    m = np.zeros((len(states), len(states)))
    for (a, b), r in rates.items():
        m[index[a], index[b]] += _monthly(r)
    assert (m.sum(axis=1) <= 1 + 1e-12).all()
    m[np.diag_indices(len(states))] = 1.0 - m.sum(axis=1)
    return m


def _chain(doc: dict[str, Any], months: int, programme: bool) -> dict[str, float]:
    states = list(doc["states"])
    start = np.array([doc["start"].get(s, 0.0) for s in states]) * doc["cohort_size"]
    m = _matrix(states, doc["transitions"], doc["programme"] if programme else None)
    window = doc.get("outflow_window_months", 12)
    assert months <= window, "the chain here covers the programme's window only"
    end = start @ np.linalg.matrix_power(m, months)
    return dict(zip(states, end))


def _value(cell: Any) -> float:
    """An output figure: a plain number or a summary with its mean."""
    return float(cell["mean"]) if isinstance(cell, dict) else float(cell)


@pytest.fixture(scope="module")
def pilot_doc() -> dict[str, Any]:
    return yaml.safe_load(PILOT.read_text(encoding="utf-8"))


def test_the_chain_gives_the_pilots_counts(pilot_doc: dict[str, Any]) -> None:
    """seed 002: 'negen in een voortraject bij een werkgever, ... vier een contract ..., twaalf gedetacheerd'."""
    after = _chain(pilot_doc, 12, programme=True)
    assert after["pre_trajectory"] == pytest.approx(9, abs=0.5)
    assert after["seconded"] == pytest.approx(12, abs=0.5)
    assert after["contract"] == pytest.approx(4, abs=0.5)
    assert after["isolated"] == pytest.approx(50, abs=0.5)  # seed 002: 'de overige vijftig mensen'
    # and to far better than half a client: the rates in the file are the closed form of its header
    assert [after[s] for s in ("pre_trajectory", "seconded", "contract")] == pytest.approx([9, 12, 4], abs=1e-3)


def test_the_closed_form_matches_the_chain(pilot_doc: dict[str, Any]) -> None:
    """Header of lelystad-pilot.yaml: share in route i = p_i / P x (1 - (1 - P)^12) with no onward moves."""
    p = {e["to"]: _monthly(e["rate"]) for e in pilot_doc["programme"] if e["from"] == "isolated"}
    total = sum(p.values())
    after = _chain(pilot_doc, 12, programme=True)
    for state, pi in p.items():
        assert after[state] == pytest.approx(75 * pi / total * (1 - (1 - total) ** 12), rel=1e-12)


def _occupancy_at(strategy: dict[str, Any], arm: str, year: int) -> dict[str, float]:
    rows = [r for r in strategy["occupancy"][arm] if r["year"] == year]
    assert len(rows) == 1, f"no single row for year {year} in {arm}"
    return {k: _value(v) for k, v in rows[0].items() if k != "year"}


@pytest.fixture(scope="module")
def pilot_run() -> dict[str, Any]:
    return to_dict(run(load_scenario(PILOT), deterministic=True))


def test_the_engine_gives_the_pilots_counts(pilot_doc: dict[str, Any], pilot_run: dict[str, Any]) -> None:
    as_run = pilot_run["strategies"][0]
    assert as_run["name"] == "The pilot as run (75 care clients, one year)"
    engine = _occupancy_at(as_run, "programme", 1)
    chain = _chain(pilot_doc, 12, programme=True)
    for state, n in (("pre_trajectory", 9), ("seconded", 12), ("contract", 4)):
        assert engine[state] == pytest.approx(n, abs=0.5), state
        assert engine[state] == pytest.approx(chain[state], abs=1e-3), state
    assert sum(engine.values()) == pytest.approx(75, abs=1e-3)


def test_the_engine_counterfactual_matches_the_chain(pilot_doc: dict[str, Any], pilot_run: dict[str, Any]) -> None:
    """Without the pilot: no route to a pre-trajectory or a secondment, 0.25%/yr into work (facts.md §8)."""
    engine = _occupancy_at(pilot_run["strategies"][0], "counterfactual", 1)
    chain = _chain(pilot_doc, 12, programme=False)
    for state, n in chain.items():
        assert engine[state] == pytest.approx(n, abs=1e-3), state  # the JSON rounds occupancy to 4 decimals
    assert engine["pre_trajectory"] == 0 and engine["seconded"] == 0
    assert engine["contract"] < 0.5


# ----------------------------------------------------------------------------- rotterdam.yaml


def _flows_into(doc: dict[str, Any], target: str, months: int) -> list[float]:
    """Expected clients moving into ``target`` in each month of the programme arm (programme window only)."""
    states = list(doc["states"])
    m = _matrix(states, doc["transitions"], doc["programme"])
    x = np.array([doc["start"].get(s, 0.0) for s in states]) * doc["cohort_size"]
    j = states.index(target)
    flows = []
    for _ in range(months):
        flows.append(float(sum(x[i] * m[i, j] for i in range(len(states)) if i != j)))
        x = x @ m
    return flows


def test_rotterdam_reproduces_seed_004s_rungs() -> None:
    """seed 004: after four years 15,000 in a registered tegenprestatie, 9,000 of them with labour
    potential, and 'Vorig jaar bijna 300' into paid work; by the chain and by the engine."""
    path = ROOT / "scenarios" / "rotterdam.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    chain = _chain(doc, 48, programme=True)
    assert chain["tp_potential"] + chain["tp_other"] == pytest.approx(15000, rel=0.01)
    assert chain["tp_potential"] == pytest.approx(9000, rel=0.05)
    assert sum(_flows_into(doc, "work", 48)[36:48]) == pytest.approx(300, rel=0.02)
    result = to_dict(run(load_scenario(path), deterministic=True))
    engine = _occupancy_at(result["strategies"][0], "programme", 4)
    for state, n in chain.items():
        assert engine[state] == pytest.approx(n, rel=1e-6, abs=1e-3), state
    assert _value(result["strategies"][0]["rung_years_gained"]) > 0


# ----------------------------------------------------------------------------- schiedam.yaml


def test_schiedam_counts_a_move_to_the_uwv_as_no_saving_for_society() -> None:
    """The Wajong route saves the municipality what the UWV pays (DESIGN.md §10): the intensive team's
    extra Wajong clients show as a cost to the UWV, and the file has no rungs (no rung-years)."""
    result = to_dict(run(load_scenario(ROOT / "scenarios" / "schiedam.yaml"), deterministic=True))
    by_name = {s["name"]: s for s in result["strategies"]}
    team = by_name["Intensive team, costed at klantmanager salary only"]
    programme = _occupancy_at(team, "programme", 1)
    counterfactual = _occupancy_at(team, "counterfactual", 1)
    assert programme["wajong"] > counterfactual["wajong"]
    assert _value(team["stakeholders"]["uwv"]) < 0
    assert team["rung_years_gained"] is None
