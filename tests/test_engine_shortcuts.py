"""The engine's shortcuts give the numbers of the longer way they replace, bit for bit:

* the counterfactual's own evaluation with ``ProgrammeHazard.baseline`` (no one-sided draws,
  pools nobody can enter skipped) against the same arms with the baseline hazard ``b`` passed
  as an explicit programme hazard, which steps every pool and draws the zero one-sided moves;
* a fixed relapse read from the zero-padded history in one gather against the bounds-checked
  gather on a history without padding.
"""

from __future__ import annotations

import numpy as np
import pytest

from roi_sim.model.arms import ProgrammeHazard, _both_arms, _Draw
from roi_sim.model.blocks import part_shape
from roi_sim.model.draws import block_inputs, generator
from roi_sim.model.engine import StrategyInputs, _Pool, _Relapse, _Transitions, monthly_hazard
from roi_sim.scenario.spec import parse_scenario

BASE = """
name: shortcuts
horizon_years: 4
iterations: 4096
seed: 11
cohort_size: 300
intake_years: 2
cost_per_client: 1000
annual_benefit_cost: 12000
outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}
outflow_window_months: 12
baseline_outflow_rate: {dist: uniform, low: 0.05, high: 0.12}
"""
RELAPSES = {
    "exponential": "relapse_model: exponential\ntime_out_of_benefits_years: {dist: uniform, low: 1, high: 3}\n",
    "fixed": "relapse_model: fixed\ntime_out_of_benefits_years: {dist: triangular, low: 1, mode: 2, high: 3}\n",
    "levelling": "relapse_model: levelling\nrelapse_within_12_months: 0.2\nrelapse_ever: 0.35\n",
}


def _inputs(relapse: str):
    scenario = parse_scenario(BASE + RELAPSES[relapse], "shortcuts.yaml")
    part, inputs = block_inputs(scenario, 0, 4096)[0][0]
    shape = part_shape(scenario, part)
    cohort = np.round(inputs.cohort_size)
    starts = [12 * k for k in range(shape.intake_years)]
    return inputs, shape, cohort, starts, monthly_hazard(inputs.baseline_outflow_rate, 12.0)


@pytest.mark.parametrize("relapse", sorted(RELAPSES))
@pytest.mark.parametrize("stochastic", [False, True], ids=["expected", "drawn"])
def test_baseline_hazard_is_the_explicit_baseline(relapse: str, stochastic: bool) -> None:
    inputs, shape, cohort, starts, b = _inputs(relapse)
    if stochastic:
        cohort = cohort.astype(np.int64)

    def arms(hazard: ProgrammeHazard) -> tuple[np.ndarray, np.ndarray]:
        rng = generator(11, 0, 99) if stochastic else None
        return _both_arms(inputs, shape, _Draw(rng), cohort, starts, b, hazard)

    short = arms(ProgrammeHazard.baseline(shape.outflow_window_months))
    long = arms(ProgrammeHazard(shape.outflow_window_months, b))
    assert np.array_equal(short[0], long[0]) and np.array_equal(short[1], long[1])
    # h = b: both arms the same, and clients do leave (the comparison is not of zeros).
    assert np.array_equal(short[0], short[1]) and short[1][-1].sum() > 0


@pytest.mark.parametrize("integers", [False, True])
def test_padded_gather_is_the_bounds_checked_gather(integers: bool) -> None:
    rng = np.random.default_rng(3)
    n, horizon, months, first = 500, 48, 12, 7
    time_out = rng.uniform(0.05, 3.5, n)  # lags from 1 month to 42
    dtype = np.int64 if integers else np.float64
    relapse = _Relapse("fixed", _lag_inputs(time_out), horizon)
    assert relapse.common_lag is None and relapse.max_lag > months
    padded = _Pool(n, first, months, dtype, True, pad=relapse.max_lag)
    plain = _Pool(n, first, months, dtype, True)
    filled = rng.integers(0, 40, (months, n)).astype(dtype)
    padded.history[:] = filled  # type: ignore[index]
    plain.history[:] = filled  # type: ignore[index]
    tr = _Transitions(None)
    seen_nonzero = 0
    for t in range(first, first + months):
        got, want = relapse.back(padded, t, tr), relapse.back(plain, t, tr)
        if want is None:
            assert got is None
            continue
        assert got is not None and got.dtype == want.dtype and np.array_equal(got, want)
        # By hand: iteration i reads month t - lag_i of the history, zero before it began.
        src = t - first - relapse.lag
        assert np.array_equal(want, np.where(src >= 0, filled[np.clip(src, 0, None), np.arange(n)], 0))
        seen_nonzero += int(np.count_nonzero(want))
    assert seen_nonzero > 0


def _lag_inputs(time_out_years: np.ndarray) -> StrategyInputs:
    ones = np.ones_like(time_out_years)
    return StrategyInputs(ones, ones, ones, None, ones * 0.1, time_out_years, ones * 0.0)
