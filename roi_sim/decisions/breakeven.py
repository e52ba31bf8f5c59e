"""Break-even values: how good (or cheap) must one parameter be for a strategy to pay back?

A council does not only ask "what do we earn back?" but "how wrong may we be?". The answer
per parameter is its break-even value: the value at which the expected net savings of a
strategy are exactly zero, every other parameter held at its mean. Read together with the
parameter's distribution in the scenario, it gives the chance that the parameter lies on the
paying side: "pays back if at least 20.8% of participants leave benefit; chance 87% under
the scenario's uncertainty".

The search uses the deterministic (expected-flow) model,
:func:`roi_sim.model.simulate.evaluate_deterministic`, which is vectorised over parameter values:

1. scan a grid over the parameter's valid range in one call (rates: 0..1; unbounded money,
   years and counts: geometrically from near 0 up to 1000× the scenario's value), to find
   every sign change of the net savings;
2. take the sign change nearest to the scenario's value and refine it with
   :func:`scipy.optimize.brentq` (``xtol=1e-10``).

This module is pure: a scenario in, frozen dataclasses out. No I/O, no printing.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from scipy.optimize import brentq

from roi_sim.model.arguments import check_societal
from roi_sim.model.simulate import evaluate_deterministic
from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PARAMETERS, RELAPSE_KEYS, ParamInfo, PartSpec, Scenario
from roi_sim.scenario.vocabulary import parameter_info

#: The ledgers a break-even can be asked for, and the IterationResults field of each.
LEDGERS: dict[str, str] = {"fiscal": "net_savings", "societal": "societal_net"}
#: How far the scan reaches for a parameter without an upper bound, as a multiple of the
#: scenario's value: a break-even beyond 1000× the plan's own figure is no break-even a
#: council can use, and the sentence then says "does not pay back for any ... between ...".
SCAN_FACTOR = 1000.0
#: Upper end of the scan where the scenario's value is 0 (so 1000× it says nothing): a
#: billion euros, a thousand years, a million clients are beyond any municipal programme.
FALLBACK_TOP: dict[str, float] = {"money": 1e9, "years": 1e3, "count": 1e6, "rate": 1.0}
#: Grid points of the scan. Evaluating the model is cheap per point (vectorised), and a finer
#: grid only matters for a net-savings curve that changes sign twice within one step.
LINEAR_POINTS = 1025
GEOMETRIC_POINTS = 2049
#: The geometric scan starts this far below its top (12 decades), so it reaches values near 0.
GEOMETRIC_DECADES = 12
#: Parameter values evaluated per call of the model: bounds the memory of the
#: (months × values) arrays for long horizons.
CHUNK = 1024
#: Parameters whose value the model rounds to whole numbers: the net savings are a step
#: function of them, so the search runs over whole numbers (see :func:`_integer_crossing`).
WHOLE_NUMBER_PARAMETERS = frozenset({"cohort_size"})

Side = Literal["above", "below"]


@dataclass(frozen=True)
class BreakEven:
    """The break-even value of one parameter for one strategy.

    ``value`` is where the expected net savings (deterministic model, every other parameter
    at its mean) change sign; ``None`` when they do not change sign anywhere in the scanned
    range, or when the strategy does not use the parameter. For ``cohort_size``, which the
    model rounds to whole clients, ``value`` is the smallest (or largest) whole number of
    clients that pays back. For a step-shaped dependence (e.g. ``time_out_of_benefits_years``
    under fixed relapse, which rounds to whole months) it is where the step crosses zero, and
    the net savings there need not be exactly zero.
    """

    strategy: str
    parameter: str
    value: float | None
    #: On which side of ``value`` the strategy pays back (net savings > 0).
    pays_when: Side | None
    #: The chance, under the scenario's distribution of the parameter for this strategy, that
    #: the parameter lies where the strategy pays back (all sign changes in the scanned range
    #: count, should there be more than one). None when the scenario fixes the parameter
    #: or when ``value`` is None.
    probability_paying_side: float | None
    #: The parameter's mean in the scenario (first part of the strategy); NaN when the
    #: strategy does not use the parameter.
    current_mean: float
    #: The council's way of saying it (English; :mod:`roi_sim.outputs.decision_sentences`
    #: says it in any language from the fields, never from this text).
    sentence: str
    #: Further sign changes in the scanned range (the paying region is then not a half-line).
    other_crossings: tuple[float, ...] = ()
    #: The top of the scanned range, where no sign change was found (``value`` None).
    scanned_high: float | None = None
    #: With no sign change: True when the strategy pays for every scanned value.
    pays_throughout: bool = False


def allowed_parameters() -> tuple[str, ...]:
    """Parameters a break-even can be computed for: the model's numeric parameters and the
    discount rate."""
    return (*PARAMETERS, "discount_rate")


def _info(parameter: str, scenario: Scenario | None = None) -> ParamInfo:
    allowed = allowed_parameters()
    ladder = _ladder_names(scenario)
    if parameter not in allowed and parameter not in ladder:
        allowed = (*allowed, *ladder)
        close = difflib.get_close_matches(parameter, allowed, n=1)
        hint = Msg(" (did you mean {guess!r}?)", guess=close[0]) if close else ""
        raise ValueError(Msg("unknown parameter {parameter!r}{hint}; allowed: {allowed}", parameter=parameter, hint=hint, allowed=', '.join(allowed)))
    return parameter_info(parameter)


def _distribution(scenario: Scenario, parts: tuple[PartSpec, ...], parameter: str) -> Distribution | None:
    """The scenario's distribution of ``parameter`` for a strategy (its first part that has
    it); None when the strategy does not use the parameter (e.g. relapse_ever without
    levelling relapse)."""
    if parameter == "discount_rate":
        return scenario.discount_rate
    for part in parts:
        if parameter in part.params:
            return part.params[parameter]
        if part.ladder is not None:
            for name, dist, _ in part.ladder.rate_parameters():
                if name == parameter:
                    return dist
    return None


def _ladder_names(scenario: Scenario | None) -> tuple[str, ...]:
    """A scenario's ladder rates as parameters (DESIGN.md §10), in the order they are met."""
    if scenario is None:
        return ()
    names = [n for s in scenario.strategies for p in s.parts if p.ladder is not None for n, _, _ in p.ladder.rate_parameters()]
    return tuple(dict.fromkeys(names))


def _scan_grid(parameter: str, info: ParamInfo, means: list[float]) -> np.ndarray:
    """Sorted parameter values to scan for sign changes.

    Bounded parameters with a modest range (rates, the discount rate, programme months) are
    scanned linearly over the whole range. The others run geometrically from near 0 up to
    1000× the largest value any strategy uses (capped at the valid maximum), plus a linear
    grid over the same span: geometric for break-evens far below the plan's figure, linear for
    resolution near it.
    """
    if math.isfinite(info.high) and info.high <= SCAN_FACTOR:
        return np.linspace(info.low, info.high, LINEAR_POINTS)
    largest = max((abs(m) for m in means if math.isfinite(m)), default=0.0)
    # A plan value of 0 (e.g. no start-up cost) gives no scale: then scan up to a figure
    # beyond anything a municipal programme meets.
    top = SCAN_FACTOR * largest if largest > 0 else FALLBACK_TOP[info.kind]
    top = min(top, info.high)
    start = top * 10.0**-GEOMETRIC_DECADES
    grid = np.concatenate([np.geomspace(start, top, GEOMETRIC_POINTS), np.linspace(info.low, top, LINEAR_POINTS)])
    if info.low_exclusive:
        grid = grid[grid > info.low]
    if parameter in WHOLE_NUMBER_PARAMETERS:
        grid = np.floor(grid + 0.5)
    return np.unique(grid)


def _net(scenario: Scenario, parameter: str, xs: np.ndarray, field: str) -> dict[str, np.ndarray]:
    """Expected net savings of every strategy at each value in ``xs``."""
    out: dict[str, list[np.ndarray]] = {spec.name: [] for spec in scenario.strategies}
    for lo in range(0, len(xs), CHUNK):
        chunk = xs[lo : lo + CHUNK]
        results = evaluate_deterministic(scenario, {parameter: chunk}, n=len(chunk))
        for name, res in results.items():
            out[name].append(np.asarray(getattr(res, field), dtype=float))
    return {name: np.concatenate(parts) for name, parts in out.items()}


@dataclass(frozen=True)
class _Crossing:
    #: Where the paying status flips: the root for a continuous parameter, the half-way
    #: point between two whole numbers for a rounded one (draws are rounded, then compared).
    cut: float
    #: The value reported: the root, or the paying whole number next to the cut.
    value: float
    pays_when: Side


def _continuous_crossing(f: Callable[[float], float], a: float, b: float, fa: float, fb: float) -> _Crossing:
    """The root between grid points ``a < b`` whose paying status (net > 0) differs."""
    pays_when: Side = "above" if fb > 0 else "below"
    # Net savings of exactly 0 on a grid point are the root itself (brentq needs a strict
    # sign change). With paying = net > 0, a zero is on the non-paying end of the pair.
    if fa == 0:
        root = a
    elif fb == 0:
        root = b
    else:
        root = float(brentq(f, a, b, xtol=1e-10))
    return _Crossing(root, root, pays_when)


def _integer_crossing(f: Callable[[float], float], a: float, b: float, fb: float) -> _Crossing:
    """For a parameter rounded to whole numbers: bisect over whole numbers between grid
    points ``a < b`` (themselves whole) to the two neighbours where the status flips.

    A root of the step function would be a rounding boundary such as 12.5 clients, where
    the net savings jump over 0; a council wants "at least 13 clients" instead.
    """
    pays_above = fb > 0
    lo, hi = int(a), int(b)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if (f(float(mid)) > 0) == pays_above:
            hi = mid
        else:
            lo = mid
    return _Crossing(lo + 0.5, float(hi if pays_above else lo), "above" if pays_above else "below")


def breakeven(
    scenario: Scenario, parameter: str, *, ledger: str = "fiscal", samples: int = 200_000, seed: int = 0
) -> list[BreakEven]:
    """The break-even value of ``parameter`` for every strategy of ``scenario``, in order.

    ``ledger`` is ``"fiscal"`` (the municipality's net savings) or ``"societal"`` (the
    MKBA net). The parameter is set to the same value in every part of a strategy (as
    :func:`roi_sim.model.simulate.evaluate_deterministic` does); the reported ``current_mean`` and
    the probability use the strategy's first part that has the parameter. The probability
    samples that distribution ``samples`` times with ``numpy.random.default_rng(seed)``.

    Raises ValueError for an unknown parameter (with a "did you mean"), an unknown ledger or
    a number of samples below 1.
    """
    info = _info(parameter, scenario)
    if ledger not in LEDGERS:
        raise ValueError(Msg("unknown ledger {ledger!r}; allowed: {ledgers}", ledger=ledger, ledgers=', '.join(LEDGERS)))
    check_societal(scenario, ledger)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ValueError(Msg("samples must be a whole number of at least 1 (got {samples!r})", samples=samples))
    field = LEDGERS[ledger]
    dists = {spec.name: _distribution(scenario, spec.parts, parameter) for spec in scenario.strategies}
    means = {name: (d.mean() if d is not None else math.nan) for name, d in dists.items()}
    xs = _scan_grid(parameter, info, list(means.values()))
    # No strategy using the parameter: nothing to scan (every entry says so below).
    nets = _net(scenario, parameter, xs, field) if any(d is not None for d in dists.values()) else {}
    whole = parameter in WHOLE_NUMBER_PARAMETERS

    out = []
    for spec in scenario.strategies:
        name, dist, mean = spec.name, dists[spec.name], means[spec.name]
        if dist is None:
            out.append(BreakEven(name, parameter, None, None, None, math.nan, _unused_sentence(spec.parts, parameter)))
            continue

        # brentq evaluates one value at a time: simulate this strategy alone.
        alone = replace(scenario, strategies=(spec,))

        def f(x: float, _alone: Scenario = alone, _name: str = name) -> float:
            return float(getattr(evaluate_deterministic(_alone, {parameter: x})[_name], field)[0])

        crossings = _crossings(f, xs, nets[name], whole)
        if not crossings:
            net = nets[name]
            sentence = _no_crossing_sentence(parameter, info, xs, net, ledger)
            finite = net[np.isfinite(net)]
            throughout = bool(finite.size and (finite > 0).all())
            out.append(BreakEven(name, parameter, None, None, None, mean, sentence, scanned_high=float(xs[-1]), pays_throughout=throughout))
            continue
        # The sign change nearest to the plan's own figure is the one the council debates.
        nearest = min(crossings, key=lambda c: abs(c.cut - mean))
        probability = None if dist.is_fixed else _probability(dist, crossings, whole, samples, seed)
        sentence = _sentence(parameter, info, nearest, crossings, probability, mean, ledger)
        others = tuple(float(o.value) for o in crossings if o is not nearest)
        out.append(BreakEven(name, parameter, nearest.value, nearest.pays_when, probability, mean, sentence, other_crossings=others))
    return out


def _crossings(f: Callable[[float], float], xs: np.ndarray, net: np.ndarray, whole: bool) -> list[_Crossing]:
    """Every place in the grid where the paying status (net > 0) flips, refined."""
    finite = np.isfinite(net)
    paying = net > 0
    # Pairs of neighbouring grid points, both evaluated, whose status differs. A region the
    # model cannot evaluate (NaN) is skipped rather than bridged: no root is invented in it.
    flips = np.flatnonzero(finite[:-1] & finite[1:] & (paying[:-1] != paying[1:]))
    out = []
    for i in flips:
        a, b, fa, fb = float(xs[i]), float(xs[i + 1]), float(net[i]), float(net[i + 1])
        out.append(_integer_crossing(f, a, b, fb) if whole else _continuous_crossing(f, a, b, fa, fb))
    return out


def _probability(dist: Distribution, crossings: list[_Crossing], whole: bool, samples: int, seed: int) -> float:
    """Share of draws of ``dist`` where the strategy pays back.

    With one sign change that is the share on its paying side. With several, the paying set
    is a union of intervals between them; values beyond the scanned range take the status
    of its nearest end.
    """
    draws = dist.sample(np.random.default_rng(seed), samples)
    if whole:
        draws = np.floor(draws + 0.5)  # the model rounds draws to whole clients, halves up
    cuts = np.array([c.cut for c in crossings])
    # Status of the intervals (-inf, cut_1), (cut_1, cut_2), ..., (cut_m, inf).
    status = np.array([crossings[0].pays_when == "below"] + [c.pays_when == "above" for c in crossings])
    return float(status[np.searchsorted(cuts, draws, side="right")].mean())


# ------------------------------------------------------------------------------- sentences


def _significant(x: float, digits: int) -> str:
    """``f"{x:.{digits}g}"`` without e-notation: ``0.00001``, not ``1e-05``; ``10000``, not ``1e+04``."""
    return str(np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-"))


def _pct(x: float) -> str:
    p = 100 * x
    if 0 < abs(p) < 0.05:  # keep a tiny rate visible rather than "0.0%"
        return f"{_significant(p, 2)}%"
    return f"{p:.1f}".removesuffix(".0") + "%"


def _euros(x: float) -> str:
    if abs(x) < 100 and not float(x).is_integer():
        return f"€{x:,.2f}"
    return f"€{x:,.0f}"


def _formatted(parameter: str, info: ParamInfo, x: float) -> str:
    """A value the way a council reads it: percentages, euros, years, clients."""
    if parameter == "net_effect" or parameter.endswith(":net_effect"):  # a difference of two shares: percentage points
        return f"{100 * x:.1f} percentage points"
    if info.kind == "rate":
        return _pct(x)
    if info.kind == "money":
        return _euros(x)
    if info.kind == "years":
        return (f"{x:,.1f}" if x >= 0.1 or x == 0 else _significant(x, 2)) + " years"
    if parameter == "cohort_size":
        return f"{x:,.0f} client" + ("" if x == 1 else "s")
    unit = {"caseload": "clients per FTE", "programme_months": "months"}.get(parameter, "")
    return (f"{x:,.1f}".removesuffix(".0") + f" {unit}").rstrip()


def _plain(x: float) -> str:
    """The exact figure in the parenthesis: four significant digits, whole numbers in full
    (never e-notation)."""
    return _significant(x, 4) if abs(x) < 1e4 else f"{x:.0f}"


def _condition(parameter: str, info: ParamInfo, c: _Crossing) -> str:
    bound = "at least" if c.pays_when == "above" else "at most"
    shown = _formatted(parameter, info, c.value)
    if parameter == "outflow_rate":
        return f"{bound} {shown} of participants leave benefit"
    if parameter == "net_effect" or parameter.endswith(":net_effect"):
        return f"the programme adds {bound} {shown} to the share off benefit"
    if parameter == "cohort_size":
        verb = "starts" if c.value == 1 else "start"
        return f"{bound} {_formatted(parameter, info, c.value)} {verb} per intake year"
    return f"{parameter} {bound} {shown}"


def _pays(ledger: str) -> str:
    return "pays back" if ledger == "fiscal" else "pays back to society"


def _chance(p: float) -> str:
    # A share that is not 0 or 1 must not round to "0%" or "100%": that reads as certainty.
    # (Exactly 0 or 1 means every draw fell on one side, and is shown as such.)
    if 0 < p < 0.005:
        return "below 1%"
    if 0.995 < p < 1:
        return "above 99%"
    return f"{100 * p:.0f}%"


def _sentence(
    parameter: str, info: ParamInfo, c: _Crossing, crossings: list[_Crossing], probability: float | None, mean: float, ledger: str
) -> str:
    sign = "≥" if c.pays_when == "above" else "≤"
    text = f"{_pays(ledger)} if {_condition(parameter, info, c)} ({parameter} {sign} {_plain(c.value)})"
    others = [o for o in crossings if o is not c]
    if others:
        # The paying region is then not a half-line: say so, so "at least" is not over-read.
        text += "; the net savings also change sign at " + ", ".join(_plain(o.value) for o in others)
    if probability is None:
        text += f"; the scenario assumes {_formatted(parameter, info, mean)}"
    else:
        text += f"; chance {_chance(probability)} under the scenario's uncertainty"
    return text


def _no_crossing_sentence(parameter: str, info: ParamInfo, xs: np.ndarray, net: np.ndarray, ledger: str) -> str:
    lo = _formatted(parameter, info, info.low)
    hi = _formatted(parameter, info, float(xs[-1]))
    span = f"{parameter} between {lo} and {hi}"
    finite = net[np.isfinite(net)]
    if finite.size and (finite > 0).all():
        return f"{_pays(ledger)} for every {span}: the net savings never fall to zero"
    return f"does not {_pays(ledger).replace('pays', 'pay')} for any {span}"


def _unused_sentence(parts: tuple[PartSpec, ...], parameter: str) -> str:
    if parts[0].ladder is not None:
        # DESIGN.md §10: the states replace the on/off effect, baseline and relapse keys.
        if parameter.startswith(("transition:", "programme:")):
            return f"does not depend on {parameter}"
        return f"does not depend on {parameter}: the strategy has states, whose effect and relapse are moves: give one as transition:<from>:<to> or programme:<from>:<to>:<rate|net_effect>"
    model = parts[0].relapse_model
    if any(parameter in keys for keys in RELAPSE_KEYS.values()):
        return f"does not depend on {parameter}: the strategy's relapse_model is {model}"
    return f"does not depend on {parameter}"
