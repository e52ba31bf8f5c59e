"""The state-transition engine: per-iteration parameter arrays and a Generator in, arrays out.

No I/O, no printing, no scenario objects: everything here is numpy, vectorised over
iterations (the last array axis) with a Python loop over months. Counts of clients are
simulated, never individual clients, so the cost does not grow with the cohort size.

The counts become discounted euros in :mod:`roi_sim.model.flows`.

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
    outflow_rate: np.ndarray | None
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
    #: DESIGN.md §9: the effect above the baseline share (instead of ``outflow_rate``).
    net_effect: np.ndarray | None = None
    # Fiscal ledger by budget line (issue 14.1).
    benefit_retention: np.ndarray | None = None
    execution_cost_per_client_year: np.ndarray | None = None
    placement_cost_per_year: np.ndarray | None = None
    # The MKBA per the werkwijzer and who pays, who gains (issue 14.2, 14.4).
    displacement: np.ndarray | None = None
    non_market_time_value_per_year: np.ndarray | None = None
    social_value_per_extra_client_year: np.ndarray | None = None
    employer_cost_share: np.ndarray | None = None
    client_net_wage_per_year: np.ndarray | None = None
    client_net_benefit_per_year: np.ndarray | None = None
    #: DESIGN.md §10: the ladder's rates per iteration, shape ``(n, R)``: its transitions'
    #: annual rates, then its programme entries' values, in the scenario's order.
    ladder_rates: np.ndarray | None = None

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
    #: DESIGN.md §9: ((from_month, weight), ...) from month 0; None: the outflow window.
    effect_profile: tuple[tuple[int, float], ...] | None = None
    #: DESIGN.md §9: ((from_years, annual rate), ...) from 0; None: the constant baseline.
    baseline_by_duration: tuple[tuple[float, float], ...] | None = None
    years_on_benefit_at_intake: float = 0.0

    @property
    def part_one(self) -> bool:
        """Part 1's effect: a constant programme hazard inside the window, a constant baseline."""
        return self.effect_profile is None and self.baseline_by_duration is None


@dataclass(frozen=True)
class OffBenefitCounts:
    """Clients off benefit after each month's transitions, shape ``(months, n)``."""

    programme: np.ndarray
    counterfactual: np.ndarray
    #: False when nobody leaves without the programme (the counterfactual is all zeros).
    has_counterfactual: bool = True


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

    def __init__(self, n: int, first: int, months: int, dtype: type, keep_history: bool, levelling: bool = False, pad: int = 0) -> None:
        self.on: np.ndarray = np.zeros(n, dtype=dtype)
        self.off: np.ndarray = np.zeros(n, dtype=dtype)
        # Levelling relapse: the part of `off` that will come back some day.
        self.off_returning = np.zeros(n, dtype=dtype) if levelling else self.off
        self.levelling = levelling
        self.first = first
        # The history sits behind ``pad`` rows of zeros, so a fixed relapse of up to ``pad``
        # months reads each iteration's lagged month with one gather and no bounds test.
        self.pad = pad
        self.padded: np.ndarray | None = np.zeros((pad + months, n), dtype=dtype) if keep_history else None
        self.history: np.ndarray | None = None if self.padded is None else self.padded[pad:]

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
            self.min_lag, self.max_lag = lo, hi
            self.cols = np.arange(n)
            self.lag_offsets = self.cols - self.lag * n

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
        padded = getattr(pool, "padded", None)
        if padded is not None and pool.pad >= self.max_lag and t - pool.first < months:
            # Row t − first − lag of the history is row t − first − lag + pad of ``padded``,
            # never before its first row; rows before the history are zeros (no one left then).
            return padded.ravel()[self.lag_offsets + (t - pool.first + pool.pad) * padded.shape[1]]
        src = t - pool.first - self.lag
        valid = (src >= 0) & (src < months)
        flat = np.where(valid, src, 0) * pool.history.shape[1] + self.cols
        return np.where(valid, pool.history.ravel()[flat], 0)


def __getattr__(name: str) -> object:
    # The discounting moved to roi_sim.model.flows (issue 10); its names stay importable from here.
    # Lazily, because flows imports this module.
    if name in ("DiscountedFlows", "discount_factors", "discounted_flows"):
        from roi_sim.model import flows

        return getattr(flows, name)
    raise AttributeError(f"module 'roi_sim.model.engine' has no attribute {name!r}")
