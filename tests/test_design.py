"""Sample size, power and minimum detectable effect against the textbook formula, computed
here with the standard library's normal distribution (not scipy)."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from roi_sim.decisions.design import minimum_detectable_effect, power, sample_size, scenario_effect
from roi_sim.scenario.spec import load_scenario

Z = NormalDist().inv_cdf


def textbook_n(p1: float, p2: float, alpha: float = 0.05, pw: float = 0.8) -> float:
    """Fleiss (4.14) without continuity correction: pooled variance under H0, unpooled under H1."""
    pbar = (p1 + p2) / 2
    top = Z(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar)) + Z(pw) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return top**2 / (p1 - p2) ** 2


@pytest.mark.parametrize("p1,d,alpha,pw", [(0.08, 0.05, 0.05, 0.8), (0.08, 0.09, 0.05, 0.8), (0.15, 0.03, 0.01, 0.9), (0.3, -0.1, 0.1, 0.8)])
def test_sample_size_is_the_textbook_formula_rounded_up(p1: float, d: float, alpha: float, pw: float) -> None:
    assert sample_size(p1, d, alpha, pw).n_per_arm == math.ceil(textbook_n(p1, p1 + d, alpha, pw))


def test_facts_pilot_power_figures() -> None:
    # facts.md §9: about 590 per arm for +5 pp on 8%, about 210 for +9 pp.
    assert sample_size(0.08, 0.05).n_per_arm == 589
    assert sample_size(0.08, 0.09).n_per_arm == 211
    # "75 versus 75 detects only about 12 pp": the quick approximation with the baseline variance.
    quick = (Z(0.975) + Z(0.8)) * math.sqrt(2 * 0.08 * 0.92 / 75)
    res = minimum_detectable_effect(0.08, 75)
    assert res.minimum_detectable_effect_approx == pytest.approx(quick, rel=1e-9)
    assert round(res.minimum_detectable_effect_approx, 2) == 0.12
    # The consistent figure: the effect whose textbook sample size is exactly 75.
    assert textbook_n(0.08, 0.08 + res.minimum_detectable_effect) == pytest.approx(75, rel=1e-6)
    assert 0.16 < res.minimum_detectable_effect < 0.17


def test_power_inverts_the_sample_size() -> None:
    n = textbook_n(0.08, 0.13)
    assert power(0.08, 0.05, n) == pytest.approx(0.8, abs=1e-9)
    assert power(0.08, 0.05, 2 * n) > 0.95


def test_designs_differ_in_places_not_in_per_arm_size() -> None:
    r, w = sample_size(0.08, 0.09, design="randomised"), sample_size(0.08, 0.09, design="waiting-list")
    assert r.n_per_arm == w.n_per_arm == 211
    assert (r.programme_places, r.controls_left_out) == (211, 211)
    assert (w.programme_places, w.controls_left_out) == (422, 0)


def test_undetectable_size_is_infinite_and_bad_values_refused() -> None:
    assert math.isinf(minimum_detectable_effect(0.5, 1).minimum_detectable_effect)
    for call in (lambda: sample_size(0.08, 0.0), lambda: sample_size(1.2, 0.05), lambda: sample_size(0.9, 0.2),
                 lambda: minimum_detectable_effect(0.08, 0), lambda: sample_size(0.08, 0.05, design="cluster")):
        with pytest.raises(ValueError):
            call()


def test_scenario_effect_reads_outflow_against_compounded_baseline() -> None:
    s = load_scenario("scenarios/lelystad.yaml")
    e = scenario_effect(s, s.strategies[0].name)
    # pert(0.04, 0.08, 0.12) has mean 0.08; a 12-month window keeps the annual share. The
    # effect is the net effect itself (issue 12): the prior bijstand_average, PERT(0, 0.02,
    # 0.05), has mean (0 + 4 × 0.02 + 0.05) / 6.
    assert e.baseline == pytest.approx(0.08)
    assert e.effect == pytest.approx(0.13 / 6)
    assert (e.window_months, e.intake_per_year, e.intake_years) == (12, 300, 3)
    with pytest.raises(ValueError, match="no strategy 'x'"):
        scenario_effect(s, "x")


def test_cli_design_json_and_errors(cli) -> None:  # noqa: ANN001
    doc = cli.json("design", "--baseline", "0.08", "--effect", "0.05")
    assert doc["design"]["n_per_arm"] == 589 and doc["design"]["minimum_detectable_effect"] == 0.05
    doc = cli.json("design", "--baseline", "0.08", "--per-arm", "75")
    assert 0.16 < doc["design"]["minimum_detectable_effect"] < 0.17
    doc = cli.json("design", "scenarios/lelystad.yaml", "--strategy", "The plan: 300 clients a year for 3 years",
                   "--design", "waiting-list")
    # +2.2 points on 8% needs far more clients per arm than the plan's 900 intakes.
    assert doc["design"]["n_per_arm"] == math.ceil(textbook_n(0.08, 0.08 + 0.13 / 6)) and doc["design"]["intake_answers"] is False
    bad = cli("design", "--baseline", "0.08")
    assert bad.exit_code == 2 and "give --baseline and --effect" in bad.stderr
    bad = cli("design", "--baseline", "0.08", "--effect", "0.05", "--design", "cluster")
    assert bad.exit_code == 2 and bad.stderr.strip() == "roi-sim: error: --design cluster: unknown design; allowed: randomised, waiting-list"
    nl = cli("design", "--baseline", "0.08", "--effect", "0.05", "--lang", "nl")
    assert "Cliënten per groep | 589" in nl.stdout
