"""What cannot be computed is refused at load (issue 16.2): amounts beyond what sums and
formats exactly, distributions too wide to evaluate, and a parameter that must stay above 0
whose float draws can be exactly 0 (a caseload of 0 makes the staff cost infinite)."""

from __future__ import annotations

import math

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.vocabulary import ParamInfo

#: Largest euro amount one parameter may take: 1e15 EUR is a thousand times the Dutch
#: national budget; sums over clients and years then stay far inside what floats and the
#: euro formatting handle exactly (about 1e26).
MAX_AMOUNT = 1e15
#: Draws beyond this upper quantile are ignored by the cap (one in a trillion).
TAIL = 1e-12
#: A share of exact-0 draws this small is below one in a billion iterations.
ZERO_SHARE = 1e-9


def _fmt(x: float) -> str:
    return f"{x:g}"


def _upper(dist: Distribution) -> float:
    """The largest value the draws reach, but for a one-in-a-trillion tail."""
    hi = dist.support()[1]
    return hi if math.isfinite(hi) else dist.quantile(1.0 - TAIL)


def _zero_share(dist: Distribution) -> float:
    """The share of draws that are exactly 0 in floating point (bisection on the quantile)."""
    if dist.quantile(ZERO_SHARE) > 0:
        return 0.0
    lo, hi = ZERO_SHARE, 1.0
    for _ in range(60):
        mid = math.sqrt(lo * hi) if hi / lo > 4 else (lo + hi) / 2
        if dist.quantile(mid) > 0:
            hi = mid
        else:
            lo = mid
    return lo


def check_computable(name: str, dist: Distribution, info: ParamInfo) -> str | None:
    """Why draws of ``dist`` for parameter ``name`` cannot be computed (None when they can)."""
    try:
        upper = _upper(dist)
        zero = _zero_share(dist) if info.low_exclusive and not dist.is_fixed else 0.0
    except (OverflowError, ZeroDivisionError, ValueError, FloatingPointError):
        upper, zero = math.inf, 0.0
    what = Msg("this value") if dist.is_fixed else Msg("this {dist} distribution", dist=dist.dist)
    if not math.isfinite(upper):
        return Msg("{what} is too wide to compute with (its draws overflow); use a smaller sd", what=what)
    if info.kind == "money" and upper > MAX_AMOUNT:
        if dist.is_fixed:
            return Msg("{upper} EUR is more than can be computed with: an amount may be at most {most} EUR", upper=_fmt(upper),
                       most=_fmt(MAX_AMOUNT))
        return Msg("{what} draws up to {upper} EUR, more than can be computed with: an amount may be at most {most} EUR; "
                   "use a smaller sd, or a high", what=what, upper=_fmt(upper), most=_fmt(MAX_AMOUNT))
    if zero > 0:
        return Msg("{what} is so wide that about {percent:.3g}% of its draws are exactly 0, but {name} must be above 0; use a smaller sd",
                   what=what, percent=100 * zero, name=name)
    return None
