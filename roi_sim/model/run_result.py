"""What a run hands back: its settings, the per-strategy summaries (and, with variants,
each variant's) and the per-iteration results."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from roi_sim.model.metrics import IterationResults, StrategySummary, summarize_strategy
from roi_sim.model.nominal import nominal_yearly
from roi_sim.model.occupancy import occupancy_summary
from roi_sim.scenario.distributions import Fixed
from roi_sim.scenario.spec import Scenario


@dataclass(frozen=True)
class RunSettings:
    """What a run was asked to do."""

    iterations: int
    seed: int
    deterministic: bool
    horizon_years: int
    discount_rate: float | dict[str, object]


@dataclass(frozen=True)
class RunResult:
    """A finished run: settings, per-strategy summaries and the per-iteration results.

    ``parameters`` (only with ``run(..., keep_parameters=True)``) holds each strategy's
    per-iteration parameter draws (of its first part), aligned with ``iterations``.
    """

    scenario: Scenario
    settings: RunSettings
    strategies: tuple[StrategySummary, ...]
    iterations: dict[str, IterationResults]
    parameters: dict[str, dict[str, np.ndarray]] | None = None
    #: With ``run(..., keep_monthly=True)``: each strategy's cumulative discounted net cash
    #: flow per month and iteration, shape ``(months, min(iterations, FAN_MAX_ITERATIONS))``:
    #: the first iterations only, so memory stays bounded (for fan charts; model/blocks.py).
    monthly_cumulative_net: dict[str, np.ndarray] | None = None


def run_result(
    scenario: Scenario, n_iter: int, deterministic: bool, per_strategy: list[IterationResults],
    kept: list[dict[str, np.ndarray]] | None, monthly: list[np.ndarray] | None,
    by_variant: list[list[IterationResults]] | None = None,
) -> RunResult:
    discount = scenario.discount_rate
    settings = RunSettings(
        iterations=n_iter,
        seed=scenario.seed,
        deterministic=deterministic,
        horizon_years=scenario.horizon_years,
        discount_rate=float(discount.value) if isinstance(discount, Fixed) else discount.model_dump(by_alias=True, exclude_none=True),
    )
    names = [spec.name for spec in scenario.strategies]
    return RunResult(
        scenario=scenario,
        settings=settings,
        strategies=_summaries(scenario, per_strategy, by_variant),
        iterations=dict(zip(names, per_strategy)),
        parameters=None if kept is None or deterministic else dict(zip(names, kept)),
        monthly_cumulative_net=None if monthly is None else dict(zip(names, monthly)),
    )


def _summaries(
    scenario: Scenario, per_strategy: list[IterationResults], by_variant: list[list[IterationResults]] | None
) -> tuple[StrategySummary, ...]:
    """Per-strategy summaries; with variants also each variant's, from the iterations that
    drew it (or, deterministic, from its own evaluation at the means)."""
    out = []
    for s, (spec, res) in enumerate(zip(scenario.strategies, per_strategy)):
        summary = summarize_strategy(spec.name, res)
        ladder = spec.parts[0].ladder
        if ladder is not None:
            summary = replace(summary, occupancy=occupancy_summary(ladder, res))
        if scenario.prices is not None:
            summary = replace(summary, nominal=nominal_yearly(res, scenario.prices))
        if scenario.variants:
            own = []
            for v, variant in enumerate(scenario.variants):
                if by_variant is not None:
                    part = by_variant[s][v]
                else:
                    assert res.variant is not None
                    mask = res.variant == v
                    if not mask.any():
                        continue
                    part = IterationResults(**{k: None if a is None else a[mask] for k, a in vars(res).items()})  # type: ignore[arg-type]
                own.append((variant.name, summarize_strategy(spec.name, part)))
            summary = replace(summary, by_variant=tuple(own))
        out.append(summary)
    return tuple(out)
