"""Expected value of sample information of a CONTROLLED pilot on the net effect.

A pilot of ``n`` clients per arm observes ``k1 ~ Binomial(n, p1)`` leavers in the programme
arm (``p1`` = ``outflow_rate``, the share off benefit at the end of the window) and
``k0 ~ Binomial(n, p0)`` in the control arm (``p0`` = the baseline share over the window,
from ``baseline_outflow_rate``). It learns both rates and so the net effect ``p1 − p0``;
an uncontrolled pilot learns ``p1`` only, which a counterfactual can swamp.

The value is computed on ``g_d(θ) = E[net_d | θ]``: the deterministic model evaluated at
each parameter draw θ of the scenario (:func:`roi_sim.model.simulate.evaluate_deterministic`),
so the clients' own binomial noise in the programme does not count as something a pilot
could learn. Preposterior analysis by Monte Carlo: pilot outcomes are simulated from each
draw, and every outcome reweights all draws by its likelihood::

    EVSI = mean_j max_d Σ_i w_ij g_d(θ_i) − max_d mean_i g_d(θ_i)

The options are the strategies and doing nothing (0). Since the pilot informs only the two
rates, ``g`` is first replaced by its regression on them (a cubic in both, with their
product): ``E[g | data] = E[E[g | rates] | data]``. The estimate is clipped to
``[0, EVPPI of the rates]`` (knowing them exactly), as in :mod:`roi_sim.decisions.voi`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from roi_sim.decisions.design import window_share
from roi_sim.decisions.voi_inputs import DO_NOTHING, euro
from roi_sim.scenario.message_text import Msg

__all__ = ["ControlledPilot", "controlled_pilot_evsi", "conditional_net"]


@dataclass(frozen=True)
class ControlledPilot:
    per_arm: int
    evsi: float
    #: The value of knowing the piloted rates exactly (EVPPI of the rates on E[net | θ]).
    evppi_rates: float
    best_option_now: str
    draws: int
    sentence: str


def conditional_net(scenario: object, parameters: dict[str, dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """``E[net_savings | θ]`` per strategy: the deterministic model at each strategy's draws."""
    from roi_sim.model.simulate import evaluate_deterministic

    out = {}
    for name, draws in parameters.items():
        n = next(iter(draws.values())).shape[0]
        out[name] = np.asarray(evaluate_deterministic(scenario, draws, n)[name].net_savings, dtype=float)  # type: ignore[arg-type, type-var]
    return out


def _on_rates(nb: np.ndarray, p1: np.ndarray, p0: np.ndarray) -> np.ndarray:
    """Least-squares fit of every option's g on a cubic in the standardised rates."""
    cols = [np.ones_like(p1)]
    zs = [(x - x.mean()) / x.std() for x in (p1, p0) if np.ptp(x) > 0]
    for z in zs:
        cols += [z, z * z, z * z * z]
    if len(zs) == 2:
        cols.append(zs[0] * zs[1])
    design = np.column_stack(cols)
    coef, *_ = np.linalg.lstsq(design, nb.T, rcond=None)
    return (design @ coef).T


def _piloted_rates(scenario: object, parameters: dict[str, dict[str, np.ndarray]], piloted: str) -> tuple[np.ndarray, np.ndarray]:
    """The programme and control rates of ``piloted`` per draw, kept off 0 and 1 (their logs are taken)."""
    first = parameters[piloted]
    spec = next(x for x in scenario.strategies if x.name == piloted)  # type: ignore[attr-defined]
    part = spec.parts[0]
    n = next(iter(first.values())).shape[0]
    p0 = _control_share(part, first, n)
    # The programme arm's share: outflow_rate itself, or the control's share plus the net
    # effect (DESIGN.md §9); an effect profile changes the path, not the share at the window's end.
    p1 = first["outflow_rate"] if "outflow_rate" in first else p0 + first["net_effect"]
    return np.clip(p1, 1e-12, 1 - 1e-12), np.clip(p0, 1e-12, 1 - 1e-12)


def _control_share(part: object, first: dict[str, np.ndarray], n: int) -> np.ndarray:
    """The control arm's share off benefit at the end of the window, per draw: from the
    constant baseline, or (DESIGN.md §9) from the duration band of each month since intake."""
    from roi_sim.model.effects import duration_baseline

    window = part.outflow_window_months  # type: ignore[attr-defined]
    bands = getattr(part, "baseline_by_duration", None)
    if bands:
        base = duration_baseline(bands)
        d0 = int(np.floor(12.0 * part.years_on_benefit_at_intake + 0.5))  # type: ignore[attr-defined]
        stay = float(np.prod(1.0 - base.by_months[np.minimum(d0 + np.arange(window), base.cap)]))
        return np.full(n, 1.0 - stay)
    baseline = np.asarray(first.get("baseline_outflow_rate", np.zeros(n)), dtype=float)
    return np.asarray(window_share(baseline, window), dtype=float)  # type: ignore[arg-type]


def _mean_posterior_best(nb: np.ndarray, p1: np.ndarray, p0: np.ndarray, per_arm: int, seed: int, outcomes: int | None) -> float:
    """``mean_j max_d Σ_i w_ij g_d(θ_i)`` over simulated pilot outcomes ``j``.

    An outcome is a pair of counts ``(k1, k0)``, each in ``0..per_arm``, and its weights
    depend on nothing else: outcomes with the same pair have the same posterior. So each
    distinct pair is weighed once and counted as often as it was drawn — thousands of
    outcomes share a few hundred pairs, which takes the cost from draws × outcomes to
    draws × distinct pairs (docs/performance.md)."""
    m = p1.size
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(3,))))
    j = np.arange(m) if outcomes is None or outcomes >= m else rng.choice(m, outcomes, replace=False)
    pairs, times = np.unique(
        rng.binomial(int(per_arm), p1[j]) * (int(per_arm) + 1) + rng.binomial(int(per_arm), p0[j]), return_counts=True
    )
    k1, k0 = np.divmod(pairs, int(per_arm) + 1)
    l1, q1, l0, q0 = np.log(p1), np.log1p(-p1), np.log(p0), np.log1p(-p0)
    total = 0.0
    buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for start in range(0, pairs.size, 512):  # blocks keep the (draws × pairs) matrix small
        a, b = k1[start : start + 512], k0[start : start + 512]
        # Written into reused buffers: the (draws × 512) temporaries were most of the time
        # (allocation and page faults, docs/performance.md#memory).
        if a.size not in buffers:
            buffers[a.size] = (np.empty((m, a.size)), np.empty((m, a.size)))
        loglik, term = buffers[a.size]
        np.multiply(l1[:, None], a[None, :], out=loglik)
        for col, counts in ((q1, per_arm - a), (l0, b), (q0, per_arm - b)):
            np.multiply(col[:, None], counts[None, :], out=term)
            np.add(loglik, term, out=loglik)
        np.subtract(loglik, loglik.max(axis=0), out=loglik)
        w = np.exp(loglik, out=loglik)
        post = (nb @ w) / w.sum(axis=0)
        total += float(post.max(axis=0) @ times[start : start + 512])
    return total / j.size


def _controlled_sentence(per_arm: int, value: float, pilot_cost: float | None) -> str:
    sentence = f"A controlled pilot of {int(per_arm):,} clients per arm (programme and control) is worth {euro(value)}"
    if pilot_cost is not None:
        if not (math.isfinite(pilot_cost) and pilot_cost >= 0):
            raise ValueError(Msg("pilot_cost {pilot_cost!r}: must be a finite amount >= 0", pilot_cost=pilot_cost))
        sentence += f"; it costs {euro(pilot_cost)}, so it is {'worth running' if value > pilot_cost else 'not worth running'}"
    return sentence + " (expected value of sample information on the net effect)."


def controlled_pilot_evsi(
    scenario: object,
    parameters: dict[str, dict[str, np.ndarray]],
    per_arm: int,
    *,
    seed: int = 0,
    pilot_cost: float | None = None,
    outcomes: int | None = None,
    strategy: str | None = None,
) -> ControlledPilot:
    """EVSI of a pilot with ``per_arm`` clients in each arm (see the module docstring).

    ``parameters`` are the per-iteration draws of ``run(..., keep_parameters=True)``; the
    rates of ``strategy`` (default: the first) drive the pilot; the other strategies are
    valued on what that pilot tells about them through the shared iterations.
    ``outcomes`` pilot outcomes are simulated (default: one per draw).
    """
    if isinstance(per_arm, bool) or int(per_arm) != per_arm or per_arm < 1:
        raise ValueError(Msg("per_arm {per_arm!r}: must be a whole number of clients, 1 or more", per_arm=per_arm))
    names = list(parameters)
    g = conditional_net(scenario, parameters)
    nb = np.vstack([g[n] for n in names] + [np.zeros(g[names[0]].size)])
    options = names + [DO_NOTHING]
    piloted = names[0] if strategy is None else strategy
    if piloted not in parameters:
        raise ValueError(Msg("no strategy {piloted!r}; the scenario has: {names}", piloted=piloted, names=', '.join(names)))
    p1, p0 = _piloted_rates(scenario, parameters, piloted)
    # The pilot informs the rates only, so E[g | data] = E[E[g | rates] | data]: reweighting
    # the regression of g on the rates instead of g itself removes the other parameters'
    # variation, which would otherwise bias the max over noisy weighted means upwards.
    nb = _on_rates(nb, p1, p0)
    means = nb.mean(axis=1)
    current = float(means.max())
    perfect = float(nb.max(axis=0).mean())
    # Bounded by knowing the rates exactly (EVPPI of the rates on g).
    value = min(max(0.0, _mean_posterior_best(nb, p1, p0, per_arm, seed, outcomes) - current), max(0.0, perfect - current))
    best = options[int(np.argmax(means))]
    return ControlledPilot(int(per_arm), value, max(0.0, perfect - current), best, p1.size, _controlled_sentence(per_arm, value, pilot_cost))
