"""Hidden heterogeneity (DESIGN.md §9, ``classes``): a part's clients split into classes by
largest remainder, each simulated with its own baseline, effect and relapse; the part is
their sum."""

from __future__ import annotations

import numpy as np


def split_cohort(cohort: np.ndarray, shares: tuple[float, ...]) -> list[np.ndarray]:
    """Whole clients per class for each iteration: ``floor(N·share)``, and the clients left
    over to the largest remainders (ties to the class listed first), so the classes always
    add up to the cohort exactly."""
    exact = cohort[None, :] * np.asarray(shares, dtype=float)[:, None]
    counts = np.floor(exact)
    left = cohort - counts.sum(axis=0)
    # Rank the remainders per iteration: a stable sort on the negated remainder keeps
    # the listed order among equals.
    order = np.argsort(-(exact - counts), axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(len(shares))[:, None].repeat(cohort.shape[0], axis=1), axis=0)
    counts += ranks < left[None, :]
    return [counts[j] for j in range(len(shares))]
