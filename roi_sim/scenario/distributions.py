"""Uncertain numbers: the distributions a scenario may use for a parameter.

Each distribution is a small pydantic model that checks its own parameters, and knows its
mean (used by ``--deterministic``), its support (so a scenario can be refused when a draw
could leave the parameter's valid range) and how to draw from a ``numpy.random.Generator``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from roi_sim.scenario.dist_base import OPEN_ONE, OPEN_ZERO, _as_q, _Dist, _fmt
from roi_sim.scenario.dist_skewed import Beta, Gamma, Lognormal, Normal
from roi_sim.scenario.message_text import Msg

if TYPE_CHECKING:  # numpy is imported lazily: `roi-sim --help` must start fast.
    import numpy as np


class Fixed(_Dist):
    """A known number (the same as writing the plain number)."""

    dist: Literal["fixed"]
    value: float

    def mean(self) -> float:
        return float(self.value)

    def support(self) -> tuple[float, float]:
        return float(self.value), float(self.value)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        import numpy as np

        return np.full(n, float(self.value))

    def ppf(self, q: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.full(np.shape(_as_q(q)), float(self.value))

    @property
    def is_fixed(self) -> bool:
        return True

    def describe(self) -> str:
        return _fmt(self.value)


class Uniform(_Dist):
    """Every value between low and high equally likely."""

    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Uniform:
        if not self.low < self.high:
            raise ValueError(Msg("low ({low}) must be below high ({high}); for a known number write the number itself", low=_fmt(self.low), high=_fmt(self.high)))
        return self

    def mean(self) -> float:
        return (self.low + self.high) / 2

    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        return self.low + (self.high - self.low) * _as_q(q)


def _check_low_mode_high(low: float, mode: float, high: float) -> None:
    if not low < high:
        raise ValueError(Msg("low ({low}) must be below high ({high}); for a known number write the number itself", low=_fmt(low), high=_fmt(high)))
    if not low <= mode <= high:
        raise ValueError(Msg("mode ({mode}) must lie between low ({low}) and high ({high})", mode=_fmt(mode), low=_fmt(low), high=_fmt(high)))


class Triangular(_Dist):
    """Lowest, most likely and highest value, straight lines between them."""

    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Triangular:
        _check_low_mode_high(self.low, self.mode, self.high)
        return self

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        import numpy as np

        q = _as_q(q)
        width = self.high - self.low
        # The CDF is quadratic on each side of the mode; the mode sits at CDF value c.
        c = (self.mode - self.low) / width
        left = self.low + np.sqrt(q * width * (self.mode - self.low))
        right = self.high - np.sqrt((1.0 - q) * width * (self.high - self.mode))
        return np.where(q < c, left, right)


class Pert(_Dist):
    """Beta-PERT (lambda 4): like triangular, but with more weight near the most likely value."""

    dist: Literal["pert"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Pert:
        _check_low_mode_high(self.low, self.mode, self.high)
        return self

    def _shape(self) -> tuple[float, float]:
        width = self.high - self.low
        return 1 + 4 * (self.mode - self.low) / width, 1 + 4 * (self.high - self.mode) / width

    def mean(self) -> float:
        return (self.low + 4 * self.mode + self.high) / 6

    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a, b = self._shape()
        return self.low + (self.high - self.low) * rng.beta(a, b, n)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        from scipy.special import betaincinv

        a, b = self._shape()
        return self.low + (self.high - self.low) * betaincinv(a, b, _as_q(q))


Distribution = Annotated[
    Fixed | Uniform | Triangular | Pert | Normal | Lognormal | Gamma | Beta,
    Field(discriminator="dist"),
]

DIST_NAMES: tuple[str, ...] = ("fixed", "uniform", "triangular", "pert", "normal", "lognormal", "gamma", "beta")

DIST_KEYS: dict[str, tuple[str, ...]] = {
    "fixed": ("dist", "value"),
    "uniform": ("dist", "low", "high"),
    "triangular": ("dist", "low", "mode", "high"),
    "pert": ("dist", "low", "mode", "high"),
    "normal": ("dist", "mean", "sd", "low", "high"),
    "lognormal": ("dist", "mean", "sd"),
    "gamma": ("dist", "mean", "sd"),
    "beta": ("dist", "mean", "sd", "alpha", "beta", "successes", "trials"),
}


def fixed(value: float) -> Fixed:
    """A :class:`Fixed` distribution holding ``value``."""
    return Fixed(dist="fixed", value=value)


__all__ = [
    "DIST_KEYS", "DIST_NAMES", "OPEN_ONE", "OPEN_ZERO", "Beta", "Distribution", "Fixed", "Gamma", "Lognormal",
    "Normal", "Pert", "Triangular", "Uniform", "fixed", "_as_q", "_Dist", "_fmt",
]
