"""Prices and budget years (issue 14.3): the year all amounts are in, the first begrotingsjaar
and the annual indexation that turns real amounts into nominal ones for the budget table.

The NPV stays real at the MKBA discount rate; only ``yearly[].nominal`` uses these (the BBV
asks for nominal, undiscounted amounts per begrotingsjaar). The checks here run after the
schema and name the key, its line and what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from roi_sim.scenario.errors import describe_value, error_at
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.schema import ScenarioModel
from roi_sim.scenario.yaml_reader import YamlDocument

#: Years a price year or a first budget year may be.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: An annual indexation outside this is a typo (2 for 2%) rather than a price path.
MAX_INDEXATION = 0.5
INDEX_KINDS = ("benefits", "wages", "costs")


@dataclass(frozen=True)
class Prices:
    """The price year, the first begrotingsjaar and the annual rate of each kind of amount."""

    price_year: int
    start_year: int
    benefits: float = 0.0
    wages: float = 0.0
    costs: float = 0.0

    def budget_year(self, k: int) -> int:
        """Simulation year ``k`` (1, 2, …) is begrotingsjaar ``start_year + k − 1``."""
        return self.start_year + k - 1

    def factor(self, kind: str, k: int) -> float:
        """``(1 + index)^(start_year + k − 1 − price_year)``: real euros of simulation year
        ``k`` to nominal euros of its begrotingsjaar."""
        rate: float = getattr(self, kind)
        return float((1.0 + rate) ** (self.budget_year(k) - self.price_year))


def _year(model: ScenarioModel, doc: YamlDocument, source: str, key: str) -> int | None:
    value = getattr(model, key)
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise error_at(doc, source, (key,), Msg("{value} is not a year this tool takes: must be a year from {first_year} to {last_year}", value=value, first_year=FIRST_YEAR, last_year=LAST_YEAR))
    return value


def check_prices(model: ScenarioModel, doc: YamlDocument, source: str) -> Prices | None:
    """The scenario's :class:`Prices` (None without ``price_year``), or a ScenarioError."""
    price_year = _year(model, doc, source, "price_year")
    start_year = _year(model, doc, source, "start_year")
    index = model.indexation
    if price_year is None:
        for key, given in (("indexation", index is not None), ("start_year", start_year is not None)):
            if given:
                raise error_at(
                    doc, source, (key,),
                    Msg("{key} needs price_year, the year whose prices the amounts are in (e.g. price_year: 2026)", key=key),
                )
        return None
    rates = {}
    for key, rate in (index or {}).items():
        if key not in INDEX_KINDS:
            raise error_at(doc, source, ("indexation", key), Msg("unknown key '{key}' (allowed here: {index_kinds})", key=key, index_kinds=', '.join(INDEX_KINDS)))
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not math.isfinite(rate):
            raise error_at(
                doc, source, ("indexation", key),
                Msg("must be an annual rate, a number between -{max_indexation:g} and {max_indexation:g} (0.02 for 2%), got {rate}", max_indexation=MAX_INDEXATION, rate=describe_value(rate)),
            )
    for kind in INDEX_KINDS:
        rate = None if index is None else index.get(kind)
        if rate is not None and not -MAX_INDEXATION <= rate <= MAX_INDEXATION:
            hint = Msg("; write {fraction:g} for {rate:g}%", fraction=rate / 100, rate=rate) if 1 < abs(rate) <= 100 else ""
            raise error_at(
                doc, source, ("indexation", kind),
                Msg("{rate:g} is not an annual rate: must be a fraction between -{max_indexation:g} and {max_indexation:g}{hint}", rate=rate, max_indexation=MAX_INDEXATION, hint=hint),
            )
        rates[kind] = 0.0 if rate is None else float(rate)
    return Prices(price_year, price_year if start_year is None else start_year, **rates)
