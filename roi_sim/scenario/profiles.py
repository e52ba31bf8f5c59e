"""Effect profiles and the baseline by duration (DESIGN.md §9), as the engine gets them.

An effect profile ``w(m)`` spreads the programme's extra hazard over the months since
intake: ``h_m = clip(b_m + e·w(m), 0, 1)``, with ``e`` solved so that the share of a closed
group off benefit at the end of the outflow window is ``net_effect`` above the baseline's.
Only the shape matters (``e`` absorbs the scale). A profile is piecewise constant:
``((from_month, weight), ...)`` starting at month 0; the last weight holds to the horizon.

The named shapes depend on the outflow window ``W`` and are resolved per part. Their
numbers are ILLUSTRATIVE: the sources give the shape of the effect over time, not weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Profile = tuple[tuple[int, float], ...]
Bands = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class NamedProfile:
    """A documented effect shape: how it is built from the outflow window, and its source."""

    name: str
    build: Callable[[int], Profile]
    meaning: str
    source: str


def _steps(*steps: tuple[int, float]) -> Profile:
    """The steps in order, dropping one that a later step starts in the same month (a short
    window leaves no room for it), so from_months stay strictly increasing."""
    out: list[tuple[int, float]] = []
    for month, weight in steps:
        if out and out[-1][0] == month:
            out[-1] = (month, weight)
        else:
            out.append((month, weight))
    return tuple(out)


def _window(w: int) -> Profile:
    return ((0, 1.0), (w, 0.0))


def _lock_in(w: int) -> Profile:
    return _steps((0, -0.5), (w // 2, 1.5), (w, 0.1))


def _decay(w: int) -> Profile:
    return ((0, 1.0), (w, 0.5), (w + 12, 0.25), (w + 24, 0.0))


NAMED_PROFILES: dict[str, NamedProfile] = {
    p.name: p
    for p in (
        NamedProfile(
            "window", _window,
            "weight 1 in every month of the outflow window W, then 0: the programme works only in the window "
            "(the default, the same as giving no effect_profile)",
            "DESIGN.md §9 (Part 1's outflow_rate in net-effect terms)",
        ),
        NamedProfile(
            "lock_in", _lock_in,
            "weight -0.5 in the first half of the window (months 0 to W//2 - 1: participants search less while in "
            "the programme), 1.5 in the second half, and 0.1 after the window (a small lasting effect)",
            "Lammers & Kok, ESB 2014 (facts.md §9): small or even negative effect at 12-24 months (lock-in), up to "
            "two years before participants overtake non-participants, a small lasting effect; weights ILLUSTRATIVE",
        ),
        NamedProfile(
            "decay", _decay,
            "weight 1 in the window, 0.5 in the year after it, 0.25 in the year after that, then 0",
            "WerkLoont 3-year RCT follow-up (facts.md §5): differences persist but shrink in years 2-3; weights "
            "ILLUSTRATIVE",
        ),
    )
}
PROFILE_NAMES: tuple[str, ...] = tuple(NAMED_PROFILES)


def named_profile(name: str, window_months: int) -> Profile:
    """The steps of the named shape ``name`` for an outflow window of ``window_months``."""
    return NAMED_PROFILES[name].build(window_months)


def weight_at(profile: Profile | None, month: int, window_months: int) -> float:
    """``w(month)``: the weight of the last step starting at or before ``month`` (no profile:
    the window)."""
    steps = profile if profile is not None else _window(window_months)
    weight = steps[0][1]
    for start, w in steps:
        if start > month:
            break
        weight = w
    return weight


def rate_at(bands: Bands, months_on_benefit: float) -> float:
    """The annual rate of the last band whose ``from_years`` is at most ``months_on_benefit / 12``
    (compared in months, so 0.5 years is exactly month 6)."""
    rate = bands[0][1]
    for from_years, r in bands:
        if from_years * 12 > months_on_benefit:
            break
        rate = r
    return rate


def monthly(annual_rate: float) -> float:
    """The monthly hazard that leaves ``annual_rate`` of a closed group after 12 months
    (as the engine's ``monthly_hazard``)."""
    import math

    if annual_rate >= 1.0:
        return 1.0
    return -math.expm1(math.log1p(-annual_rate) / 12.0)


def baseline_hazards(window_months: int, annual_rate: float, bands: Bands | None, years_at_intake: float) -> list[float]:
    """``b_m`` for the months ``m < W`` of a closed group: with duration bands, the client
    has ``d = 12·years_at_intake + m`` completed months in month ``m``."""
    if bands is None:
        return [monthly(annual_rate)] * window_months
    return [monthly(rate_at(bands, 12.0 * years_at_intake + m)) for m in range(window_months)]


def baseline_share(hazards: list[float]) -> float:
    """``1 − Π(1 − b_m)``: the share of a closed group off benefit after these months."""
    stay = 1.0
    for b in hazards:
        stay *= 1.0 - b
    return 1.0 - stay
