"""Programme hazards from the effect as the evidence states it (DESIGN.md §9).

The programme arm's monthly hazard at ``a`` months since intake, for a client whose own
baseline hazard is ``b``, is ``h = clip(b + e·w(a), 0, 1)``:

* ``w`` is the effect profile (piecewise constant by months since intake; without one,
  ``w = 1`` inside the outflow window and 0 after). A negative weight is lock-in, a tail of
  small weights is decay.
* ``e`` is solved per iteration so that a closed group (no relapse) that starts on benefit
  has left by the end of the window ``W`` in the share the scenario names: ``outflow_rate``
  (the gross share a pilot measures) or ``1 − Π_{m<W}(1 − b_m) + net_effect``.
* ``b_m`` is the baseline of that closed group in month ``m``: the constant
  ``baseline_outflow_rate`` or, with duration bands, the band of its time on benefit
  (``12·years_on_benefit_at_intake + m`` completed months).

Pure numpy, vectorised over iterations; no scenario objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.engine import ModelShape, StrategyInputs, monthly_hazard

#: Bisection steps for ``e``: the bracket halves each step, so 80 steps take a bracket of
#: width 2/w_min below the spacing of doubles around it.
_SOLVE_STEPS = 80


def profile_weights(shape: ModelShape, months: int | None = None) -> np.ndarray:
    """``w(a)`` for the months since intake ``a = 0 … months−1`` (default: the horizon)."""
    months = shape.horizon_months if months is None else months
    if shape.effect_profile is None:
        w = np.zeros(months)
        w[: min(shape.outflow_window_months, months)] = 1.0
        return w
    w = np.empty(months)
    bounds = [m for m, _ in shape.effect_profile[1:]] + [months]
    for (start, weight), end in zip(shape.effect_profile, bounds):
        if start < months:
            w[start : min(end, months)] = weight
    return w


def effect_months(weights: np.ndarray) -> int:
    """Months since intake after which the programme no longer differs from the baseline
    (one past the last non-zero weight): a cohort's pools can merge with everyone else's."""
    nonzero = np.flatnonzero(weights)
    return int(nonzero[-1]) + 1 if nonzero.size else 0


@dataclass(frozen=True)
class DurationBaseline:
    """Baseline monthly hazard by completed months in the current spell, ``d = 0 … cap``
    (``d ≥ cap`` all in the last band): shape ``(cap + 1,)``."""

    by_months: np.ndarray

    @property
    def cap(self) -> int:
        return int(self.by_months.shape[0]) - 1

    def slot(self, months_on_benefit: float) -> int:
        return int(min(max(months_on_benefit, 0), self.cap))

    def within(self, horizon_months: int, intake_months: int) -> DurationBaseline:
        """Only the durations a client can have within the horizon: returners reach at most
        ``horizon − 1`` months, the intake at most ``intake + horizon − 1``. The last slot keeps
        the hazard of the durations it stands for (the last band when the intake is in it)."""
        if intake_months >= self.cap:
            if self.cap <= horizon_months:
                return self
            return DurationBaseline(np.append(self.by_months[:horizon_months], self.by_months[self.cap]))
        reach = intake_months + horizon_months
        return self if reach >= self.cap else DurationBaseline(self.by_months[: reach + 1])


def duration_baseline(bands: tuple[tuple[float, float], ...]) -> DurationBaseline:
    """Monthly hazards ``1 − (1 − rate)^(1/12)`` of the band holding ``d / 12`` years."""
    starts = [int(np.ceil(12.0 * years - 1e-9)) for years, _ in bands]
    cap = max(starts[-1], 0)
    hazards = np.empty(cap + 1)
    for (_, rate), start, end in zip(bands, starts, [*starts[1:], cap + 1]):
        hazards[start:end] = monthly_hazard(np.asarray(rate, dtype=float), 12.0)
    return DurationBaseline(hazards)


def intake_months_on_benefit(shape: ModelShape) -> int:
    """Completed months in the current spell at intake (whole months, halves up)."""
    return int(np.floor(12.0 * shape.years_on_benefit_at_intake + 0.5))


def closed_group_baseline(inputs: StrategyInputs, shape: ModelShape, months: int) -> np.ndarray:
    """``b_m`` for ``m < months`` of clients who stay on benefit from intake: ``(months, 1)``
    with duration bands (the same in every iteration), else ``(1, n)``."""
    if shape.baseline_by_duration is None:
        return monthly_hazard(inputs.baseline_outflow_rate, 12.0)[None, :]
    base = duration_baseline(shape.baseline_by_duration)
    d0 = intake_months_on_benefit(shape)
    return base.by_months[np.minimum(d0 + np.arange(months), base.cap)][:, None]


def window_share(b: np.ndarray, w: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Share of a closed group off benefit after the window: ``1 − Π(1 − clip(b + e·w))``."""
    h = np.clip(b + e[None, :] * w[:, None], 0.0, 1.0)
    return 1.0 - np.prod(1.0 - h, axis=0)


def baseline_share(b_window: np.ndarray, window: int, n: int) -> np.ndarray:
    """Share of a closed group off benefit after ``window`` months at the baseline alone."""
    return 1.0 - np.prod(1.0 - np.broadcast_to(b_window, (window, n)), axis=0)


def target_share(inputs: StrategyInputs, b_window: np.ndarray, window: int) -> np.ndarray:
    """The share off benefit at the window's end that the programme must reach, in [0, 1]."""
    if inputs.net_effect is None:
        assert inputs.outflow_rate is not None
        return np.clip(inputs.outflow_rate, 0.0, 1.0)
    return np.clip(baseline_share(b_window, window, inputs.n) + inputs.net_effect, 0.0, 1.0)


def solve_scale(b: np.ndarray, w: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``e`` per iteration with ``window_share(b, w, e) = target`` (bisection on a bracket
    where every non-zero weight saturates its hazard). Where no ``e`` reaches the target
    (the loader refuses that at the parameters' means) the nearer end of the bracket is
    used: the closest share the profile can give."""
    n = target.shape[0]
    nonzero = np.abs(w[w != 0])
    if nonzero.size == 0:
        return np.zeros(n)
    positive = w[w > 0]
    # Upwards, e = 1 / (largest positive weight) already saturates that month (share 1).
    # Downwards, e = −1 / (smallest positive weight) empties every positive month; capped at a
    # million times the largest weight's scale, because a subnormal weight's inverse overflows
    # (a month weighing a millionth of the largest then barely moves: its hazard stays the baseline's).
    scale = positive if positive.size else nonzero
    up = 1.0 / scale.max()
    with np.errstate(over="ignore", divide="ignore"):
        down = min(1.0 / scale.min(), 1e6 / scale.max())
    b = np.broadcast_to(b, (w.shape[0], n))
    at_zero = window_share(b, w, np.zeros(n))
    rising = target >= at_zero
    lo = np.where(rising, 0.0, -down)
    hi = np.where(rising, up, 0.0)
    for _ in range(_SOLVE_STEPS):
        mid = 0.5 * (lo + hi)
        below = window_share(b, w, mid) < target
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class ProgrammeEffect:
    """What the programme adds to a client's baseline hazard, by months since intake:
    ``extra`` has shape ``(effect_months, n)`` (``e·w(a)``); from ``effect_months`` on the
    programme hazard is the baseline."""

    scale: np.ndarray
    weights: np.ndarray

    @property
    def months(self) -> int:
        return effect_months(self.weights)

    def at(self, age: int) -> np.ndarray | None:
        """``e·w(age)``, or None where the weight is 0 (the programme hazard is the baseline)."""
        if age >= self.weights.shape[0] or self.weights[age] == 0:
            return None
        return self.scale * self.weights[age]


def programme_effect(inputs: StrategyInputs, shape: ModelShape) -> ProgrammeEffect:
    """Solve ``e`` for each iteration and return the effect by months since intake."""
    window = shape.outflow_window_months
    b = closed_group_baseline(inputs, shape, window)
    scale = solve_scale(b, profile_weights(shape, window), target_share(inputs, b, window))
    return ProgrammeEffect(scale, profile_weights(shape))


def implied_net_effect(inputs: StrategyInputs, shape: ModelShape) -> np.ndarray:
    """The programme's share off benefit at the window's end minus the baseline's, for a
    closed group: ``net_effect`` itself, or what an ``outflow_rate`` implies (the guardrail
    of DESIGN.md §9 reads this)."""
    window = shape.outflow_window_months
    b = closed_group_baseline(inputs, shape, window)
    return target_share(inputs, b, window) - baseline_share(b, window, inputs.n)
