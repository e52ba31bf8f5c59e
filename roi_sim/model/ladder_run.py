"""A ladder part from its inputs (DESIGN.md §10): the monthly rates of both arms from the
drawn annual rates and programme entries, the intakes split over the start states, and the
coupled simulation of :mod:`roi_sim.model.ladder`."""

from __future__ import annotations

import numpy as np

from roi_sim.model.classes import split_cohort
from roi_sim.model.effects import profile_weights
from roi_sim.model.engine import ModelShape, StrategyInputs
from roi_sim.model.ladder import LadderRates, Occupancy, baseline_rows, programme_scales, simulate_ladder
from roi_sim.scenario.resolved import LadderSpec


def ladder_rates(ladder: LadderSpec, inputs: StrategyInputs, shape: ModelShape) -> LadderRates:
    """The monthly probabilities of both arms, per iteration."""
    assert inputs.ladder_rates is not None
    values = inputs.ladder_rates
    k, m = len(ladder.states), len(ladder.transitions)
    baseline = baseline_rows(k, [(i, j, values[:, c]) for c, (i, j, _) in enumerate(ladder.transitions)])
    if baseline.shape[2] != inputs.n:
        baseline = np.broadcast_to(baseline, (k, k, inputs.n)).copy()
    weights = profile_weights(shape)
    entries = [(i, j, kind, values[:, m + c]) for c, (i, j, kind, _) in enumerate(ladder.programme)]
    extra = programme_scales(baseline, entries, weights, shape.outflow_window_months)
    return LadderRates(baseline, extra, weights)


def intakes_by_state(ladder: LadderSpec, cohort: np.ndarray) -> np.ndarray:
    """Whole clients of each intake by start state ``(K, n)``: largest remainder, in both
    modes, so the deterministic model and the simulation start from the same clients."""
    return np.array(split_cohort(cohort, ladder.start))


def simulate_ladder_part(ladder: LadderSpec, inputs: StrategyInputs, shape: ModelShape, rng: np.random.Generator | None) -> Occupancy:
    rates = ladder_rates(ladder, inputs, shape)
    return simulate_ladder(rates, intakes_by_state(ladder, inputs.cohort_size), shape.intake_years, shape.horizon_months, rng)
