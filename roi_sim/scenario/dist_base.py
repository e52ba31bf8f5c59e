"""The common base of the distributions: mean, support, sampling and inverse CDF."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from roi_sim.scenario.message_text import Msg

if TYPE_CHECKING:  # numpy is imported lazily: `roi-sim --help` must start fast.
    import numpy as np

# Smallest float above 0 / largest below 1: the open ends of gamma, lognormal and beta.
OPEN_ZERO = math.nextafter(0.0, 1.0)
OPEN_ONE = math.nextafter(1.0, 0.0)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _as_q(q: object) -> np.ndarray:
    """``q`` as a float array of probabilities; refuses values outside [0, 1] (and NaN),
    which an inverse CDF would otherwise turn silently into NaN."""
    import numpy as np

    arr = np.asarray(q, dtype=float)
    if not np.all((arr >= 0.0) & (arr <= 1.0)):
        raise ValueError(Msg("probabilities for an inverse CDF (ppf) must lie between 0 and 1"))
    return arr


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)

    def mean(self) -> float:
        """The distribution's mean: the value ``--deterministic`` uses."""
        raise NotImplementedError

    def support(self) -> tuple[float, float]:
        """Smallest and largest value a draw can take (open ends as the nearest float)."""
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws from ``rng``."""
        raise NotImplementedError

    def ppf(self, q: np.ndarray) -> np.ndarray:
        """Inverse CDF (percent point function): the value below which a share ``q`` of
        draws falls, elementwise for an array ``q`` of any shape with values in [0, 1].

        ``ppf(0)`` and ``ppf(1)`` are the ends of the support (infinite for an unbounded
        normal). Used for tornado percentiles, Sobol sampling and copulas; it does not
        touch :meth:`sample`, whose random streams are part of the reproducibility contract.
        """
        raise NotImplementedError

    def quantile(self, q: float) -> float:
        """:meth:`ppf` for one probability, as a float (e.g. ``quantile(0.1)`` is the p10)."""
        return float(self.ppf(_as_q(q)))

    @property
    def is_fixed(self) -> bool:
        return False

    def describe(self) -> str:
        """A short human-readable form, e.g. ``beta(mean 0.3, sd 0.05)``."""
        fields = {k: v for k, v in self.model_dump(exclude_none=True).items() if k != "dist"}
        return f"{self.dist}(" + ", ".join(f"{k} {_fmt(v)}" for k, v in fields.items()) + ")"  # type: ignore[attr-defined]
