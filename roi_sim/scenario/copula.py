"""Copula set-up: the correlations block checked and turned into the normal-scale matrix."""

from __future__ import annotations

import difflib
import math

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.message_text import Msg, did_you_mean
from roi_sim.scenario.schema import ScenarioModel
from roi_sim.scenario.vocabulary import PARAMETERS
from roi_sim.scenario.yaml_reader import YamlDocument


def _correlated_pairs(
    model: ScenarioModel, doc: YamlDocument, source: str, top: dict[str, Distribution]
) -> tuple[list[str], dict[tuple[str, str], float]]:
    """The parameters correlated (in order of first mention) and each pair's rank correlation."""
    allowed = [*PARAMETERS, "discount_rate"]
    names: list[str] = []
    pairs: dict[tuple[str, str], float] = {}
    for i, corr in enumerate(model.correlations or []):
        path: KeyPath = ("correlations", i, "between")
        a, b = corr.between
        for name in (a, b):
            if name not in allowed:
                guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = did_you_mean(guess)
                raise error_at(doc, source, path, Msg("unknown parameter '{name}'{hint}", name=name, hint=hint))
            if name not in top or top[name].is_fixed:
                raise error_at(
                    doc, source, path, Msg("'{name}' is not uncertain at the top level; only top-level distributions can be correlated", name=name)
                )
        if a == b:
            raise error_at(doc, source, path, Msg("a parameter cannot be correlated with itself ('{a}')", a=a))
        key = (min(a, b), max(a, b))
        if key in pairs:
            raise error_at(doc, source, path, Msg("the pair {a}, {b} is correlated twice; keep one", a=a, b=b))
        pairs[key] = corr.rank_correlation
        names += [n for n in (a, b) if n not in names]
    return names, pairs


def copula(
    model: ScenarioModel, doc: YamlDocument, source: str, top: dict[str, Distribution]
) -> tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]:
    """Check the correlations block and build the normal-scale correlation matrix of the
    Gaussian copula: a rank correlation rho_s needs r = 2 sin(pi rho_s / 6) between the
    underlying normals."""
    if not model.correlations:
        return (), ()
    names, pairs = _correlated_pairs(model, doc, source, top)
    d = len(names)
    matrix = [[1.0 if r == c else 0.0 for c in range(d)] for r in range(d)]
    for (a, b), rho in pairs.items():
        r = 2 * math.sin(math.pi * rho / 6)
        i, j = names.index(a), names.index(b)
        matrix[i][j] = matrix[j][i] = r
    import numpy as np  # lazily: `roi-sim --help` must start fast

    if np.linalg.eigvalsh(np.array(matrix)).min() <= 1e-10:
        raise error_at(
            doc, source, ("correlations",),
            Msg("these correlations cannot all hold at once (the correlation matrix is not positive definite); weaken some"),
        )
    return tuple(names), tuple(tuple(row) for row in matrix)
