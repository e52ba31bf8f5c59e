"""Both arms when the baseline depends on time on benefit (DESIGN.md §9, duration bands).

A client with ``d`` completed months in its current spell leaves at the monthly hazard of
the band holding ``d / 12`` years; ``d`` grows by one for each month on benefit, and a
client who comes back in month ``t`` has ``d = 0`` in month ``t + 1``. The programme adds
``e·w(a)`` (months since intake ``a``) on top of the client's own baseline.

Counts, never clients: pools hold clients on benefit by spell duration ``d = 0 … cap``
(``cap`` = the last band's first month; longer spells share its hazard), so the cost is flat
in the cohort size. Coupled luck (DESIGN.md §6) the way the fixed relapse does it in
:mod:`roi_sim.model.arms`: clients whose two versions are in the same state with the same
spell (*synchronised*) are drawn jointly with the shared uniform; a client whose versions
drift apart (one-sided leaving, only where the programme's hazard differs from the
baseline) continues in each arm's own pool with its own draws. Each arm's distribution is
exact; with no effect nothing ever drifts and the two arms are identical in every iteration.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from roi_sim.model.effects import DurationBaseline, ProgrammeEffect, duration_baseline, intake_months_on_benefit, programme_effect
from roi_sim.model.engine import (
    ModelShape,
    OffBenefitCounts,
    StrategyInputs,
    _Relapse,
    levelling_hazard,
    relapse_probability,
)

Draw = Callable[[np.ndarray, np.ndarray | float], np.ndarray]


class _SparseDraw:
    """Binomial draws of spell-slot counts ``(slots, n)`` that are mostly 0 (only returners
    fill the short-spell slots): drawing only the non-zero counts is 3× cheaper there.
    Which counts are drawn depends only on the counts themselves, so it is reproducible."""

    #: Above this share of non-zero counts the plain vectorised draw is cheaper.
    DENSE = 0.35

    def __init__(self, draw: Draw) -> None:
        self.draw = draw
        self.rng: np.random.Generator | None = getattr(draw, "rng", None)

    def __call__(self, count: np.ndarray, p: np.ndarray | float) -> np.ndarray:
        if self.rng is None or count.ndim == 1:
            return self.draw(count, p)
        mask = count > 0
        share = np.count_nonzero(mask) / mask.size
        if share == 0:
            return np.zeros_like(count)
        if share > self.DENSE:
            rows = np.flatnonzero(mask.any(axis=1))
            if rows.size == count.shape[0]:
                return self.rng.binomial(count, p)
            # Spell slots nobody holds yet (early months) are left out.
            out = np.zeros_like(count)
            p_rows = np.broadcast_to(p, count.shape)[rows]
            out[rows] = self.rng.binomial(count[rows], p_rows)
            return out
        out = np.zeros_like(count)
        out[mask] = self.rng.binomial(count[mask], np.broadcast_to(p, count.shape)[mask])
        return out


class _SpellPool:
    """Clients of one pool: on benefit by spell duration ``(slots, n)``, off benefit ``(n,)``,
    and (fixed relapse) the leavers of each month ``(months, n)``."""

    def __init__(self, slots: int, n: int, months: int, dtype: type, fixed: bool) -> None:
        self.on: np.ndarray = np.zeros((slots, n), dtype=dtype)
        self.off: np.ndarray = np.zeros(n, dtype=dtype)
        self.first = 0
        self.history: np.ndarray | None = np.zeros((months, n), dtype=dtype) if fixed else None

    def absorb(self, other: _SpellPool) -> None:
        self.on += other.on
        self.off += other.off
        if self.history is not None and other.history is not None:
            self.history += other.history

    def leave(self, t: int, left: np.ndarray) -> None:
        """``left`` clients (per iteration) leave benefit in month ``t``."""
        self.off += left
        if self.history is not None:
            self.history[t] += left


class _Returns:
    """Who comes back in month ``t``: a memoryless hazard ``r``, or (fixed) the leavers of
    month ``t − L``."""

    def __init__(self, r: np.ndarray | float | None, fixed: _Relapse | None) -> None:
        self.r, self.fixed = r, fixed

    def back(self, pool: _SpellPool, t: int, draw: Draw) -> np.ndarray | None:
        if self.fixed is not None:
            return self.fixed.back(pool, t, None)  # type: ignore[arg-type]
        if self.r is None or not np.any(self.r) or not pool.off.any():
            return None
        return draw(pool.off, self.r)


def _aged(stay: np.ndarray, back: np.ndarray | None) -> np.ndarray:
    """Next month's on-benefit counts: stayers one month longer in their spell (the last slot
    keeps its own), returners at ``d = 0``."""
    new = np.empty_like(stay)
    new[1:] = stay[:-1]
    new[0] = 0 if back is None else back
    new[-1] += stay[-1]
    return new


def _step_arm(pool: _SpellPool, t: int, hazard: np.ndarray, returns: _Returns, draw: Draw) -> None:
    """One month of one arm's own pool (nothing to do while nobody has drifted into it)."""
    if pool.history is None and not pool.off.any() and not pool.on.any():
        return
    out = draw(pool.on, hazard)
    back = returns.back(pool, t, draw)
    pool.on = _aged(pool.on - out, back)
    pool.leave(t, out.sum(axis=0))
    if back is not None:
        pool.off -= back


def _step_synced(
    pool: _SpellPool, t: int, b: np.ndarray, extra: np.ndarray | None, returns: _Returns, draw: Draw
) -> tuple[np.ndarray, np.ndarray] | None:
    """One month of the synchronised pool; returns the one-sided leavers by spell slot
    (programme only, counterfactual only) before this month's ageing, or None."""
    if extra is None:
        both, one, h = draw(pool.on, b), None, b
    else:
        h = np.clip(b + extra[None, :], 0.0, 1.0)
        low = np.minimum(b, h)
        both = draw(pool.on, low)
        with np.errstate(divide="ignore", invalid="ignore"):
            gap = np.where(low < 1.0, np.abs(h - b) / np.where(low < 1.0, 1.0 - low, 1.0), 0.0)
        one = draw(pool.on - both, gap)
    back = returns.back(pool, t, draw)
    stay = pool.on - both if one is None else pool.on - both - one
    pool.on = _aged(stay, back)
    pool.leave(t, both.sum(axis=0))
    if back is not None:
        pool.off -= back
    if one is None:
        return None
    only_p = np.where(h > b, one, 0)
    return only_p, one - only_p


class _Spells:
    """Pools of one relapse type: per cohort while its programme effect lasts (synchronised,
    and drifted in the programme arm), then merged; one drifted counterfactual pool."""

    def __init__(self, base: DurationBaseline, n: int, horizon: int, dtype: type, fixed: bool) -> None:
        self.b = base.by_months[:, None]
        self.slots, self.n, self.horizon, self.dtype, self.fixed = base.cap + 1, n, horizon, dtype, fixed
        self.synced, self.drift_p, self.drift_c = self.pool(), self.pool(), self.pool()
        self.cohorts: list[tuple[int, _SpellPool, _SpellPool]] = []

    def pool(self) -> _SpellPool:
        return _SpellPool(self.slots, self.n, self.horizon, self.dtype, self.fixed)

    def month(self, t: int, effect: ProgrammeEffect | None, returns: _Returns, draw: Draw) -> None:
        while self.cohorts and (effect is None or t - self.cohorts[0][0] >= effect.months):
            _, s, p = self.cohorts.pop(0)
            self.synced.absorb(s)
            self.drift_p.absorb(p)
        drifted = []
        for start, s, p in self.cohorts:
            extra = None if effect is None else effect.at(t - start)
            h = self.b if extra is None else np.clip(self.b + extra[None, :], 0.0, 1.0)
            _step_arm(p, t, h, returns, draw)
            drifted.append((p, _step_synced(s, t, self.b, extra, returns, draw)))
        _step_synced(self.synced, t, self.b, None, returns, draw)
        _step_arm(self.drift_p, t, self.b, returns, draw)
        _step_arm(self.drift_c, t, self.b, returns, draw)
        for p, one in drifted:
            if one is not None:
                # They made this month's move in the synchronised pool: the leaver's twin is
                # still on benefit, one month longer in its spell.
                only_p, only_c = one
                p.leave(t, only_p.sum(axis=0))
                p.on += _aged(only_c, None)
                self.drift_c.leave(t, only_c.sum(axis=0))
                self.drift_c.on += _aged(only_p, None)

    def off(self) -> tuple[np.ndarray, np.ndarray]:
        both = self.synced.off + sum((s.off for _, s, _ in self.cohorts), np.zeros(self.n))
        return both + self.drift_p.off + sum((p.off for _, _, p in self.cohorts), np.zeros(self.n)), both + self.drift_c.off


def _run_type(
    cohorts: dict[int, np.ndarray], shape: ModelShape, base: DurationBaseline, effect: ProgrammeEffect | None,
    returns: _Returns, draw: Draw, off: tuple[np.ndarray, np.ndarray], dtype: type,
) -> None:
    """Add one relapse type's off-benefit counts (programme, counterfactual) into ``off``."""
    n = off[0].shape[1]
    intake = intake_months_on_benefit(shape)
    base = base.within(shape.horizon_months, intake)
    spells = _Spells(base, n, shape.horizon_months, dtype, returns.fixed is not None)
    slot = base.slot(intake)
    for t in range(shape.horizon_months):
        if t in cohorts:
            s = spells.pool()
            s.on[slot] += cohorts[t]
            spells.cohorts.append((t, s, spells.pool()))
        spells.month(t, effect, returns, draw)
        programme, counterfactual = spells.off()
        off[0][t] += programme
        off[1][t] += counterfactual


def _by_relapse(
    inputs: StrategyInputs, shape: ModelShape, draw: Draw, cohort: np.ndarray, starts: list[int], effect: ProgrammeEffect | None,
    dtype: type,
) -> tuple[np.ndarray, np.ndarray]:
    base = duration_baseline(shape.baseline_by_duration or ((0.0, 0.0),))
    off = (np.zeros((shape.horizon_months, inputs.n)), np.zeros((shape.horizon_months, inputs.n)))
    if shape.relapse_model == "levelling":
        assert inputs.relapse_ever is not None and inputs.relapse_within_12_months is not None
        ever = np.asarray(inputs.relapse_ever, dtype=np.float64)
        # The trait "comes back some day" belongs to the client, the same in both arms.
        returners = {t: draw(cohort, ever) for t in starts}
        q = levelling_hazard(inputs.relapse_within_12_months, ever)
        _run_type(returners, shape, base, effect, _Returns(q, None), draw, off, dtype)
        _run_type({t: cohort - returners[t] for t in starts}, shape, base, effect, _Returns(None, None), draw, off, dtype)
        return off
    assert inputs.time_out_of_benefits_years is not None
    if shape.relapse_model == "fixed":
        returns = _Returns(None, _Relapse("fixed", inputs, shape.horizon_months))
    else:
        returns = _Returns(relapse_probability(inputs.time_out_of_benefits_years), None)
    _run_type({t: cohort for t in starts}, shape, base, effect, returns, draw, off, dtype)
    return off


def spell_counts(inputs: StrategyInputs, shape: ModelShape, draw: Draw, cohort: np.ndarray, starts: list[int]) -> OffBenefitCounts:
    """Off-benefit counts per month of both arms with a duration-banded baseline."""
    deterministic = getattr(draw, "rng", None) is None
    dtype = np.float64 if deterministic else np.int64
    draw = _SparseDraw(draw)
    off = _by_relapse(inputs, shape, draw, cohort, starts, programme_effect(inputs, shape), dtype)
    if deterministic:
        # As in arms.simulate_counts: the counterfactual's expectation on its own.
        off = (off[0], _by_relapse(inputs, shape, draw, cohort, starts, None, dtype)[1])
    bands = shape.baseline_by_duration or ()
    return OffBenefitCounts(off[0], off[1], has_counterfactual=any(rate > 0 for _, rate in bands))
