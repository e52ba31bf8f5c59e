"""From a pilot's counts to a scenario line: the Beta posterior of a rate.

A municipality that ran a pilot knows "25 of 75 participants left benefit". The honest input
for the scenario is not 0.333 but a distribution that says how much 75 clients can tell:
the posterior of a Beta prior after ``s`` successes in ``n`` trials,
``Beta(prior_alpha + s, prior_beta + n − s)`` (conjugacy of the Beta and the binomial).
:func:`calibrate` computes it, its mean and 90% interval, and a YAML line to paste into the
scenario, with a comment that records where the numbers came from.

The default prior Beta(1, 1) is uniform ("every rate equally likely beforehand") and gives
the same distribution as the scenario's own ``{dist: beta, successes: s, trials: n}``. The
Jeffreys prior Beta(½, ½) is the usual alternative that claims less beforehand.

This module is pure: numbers in, a frozen dataclass out.
"""

from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import dataclass
from typing import Any

from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PARAMETERS

#: Parameters a Beta posterior can describe: shares between 0 and 1.
#: Shares a pilot's counts can calibrate: rates on [0, 1] (a Beta cannot describe net_effect,
#: a difference of two shares that may be negative).
#: Budget rules and valuations that are fractions but no share of clients a pilot can count.
NOT_MEASURED: tuple[str, ...] = ("benefit_retention", "displacement", "employer_cost_share")
RATE_PARAMETERS: tuple[str, ...] = tuple(
    name for name, info in PARAMETERS.items() if info.kind == "rate" and info.low == 0 and name not in NOT_MEASURED
)
#: Names for the priors people cite, used in the snippet's comment.
PRIOR_NAMES: dict[tuple[float, float], str] = {(1.0, 1.0): "uniform prior", (0.5, 0.5): "Jeffreys prior"}


@dataclass(frozen=True)
class Calibration:
    """The posterior of a rate after a pilot, and the scenario line that says so."""

    successes: int
    trials: int
    prior_alpha: float
    prior_beta: float
    #: Posterior shape: prior_alpha + successes, prior_beta + trials − successes.
    alpha: float
    beta: float
    #: Posterior mean alpha / (alpha + beta): what ``--deterministic`` will use.
    mean: float
    #: 5th and 95th percentile of the posterior (together: the 90% interval).
    p5: float
    p95: float
    #: One line of YAML for the scenario, e.g.
    #: ``outflow_rate: {dist: beta, alpha: 26, beta: 51}   # pilot: 25 of 75 (uniform prior); ...``
    yaml_snippet: str


def _whole(name: str, value: object) -> int:
    # bool is an int in Python, but "True successes" is a mistake, not a count.
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(Msg("{name} must be a whole number (got {value!r})", name=name, value=value))
    return int(value)


def _number(x: float) -> str:
    """A number for YAML that reads back exactly: 26 rather than 26.0, 25.5, or the full
    repr of a float such as 25.333333333333332 (rounding it would change the distribution)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _prior_name(a: float, b: float) -> str:
    # The comment is for the reader; the exact shape is in the YAML itself.
    return PRIOR_NAMES.get((a, b), f"prior Beta({a:g}, {b:g})")


def calibrate(successes: int, trials: int, prior: tuple[float, float] = (1.0, 1.0), parameter: str = "outflow_rate") -> Calibration:
    """The Beta posterior of ``parameter`` after ``successes`` of ``trials``.

    ``prior`` is the (alpha, beta) of the Beta prior: (1, 1) uniform, (0.5, 0.5) Jeffreys.
    Raises ValueError for counts that are not whole numbers, ``trials`` below 1,
    ``successes`` outside 0..trials, a prior parameter that is not a positive finite number,
    or a ``parameter`` that is not a rate.
    """
    s = _whole("successes", successes)
    n = _whole("trials", trials)
    if n < 1:
        raise ValueError(Msg("trials must be at least 1 (got {n})", n=n))
    if not 0 <= s <= n:
        raise ValueError(Msg("successes must lie between 0 and trials ({n}); got {s}", n=n, s=s))
    if not isinstance(prior, (tuple, list)) or len(prior) != 2:
        raise ValueError(Msg("prior must be two numbers (alpha, beta), e.g. (1, 1) for the uniform prior; got {prior!r}", prior=prior))
    a0, b0 = prior
    for label, v in (("alpha", a0), ("beta", b0)):
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not (math.isfinite(v) and v > 0):
            raise ValueError(Msg("prior {label} must be a finite number above 0 (got {v!r})", label=label, v=v))
    if parameter not in RATE_PARAMETERS:
        close = difflib.get_close_matches(parameter, RATE_PARAMETERS, n=1)
        hint = Msg(" (did you mean {guess!r}?)", guess=close[0]) if close else ""
        raise ValueError(
            Msg("{parameter!r} is not a rate{hint}: a pilot's counts calibrate one of {rate_parameters}", parameter=parameter, hint=hint, rate_parameters=', '.join(RATE_PARAMETERS))
        )
    a0, b0 = float(a0), float(b0)
    a, b = a0 + s, b0 + n - s
    mean = a / (a + b)
    p5, p95 = (float(q) for q in _beta_ppf([0.05, 0.95], a, b))
    snippet = (
        f"{parameter}: {{dist: beta, alpha: {_number(a)}, beta: {_number(b)}}}"
        f"   # pilot: {s} of {n} ({_prior_name(a0, b0)}); mean {mean:.3f}, 90% {p5:.3f}-{p95:.3f}"
    )
    return Calibration(s, n, a0, b0, a, b, mean, p5, p95, snippet)


def _beta_ppf(q: list[float], a: float, b: float) -> Any:
    """The Beta quantiles ``scipy.stats.beta.ppf`` returns, bit for bit: it calls this same
    ufunc (Boost's ``ibeta_inv``), but importing ``scipy.stats`` costs about a second of
    start-up (docs/performance.md#start-up-whole-process) and ``scipy.special`` a fraction of it."""
    try:
        from scipy.special._ufuncs import _beta_ppf as ppf
    except ImportError:  # pragma: no cover - a SciPy without the private ufunc
        from scipy.stats import beta

        return beta.ppf(q, a, b)
    return ppf(q, a, b)
