"""One-way (tornado) and global (Sobol', rank correlation) sensitivity.

Every expected number is derived here by hand from docs/model.md, not from roi_sim's code.
The workhorse is Lelystad as the article tells it (one cohort of 300, window 12, no
baseline outflow, fixed relapse after 2 years, benefit EUR 12,000, 6 years): each leaver is
off benefit exactly 24 months, all inside the horizon, so with outflow rate p and cost per
client c

    gross = 300 · p · 24 · 1,000 = 7,200,000 · p      net = 7,200,000 · p − 300 · c

— linear in both, which makes tornado swings and Sobol' indices computable by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from roi_sim.decisions.sensitivity import SOBOL_MAX_PARAMETERS, global_sensitivity, tornado
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD

OUTFLOW = "outflow_rate: {dist: uniform, low: 0.2, high: 0.4}"
COST = "cost_per_client: {dist: uniform, low: 4000, high: 6000}"
TWO_UNCERTAIN = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", OUTFLOW).replace("cost_per_client: 5000", COST)
#: Minimum wage per year (the default, docs/facts.md §2): the societal value of a month of work is 1/12 of it.
MINIMUM_WAGE = 29_735.42


def _net_by_hand(p: float, c: float) -> float:
    return 300 * p * 24 * 1_000 - 300 * c


# ----------------------------------------------------------------------------- tornado


def test_tornado_ranks_the_two_parameters_and_each_swing_is_the_hand_computation() -> None:
    (t,) = tornado(parse_scenario(TWO_UNCERTAIN))
    assert t.strategy == "Lelystad as the article tells it" and t.ledger == "fiscal"
    assert t.base_net == pytest.approx(_net_by_hand(0.30, 5000), abs=1e-6)  # 660,000
    outflow, cost = t.bars
    assert (outflow.parameter, cost.parameter) == ("outflow_rate", "cost_per_client")

    # Uniform(0.2, 0.4): p10 = 0.2 + 0.1 · 0.2 = 0.22, p90 = 0.38.
    assert (outflow.low_value, outflow.high_value) == (pytest.approx(0.22), pytest.approx(0.38))
    assert outflow.net_at_low == pytest.approx(_net_by_hand(0.22, 5000), abs=1e-6)  # 84,000
    assert outflow.net_at_high == pytest.approx(_net_by_hand(0.38, 5000), abs=1e-6)  # 1,236,000
    assert outflow.swing == pytest.approx(300 * 0.16 * 24_000, abs=1e-6)  # 1,152,000

    # Uniform(4000, 6000): p10 = 4200, p90 = 5800; a cost, so the net falls as it rises.
    assert (cost.low_value, cost.high_value) == (pytest.approx(4200), pytest.approx(5800))
    assert cost.net_at_low == pytest.approx(_net_by_hand(0.30, 4200), abs=1e-6)  # 900,000
    assert cost.net_at_high == pytest.approx(_net_by_hand(0.30, 5800), abs=1e-6)  # 420,000
    assert cost.swing == pytest.approx(300 * 1600, abs=1e-6)  # 480,000


def test_tornado_quantiles_are_configurable() -> None:
    # p25/p75 of Uniform(0.2, 0.4): 0.25 and 0.35, swing 300 · 0.10 · 24,000 = 720,000.
    (t,) = tornado(parse_scenario(TWO_UNCERTAIN), low_q=0.25, high_q=0.75)
    bar = next(b for b in t.bars if b.parameter == "outflow_rate")
    assert (bar.low_value, bar.high_value) == (pytest.approx(0.25), pytest.approx(0.35))
    assert bar.swing == pytest.approx(720_000, abs=1e-6)


def test_tornado_per_strategy_uses_the_strategy_s_own_distributions() -> None:
    text = TWO_UNCERTAIN + """\
strategies:
  - name: As told
  - name: Better outflow
    outflow_rate: {dist: uniform, low: 0.3, high: 0.5}
  - name: Outflow known
    outflow_rate: 0.35
"""
    told, better, known = tornado(parse_scenario(text))
    assert [t.strategy for t in (told, better, known)] == ["As told", "Better outflow", "Outflow known"]
    assert told.bars[0].net_at_low == pytest.approx(_net_by_hand(0.22, 5000), abs=1e-6)
    # Uniform(0.3, 0.5): p10 0.32, p90 0.48; at the mean 0.40.
    assert better.base_net == pytest.approx(_net_by_hand(0.40, 5000), abs=1e-6)
    assert better.bars[0].parameter == "outflow_rate"
    assert better.bars[0].net_at_low == pytest.approx(_net_by_hand(0.32, 5000), abs=1e-6)  # 804,000
    assert better.bars[0].net_at_high == pytest.approx(_net_by_hand(0.48, 5000), abs=1e-6)
    # A fixed outflow rate is no bar; only the inherited cost is uncertain.
    assert [b.parameter for b in known.bars] == ["cost_per_client"]
    assert known.base_net == pytest.approx(_net_by_hand(0.35, 5000), abs=1e-6)  # 1,020,000
    assert known.bars[0].swing == pytest.approx(480_000, abs=1e-6)


def _discounted_net_by_hand(rate: float) -> float:
    # Monthly hazard from a 30% window: leavers in month u are 300 (0.7^(u/12) − 0.7^((u+1)/12)),
    # each off months u … u+23 and saving EUR 1,000 a month discounted by (1+r)^(−t/12).
    # The investment is paid in month 0 (factor 1).
    gross = 0.0
    for u in range(12):
        leavers = 300 * (0.7 ** (u / 12) - 0.7 ** ((u + 1) / 12))
        gross += leavers * sum(1_000 * (1 + rate) ** (-t / 12) for t in range(u, u + 24))
    return gross - 1_500_000


def test_an_uncertain_discount_rate_is_a_bar_of_its_own() -> None:
    text = LELYSTAD_AS_TOLD + "discount_rate: {dist: uniform, low: 0.0, high: 0.1}\n"
    (t,) = tornado(parse_scenario(text))
    (bar,) = t.bars
    assert bar.parameter == "discount_rate"
    assert (bar.low_value, bar.high_value) == (pytest.approx(0.01), pytest.approx(0.09))
    assert t.base_net == pytest.approx(_discounted_net_by_hand(0.05), rel=1e-9)
    assert bar.net_at_low == pytest.approx(_discounted_net_by_hand(0.01), rel=1e-9)
    assert bar.net_at_high == pytest.approx(_discounted_net_by_hand(0.09), rel=1e-9)
    assert bar.net_at_high < t.base_net < bar.net_at_low  # discounting shrinks later savings


def test_tornado_in_the_societal_ledger() -> None:
    # Societal net = value of the extra work − investment; a month off benefit is a month of
    # work worth minimum wage / 12 × 1.235 employer costs (wage value 1, displacement set to
    # 0 so the ledger exists, issue 14.4). Outflow swing: 300 · 0.16 · 24 · W · 1.235/12.
    (t,) = tornado(parse_scenario(TWO_UNCERTAIN + "displacement: 0\n"), ledger="societal")
    assert t.ledger == "societal"
    outflow, cost = t.bars
    assert outflow.parameter == "outflow_rate"
    assert outflow.swing == pytest.approx(300 * 0.16 * 24 * MINIMUM_WAGE * 1.235 / 12, rel=1e-9)  # 3,525,431.40
    assert cost.swing == pytest.approx(480_000, abs=1e-6)
    assert t.base_net == pytest.approx(300 * 0.30 * 24 * MINIMUM_WAGE * 1.235 / 12 - 1_500_000, rel=1e-9)


def test_no_uncertain_parameter_gives_no_bars() -> None:
    (t,) = tornado(parse_scenario(LELYSTAD_AS_TOLD))
    assert t.bars == () and t.base_net == pytest.approx(660_000, abs=1e-6)


@pytest.mark.parametrize("kw", [dict(ledger="cash"), dict(low_q=0.0), dict(low_q=0.9, high_q=0.1), dict(high_q=1.0)])
def test_tornado_refuses_bad_arguments(kw) -> None:
    with pytest.raises(ValueError):
        tornado(parse_scenario(TWO_UNCERTAIN), **kw)


# ----------------------------------------------------------------------------- Sobol'


def _variance_shares(coef_p: float, coef_c: float) -> dict[str, float]:
    # net = coef_p · p + coef_c · c with independent uniforms: Var = coef² (b − a)² / 12 each;
    # additive, so S1 = ST = each term's share of the total.
    v_p = coef_p**2 * (0.4 - 0.2) ** 2 / 12
    v_c = coef_c**2 * (6000 - 4000) ** 2 / 12
    return {"outflow_rate": v_p / (v_p + v_c), "cost_per_client": v_c / (v_p + v_c)}


def test_sobol_indices_are_the_variance_shares_of_the_linear_model() -> None:
    (g,) = global_sensitivity(parse_scenario(TWO_UNCERTAIN), n=4096)
    assert g.method == "sobol" and g.n == 4096 and g.ledger == "fiscal"
    want = _variance_shares(7_200_000, -300)  # outflow 0.852, cost 0.148
    assert set(g.first_order) == set(want) and g.total_order is not None
    for name, share in want.items():
        assert g.first_order[name] == pytest.approx(share, abs=0.05)
        assert g.total_order[name] == pytest.approx(share, abs=0.05)
    assert sum(g.first_order.values()) == pytest.approx(1.0, abs=0.05)


def test_sobol_in_the_societal_ledger() -> None:
    # Value of work per unit of outflow rate: 300 · 24 · W · 1.235/12 (employer costs, issue 14.4).
    (g,) = global_sensitivity(parse_scenario(TWO_UNCERTAIN + "displacement: 0\n"), ledger="societal", n=2048, method="sobol")
    want = _variance_shares(300 * 24 * MINIMUM_WAGE * 1.235 / 12, -300)
    for name, share in want.items():
        assert g.first_order[name] == pytest.approx(share, abs=0.05)
        assert g.total_order is not None and g.total_order[name] == pytest.approx(share, abs=0.05)


def test_sobol_rounds_n_up_to_a_power_of_two_and_is_reproducible() -> None:
    scenario = parse_scenario(TWO_UNCERTAIN)
    (a,) = global_sensitivity(scenario, n=1000, method="sobol", seed=7)
    (b,) = global_sensitivity(scenario, n=1024, method="sobol", seed=7)
    assert a.n == 1024 and a == b


def test_sobol_with_a_single_uncertain_parameter_explains_everything() -> None:
    (g,) = global_sensitivity(parse_scenario(LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", OUTFLOW)), n=256)
    assert g.method == "sobol" and list(g.first_order) == ["outflow_rate"]
    assert g.first_order["outflow_rate"] == pytest.approx(1.0, abs=0.05)
    assert g.total_order == {"outflow_rate": pytest.approx(1.0, abs=0.05)}


# ----------------------------------------------------------------------------- rank correlation

#: Twelve more uncertain parameters, each with a negligible effect on the net (ranges far
#: too narrow to matter, or rounded away: 299.6..300.4 clients are 300, 1.99..2.01 years
#: are 24 months), so d = 14 > 12 and outflow and cost still dominate.
NUISANCE = """\
cohort_size: {dist: uniform, low: 299.6, high: 300.4}
annual_benefit_cost: {dist: uniform, low: 11999, high: 12001}
baseline_outflow_rate: {dist: uniform, low: 0, high: 0.0001}
time_out_of_benefits_years: {dist: uniform, low: 1.99, high: 2.01}
subsidised_share: {dist: uniform, low: 0, high: 0.0001}
wage_value: {dist: uniform, low: 0.999, high: 1}
benefit_saved_share: {dist: uniform, low: 0.9999, high: 1}
minimum_wage_annual: {dist: uniform, low: 29000, high: 30000}
startup_cost: {dist: uniform, low: 0, high: 100}
fixed_annual_cost: {dist: uniform, low: 0, high: 100}
social_value_per_participant_year: {dist: uniform, low: 0, high: 10}
discount_rate: {dist: uniform, low: 0, high: 0.0001}
"""
_REPLACED = ("cohort_size:", "annual_benefit_cost:", "baseline_outflow_rate:", "time_out_of_benefits_years:")
MANY_UNCERTAIN = "".join(line + "\n" for line in TWO_UNCERTAIN.splitlines() if not line.startswith(_REPLACED)) + NUISANCE


def _spearman_by_hand() -> dict[str, float]:
    # Spearman's rho of each input with net = 7,200,000 p − 300 c, from a large sample of
    # the hand formula (no roi_sim involved).
    rng = np.random.default_rng(99)
    p, c = rng.uniform(0.2, 0.4, 400_000), rng.uniform(4000, 6000, 400_000)
    net = _net_by_hand(p, c)
    return {"outflow_rate": stats.spearmanr(p, net).statistic, "cost_per_client": stats.spearmanr(c, net).statistic}


def _check_rank_correlations(first_order: dict[str, float]) -> None:
    want = _spearman_by_hand()  # about +0.93 and −0.36
    rho_p, rho_c = first_order["outflow_rate"], first_order["cost_per_client"]
    assert rho_p > 0 > rho_c  # more outflow, more net; higher cost, less net
    assert abs(rho_p) > abs(rho_c) > max(abs(v) for k, v in first_order.items() if k not in want)
    # Sampling error of rho at n = 2048 is about (1 − rho²)/sqrt(n) < 0.025.
    assert rho_p == pytest.approx(want["outflow_rate"], abs=0.05)
    assert rho_c == pytest.approx(want["cost_per_client"], abs=0.07)


def test_auto_uses_rank_correlations_above_twelve_parameters() -> None:
    scenario = parse_scenario(MANY_UNCERTAIN)
    (g,) = global_sensitivity(scenario, n=2048)
    assert len(g.first_order) == 14 > SOBOL_MAX_PARAMETERS
    assert g.method == "rank correlation" and g.total_order is None and g.n == 2048
    _check_rank_correlations(g.first_order)
    # The nuisance parameters explain nothing: |rho| within sampling noise of 0 (5/sqrt(n)).
    for name in set(g.first_order) - {"outflow_rate", "cost_per_client"}:
        assert abs(g.first_order[name]) < 5 / math.sqrt(2048), name


def test_rank_correlation_can_be_forced() -> None:
    (g,) = global_sensitivity(parse_scenario(TWO_UNCERTAIN), n=2048, method="rank correlation")
    assert g.method == "rank correlation" and g.total_order is None and set(g.first_order) == {"outflow_rate", "cost_per_client"}
    rho_p, rho_c = g.first_order["outflow_rate"], g.first_order["cost_per_client"]
    want = _spearman_by_hand()
    assert rho_p > 0 > rho_c and abs(rho_p) > abs(rho_c)
    assert rho_p == pytest.approx(want["outflow_rate"], abs=0.05)
    assert rho_c == pytest.approx(want["cost_per_client"], abs=0.07)


# ----------------------------------------------------------------------------- edge cases


def test_no_uncertain_parameter_gives_an_empty_result_that_says_so() -> None:
    (g,) = global_sensitivity(parse_scenario(LELYSTAD_AS_TOLD))
    assert (g.method, g.first_order, g.total_order, g.n) == ("none", {}, None, 0)


def test_each_strategy_gets_its_own_analysis() -> None:
    text = TWO_UNCERTAIN + """\
strategies:
  - name: As told
  - name: Outflow known
    outflow_rate: 0.35
"""
    told, known = global_sensitivity(parse_scenario(text), n=512)
    assert (told.strategy, known.strategy) == ("As told", "Outflow known")
    assert set(told.first_order) == {"outflow_rate", "cost_per_client"}
    # Only the cost is uncertain: it explains all the variance.
    assert known.first_order == {"cost_per_client": pytest.approx(1.0, abs=0.05)}


@pytest.mark.parametrize("kw", [dict(ledger="cash"), dict(method="morris"), dict(n=1)])
def test_global_sensitivity_refuses_bad_arguments(kw) -> None:
    with pytest.raises(ValueError):
        global_sensitivity(parse_scenario(TWO_UNCERTAIN), **kw)


def test_sobol_separates_first_and_total_order_on_a_product() -> None:
    """A non-additive model: with outflow rate p and benefit B both uncertain (cost fixed),
    net = 300 · p · 24 · B/12 − 1,500,000 = 600 · p · B − const, a product. For independent
    X1 ~ U(0, 2·m1), X2 ~ U(0, 2·m2), each with variance m²/3, Var(X1·X2) = σ1²σ2² + m1²σ2² + m2²σ1²
    = m1²m2² (1/9 + 1/3 + 1/3) = m1²m2² · 7/9. The main effect of X1 is m2²σ1² = m1²m2²/3, so
    S1 = (1/3)/(7/9) = 3/7, and the total effect adds the interaction σ1²σ2²: ST1 = (1/3 + 1/9)/(7/9)
    = 4/7 — the same for X2 by symmetry. First-order indices then sum to 6/7 < 1 and total-order
    to 8/7 > 1; swapping the two (or reporting one for both) misses by 1/7."""
    scenario = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0, high: 0.6}").replace(
        "annual_benefit_cost: 12000", "annual_benefit_cost: {dist: uniform, low: 0, high: 24000}"
    )
    (g,) = global_sensitivity(parse_scenario(scenario), n=8192, method="sobol", seed=3)
    assert set(g.first_order) == {"outflow_rate", "annual_benefit_cost"} and g.total_order is not None
    for name in g.first_order:
        assert g.first_order[name] == pytest.approx(3 / 7, abs=0.01)
        assert g.total_order[name] == pytest.approx(4 / 7, abs=0.01)
        assert g.total_order[name] - g.first_order[name] == pytest.approx(1 / 7, abs=0.01)
    assert sum(g.first_order.values()) == pytest.approx(6 / 7, abs=0.02)
    assert sum(g.total_order.values()) == pytest.approx(8 / 7, abs=0.02)
