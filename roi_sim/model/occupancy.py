"""The participation ladder's outputs (DESIGN.md §10): clients per state at the end of each
year in both arms, and the rung-years gained, summarised over iterations."""

from __future__ import annotations

from dataclasses import dataclass

from roi_sim.model.metrics import IterationResults, Summary, summarize
from roi_sim.scenario.resolved import LadderSpec


@dataclass(frozen=True)
class OccupancySummary:
    """``programme[y][state]`` and ``counterfactual[y][state]``: clients in ``state`` at the
    end of year ``y + 1``, summarised."""

    states: tuple[tuple[str, int | None], ...]
    programme: tuple[dict[str, Summary | None], ...]
    counterfactual: tuple[dict[str, Summary | None], ...]
    rung_years_gained: Summary | None


def occupancy_summary(ladder: LadderSpec, results: IterationResults) -> OccupancySummary | None:
    """None for the on/off model."""
    if results.occupancy_programme is None or results.occupancy_counterfactual is None:
        return None
    names = ladder.names

    def arm(values: object) -> tuple[dict[str, Summary | None], ...]:
        years = values.shape[1]  # type: ignore[attr-defined]
        return tuple({name: summarize(values[:, y, s]) for s, name in enumerate(names)} for y in range(years))  # type: ignore[index]

    rungs = None if results.rung_years_gained is None else summarize(results.rung_years_gained)
    return OccupancySummary(
        tuple((s.name, s.rung) for s in ladder.states), arm(results.occupancy_programme), arm(results.occupancy_counterfactual), rungs,
    )
