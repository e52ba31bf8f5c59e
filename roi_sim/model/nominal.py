"""The budget table per begrotingsjaar (issue 14.3): nominal, undiscounted amounts.

A council budgets in nominal euros per year, undiscounted (BBV); the NPV stays real at the
MKBA rate. Simulation year ``k`` is begrotingsjaar ``start_year + k − 1``, and its real
(undiscounted) amounts are multiplied by ``(1 + index)^(start_year + k − 1 − price_year)``
with the index of their kind: ``benefits`` for the savings and the BUIG benefit line,
``wages`` for loonkostensubsidie (a BLKS refund is the previous year's LKS, so it carries
that year's wage index), ``costs`` for the investment and the execution line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.metrics import IterationResults, Summary, summarize
from roi_sim.scenario.prices import Prices


@dataclass(frozen=True)
class NominalYear:
    """One begrotingsjaar: the keys of a yearly row, nominal and undiscounted."""

    budget_year: int
    investment: Summary | None
    savings: Summary | None
    net: Summary | None
    cumulative_net: Summary | None
    subsidies: Summary | None
    #: The fiscal budget lines (their sum is ``net``).
    lines: dict[str, Summary | None]


def nominal_lines(results: IterationResults, prices: Prices) -> dict[str, np.ndarray]:
    """Per-iteration nominal amounts per year, shape ``(n, years)``: investment, savings,
    subsidies and the four fiscal lines."""
    years = results.yearly_real_investment.shape[1]
    index = {kind: np.array([prices.factor(kind, k) for k in range(1, years + 1)]) for kind in ("benefits", "wages", "costs")}
    # The refund in year k is year k − 1's LKS, indexed as that year's wages.
    paid_before = np.array([prices.factor("wages", k - 1) for k in range(1, years + 1)])
    investment = results.yearly_real_investment * index["costs"]
    subsidies = results.yearly_real_subsidies * index["wages"]
    return {
        "investment": investment,
        "savings": results.yearly_real_savings * index["benefits"],
        "subsidies": subsidies,
        "buig_benefits": results.yearly_real_buig_benefits * index["benefits"],
        "buig_lks": results.yearly_real_lks_refund * paid_before - subsidies,
        "execution": results.yearly_real_execution * index["costs"],
        "programme": -investment,
    }


def nominal_yearly(results: IterationResults, prices: Prices) -> tuple[NominalYear, ...]:
    """The budget table of one strategy, summarised over iterations per begrotingsjaar."""
    amounts = nominal_lines(results, prices)
    net = amounts["buig_benefits"] + amounts["buig_lks"] + amounts["execution"] + amounts["programme"]
    cumulative = np.cumsum(net, axis=1)
    out = []
    for y in range(net.shape[1]):
        lines = {name: summarize(amounts[name][:, y]) for name in ("buig_benefits", "buig_lks", "execution", "programme")}
        out.append(
            NominalYear(
                budget_year=prices.budget_year(y + 1),
                investment=summarize(amounts["investment"][:, y]),
                savings=summarize(amounts["savings"][:, y]),
                net=summarize(net[:, y]),
                cumulative_net=summarize(cumulative[:, y]),
                subsidies=summarize(amounts["subsidies"][:, y]),
                lines=lines,
            )
        )
    return tuple(out)
