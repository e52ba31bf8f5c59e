"""EVSI of a controlled pilot: against an exact enumeration of the pilot's outcomes, within
its bounds, and growing with the pilot."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binom

from roi_sim.decisions.pilot_evsi import conditional_net, controlled_pilot_evsi
from roi_sim.model.simulate import evaluate_deterministic, run
from roi_sim.scenario.spec import parse_scenario

SCENARIO = """\
name: pilot test
horizon_years: 4
iterations: 4096
seed: 7
cohort_size: 100
cost_per_client: 3000
annual_benefit_cost: 12000
outflow_rate: {dist: beta, mean: 0.25, sd: 0.08}
outflow_window_months: 12
baseline_outflow_rate: {dist: pert, low: 0.05, mode: 0.12, high: 0.25}
time_out_of_benefits_years: 2
relapse_model: exponential
"""


@pytest.fixture(scope="module")
def setup():
    s = parse_scenario(SCENARIO, "pilot.yaml")
    res = run(s, keep_parameters=True)
    return s, res.parameters


def test_conditional_net_is_the_deterministic_model_at_each_draw(setup) -> None:
    s, params = setup
    g = conditional_net(s, params)["pilot test"]
    one = {k: float(v[17]) for k, v in params["pilot test"].items()}
    assert g[17] == pytest.approx(float(evaluate_deterministic(s, one, 1)["pilot test"].net_savings[0]), rel=1e-9)


def test_evsi_matches_exact_enumeration_of_outcomes(setup) -> None:
    s, params = setup
    n = 4
    g = conditional_net(s, params)["pilot test"]
    p1 = params["pilot test"]["outflow_rate"]
    p0 = params["pilot test"]["baseline_outflow_rate"]  # window of 12 months: the annual share
    # Every other parameter is fixed, so g is a function of the two rates alone.
    nb = np.vstack([g, np.zeros_like(g)])
    total = 0.0
    for k1 in range(n + 1):
        for k0 in range(n + 1):
            lik = binom.pmf(k1, n, p1) * binom.pmf(k0, n, p0)
            total += lik.mean() * (nb @ lik / lik.sum()).max()
    exact = total - nb.mean(axis=1).max()
    got = controlled_pilot_evsi(s, params, n, seed=1)
    assert exact > 0
    assert got.evsi == pytest.approx(exact, rel=0.15)


def test_evsi_is_bounded_and_grows_with_the_pilot(setup) -> None:
    s, params = setup
    small, large = (controlled_pilot_evsi(s, params, n, pilot_cost=1000.0) for n in (5, 1000))
    assert 0 <= small.evsi < large.evsi <= large.evppi_rates
    assert "clients per arm" in large.sentence and "worth running" in large.sentence
    with pytest.raises(ValueError):
        controlled_pilot_evsi(s, params, 0)


def test_evsi_stays_below_evppi_of_the_rate_when_other_parameters_vary() -> None:
    """Two strategies, an uncertain cost the pilot cannot learn: EVSI <= EVPPI(outflow rate)."""
    from roi_sim.decisions.voi import evppi

    text = SCENARIO.replace("cost_per_client: 3000", "cost_per_client: {dist: uniform, low: 2000, high: 6000}").replace(
        "baseline_outflow_rate: {dist: pert, low: 0.05, mode: 0.12, high: 0.25}", "baseline_outflow_rate: 0.1"
    ) + "strategies:\n  - name: Plan\n  - name: Dearer\n    cost_per_client: 4500\n"
    s = parse_scenario(text, "two.yaml")
    params = run(s, keep_parameters=True).parameters
    g = conditional_net(s, params)
    bound = evppi(g, params["Plan"]["outflow_rate"], "outflow_rate").evppi
    for n in (75, 2000):
        assert 0 <= controlled_pilot_evsi(s, params, n).evsi <= bound + 1e-6


def _naive_mean_posterior_best(nb: np.ndarray, p1: np.ndarray, p0: np.ndarray, per_arm: int, seed: int) -> float:
    """The preposterior mean written the slow way: every simulated outcome its own column."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(3,))))
    k1, k0 = rng.binomial(per_arm, p1), rng.binomial(per_arm, p0)
    loglik = (np.log(p1)[:, None] * k1 + np.log1p(-p1)[:, None] * (per_arm - k1)
              + np.log(p0)[:, None] * k0 + np.log1p(-p0)[:, None] * (per_arm - k0))
    w = np.exp(loglik - loglik.max(axis=0))
    return float(((nb @ w) / w.sum(axis=0)).max(axis=0).mean())


def test_outcomes_with_the_same_counts_are_weighed_once_without_changing_the_value() -> None:
    from roi_sim.decisions.pilot_evsi import _mean_posterior_best

    rng = np.random.default_rng(3)
    m = 1500
    p1, p0 = rng.beta(6, 14, m), rng.beta(2, 18, m)
    nb = np.vstack([4e5 * (p1 - p0) - 5e4, 2e5 * p1 - 3e4, np.zeros(m)])
    for per_arm in (5, 75):
        got = _mean_posterior_best(nb, p1, p0, per_arm, seed=9, outcomes=None)
        assert got == pytest.approx(_naive_mean_posterior_best(nb, p1, p0, per_arm, seed=9), rel=1e-12)
