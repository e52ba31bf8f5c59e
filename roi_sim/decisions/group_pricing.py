"""Pricing target groups for the budget optimiser: what one more client in a group costs
and returns, from the simulation itself.

The model is linear in the number of clients (in expectation: every transition is a
binomial of a count, every euro a multiple of a count), so the expected return of ``x``
clients a year in a group is ``x`` times the return of one. Each group is simulated on its
own (base < group values) with a large round cohort and its team costs left out; the
optimiser (:mod:`roi_sim.decisions.allocate`) adds those back as fixed costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from roi_sim.decisions.allocate import GroupOption
from roi_sim.model.simulate import run
from roi_sim.scenario.distributions import fixed
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import Scenario, StrategySpec, per_client_cost

#: Clients per intake year simulated to price a group (rounding to whole clients then
#: changes the per-client figures by less than 1/20,000).
PRICING_COHORT = 10_000
LEDGER_QUANTITY = {"fiscal": "net_savings", "societal": "societal_net"}


@dataclass(frozen=True)
class PricedGroup:
    """A group as the optimiser sees it, with where its numbers come from."""

    option: GroupOption
    intake_years: int
    clients_available: int | None


def price_groups(
    scenario: Scenario, ledger: str, *, iterations: int | None = None, deterministic: bool = False, workers: int = 1
) -> list[PricedGroup]:
    """Cost per client (per intake year), expected return per client over the horizon in
    ``ledger`` ("fiscal" or "societal"), yearly client cap and yearly fixed team cost of
    every group of ``scenario``. Raises ValueError when the scenario has no usable groups."""
    if ledger not in LEDGER_QUANTITY:
        raise ValueError(Msg("unknown ledger {ledger!r}; allowed: {ledger_quantity}", ledger=ledger, ledger_quantity=', '.join(LEDGER_QUANTITY)))
    if not scenario.groups:
        raise ValueError(Msg("the scenario has no groups; declare target groups under 'groups' to split a budget over them"))
    incomplete = [g.name for g in scenario.groups.values() if g.part is None]
    if incomplete:
        raise ValueError(Msg("group '{incomplete}' misses model keys (set them at the top level or in the group)", incomplete=incomplete[0]))
    strategies = []
    for group in scenario.groups.values():
        assert group.part is not None
        params = {
            **group.part.params,
            "cohort_size": fixed(float(PRICING_COHORT)),
            "fixed_annual_cost": fixed(0.0),
            "startup_cost": fixed(0.0),
        }
        sources = {**group.part.sources, "cohort_size": "fixed", "fixed_annual_cost": "fixed", "startup_cost": "fixed"}
        strategies.append(StrategySpec(group.name, (replace(group.part, params=params, sources=sources),)))
    result = run(replace(scenario, strategies=tuple(strategies)), iterations=iterations, deterministic=deterministic, workers=workers)
    priced = []
    for group in scenario.groups.values():
        assert group.part is not None
        values = getattr(result.iterations[group.name], LEDGER_QUANTITY[ledger])
        years = group.part.intake_years
        cap = float("inf") if group.clients_available is None else group.clients_available / years
        option = GroupOption(
            name=group.name,
            cost_per_client=per_client_cost(group.part.params),
            return_per_client=float(values.mean()) / PRICING_COHORT,
            cap=cap if cap != float("inf") else 1e12,
            fixed_cost=group.part.params["fixed_annual_cost"].mean(),
        )
        priced.append(PricedGroup(option, years, group.clients_available))
    return priced
