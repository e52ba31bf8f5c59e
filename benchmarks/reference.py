"""Per-client reference implementations of the roi-sim model, for benchmarking and checking.

Both simulate docs/model.md client by client, independently of ``roi_sim`` (no import of it):

* :func:`simulate_numpy` keeps one array element per client and iteration and steps all of
  them month by month with numpy, in chunks of iterations. This is the straightforward way
  to write the model in numpy, and the yardstick the engine is measured against.
* :func:`simulate_python` is the same model as a plain Python loop with :mod:`random`.

The model, per iteration (parameters drawn once per iteration and shared by all clients):

* ``intake_years`` cohorts of ``cohort_size`` clients; cohort ``k`` starts in month ``12·k``
  and costs ``cohort_size · cost_per_client`` then; everyone starts on benefit.
* Programme arm: monthly outflow hazard ``h = 1 − (1 − outflow_rate)^(1/W)`` in the first
  ``W`` months after a client's start, ``b = 1 − (1 − baseline)^(1/12)`` after that.
  Counterfactual arm: ``b`` throughout.
* Relapse, both arms: ``fixed`` — a client who leaves in month ``u`` is on benefit again from
  month ``u + L``, ``L = round(12·D)`` (at least 1); ``exponential`` — each month an off-benefit
  client returns with probability ``r = min(1, 1/(12·D))``.
* Transitions in a month are decided on the states at the start of that month: a client who
  leaves cannot return in the same month, and one who returns cannot leave again in it.
  The off-benefit count after the month's transitions is the number not paid that month.
* ``gross_savings = Σ_t δ(t)·off_programme(t)·B/12`` (likewise for the counterfactual),
  ``net_savings = gross − counterfactual − investment``, ``δ(t) = (1 + rate)^(−t/12)``.

The uncertain parameters are those of the benchmark case: ``outflow_rate`` ~ beta (by mean
and sd) and ``time_out_of_benefits_years`` ~ triangular; everything else is a fixed number.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

#: The per-iteration results both references return, in this order.
RESULT_NAMES: tuple[str, ...] = ("gross_savings", "counterfactual_savings", "net_savings")


@dataclass(frozen=True)
class Case:
    """One strategy of the benchmark: a scenario shape with a few uncertain parameters."""

    cohort_size: int
    intake_years: int = 1
    horizon_years: int = 6
    outflow_window_months: int = 12
    cost_per_client: float = 5000.0
    annual_benefit_cost: float = 12000.0
    discount_rate: float = 0.0
    outflow_mean: float = 0.30
    outflow_sd: float = 0.05
    time_out_low: float = 2.0
    time_out_mode: float = 2.5
    time_out_high: float = 3.0
    baseline_outflow_rate: float = 0.08
    relapse_model: str = "fixed"  # "fixed" or "exponential"

    @property
    def horizon_months(self) -> int:
        return 12 * self.horizon_years

    @property
    def clients(self) -> int:
        return self.cohort_size * self.intake_years

    def beta_shape(self) -> tuple[float, float]:
        """Beta(alpha, beta) with the outflow rate's mean and sd (method of moments)."""
        m, s = self.outflow_mean, self.outflow_sd
        k = m * (1.0 - m) / (s * s) - 1.0
        return m * k, (1.0 - m) * k

    def investment(self) -> float:
        """Discounted cost of all intakes (the same in every iteration: nothing in it is uncertain)."""
        return sum(
            (1.0 + self.discount_rate) ** (-k) * self.cohort_size * self.cost_per_client for k in range(self.intake_years)
        )

    def to_yaml(self, iterations: int, seed: int, name: str = "benchmark") -> str:
        """The same case as a roi-sim scenario file."""
        return f"""name: {name}
horizon_years: {self.horizon_years}
discount_rate: {self.discount_rate}
iterations: {iterations}
seed: {seed}
cohort_size: {self.cohort_size}
intake_years: {self.intake_years}
cost_per_client: {self.cost_per_client}
annual_benefit_cost: {self.annual_benefit_cost}
outflow_rate: {{dist: beta, mean: {self.outflow_mean}, sd: {self.outflow_sd}}}
outflow_window_months: {self.outflow_window_months}
baseline_outflow_rate: {self.baseline_outflow_rate}
time_out_of_benefits_years: {{dist: triangular, low: {self.time_out_low}, mode: {self.time_out_mode}, high: {self.time_out_high}}}
relapse_model: {self.relapse_model}
"""


def monthly_hazard(rate: float | np.ndarray, months: float) -> float | np.ndarray:
    """``1 − (1 − rate)^(1/months)``: the monthly hazard that leaves ``rate`` after ``months``."""
    return 1.0 - (1.0 - rate) ** (1.0 / months)


def relapse_lag(time_out_years: float) -> int:
    """Fixed relapse: months off benefit, ``round(12·D)`` with halves up, at least 1."""
    return max(1, math.floor(12.0 * time_out_years + 0.5))


# --------------------------------------------------------------------------- numpy, per client


def _numpy_arm(
    rng: np.random.Generator,
    case: Case,
    starts: np.ndarray,
    hazard_in_window: np.ndarray,
    hazard_after: np.ndarray,
    window: int,
    lag: np.ndarray,
    relapse: np.ndarray,
) -> np.ndarray:
    """One arm for a chunk of ``m`` iterations: clients off benefit per month, shape ``(months, m)``.

    ``starts`` has one entry per client; the hazards, ``lag`` and ``relapse`` one per
    iteration. ``window`` is 0 for the counterfactual arm.
    """
    m, c = hazard_in_window.shape[0], starts.shape[0]
    fixed = case.relapse_model == "fixed"
    on = np.ones((m, c), dtype=bool)  # clients of later cohorts are "on" until they start
    left_at = np.full((m, c), -1, dtype=np.int32)
    off = np.zeros((case.horizon_months, m), dtype=np.int64)
    for t in range(case.horizon_months):
        started = starts <= t
        in_window = started & (t - starts < window)
        # A full (m, c) hazard array only when clients differ; with one cohort every started
        # client has the same hazard and a column per iteration is enough.
        if in_window[started].all():
            hazard = hazard_in_window[:, None]
        elif not in_window.any():
            hazard = hazard_after[:, None]
        else:
            hazard = np.where(in_window, hazard_in_window[:, None], hazard_after[:, None])
        leave = on & started & (rng.random((m, c)) < hazard)
        if fixed:
            back = ~on & (t - left_at == lag[:, None])
        else:
            back = ~on & (rng.random((m, c)) < relapse[:, None])
        on = (on & ~leave) | back
        if fixed:
            left_at = np.where(leave, t, left_at)
        off[t] = np.count_nonzero(~on, axis=1)
    return off


def simulate_numpy(case: Case, iterations: int, seed: int, chunk_elements: int = 1 << 20) -> dict[str, np.ndarray]:
    """The model client by client with numpy: per-iteration results (arrays of ``iterations``).

    Iterations are processed in chunks of about ``chunk_elements`` client-iterations, so the
    memory stays bounded at any cohort size.
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    alpha, beta = case.beta_shape()
    starts = 12 * (np.arange(case.clients) // case.cohort_size)
    months = np.arange(case.horizon_months)
    monthly_value = (1.0 + case.discount_rate) ** (-months / 12.0) * case.annual_benefit_cost / 12.0
    baseline = float(monthly_hazard(case.baseline_outflow_rate, 12.0))
    investment = case.investment()
    chunk = max(1, chunk_elements // case.clients)
    out = {name: np.empty(iterations) for name in RESULT_NAMES}
    for lo in range(0, iterations, chunk):
        m = min(chunk, iterations - lo)
        outflow = rng.beta(alpha, beta, m)
        time_out = rng.triangular(case.time_out_low, case.time_out_mode, case.time_out_high, m)
        h = monthly_hazard(outflow, case.outflow_window_months)
        b = np.full(m, baseline)
        lag = np.maximum(1, np.floor(12.0 * time_out + 0.5)).astype(np.int32)
        r = np.minimum(1.0, 1.0 / (12.0 * time_out))
        programme = _numpy_arm(rng, case, starts, h, b, case.outflow_window_months, lag, r)
        counterfactual = _numpy_arm(rng, case, starts, b, b, 0, lag, r)
        gross = monthly_value @ programme
        cf = monthly_value @ counterfactual
        out["gross_savings"][lo : lo + m] = gross
        out["counterfactual_savings"][lo : lo + m] = cf
        out["net_savings"][lo : lo + m] = gross - cf - investment
    return out


# --------------------------------------------------------------------------- plain Python


def _python_arm(rng: random.Random, case: Case, h: float, b: float, window: int, lag: int, r: float) -> list[int]:
    """One arm of one iteration, client by client: clients off benefit per month."""
    horizon = case.horizon_months
    off = [0] * horizon
    for client in range(case.clients):
        start = 12 * (client // case.cohort_size)
        on = True
        left_at = -1
        for t in range(start, horizon):
            if on:
                hazard = h if t - start < window else b
                if rng.random() < hazard:
                    on = False
                    left_at = t
            elif case.relapse_model == "fixed":
                if t - left_at == lag:
                    on = True
            elif rng.random() < r:
                on = True
            if not on:
                off[t] += 1
    return off


def simulate_python(case: Case, iterations: int, seed: int) -> dict[str, list[float]]:
    """The model as a plain Python loop over iterations, arms, clients and months."""
    rng = random.Random(seed)
    alpha, beta = case.beta_shape()
    value = [(1.0 + case.discount_rate) ** (-t / 12.0) * case.annual_benefit_cost / 12.0 for t in range(case.horizon_months)]
    b = float(monthly_hazard(case.baseline_outflow_rate, 12.0))
    investment = case.investment()
    out: dict[str, list[float]] = {name: [] for name in RESULT_NAMES}
    for _ in range(iterations):
        outflow = rng.betavariate(alpha, beta)
        time_out = rng.triangular(case.time_out_low, case.time_out_high, case.time_out_mode)  # (low, high, mode)
        h = float(monthly_hazard(outflow, case.outflow_window_months))
        lag = relapse_lag(time_out)
        r = min(1.0, 1.0 / (12.0 * time_out))
        programme = _python_arm(rng, case, h, b, case.outflow_window_months, lag, r)
        counterfactual = _python_arm(rng, case, b, b, 0, lag, r)
        gross = sum(v * n for v, n in zip(value, programme))
        cf = sum(v * n for v, n in zip(value, counterfactual))
        out["gross_savings"].append(gross)
        out["counterfactual_savings"].append(cf)
        out["net_savings"].append(gross - cf - investment)
    return out
