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

RelapseModel = Literal["exponential", "fixed"]


@dataclass(frozen=True)
class StrategyInputs:
    """Per-iteration parameter values for one strategy (each an array of shape ``(n,)``)."""

    cohort_size: np.ndarray  # whole clients (rounded), float64
    cost_per_client: np.ndarray
    annual_benefit_cost: np.ndarray
    outflow_rate: np.ndarray
    baseline_outflow_rate: np.ndarray
    time_out_of_benefits_years: np.ndarray
    discount_rate: np.ndarray

    @property
    def n(self) -> int:
        return int(self.cohort_size.shape[0])


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
    """Discounted euros: per year (shape ``(years, n)``) and the cumulative net cash flow
    per month (shape ``(months, n)``), which decides the payback month."""

    investment_by_year: np.ndarray
    gross_savings_by_year: np.ndarray
    counterfactual_savings_by_year: np.ndarray
    cumulative_net: np.ndarray


def monthly_hazard(annual_or_window_rate: np.ndarray, months: float) -> np.ndarray:
    """Monthly probability ``1 − (1 − rate)^(1/months)``: the hazard that leaves ``rate``
    of a closed group after ``months`` months."""
    with np.errstate(divide="ignore"):  # a rate of 1 gives log(0) = -inf and hazard 1: correct
        return -np.expm1(np.log1p(-np.minimum(annual_or_window_rate, 1.0)) / months)


def relapse_probability(time_out_years: np.ndarray) -> np.ndarray:
    """Exponential relapse: monthly return probability ``min(1, 1/(12·D))``."""
    with np.errstate(divide="ignore"):
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

    def __init__(self, n: int, first: int, months: int, dtype: type, keep_history: bool) -> None:
        self.on = np.zeros(n, dtype=dtype)
        self.off = np.zeros(n, dtype=dtype)
        self.first = first
        self.history = np.zeros((months, n), dtype=dtype) if keep_history else None

    def step(self, t: int, hazard: np.ndarray, skip_out: bool, relapse: _Relapse, tr: _Transitions) -> None:
        # Draw order (outflow, then returns) is part of the reproducibility contract.
        out = None if skip_out else tr.draw(self.on, hazard)
        back = relapse.back(self, t, tr)
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
        if self.history is not None and other.history is not None:
            start = other.first - self.first
            self.history[start : start + other.history.shape[0]] += other.history


class _Relapse:
    def __init__(self, model: RelapseModel, time_out_years: np.ndarray, horizon: int) -> None:
        self.model = model
        n = time_out_years.shape[0]
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
        if self.model == "exponential":
            if self.never or not pool.off.any():
                return None
            return tr.draw(pool.off, self.r)
        assert pool.history is not None
        months = pool.history.shape[0]
        if self.common_lag is not None:
            src = t - self.common_lag - pool.first
            return pool.history[src] if 0 <= src < months else None
        if t - self.min_lag < pool.first:
            return None
        src = t - pool.first - self.lag
        valid = (src >= 0) & (src < months)
        flat = np.where(valid, src, 0) * pool.history.shape[1] + self.cols
        return np.where(valid, pool.history.ravel()[flat], 0)


def simulate_counts(
    inputs: StrategyInputs,
    shape: ModelShape,
    rng_programme: np.random.Generator | None,
    rng_counterfactual: np.random.Generator | None,
) -> OffBenefitCounts:
    """Simulate both arms of DESIGN.md §1 and return the off-benefit counts per month.

    With both generators ``None`` the expected flows are computed instead (deterministic
    mode): every binomial draw is replaced by its mean and counts are real-valued.
    """
    if (rng_programme is None) != (rng_counterfactual is None):
        raise ValueError("give both generators (stochastic) or neither (deterministic)")
    horizon = shape.horizon_months
    window = shape.outflow_window_months
    n = inputs.n
    deterministic = rng_programme is None
    dtype = np.float64 if deterministic else np.int64
    cohort = inputs.cohort_size if deterministic else inputs.cohort_size.astype(np.int64)
    fixed = shape.relapse_model == "fixed"

    h = monthly_hazard(inputs.outflow_rate, window)
    b = monthly_hazard(inputs.baseline_outflow_rate, 12.0)
    no_baseline = not b.any()
    relapse = _Relapse(shape.relapse_model, inputs.time_out_of_benefits_years, horizon)
    starts = {12 * k for k in range(shape.intake_years)}

    # Programme arm.
    tr = _Transitions(rng_programme)
    off_programme = np.empty((horizon, n), dtype=np.float64)
    aggregate = _Pool(n, 0, horizon, dtype, fixed)
    in_window: list[_Pool] = []
    for t in range(horizon):
        if t in starts:
            pool = _Pool(n, t, min(window, horizon - t), dtype, fixed)
            pool.on += cohort
            in_window.append(pool)
        while in_window and t >= in_window[0].first + window:
            aggregate.absorb(in_window.pop(0))
        for pool in in_window:
            pool.step(t, h, False, relapse, tr)
        aggregate.step(t, b, no_baseline, relapse, tr)
        row = off_programme[t]
        row[:] = aggregate.off
        for pool in in_window:
            row += pool.off

    # Counterfactual arm: one pool; nothing moves without a baseline outflow.
    off_counterfactual = np.zeros((horizon, n), dtype=np.float64)
    if not no_baseline:
        tr = _Transitions(rng_counterfactual)
        pool = _Pool(n, 0, horizon, dtype, fixed)
        for t in range(horizon):
            if t in starts:
                pool.on += cohort
            pool.step(t, b, False, relapse, tr)
            off_counterfactual[t] = pool.off
    return OffBenefitCounts(off_programme, off_counterfactual, has_counterfactual=not no_baseline)


def discount_factors(discount_rate: np.ndarray, horizon_months: int) -> np.ndarray:
    """``δ(t) = (1 + rate)^(−t/12)``: shape ``(months,)`` when the rate is the same in every
    iteration (the usual case, and cheaper), else ``(months, n)``."""
    t = np.arange(horizon_months, dtype=np.float64)
    rate = discount_rate[0]
    if np.all(discount_rate == rate):
        return np.exp(-t / 12.0 * np.log1p(rate))
    return np.exp(-t[:, None] / 12.0 * np.log1p(discount_rate)[None, :])


def discounted_flows(counts: OffBenefitCounts, inputs: StrategyInputs, shape: ModelShape) -> DiscountedFlows:
    """Discounted euros of DESIGN.md §1: investment at each intake, savings of both arms.

    Sums over months are weighted sums of the counts (no monthly euro arrays), so the only
    monthly temporary is the cumulative net cash flow.
    """
    horizon, n = shape.horizon_months, inputs.n
    years = horizon // 12
    delta = discount_factors(inputs.discount_rate, horizon)
    per_client_month = inputs.annual_benefit_cost / 12.0

    def by_year(off: np.ndarray) -> np.ndarray:
        if delta.ndim == 1:
            sums = np.einsum("ymn,ym->yn", off.reshape(years, 12, n), delta.reshape(years, 12))
        else:
            sums = np.einsum("ymn,ymn->yn", off.reshape(years, 12, n), delta.reshape(years, 12, n))
        return sums * per_client_month

    gross = by_year(counts.programme)
    counterfactual = by_year(counts.counterfactual) if counts.has_counterfactual else np.zeros((years, n))
    investment = np.zeros((years, n))
    net = counts.programme - counts.counterfactual if counts.has_counterfactual else counts.programme.copy()
    net *= delta[:, None] if delta.ndim == 1 else delta
    net *= per_client_month
    np.cumsum(net, axis=0, out=net)
    for k in range(shape.intake_years):
        cost = inputs.cohort_size * inputs.cost_per_client * (delta[12 * k] if delta.ndim == 1 else delta[12 * k])
        investment[k] = cost
        net[12 * k :] -= cost
    return DiscountedFlows(investment, gross, counterfactual, net)
