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
from scipy.special import gammaln

__all__ = ["DO_NOTHING", "Evpi", "Evppi", "PilotValue", "evpi", "evppi", "evsi_pilot"]

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

#: Upper bound on the number of float64 cells of one likelihood block in evsi_pilot
#: (iterations × pilot outcomes): keeps memory near 64 MB whatever n and the sample size.
_MAX_BLOCK_CELLS = 8_000_000


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


# --------------------------------------------------------------------------- formatting


def _euro(x: float) -> str:
    """``€123,400`` in whole euros (``-€5,000`` for negatives), as in the report tables.

    Kept local rather than imported from ``report`` so this module stays free of the
    presentation layer (and of its rich dependency).
    """
    whole = int(round(x))
    return f"-€{-whole:,}" if whole < 0 else f"€{whole:,}"


def _label(parameter: str) -> str:
    return _PARAMETER_LABELS.get(parameter, "the " + parameter.replace("_", " "))


# --------------------------------------------------------------------------- validation


def _options_matrix(net_benefit: Mapping[str, np.ndarray], include_do_nothing: bool) -> tuple[tuple[str, ...], np.ndarray]:
    """Validate the net benefits and stack them as an ``(options, iterations)`` matrix."""
    if len(net_benefit) == 0:
        raise ValueError("net_benefit must contain at least one option")
    names = tuple(str(k) for k in net_benefit)
    if include_do_nothing and DO_NOTHING in names:
        raise ValueError(
            f"an option is already called {DO_NOTHING!r}; rename it or pass include_do_nothing=False"
        )
    arrays: list[np.ndarray] = []
    for name in names:
        a = np.asarray(net_benefit[name], dtype=float)
        if a.ndim != 1:
            raise ValueError(f"net benefit of {name!r} must be a one-dimensional array")
        arrays.append(a)
    lengths = {a.shape[0] for a in arrays}
    if len(lengths) != 1:
        detail = ", ".join(f"{n!r}: {a.shape[0]}" for n, a in zip(names, arrays))
        raise ValueError(f"net-benefit arrays must all have the same length ({detail})")
    n = arrays[0].shape[0]
    if n == 0:
        raise ValueError("net-benefit arrays must hold at least one iteration")
    for name, a in zip(names, arrays):
        if not np.all(np.isfinite(a)):
            raise ValueError(f"net benefit of {name!r} contains non-finite values (NaN or infinity)")
    if include_do_nothing:
        names = names + (DO_NOTHING,)
        arrays.append(np.zeros(n))
    return names, np.vstack(arrays)


def _parameter_vector(values: np.ndarray, n: int, what: str) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"{what} must be a one-dimensional array")
    if x.shape[0] != n:
        raise ValueError(f"{what} must have one value per iteration ({x.shape[0]} values for {n} iterations)")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{what} contain non-finite values (NaN or infinity)")
    return x


def _best(means: np.ndarray, options: tuple[str, ...]) -> int:
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


# --------------------------------------------------------------------------- EVPI


def evpi(net_benefit: Mapping[str, np.ndarray], *, include_do_nothing: bool = True) -> Evpi:
    """Expected value of perfect information: ``E[max_d NB_d] − max_d E[NB_d]``.

    ``net_benefit`` maps each strategy to its per-iteration net benefit (EUR), paired
    across strategies. With ``include_do_nothing`` (default) an option with net benefit 0
    is added: the council may also decide not to invest.
    """
    options, nb = _options_matrix(net_benefit, include_do_nothing)
    means = nb.mean(axis=1)
    best = _best(means, options)
    current = float(means[best])
    perfect = float(nb.max(axis=0).mean())
    # E[max] >= max E holds exactly for sample means too; the clip only removes rounding
    # noise (a few ulp) when one option wins every iteration.
    value = max(0.0, perfect - current)
    sentence = (
        f"Knowing everything before deciding is worth at most {_euro(value)} "
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


def _fit_polynomial(x: np.ndarray, nb: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares fit of every option's NB on a polynomial in the standardised
    parameter; returns the fitted values, shape ``(options, iterations)``."""
    # Standardising keeps the Vandermonde matrix well conditioned whatever the units
    # (a rate near 0.3 or a cost near 5,000).
    z = (x - x.mean()) / x.std()
    # A parameter with few distinct values (e.g. a discrete draw) cannot support a high
    # degree; cap it so the fit stays an interpolation of the group means, not noise.
    degree = min(degree, np.unique(z).size - 1)
    design = np.polynomial.polynomial.polyvander(z, degree)
    coef, *_ = np.linalg.lstsq(design, nb.T, rcond=None)
    return (design @ coef).T


def _fit_bins(x: np.ndarray, nb: np.ndarray, bins: int) -> np.ndarray:
    """Mean NB of every option within (about) equal-count bins of the parameter."""
    # Edges at quantiles; equal parameter values always share a bin (so the fit is a
    # function of the parameter), which can merge bins when the parameter has ties.
    edges = np.unique(np.quantile(x, np.linspace(0.0, 1.0, bins + 1)[1:-1]))
    which = np.searchsorted(edges, x, side="right")
    counts = np.bincount(which, minlength=edges.size + 1).astype(float)
    fitted = np.empty_like(nb)
    for d in range(nb.shape[0]):
        sums = np.bincount(which, weights=nb[d], minlength=edges.size + 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            fitted[d] = (sums / counts)[which]
    return fitted


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
    options, nb = _options_matrix(net_benefit, include_do_nothing)
    x = _parameter_vector(parameter_values, nb.shape[1], "parameter values")
    if isinstance(degree, bool) or not isinstance(degree, Integral) or degree < 1:
        raise ValueError(f"degree must be a whole number >= 1 (got {degree!r})")
    if isinstance(bins, bool) or not isinstance(bins, Integral) or bins < 0 or bins == 1:
        raise ValueError(f"bins must be 0 (polynomial regression) or a whole number >= 2 (got {bins!r})")
    label = _label(parameter)

    def result(value: float, method: str) -> Evppi:
        sentence = (
            f"Knowing {label} before deciding is worth at most {_euro(value)} "
            "(expected value of partial perfect information)."
        )
        return Evppi(parameter=parameter, evppi=value, method=method, sentence=sentence)

    if np.ptp(x) == 0.0:
        return result(0.0, "parameter is fixed")
    if bins > 0:
        fitted = _fit_bins(x, nb, int(bins))
        method = f"means within {int(bins)} equal-count bins"
    else:
        fitted = _fit_polynomial(x, nb, int(degree))
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
    value = min(value, max(0.0, bound))
    return result(value, method)


# --------------------------------------------------------------------------- EVSI


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
    options, nb = _options_matrix(net_benefit, include_do_nothing)
    theta = _parameter_vector(rate_draws, nb.shape[1], "rate draws")
    if np.any((theta < 0.0) | (theta > 1.0)):
        raise ValueError("rate draws must lie within [0, 1]")
    if isinstance(pilot_clients, bool) or not isinstance(pilot_clients, Integral) or pilot_clients < 1:
        raise ValueError(f"pilot_clients must be a whole number >= 1 (got {pilot_clients!r})")
    if pilot_cost is not None and (not math.isfinite(pilot_cost) or pilot_cost < 0):
        raise ValueError(f"pilot_cost must be a finite amount >= 0 (got {pilot_cost!r})")
    n = int(pilot_clients)

    current = float(nb.mean(axis=1).max())
    if np.ptp(theta) == 0.0:
        # Every draw predicts the same outcome distribution: the pilot cannot move the
        # decision (and the weights below would all be equal anyway).
        value = 0.0
    else:
        value = _preposterior(nb, theta, n) - current
        # The ordering 0 <= EVSI <= EVPPI(θ) holds in theory (a pilot is a noisy
        # measurement of θ; learning is never harmful in expectation). In a finite sample
        # the importance weights for large n rest on few iterations and pick up their
        # non-θ noise, which biases EVSI upwards; the clip keeps the reported value within
        # what knowing θ exactly would be worth.
        # (The cap is the default cubic-regression EVPPI: exact for the near-linear way a
        # rate enters this model; a strongly non-polynomial NB(θ) would make it a little
        # conservative.)
        cap = evppi(dict(zip(options, nb)), theta, parameter, include_do_nothing=False).evppi
        value = min(max(0.0, value), cap)

    clients = "client" if n == 1 else "clients"
    sentence = f"A pilot of {n} {clients} measuring {_label(parameter)} is worth {_euro(value)}"
    if pilot_cost is not None:
        verdict = "worth running" if value > pilot_cost else "not worth running"
        sentence += f"; it costs {_euro(pilot_cost)}, so it is {verdict}"
    sentence += " (expected value of sample information)."
    return PilotValue(parameter=parameter, pilot_clients=n, evsi=value, sentence=sentence)


def _preposterior(nb: np.ndarray, theta: np.ndarray, n: int) -> float:
    """``Σ_k P(k) max_d E[NB_d | k]`` by likelihood reweighting of the sample.

    Processed in blocks of ``k`` so memory stays bounded for large samples and pilots.
    """
    n_iter = theta.shape[0]
    ks = np.arange(n + 1, dtype=float)
    # Binomial log-pmf from log-gamma: the pmf itself underflows to 0 for large n.
    log_choose = gammaln(n + 1.0) - gammaln(ks + 1.0) - gammaln(n - ks + 1.0)
    # log Binom(k; n, θ) = log C(n,k) + n·log(1−θ) + k·logit(θ): an outer product, much
    # cheaper than evaluating the pmf cell by cell. θ = 0 or 1 (a rate can be fixed at the
    # edge in some iterations) has no finite logit; those rows are set exactly below.
    edge0, edge1 = theta == 0.0, theta == 1.0
    inner = np.clip(theta, 0.25, 0.75)  # any interior value; overwritten on the edge rows
    inner = np.where(edge0 | edge1, inner, theta)
    base = n * np.log1p(-inner)
    logit = np.log(inner) - np.log1p(-inner)
    block = max(1, _MAX_BLOCK_CELLS // n_iter)
    total = 0.0
    for start in range(0, n + 1, block):
        k = ks[start : start + block]
        loglik = logit[:, None] * k  # in-place steps below: these blocks are the cost
        loglik += base[:, None]
        loglik += log_choose[start : start + block]
        if edge0.any():
            loglik[edge0] = np.where(k == 0, 0.0, -np.inf)  # θ = 0: k = 0 for sure
        if edge1.any():
            loglik[edge1] = np.where(k == n, 0.0, -np.inf)  # θ = 1: k = n for sure
        top = loglik.max(axis=0)
        # An outcome no draw can produce (e.g. 0 < k < n when every θ is 0 or 1) has
        # P(k) = 0 and contributes nothing; skip it rather than divide 0 by 0.
        possible = np.isfinite(top)
        if not possible.all():
            loglik, top = loglik[:, possible], top[possible]
        w = np.exp(np.subtract(loglik, top, out=loglik), out=loglik)
        wsum = w.sum(axis=0)
        p_k = np.exp(top) * wsum / n_iter  # P(k) = mean_i Binom(k; n, θ_i)
        posterior = (nb @ w) / wsum  # E[NB_d | k], shape (options, block)
        total += float(p_k @ posterior.max(axis=0))
    return total
