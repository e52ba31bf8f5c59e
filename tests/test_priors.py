"""Named priors of net_effect (DESIGN.md §9; facts.md §5 and §9): each resolves to a PERT
whose numbers are the documented ones, cites its source, and reads back as itself."""

from __future__ import annotations

import pytest

from roi_sim.scenario.describe import describe_values
from roi_sim.scenario.distributions import Pert
from roi_sim.scenario.priors import PRIORS, prior_name
from roi_sim.scenario.schema import ModelKeys
from roi_sim.scenario.spec import parse_scenario
from tests.test_effect_keys import BASE

#: The documented numbers (the README's table): (low, mode, high).
DOCUMENTED = {
    "bijstand_average": (0.0, 0.02, 0.05),
    "long_term_clients": (-0.01, 0.01, 0.03),
    "best_controlled": (0.03, 0.09, 0.10),
    "mixed_evidence": (-0.02, 0.01, 0.05),
}


def test_the_table_holds_the_documented_priors() -> None:
    assert list(PRIORS) == list(DOCUMENTED)
    for name, prior in PRIORS.items():
        dist = prior.distribution
        assert isinstance(dist, Pert) and (dist.low, dist.mode, dist.high) == DOCUMENTED[name]
        assert prior.name == name and "facts.md §" in prior.source and prior.meaning
        # Within net_effect's range, and within the guardrail's 0.10 (DESIGN.md §9).
        assert -1 <= dist.low and dist.high <= 0.10


@pytest.mark.parametrize("name", list(DOCUMENTED))
def test_a_prior_resolves_to_its_distribution(name: str) -> None:
    scenario = parse_scenario(BASE + f"net_effect: {{prior: {name}}}\n", "s.yaml")
    dist = scenario.strategies[0].parts[0].params["net_effect"]
    assert dist == PRIORS[name].distribution and prior_name(dist) == name
    assert f"net_effect: {dist.describe()}, prior {name}" in describe_values(scenario)


def test_a_prior_in_a_strategy_class_and_variant() -> None:
    text = BASE + (
        "outflow_rate: 0.3\n"
        "strategies:\n  - name: A\n    net_effect: {prior: best_controlled}\n"
        "    classes:\n      - {name: long, share: 0.5, net_effect: {prior: long_term_clients}}\n"
        "      - {name: short, share: 0.5}\n"
        "variants:\n  - name: sceptic\n    baseline_outflow_rate: 0.1\n  - name: optimist\n"
    )
    for variant in parse_scenario(text, "s.yaml").variants:
        long, short = variant.scenario.strategies[0].parts[0].classes
        assert prior_name(long.part.params["net_effect"]) == "long_term_clients"
        assert prior_name(short.part.params["net_effect"]) == "best_controlled"


def test_a_model_validated_from_data_takes_a_prior_too() -> None:
    keys = ModelKeys.model_validate({"net_effect": {"prior": "bijstand_average"}})
    assert keys.net_effect == PRIORS["bijstand_average"].distribution


def test_the_file_as_read_is_not_changed() -> None:
    from roi_sim.scenario.priors import resolve_priors
    from roi_sim.scenario.yaml_reader import read_yaml

    doc = read_yaml("s.yaml", BASE + "net_effect: {prior: bijstand_average}\n")
    resolved = resolve_priors(doc, "s.yaml")
    assert doc.data["net_effect"] == {"prior": "bijstand_average"}
    assert resolved.data["net_effect"]["dist"] == "pert"
