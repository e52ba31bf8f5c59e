"""Euros from counts: the discounted flows of DESIGN.md §1 per year and iteration, and the
municipality's cumulative net cash flow per month (which decides the payback month).

The counts come from the state-transition engine (:mod:`roi_sim.model.engine`); everything
here is numpy, vectorised over iterations (the last array axis).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.engine import ModelShape, OffBenefitCounts, StrategyInputs, annual_subsidy, staff_cost_per_client
from roi_sim.model.net_wage import client_net_wage
from roi_sim.scenario.vocabulary import CLIENT_NET_BENEFIT_2026, EMPLOYER_COST_SHARE


@dataclass(frozen=True)
class DiscountedFlows:
    """Discounted euros per year (shape ``(years, n)``) and the cumulative net cash flow of
    the municipality per month (shape ``(months, n)``), which decides the payback month.
    Flows of several parts of a strategy add up (:meth:`plus`)."""

    investment_by_year: np.ndarray
    gross_savings_by_year: np.ndarray
    counterfactual_savings_by_year: np.ndarray
    cumulative_net: np.ndarray
    subsidies_by_year: np.ndarray | None = None
    value_of_work_by_year: np.ndarray | None = None
    social_value_by_year: np.ndarray | None = None
    #: The fiscal ledger by budget line (issue 14.1), discounted: benefits saved net of the
    #: counterfactual × benefit_retention; the BLKS refunds (positive, booked in the first
    #: month of the year after the LKS was paid); execution savings net of placement costs.
    buig_benefits_by_year: np.ndarray | None = None
    lks_refund_by_year: np.ndarray | None = None
    execution_by_year: np.ndarray | None = None
    #: The same amounts undiscounted, in real euros (prices of the price year), for the
    #: budget table per begrotingsjaar (issue 14.3). ``real_lks_refund_by_year[y]`` is the LKS
    #: of year ``y − 1`` coming back in year ``y`` (it is indexed as year ``y − 1``'s wages).
    real_investment_by_year: np.ndarray | None = None
    real_savings_by_year: np.ndarray | None = None
    real_buig_benefits_by_year: np.ndarray | None = None
    real_subsidies_by_year: np.ndarray | None = None
    real_lks_refund_by_year: np.ndarray | None = None
    real_execution_by_year: np.ndarray | None = None
    #: Who pays, who gains and the MKBA (issue 14.2, 14.4), discounted: the employers' wage
    #: cost (gross wage × (1 + employer costs)), the client's change in net income, and the
    #: non-market time the clients give up, all per extra client-year off benefit.
    wage_cost_by_year: np.ndarray | None = None
    client_income_by_year: np.ndarray | None = None
    non_market_time_by_year: np.ndarray | None = None
    #: The participation ladder (DESIGN.md §10): the benefits the UWV pays extra (discounted),
    #: clients per state at the end of each year ``(years, K, n)`` in each arm, and the
    #: rung-years gained ``(n,)`` (None without rungs). None for the on/off model.
    uwv_benefits_by_year: np.ndarray | None = None
    occupancy_programme: np.ndarray | None = None
    occupancy_counterfactual: np.ndarray | None = None
    rung_years: np.ndarray | None = None

    def part(self, name: str) -> np.ndarray:
        """A per-year array, zeros where the part has none (the BUIG line defaults to the
        savings net of the counterfactual: everything kept)."""
        value = getattr(self, name)
        if value is None and name == "buig_benefits_by_year":
            return self.gross_savings_by_year - self.counterfactual_savings_by_year
        return np.zeros_like(self.investment_by_year) if value is None else value

    def scaled(self, share: float) -> DiscountedFlows:
        """The flows times ``share`` (a variant's weight in a model average)."""
        return DiscountedFlows(
            **{k: None if getattr(self, k) is None else getattr(self, k) * share for k in self.__dataclass_fields__}  # type: ignore[arg-type]
        )

    def plus(self, other: DiscountedFlows) -> DiscountedFlows:
        """The flows of two parts together."""
        return DiscountedFlows(
            **{k: self.part(k) + other.part(k) for k in self.__dataclass_fields__ if k.endswith("_by_year")},
            cumulative_net=self.cumulative_net + other.cumulative_net,
        )


def discount_factors(discount_rate: np.ndarray, horizon_months: int) -> np.ndarray:
    """``δ(t) = (1 + rate)^(−t/12)``: shape ``(months,)`` when the rate is the same in every
    iteration (the usual case, and cheaper), else ``(months, n)``."""
    t = np.arange(horizon_months, dtype=np.float64)
    rate = discount_rate[0]
    if np.all(discount_rate == rate):
        return np.exp(-t / 12.0 * np.log1p(rate))
    return np.exp(-t[:, None] / 12.0 * np.log1p(discount_rate)[None, :])


def _by_year(off: np.ndarray, delta: np.ndarray, weight: np.ndarray | float) -> np.ndarray:
    """Monthly counts ``(months, n)`` discounted and summed per year, times ``weight``."""
    months, n = off.shape
    years = months // 12
    if delta.ndim == 1:
        sums = np.einsum("ymn,ym->yn", off.reshape(years, 12, n), delta.reshape(years, 12))
    else:
        sums = np.einsum("ymn,ymn->yn", off.reshape(years, 12, n), delta.reshape(years, 12, n))
    return sums * weight


def _year_sums(off: np.ndarray) -> np.ndarray:
    """Monthly counts ``(months, n)`` summed per year, undiscounted: shape ``(years, n)``."""
    months, n = off.shape
    return off.reshape(months // 12, 12, n).sum(axis=1)


def _subsidy_per_client_month(inputs: StrategyInputs, saved: np.ndarray | float) -> np.ndarray | float:
    """Subsidy paid per client-month off benefit; the float 0.0 exactly when there is no subsidy
    (callers test ``isinstance(..., float)`` to leave the subsidy part out)."""
    if inputs.subsidised_share is not None and inputs.minimum_wage_annual is not None and inputs.subsidised_share.any():
        return inputs.subsidised_share * annual_subsidy(inputs.get("wage_value", 1.0), inputs.minimum_wage_annual) / 12.0 * saved
    return 0.0


@dataclass(frozen=True)
class _IntakeCosts:
    """What each intake costs and brings at its start, per iteration (arrays ``(years, n)``)."""

    investment: np.ndarray
    social: np.ndarray
    #: Paid at each intake (trajectory and staff per client, plus the fixed annual cost).
    per_intake: np.ndarray | float
    startup: np.ndarray | float
    #: The investment undiscounted, per year.
    real: np.ndarray


def _intake_costs(inputs: StrategyInputs, shape: ModelShape, delta: np.ndarray, years: int) -> _IntakeCosts:
    n = inputs.n
    investment = np.zeros((years, n))
    real = np.zeros((years, n))
    social = np.zeros((years, n))
    per_client = inputs.cost_per_client + staff_cost_per_client(inputs)
    fixed_cost = inputs.get("fixed_annual_cost", 0.0)
    social_per_client = inputs.get("social_value_per_participant_year", 0.0) * inputs.get("programme_months", 12.0) / 12.0
    for k in range(shape.intake_years):
        real[k] = inputs.cohort_size * per_client + fixed_cost
        investment[k] = real[k] * delta[12 * k]
        social[k] = inputs.cohort_size * social_per_client * delta[12 * k]
    startup = inputs.get("startup_cost", 0.0)
    investment[0] += startup * delta[0]
    real[0] += startup
    return _IntakeCosts(investment, social, inputs.cohort_size * per_client + fixed_cost, startup, real)


def _cumulative_net(
    extra: np.ndarray, delta: np.ndarray, net_per_client_month: np.ndarray | float, costs: _IntakeCosts, intake_years: int,
    refunds: np.ndarray | None,
) -> np.ndarray:
    """The municipality's discounted net cash flow, accumulated month by month (payback): the
    same budget lines as the fiscal ledger, each booked in the month it is paid or received
    (a BLKS refund in the first month of its year).

    Works in place on ``extra`` (it is the only monthly temporary, and the caller is done with it).
    """
    weights = delta[:, None] if delta.ndim == 1 else delta
    net = extra
    net *= weights
    net *= net_per_client_month
    np.cumsum(net, axis=0, out=net)
    for k in range(intake_years):
        net[12 * k :] -= costs.per_intake * delta[12 * k] + (costs.startup * delta[0] if k == 0 else 0.0)
    if refunds is not None:
        for y in range(1, refunds.shape[0]):
            net[12 * y :] += refunds[y]
    return net


@dataclass(frozen=True)
class _Lines:
    """Per client-month amounts of the fiscal budget lines (issue 14.1), per iteration."""

    benefit: np.ndarray | float  # the benefit saved, before retention
    retained: np.ndarray | float  # what the municipality keeps of it
    subsidy: np.ndarray | float  # LKS paid (the float 0.0 when there is none)
    execution: np.ndarray | float  # execution saved net of placement costs

    @property
    def net(self) -> np.ndarray | float:
        return self.retained - self.subsidy + self.execution


def _line_rates(inputs: StrategyInputs) -> _Lines:
    saved = inputs.get("benefit_saved_share", 1.0)
    benefit = inputs.annual_benefit_cost / 12.0 * saved
    subsidy = _subsidy_per_client_month(inputs, saved)
    # Execution is saved per client-year off benefit; placement costs are paid per
    # subsidised job-year (the subsidised share of the extra client-years).
    share = inputs.get("subsidised_share", 0.0) if not isinstance(subsidy, float) else 0.0
    execution = (inputs.get("execution_cost_per_client_year", 0.0) - share * inputs.get("placement_cost_per_year", 0.0)) / 12.0
    return _Lines(benefit, benefit * inputs.get("benefit_retention", 1.0), subsidy, execution)


@dataclass(frozen=True)
class _Valuation:
    """Per extra client-month off benefit: the MKBA's value of work and lost non-market time,
    the social value attached to the outcome, and the two private amounts of who pays, who
    gains (the employers' wage cost and the client's change in net income)."""

    value_of_work: np.ndarray | float
    non_market_time: np.ndarray | float
    social: np.ndarray | float
    wage_cost: np.ndarray | float
    client_income: np.ndarray | float


def _valuation(inputs: StrategyInputs, minimum_wage: np.ndarray | float) -> _Valuation:
    # benefit_saved_share is also the share of full-time work (the hours) in this model.
    hours = inputs.get("benefit_saved_share", 1.0)
    wage_cost = minimum_wage / 12.0 * hours * (1.0 + inputs.get("employer_cost_share", EMPLOYER_COST_SHARE))
    value = inputs.get("wage_value", 1.0) * wage_cost * (1.0 - inputs.get("displacement", 0.0))
    # Bijstand tops earnings up to the norm: net income is max(net wage at the hours, net benefit),
    # so a small part-time job adds nothing (the armoedeval; the earnings disregard is left out).
    # The net wage is the 2026 tax rule on the gross wage × hours, or the scenario's own
    # full-time client_net_wage_per_year × hours (roi_sim.model.net_wage.client_net_wage).
    net_wage = client_net_wage(minimum_wage, hours, inputs.client_net_wage_per_year)
    client = np.maximum(net_wage - inputs.get("client_net_benefit_per_year", CLIENT_NET_BENEFIT_2026), 0.0) / 12.0
    return _Valuation(
        value, inputs.get("non_market_time_value_per_year", 0.0) / 12.0,
        inputs.get("social_value_per_extra_client_year", 0.0) / 12.0, wage_cost, client,
    )


def _valued_by_year(extra_years: np.ndarray, value: _Valuation | None) -> dict[str, np.ndarray | None]:
    """The valued flows per year: the extra client-years × each amount per client-year."""
    names = ("value_of_work", "wage_cost", "client_income", "non_market_time")
    return {f"{name}_by_year": None if value is None else extra_years * getattr(value, name) for name in names}


def _refunds(real_subsidies: np.ndarray | None, delta: np.ndarray, lks_refund: bool) -> np.ndarray | None:
    """BLKS: the LKS paid in year ``y`` comes back at the first month of year ``y + 1``,
    discounted to then; what would come back after the horizon is not counted."""
    if real_subsidies is None or not lks_refund:
        return None
    refunds = np.zeros_like(real_subsidies)
    for y in range(1, real_subsidies.shape[0]):
        refunds[y] = real_subsidies[y - 1] * delta[12 * y]
    return refunds


def discounted_flows(counts: OffBenefitCounts, inputs: StrategyInputs, shape: ModelShape, lks_refund: bool = True) -> DiscountedFlows:
    """Discounted euros of DESIGN.md §1 and the issue-5 and issue-14 extensions, per year and iteration.

    * investment: at each intake, clients × (trajectory + staff cost per client) plus the
      fixed annual cost; the start-up cost in month 0;
    * gross/counterfactual savings: clients off benefit × benefit/12 × the share of the
      benefit saved (1 for a full exit);
    * subsidies: the subsidised share of the *extra* clients off benefit × the annual
      loonkostensubsidie/12 (scaled like the benefit for part-time work): both arms work
      under the same conditions, so the subsidy on jobs found anyway cancels out;
    * the fiscal budget lines: the savings × benefit_retention, the BLKS refund of last
      year's subsidies (``lks_refund``), execution saved per extra client-year net of
      placement costs per extra subsidised job-year;
    * value of work (societal, the werkwijzer's): extra clients off benefit × wage value ×
      minimum wage/12 × the share of full-time work × (1 + employer costs) × (1 − displacement);
      the lost non-market time per extra client-year beside it;
    * social value (societal): participants × value per year × months in programme/12,
      counted at intake, plus the value per extra client-year off benefit (the outcome);
    * who pays, who gains: the employers' wage cost and the client's change in net income
      per extra client-year.

    Sums over months are weighted sums of the counts (no monthly euro arrays), so the only
    monthly temporary is the municipality's cumulative net cash flow.
    """
    horizon, n = shape.horizon_months, inputs.n
    years = horizon // 12
    delta = discount_factors(inputs.discount_rate, horizon)
    rates = _line_rates(inputs)

    gross = _by_year(counts.programme, delta, rates.benefit)
    counterfactual = _by_year(counts.counterfactual, delta, rates.benefit) if counts.has_counterfactual else np.zeros((years, n))
    extra = counts.programme - counts.counterfactual if counts.has_counterfactual else counts.programme.copy()
    # Client-years: discounted and undiscounted sums of the extra clients off benefit.
    extra_years = _by_year(extra, delta, 1.0)
    real_extra = _year_sums(extra)
    subsidies = real_subsidies = None
    if not isinstance(rates.subsidy, float):
        # Both arms work under the same conditions (as with relapse): the same share of
        # whoever is off benefit holds a subsidised job, so the subsidy counted is that of
        # the extra jobs; the subsidy on jobs that would have been found anyway (its
        # deadweight) cancels against the counterfactual.
        subsidies = extra_years * rates.subsidy
        real_subsidies = real_extra * rates.subsidy
    value = None if inputs.minimum_wage_annual is None else _valuation(inputs, inputs.minimum_wage_annual)
    refunds = _refunds(real_subsidies, delta, lks_refund)
    real_savings = real_extra * rates.benefit

    costs = _intake_costs(inputs, shape, delta, years)
    # Social value: per participant at intake (the old key), and per extra client-year off benefit.
    social = costs.social + extra_years * (0.0 if value is None else value.social)
    # Per extra client-month the municipality keeps the retained benefit, pays the subsidy and
    # saves execution; costs and refunds count when they are paid. `extra` is not read again.
    net = _cumulative_net(extra, delta, rates.net, costs, shape.intake_years, refunds)
    return DiscountedFlows(
        investment_by_year=costs.investment,
        gross_savings_by_year=gross,
        counterfactual_savings_by_year=counterfactual,
        cumulative_net=net,
        subsidies_by_year=subsidies,
        social_value_by_year=social if social.any() else None,
        buig_benefits_by_year=(gross - counterfactual) * inputs.get("benefit_retention", 1.0),
        lks_refund_by_year=refunds,
        execution_by_year=extra_years * rates.execution,
        real_investment_by_year=costs.real,
        real_savings_by_year=real_savings,
        real_buig_benefits_by_year=real_savings * inputs.get("benefit_retention", 1.0),
        real_subsidies_by_year=real_subsidies,
        real_lks_refund_by_year=None if refunds is None or real_subsidies is None else np.vstack([np.zeros((1, n)), real_subsidies[:-1]]),
        real_execution_by_year=real_extra * rates.execution,
        **_valued_by_year(extra_years, value),
    )
