"""The distributions given by a mean and sd: normal (optionally cut), lognormal, gamma, beta."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from roi_sim.scenario.dist_base import OPEN_ONE, OPEN_ZERO, _as_q, _Dist, _fmt
from roi_sim.scenario.message_text import Msg

if TYPE_CHECKING:
    import numpy as np


def _phi(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _Phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


class Normal(_Dist):
    """Bell curve; cut off at low and/or high where given (truncated normal)."""

    dist: Literal["normal"]
    mean_: float = Field(alias="mean")
    sd: float
    low: float | None = None
    high: float | None = None


    @model_validator(mode="after")
    def _check(self) -> Normal:
        if not self.sd > 0:
            raise ValueError(Msg("sd must be above 0 (got {sd}); for a known number write the number itself", sd=_fmt(self.sd)))
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(Msg("low ({low}) must be below high ({high})", low=_fmt(self.low), high=_fmt(self.high)))
        if self._mass() < 1e-6:
            raise ValueError(
                Msg("almost no probability lies between low and high (mean {mean}, sd {sd}); move the bounds or the mean", mean=_fmt(self.mean_), sd=_fmt(self.sd))
            )
        return self

    def _std_bounds(self) -> tuple[float, float]:
        a = -math.inf if self.low is None else (self.low - self.mean_) / self.sd
        b = math.inf if self.high is None else (self.high - self.mean_) / self.sd
        return a, b

    def _mass(self) -> float:
        a, b = self._std_bounds()
        # Work in the tail that keeps precision: P(a<Z<b) = P(-b<Z<-a).
        if a > 0:
            a, b = -b, -a
        return _Phi(b) - _Phi(a)

    def mean(self) -> float:
        a, b = self._std_bounds()
        if a == -math.inf and b == math.inf:
            return self.mean_
        pa = 0.0 if a == -math.inf else _phi(a)
        pb = 0.0 if b == math.inf else _phi(b)
        return self.mean_ + self.sd * (pa - pb) / self._mass()

    def support(self) -> tuple[float, float]:
        return (-math.inf if self.low is None else self.low, math.inf if self.high is None else self.high)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a, b = self._std_bounds()
        if a == -math.inf and b == math.inf:
            return rng.normal(self.mean_, self.sd, n)
        # Inverse-CDF sampling consumes exactly n uniforms, so the stream stays aligned
        # however the bounds are set. Sample in the lower tail for precision.
        from scipy.special import ndtr, ndtri

        flip = a > 0
        if flip:
            a, b = -b, -a
        lo, hi = ndtr(a), ndtr(b)
        z = ndtri(lo + (hi - lo) * rng.random(n))
        z = -z if flip else z
        return self.mean_ + self.sd * z

    def ppf(self, q: np.ndarray) -> np.ndarray:
        from scipy.special import ndtr, ndtri

        q = _as_q(q)
        a, b = self._std_bounds()
        if a == -math.inf and b == math.inf:
            return self.mean_ + self.sd * ndtri(q)
        import numpy as np

        # As in sample(): when the interval lies above the mean, work in the mirrored lower
        # tail, where ndtr keeps its relative precision (1 - ndtr(a) would cancel to 0).
        # Quantile q of the original is minus quantile 1 - q of the mirror; hi - (hi-lo)·q
        # writes lo + (hi-lo)·(1-q) without forming 1 - q.
        if a > 0:
            lo, hi = ndtr(-b), ndtr(-a)
            z = -ndtri(hi - (hi - lo) * q)
        else:
            lo, hi = ndtr(a), ndtr(b)
            z = ndtri(lo + (hi - lo) * q)
        # Rounding in ndtr/ndtri may put the ends a hair outside the bounds: clip.
        return np.clip(self.mean_ + self.sd * z, *self.support())

    def describe(self) -> str:
        parts = [f"mean {_fmt(self.mean_)}", f"sd {_fmt(self.sd)}"]
        if self.low is not None:
            parts.append(f"low {_fmt(self.low)}")
        if self.high is not None:
            parts.append(f"high {_fmt(self.high)}")
        return "normal(" + ", ".join(parts) + ")"


class Lognormal(_Dist):
    """Skewed to the right, always above 0; mean and sd are of the value itself, not its log."""

    dist: Literal["lognormal"]
    mean_: float = Field(alias="mean")
    sd: float


    @model_validator(mode="after")
    def _check(self) -> Lognormal:
        if not self.mean_ > 0:
            raise ValueError(Msg("mean must be above 0 for a lognormal (got {mean})", mean=_fmt(self.mean_)))
        if not self.sd > 0:
            raise ValueError(Msg("sd must be above 0 (got {sd}); for a known number write the number itself", sd=_fmt(self.sd)))
        return self

    def mean(self) -> float:
        return self.mean_

    def support(self) -> tuple[float, float]:
        return OPEN_ZERO, math.inf

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        sigma2 = math.log1p((self.sd / self.mean_) ** 2)
        return rng.lognormal(math.log(self.mean_) - sigma2 / 2, math.sqrt(sigma2), n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        import numpy as np
        from scipy.special import ndtri

        sigma2 = math.log1p((self.sd / self.mean_) ** 2)
        return np.exp(math.log(self.mean_) - sigma2 / 2 + math.sqrt(sigma2) * ndtri(_as_q(q)))

    def describe(self) -> str:
        return f"lognormal(mean {_fmt(self.mean_)}, sd {_fmt(self.sd)})"


class Gamma(_Dist):
    """Skewed to the right, always above 0, given by its mean and sd."""

    dist: Literal["gamma"]
    mean_: float = Field(alias="mean")
    sd: float


    @model_validator(mode="after")
    def _check(self) -> Gamma:
        if not self.mean_ > 0:
            raise ValueError(Msg("mean must be above 0 for a gamma (got {mean})", mean=_fmt(self.mean_)))
        if not self.sd > 0:
            raise ValueError(Msg("sd must be above 0 (got {sd}); for a known number write the number itself", sd=_fmt(self.sd)))
        return self

    def mean(self) -> float:
        return self.mean_

    def support(self) -> tuple[float, float]:
        return OPEN_ZERO, math.inf

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        shape = (self.mean_ / self.sd) ** 2
        return rng.gamma(shape, self.sd**2 / self.mean_, n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        from scipy.special import gammaincinv

        shape = (self.mean_ / self.sd) ** 2
        return (self.sd**2 / self.mean_) * gammaincinv(shape, _as_q(q))

    def describe(self) -> str:
        return f"gamma(mean {_fmt(self.mean_)}, sd {_fmt(self.sd)})"


class Beta(_Dist):
    """A share between 0 and 1: by mean and sd, by alpha and beta, or from pilot counts.

    ``successes``/``trials`` is the posterior of a uniform prior: Beta(1 + s, 1 + n - s).
    """

    dist: Literal["beta"]
    mean_: float | None = Field(default=None, alias="mean")
    sd: float | None = None
    alpha: float | None = None
    beta: float | None = None
    successes: int | None = None
    trials: int | None = None


    @model_validator(mode="after")
    def _check(self) -> Beta:
        given = {
            "mean/sd": (self.mean_ is not None, self.sd is not None),
            "alpha/beta": (self.alpha is not None, self.beta is not None),
            "successes/trials": (self.successes is not None, self.trials is not None),
        }
        complete = [k for k, (x, y) in given.items() if x and y]
        partial = [k for k, (x, y) in given.items() if x != y]
        if partial:
            raise ValueError(Msg("{first} and {second} go together: give both", first=partial[0].split("/")[0], second=partial[0].split("/")[1]))
        if len(complete) != 1:
            raise ValueError(Msg("give exactly one of: mean and sd; alpha and beta; successes and trials"))
        if complete[0] == "mean/sd":
            m, s = self.mean_, self.sd
            assert m is not None and s is not None
            if not 0 < m < 1:
                raise ValueError(Msg("mean must lie strictly between 0 and 1 for a beta (got {m})", m=_fmt(m)))
            if not s > 0:
                raise ValueError(Msg("sd must be above 0 (got {s}); for a known number write the number itself", s=_fmt(s)))
            if s * s >= m * (1 - m):
                raise ValueError(
                    Msg("sd {s} is impossible for a beta with mean {m}: sd must be below {m2:.4g} (sd² < mean·(1−mean)); use a smaller sd", s=_fmt(s), m=_fmt(m), m2=math.sqrt(m * (1 - m)))
                )
            # sd² can underflow to 0 (sd 1e-170) or the shapes overflow or underflow to 0
            # (a subnormal mean): the shape parameters must be computable, positive numbers.
            var = s * s
            nu = m * (1 - m) / var - 1 if var > 0 else math.inf
            if not (math.isfinite(nu) and m * nu > 0 and (1 - m) * nu > 0):
                raise ValueError(
                    Msg("mean {m} and sd {s} are too extreme to compute a beta with; use a larger sd or a mean further from 0 and 1, or for a known number write the number itself", m=_fmt(m), s=_fmt(s))
                )
        elif complete[0] == "alpha/beta":
            assert self.alpha is not None and self.beta is not None
            for key, value in (("alpha", self.alpha), ("beta", self.beta)):
                if not value > 0:
                    raise ValueError(Msg("{key} must be above 0 (got {value})", key=key, value=_fmt(value)))
        else:
            assert self.successes is not None and self.trials is not None
            if not self.trials >= 1:
                raise ValueError(Msg("trials must be at least 1 (got {trials})", trials=self.trials))
            if not 0 <= self.successes <= self.trials:
                raise ValueError(Msg("successes must lie between 0 and trials ({trials}); got {successes}", trials=self.trials, successes=self.successes))
        return self

    def shape(self) -> tuple[float, float]:
        """The (alpha, beta) shape parameters, whichever way they were given."""
        if self.alpha is not None and self.beta is not None:
            return float(self.alpha), float(self.beta)
        if self.successes is not None and self.trials is not None:
            return 1.0 + self.successes, 1.0 + self.trials - self.successes
        m, s = float(self.mean_), float(self.sd)  # type: ignore[arg-type]
        nu = m * (1 - m) / (s * s) - 1
        return m * nu, (1 - m) * nu

    def mean(self) -> float:
        a, b = self.shape()
        return a / (a + b)

    def support(self) -> tuple[float, float]:
        return OPEN_ZERO, OPEN_ONE

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a, b = self.shape()
        return rng.beta(a, b, n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        from scipy.special import betaincinv

        a, b = self.shape()
        return betaincinv(a, b, _as_q(q))

    def describe(self) -> str:
        if self.mean_ is not None:
            return f"beta(mean {_fmt(self.mean_)}, sd {_fmt(self.sd)})"  # type: ignore[arg-type]
        if self.alpha is not None:
            return f"beta(alpha {_fmt(self.alpha)}, beta {_fmt(self.beta)})"  # type: ignore[arg-type]
        return f"beta({self.successes} successes of {self.trials} trials)"
