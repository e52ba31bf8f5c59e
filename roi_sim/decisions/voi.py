"""Value of information: what is it worth to know more before the council decides?

The decision modelled here: pick exactly one option — one of the strategies, or "do
nothing" (net benefit 0 in every iteration) — so as to maximise the expected net benefit.
The inputs are per-iteration net benefits of a Monte Carlo run, paired across strategies
(common random numbers, docs/model.md), usually the fiscal ``net_savings``::

    net_benefit = {name: res.net_savings for name, res in result.iterations.items()}

or ``res.societal_net`` for the societal (MKBA) view. Parameter draws come from
``result.parameters[strategy][parameter]`` (``run(..., keep_parameters=True)``).

Three measures, each an upper bound on what a study may cost before it is a waste:

- :func:`evpi` — expected value of *perfect* information (all uncertainty resolved);
- :func:`evppi` — expected value of *partial* perfect information (one parameter known
  exactly), by regression on the Monte Carlo sample (Strong & Oakley style, simplified);
- :func:`evsi_pilot` — expected value of *sample* information of a pilot of ``n`` clients
  that observes how many of them leave benefits (preposterior analysis by importance
  reweighting of the Monte Carlo sample).

They are ordered: ``0 <= EVSI <= EVPPI <= EVPI``. Monte Carlo and regression error can
break the ordering slightly in a finite sample; the functions clip to it (see the comments
at each clip) so a report never says a pilot is worth more than knowing the rate exactly.

The module is pure: arrays in, frozen dataclasses out, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral

import numpy as np

from roi_sim.decisions.voi_estimators import fit_bins, fit_polynomial, preposterior
from roi_sim.decisions.voi_inputs import DO_NOTHING, best_index, euro, options_matrix, parameter_label, parameter_vector
from roi_sim.scenario.message_text import Msg

__all__ = ["DO_NOTHING", "Evpi", "Evppi", "PilotValue", "evpi", "evppi", "evsi_pilot"]


@dataclass(frozen=True)
class Evpi:
    """Expected value of perfect information.

    ``options`` are the strategies in input order, then :data:`DO_NOTHING` when included.
    ``best_option`` is the option with the highest expected net benefit (the decision taken
    with current information). ``expected_value_current = max_d E[NB_d]``,
    ``expected_value_perfect = E[max_d NB_d]`` and ``evpi`` their difference (>= 0).
    """

    options: tuple[str, ...]
    best_option: str
    expected_value_current: float
    expected_value_perfect: float
    evpi: float
    sentence: str


@dataclass(frozen=True)
class Evppi:
    """Expected value of partial perfect information about one parameter.

    ``method`` says how the conditional expectations were estimated (e.g.
    ``"polynomial regression (degree 3)"``, ``"means within 20 equal-count bins"`` or
    ``"parameter is fixed"``).
    """

    parameter: str
    evppi: float
    method: str
    sentence: str


@dataclass(frozen=True)
class PilotValue:
    """Expected value of sample information of a pilot of ``pilot_clients`` clients that
    measures ``parameter`` (a rate) as the share of them that succeed."""

    parameter: str
    pilot_clients: int
    evsi: float
    sentence: str


# --------------------------------------------------------------------------- EVPI


def evpi(net_benefit: Mapping[str, np.ndarray], *, include_do_nothing: bool = True) -> Evpi:
    """Expected value of perfect information: ``E[max_d NB_d] − max_d E[NB_d]``.

    ``net_benefit`` maps each strategy to its per-iteration net benefit (EUR), paired
    across strategies. With ``include_do_nothing`` (default) an option with net benefit 0
    is added: the council may also decide not to invest.
    """
    options, nb = options_matrix(net_benefit, include_do_nothing)
    means = nb.mean(axis=1)
    best = best_index(means, options)
    current = float(means[best])
    perfect = float(nb.max(axis=0).mean())
    # E[max] >= max E holds exactly for sample means too; the clip only removes rounding
    # noise (a few ulp) when one option wins every iteration.
    value = max(0.0, perfect - current)
    sentence = (
        f"Knowing everything before deciding is worth at most {euro(value)} "
        "(expected value of perfect information)."
    )
    return Evpi(
        options=options,
        best_option=options[best],
        expected_value_current=current,
        expected_value_perfect=perfect,
        evpi=value,
        sentence=sentence,
    )


# --------------------------------------------------------------------------- EVPPI


def _check_fit_settings(degree: int, bins: int) -> None:
    if isinstance(degree, bool) or not isinstance(degree, Integral) or degree < 1:
        raise ValueError(Msg("degree must be a whole number >= 1 (got {degree!r})", degree=degree))
    if isinstance(bins, bool) or not isinstance(bins, Integral) or bins < 0 or bins == 1:
        raise ValueError(Msg("bins must be 0 (polynomial regression) or a whole number >= 2 (got {bins!r})", bins=bins))


def _evppi_value(nb: np.ndarray, x: np.ndarray, degree: int, bins: int) -> tuple[float, str]:
    """EVPPI of a varying parameter ``x``, clipped to ``[0, EVPI]``, and the method's name."""
    if bins > 0:
        fitted = fit_bins(x, nb, int(bins))
        method = f"means within {int(bins)} equal-count bins"
    else:
        fitted = fit_polynomial(x, nb, int(degree))
        method = f"polynomial regression (degree {int(degree)})"
    current = float(nb.mean(axis=1).max())
    value = float(fitted.max(axis=0).mean()) - current
    # Small negatives are estimation noise: with an intercept in the fit each option's
    # fitted mean equals its sample mean, so E[max g] >= max E[g] = current up to rounding.
    value = max(0.0, value)
    # EVPPI <= EVPI in theory (Jensen: knowing θ is less than knowing everything), but a
    # flexible fit on a finite sample can overshoot by following the noise; the bound is
    # restored so the report never values one parameter above perfect information.
    bound = float(nb.max(axis=0).mean()) - current
    return min(value, max(0.0, bound)), method


def evppi(
    net_benefit: Mapping[str, np.ndarray],
    parameter_values: np.ndarray,
    parameter: str,
    *,
    include_do_nothing: bool = True,
    degree: int = 3,
    bins: int = 0,
) -> Evppi:
    """Expected value of partial perfect information about one parameter θ.

    ``EVPPI = E_θ[max_d E[NB_d | θ]] − max_d E[NB_d]``. The conditional expectations
    ``g_d(θ) = E[NB_d | θ]`` are estimated from the Monte Carlo sample itself (the
    regression method of Strong & Oakley, simplified to one parameter):

    - default (``bins=0``): least squares on a polynomial of ``degree`` (3) in the
      standardised parameter. A cubic follows the smooth, monotone-ish relations of this
      model (NB is close to linear in a rate, a cost or a benefit level) with little
      variance; it is the default for that reason.
    - ``bins > 0``: the mean of each option's NB within ``bins`` equal-count bins of θ.
      Assumption-free in shape but noisier (the max over noisy bin means biases upwards),
      so use a few dozen bins on large samples only.

    ``parameter_values`` are the draws of θ aligned with the iterations (for a parameter
    shared via common random numbers any strategy's array will do). A parameter that does
    not vary has EVPPI 0: knowing its value tells nothing new.
    """
    _, nb = options_matrix(net_benefit, include_do_nothing)
    x = parameter_vector(parameter_values, nb.shape[1], "parameter values")
    _check_fit_settings(degree, bins)
    value, method = (0.0, "parameter is fixed") if np.ptp(x) == 0.0 else _evppi_value(nb, x, degree, bins)
    sentence = (
        f"Knowing {parameter_label(parameter)} before deciding is worth at most {euro(value)} "
        "(expected value of partial perfect information)."
    )
    return Evppi(parameter=parameter, evppi=value, method=method, sentence=sentence)


# --------------------------------------------------------------------------- EVSI


def _check_pilot(theta: np.ndarray, pilot_clients: int, pilot_cost: float | None) -> int:
    """The pilot's number of clients, once the rate draws, clients and cost are valid."""
    if np.any((theta < 0.0) | (theta > 1.0)):
        raise ValueError(Msg("rate draws must lie within [0, 1]"))
    if isinstance(pilot_clients, bool) or not isinstance(pilot_clients, Integral) or pilot_clients < 1:
        raise ValueError(Msg("pilot_clients must be a whole number >= 1 (got {pilot_clients!r})", pilot_clients=pilot_clients))
    if pilot_cost is not None and (not math.isfinite(pilot_cost) or pilot_cost < 0):
        raise ValueError(Msg("pilot_cost must be a finite amount >= 0 (got {pilot_cost!r})", pilot_cost=pilot_cost))
    return int(pilot_clients)


def _evsi_value(options: tuple[str, ...], nb: np.ndarray, theta: np.ndarray, n: int, parameter: str) -> float:
    """EVSI of a pilot of ``n`` clients measuring ``theta``, clipped to ``[0, EVPPI(θ)]``."""
    if np.ptp(theta) == 0.0:
        # Every draw predicts the same outcome distribution: the pilot cannot move the
        # decision (and the importance weights would all be equal anyway).
        return 0.0
    current = float(nb.mean(axis=1).max())
    value = preposterior(nb, theta, n) - current
    # The ordering 0 <= EVSI <= EVPPI(θ) holds in theory (a pilot is a noisy
    # measurement of θ; learning is never harmful in expectation). In a finite sample
    # the importance weights for large n rest on few iterations and pick up their
    # non-θ noise, which biases EVSI upwards; the clip keeps the reported value within
    # what knowing θ exactly would be worth.
    # (The cap is the default cubic-regression EVPPI: exact for the near-linear way a
    # rate enters this model; a strongly non-polynomial NB(θ) would make it a little
    # conservative.)
    cap = evppi(dict(zip(options, nb)), theta, parameter, include_do_nothing=False).evppi
    return min(max(0.0, value), cap)


def _pilot_sentence(n: int, parameter: str, value: float, pilot_cost: float | None) -> str:
    clients = "client" if n == 1 else "clients"
    sentence = f"A pilot of {n} {clients} measuring {parameter_label(parameter)} is worth {euro(value)}"
    if pilot_cost is not None:
        verdict = "worth running" if value > pilot_cost else "not worth running"
        sentence += f"; it costs {euro(pilot_cost)}, so it is {verdict}"
    return sentence + " (expected value of sample information)."


def evsi_pilot(
    net_benefit: Mapping[str, np.ndarray],
    rate_draws: np.ndarray,
    pilot_clients: int,
    *,
    parameter: str = "outflow_rate",
    include_do_nothing: bool = True,
    pilot_cost: float | None = None,
) -> PilotValue:
    """Expected value of sample information of a pilot with ``pilot_clients`` clients.

    The pilot observes ``k ~ Binomial(n, θ)`` successes, θ the rate (for ``outflow_rate``:
    the share off benefit at the end of the outflow window, what a pilot measures;
    docs/model.md). Preposterior analysis on the Monte Carlo sample, for every ``k = 0..n``:

    - predictive probability ``P(k) = mean_i Binom(k; n, θ_i)`` (the beta-binomial when
      the prior on θ is a beta);
    - posterior expected net benefit ``E[NB_d | k] = Σ_i w_ik NB_d,i`` with importance
      weights ``w_ik ∝ Binom(k; n, θ_i)`` (the prior sample reweighted by the likelihood).

    ``EVSI = Σ_k P(k) max_d E[NB_d | k] − max_d E[NB_d]``.

    Limits worth stating in a report: the value assumes the decision waits for the pilot
    and that the pilot's clients are like the programme's; it ignores the savings the pilot
    itself earns. For large ``n`` the weights concentrate on few iterations (the effective
    sample size drops) and the estimate drifts towards the noisier EVPPI; it is clipped to
    ``[0, EVPPI(θ)]`` (see below). With ``pilot_cost`` the sentence says whether the pilot
    is worth running (worth more than it costs).
    """
    options, nb = options_matrix(net_benefit, include_do_nothing)
    theta = parameter_vector(rate_draws, nb.shape[1], "rate draws")
    n = _check_pilot(theta, pilot_clients, pilot_cost)
    value = _evsi_value(options, nb, theta, n, parameter)
    return PilotValue(parameter=parameter, pilot_clients=n, evsi=value, sentence=_pilot_sentence(n, parameter, value, pilot_cost))
