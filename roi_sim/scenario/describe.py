"""The values a scenario was read as, in plain lines (for `roi-sim validate`), so that a
number YAML read differently from what was meant is seen before a run."""

from __future__ import annotations

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.priors import describe_prior_use
from roi_sim.scenario.resolved import PartSpec, Scenario
from roi_sim.scenario.vocabulary import PARAMETERS


def _number(x: float) -> str:
    return f"{x:,.15g}"


def describe_distribution(dist: Distribution) -> str:
    """``5,000`` for a fixed number, ``beta(mean 0.3, sd 0.05)`` for a distribution, and
    ``pert(low 0, mode 0.02, high 0.05), prior bijstand_average`` for a named prior."""
    if dist.is_fixed:
        return _number(dist.mean())
    return describe_prior_use(dist)


def _effect_lines(part: PartSpec, indent: str) -> list[str]:
    """The effect profile and the baseline by duration, as resolved (named shapes as steps)."""
    lines = []
    if part.effect_profile is not None:
        steps = ", ".join(f"from month {m}: {_number(w)}" for m, w in part.effect_profile)
        lines.append(f"{indent}effect_profile: {steps}")
    if part.baseline_by_duration is not None:
        bands = ", ".join(f"from {_number(y)} years: {_number(r)}" for y, r in part.baseline_by_duration)
        lines.append(f"{indent}baseline_outflow_by_duration: {bands}; years_on_benefit_at_intake: "
                     f"{_number(part.years_on_benefit_at_intake)}")
    return lines


def _part_lines(part: PartSpec, base: dict[str, Distribution], indent: str) -> list[str]:
    lines = [f"{indent}relapse_model: {part.relapse_model}, intake_years: {part.intake_years}, "
             f"outflow_window_months: {part.outflow_window_months}"]
    for name, dist in part.params.items():
        if part.sources.get(name) != "base" and not (name in base and base[name] == dist):
            lines.append(f"{indent}{name}: {describe_distribution(dist)}")
    lines += _effect_lines(part, indent)
    for spec in part.classes:
        # A class lists what it sets itself; the rest is its part's.
        lines.append(f"{indent}class '{spec.name}' (share {_number(spec.share)}):")
        inner = indent + "  "
        if spec.part.relapse_model != part.relapse_model:
            lines.append(f"{inner}relapse_model: {spec.part.relapse_model}")
        lines += [f"{inner}{k}: {describe_distribution(d)}" for k, d in spec.part.params.items() if spec.part.sources.get(k) == "class"]
        if _effect_lines(spec.part, "") != _effect_lines(part, ""):
            lines += _effect_lines(spec.part, inner)
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
