"""DESIGN.md §9, the scenario side: net_effect beside outflow_rate, effect profiles, the
baseline by duration, classes; resolved into PartSpec, and every bad input refused in one
line naming file, line, key path and what is allowed."""

from __future__ import annotations

import json

import pytest

from roi_sim.scenario.profiles import NAMED_PROFILES, baseline_hazards, baseline_share, rate_at, weight_at
from roi_sim.scenario.resolved import ClassSpec, PartSpec
from roi_sim.scenario.schema import json_schema
from roi_sim.scenario.spec import Scenario, parse_scenario
from roi_sim.scenario.vocabulary import PARAMETER_STREAMS, PARAMETERS, REQUIRED_MODEL_KEYS
from tests.conftest import scenario_error

BASE = """\
horizon_years: 3
cohort_size: 100
cost_per_client: 5000
annual_benefit_cost: 12000
time_out_of_benefits_years: 2
"""
# BASE has 5 lines; the first key a test appends is on line 6.


def _load(extra: str) -> Scenario:
    return parse_scenario(BASE + extra, "s.yaml")


def _part(extra: str, strategy: int = 0) -> PartSpec:
    return _load(extra).strategies[strategy].parts[0]


# --------------------------------------------------------------------------- the parameter


def test_net_effect_is_a_parameter_with_its_own_stream() -> None:
    info = PARAMETERS["net_effect"]
    assert (info.low, info.high, info.kind, info.stream) == (-1, 1, "rate", 20)
    assert PARAMETER_STREAMS["net_effect"] == 20
    assert "outflow_rate" not in REQUIRED_MODEL_KEYS
    assert "0.09" in info.description and "0.05" in info.description


def test_a_negative_net_effect_is_harm_and_allowed() -> None:
    part = _part("baseline_outflow_rate: 0.2\nnet_effect: -0.05\n")
    assert part.params["net_effect"].mean() == -0.05
    assert "outflow_rate" not in part.params


def test_existing_scenarios_keep_outflow_rate_only() -> None:
    part = _part("outflow_rate: 0.3\n")
    assert "net_effect" not in part.params and part.params["outflow_rate"].mean() == 0.3
    assert (part.effect_profile, part.baseline_by_duration, part.years_on_benefit_at_intake, part.classes) == (None, None, 0.0, ())


# --------------------------------------------------------------------------- inheritance


def test_a_strategy_net_effect_replaces_the_top_level_outflow_rate() -> None:
    scenario = _load("outflow_rate: 0.3\nstrategies:\n  - name: A\n    net_effect: 0.03\n  - name: B\n")
    a, b = (s.parts[0] for s in scenario.strategies)
    assert "outflow_rate" not in a.params and a.params["net_effect"].mean() == 0.03 and a.sources["net_effect"] == "strategy"
    assert "net_effect" not in b.params and b.sources["outflow_rate"] == "base"


def test_a_group_net_effect_and_bands_replace_the_top_level_keys() -> None:
    text = (
        "outflow_rate: 0.3\nbaseline_outflow_rate: 0.1\ngroups:\n  g:\n    net_effect: 0.02\n"
        "    baseline_outflow_by_duration: [{from_years: 0, rate: 0.2}, {from_years: 2, rate: 0.05}]\n"
        "    years_on_benefit_at_intake: 3\n"
        "strategies:\n  - name: A\n    allocation: {g: 10}\n  - name: B\n    allocation: {g: 10}\n    outflow_rate: 0.25\n"
    )
    scenario = _load(text)
    a, b = (s.parts[0] for s in scenario.strategies)
    assert a.params["net_effect"].mean() == 0.02 and "outflow_rate" not in a.params
    assert b.params["outflow_rate"].mean() == 0.25 and "net_effect" not in b.params
    for part in (a, b):
        assert "baseline_outflow_rate" not in part.params
        assert part.baseline_by_duration == ((0.0, 0.2), (2.0, 0.05)) and part.years_on_benefit_at_intake == 3.0
    group_part = scenario.groups["g"].part
    assert group_part is not None and "outflow_rate" not in group_part.params and "baseline_outflow_rate" not in group_part.params


def test_a_variant_net_effect_replaces_the_top_level_outflow_rate() -> None:
    scenario = _load("outflow_rate: 0.3\nvariants:\n  - name: a\n    net_effect: 0.02\n  - name: b\n")
    a, b = (v.scenario.strategies[0].parts[0] for v in scenario.variants)
    assert "outflow_rate" not in a.params and a.params["net_effect"].mean() == 0.02
    assert "net_effect" not in b.params and b.params["outflow_rate"].mean() == 0.3


def test_top_level_bands_drop_the_default_baseline_rate() -> None:
    scenario = _load("net_effect: 0.03\nbaseline_outflow_by_duration: [{from_years: 0, rate: 0.25}]\n")
    assert "baseline_outflow_rate" not in scenario.strategies[0].parts[0].params
    assert "baseline_outflow_rate" not in scenario.base_params


# --------------------------------------------------------------------------- profiles


def test_named_profiles_resolve_with_the_part_window() -> None:
    assert _part("net_effect: 0.03\neffect_profile: window\noutflow_window_months: 9\n").effect_profile == ((0, 1.0), (9, 0.0))
    assert _part("net_effect: 0.03\neffect_profile: lock_in\n").effect_profile == ((0, -0.5), (6, 1.5), (12, 0.1))
    assert _part("net_effect: 0.03\neffect_profile: decay\n").effect_profile == ((0, 1.0), (12, 0.5), (24, 0.25), (36, 0.0))
    # A one-month window leaves no first half for lock-in: from_months stay strictly increasing.
    assert NAMED_PROFILES["lock_in"].build(1) == ((0, 1.5), (1, 0.1))
    for shape in NAMED_PROFILES.values():
        assert shape.source and shape.meaning


def test_a_listed_profile_is_kept_as_steps() -> None:
    part = _part("net_effect: 0.03\neffect_profile:\n  - {from_month: 0, weight: -0.2}\n  - {from_month: 3, weight: 1}\n  - {from_month: 12, weight: 0}\n")
    assert part.effect_profile == ((0, -0.2), (3, 1.0), (12, 0.0))
    assert [weight_at(part.effect_profile, m, 12) for m in (0, 2, 3, 11, 12, 500)] == [-0.2, -0.2, 1.0, 1.0, 0.0, 0.0]


def test_baseline_hazards_follow_the_duration_of_a_closed_group() -> None:
    bands = ((0.0, 0.5), (1.0, 0.2), (2.0, 0.05))
    assert rate_at(bands, 11) == 0.5 and rate_at(bands, 12) == 0.2 and rate_at(bands, 10_000) == 0.05
    # 1.5 years at intake: months 0..5 in the 1-2 year band, 6..11 in the 2+ band.
    hazards = baseline_hazards(12, 0.0, bands, 1.5)
    assert hazards[:6] == [hazards[0]] * 6 and hazards[6:] == [hazards[6]] * 6
    assert baseline_share(hazards) == pytest.approx(1 - (0.8 ** 0.5) * (0.95 ** 0.5))
    assert baseline_share(baseline_hazards(12, 0.3, None, 0.0)) == pytest.approx(0.3)


# --------------------------------------------------------------------------- classes


CLASSES = """\
outflow_rate: 0.3
strategies:
  - name: A
    net_effect: 0.03
    classes:
      - {name: near, share: 0.4, baseline_outflow_rate: 0.3}
      - {name: far, share: 0.6, net_effect: 0.01, effect_profile: decay, relapse_model: fixed}
"""


def test_classes_resolve_into_class_parts() -> None:
    part = _part(CLASSES)
    assert part.params["cohort_size"].mean() == 100 and "cost_per_client" in part.params
    near, far = part.classes
    assert isinstance(near, ClassSpec) and (near.name, near.share, far.name, far.share) == ("near", 0.4, "far", 0.6)
    assert near.part.params["baseline_outflow_rate"].mean() == 0.3 and near.part.sources["baseline_outflow_rate"] == "class"
    assert near.part.params["net_effect"].mean() == 0.03 and near.part.sources["net_effect"] == "strategy"
    assert far.part.params["net_effect"].mean() == 0.01 and far.part.sources["net_effect"] == "class"
    assert far.part.relapse_model == "fixed" and far.part.effect_profile == ((0, 1.0), (12, 0.5), (24, 0.25), (36, 0.0))
    for spec in (near, far):
        assert spec.part.classes == () and spec.part.group is None and "outflow_rate" not in spec.part.params
        assert spec.part.params["cohort_size"].mean() == 100


def test_classes_may_each_give_the_effect() -> None:
    part = _part("classes:\n  - {name: near, share: 0.5, outflow_rate: 0.4}\n  - {name: far, share: 0.5, net_effect: 0.01}\n")
    near, far = part.classes
    assert "net_effect" not in near.part.params and "outflow_rate" not in far.part.params


def test_class_shares_may_be_decimal_fractions() -> None:
    text = "net_effect: 0.03\nclasses:\n  - {name: a, share: 0.1}\n  - {name: b, share: 0.2}\n  - {name: c, share: 0.7}\n"
    assert [c.share for c in _part(text).classes] == [0.1, 0.2, 0.7]


# --------------------------------------------------------------------------- bad input, one line each

ALTS = (
    "net_effect for the programme's effect above the baseline, outflow_rate for the share off benefit including "
    "those who would have left anyway"
)
NEITHER = (
    "net_effect or outflow_rate is required but missing for {what}: set one of them (net_effect for the programme's "
    "effect above the baseline, outflow_rate for the share off benefit) at the top level, in the group{where}"
)
PRIORS = "bijstand_average, long_term_clients, best_controlled, mixed_evidence"

REFUSED = {
    "unknown profile shape": (
        "net_effect: 0.03\neffect_profile: lockin\n",
        "s.yaml, line 7, column 1, key 'effect_profile': unknown effect profile 'lockin'; did you mean 'lock_in'? "
        "(allowed: window, lock_in, decay, or a list of {from_month, weight})",
    ),
    "profile neither list nor name": (
        "net_effect: 0.03\neffect_profile: 3\n",
        "s.yaml, line 7, column 1, key 'effect_profile': must be a list of {from_month, weight} or the name of a shape "
        "(window, lock_in, decay), got 3",
    ),
    "profile not starting at 0": (
        "net_effect: 0.03\neffect_profile:\n  - {from_month: 2, weight: 1}\n",
        "s.yaml, line 8, column 6, key 'effect_profile[1].from_month': the profile starts at intake: the first step "
        "must have from_month 0 (got 2)",
    ),
    "profile out of order": (
        "net_effect: 0.03\neffect_profile:\n  - {from_month: 0, weight: 1}\n  - {from_month: 6, weight: 0.5}\n"
        "  - {from_month: 6, weight: 0}\n",
        "s.yaml, line 10, column 6, key 'effect_profile[3].from_month': steps out of order: from_month 6 is not after "
        "the one before (from_month 6); each from_month must be larger than the one before it",
    ),
    "profile weight not finite": (
        "net_effect: 0.03\neffect_profile:\n  - {from_month: 0, weight: .inf}\n",
        "s.yaml, line 8, column 21, key 'effect_profile[1].weight': must be a finite number (NaN and infinity are not allowed)",
    ),
    "profile step with a typo": (
        "net_effect: 0.03\neffect_profile:\n  - {from_month: 0, wieght: 1}\n",
        "s.yaml, line 8, column 21, key 'effect_profile[1].wieght': unknown key 'wieght'; did you mean 'weight'? "
        "(allowed here: from_month, weight)",
    ),
    "bands out of order": (
        "net_effect: 0.03\nbaseline_outflow_by_duration:\n  - {from_years: 0, rate: 0.3}\n  - {from_years: 2, rate: 0.1}\n"
        "  - {from_years: 1, rate: 0.05}\n",
        "s.yaml, line 10, column 6, key 'baseline_outflow_by_duration[3].from_years': bands out of order: from_years 1 "
        "is not after the one before (from_years 2); each from_years must be larger than the one before it",
    ),
    "bands not starting at 0": (
        "net_effect: 0.03\nbaseline_outflow_by_duration:\n  - {from_years: 1, rate: 0.3}\n",
        "s.yaml, line 8, column 6, key 'baseline_outflow_by_duration[1].from_years': the bands start at the beginning "
        "of a spell: the first band must have from_years 0 (got 1)",
    ),
    "band rate above 1": (
        "net_effect: 0.03\nbaseline_outflow_by_duration:\n  - {from_years: 0, rate: 30}\n",
        "s.yaml, line 8, column 21, key 'baseline_outflow_by_duration[1].rate': rate 30 is out of range: an annual "
        "exit rate is a fraction between 0 and 1; write 0.3 for 30%",
    ),
    "band rate below 0": (
        "net_effect: 0.03\nbaseline_outflow_by_duration:\n  - {from_years: 0, rate: -0.1}\n",
        "s.yaml, line 8, column 21, key 'baseline_outflow_by_duration[1].rate': rate -0.1 is out of range: an annual "
        "exit rate is a fraction between 0 and 1",
    ),
    "class shares not summing to 1": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4}\n  - {name: far, share: 0.5}\n",
        "s.yaml, line 7, column 1, key 'classes': the class shares add up to 0.9, but they must add up to 1 (each "
        "class is that share of the part's clients)",
    ),
    "class share 0": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0}\n  - {name: far, share: 1}\n",
        "s.yaml, line 8, column 18, key 'classes[1].share': share 0 is out of range: a class's share of the part's "
        "clients must be above 0 and at most 1",
    ),
    "class name twice": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4}\n  - {name: near, share: 0.6}\n",
        "s.yaml, line 9, column 6, key 'classes[2].name': class name 'near' is used twice (also classes[1])",
    ),
    "class setting cohort_size": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4, cohort_size: 10}\n  - {name: far, share: 0.6}\n",
        "s.yaml, line 8, column 30, key 'classes[1].cohort_size': cohort_size cannot be set in a class: a class is a "
        "share of its part's clients, so the part's cohort_size (or allocation) sets how many",
    ),
    "class setting intake_years": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4}\n  - {name: far, share: 0.6, intake_years: 2}\n",
        "s.yaml, line 9, column 29, key 'classes[2].intake_years': intake_years cannot be set in a class: a class is a "
        "share of each of its part's intakes, so the part sets the intakes",
    ),
    "class setting outflow_window_months": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4}\n  - {name: far, share: 0.6, outflow_window_months: 6}\n",
        "s.yaml, line 9, column 29, key 'classes[2].outflow_window_months': outflow_window_months cannot be set in a "
        "class: the net effect is measured over the part's outflow window, the same for all its classes",
    ),
    "class with classes": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4, classes: []}\n  - {name: far, share: 0.6}\n",
        "s.yaml, line 8, column 30, key 'classes[1].classes': classes cannot be set in a class: classes cannot be "
        "nested; list every class in the one classes list",
    ),
    "class key with a typo": (
        "net_effect: 0.03\nclasses:\n  - {name: near, share: 0.4, net_efect: 0.3}\n  - {name: far, share: 0.6}\n",
        "s.yaml, line 8, column 30, key 'classes[1].net_efect': unknown key 'net_efect'; did you mean 'net_effect'? "
        '(allowed here: annual_benefit_cost, annual_cost_per_fte, baseline_outflow_by_duration, baseline_outflow_rate, '
        'benefit_retention, benefit_saved_share, caseload, classes, client_net_benefit_per_year, client_net_wage_per_year, '
        'cohort_size, cost_per_client, displacement, effect_profile, employer_cost_share, '
        'execution_cost_per_client_year, fixed_annual_cost, household, intake_years, lks_refund, minimum_wage_annual, name, '
        'net_effect, non_market_time_value_per_year, outflow_rate, outflow_window_months, placement_cost_per_year, '
        'programme_months, relapse_ever, relapse_model, relapse_within_12_months, share, '
        'social_value_per_extra_client_year, social_value_per_participant_year, startup_cost, '
        'subsidised_share, time_out_of_benefits_years, wage_value, years_on_benefit_at_intake)',
    ),
    "net_effect with outflow_rate at one level": (
        "outflow_rate: 0.3\nnet_effect: 0.03\n",
        f"s.yaml, line 7, column 1, key 'net_effect': net_effect (line 7) and outflow_rate (line 6) are alternatives; set one: {ALTS}",
    ),
    "both in one strategy": (
        "outflow_rate: 0.3\nstrategies:\n  - name: A\n    net_effect: 0.03\n    outflow_rate: 0.25\n",
        f"s.yaml, line 10, column 5, key 'strategies[1].outflow_rate': outflow_rate (line 10) and net_effect (line 9) "
        f"are alternatives; set one: {ALTS}",
    ),
    "both in one variant": (
        "outflow_rate: 0.3\nvariants:\n  - name: a\n    net_effect: 0.02\n    outflow_rate: 0.2\n  - name: b\n",
        f"s.yaml, line 10, column 5, key 'variants[1].outflow_rate': outflow_rate (line 10) and net_effect (line 9) "
        f"are alternatives; set one: {ALTS}",
    ),
    "both baselines at one level": (
        "baseline_outflow_rate: 0.1\nnet_effect: 0.03\nbaseline_outflow_by_duration:\n  - {from_years: 0, rate: 0.3}\n",
        "s.yaml, line 8, column 1, key 'baseline_outflow_by_duration': baseline_outflow_by_duration (line 8) and "
        "baseline_outflow_rate (line 6) are alternatives; set one: baseline_outflow_by_duration for rates by years on "
        "benefit, baseline_outflow_rate for one rate for everyone",
    ),
    "neither, in a strategy": (
        "strategies:\n  - name: A\n",
        "s.yaml, line 7, column 5, key 'strategies[1]': " + NEITHER.format(what="strategy 'A'", where=" or in the strategy"),
    ),
    "neither, in a class": (
        "classes:\n  - {name: near, share: 0.4, net_effect: 0.02}\n  - {name: far, share: 0.6}\n",
        "s.yaml, line 8, column 5, key 'classes[2]': "
        + NEITHER.format(what="the scenario, class 'far'", where=", in the strategy or in the class"),
    ),
    "unknown prior": (
        "net_effect: {prior: bijstand_avg}\n",
        f"s.yaml, line 6, column 14, key 'net_effect.prior': unknown prior 'bijstand_avg'; did you mean "
        f"'bijstand_average'? (allowed: {PRIORS})",
    ),
    "prior on another key": (
        "outflow_rate: {prior: bijstand_average}\n",
        f"s.yaml, line 6, column 16, key 'outflow_rate.prior': a named prior is available only for net_effect "
        f"(priors: {PRIORS}); give outflow_rate a number or a distribution",
    ),
    "prior in a strategy on another key": (
        "net_effect: 0.02\nstrategies:\n  - name: A\n    baseline_outflow_rate: {prior: best_controlled}\n",
        f"s.yaml, line 9, column 29, key 'strategies[1].baseline_outflow_rate.prior': a named prior is available only "
        f"for net_effect (priors: {PRIORS}); give baseline_outflow_rate a number or a distribution",
    ),
    "prior with other keys": (
        "net_effect: {prior: bijstand_average, mode: 0.02}\n",
        "s.yaml, line 6, column 39, key 'net_effect.mode': a named prior stands alone: remove 'mode', or give a "
        "distribution without prior",
    ),
    "years without bands": (
        "net_effect: 0.03\nyears_on_benefit_at_intake: 11\n",
        "s.yaml, line 7, column 1, key 'years_on_benefit_at_intake': years_on_benefit_at_intake is not used without "
        "baseline_outflow_by_duration, whose starting band it picks; remove it, or set baseline_outflow_by_duration",
    ),
    "years in a strategy without bands": (
        "net_effect: 0.03\nstrategies:\n  - name: A\n    years_on_benefit_at_intake: 11\n",
        "s.yaml, line 9, column 5, key 'strategies[1].years_on_benefit_at_intake': years_on_benefit_at_intake is not "
        "used without baseline_outflow_by_duration, whose starting band it picks; remove it, or set "
        "baseline_outflow_by_duration",
    ),
    "no positive weight in the window": (
        "net_effect: 0.03\neffect_profile:\n  - {from_month: 0, weight: 0}\n  - {from_month: 12, weight: 1}\n",
        "s.yaml, line 7, column 1, key 'effect_profile': no month of the outflow window (months 0 to 11) has a "
        "positive weight for the scenario, so net_effect (0.03) cannot be reached: the programme adds its effect "
        "through positive weights; give a month before month 12 a positive weight",
    ),
    "no positive weight, a distribution": (
        "net_effect: {prior: mixed_evidence}\nstrategies:\n  - name: A\n    effect_profile:\n"
        "      - {from_month: 0, weight: -1}\n",
        "s.yaml, line 9, column 5, key 'strategies[1].effect_profile': no month of the outflow window (months 0 to "
        "11) has a positive weight for strategy 'A', so net_effect (pert(low -0.02, mode 0.01, high 0.05)) cannot be "
        "reached: the programme adds its effect through positive weights; give a month before month 12 a positive weight",
    ),
    "target share above 1": (
        "baseline_outflow_rate: 0.9\nnet_effect: 0.2\n",
        "s.yaml, line 7, column 1, key 'net_effect': net_effect 0.2 on top of the baseline share off benefit after 12 "
        "months (0.9) gives 1.1 for the scenario, more than a share can be (at most 1); lower net_effect or change the baseline",
    ),
    "target share below 0": (
        "baseline_outflow_rate: 0.05\nnet_effect: -0.1\n",
        "s.yaml, line 7, column 1, key 'net_effect': net_effect -0.1 on top of the baseline share off benefit after 12 "
        "months (0.05) gives -0.05 for the scenario, less than a share can be (at least 0); raise net_effect or change the baseline",
    ),
    "target share of a class above 1": (
        "net_effect: 0.05\nclasses:\n  - {name: near, share: 0.4, baseline_outflow_rate: 0.99}\n  - {name: far, share: 0.6}\n",
        "s.yaml, line 6, column 1, key 'net_effect': net_effect 0.05 on top of the baseline share off benefit after 12 "
        "months (0.99) gives 1.04 for the scenario, class 'near', more than a share can be (at most 1); lower "
        "net_effect or change the baseline",
    ),
    "target share with duration bands below 0": (
        "net_effect: -0.05\nbaseline_outflow_by_duration: [{from_years: 0, rate: 0.5}, {from_years: 5, rate: 0.02}]\n"
        "years_on_benefit_at_intake: 11\n",
        "s.yaml, line 6, column 1, key 'net_effect': net_effect -0.05 on top of the baseline share off benefit after 12 "
        "months (0.02) gives -0.03 for the scenario, less than a share can be (at least 0); raise net_effect or change "
        "the baseline",
    ),
    "a variant's net_effect beside a strategy's outflow_rate": (
        "outflow_rate: 0.3\nvariants:\n  - name: a\n    net_effect: 0.02\n  - name: b\nstrategies:\n  - name: A\n"
        "    outflow_rate: 0.2\n",
        "s.yaml, line 9, column 5, key 'variants[1].net_effect': 'net_effect' is set by variant 'a' (line 9) and "
        "outflow_rate by strategies[1] (line 13): a key is a belief (variants) or a choice (strategies, groups), not both",
    ),
    "a class's relapse shares out of order": (
        "net_effect: 0.03\nclasses:\n  - {name: a, share: 0.5, relapse_model: levelling, relapse_within_12_months: 0.4, "
        "relapse_ever: 0.3}\n  - {name: b, share: 0.5}\n",
        "s.yaml, line 8, column 53, key 'classes[1].relapse_within_12_months': relapse_within_12_months (0.4) cannot "
        "exceed relapse_ever (0.3): those back within a year are among those who ever come back",
    ),
    "a class's relapse shares drawn out of order": (
        "net_effect: 0.03\nstrategies:\n  - name: A\n    classes:\n      - {name: a, share: 0.5, relapse_model: levelling, "
        "relapse_within_12_months: {dist: uniform, low: 0.2, high: 0.5}, relapse_ever: 0.3}\n      - {name: b, share: 0.5}\n",
        "s.yaml, line 10, column 57, key 'strategies[1].classes[1].relapse_within_12_months': relapse_within_12_months "
        "(uniform(low 0.2, high 0.5)) is drawn above relapse_ever (0.3) in 66.7% of iterations, but those back within "
        "a year are among those who ever come back; narrow or separate the two distributions",
    ),
    "a class's relapse keys missing": (
        "net_effect: 0.03\nclasses:\n  - {name: a, share: 0.5, relapse_model: levelling}\n  - {name: b, share: 0.5}\n",
        "s.yaml, line 8, column 5, key 'classes[1]': 'relapse_within_12_months' is required but missing for the "
        "scenario, class 'a' (needed by relapse_model levelling): set it at the top level, in the group, in the strategy "
        "or in the class",
    ),
    "a class's own caseload too small": (
        "net_effect: 0.03\nannual_cost_per_fte: 60000\ncaseload: 10\nclasses:\n  - {name: a, share: 0.5, caseload: 1.0e-300}\n"
        "  - {name: b, share: 0.5}\n",
        "s.yaml, line 10, column 27, key 'classes[1].caseload': with caseload down to 1e-300 the staff cost per client "
        "(annual_cost_per_fte / caseload × programme_months / 12) reaches 6e+304 EUR, more than can be computed with: "
        "an amount may be at most 1e+15 EUR; raise the caseload (clients per FTE)",
    ),
    "a variant's class shares": (
        "net_effect: 0.03\nvariants:\n  - name: a\n    classes:\n      - {name: x, share: 0.5}\n      - {name: y, share: 0.6}\n"
        "  - name: b\n",
        "s.yaml, line 9, column 5, key 'variants[1].classes': the class shares add up to 1.1, but they must add up to 1 "
        "(each class is that share of the part's clients)",
    ),
    "a variant's profile out of order": (
        "net_effect: 0.03\nvariants:\n  - name: a\n  - name: b\n"
        "    effect_profile: [{from_month: 0, weight: 1}, {from_month: 0, weight: 2}]\n",
        "s.yaml, line 10, column 51, key 'variants[2].effect_profile[2].from_month': steps out of order: from_month 0 is "
        "not after the one before (from_month 0); each from_month must be larger than the one before it",
    ),
    "a class's staff cost without a caseload": (
        "net_effect: 0.03\nclasses:\n  - {name: a, share: 0.5, annual_cost_per_fte: 60000}\n  - {name: b, share: 0.5}\n",
        "s.yaml, line 8, column 27, key 'classes[1].annual_cost_per_fte': annual_cost_per_fte is set for the scenario, "
        "class 'a' but caseload (clients per FTE) is not; set caseload",
    ),
    "net_effect out of range": (
        "net_effect: 5\n",
        "s.yaml, line 6, column 1, key 'net_effect': 5 is not a rate: a rate is a fraction between -1 and 1; write 0.05 for 5%",
    ),
    "net_effect unbounded normal": (
        "net_effect: {dist: normal, mean: 0.02, sd: 0.02}\n",
        "s.yaml, line 6, column 1, key 'net_effect': this normal distribution can give values outside the allowed "
        "range (between -1 and 1); add low: -1 and high: 1 or use a PERT distribution",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_in_one_line(case: str) -> None:
    text, message = REFUSED[case]
    assert scenario_error(BASE + text) == message


def test_the_cli_refuses_with_exit_2(cli, write) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE + "outflow_rate: 0.3\nnet_effect: 0.03\n", "s.yaml")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "key 'net_effect': net_effect (line 7) and outflow_rate (line 6) are alternatives; set one" in result.stderr


def test_a_zero_net_effect_needs_no_positive_weight() -> None:
    part = _part("net_effect: 0\neffect_profile: [{from_month: 0, weight: 0}]\n")
    assert part.effect_profile == ((0, 0.0),)


# --------------------------------------------------------------------------- the schema


def test_the_schema_shows_the_new_keys() -> None:
    props = json_schema()["properties"]
    for key in ("net_effect", "effect_profile", "baseline_outflow_by_duration", "years_on_benefit_at_intake", "classes"):
        assert props[key]["description"], key
    text = json.dumps(json_schema())
    for word in ("lock_in", "decay", "from_month", "from_years", "bijstand_average", "ClassModel"):
        assert word in text, word


# --------------------------------------------------------------------------- classes and relapse

NO_RELAPSE = "horizon_years: 3\ncohort_size: 100\ncost_per_client: 5000\nannual_benefit_cost: 12000\nnet_effect: 0.03\n"
LEVELLING = "relapse_model: levelling, relapse_within_12_months: 0.2, relapse_ever: 0.3"


def test_classes_with_their_own_relapse_need_no_relapse_keys_in_the_part() -> None:
    text = NO_RELAPSE + f"classes:\n  - {{name: a, share: 0.5, {LEVELLING}}}\n  - {{name: b, share: 0.5, {LEVELLING}}}\n"
    part = parse_scenario(text, "s.yaml").strategies[0].parts[0]
    assert {c.part.relapse_model for c in part.classes} == {"levelling"}


def test_a_part_relapse_key_used_only_by_a_class_is_kept() -> None:
    text = NO_RELAPSE + (
        "relapse_model: levelling\nrelapse_within_12_months: 0.2\nrelapse_ever: 0.3\ntime_out_of_benefits_years: 2\n"
        "classes:\n  - {name: a, share: 0.5, relapse_model: exponential}\n  - {name: b, share: 0.5}\n"
    )
    a, b = parse_scenario(text, "s.yaml").strategies[0].parts[0].classes
    assert (a.part.relapse_model, b.part.relapse_model) == ("exponential", "levelling")


def test_a_part_relapse_key_no_class_uses_is_refused() -> None:
    text = BASE + f"net_effect: 0.03\nclasses:\n  - {{name: a, share: 0.5, {LEVELLING}}}\n  - {{name: b, share: 0.5, {LEVELLING}}}\n"
    assert scenario_error(text) == (
        "s.yaml, line 5, column 1, key 'time_out_of_benefits_years': time_out_of_benefits_years is not used by "
        "relapse_model levelling, which uses relapse_within_12_months and relapse_ever; remove it, or set "
        "relapse_model: exponential or fixed"
    )


def test_a_class_relapse_key_its_model_ignores_is_refused() -> None:
    text = BASE + "net_effect: 0.03\nclasses:\n  - {name: a, share: 0.5, relapse_ever: 0.3}\n  - {name: b, share: 0.5}\n"
    assert scenario_error(text) == (
        "s.yaml, line 8, column 27, key 'classes[1].relapse_ever': relapse_ever is not used by relapse_model "
        "exponential, which uses time_out_of_benefits_years; remove it, or set relapse_model: levelling"
    )


def test_a_group_alone_that_its_strategies_complete_is_not_priced() -> None:
    text = NO_RELAPSE + (
        "groups:\n  g:\n    classes:\n      - {name: a, share: 0.5}\n      - {name: b, share: 0.5, net_effect: 0.01}\n"
        "strategies:\n  - name: A\n    allocation: {g: 10}\n    time_out_of_benefits_years: 2\n"
    )
    scenario = parse_scenario(text, "s.yaml")
    assert scenario.groups["g"].part is None
    assert [c.name for c in scenario.strategies[0].parts[0].classes] == ["a", "b"]


def test_values_as_read_show_the_new_keys() -> None:
    from roi_sim.scenario.describe import describe_values

    text = BASE + (
        "net_effect: {prior: long_term_clients}\neffect_profile: lock_in\n"
        "baseline_outflow_by_duration: [{from_years: 0, rate: 0.35}, {from_years: 1, rate: 0.15}]\n"
        "years_on_benefit_at_intake: 11\n"
        "strategies:\n  - name: A\n    classes:\n"
        "      - {name: near, share: 0.3, net_effect: 0.02, years_on_benefit_at_intake: 2}\n      - {name: far, share: 0.7}\n"
    )
    lines = describe_values(parse_scenario(text, "s.yaml"))
    assert "net_effect: pert(low -0.01, mode 0.01, high 0.03), prior long_term_clients" in lines
    assert "  effect_profile: from month 0: -0.5, from month 6: 1.5, from month 12: 0.1" in lines
    assert "  baseline_outflow_by_duration: from 0 years: 0.35, from 1 years: 0.15; years_on_benefit_at_intake: 11" in lines
    near = lines.index("  class 'near' (share 0.3):")
    assert lines[near + 1 : near + 2] == ["    net_effect: 0.02"]
    assert "    baseline_outflow_by_duration: from 0 years: 0.35, from 1 years: 0.15; years_on_benefit_at_intake: 2" in lines
    assert lines[-1] == "  class 'far' (share 0.7):"
