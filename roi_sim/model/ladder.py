"""The participation ladder (DESIGN.md §10): K states in both arms, with coupled luck, as counts.

Each client is in one state of each arm; pools hold counts by *joint* state ``(a, b)`` —
state ``a`` in the counterfactual, ``b`` in the programme — in a ``(K, K, n)`` array. Each
month every client has one uniform per state it can be in, shared by both arms (DESIGN.md §6,
where ``U`` is the uniform of "on" and ``V`` that of "off"). So:

* a client in the same state in both arms (``a = b``) moves with the same uniform: the two
  arms' rows of that state are laid out as a *maximal coupling* — first, for each destination,
  the part both arms share (``min`` of the two probabilities), then the two remainders against
  each other. With equal rows the client moves identically in both arms; with two states this
  is exactly §6's rule (both leave ``min(b, h)``, one arm only ``|h − b|``);
* a client in different states (``a ≠ b``) uses two different uniforms: the arms move
  independently (the product of the two rows), as §6's ``of``/``fo`` states do.

Each arm's marginal is exact: every client of the counterfactual moves with its state's
baseline row, every client of the programme with the programme's row. With the programme's
rows equal to the baseline's in every month the arms are identical in every iteration.

The programme's rows depend on months since intake (its effect profile), so each cohort has
its own pool until one month past its last non-zero weight; then it merges into the aggregate
pool (a sum of multinomials with common probabilities is multinomial: no distribution changes).
Joint states whose count is zero in every iteration are skipped; categories with probability
zero in every iteration are not drawn (reproducibly: both depend only on the block's inputs).
The draw order (pools by intake, the aggregate last; joint states in index order) is part of
the reproducibility contract.

Pure numpy: arrays and a ``numpy.random.Generator`` in, arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.effects import effect_months, solve_scale


@dataclass(frozen=True)
class LadderRates:
    """Monthly probabilities, per iteration.

    ``baseline[i, j]`` (shape ``(K, K, n)``) is the probability of moving from ``i`` to ``j``
    in a month without the programme (the diagonal is staying). The programme's probability of
    ``i → j`` at ``a`` months since intake is ``baseline[i, j] + scale·weights[a]`` for each
    entry ``(i, j, scale)`` of ``extra`` (then clipped, see :func:`programme_rows`).
    """

    baseline: np.ndarray
    extra: tuple[tuple[int, int, np.ndarray], ...]
    weights: np.ndarray

    @property
    def states(self) -> int:
        return int(self.baseline.shape[0])

    @property
    def effect_months(self) -> int:
        return effect_months(self.weights) if self.extra else 0


def monthly_probability(annual_rate: np.ndarray) -> np.ndarray:
    """``1 − (1 − rate)^(1/12)``."""
    with np.errstate(divide="ignore"):
        return -np.expm1(np.log1p(-np.minimum(annual_rate, 1.0)) / 12.0)


def baseline_rows(states: int, moves: list[tuple[int, int, np.ndarray]]) -> np.ndarray:
    """The ``(K, K, n)`` monthly matrix of annual rates ``moves``; staying on the diagonal."""
    n = moves[0][2].shape[0] if moves else 1
    p = np.zeros((states, states, n))
    for i, j, rate in moves:
        p[i, j] = monthly_probability(rate)
    _set_stay(p)
    return p


def _set_stay(p: np.ndarray) -> None:
    """Clip moves to [0, 1], scale a state's moves down where they sum above 1, and put
    what is left on the diagonal."""
    k = p.shape[0]
    eye = np.eye(k, dtype=bool)
    p[eye] = 0.0
    np.clip(p, 0.0, 1.0, out=p)
    total = p.sum(axis=1)  # (K, n)
    over = total > 1.0
    if over.any():
        p /= np.where(over, total, 1.0)[:, None, :]
        total = np.minimum(total, 1.0)
    p[eye] = 1.0 - total


def programme_scales(
    baseline: np.ndarray, entries: list[tuple[int, int, str, np.ndarray]], weights: np.ndarray, window: int
) -> tuple[tuple[int, int, np.ndarray], ...]:
    """``e`` of each programme entry: for ``rate`` the monthly probability minus the
    baseline's; for ``net_effect`` solved (DESIGN.md §9) so that a closed group making only
    this move has made it by the end of the window in the baseline's share plus the effect."""
    out = []
    w_window = weights[:window]
    for i, j, kind, value in entries:
        b = baseline[i, j]
        if kind == "rate":
            out.append((i, j, monthly_probability(value) - b))
            continue
        base_share = 1.0 - (1.0 - b) ** window
        target = np.clip(base_share + value, 0.0, 1.0)
        out.append((i, j, solve_scale(b[None, :], w_window, target)))
    return tuple(out)


def programme_rows(rates: LadderRates, age: int) -> np.ndarray | None:
    """The programme's ``(K, K, n)`` monthly matrix at ``age`` months since intake; None
    where it is the baseline's."""
    if age >= rates.weights.shape[0] or rates.weights[age] == 0 or not rates.extra:
        return None
    p = rates.baseline.copy()
    for i, j, scale in rates.extra:
        p[i, j] = p[i, j] + scale * rates.weights[age]
    _set_stay(p)
    return p


def joint_moves(cf_row: np.ndarray, p_row: np.ndarray, same_state: bool) -> tuple[np.ndarray, np.ndarray]:
    """The moves from a joint state and their probabilities, given the counterfactual's row
    ``cf_row`` and the programme's ``p_row`` (each ``(K, n)``): ``(where, probs)`` with
    ``where`` the ``m`` destinations ``a'·K + b'`` that have a probability in some
    iteration and ``probs`` their ``(n, m)`` probabilities, the most likely first (a
    multinomial draw stops once every client is placed)."""
    k_states = cf_row.shape[0]
    dest_c = np.flatnonzero(cf_row.any(axis=1))
    dest_p = np.flatnonzero(p_row.any(axis=1))
    if not same_state:
        joint = cf_row[dest_c][:, None, :] * p_row[dest_p][None, :, :]
        rows, cols = dest_c, dest_p
    else:
        both = np.union1d(dest_c, dest_p)
        c, p = cf_row[both], p_row[both]
        common = np.minimum(c, p)
        m = both.size
        joint = np.zeros((m, m, c.shape[1]))
        joint[np.arange(m), np.arange(m)] = common
        # The remainders, laid out in state order on what is left of the uniform, overlap
        # where the counterfactual goes to a' and the programme to b' (never a' = b').
        rest_c, rest_p = np.cumsum(c - common, axis=0), np.cumsum(p - common, axis=0)
        lo_c, lo_p = rest_c - (c - common), rest_p - (p - common)
        overlap = np.minimum(rest_c[:, None, :], rest_p[None, :, :]) - np.maximum(lo_c[:, None, :], lo_p[None, :, :])
        joint += np.clip(overlap, 0.0, None)
        rows = cols = both
    flat = joint.reshape(rows.size * cols.size, -1)
    used = np.flatnonzero(flat.any(axis=1))
    used = used[np.argsort(-flat[used].mean(axis=1), kind="stable")]
    probs = np.ascontiguousarray(flat[used].T)
    probs /= probs.sum(axis=1, keepdims=True)
    return rows[used // cols.size] * k_states + cols[used % cols.size], probs


class _LadderPool:
    """Counts by joint state ``(K, K, n)`` of clients sharing the programme's rows."""

    def __init__(self, counts: np.ndarray) -> None:
        self.counts = counts

    def step(self, cf: np.ndarray, prog: np.ndarray | None, moves: _MoveCache, version: float, rng: np.random.Generator | None) -> None:
        """One month: ``cf`` the baseline rows, ``prog`` the programme's (None: the same);
        ``version`` names ``prog`` in the cache of joint moves (its effect weight)."""
        k = self.counts.shape[0]
        flat_counts = self.counts.reshape(k * k, -1)
        new = np.zeros_like(flat_counts)
        for flat in np.flatnonzero(flat_counts.any(axis=1)):
            a, b = divmod(int(flat), k)
            where, probs = moves.get(a, b, cf, prog, version)
            count = flat_counts[flat]
            moved = count[:, None] * probs if rng is None else rng.multinomial(count, probs)
            # The destinations of one joint state are distinct: a plain indexed add is exact.
            new[where] += moved.T
        self.counts = new.reshape(self.counts.shape)

    def absorb(self, other: _LadderPool) -> None:
        self.counts += other.counts


class _MoveCache:
    """Joint moves by (joint state, programme version): the rows change only with the weight."""

    def __init__(self) -> None:
        self._moves: dict[tuple[int, int, float], tuple[np.ndarray, np.ndarray]] = {}

    def get(self, a: int, b: int, cf: np.ndarray, prog: np.ndarray | None, version: float) -> tuple[np.ndarray, np.ndarray]:
        key = (a, b, version)
        if key not in self._moves:
            self._moves[key] = joint_moves(cf[a], (cf if prog is None else prog)[b], a == b)
        return self._moves[key]


@dataclass(frozen=True)
class Occupancy:
    """Clients per state after each month's moves, shape ``(months, K, n)``, in both arms."""

    programme: np.ndarray
    counterfactual: np.ndarray


def simulate_ladder(
    rates: LadderRates, intakes: np.ndarray, intake_years: int, horizon_months: int, rng: np.random.Generator | None
) -> Occupancy:
    """Both arms of yearly cohorts ``intakes`` (``(K, n)`` whole clients by start state),
    one intake at months 0, 12, …; each cohort moves in the month it starts."""
    k, n = rates.states, intakes.shape[1]
    dtype = np.float64 if rng is None else np.int64
    occ_p = np.zeros((horizon_months, k, n))
    occ_c = np.zeros((horizon_months, k, n))
    cohorts: list[tuple[int, _LadderPool]] = []
    aggregate = _LadderPool(np.zeros((k, k, n), dtype=dtype))
    rows: dict[float, np.ndarray | None] = {}
    moves = _MoveCache()
    months_on = rates.effect_months
    for t in range(horizon_months):
        if t % 12 == 0 and t // 12 < intake_years:
            start = np.zeros((k, k, n), dtype=dtype)
            start[np.arange(k), np.arange(k)] = intakes.astype(dtype)
            pool = _LadderPool(start)
            if months_on > 0:
                cohorts.append((t, pool))
            else:
                aggregate.absorb(pool)
        for first, pool in cohorts:
            # The programme's rows depend on the age only through its weight.
            weight = float(rates.weights[t - first]) if t - first < rates.weights.shape[0] else 0.0
            if weight not in rows:
                rows[weight] = programme_rows(rates, t - first)
            prog = rows[weight]
            pool.step(rates.baseline, prog, moves, weight if prog is not None else 0.0, rng)
        aggregate.step(rates.baseline, None, moves, 0.0, rng)
        # A cohort past its last non-zero weight moves like everyone else from next month on.
        for first, pool in [c for c in cohorts if t - c[0] + 1 >= months_on]:
            aggregate.absorb(pool)
        cohorts = [c for c in cohorts if t - c[0] + 1 < months_on]
        total = aggregate.counts + sum((pool.counts for _, pool in cohorts), np.zeros((k, k, n), dtype=dtype))
        occ_p[t] = total.sum(axis=0)
        occ_c[t] = total.sum(axis=1)
    return Occupancy(occ_p, occ_c)
