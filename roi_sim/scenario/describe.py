"""The values a scenario was read as, in plain lines (for `roi-sim validate`), so that a
number YAML read differently from what was meant is seen before a run."""

from __future__ import annotations

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.resolved import PartSpec, Scenario
from roi_sim.scenario.vocabulary import PARAMETERS


def _number(x: float) -> str:
    return f"{x:,.15g}"


def describe_distribution(dist: Distribution) -> str:
    """``5,000`` for a fixed number, ``beta(mean 0.3, sd 0.05)`` for a distribution."""
    if dist.is_fixed:
        return _number(dist.mean())
    return dist.describe()


def _part_lines(part: PartSpec, base: dict[str, Distribution], indent: str) -> list[str]:
    lines = [f"{indent}relapse_model: {part.relapse_model}, intake_years: {part.intake_years}, "
             f"outflow_window_months: {part.outflow_window_months}"]
    for name, dist in part.params.items():
        if part.sources.get(name) != "base" and not (name in base and base[name] == dist):
            lines.append(f"{indent}{name}: {describe_distribution(dist)}")
    return lines


def describe_values(scenario: Scenario) -> list[str]:
    """One line per value read: the scenario's settings, the base parameters, and what each
    strategy (and each group it invests in) sets differently."""
    lines = [
        f"horizon_years: {scenario.horizon_years}",
        f"iterations: {scenario.iterations:,}",
        f"seed: {scenario.seed}",
        f"discount_rate: {describe_distribution(scenario.discount_rate)}",
    ]
    base = scenario.base_params
    lines += [f"{name}: {describe_distribution(base[name])}" for name in PARAMETERS if name in base]
    for strategy in scenario.strategies:
        lines.append(f"strategy '{strategy.name}':")
        for part in strategy.parts:
            indent = "  "
            if part.group is not None:
                lines.append(f"  group '{part.group}':")
                indent = "    "
            lines += _part_lines(part, scenario.base_params, indent)
    return lines
