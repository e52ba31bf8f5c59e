"""DESIGN.md §10 in the decision tools: a ladder's rates are parameters of sensitivity,
breakeven and voi, named transition:<from>:<to> and programme:<from>:<to>:<rate|net_effect>;
their figures checked against the matrix chain of tests/test_ladder_engine.py."""

from __future__ import annotations

import numpy as np

import roi_sim
from roi_sim.decisions.breakeven import breakeven
from roi_sim.decisions.sensitivity import tornado, uncertain_parameters
from tests.test_ladder_engine import FAR, LADDER, MONTHS, NEAR, START, WAJONG, WORK, matrix, monthly

UNCERTAIN = LADDER.format(iterations=4096, programme="[{from: near, to: work, net_effect: 0.06}, {from: far, to: near, rate: 0.3}]").replace(
    "{from: work, to: near, rate: 0.20}", "{from: work, to: near, rate: {dist: uniform, low: 0.1, high: 0.3}}"
)


def net_by_hand(net_effect: float = 0.06, relapse: float = 0.20) -> float:
    """The municipality's net of the four-state ladder (as tests/test_ladder_engine.py's
    by_hand, with the net effect and the relapse rate as arguments)."""
    base_moves = {(FAR, NEAR): monthly(0.10), (NEAR, WORK): monthly(0.15), (NEAR, WAJONG): monthly(0.02), (WORK, NEAR): monthly(relapse)}
    b = base_moves[(NEAR, WORK)]
    h = 1.0 - (1.0 - (1.0 - (1.0 - b) ** 12 + net_effect)) ** (1.0 / 12.0)
    base, prog = matrix(base_moves), matrix({**base_moves, (NEAR, WORK): h, (FAR, NEAR): monthly(0.3)})
    diff = np.zeros((MONTHS, 4))
    for first in (0, 12):
        x_p, x_c = START.copy(), START.copy()
        for t in range(first, MONTHS):
            x_p, x_c = x_p @ (prog if t - first < 12 else base), x_c @ base
            diff[t] += x_p - x_c
    delta = 1.03 ** (-np.arange(MONTHS) / 12.0)
    municipal = np.array([1.0, 1.0, 0.0, 0.0])
    savings = np.sum(delta * (-diff @ municipal) * 14000 / 12) + np.sum(delta * (diff @ (1 - municipal)) * 1000 / 12)
    return float(savings - 200 * 2000 * (1.0 + delta[12]))


def test_the_ladders_uncertain_rates_are_parameters() -> None:
    scenario = roi_sim.load(UNCERTAIN)
    names = list(uncertain_parameters(scenario, scenario.strategies[0]))
    assert names == ["transition:work:near"]


def test_tornado_of_a_transition_rate_equals_the_chain() -> None:
    bar = tornado(roi_sim.load(UNCERTAIN))[0].bars[0]
    assert bar.parameter == "transition:work:near"
    assert np.allclose((bar.low_value, bar.high_value), (0.12, 0.28))  # p10 and p90 of uniform(0.1, 0.3)
    assert abs(bar.net_at_low - net_by_hand(relapse=0.12)) < 0.01
    assert abs(bar.net_at_high - net_by_hand(relapse=0.28)) < 0.01


def test_breakeven_of_a_programmes_net_effect_equals_the_chains_root() -> None:
    (r,) = breakeven(roi_sim.load(UNCERTAIN), "programme:near:work:net_effect")
    lo, hi = 0.0, 0.5  # the chain's own root, by bisection
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if net_by_hand(net_effect=mid) < 0 else (lo, mid)
    assert r.value is not None and abs(r.value - lo) < 1e-5
    assert r.current_mean == 0.06


def test_an_unknown_ladder_rate_is_refused_with_the_scenarios_names() -> None:
    try:
        breakeven(roi_sim.load(UNCERTAIN), "programme:near:wrok:net_effect")
    except ValueError as exc:
        assert "(did you mean 'programme:near:work:net_effect'?)" in str(exc)
        assert "transition:far:near" in str(exc)
    else:
        raise AssertionError("accepted an unknown ladder rate")


def test_voi_values_the_ladders_rates(cli, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "ladder.yaml"
    path.write_text(UNCERTAIN, encoding="utf-8")
    doc = cli.json("voi", path)
    assert [e["parameter"] for e in doc["value_of_information"]["evppi"]] == ["transition:work:near"]
