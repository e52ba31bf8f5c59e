"""Evaluation design: how many clients per arm a controlled pilot needs to detect an effect
on the share off benefit at the end of the outflow window, or what a given size detects.

The test is the two-sided comparison of two proportions (pooled-variance z test). The
sample size is the textbook formula with the pooled variance under the null and the
unpooled variance under the alternative (Fleiss, *Statistical Methods for Rates and
Proportions*, eq. 4.14 without continuity correction)::

    n = (z_{1-α/2}·sqrt(2·p̄·q̄) + z_{1-β}·sqrt(p1·q1 + p2·q2))² / (p1 − p2)²,  p̄ = (p1+p2)/2

rounded up to whole clients. It reproduces facts.md §9: +5 pp on 8% needs 589 per arm
(≈590), +9 pp 211 (≈210). Inverting the same formula, 75 per arm detects 16.8 pp with
power 0.8. facts.md's "75 versus 75 detects about 12 pp" is the quick approximation with
the baseline variance in both arms, ``d = (z_{1-α/2} + z_{1-β})·sqrt(2·p1·q1/n)`` (12.4 pp):
it is reported as well (``minimum_detectable_effect_approx``), but the consistent figure
(the one whose sample size is n) is the 16.8 pp.

Two designs give the same per-arm numbers but differ in what they ask of the intake:

- ``randomised``: eligible clients are assigned by lot; the control group never gets the
  programme within the evaluation. Needs ``n`` programme places and ``n`` eligible clients
  left out (natural when capacity is short of demand).
- ``waiting-list``: everyone is served, the control group later. It ASSUMES that the order
  on the list is drawn by lot, that the wait lasts at least the outflow window (the outcome
  is measured at the end of the window, before the controls start), that the waiting
  clients get no substitute support and that knowing they will start does not change their
  own search (no anticipation effect). Both arms come out of the programme's own intake,
  so it needs ``2n`` programme places within the intake period, and the answer comes one
  outflow window later than with a randomised design.

Pure: numbers in, frozen dataclasses out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from roi_sim.scenario.message_text import Msg


class _Norm:
    """The standard normal's ``ppf`` and ``cdf`` as ``scipy.stats.norm`` computes them (it
    calls ``scipy.special.ndtri`` and ``ndtr``, times scale 1 plus loc 0), without importing
    ``scipy.stats``: ``voi`` and ``design`` import this module, and ``scipy.stats`` costs
    about a second of start-up (docs/performance.md#start-up-whole-process)."""

    @staticmethod
    def ppf(q: float) -> float:
        from scipy.special import ndtri

        return float(ndtri(q))

    @staticmethod
    def cdf(x: float) -> float:
        from scipy.special import ndtr

        return float(ndtr(x))


norm = _Norm()

__all__ = ["DESIGNS", "SampleSize", "DetectableEffect", "sample_size", "minimum_detectable_effect", "power"]

DESIGNS = ("randomised", "waiting-list")


@dataclass(frozen=True)
class SampleSize:
    """Clients per arm to detect ``effect`` (p2 − p1) on ``baseline`` (p1)."""

    baseline: float
    effect: float
    alpha: float
    power: float
    design: str
    n_per_arm: int
    #: Programme places the design needs from the intake (n or 2n, see the module docstring).
    programme_places: int
    #: Clients who do not get the programme during the evaluation (randomised only).
    controls_left_out: int


@dataclass(frozen=True)
class DetectableEffect:
    """The smallest effect ``n_per_arm`` clients per arm detect with the given power."""

    baseline: float
    n_per_arm: int
    alpha: float
    power: float
    design: str
    minimum_detectable_effect: float
    #: The quick approximation with the baseline variance in both arms (see the docstring).
    minimum_detectable_effect_approx: float
    programme_places: int
    controls_left_out: int


def _check(baseline: float, alpha: float, power_: float, design: str) -> None:
    if not (0.0 < baseline < 1.0) or not math.isfinite(baseline):
        raise ValueError(Msg("{arg} {value!r}: must be a share strictly between 0 and 1", arg="baseline", value=baseline))
    if not (0.0 < alpha < 1.0):
        raise ValueError(Msg("{arg} {value!r}: must lie strictly between 0 and 1", arg="alpha", value=alpha))
    if not (0.0 < power_ < 1.0):
        raise ValueError(Msg("{arg} {value!r}: must lie strictly between 0 and 1", arg="power", value=power_))
    if design not in DESIGNS:
        raise ValueError(Msg("{arg} {value!r}: unknown; allowed: {designs}", arg="design", value=design, designs=', '.join(DESIGNS)))


def _places(n: int, design: str) -> tuple[int, int]:
    return (2 * n, 0) if design == "waiting-list" else (n, n)


def exact_n(baseline: float, effect: float, alpha: float = 0.05, power_: float = 0.8) -> float:
    """The formula's real-valued n (before rounding up)."""
    p1, p2 = baseline, baseline + effect
    pbar = (p1 + p2) / 2.0
    za, zb = norm.ppf(1.0 - alpha / 2.0), norm.ppf(power_)
    top = za * math.sqrt(2.0 * pbar * (1.0 - pbar)) + zb * math.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    return top * top / (effect * effect)


def sample_size(baseline: float, effect: float, alpha: float = 0.05, power_: float = 0.8, design: str = "randomised") -> SampleSize:
    """Clients per arm (rounded up) to detect ``effect`` on ``baseline``, two-sided."""
    _check(baseline, alpha, power_, design)
    if effect == 0 or not math.isfinite(effect) or not (0.0 < baseline + effect < 1.0):
        raise ValueError(Msg("{arg} {value!r}: must be non-zero and keep baseline + effect strictly between 0 and 1", arg="effect", value=effect))
    # A tiny tolerance so a formula value of exactly 589.0000000001 from rounding stays 589.
    n = max(1, math.ceil(exact_n(baseline, effect, alpha, power_) - 1e-9))
    places, left_out = _places(n, design)
    return SampleSize(baseline, effect, alpha, power_, design, n, places, left_out)


def power(baseline: float, effect: float, n_per_arm: float, alpha: float = 0.05) -> float:
    """Power of the two-sided test with ``n_per_arm`` per arm (the inverse of the formula)."""
    p1, p2 = baseline, baseline + effect
    pbar = (p1 + p2) / 2.0
    za = norm.ppf(1.0 - alpha / 2.0)
    sd1 = math.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    return float(norm.cdf((abs(effect) * math.sqrt(n_per_arm) - za * math.sqrt(2.0 * pbar * (1.0 - pbar))) / sd1))


def minimum_detectable_effect(
    baseline: float, n_per_arm: int, alpha: float = 0.05, power_: float = 0.8, design: str = "randomised"
) -> DetectableEffect:
    """The smallest increase over ``baseline`` detected with ``power_`` by ``n_per_arm`` per arm.

    Solves ``exact_n(baseline, d) = n_per_arm`` for ``d > 0`` (n falls as d grows). When even
    the largest possible increase (to a share of 1) is not detectable the result is ``inf``.
    """
    _check(baseline, alpha, power_, design)
    if isinstance(n_per_arm, bool) or int(n_per_arm) != n_per_arm or n_per_arm < 1:
        raise ValueError(Msg("{arg} {value!r}: must be a whole number of clients, 1 or more", arg="n_per_arm", value=n_per_arm))
    top = 1.0 - baseline - 1e-12
    if exact_n(baseline, top, alpha, power_) > n_per_arm:
        mde = math.inf
    else:
        from scipy.optimize import brentq

        mde = float(brentq(lambda d: exact_n(baseline, d, alpha, power_) - n_per_arm, 1e-9, top, xtol=1e-12))
    approx = (norm.ppf(1.0 - alpha / 2.0) + norm.ppf(power_)) * math.sqrt(2.0 * baseline * (1.0 - baseline) / n_per_arm)
    places, left_out = _places(int(n_per_arm), design)
    return DetectableEffect(baseline, int(n_per_arm), alpha, power_, design, mde, float(approx), places, left_out)


def window_share(annual_rate: float, window_months: int) -> float:
    """The share of a closed group that leaves within ``window_months`` at an annual rate
    (the engine's monthly hazard compounded over the window)."""
    return 1.0 - (1.0 - annual_rate) ** (window_months / 12.0)


# --------------------------------------------------------------------------- from a scenario


@dataclass(frozen=True)
class ScenarioEffect:
    """What a controlled evaluation of one strategy would measure, at the parameter means.

    ``baseline`` is the share off benefit at the end of the window without the programme,
    ``effect`` the programme's share minus it (both over ``window_months``).
    """

    strategy: str
    baseline: float
    effect: float
    window_months: int
    intake_per_year: float
    intake_years: int


def scenario_effect(scenario: object, strategy: str | None = None) -> ScenarioEffect:
    """Read the effect of ``strategy`` (default: the first) from a scenario.

    The single place that knows how a scenario states its effect: the shares of a closed
    group off benefit at the end of the window with and without the programme, at the
    parameters' means (an ``outflow_rate`` or a ``net_effect``, a constant or
    duration-banded baseline, classes: :mod:`roi_sim.model.effect_summary`).
    """
    from roi_sim.model.effect_summary import effect_summaries

    strategies = scenario.strategies  # type: ignore[attr-defined]
    if not strategies:
        raise ValueError(Msg("the scenario has no strategies to evaluate"))
    names = [s.name for s in strategies]
    if strategy is None:
        spec = strategies[0]
    elif strategy in names:
        spec = strategies[names.index(strategy)]
    else:
        raise ValueError(Msg("no strategy {strategy!r}; the scenario has: {names}", strategy=strategy, names=', '.join(names)))
    part = spec.parts[0]
    if part.ladder is not None:
        raise ValueError(
            Msg("strategy '{name}' has states (the participation ladder); design plans a pilot on the share leaving benefit of an on/off scenario only; run it without the scenario, with --baseline and --effect for the move you will measure", name=spec.name)
        )
    effect = effect_summaries(scenario)[names.index(spec.name)]  # type: ignore[arg-type]
    intake = float(sum(p.params["cohort_size"].mean() for p in spec.parts))
    return ScenarioEffect(spec.name, effect.baseline_share, effect.implied_net_effect, part.outflow_window_months, intake,
                          part.intake_years)
