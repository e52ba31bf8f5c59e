"""scenarios/schiedam.yaml, number by number (DESIGN.md §10–§11): every strategy's occupancy, the
municipality's net, the UWV's line and society's net in deterministic mode, against a five-state
monthly matrix chain and the ledger rules of docs/states.md written out here from the file's own
numbers — and the figures its header states, from the same chain.

The chain is built from the YAML by hand: each parameter at its mean (uniform (l + h)/2,
triangular (l + m + h)/3, PERT (l + 4m + h)/6), each annual rate as a monthly probability
1 − (1 − rate)^(1/12), and each programme `net_effect` v on a move with baseline b as the
constant monthly h with 1 − (1 − h)^W = 1 − (1 − b)^W + v over the window of W months (a flat
profile: docs/states.md, "Programme effects").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import load_scenario

SCHIEDAM = Path(__file__).resolve().parent.parent / "scenarios" / "schiedam.yaml"
STATES = ("bijstand", "work", "wsw", "wajong", "ended")
MONTHS, COHORT, RATE = 60, 400.0, 0.0225
BENEFIT_COST = (14000 + 16429) / 2  # annual_benefit_cost: uniform(14000, 16429)
WML, HOURS_AT_WORK, EMPLOYER_COSTS, DISPLACEMENT = 29735.42, 0.8, 0.235, (0.0 + 0.8) / 2


def pert(low: float, mode: float, high: float) -> float:
    return (low + 4 * mode + high) / 6


def monthly(rate: float) -> float:
    return 1.0 - (1.0 - rate) ** (1.0 / 12.0)


BASELINE = {
    ("bijstand", "work"): monthly((0.012 + 0.032) / 2),
    ("bijstand", "wsw"): monthly((0.006 + 0.016) / 2),
    ("bijstand", "wajong"): monthly((0.006 + 0.016) / 2),
    ("bijstand", "ended"): monthly((0.006 + 0.016) / 2),
    ("work", "bijstand"): monthly((0.061 + 0.083 + 0.209) / 3),
    ("ended", "bijstand"): monthly(0.48),
}
INTENSIVE = {"work": pert(0, 0.008, 0.02), "wsw": pert(0, 0.004, 0.01), "wajong": pert(0, 0.004, 0.01), "ended": pert(0, 0.004, 0.01)}
REGULAR = {"work": pert(-0.004, 0.004, 0.012), "wsw": pert(-0.002, 0.002, 0.006), "wajong": pert(-0.002, 0.002, 0.006), "ended": pert(-0.002, 0.002, 0.006)}
#: name -> (net effects by route, window in months, cost per client)
STRATEGIES = {
    "Regular approach, caseload 120": (REGULAR, 12, 2883.0),
    "Intensive team, caseload 50-70 (cost scaled from Berenschot)": (INTENSIVE, 7, pert(4942, 5766, 6919)),
    "Intensive team, costed at klantmanager salary only": (INTENSIVE, 7, (950 + 1425) / 2),
}


def matrix(moves: dict[tuple[str, str], float]) -> np.ndarray:
    m = np.zeros((len(STATES), len(STATES)))
    for (a, b), p in moves.items():
        m[STATES.index(a), STATES.index(b)] = p
    m[np.diag_indices(len(STATES))] = 1.0 - m.sum(axis=1)
    return m


def programme_moves(effects: dict[str, float], window: int) -> dict[tuple[str, str], float]:
    moves = dict(BASELINE)
    for route, effect in effects.items():
        b = BASELINE[("bijstand", route)]
        target = 1.0 - (1.0 - b) ** window + effect
        moves[("bijstand", route)] = 1.0 - (1.0 - target) ** (1.0 / window)
    return moves


def chain(effects: dict[str, float], window: int) -> tuple[np.ndarray, np.ndarray]:
    """Clients per state after each month ``(60, 5)``, programme and counterfactual: one intake of
    400 on bijstand at month 0, moving from that month; the programme's rows in its window."""
    base, prog = matrix(BASELINE), matrix(programme_moves(effects, window))
    x_p = x_c = np.array([COHORT, 0, 0, 0, 0])
    occ_p, occ_c = [], []
    for t in range(MONTHS):
        x_p, x_c = x_p @ (prog if t < window else base), x_c @ base
        occ_p.append(x_p)
        occ_c.append(x_c)
    return np.array(occ_p), np.array(occ_c)


def by_hand(name: str, wsw_benefit: float = 1.7) -> dict[str, float]:
    """docs/states.md "Money from states": per client-month the municipality saves B/12 × (1 − its
    benefit share) — work and ended 1, WSW 1 − 1.7 (a cost), Wajong 1 (payer: uwv); the UWV pays
    B/12 in Wajong; society gains the value of the work (W/12 × hours × (1 + 0.235) × (1 −
    displacement), wage value 1) and pays the programme; each month discounted at 2.25% a year
    from the start, the programme paid at month 0; no execution cost, no LKS (none set)."""
    effects, window, cost_per_client = STRATEGIES[name]
    occ_p, occ_c = chain(effects, window)
    diff = occ_p - occ_c
    delta = (1.0 + RATE) ** (-np.arange(MONTHS) / 12.0)
    saved_per_month = np.array([0.0, 1.0, 1.0 - wsw_benefit, 1.0, 1.0]) * BENEFIT_COST / 12.0
    investment = COHORT * cost_per_client
    work_value = WML / 12.0 * HOURS_AT_WORK * (1.0 + EMPLOYER_COSTS) * (1.0 - DISPLACEMENT)
    return {
        "net": float(np.sum(delta * (diff @ saved_per_month))) - investment,
        "uwv": -float(np.sum(delta * diff[:, STATES.index("wajong")] * BENEFIT_COST / 12.0)),
        "society": float(np.sum(delta * diff[:, STATES.index("work")] * work_value)) - investment,
    }


@pytest.fixture(scope="module")
def engine() -> dict[str, dict]:
    result = to_dict(run(load_scenario(SCHIEDAM), deterministic=True))
    return {s["name"]: s for s in result["strategies"]}


def test_the_strategies_are_the_ones_derived_here(engine: dict[str, dict]) -> None:
    assert set(engine) == set(STRATEGIES)


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_occupancy_at_each_year_end_equals_the_chain(engine: dict[str, dict], name: str) -> None:
    occ_p, occ_c = chain(*STRATEGIES[name][:2])
    for arm, occ in (("programme", occ_p), ("counterfactual", occ_c)):
        rows = engine[name]["occupancy"][arm]
        assert len(rows) == MONTHS // 12
        for year, row in enumerate(rows):
            got = [row[state]["mean"] for state in STATES]
            assert got == pytest.approx(occ[12 * year + 11], abs=1e-4), (arm, year)


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_net_uwv_and_society_equal_the_hand_ledger(engine: dict[str, dict], name: str) -> None:
    want = by_hand(name)
    strategy = engine[name]
    assert strategy["metrics"]["net_savings"]["mean"] == pytest.approx(want["net"], abs=0.01)
    assert strategy["stakeholders"]["municipality"]["mean"] == pytest.approx(want["net"], abs=0.01)
    assert strategy["stakeholders"]["uwv"]["mean"] == pytest.approx(want["uwv"], abs=0.01)
    assert strategy["stakeholders"]["society"]["mean"] == pytest.approx(want["society"], abs=0.01)
    assert strategy["rung_years_gained"] is None  # the file gives no rungs


def test_the_headers_figures_follow_from_the_chain() -> None:
    """The header: 'no strategy pays back'; the team costs about EUR 2.1M (Berenschot) and EUR
    0.25M (salary), the regular approach about EUR 1.05M; with WSW places as full exits the salary
    team would lose about EUR 72k; the UWV pays about EUR 0.1M; society about EUR 40k below."""
    berenschot, salary, regular = (by_hand(name) for name in [
        "Intensive team, caseload 50-70 (cost scaled from Berenschot)",
        "Intensive team, costed at klantmanager salary only",
        "Regular approach, caseload 120",
    ])
    assert berenschot["net"] == pytest.approx(-2.1e6, rel=0.02)
    assert salary["net"] == pytest.approx(-0.25e6, rel=0.02)
    assert regular["net"] == pytest.approx(-1.05e6, rel=0.02)
    assert by_hand("Intensive team, costed at klantmanager salary only", wsw_benefit=0.0)["net"] == pytest.approx(-72e3, rel=0.02)
    assert salary["uwv"] == pytest.approx(-0.1e6, rel=0.1)
    assert salary["net"] - salary["society"] == pytest.approx(40e3, rel=0.05)
