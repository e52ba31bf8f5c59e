"""Rival beliefs (DESIGN.md §8): ``variants: [{name, weight?, <model keys>}]``.

A variant is a belief about the world (which counterfactual, which relapse, which effect
study), never a choice: it is not ranked, not compared and not valued as a decision. Each
variant is the scenario with the variant's keys set at the top level; a key may be set by
variants or by strategies, not both (the error names both lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roi_sim.scenario.spec import Scenario


@dataclass(frozen=True)
class Variant:
    """One belief: its name, its weight (probability, normalised to sum to 1) and the
    scenario as that belief has it (without variants)."""

    name: str
    weight: float
    scenario: Scenario
    #: False when the scenario gave no weights (equal weights, said in the output).
    weight_given: bool = True
