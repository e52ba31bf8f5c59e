"""Issue 12.6: deterministic figures of scenarios with net effects against an expected-value
chain written here, by months into the current spell, for a constant baseline, a lock-in
profile, a duration-banded baseline and two classes; Monte Carlo means within 4 SE.

The chain: clients on benefit are kept in a dict by completed months in their spell, each
month a share ``h(d, age)`` leaves, the off-benefit clients return at ``1/(12·D)`` a month and
start a new spell at d = 0. ``e`` is solved with scipy's brentq. Money: savings are
(programme − counterfactual) clients off benefit × benefit/12, undiscounted, minus the
investment (clients × cost).
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

import numpy as np
import pytest
from scipy.optimize import brentq

import roi_sim

BENEFIT, COST, N, MONTHS, D_YEARS = 12000.0, 5000.0, 300, 72, 2.0


def _monthly(rate: float) -> float:
    return 1.0 - (1.0 - rate) ** (1.0 / 12.0)


def _baseline(bands, rate: float):
    if bands is None:
        return lambda d: _monthly(rate)
    return lambda d: _monthly([r for years, r in bands if years <= d / 12.0][-1])


def _weight(profile, window: int):
    if profile is None:
        return lambda a: 1.0 if a < window else 0.0
    return lambda a: [w for start, w in profile if start <= a][-1]


def _solve(b, w, d0: int, window: int, net_effect: float) -> float:
    def stay(e: float) -> float:
        out = 1.0
        for m in range(window):
            out *= 1.0 - min(max(b(d0 + m) + e * w(m), 0.0), 1.0)
        return out

    target = 1.0 - stay(0.0) + net_effect
    return brentq(lambda e: 1.0 - stay(e) - target, 0.0, 20.0, xtol=1e-15)


def _off(clients: float, hazard, d0: int) -> np.ndarray:
    """Expected clients off benefit after each month's transitions."""
    on: dict[int, float] = {d0: clients}
    off, out = 0.0, []
    r = 1.0 / (12.0 * D_YEARS)
    for t in range(MONTHS):
        nxt: dict[int, float] = defaultdict(float)
        left = 0.0
        for d, c in on.items():
            leave = c * hazard(d, t)
            left += leave
            nxt[d + 1] += c - leave
        back = off * r  # of those off benefit at the month's start; a new spell from d = 0
        nxt[0] += back
        off += left - back
        out.append(off)
        on = nxt
    return np.array(out)


def _net(classes: list[dict]) -> float:
    """Expected net savings of a part made of ``classes`` (each: clients, bands, rate,
    profile, net_effect, years)."""
    extra = np.zeros(MONTHS)
    for c in classes:
        b, w = _baseline(c["bands"], c["rate"]), _weight(c["profile"], 12)
        d0 = int(np.floor(12 * c["years"] + 0.5))
        e = _solve(b, w, d0, 12, c["net_effect"])
        programme = _off(c["clients"], lambda d, t, b=b, e=e, w=w: min(max(b(d) + e * w(t), 0.0), 1.0), d0)
        counterfactual = _off(c["clients"], lambda d, t, b=b: b(d), d0)
        extra += programme - counterfactual
    return float(extra.sum() * BENEFIT / 12.0 - N * COST)


BASE = """\
name: net effects
horizon_years: 6
cohort_size: 300
cost_per_client: 5000
annual_benefit_cost: 12000
time_out_of_benefits_years: 2
outflow_window_months: 12
"""
BANDS = [(0.0, 0.22), (1.0, 0.15), (3.0, 0.08)]
BANDS_YAML = "baseline_outflow_by_duration: [{from_years: 0, rate: 0.22}, {from_years: 1, rate: 0.15}, {from_years: 3, rate: 0.08}]\n"
LOCK_IN = [(0, -0.5), (4, 1.0), (18, 0.2), (30, 0.0)]
LOCK_IN_YAML = "effect_profile: [{from_month: 0, weight: -0.5}, {from_month: 4, weight: 1}, {from_month: 18, weight: 0.2}, {from_month: 30, weight: 0}]\n"

CASES = {
    "constant baseline": (
        "baseline_outflow_rate: 0.12\nnet_effect: 0.05\n",
        [dict(clients=300, bands=None, rate=0.12, profile=None, net_effect=0.05, years=0.0)],
    ),
    "lock-in profile": (
        "baseline_outflow_rate: 0.12\nnet_effect: 0.05\n" + LOCK_IN_YAML,
        [dict(clients=300, bands=None, rate=0.12, profile=LOCK_IN, net_effect=0.05, years=0.0)],
    ),
    "duration bands": (
        BANDS_YAML + "years_on_benefit_at_intake: 11\nnet_effect: 0.03\n",
        [dict(clients=300, bands=BANDS, rate=0.0, profile=None, net_effect=0.03, years=11.0)],
    ),
    "two classes": (
        BANDS_YAML + "net_effect: 0.02\nyears_on_benefit_at_intake: 11\nclasses:\n"
        "  - {name: near, share: 0.35, years_on_benefit_at_intake: 0.5, net_effect: 0.06}\n"
        "  - {name: far, share: 0.65}\n",
        # 300 × 0.35 = 105 and 300 × 0.65 = 195: no remainder to hand out.
        [dict(clients=105, bands=BANDS, rate=0.0, profile=None, net_effect=0.06, years=0.5),
         dict(clients=195, bands=BANDS, rate=0.0, profile=None, net_effect=0.02, years=11.0)],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_deterministic_net_savings_match_the_chain(case: str) -> None:
    text, classes = CASES[case]
    doc = roi_sim.simulate(roi_sim.load(BASE + text), deterministic=True).to_dict()
    assert doc["strategies"][0]["metrics"]["net_savings"]["mean"] == pytest.approx(_net(classes), abs=0.02)


@pytest.mark.parametrize("case", list(CASES))
def test_monte_carlo_mean_within_four_standard_errors(case: str) -> None:
    text, _ = CASES[case]
    scenario = roi_sim.load(BASE + text)
    net = roi_sim.simulate(scenario, iterations=8192, seed=5).to_dict()["strategies"][0]["metrics"]["net_savings"]
    expected = roi_sim.simulate(scenario, deterministic=True).to_dict()["strategies"][0]["metrics"]["net_savings"]["mean"]
    assert abs(net["mean"] - expected) <= 4 * net["se"], (net, expected)


def test_class_mix_is_reported() -> None:
    text, _ = CASES["two classes"]
    effect = roi_sim.simulate(roi_sim.load(BASE + text), deterministic=True).to_dict()["strategies"][0]["effect"]
    near, far = effect["classes"]
    assert (near["name"], near["share"], far["name"], far["share"]) == ("near", 0.35, "far", 0.65)
    # "near": 6 months in the first band, 6 in the second; "far": 12 months in the last band.
    b0, b1, b2 = (_monthly(r) for _, r in BANDS)
    assert near["baseline_share_at_window_end"] == pytest.approx(1 - (1 - b0) ** 6 * (1 - b1) ** 6, abs=1e-6)
    assert far["baseline_share_at_window_end"] == pytest.approx(0.08, abs=1e-6)
    assert effect["implied_net_effect"] == pytest.approx(0.35 * 0.06 + 0.65 * 0.02, abs=1e-6)


def test_net_effect_prior_reads_as_a_distribution() -> None:
    text = textwrap.dedent(BASE).replace("cost_per_client: 5000", "cost_per_client: 300")
    text += "baseline_outflow_rate: 0.08\nnet_effect: {prior: bijstand_average}\n"
    doc = roi_sim.simulate(roi_sim.load(text), iterations=4096, seed=1).to_dict()
    effect = doc["strategies"][0]["effect"]
    # PERT(0, 0.02, 0.05) has mean (0 + 4 × 0.02 + 0.05) / 6.
    assert effect["implied_net_effect"] == pytest.approx((4 * 0.02 + 0.05) / 6, abs=1e-6)
    # An uncertain effect: the decision is not certain either way.
    assert 0 < doc["strategies"][0]["decision"]["probability_net_positive"] < 1


def test_creaming_shows_beside_the_population() -> None:
    """A strategy that takes mostly the 'near' class has a higher baseline than the
    population it draws from: both are in the JSON."""
    text = BASE + BANDS_YAML + (
        "net_effect: 0.02\nyears_on_benefit_at_intake: 11\nclasses:\n"
        "  - {name: near, share: 0.35, years_on_benefit_at_intake: 0.5}\n  - {name: far, share: 0.65}\n"
        "strategies:\n  - name: as the population\n  - name: creamed\n    classes:\n"
        "      - {name: near, share: 0.8, years_on_benefit_at_intake: 0.5}\n      - {name: far, share: 0.2}\n"
    )
    effects = [s["effect"] for s in roi_sim.simulate(roi_sim.load(text), deterministic=True).to_dict()["strategies"]]
    b0, b1, _ = (_monthly(r) for _, r in BANDS)
    near, far = 1 - (1 - b0) ** 6 * (1 - b1) ** 6, 0.08
    population = 0.35 * near + 0.65 * far
    for e in effects:
        assert e["population"]["baseline_share_at_window_end"] == pytest.approx(population, abs=1e-6)
        assert [c["share"] for c in e["population"]["classes"]] == [0.35, 0.65]
    assert effects[0]["baseline_share_at_window_end"] == pytest.approx(population, abs=1e-6)
    assert effects[1]["baseline_share_at_window_end"] == pytest.approx(0.8 * near + 0.2 * far, abs=1e-6)
