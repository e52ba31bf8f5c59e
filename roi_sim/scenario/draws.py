"""Constraints between parameters that must hold for every draw, not only for the means
(issue 16.5): relapse_within_12_months may not exceed relapse_ever. When either is a
distribution, the chance that a draw breaks the constraint is computed from the two
distributions (and their copula correlation, if any) and the file is refused with it.

Also the staff cost per client, annual_cost_per_fte / caseload × programme_months / 12, an
amount made of three parameters: a tiny caseload makes it overflow (issue 16.2, as a caseload
of 0 would), so it is held to the cap on amounts for every draw but a one-in-a-trillion tail."""

from __future__ import annotations

import math
from typing import Any

from roi_sim.scenario.describe import describe_distribution
from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.finite import MAX_AMOUNT, TAIL, _upper
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.resolved import PartSpec, Scenario
from roi_sim.scenario.yaml_reader import YamlDocument

#: Grid points per dimension for the probability (midpoint rule on the copula scale).
GRID = 100_000
GRID_2D = 800
#: A violation this rare is below what the grid can tell from 0.
NEGLIGIBLE = 1e-5


def violation_probability(low: Distribution, high: Distribution, r: float = 0.0) -> float:
    """P(draw of ``low`` > draw of ``high``) for draws joined by a Gaussian copula with
    normal-scale correlation ``r`` (0: independent)."""
    import numpy as np
    from scipy.special import ndtr

    if r == 0.0:
        u = (np.arange(GRID) + 0.5) / GRID
        highs = np.sort(high.ppf(u))
        # For each quantile of `low`, the share of `high` draws below it.
        return float(np.searchsorted(highs, low.ppf(u), side="left").mean() / GRID)
    from scipy.special import ndtri

    z = ndtri((np.arange(GRID_2D) + 0.5) / GRID_2D)
    z1, z2 = np.meshgrid(z, z, indexing="ij")
    a = low.ppf(ndtr(z1))
    b = high.ppf(ndtr(r * z1 + np.sqrt(1.0 - r * r) * z2))
    return float((a > b).mean())


def _copula_r(scenario: Scenario, part: PartSpec, a: str, b: str) -> float:
    if part.sources.get(a) != "base" or part.sources.get(b) != "base":
        return 0.0  # different owners draw from different streams: independent
    if a in scenario.correlated and b in scenario.correlated:
        return scenario.copula_matrix[scenario.correlated.index(a)][scenario.correlated.index(b)]
    return 0.0


def _simulated(scenario: Scenario, doc: YamlDocument) -> list[tuple[int | None, PartSpec, PartSpec | None]]:
    """(strategy index, part, the parent of a class or None) of every part and class the
    engine simulates, the groups on their own included."""
    indexed = doc.data.get("strategies") is not None
    parts = [(i if indexed else None, p) for i, st in enumerate(scenario.strategies) for p in st.parts]
    parts += [(None, g.part) for g in scenario.groups.values() if g.part is not None]
    out: list[tuple[int | None, PartSpec, PartSpec | None]] = []
    for index, part in parts:
        out.append((index, part, None))
        out += [(index, c.part, part) for c in part.classes]
    return out


def _class_where(doc: YamlDocument, part: PartSpec, strategy_index: int | None, key: str) -> KeyPath:
    """Where a class sets ``key``: the classes list of the strategy, its group or the top level."""
    prefixes: list[KeyPath] = [("strategies", strategy_index)] if strategy_index is not None else []
    prefixes += [("groups", part.group)] if part.group is not None else []
    for prefix in [*prefixes, ()]:
        node: Any = doc.data
        for step in prefix:
            if isinstance(node, dict):
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and step < len(node):
                node = node[step]
            else:
                node = None
        entries = node.get("classes") if isinstance(node, dict) else None
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and key in entry:
                return (*prefix, "classes", i, key)
    return (key,)


def _where(part: PartSpec, strategy_index: int | None, key: str, doc: YamlDocument | None = None) -> KeyPath:
    source = part.sources.get(key)
    if source == "class" and doc is not None:
        return _class_where(doc, part, strategy_index, key)
    if source == "strategy" and strategy_index is not None:
        return ("strategies", strategy_index, key)
    if source == "group" and part.group is not None:
        return ("groups", part.group, key)
    return (key,)


def check_relapse_order(scenario: Scenario, doc: YamlDocument, source: str) -> None:
    """Refuse levelling relapse whose within-a-year share can be drawn above the ever share."""
    for index, part, parent in _simulated(scenario, doc):
        if part.relapse_model != "levelling":
            continue
        within, ever = part.params["relapse_within_12_months"], part.params["relapse_ever"]
        if within.is_fixed and ever.is_fixed:
            if parent is not None and within.mean() > ever.mean():  # a part's numbers are checked when resolved
                raise error_at(
                    doc, source, _where(part, index, "relapse_within_12_months", doc),
                    Msg("relapse_within_12_months ({value:g}) cannot exceed relapse_ever ({value2:g}): those back within a year are among those who ever come back", value=within.mean(), value2=ever.mean()),
                )
            continue
        p = violation_probability(within, ever, _copula_r(scenario, part, "relapse_within_12_months", "relapse_ever"))
        if p < NEGLIGIBLE:
            continue
        raise error_at(
            doc, source, _where(part, index, "relapse_within_12_months", doc),
            Msg("relapse_within_12_months ({within}) is drawn above relapse_ever ({ever}) in {p} of iterations, but those back within a year are among those who ever come back; narrow or separate the two distributions", within=describe_distribution(within), ever=describe_distribution(ever), p=_percent(p)),
        )


def _percent(p: float) -> str:
    return f"{100 * p:.3g}%"


def _lowest(dist: Distribution) -> float:
    """The smallest value the draws reach, but for a one-in-a-trillion tail."""
    return dist.mean() if dist.is_fixed else dist.quantile(TAIL)


def staff_cost_bound(part: PartSpec) -> tuple[float, float] | None:
    """(largest staff cost per client, smallest caseload) over the part's draws, or None
    when the part has no staff cost."""
    fte, caseload, months = (part.params.get(k) for k in ("annual_cost_per_fte", "caseload", "programme_months"))
    if fte is None or caseload is None or (fte.is_fixed and fte.mean() == 0):
        return None
    try:
        most_fte, least_caseload = _upper(fte), _lowest(caseload)
        most_months = 12.0 if months is None else _upper(months)
    except (OverflowError, ZeroDivisionError, ValueError, FloatingPointError):
        return math.inf, math.nan
    if most_fte == 0 or most_months == 0:
        return 0.0, least_caseload
    try:
        return most_fte / least_caseload * most_months / 12, least_caseload
    except (OverflowError, ZeroDivisionError):
        return math.inf, least_caseload


def check_staff_cost(scenario: Scenario, doc: YamlDocument, source: str) -> None:
    """Refuse a part whose staff cost per client can exceed what amounts may be."""
    for index, part, _ in _simulated(scenario, doc):
        bound = staff_cost_bound(part)
        if bound is None or bound[0] <= MAX_AMOUNT:
            continue
        cost, caseload = bound
        reaches = Msg("reaches {cost:g} EUR", cost=cost) if math.isfinite(cost) else Msg("overflows")
        raise error_at(
            doc, source, _where(part, index, "caseload", doc),
            Msg("with caseload down to {caseload:g} the staff cost per client (annual_cost_per_fte / caseload × programme_months / 12) {reaches}, more than can be computed with: an amount may be at most {max_amount:g} EUR; raise the caseload (clients per FTE)", caseload=caseload, reaches=reaches, max_amount=MAX_AMOUNT),
        )
