"""The deterministic model: every parameter at its mean (``run(..., deterministic=True)``),
and the expected flows as a vectorised function of the parameters (break-even, tornado,
Sobol indices, E[net | θ] of a pilot)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from roi_sim.model.blocks import simulate_strategy, strategy_flows
from roi_sim.model.draws import PARAMETER_STREAMS, ladder_rate_names, mean_inputs, mean_ladder_rates, with_classes
from roi_sim.model.flows import DiscountedFlows
from roi_sim.model.metrics import IterationResults, per_iteration
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PartSpec, Scenario
from roi_sim.scenario.vocabulary import is_ladder_parameter


def deterministic_run(scenario: Scenario) -> tuple[list[tuple[IterationResults, np.ndarray]], list[list[IterationResults]] | None]:
    """Each parameter at its mean; with variants, each variant at its means and the figures
    of their weighted average (DESIGN.md §8), plus each variant's own results."""
    if not scenario.variants:
        return [simulate_strategy(scenario, parts, None) for parts in mean_inputs(scenario)], None
    total_weight = sum(v.weight for v in scenario.variants)
    flows = [[strategy_flows(v.scenario, parts, None) for parts in mean_inputs(v.scenario)] for v in scenario.variants]
    done = []
    for s in range(len(scenario.strategies)):
        average, extra = None, None
        for v, variant in enumerate(scenario.variants):
            f, e = flows[v][s]
            share = variant.weight / total_weight
            average = f.scaled(share) if average is None else average.plus(f.scaled(share))
            extra = e * share if extra is None else extra + e * share
        assert average is not None and extra is not None
        res = per_iteration(average, extra)
        done.append((replace(res, expected_net=res.net_savings, expected_societal_net=res.societal_net), average.cumulative_net))
    own = [[_expected_filled(per_iteration(*flows[v][s])) for v in range(len(scenario.variants))] for s in range(len(scenario.strategies))]
    return done, own


def _expected_filled(res: IterationResults) -> IterationResults:
    return replace(res, expected_net=res.net_savings, expected_societal_net=res.societal_net)


def evaluate_deterministic(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None = None, n: int = 1
) -> dict[str, IterationResults]:
    """The deterministic model (expected flows) for ``n`` parameter sets at once.

    Every parameter is at its mean, except those in ``overrides`` (a number, or an array
    of ``n`` values), which replace the parameter in every part of every strategy. This
    is the model as a vectorised function of its parameters: break-even search, tornado
    diagrams and Sobol indices evaluate it many times.
    """
    unknown = [k for k in (overrides or {}) if k not in PARAMETER_STREAMS and not is_ladder_parameter(k)]
    if unknown:
        raise ValueError(Msg("unknown parameter {unknown!r}; allowed: {parameter_streams}", unknown=unknown[0], parameter_streams=', '.join(PARAMETER_STREAMS)))
    if scenario.variants:
        return _evaluate_variants(scenario, overrides, n)
    return {name: _expected_filled(per_iteration(f, e)) for name, (f, e) in evaluate_flows(scenario, overrides, n).items()}


def _evaluate_variants(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None, n: int
) -> dict[str, IterationResults]:
    """:func:`evaluate_deterministic` of a scenario with variants: the weighted average of
    the variants' expected flows (DESIGN.md §8), for each parameter set."""
    total = sum(v.weight for v in scenario.variants)
    flows: dict[str, tuple[DiscountedFlows, np.ndarray]] = {}
    for variant in scenario.variants:
        one = evaluate_flows(variant.scenario, overrides, n)
        for name, (f, e) in one.items():
            share = variant.weight / total
            if name in flows:
                flows[name] = (flows[name][0].plus(f.scaled(share)), flows[name][1] + e * share)
            else:
                flows[name] = (f.scaled(share), e * share)
    return {name: _expected_filled(per_iteration(f, e)) for name, (f, e) in flows.items()}


def evaluate_flows(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None = None, n: int = 1
) -> dict[str, tuple[DiscountedFlows, np.ndarray]]:
    """The expected flows behind :func:`evaluate_deterministic` (one scenario, no variants)."""
    overrides = dict(overrides or {})
    discount = np.broadcast_to(np.asarray(overrides.pop("discount_rate", scenario.discount_rate.mean()), dtype=float), (n,)).copy()
    out = {}

    def values_of(part: PartSpec) -> dict[str, np.ndarray]:
        values = {k: np.full(n, d.mean()) for k, d in part.params.items()} | mean_ladder_rates(part, n)
        ladder = [name for name, _, _ in ladder_rate_names(part)]
        for k, v in overrides.items():
            value = np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy()
            if not is_ladder_parameter(k):
                values[k] = value
            elif k in ladder:  # a ladder rate is a column of ladder_rates (DESIGN.md §10)
                values["ladder_rates"][:, ladder.index(k)] = value
        return values

    for spec in scenario.strategies:
        parts = [pair for part in spec.parts for pair in with_classes(part, values_of, discount)]
        out[spec.name] = strategy_flows(scenario, parts, None)
    return out
