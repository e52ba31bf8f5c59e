"""Both arms of a cohort with coupled luck (DESIGN.md §6): counts by joint state.

Each client lives one life in two versions, the programme arm and the counterfactual arm.
Each month it has one uniform ``U`` for leaving and one ``V`` for returning, shared by both
arms: on benefit it leaves the counterfactual if ``U < b`` and the programme if ``U < h``;
off benefit it returns in either arm if ``V < r``. Clients are never simulated one by one:
pools hold counts by joint state ``(counterfactual, programme)``:

* ``oo`` on benefit in both arms, ``ff`` off in both,
* ``of`` on in the counterfactual, off in the programme (the programme's extra leavers),
* ``fo`` off in the counterfactual, on in the programme (lock-in, or a programme leaver
  who came back while its counterfactual twin had left).

The shared uniforms imply the joint transitions drawn here: from ``oo`` both leave with
``min(b, h)``, only the programme with ``max(h − b, 0)``, only the counterfactual with
``max(b − h, 0)``; ``U`` and ``V`` are independent, so in ``of`` the counterfactual's
leaving and the programme's return are independent draws; from ``ff`` both return together
with ``r``. With ``h = b`` in every month nothing ever leaves ``oo``/``ff`` one-sidedly:
the two arms are identical in every iteration.

Relapse models:

* ``exponential`` (memoryless, return hazard ``r``): the four joint states are exact.
* ``levelling``: a per-client trait, the same in both arms, drawn at intake — a share
  ``relapse_ever`` of clients returns after leaving (hazard ``q``), the rest never does.
  Each type is its own exact four-state chain.
* ``fixed`` (off for exactly ``L`` months): the clients whose two versions are in the same
  state and left in the same month (*synchronised*) are tracked jointly and exactly, with
  one outflow history; a client whose versions drift apart (one-sided leaving, only inside
  the outflow window where ``h ≠ b``) continues in each arm's own pool with its own draws.
  Each arm's distribution is exact; only the joint luck of drifted clients is not coupled
  (documented in docs and the README's "Coupled arms").

Pools: a cohort has its own pools while inside its outflow window; when the window ends the
hazards of both arms are ``b`` for every cohort, so its pools merge into aggregate pools (a
sum of binomials with a common probability is binomial: merging changes no distribution).
Draws with a zero count or probability everywhere are skipped (reproducibly: the skip
depends only on the block's own inputs). The draw order is part of the reproducibility
contract.
"""

from __future__ import annotations

import numpy as np

from roi_sim.model.effects import ProgrammeEffect, programme_effect
from roi_sim.model.engine import (
    ModelShape,
    OffBenefitCounts,
    StrategyInputs,
    _Pool,
    _Relapse,
    _Transitions,
    levelling_hazard,
    monthly_hazard,
    relapse_probability,
)
from roi_sim.model.spells import spell_counts


class _Draw:
    """Binomial draws of counts, or their expectation (deterministic mode)."""

    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng

    def __call__(self, count: np.ndarray, p: np.ndarray | float) -> np.ndarray:
        if self.rng is None:
            return count * p
        if not count.any() or not (p.any() if isinstance(p, np.ndarray) else p):
            return np.zeros_like(count)
        return self.rng.binomial(count, p)


def _split(b: np.ndarray, h: np.ndarray, cache: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``min(b, h)`` and the conditional hazard of one-sided leaving, ``|h − b| / (1 − min)``.
    Within a cohort's window ``h`` is usually one array for every month: computed once then
    (``cache`` holds b, h and the two results)."""
    if cache and cache[0] is b and cache[1] is h:
        return cache[2], cache[3]
    low = np.minimum(b, h)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.where(low < 1.0, np.abs(h - b) / np.where(low < 1.0, 1.0 - low, 1.0), 0.0)
    cache[:] = [b, h, low, gap]
    return low, gap


class _JointPool:
    """Counts by joint state for a memoryless relapse (exponential, or one levelling type)."""

    def __init__(self, n: int, dtype: type) -> None:
        self.oo: np.ndarray = np.zeros(n, dtype=dtype)
        self.of: np.ndarray = np.zeros(n, dtype=dtype)
        self.fo: np.ndarray = np.zeros(n, dtype=dtype)
        self.ff: np.ndarray = np.zeros(n, dtype=dtype)
        # Whether ``of``/``fo`` may hold anyone: only once a month had h ≠ b. Until then
        # their draws are draws of zero counts (no random numbers, zero results), skipped.
        self.apart = False
        self._split_cache: list[np.ndarray] = []

    def absorb(self, other: _JointPool) -> None:
        self.oo += other.oo
        self.ff += other.ff
        if other.apart:
            self.of += other.of
            self.fo += other.fo
            self.apart = True

    def step(self, b: np.ndarray, h: np.ndarray | None, r: np.ndarray | float, draw: _Draw) -> None:
        """One month; ``h`` None means the programme hazard equals ``b`` (after the window)."""
        oo, of, fo, ff = self.oo, self.of, self.fo, self.ff
        # On benefit in both arms: leave together below min(b, h), one-sidedly in between.
        if h is None:
            both, only_p, only_c = draw(oo, b), None, None
        else:
            low, gap = _split(b, h, self._split_cache)
            both = draw(oo, low)
            one = draw(oo - both, gap)
            only_p = np.where(h > b, one, 0)
            only_c = one - only_p
        if not self.apart:
            # Nobody in of/fo: the draws below would all be of zero counts.
            ff_back = draw(ff, r)
            self.oo = oo - both + ff_back
            self.ff = ff + both - ff_back
            if only_p is not None and only_c is not None:
                self.oo = self.oo - only_p - only_c
                self.of = self.of + only_p
                self.fo = self.fo + only_c
                self.apart = True
            return
        # Programme off, counterfactual on: the counterfactual may leave (U), the programme
        # version may return (V); independent uniforms, so independent draws.
        c_leaves = draw(of, b)
        of_back_after_leaving = draw(c_leaves, r)
        of_back_staying = draw(of - c_leaves, r)
        # Counterfactual off, programme on: the mirror image with the programme hazard.
        p_leaves = draw(fo, b if h is None else h)
        fo_back_after_leaving = draw(p_leaves, r)
        fo_back_staying = draw(fo - p_leaves, r)
        # Off in both: the shared V brings both versions back together.
        ff_back = draw(ff, r)

        self.oo = oo - both + of_back_staying + fo_back_staying + ff_back
        self.of = of - c_leaves - of_back_staying + fo_back_after_leaving
        self.fo = fo - p_leaves - fo_back_staying + of_back_after_leaving
        self.ff = ff + both - ff_back + (c_leaves - of_back_after_leaving) + (p_leaves - fo_back_after_leaving)
        if only_p is not None and only_c is not None:
            self.oo = self.oo - only_p - only_c
            self.of = self.of + only_p
            self.fo = self.fo + only_c

    def off_programme(self) -> np.ndarray:
        return self.of + self.ff

    def off_counterfactual(self) -> np.ndarray:
        return self.fo + self.ff


class ProgrammeHazard:
    """The programme arm's monthly hazard by months since intake: ``at(age)`` is the hazard
    (None where it equals the baseline ``b``); from ``months`` on it is ``b`` for good, so a
    cohort's pools merge with everyone else's."""

    def __init__(self, months: int, constant: np.ndarray | None = None, b: np.ndarray | None = None,
                 effect: ProgrammeEffect | None = None) -> None:
        self.months, self.constant, self.b, self.effect = months, constant, b, effect

    @classmethod
    def baseline(cls, months: int) -> ProgrammeHazard:
        """The counterfactual's own evaluation: the programme hazard is ``b`` in every month
        (``at`` is None), so nobody drifts apart and no one-sided draw is made."""
        return cls(months, constant=None, b=None, effect=None)

    def at(self, age: int) -> np.ndarray | None:
        if self.constant is not None:
            return self.constant
        if self.effect is None:
            return None
        assert self.b is not None
        extra = self.effect.at(age)
        return None if extra is None else np.clip(self.b + extra, 0.0, 1.0)


def programme_hazard(inputs: StrategyInputs, shape: ModelShape, b: np.ndarray) -> ProgrammeHazard:
    """Part 1's constant hazard inside the window (from ``outflow_rate``, or from the
    baseline share plus ``net_effect``), or the profile of DESIGN.md §9."""
    window = shape.outflow_window_months
    if shape.effect_profile is None:
        if inputs.net_effect is None:
            assert inputs.outflow_rate is not None
            return ProgrammeHazard(window, monthly_hazard(inputs.outflow_rate, window))
        baseline_share = -np.expm1(window * np.log1p(-b))
        target = np.clip(baseline_share + inputs.net_effect, 0.0, 1.0)
        return ProgrammeHazard(window, monthly_hazard(target, window))
    effect = programme_effect(inputs, shape)
    return ProgrammeHazard(effect.months, b=b, effect=effect)


def _markov_arms(
    cohorts: dict[int, np.ndarray], b: np.ndarray, h: ProgrammeHazard, r: np.ndarray | float, shape: ModelShape, draw: _Draw,
    off: tuple[np.ndarray, np.ndarray],
) -> None:
    """Add one memoryless type's off-benefit counts (programme, counterfactual) into ``off``."""
    n = b.shape[0]
    dtype = np.float64 if draw.rng is None else np.int64
    aggregate = _JointPool(n, dtype)
    in_window: list[tuple[int, _JointPool]] = []
    for t in range(shape.horizon_months):
        if t in cohorts:
            pool = _JointPool(n, dtype)
            pool.oo += cohorts[t]
            in_window.append((t, pool))
        while in_window and t >= in_window[0][0] + h.months:
            aggregate.absorb(in_window.pop(0)[1])
        for start, pool in in_window:
            pool.step(b, h.at(t - start), r, draw)
        aggregate.step(b, None, r, draw)
        off[0][t] += aggregate.off_programme()
        off[1][t] += aggregate.off_counterfactual()
        for _, pool in in_window:
            off[0][t] += pool.off_programme()
            off[1][t] += pool.off_counterfactual()


class _FixedArms:
    """Fixed relapse: synchronised clients jointly (one history), drifted clients per arm."""

    def __init__(self, inputs: StrategyInputs, shape: ModelShape, draw: _Draw) -> None:
        self.n, self.horizon, self.draw = inputs.n, shape.horizon_months, draw
        self.dtype = np.float64 if draw.rng is None else np.int64
        self.relapse = _Relapse("fixed", inputs, shape.horizon_months)
        # _Pool draws through a _Transitions object; share the same generator.
        self.tr = _Transitions(draw.rng)
        # Every cohort's window reads the same b and (Part 1's constant) h: one _split cache.
        self._split_cache: list[np.ndarray] = []

    def pool(self, first: int, months: int) -> _Pool:
        return _Pool(self.n, first, months, self.dtype, True, pad=self.relapse.max_lag)

    def step_synced(self, pool: _Pool, t: int, b: np.ndarray, h: np.ndarray | None) -> tuple[np.ndarray, np.ndarray] | None:
        """Synchronised pool: joint leaving, joint return ``L`` months later; returns the
        one-sided leavers (programme only, counterfactual only), or None."""
        if h is None:
            low, gap = b, None
        else:
            low, gap = _split(b, h, self._split_cache)
        both = self.draw(pool.on, low)
        one = None
        if gap is not None:
            one = self.draw(pool.on - both, gap)
        back = self.relapse.back(pool, t, self.tr)
        pool.history[t - pool.first] = both  # type: ignore[index]
        moved = both if back is None else both - back
        pool.on -= moved
        pool.off += moved
        if one is None:
            return None
        pool.on -= one
        only_p = np.where(h > b, one, 0)
        return only_p, one - only_p


def _fixed_arms(
    inputs: StrategyInputs, cohorts: dict[int, np.ndarray], b: np.ndarray, hazard: ProgrammeHazard, shape: ModelShape,
    draw: _Draw, off: tuple[np.ndarray, np.ndarray],
) -> None:
    """Add the fixed-relapse off-benefit counts (programme, counterfactual) into ``off``."""
    fx = _FixedArms(inputs, shape, draw)
    window, horizon = hazard.months, shape.horizon_months
    no_baseline = not b.any()
    synced, drifted_p, drifted_c = fx.pool(0, horizon), fx.pool(0, horizon), fx.pool(0, horizon)
    in_window: list[tuple[_Pool, _Pool]] = []  # per cohort: synchronised, drifted programme
    # Drifted pools nobody has entered yet: their steps draw zero counts (no random numbers,
    # zero results), so they are skipped, e.g. in the counterfactual's own evaluation.
    unused: set[_Pool] = {drifted_p, drifted_c}
    for t in range(horizon):
        if t in cohorts:
            months = min(window, horizon - t)
            cohort_synced = fx.pool(t, months)
            cohort_synced.on += cohorts[t]
            cohort_drifted = fx.pool(t, months)
            unused.add(cohort_drifted)
            in_window.append((cohort_synced, cohort_drifted))
        while in_window and t >= in_window[0][0].first + window:
            s, p = in_window.pop(0)
            synced.absorb(s)
            if p not in unused:
                drifted_p.absorb(p)
                unused.discard(drifted_p)
        new = []
        for s, p in in_window:
            h = hazard.at(t - s.first)
            if p not in unused:
                p.step(t, b if h is None else h, False, fx.relapse, fx.tr)
            new.append((p, fx.step_synced(s, t, b, h)))
        fx.step_synced(synced, t, b, None)
        for pool in (drifted_p, drifted_c):
            if pool not in unused:
                pool.step(t, b, no_baseline, fx.relapse, fx.tr)
        # Those who drift apart this month were on benefit in both arms at its start: they
        # join the drifted pools after this month's draws (as leavers of month t).
        for p, one in new:
            if one is None:
                continue
            unused.discard(p)
            unused.discard(drifted_c)
            only_p, only_c = one
            p.off += only_p
            p.history[t - p.first] += only_p  # type: ignore[index]
            p.on += only_c
            drifted_c.on += only_p
            drifted_c.off += only_c
            drifted_c.history[t] += only_c  # type: ignore[index]
        both_off = synced.off + sum((s.off for s, _ in in_window), np.zeros(fx.n))
        off[0][t] += both_off + drifted_p.off + sum((p.off for _, p in in_window), np.zeros(fx.n))
        off[1][t] += both_off + drifted_c.off


def _both_arms(
    inputs: StrategyInputs, shape: ModelShape, draw: _Draw, cohort: np.ndarray, starts: list[int], b: np.ndarray, h: ProgrammeHazard
) -> tuple[np.ndarray, np.ndarray]:
    off = (np.zeros((shape.horizon_months, inputs.n)), np.zeros((shape.horizon_months, inputs.n)))
    if shape.relapse_model == "fixed":
        _fixed_arms(inputs, {t: cohort for t in starts}, b, h, shape, draw, off)
    elif shape.relapse_model == "levelling":
        assert inputs.relapse_ever is not None and inputs.relapse_within_12_months is not None
        ever = np.asarray(inputs.relapse_ever, dtype=np.float64)
        q = levelling_hazard(inputs.relapse_within_12_months, ever)
        # The trait "comes back some day" belongs to the client, the same in both arms.
        returners = {t: draw(cohort, ever) for t in starts}
        _markov_arms(returners, b, h, q, shape, draw, off)
        _markov_arms({t: cohort - returners[t] for t in starts}, b, h, 0.0, shape, draw, off)
    else:
        assert inputs.time_out_of_benefits_years is not None
        r = relapse_probability(inputs.time_out_of_benefits_years)
        _markov_arms({t: cohort for t in starts}, b, h, r, shape, draw, off)
    return off


def simulate_counts(inputs: StrategyInputs, shape: ModelShape, rng: np.random.Generator | None) -> OffBenefitCounts:
    """Simulate both arms with coupled luck and return the off-benefit counts per month.

    With ``rng`` None the expected flows are computed instead (deterministic mode): every
    binomial draw is replaced by its mean and counts are real-valued. Coupling changes no
    expectation, so deterministic figures are those of two separate arms.
    """
    horizon, _n = shape.horizon_months, inputs.n
    draw = _Draw(rng)
    cohort = inputs.cohort_size if rng is None else inputs.cohort_size.astype(np.int64)
    starts = [12 * k for k in range(shape.intake_years) if 12 * k < horizon]
    if shape.baseline_by_duration is not None:
        return spell_counts(inputs, shape, draw, cohort, starts)
    b = monthly_hazard(inputs.baseline_outflow_rate, 12.0)
    off = _both_arms(inputs, shape, draw, cohort, starts, b, programme_hazard(inputs, shape, b))
    if rng is None:
        # Expectations do not depend on the coupling, so the counterfactual is computed on its
        # own (programme hazard = baseline): exactly independent of the programme's inputs.
        same = ProgrammeHazard.baseline(shape.outflow_window_months)
        off = (off[0], _both_arms(inputs, shape, draw, cohort, starts, b, same)[1])
    return OffBenefitCounts(off[0], off[1], has_counterfactual=bool(b.any()))
