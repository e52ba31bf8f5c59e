"""Variants (DESIGN.md §8): rival beliefs averaged per iteration, never ranked.

Expected numbers: the deterministic average is the weighted sum of each variant evaluated on
its own (a second computation in the test); Monte Carlo shares of iterations follow the weights.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import parse_scenario
from roi_sim.scenario.variants import Variant

TEXT = """
name: beliefs
horizon_years: 4
iterations: 8192
seed: 21
cohort_size: 300
cost_per_client: 4000
annual_benefit_cost: 14000
outflow_rate: {dist: beta, mean: 0.25, sd: 0.04}
relapse_model: exponential
time_out_of_benefits_years: 2
strategies:
  - name: Light
  - name: Intensive
    cost_per_client: 7000
    outflow_rate: {dist: beta, mean: 0.32, sd: 0.05}
"""


def _with_variants(weights: tuple[float, float]):
    low = parse_scenario(TEXT + "baseline_outflow_rate: 0.05\n", "v.yaml")
    high = parse_scenario(TEXT + "baseline_outflow_rate: 0.15\n", "v.yaml")
    variants = (Variant("few leave anyway", weights[0], low), Variant("many leave anyway", weights[1], high))
    return replace(low, variants=variants), low, high


def test_deterministic_figures_are_the_weighted_sum_of_the_variants() -> None:
    combined, low, high = _with_variants((0.25, 0.75))
    avg = run(combined, deterministic=True)
    a = run(low, deterministic=True)
    b = run(high, deterministic=True)
    for s_avg, s_a, s_b in zip(avg.strategies, a.strategies, b.strategies):
        for m in ("investment", "gross_savings", "counterfactual_savings", "net_savings"):
            expected = 0.25 * s_a.metrics[m].mean + 0.75 * s_b.metrics[m].mean
            assert s_avg.metrics[m].mean == pytest.approx(expected, rel=1e-12)
        # Each belief apart, at its own means.
        names = [name for name, _ in s_avg.by_variant]
        assert names == ["few leave anyway", "many leave anyway"]
        assert s_avg.by_variant[0][1].metrics["net_savings"].mean == pytest.approx(s_a.metrics["net_savings"].mean)
        assert s_avg.by_variant[1][1].metrics["net_savings"].mean == pytest.approx(s_b.metrics["net_savings"].mean)


def test_each_iteration_lives_in_one_variant_the_same_for_every_strategy() -> None:
    combined, low, high = _with_variants((0.25, 0.75))
    result = run(combined)
    light, intensive = result.iterations["Light"], result.iterations["Intensive"]
    np.testing.assert_array_equal(light.variant, intensive.variant)
    share = float(np.mean(light.variant == 0))
    n = light.variant.size
    assert abs(share - 0.25) < 4 * math.sqrt(0.25 * 0.75 / n)
    # The model average is within Monte Carlo error of the weighted deterministic figures.
    det_a, det_b = run(low, deterministic=True), run(high, deterministic=True)
    for st, a, b in zip(result.strategies, det_a.strategies, det_b.strategies):
        expected = 0.25 * a.metrics["net_savings"].mean + 0.75 * b.metrics["net_savings"].mean
        net = st.metrics["net_savings"]
        # The variant draw itself adds a binomial share error on top of the iteration SE.
        spread = abs(a.metrics["net_savings"].mean - b.metrics["net_savings"].mean) * math.sqrt(0.25 * 0.75 / n)
        assert abs(net.mean - expected) < 4 * math.hypot(net.se, spread) + 0.01 * abs(expected)


def test_json_reports_variants_apart_and_never_ranks_them() -> None:
    combined, _, _ = _with_variants((1.0, 1.0))
    doc = to_dict(run(combined, iterations=4096))
    assert doc["settings"]["variants"] == [
        {"name": "few leave anyway", "weight": 0.5, "weight_given": True},
        {"name": "many leave anyway", "weight": 0.5, "weight_given": True},
    ]
    for st in doc["strategies"]:
        assert [v["variant"] for v in st["by_variant"]] == ["few leave anyway", "many leave anyway"]
        assert list(st["by_variant"][0]) == ["variant", "metrics", "probability_net_positive", "decision"]
    # Comparisons and rankings range over strategies only.
    assert doc["comparisons"]["fiscal"]["ranking"]["by_expected_value"] in (["Light", "Intensive"], ["Intensive", "Light"])


# --------------------------------------------------------------------------- the file format

VARIANT_FILE = TEXT + """
variants:
  - name: few leave anyway
    weight: 1
    baseline_outflow_rate: 0.05
  - name: many leave anyway
    weight: 3
    baseline_outflow_rate: 0.15
"""


def test_variants_from_a_file_equal_the_hand_built_average() -> None:
    from_file = parse_scenario(VARIANT_FILE, "v.yaml")
    assert [(v.name, v.weight, v.weight_given) for v in from_file.variants] == [
        ("few leave anyway", 1.0, True), ("many leave anyway", 3.0, True),
    ]
    built, _, _ = _with_variants((0.25, 0.75))
    a = run(from_file, deterministic=True)
    b = run(built, deterministic=True)
    for sa, sb in zip(a.strategies, b.strategies):
        assert sa.metrics["net_savings"].mean == pytest.approx(sb.metrics["net_savings"].mean, rel=1e-12)


def test_breakeven_and_sensitivity_see_the_model_average() -> None:
    from roi_sim.model.simulate import evaluate_deterministic

    scenario = parse_scenario(VARIANT_FILE, "v.yaml")
    low = parse_scenario(TEXT + "baseline_outflow_rate: 0.05\n", "v.yaml")
    high = parse_scenario(TEXT + "baseline_outflow_rate: 0.15\n", "v.yaml")
    rates = np.array([0.2, 0.3])
    avg = evaluate_deterministic(scenario, {"outflow_rate": rates}, n=2)
    ea = evaluate_deterministic(low, {"outflow_rate": rates}, n=2)
    eb = evaluate_deterministic(high, {"outflow_rate": rates}, n=2)
    for name in avg:
        np.testing.assert_allclose(avg[name].net_savings, 0.25 * ea[name].net_savings + 0.75 * eb[name].net_savings, rtol=1e-12)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "variants:\n  - name: a\n    outflow_rate: 0.3\n  - name: b\n    outflow_rate: 0.4\n",
            "v.yaml, line 19, column 5, key 'variants[1].outflow_rate': 'outflow_rate' is set by variant 'a' (line 19) and by "
            "strategies[2] (line 16): a key is a belief (variants) or a choice (strategies, groups), not both",
        ),
        (
            "variants:\n  - name: a\n    weight: 2\n    baseline_outflow_rate: 0.1\n  - name: b\n    baseline_outflow_rate: 0.2\n",
            "v.yaml, line 21, column 5, key 'variants[2]': give every variant a weight, or none (equal weights)",
        ),
        (
            "variants:\n  - name: a\n    baseline_outflow_rate: 0.1\n  - name: a\n    baseline_outflow_rate: 0.2\n",
            "v.yaml, line 20, column 5, key 'variants[2].name': variant name 'a' is used twice (also variants[1])",
        ),
        (
            "variants:\n  - name: a\n    baseline_outflow_rate: 0.1\n  - name: b\n    baseline_outflow_rate: 1.5\n",
            None,
        ),
    ],
)
def test_bad_variants_are_refused_with_the_place(extra: str, message: str | None) -> None:
    from roi_sim.scenario.spec import ScenarioError

    with pytest.raises(ScenarioError) as info:
        parse_scenario(TEXT + extra, "v.yaml")
    if message is None:
        # A bad value inside a variant names the variant's own key path and line.
        assert "key 'variants[2].baseline_outflow_rate'" in str(info.value)
        assert ", line 21," in str(info.value)  # TEXT starts with a blank line 1
    else:
        assert str(info.value) == message
