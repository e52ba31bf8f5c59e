"""Coupled arms (DESIGN.md §6) and decision uncertainty (§7).

Expected numbers come from closed forms and from an individual-level simulation of the
potential-outcomes model written here (clients one by one, with the shared uniforms U and V
of §6), never from roi-sim's own output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import beta as beta_dist

from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario

BASE = """
name: coupled
horizon_years: 3
iterations: 4096
seed: 7
cohort_size: 300
cost_per_client: 1000
annual_benefit_cost: 12000
outflow_window_months: 12
"""


def _scenario(extra: str):
    return parse_scenario(BASE + extra, "coupled.yaml")


@pytest.mark.parametrize(
    "relapse",
    [
        "relapse_model: exponential\ntime_out_of_benefits_years: 1.5\n",
        "relapse_model: fixed\ntime_out_of_benefits_years: 1.0\n",
        "relapse_model: levelling\nrelapse_within_12_months: 0.2\nrelapse_ever: 0.35\n",
    ],
)
def test_programme_hazard_equal_to_baseline_gives_identical_arms(relapse: str) -> None:
    """h = b in every month (a 12-month window with the baseline's own annual rate): every
    client does in the programme exactly what it does without it, in every iteration."""
    result = run(_scenario("outflow_rate: 0.15\nbaseline_outflow_rate: 0.15\n" + relapse))
    it = result.iterations["coupled"]
    assert np.array_equal(it.gross_savings, it.counterfactual_savings)
    assert np.all(it.net_savings == -300 * 1000)
    assert np.all(it.extra_clients_off_benefit == 0)


def _individual_net(n_reps: int, seed: int, coupled: bool = True) -> np.ndarray:
    """Net savings of 300 clients simulated one by one: exponential relapse, the programme
    hazard for 12 months, then the baseline. Coupled: one U (leaving) and one V (returning)
    per client and month, shared by both arms; otherwise each arm draws its own (Part 1)."""
    rng = np.random.default_rng(seed)
    clients, months, window = 300, 36, 12
    h = 1 - (1 - 0.20) ** (1 / 12)
    b = 1 - (1 - 0.08) ** (1 / 12)
    r = 1 / (12 * 1.5)
    on_p = np.ones((n_reps, clients), dtype=bool)
    on_c = np.ones((n_reps, clients), dtype=bool)
    saved = np.zeros(n_reps)
    for t in range(months):
        u_p, v_p = rng.random((n_reps, clients)), rng.random((n_reps, clients))
        u_c, v_c = (u_p, v_p) if coupled else (rng.random((n_reps, clients)), rng.random((n_reps, clients)))
        hazard_p = h if t < window else b
        on_p = np.where(on_p, ~(u_p < hazard_p), v_p < r)
        on_c = np.where(on_c, ~(u_c < b), v_c < r)
        saved += ((~on_p).sum(axis=1) - (~on_c).sum(axis=1)) * 1000.0
    return saved - clients * 1000.0


def test_spread_of_net_matches_an_individual_level_coupled_simulation() -> None:
    """Fixed parameters (300 clients, 20% in 12 months against 8% a year): the spread of
    net savings is that of one life in two versions, not of two unrelated draws."""
    result = run(_scenario("outflow_rate: 0.20\nbaseline_outflow_rate: 0.08\nrelapse_model: exponential\ntime_out_of_benefits_years: 1.5\n"))
    net = result.iterations["coupled"].net_savings
    reference = _individual_net(3000, seed=11)
    # Sampling error of a standard deviation is about sd / sqrt(2 n): ~1.1% and ~1.3% here.
    assert net.std() == pytest.approx(reference.std(), rel=0.08)
    assert abs(net.mean() - reference.mean()) < 4 * math.hypot(net.std() / math.sqrt(net.size), reference.std() / math.sqrt(reference.size))
    # Two independent arms would spread much wider: the variance of a difference of two
    # independent copies is at least that of one arm's off-benefit client-months.
    independent = _individual_net(3000, seed=12, coupled=False)
    assert independent.std() > 1.5 * reference.std()


LINEAR = """
name: linear
horizon_years: 2
iterations: 20000
seed: 3
cohort_size: 100
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_window_months: 1
baseline_outflow_rate: 0.0
relapse_model: fixed
time_out_of_benefits_years: 10
outflow_rate: {dist: beta, mean: 0.2, sd: 0.05}
"""


def test_decision_probability_has_a_closed_form_when_net_is_linear_in_one_beta_rate() -> None:
    """Window 1 month, no baseline, nobody back within 2 years: E[net | s] = 100 · s · 1,000
    · 24 − 500,000, so P(E[net | s] > 0) = P(s > 500,000 / 2,400,000) for s ~ Beta."""
    result = run(parse_scenario(LINEAR, "linear.yaml"))
    st = result.strategies[0]
    mean, sd = 0.2, 0.05
    k = mean * (1 - mean) / sd**2 - 1
    a, b = mean * k, (1 - mean) * k
    p = float(beta_dist.sf(500_000 / 2_400_000, a, b))
    n = result.settings.iterations
    assert st.decision is not None
    assert abs(st.decision.probability_net_positive - p) < 4 * math.sqrt(p * (1 - p) / n)
    expected_mean = 2_400_000 * mean - 500_000
    assert abs(st.decision.expected_net.mean - expected_mean) < 4 * 2_400_000 * sd / math.sqrt(n)
    # Per iteration it is exactly linear in the drawn rate.
    it = result.iterations["linear"]
    assert it.expected_net is not None


def test_without_uncertain_parameters_the_decision_is_certain() -> None:
    text = BASE + "outflow_rate: 0.25\nbaseline_outflow_rate: 0.08\nrelapse_model: exponential\ntime_out_of_benefits_years: 1.5\n"
    result = run(parse_scenario(text, "fixed.yaml"))
    st = result.strategies[0]
    assert st.decision is not None
    assert st.decision.expected_net.se == 0
    assert st.decision.probability_net_positive in (0.0, 1.0)
    # ... while the cohort's luck still moves the budget.
    assert 0 < st.probability_net_positive < 1 or st.metrics["net_savings"].se > 0


def test_deterministic_mode_reports_no_probabilities() -> None:
    from roi_sim.outputs.formats import to_dict

    result = run(parse_scenario(LINEAR, "linear.yaml"), deterministic=True)
    data = to_dict(result)["strategies"][0]
    assert data["probability_net_positive"] is None
    assert data["payback_months"]["probability_within_horizon"] is None
    assert data["decision"]["probability_net_positive"] is None
    assert data["decision"]["expected_net"]["mean"] == pytest.approx(2_400_000 * 0.2 - 500_000)


PAIRED = BASE + """
outflow_rate: {dist: beta, mean: 0.2, sd: 0.05}
baseline_outflow_rate: 0.08
relapse_model: exponential
time_out_of_benefits_years: 1.5
strategies:
  - name: Base
  - name: Own, paired
    outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}
  - name: Own, independent
    outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}
    independent_draws: [outflow_rate]
"""


def test_own_distributions_are_drawn_at_the_base_quantile_unless_independent() -> None:
    """DESIGN.md §7, paired where the world is shared: a strategy's own Beta is drawn at the
    base's quantile, so its rate is a monotone function of the base's in every iteration;
    with independent_draws the ranks are unrelated (Spearman correlation near 0)."""
    from scipy.stats import spearmanr

    result = run(parse_scenario(PAIRED, "paired.yaml"), keep_parameters=True)
    assert result.parameters is not None
    base = result.parameters["Base"]["outflow_rate"]
    paired = result.parameters["Own, paired"]["outflow_rate"]
    independent = result.parameters["Own, independent"]["outflow_rate"]
    order = np.argsort(base)
    assert np.all(np.diff(paired[order]) >= 0)
    assert np.all(paired > base)  # a Beta(mean 0.3) quantile lies above the Beta(mean 0.2) one here
    rho = spearmanr(base, independent).statistic
    assert abs(rho) < 4 / math.sqrt(base.size)
