"""`roi-sim allocate` as one call: price the groups, split the budget, and the efficient
frontier over a range of budgets that reaches the asked budget and the point where every
group worth funding is full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roi_sim.decisions.allocate import Allocation, GroupOption, efficient_frontier, optimise_allocation
from roi_sim.decisions.group_pricing import PricedGroup, price_groups
from roi_sim.model.arguments import (
    InputError,
    check_count,
    check_euros,
    check_iterations,
    check_ledger,
    check_societal,
    check_workers,
)
from roi_sim.scenario.message_text import message_of
from roi_sim.scenario.spec import Scenario

#: A group cap at or above this is "no cap" (price_groups writes 1e12 for unlimited groups).
_UNCAPPED = 1e12
#: Clients per year counted per group when the frontier's right end is summed.
_CAP_COUNTED = 1e9


@dataclass(frozen=True)
class BudgetAnalysis:
    """What ``roi-sim allocate`` reports."""

    settings: dict[str, Any]
    priced: tuple[PricedGroup, ...]
    best: Allocation
    frontier: tuple[Allocation, ...]


def frontier_budgets(options: list[GroupOption] | tuple[GroupOption, ...], budget: float, steps: int) -> list[float]:
    """``steps`` evenly spaced budgets up to the larger of ``budget`` and what it costs to
    fill every capped group with a positive return (the frontier is flat beyond that)."""
    full = sum(
        o.cost_per_client * min(o.cap, _CAP_COUNTED) + o.fixed_cost for o in options if o.return_per_client > 0 and o.cap < _UNCAPPED
    )
    top = max(budget, full or budget)
    return [top * (i + 1) / steps for i in range(steps)]


def allocate_budget(
    scenario: Scenario, budget: float, *, ledger: str = "fiscal", steps: int = 10, whole_clients: bool = False,
    iterations: int | None = None, deterministic: bool = False, workers: int = 1,
) -> BudgetAnalysis:
    """The best split of ``budget`` euros a year over the scenario's groups, and the
    frontier. Raises :class:`InputError` for bad arguments or a scenario without groups."""
    check_arguments(budget, ledger, steps, iterations, workers)
    check_societal(scenario, ledger)
    from roi_sim.model.simulate import cpu_count

    try:
        priced = price_groups(scenario, ledger, iterations=iterations, deterministic=deterministic, workers=workers or cpu_count())
    except ValueError as exc:
        raise InputError(scenario.source, message_of(exc)) from None
    options = [p.option for p in priced]
    best = optimise_allocation(options, budget, whole_clients=whole_clients)
    frontier = efficient_frontier(options, frontier_budgets(options, budget, steps), whole_clients=whole_clients)
    settings = {"ledger": ledger, "budget": budget, "iterations": 1 if deterministic else (iterations or scenario.iterations),
                "seed": scenario.seed, "deterministic": deterministic, "whole_clients": whole_clients}
    return BudgetAnalysis(settings, tuple(priced), best, frontier)


def check_arguments(budget: object, ledger: object, steps: object, iterations: object, workers: object) -> None:
    """Refuse bad arguments before any group is priced."""
    check_ledger(ledger)
    check_euros(budget, "budget")
    check_count(steps, "steps", 1, 100)
    check_iterations(iterations, auto=False)
    check_workers(workers)
