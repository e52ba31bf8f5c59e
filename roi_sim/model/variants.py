"""Rival beliefs about the world (DESIGN.md §8): per-iteration model averaging.

A scenario's ``variants`` are rival beliefs (which counterfactual, which relapse, which
effect study), not choices. Each iteration draws one variant with probability ``weight``
from its own stream ``SeedSequence(seed, spawn_key=(block, 3))`` — the same variant for every
strategy, so comparisons of strategies stay paired — and simulates that iteration under it.
A strategy's figures are then the model average; each variant's own figures come from the
iterations that drew it. Only the iterations assigned to a variant are simulated under it, so
variants cost no more than one run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from roi_sim.model.engine import StrategyInputs
from roi_sim.model.metrics import IterationResults

if TYPE_CHECKING:
    from roi_sim.scenario.spec import Scenario

_STREAM_VARIANT = 3


def variant_index(scenario: Scenario, block: int, n: int) -> np.ndarray:
    """Which variant each iteration of ``block`` lives in (inverse CDF of the weights)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(scenario.seed, spawn_key=(block, _STREAM_VARIANT))))
    cumulative = np.cumsum([v.weight for v in scenario.variants])
    u = rng.random(n) * cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, u, side="right"), len(cumulative) - 1)


def subset(inputs: StrategyInputs, mask: np.ndarray) -> StrategyInputs:
    """The inputs of the iterations in ``mask``."""
    return StrategyInputs(**{k: None if v is None else v[mask] for k, v in vars(inputs).items()})  # type: ignore[arg-type]


def scatter(target: IterationResults, mask: np.ndarray, part: IterationResults) -> None:
    """Write ``part`` (the iterations in ``mask``, in order) into ``target``."""
    for k in target.__dataclass_fields__:
        source = getattr(part, k)
        destination = getattr(target, k)
        if source is not None and destination is not None:
            destination[mask] = source


def with_variant(results: IterationResults, index: np.ndarray) -> IterationResults:
    return replace(results, variant=index.astype(np.float64))
