"""The one parameter table (issue 10.6): the schema, the checks and the streams come from it."""

from __future__ import annotations

import json

from roi_sim.model.simulate import PARAMETER_STREAMS
from roi_sim.scenario import vocabulary as v
from roi_sim.scenario.schema import GroupModel, ModelKeys, ScenarioModel, StrategyModel, json_schema


def test_streams_are_the_simulation_streams() -> None:
    # The ids the simulation draws with (its contract) are exactly the table's, in order.
    assert list(v.PARAMETER_STREAMS.items()) == list(PARAMETER_STREAMS.items())
    assert len(set(v.PARAMETER_STREAMS.values())) == len(v.PARAMETER_STREAMS)


def test_model_keys_are_generated_from_the_table() -> None:
    assert tuple(ModelKeys.model_fields) == v.MODEL_KEY_ORDER
    assert set(v.MODEL_KEY_ORDER) == set(v.PARAMETERS) | set(v.STRUCTURAL_KEYS)
    for model in (GroupModel, StrategyModel, ScenarioModel):
        assert set(v.MODEL_KEY_ORDER) <= set(model.model_fields)
    props = json_schema()["properties"]
    for name, info in v.PARAMETERS.items():
        assert props[name]["description"] == info.description
    for name, (description, _) in v.STRUCTURAL_KEYS.items():
        assert props[name]["description"] == description
        assert v.MODEL_DEFAULTS[name] == v.STRUCTURAL_KEYS[name][1]


def test_description_is_not_repeated() -> None:
    # The baseline rate used to read "... Default 0. Default 0." in `roi-sim schema`.
    assert "Default 0. Default 0." not in json.dumps(json_schema())


def test_ledgers_of_each_parameter() -> None:
    assert v.LEDGER_QUANTITY == {"fiscal": "net_savings", "societal": "societal_net"}
    # Benefits and subsidies are transfers: not in the societal (MKBA) ledger.
    assert v.PARAMETERS["annual_benefit_cost"].ledgers == ("fiscal",)
    assert v.PARAMETERS["subsidised_share"].ledgers == ("fiscal",)
    assert v.PARAMETERS["social_value_per_participant_year"].ledgers == ("societal",)
    assert all(set(info.ledgers) <= set(v.LEDGERS) for info in v.PARAMETERS.values())
