"""Euros from the ladder's occupancy (DESIGN.md §10–§11, docs/states.md "Money from states"):
each ledger line is an amount per client-month in each state, times the clients in that state
in the programme arm minus the counterfactual arm.

The same lines, discounting and booking rules as the on/off model (:mod:`roi_sim.model.flows`),
so a ladder of two states ``{on: {benefit: 1}, off: {benefit: 0, hours: 1}}`` gives the
on/off model's figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.engine import ModelShape, StrategyInputs, annual_subsidy
from roi_sim.model.flows import DiscountedFlows, _by_year, _cumulative_net, _intake_costs, _refunds, _year_sums, discount_factors
from roi_sim.model.ladder import Occupancy
from roi_sim.model.net_wage import client_net_wage
from roi_sim.scenario.resolved import LadderSpec
from roi_sim.scenario.vocabulary import CLIENT_NET_BENEFIT_2026, EMPLOYER_COST_SHARE, MINIMUM_WAGE_2026


def _attr(ladder: LadderSpec, name: str) -> np.ndarray:
    return np.array([float(getattr(s, name)) for s in ladder.states])[:, None]


@dataclass(frozen=True)
class StateAmounts:
    """Per client-month in each state (arrays ``(K, n)``)."""

    saved: np.ndarray  # the municipality's benefit saved against a full benefit, before retention
    lks: np.ndarray
    execution: np.ndarray  # execution saved net of placement costs
    uwv_benefit: np.ndarray
    value_of_work: np.ndarray
    wage_cost: np.ndarray
    client_income: np.ndarray
    non_market_time: np.ndarray
    social: np.ndarray
    off_benefit: np.ndarray  # 1 where the municipality pays no benefit (K, 1)


def state_amounts(ladder: LadderSpec, inputs: StrategyInputs) -> StateAmounts:
    """What a client-month in each state pays and is worth (docs/states.md)."""
    municipal = np.array([s.payer == "municipality" for s in ladder.states], dtype=float)[:, None]
    uwv = np.array([s.payer == "uwv" for s in ladder.states], dtype=float)[:, None]
    benefit, hours, wage_value, subsidised = (_attr(ladder, k) for k in ("benefit", "hours", "wage_value", "subsidised"))
    full = inputs.annual_benefit_cost[None, :] / 12.0
    wml = np.asarray(inputs.get("minimum_wage_annual", MINIMUM_WAGE_2026))
    lks = subsidised * annual_subsidy(wage_value, wml) / 12.0 * hours
    off = (municipal * benefit == 0).astype(float)
    execution = (off * inputs.get("execution_cost_per_client_year", 0.0) - subsidised * inputs.get("placement_cost_per_year", 0.0)) / 12.0
    wage_cost = wml / 12.0 * hours * (1.0 + inputs.get("employer_cost_share", EMPLOYER_COST_SHARE))
    value = wage_value * wage_cost * (1.0 - inputs.get("displacement", 0.0))
    # The net wage at each state's hours: the 2026 tax rule on W × hours (the credits make a
    # part-time net wage more than the full-time one × hours), or an explicit full-time
    # client_net_wage_per_year × hours (roi_sim.model.net_wage.client_net_wage).
    net_wage = client_net_wage(wml, hours, inputs.client_net_wage_per_year)
    net_benefit = inputs.get("client_net_benefit_per_year", CLIENT_NET_BENEFIT_2026) * np.ones_like(hours)
    # With work and a top-up the norm is guaranteed (the armoedeval); without work the benefit.
    working = hours > 0
    income = np.where(working & (benefit > 0), np.maximum(net_wage, net_benefit), np.where(working, net_wage, net_benefit * benefit))
    return StateAmounts(
        saved=full * (1.0 - municipal * benefit),
        lks=np.broadcast_to(lks, (len(ladder.states), inputs.n)),
        execution=np.broadcast_to(execution, (len(ladder.states), inputs.n)),
        uwv_benefit=full * uwv * benefit,
        value_of_work=np.broadcast_to(value, (len(ladder.states), inputs.n)),
        wage_cost=np.broadcast_to(wage_cost, (len(ladder.states), inputs.n)),
        client_income=np.broadcast_to(income / 12.0, (len(ladder.states), inputs.n)),
        non_market_time=np.broadcast_to(hours * inputs.get("non_market_time_value_per_year", 0.0) / 12.0, (len(ladder.states), inputs.n)),
        social=np.broadcast_to(_attr(ladder, "social_value_per_year") / 12.0, (len(ladder.states), inputs.n)),
        off_benefit=off,
    )


def _weighted(occupancy: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """Σ over states of clients × amount per month: ``(months, n)``."""
    return np.einsum("tkn,kn->tn", occupancy, np.broadcast_to(amount, occupancy.shape[1:]))


def rung_years(ladder: LadderSpec, occ: Occupancy) -> np.ndarray | None:
    """Σ over months of Σ over states of rung × (programme − counterfactual) / 12 (DESIGN.md §10)."""
    if not ladder.has_rungs:
        return None
    rungs = np.array([float(s.rung or 0) for s in ladder.states])
    return np.einsum("tkn,k->n", occ.programme - occ.counterfactual, rungs) / 12.0


def ladder_flows(occ: Occupancy, ladder: LadderSpec, inputs: StrategyInputs, shape: ModelShape, lks_refund: bool = True) -> DiscountedFlows:
    """The discounted flows of a ladder part, line by line as :func:`roi_sim.model.flows.discounted_flows`."""
    horizon = shape.horizon_months
    years = horizon // 12
    delta = discount_factors(inputs.discount_rate, horizon)
    a = state_amounts(ladder, inputs)
    diff = occ.programme - occ.counterfactual

    def extra(amount: np.ndarray) -> np.ndarray:
        return _weighted(diff, amount)

    retention = inputs.get("benefit_retention", 1.0)
    gross = _by_year(_weighted(occ.programme, a.saved), delta, 1.0)
    counterfactual = _by_year(_weighted(occ.counterfactual, a.saved), delta, 1.0)
    saved, lks, execution = extra(a.saved), extra(a.lks), extra(a.execution)
    real_subsidies = _year_sums(lks) if np.any(a.lks) else None
    refunds = _refunds(real_subsidies, delta, lks_refund)
    costs = _intake_costs(inputs, shape, delta, years)
    real_saved, real_execution = _year_sums(saved), _year_sums(execution)
    net = _cumulative_net(saved * retention - lks + execution, delta, 1.0, costs, shape.intake_years, refunds)
    social = costs.social + _by_year(extra(a.social), delta, 1.0)
    valued = {
        f"{name}_by_year": _by_year(extra(getattr(a, name)), delta, 1.0)
        for name in ("value_of_work", "wage_cost", "client_income", "non_market_time")
    }
    return DiscountedFlows(
        investment_by_year=costs.investment,
        gross_savings_by_year=gross,
        counterfactual_savings_by_year=counterfactual,
        cumulative_net=net,
        subsidies_by_year=None if real_subsidies is None else _by_year(lks, delta, 1.0),
        social_value_by_year=social if social.any() else None,
        buig_benefits_by_year=(gross - counterfactual) * retention,
        lks_refund_by_year=refunds,
        execution_by_year=_by_year(execution, delta, 1.0),
        real_investment_by_year=costs.real,
        real_savings_by_year=real_saved,
        real_buig_benefits_by_year=real_saved * retention,
        real_subsidies_by_year=real_subsidies,
        real_lks_refund_by_year=None if real_subsidies is None or refunds is None else np.vstack([np.zeros((1, inputs.n)), real_subsidies[:-1]]),
        real_execution_by_year=real_execution,
        uwv_benefits_by_year=_by_year(extra(a.uwv_benefit), delta, 1.0),
        occupancy_programme=occ.programme[11::12],
        occupancy_counterfactual=occ.counterfactual[11::12],
        rung_years=rung_years(ladder, occ),
        **valued,
    )


def extra_off_benefit(occ: Occupancy, ladder: LadderSpec, inputs: StrategyInputs) -> np.ndarray:
    """Extra clients at the horizon in states where the municipality pays no benefit."""
    off = state_amounts(ladder, inputs).off_benefit[:, 0]
    return np.einsum("kn,k->n", occ.programme[-1] - occ.counterfactual[-1], off)
