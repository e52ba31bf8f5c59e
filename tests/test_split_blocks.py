"""The process pool splits a block by strategy (roi_sim/model/blocks.py): a strategy's numbers, kept
parameters and monthly cash flows must be those of the whole block, bit for bit, with and without
variants, however many workers run them. The report draws its charts on several processes: the
same bytes as drawn in one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from roi_sim.model.blocks import simulate_block
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.mark.parametrize("name", ["lelystad.yaml", "schiedam.yaml"])
def test_one_strategy_of_a_block_is_that_strategy_of_the_whole_block(name: str) -> None:
    scenario = load_scenario(SCENARIOS / name)
    whole = simulate_block(scenario, 0, keep_parameters=True, keep_monthly=True)
    for s in reversed(range(len(scenario.strategies))):
        alone = simulate_block(scenario, 0, keep_parameters=True, keep_monthly=True, strategies=(s,))
        assert np.array_equal(alone.results[0].net_savings, whole.results[s].net_savings)
        assert np.array_equal(alone.results[0].expected_net, whole.results[s].expected_net)
        assert alone.monthly is not None and whole.monthly is not None
        assert np.array_equal(alone.monthly[0], whole.monthly[s])
        assert alone.parameters is not None and whole.parameters is not None
        assert alone.parameters[0].keys() == whole.parameters[s].keys()
        for key, values in alone.parameters[0].items():
            assert np.array_equal(values, whole.parameters[s][key], equal_nan=True), key


def test_a_one_block_run_split_over_two_workers_equals_the_serial_run() -> None:
    scenario = load_scenario(SCENARIOS / "schiedam.yaml")
    serial = run(scenario, iterations=512, workers=1, keep_parameters=True, keep_monthly=True)
    pooled = run(scenario, iterations=512, workers=2, keep_parameters=True, keep_monthly=True)
    for a, b in zip(serial.strategies, pooled.strategies):
        assert a.metrics == b.metrics
    assert serial.parameters is not None and pooled.parameters is not None
    for name in serial.parameters:
        for key, values in serial.parameters[name].items():
            assert np.array_equal(values, pooled.parameters[name][key], equal_nan=True)


def test_the_report_charts_drawn_on_two_processes_are_the_same_bytes() -> None:
    from roi_sim.outputs.council_report import make_charts
    from roi_sim.outputs.language import language

    result = run(load_scenario(SCENARIOS / "schiedam.yaml"), iterations=256, keep_monthly=True)
    for fmt in ("png", "svg"):
        serial = make_charts(result, language("nl"), fmt, processes=1)
        pooled = make_charts(result, language("nl"), fmt, processes=2)
        assert list(serial) == list(pooled) == ["fan", "histogram", "comparison", "occupancy-1", "occupancy-2", "occupancy-3"]
        assert serial == pooled
