"""Whether a scenario asks for a societal (MKBA) figure (issue 14.4; docs/model.md, "Two ledgers").

The societal ledger rests on valuation inputs (displacement, lost non-market time, social
value) that no default can choose for a municipality; without one of them set somewhere in
the scenario, the outputs show no societal figure and the decision commands refuse
``--ledger societal`` with :data:`NO_VALUATION`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roi_sim.scenario.vocabulary import VALUATION_KEYS

if TYPE_CHECKING:
    from roi_sim.scenario.resolved import PartSpec
    from roi_sim.scenario.spec import Scenario

#: The one-line refusal of a decision command asked for the societal ledger without valuation inputs.
NO_VALUATION = (
    "the scenario sets no valuation inputs for the societal ledger: set displacement, "
    "non_market_time_value_per_year or a social value (social_value_per_extra_client_year)"
)


def _parts(scenario: Scenario) -> Iterator[PartSpec]:
    scenarios = [scenario, *(v.scenario for v in scenario.variants)]
    for sc in scenarios:
        for spec in sc.strategies:
            for part in spec.parts:
                yield part
                yield from (c.part for c in part.classes)


def societal_valued(scenario: Scenario) -> bool:
    """True when the scenario sets one of :data:`VALUATION_KEYS` (even to 0: a choice) in its
    base, a group, a strategy, a class or a variant; defaults do not count."""
    return any(part.sources.get(key, "fixed") != "fixed" for part in _parts(scenario) for key in VALUATION_KEYS)
