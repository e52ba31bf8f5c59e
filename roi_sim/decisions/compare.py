"""Paired comparison of strategies from per-iteration values (common random numbers).

Every strategy of a run sees the same parameter draws (docs/model.md "Common random
numbers"), so iteration ``i`` of strategy A and iteration ``i`` of strategy B are the same
simulated future. Comparing them iteration by iteration removes the noise they share: the
spread of ``value_a − value_b`` is the spread of what actually differs between them, which
is usually far smaller than either strategy's own spread. That is what makes "A beats B in
x% of iterations" a meaningful statement for a council.

This module is pure: numpy arrays in, frozen dataclasses (or plain JSON-ready data) out.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from roi_sim.scenario.message_text import Msg

#: Decimals in :func:`comparison_to_dict`: euros to the cent, shares to a millionth
#: (the same precision as the shares in the JSON output of docs/contracts.md#json-output).
MONEY_DIGITS = 2
PROBABILITY_DIGITS = 6


@dataclass(frozen=True)
class PairComparison:
    """Strategy ``a`` against strategy ``b``, iteration by iteration (``value_a − value_b``)."""

    a: str
    b: str
    #: Mean over iterations of ``value_a − value_b``.
    mean_difference: float
    #: Standard error of that mean: ``std(ddof=1) / sqrt(n)``; 0 for a single iteration.
    se_difference: float
    #: 5th and 95th percentile of the per-iteration difference (together: the 90% interval).
    p5: float
    p95: float
    #: Share of iterations with ``value_a > value_b``; a tie does not count as beating.
    #: With simulated values this mixes the cohort's luck with what we do not know.
    probability_a_beats_b: float
    #: The same on the decision figure E[value | θ] (DESIGN.md §7): the share of parameter
    #: draws under which A is expected to beat B. None when not computed.
    decision_probability_a_beats_b: float | None = None


@dataclass(frozen=True)
class Ranking:
    """Strategy names, best first, by two criteria."""

    #: By mean value; equal means keep their input order.
    by_expected_value: tuple[str, ...]
    #: By the share of iterations with a value > 0 (0 itself is not positive); equal shares
    #: are ordered by mean value, then by input order.
    by_probability_positive: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """All pairwise comparisons of a set of strategies on one quantity, and their ranking."""

    #: What was compared, e.g. ``"net_savings"`` or ``"societal_net"`` — a label only.
    quantity: str
    #: Every unordered pair once, ``a`` before ``b`` in input order: (A, B), (A, C), (B, C).
    pairs: tuple[PairComparison, ...]
    ranking: Ranking


def _validated(values: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The values as 1-D float arrays, or a ValueError naming the strategy at fault.

    Everything is checked before anything is computed (like scipy.stats), so a caller gets
    a clear message instead of a NaN in a council table or a numpy broadcasting error.
    """
    if len(values) < 2:
        raise ValueError(Msg("a comparison needs at least 2 strategies, got {n_values}", n_values=len(values)))
    arrays: dict[str, np.ndarray] = {}
    for name, raw in values.items():
        try:
            array = np.asarray(raw, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(Msg("values of strategy {name!r} must be numbers", name=name)) from None
        if array.ndim != 1:
            raise ValueError(
                Msg("values of strategy {name!r} must be a 1-D array (one value per iteration), got shape {shape}", name=name, shape=array.shape)
            )
        if array.size == 0:
            raise ValueError(Msg("values of strategy {name!r} are empty; at least 1 iteration is needed", name=name))
        arrays[name] = array
    lengths = {name: a.size for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name!r}: {n}" for name, n in lengths.items())
        raise ValueError(
            Msg("all strategies must have the same number of iterations for a paired comparison, got {listed}", listed=listed)
        )
    for name, array in arrays.items():
        bad = ~np.isfinite(array)
        if bad.any():
            raise ValueError(
                Msg("values of strategy {name!r} must be finite, got {value} NaN or infinite value(s), the first at iteration {bad}", name=name, value=int(bad.sum()), bad=int(np.argmax(bad)))
            )
    return arrays


def _pair(a: str, b: str, value_a: np.ndarray, value_b: np.ndarray) -> PairComparison:
    with np.errstate(over="ignore"):  # reported below with the names, not as a numpy warning
        difference = value_a - value_b
    if not np.all(np.isfinite(difference)):
        raise ValueError(Msg("the difference between {a!r} and {b!r} overflows; the values are too large", a=a, b=b))
    n = difference.size
    if np.all(difference == difference[0]):
        # Exactly the difference, without the rounding noise of a mean of identical numbers
        # (as metrics.summarize does), so a constant difference has a standard error of 0.
        mean = p5 = p95 = float(difference[0])
        se = 0.0
    else:
        mean = float(difference.mean())
        se = float(difference.std(ddof=1) / math.sqrt(n))  # n ≥ 2 here: values differ
        p5, p95 = (float(x) for x in np.percentile(difference, [5, 95]))
    return PairComparison(
        a=a,
        b=b,
        mean_difference=mean,
        se_difference=se,
        p5=p5,
        p95=p95,
        probability_a_beats_b=float(np.mean(value_a > value_b)),
    )


def _ranking(arrays: dict[str, np.ndarray]) -> Ranking:
    names = list(arrays)
    means = {name: float(a.mean()) for name, a in arrays.items()}
    positive = {name: float(np.mean(a > 0)) for name, a in arrays.items()}
    order = {name: i for i, name in enumerate(names)}
    # Explicit tie-breaking keys rather than relying on sort stability alone, so the
    # documented rules are visible in the code.
    by_mean = sorted(names, key=lambda s: (-means[s], order[s]))
    by_positive = sorted(names, key=lambda s: (-positive[s], -means[s], order[s]))
    return Ranking(by_expected_value=tuple(by_mean), by_probability_positive=tuple(by_positive))


def compare_paired(
    values: Mapping[str, np.ndarray], quantity: str = "net_savings", decision_values: Mapping[str, np.ndarray] | None = None
) -> Comparison:
    """Paired comparison of strategies from per-iteration values (same length, same iterations).

    ``values`` maps each strategy name to its per-iteration values of one quantity (shape
    ``(n,)``, the same ``n`` and the same iterations for every strategy — as produced by one
    run with common random numbers). Array-likes are accepted; the input is not modified.
    Pairs follow the mapping's order. ``quantity`` is only a label for the result.

    Raises ValueError for fewer than 2 strategies, arrays that are not 1-D, empty or of
    unequal length, and NaN or infinite values.

    ``decision_values`` (optional, same shape): each strategy's E[value | θ] per iteration;
    adds ``decision_probability_a_beats_b`` to every pair.
    """
    arrays = _validated(values)
    decision = None if decision_values is None else _validated(decision_values)
    pairs = tuple(_pair(a, b, arrays[a], arrays[b]) for a, b in itertools.combinations(arrays, 2))
    if decision is not None:
        pairs = tuple(
            replace(p, decision_probability_a_beats_b=float(np.mean(decision[p.a] > decision[p.b]))) for p in pairs
        )
    return Comparison(quantity=quantity, pairs=pairs, ranking=_ranking(arrays))


def _round(x: float, digits: int) -> float:
    """``x`` rounded to ``digits`` decimals, as a plain float; never ``-0.0`` (a council
    spreadsheet should not show "-0.00" for a difference that rounds to nothing)."""
    value = round(float(x), digits)
    return 0.0 if value == 0 else value


def comparison_to_dict(c: Comparison) -> dict:
    """``c`` as JSON-ready plain data: money rounded to cents, probabilities to 6 decimals."""
    return {
        "quantity": c.quantity,
        "pairs": [
            {
                "a": p.a,
                "b": p.b,
                "mean_difference": _round(p.mean_difference, MONEY_DIGITS),
                "se_difference": _round(p.se_difference, MONEY_DIGITS),
                "p5": _round(p.p5, MONEY_DIGITS),
                "p95": _round(p.p95, MONEY_DIGITS),
                "probability_a_beats_b": _round(p.probability_a_beats_b, PROBABILITY_DIGITS),
                "decision_probability_a_beats_b": (
                    None if p.decision_probability_a_beats_b is None else _round(p.decision_probability_a_beats_b, PROBABILITY_DIGITS)
                ),
            }
            for p in c.pairs
        ],
        "ranking": {
            "by_expected_value": list(c.ranking.by_expected_value),
            "by_probability_positive": list(c.ranking.by_probability_positive),
        },
    }
