"""The state-transition engine: per-iteration parameter arrays and a Generator in, arrays out.

No I/O, no printing, no scenario objects: everything here is numpy, vectorised over
iterations (the last array axis) with a Python loop over months. Counts of clients are
simulated, never individual clients, so the cost does not grow with the cohort size.

Time-major layout: monthly arrays have shape ``(months, iterations)`` so the month loop
writes contiguous rows.

How the pools are kept (an exact reorganisation of DESIGN.md §1, chosen so that fewer
binomial draws are needed — the draws are the floor of the run time):

* Programme arm: each cohort is its own pool while it is inside its outflow window (hazard
  ``h``). When its window ends it behaves exactly like everyone else (hazard ``b``, same
  relapse), so it is merged into one *aggregate* pool. The sum of independent binomials
  with a common probability is binomial, so merging changes no distribution.
* Counterfactual arm: every client always has hazard ``b``, so all cohorts form one pool.
* Fixed relapse needs "who left in month t−L": each pool keeps its outflow history; a
  merged cohort's history is added into the aggregate history.
* Draws whose probability or count is zero everywhere are skipped; they cannot change
  anything (and the skip depends only on the block's own inputs, so it is reproducible).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

RelapseModel = Literal["exponential", "fixed", "levelling"]

#: Wage-cost subsidy (loonkostensubsidie, Participatiewet art. 10d): the gap between the
#: minimum wage and the wage value, at most 70% of it, plus 23.5% for employer costs
#: (facts.md §2, Regeling loonkostensubsidie 2021).
SUBSIDY_CAP = 0.70
EMPLOYER_COST_ALLOWANCE = 1.235


@dataclass(frozen=True)
class StrategyInputs:
    """Per-iteration parameter values for one simulated part (each an array of shape ``(n,)``).

    Optional inputs left at ``None`` switch their feature off: no levelling relapse, no
    subsidy, full benefit saved, no value of work, no staff, fixed, start-up costs or
    social value.
    """

    cohort_size: np.ndarray  # whole clients (rounded), float64
    cost_per_client: np.ndarray
    annual_benefit_cost: np.ndarray
    outflow_rate: np.ndarray
    baseline_outflow_rate: np.ndarray
    time_out_of_benefits_years: np.ndarray | None
    discount_rate: np.ndarray
    relapse_within_12_months: np.ndarray | None = None
    relapse_ever: np.ndarray | None = None
    subsidised_share: np.ndarray | None = None
    wage_value: np.ndarray | None = None
    benefit_saved_share: np.ndarray | None = None
    minimum_wage_annual: np.ndarray | None = None
    caseload: np.ndarray | None = None
    annual_cost_per_fte: np.ndarray | None = None
    programme_months: np.ndarray | None = None
    fixed_annual_cost: np.ndarray | None = None
    startup_cost: np.ndarray | None = None
    social_value_per_participant_year: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(self.cohort_size.shape[0])

    def get(self, name: str, default: float) -> np.ndarray | float:
        """The input ``name``, or ``default`` where it was left out."""
        value = getattr(self, name)
        return default if value is None else value


def annual_subsidy(wage_value: np.ndarray | float, minimum_wage_annual: np.ndarray | float) -> np.ndarray | float:
    """Loonkostensubsidie per full-time year: ``min(1 − wage_value, 0.70) × WML × 1.235``."""
    return np.minimum(1.0 - np.asarray(wage_value), SUBSIDY_CAP) * minimum_wage_annual * EMPLOYER_COST_ALLOWANCE


def staff_cost_per_client(inputs: StrategyInputs) -> np.ndarray | float:
    """Staff time per client: FTE cost / caseload × months in the programme / 12."""
    if inputs.annual_cost_per_fte is None:
        return 0.0
    caseload = inputs.get("caseload", 1.0)
    return inputs.annual_cost_per_fte / caseload * inputs.get("programme_months", 12.0) / 12.0


@dataclass(frozen=True)
class ModelShape:
    """The structural (never uncertain) settings of a strategy."""

    horizon_months: int
    intake_years: int
    outflow_window_months: int
    relapse_model: RelapseModel


@dataclass(frozen=True)
class OffBenefitCounts:
    """Clients off benefit after each month's transitions, shape ``(months, n)``."""

    programme: np.ndarray
    counterfactual: np.ndarray
    #: False when nobody leaves without the programme (the counterfactual is all zeros).
    has_counterfactual: bool = True


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

    def part(self, name: str) -> np.ndarray:
        """A per-year array, zeros where the part has none."""
        value = getattr(self, name)
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


def monthly_hazard(annual_or_window_rate: np.ndarray, months: float) -> np.ndarray:
    """Monthly probability ``1 − (1 − rate)^(1/months)``: the hazard that leaves ``rate``
    of a closed group after ``months`` months."""
    with np.errstate(divide="ignore"):  # a rate of 1 gives log(0) = -inf and hazard 1: correct
        return -np.expm1(np.log1p(-np.minimum(annual_or_window_rate, 1.0)) / months)


def relapse_probability(time_out_years: np.ndarray) -> np.ndarray:
    """Exponential relapse: monthly return probability ``min(1, 1/(12·D))``."""
    with np.errstate(divide="ignore", over="ignore"):  # D near 0 gives r = 1
        return np.minimum(1.0, 1.0 / (12.0 * time_out_years))


def relapse_lag_months(time_out_years: np.ndarray, horizon_months: int) -> np.ndarray:
    """Fixed relapse: months off benefit ``L = round(12·D)`` (halves up), at least 1.

    Capped at the horizon: a client away that long never returns within it anyway.
    """
    lag = np.floor(12.0 * time_out_years + 0.5)
    return np.clip(lag, 1, horizon_months).astype(np.int64)


class _Transitions:
    """Binomial draws of counts, or their expectation in deterministic mode."""

    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng

    def draw(self, count: np.ndarray, p: np.ndarray) -> np.ndarray:
        if self.rng is None:
            return count * p
        if not count.any():
            return np.zeros_like(count)
        return self.rng.binomial(count, p)


class _Pool:
    """Clients sharing one hazard: counts on and off benefit, and their outflow history.

    The history covers months ``first … first + len − 1``: a cohort's own pool only needs
    its outflow window, the aggregate pool the whole horizon.
    """

    def __init__(self, n: int, first: int, months: int, dtype: type, keep_history: bool, levelling: bool = False) -> None:
        self.on: np.ndarray = np.zeros(n, dtype=dtype)
        self.off: np.ndarray = np.zeros(n, dtype=dtype)
        # Levelling relapse: the part of `off` that will come back some day.
        self.off_returning = np.zeros(n, dtype=dtype) if levelling else self.off
        self.levelling = levelling
        self.first = first
        self.history: np.ndarray | None = np.zeros((months, n), dtype=dtype) if keep_history else None

    def step(self, t: int, hazard: np.ndarray, skip_out: bool, relapse: _Relapse, tr: _Transitions) -> None:
        # Draw order (outflow, then returns) is part of the reproducibility contract.
        out = None if skip_out else tr.draw(self.on, hazard)
        back = relapse.back(self, t, tr)
        if self.levelling:
            # Of those who leave, a share `ever` will come back some day; the rest stay off.
            returning = None if out is None or relapse.never else tr.draw(out, relapse.ever)
            if returning is not None:
                self.off_returning += returning
            if back is not None:
                self.off_returning -= back
        if out is None:
            if back is None:
                return
            moved = -back
        else:
            if self.history is not None:
                self.history[t - self.first] = out
            moved = out if back is None else out - back
        self.on -= moved
        self.off += moved

    def absorb(self, other: _Pool) -> None:
        self.on += other.on
        self.off += other.off
        if self.levelling:
            self.off_returning += other.off_returning
        if self.history is not None and other.history is not None:
            start = other.first - self.first
            self.history[start : start + other.history.shape[0]] += other.history


def levelling_hazard(within_12_months: np.ndarray, ever: np.ndarray) -> np.ndarray:
    """Levelling relapse: the monthly return hazard ``q`` of the returners (a share ``ever``
    of leavers) such that ``ever · (1 − (1 − q)^12) = within_12_months``."""
    within = np.minimum(within_12_months, ever)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(ever > 0, within / np.where(ever > 0, ever, 1.0), 0.0)
    return monthly_hazard(share, 12.0)


class _Relapse:
    def __init__(self, model: RelapseModel, inputs: StrategyInputs, horizon: int) -> None:
        self.model = model
        n = inputs.n
        if model == "levelling":
            assert inputs.relapse_ever is not None and inputs.relapse_within_12_months is not None
            self.ever = np.asarray(inputs.relapse_ever, dtype=np.float64)
            self.r = levelling_hazard(inputs.relapse_within_12_months, self.ever)
            self.never = not self.r.any() or not self.ever.any()
            return
        time_out_years = inputs.time_out_of_benefits_years
        assert time_out_years is not None
        if model == "exponential":
            self.r = relapse_probability(time_out_years)
            self.never = not self.r.any()
        else:
            self.lag = relapse_lag_months(time_out_years, horizon)
            lo, hi = int(self.lag.min()), int(self.lag.max())
            # A lag that is the same in every iteration reads one history row (a view);
            # otherwise each iteration reads its own month (a gather on the flat history).
            self.common_lag = lo if lo == hi else None
            self.min_lag = lo
            self.cols = np.arange(n)

    def back(self, pool: _Pool, t: int, tr: _Transitions) -> np.ndarray | None:
        """Clients of ``pool`` back on benefit in month ``t``; None when certainly nobody."""
        if self.model != "fixed":
            returners = pool.off if self.model == "exponential" else pool.off_returning
            if self.never or not returners.any():
                return None
            return tr.draw(returners, self.r)
        assert pool.history is not None
        months = pool.history.shape[0]
        if self.common_lag is not None:
            lagged = t - self.common_lag - pool.first
            return pool.history[lagged] if 0 <= lagged < months else None
        if t - self.min_lag < pool.first:
            return None
        src = t - pool.first - self.lag
        valid = (src >= 0) & (src < months)
        flat = np.where(valid, src, 0) * pool.history.shape[1] + self.cols
        return np.where(valid, pool.history.ravel()[flat], 0)


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


def _intake_costs(inputs: StrategyInputs, shape: ModelShape, delta: np.ndarray, years: int) -> _IntakeCosts:
    n = inputs.n
    investment = np.zeros((years, n))
    social = np.zeros((years, n))
    per_client = inputs.cost_per_client + staff_cost_per_client(inputs)
    fixed_cost = inputs.get("fixed_annual_cost", 0.0)
    social_per_client = inputs.get("social_value_per_participant_year", 0.0) * inputs.get("programme_months", 12.0) / 12.0
    for k in range(shape.intake_years):
        investment[k] = (inputs.cohort_size * per_client + fixed_cost) * delta[12 * k]
        social[k] = inputs.cohort_size * social_per_client * delta[12 * k]
    startup = inputs.get("startup_cost", 0.0)
    investment[0] += startup * delta[0]
    return _IntakeCosts(investment, social, inputs.cohort_size * per_client + fixed_cost, startup)


def _cumulative_net(
    extra: np.ndarray, delta: np.ndarray, net_per_client_month: np.ndarray | float, costs: _IntakeCosts, intake_years: int
) -> np.ndarray:
    """The municipality's discounted net cash flow, accumulated month by month (payback).

    Works in place on ``extra`` (it is the only monthly temporary, and the caller is done with it).
    """
    weights = delta[:, None] if delta.ndim == 1 else delta
    net = extra
    net *= weights
    net *= net_per_client_month
    np.cumsum(net, axis=0, out=net)
    for k in range(intake_years):
        net[12 * k :] -= costs.per_intake * delta[12 * k] + (costs.startup * delta[0] if k == 0 else 0.0)
    return net


def discounted_flows(counts: OffBenefitCounts, inputs: StrategyInputs, shape: ModelShape) -> DiscountedFlows:
    """Discounted euros of DESIGN.md §1 and the issue-5 extensions, per year and iteration.

    * investment: at each intake, clients × (trajectory + staff cost per client) plus the
      fixed annual cost; the start-up cost in month 0;
    * gross/counterfactual savings: clients off benefit × benefit/12 × the share of the
      benefit saved (1 for a full exit);
    * subsidies: the subsidised share of the *extra* clients off benefit × the annual
      loonkostensubsidie/12 (scaled like the benefit for part-time work): both arms work
      under the same conditions, so the subsidy on jobs found anyway cancels out;
    * value of work (societal): extra clients off benefit × wage value × minimum wage/12
      × the share of full-time work;
    * social value (societal): participants × value per year × months in programme/12,
      counted at intake.

    Sums over months are weighted sums of the counts (no monthly euro arrays), so the only
    monthly temporary is the municipality's cumulative net cash flow.
    """
    horizon, n = shape.horizon_months, inputs.n
    years = horizon // 12
    delta = discount_factors(inputs.discount_rate, horizon)
    saved = inputs.get("benefit_saved_share", 1.0)
    per_client_month = inputs.annual_benefit_cost / 12.0 * saved

    gross = _by_year(counts.programme, delta, per_client_month)
    counterfactual = _by_year(counts.counterfactual, delta, per_client_month) if counts.has_counterfactual else np.zeros((years, n))

    subsidy_per_client_month = _subsidy_per_client_month(inputs, saved)
    extra = counts.programme - counts.counterfactual if counts.has_counterfactual else counts.programme.copy()
    subsidies = None
    if not isinstance(subsidy_per_client_month, float):
        # Both arms work under the same conditions (as with relapse): the same share of
        # whoever is off benefit holds a subsidised job, so the subsidy counted is that of
        # the extra jobs; the subsidy on jobs that would have been found anyway (its
        # deadweight) cancels against the counterfactual.
        subsidies = _by_year(extra, delta, subsidy_per_client_month)
    value_of_work = None
    if inputs.minimum_wage_annual is not None:
        value_of_work = _by_year(extra, delta, inputs.get("wage_value", 1.0) * inputs.minimum_wage_annual / 12.0 * saved)

    costs = _intake_costs(inputs, shape, delta, years)
    # Per extra client-month off benefit the municipality saves the benefit and pays the subsidy;
    # costs count when they are paid. `extra` is not read again after this.
    net = _cumulative_net(extra, delta, per_client_month - subsidy_per_client_month, costs, shape.intake_years)
    return DiscountedFlows(
        investment_by_year=costs.investment,
        gross_savings_by_year=gross,
        counterfactual_savings_by_year=counterfactual,
        cumulative_net=net,
        subsidies_by_year=subsidies,
        value_of_work_by_year=value_of_work,
        social_value_by_year=costs.social if costs.social.any() else None,
    )
