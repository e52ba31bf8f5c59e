"""The estimators behind EVPPI and EVSI: regression of the net benefit on one parameter,
and the preposterior sum of a pilot by likelihood reweighting of the Monte Carlo sample.

Arrays in, arrays or floats out; validation and wording live in
:mod:`roi_sim.decisions.voi_inputs`, the public measures in :mod:`roi_sim.decisions.voi`.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

#: Upper bound on the number of float64 cells of one likelihood block in :func:`preposterior`
#: (iterations × pilot outcomes): keeps memory near 64 MB whatever n and the sample size.
_MAX_BLOCK_CELLS = 8_000_000


def fit_polynomial(x: np.ndarray, nb: np.ndarray, degree: int) -> np.ndarray:
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


def fit_bins(x: np.ndarray, nb: np.ndarray, bins: int) -> np.ndarray:
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


def preposterior(nb: np.ndarray, theta: np.ndarray, n: int) -> float:
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
