"""The inputs and wording shared by the value-of-information measures.

Validation of the per-iteration net benefits and parameter draws, the choice of the best
option on current knowledge, and the plain-language names and euro amounts the sentences
use (:mod:`roi_sim.decisions.voi` and :mod:`roi_sim.decisions.pilot_evsi`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from roi_sim.scenario.message_text import Msg

#: Name of the option that invests nothing and earns nothing (net benefit 0).
DO_NOTHING = "do nothing"

#: Plain-language names of the model parameters for the sentences (fallback: the key with
#: underscores as spaces).
_PARAMETER_LABELS: dict[str, str] = {
    "outflow_rate": "the outflow rate",
    "baseline_outflow_rate": "the baseline outflow rate",
    "time_out_of_benefits_years": "how long people stay off benefits",
    "cost_per_client": "the cost per client",
    "annual_benefit_cost": "the annual benefit cost",
    "cohort_size": "the cohort size",
    "discount_rate": "the discount rate",
}


# --------------------------------------------------------------------------- formatting


def euro(x: float) -> str:
    """``€123,400`` in whole euros (``-€5,000`` for negatives), as in the report tables.

    Kept local rather than imported from ``report`` so this module stays free of the
    presentation layer (and of its rich dependency).
    """
    whole = int(round(x))
    return f"-€{-whole:,}" if whole < 0 else f"€{whole:,}"


def parameter_label(parameter: str) -> str:
    return _PARAMETER_LABELS.get(parameter, "the " + parameter.replace("_", " "))


# --------------------------------------------------------------------------- validation


def options_matrix(net_benefit: Mapping[str, np.ndarray], include_do_nothing: bool) -> tuple[tuple[str, ...], np.ndarray]:
    """Validate the net benefits and stack them as an ``(options, iterations)`` matrix."""
    if len(net_benefit) == 0:
        raise ValueError(Msg("net_benefit must contain at least one option"))
    names = tuple(str(k) for k in net_benefit)
    if include_do_nothing and DO_NOTHING in names:
        raise ValueError(
            Msg("an option is already called {do_nothing!r}; rename it or pass include_do_nothing=False", do_nothing=DO_NOTHING)
        )
    arrays: list[np.ndarray] = []
    for name in names:
        a = np.asarray(net_benefit[name], dtype=float)
        if a.ndim != 1:
            raise ValueError(Msg("net benefit of {name!r} must be a one-dimensional array", name=name))
        arrays.append(a)
    lengths = {a.shape[0] for a in arrays}
    if len(lengths) != 1:
        detail = ", ".join(f"{n!r}: {a.shape[0]}" for n, a in zip(names, arrays))
        raise ValueError(Msg("net-benefit arrays must all have the same length ({detail})", detail=detail))
    n = arrays[0].shape[0]
    if n == 0:
        raise ValueError(Msg("net-benefit arrays must hold at least one iteration"))
    for name, a in zip(names, arrays):
        if not np.all(np.isfinite(a)):
            raise ValueError(Msg("net benefit of {name!r} contains non-finite values (NaN or infinity)", name=name))
    if include_do_nothing:
        names = names + (DO_NOTHING,)
        arrays.append(np.zeros(n))
    return names, np.vstack(arrays)


def parameter_vector(values: np.ndarray, n: int, what: str) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    if x.ndim != 1:
        raise ValueError(Msg("{what} must be a one-dimensional array", what=what))
    if x.shape[0] != n:
        raise ValueError(Msg("{what} must have one value per iteration ({shape} values for {n} iterations)", what=what, shape=x.shape[0], n=n))
    if not np.all(np.isfinite(x)):
        raise ValueError(Msg("{what} contain non-finite values (NaN or infinity)", what=what))
    return x


def best_index(means: np.ndarray, options: tuple[str, ...]) -> int:
    """Index of the option with the highest expected net benefit.

    Exact ties go to doing nothing (if it is an option), then to the first option listed:
    without evidence of a gain the status quo needs no budget.
    """
    top = means.max()
    tied = np.flatnonzero(means == top)
    for i in tied:
        if options[i] == DO_NOTHING:
            return int(i)
    return int(tied[0])
