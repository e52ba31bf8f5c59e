"""The participation ladder's chart (DESIGN.md §10): clients per state at the end of each
year, stacked, with the programme beside without it, for one strategy."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from roi_sim.outputs.charts.style import Drawn, _check_format, _colour, _render

if TYPE_CHECKING:
    from matplotlib.figure import SubFigure


def occupancy_chart(occupancy: Mapping[str, Any], words: Mapping[str, str], fmt: str = "png") -> bytes:
    """``occupancy`` as in the JSON (``states``, ``programme``, ``counterfactual``: the means
    are drawn); ``words`` holds ``title``, ``with``, ``without``, ``year`` and ``clients``."""
    _check_format(fmt)
    names = [s["name"] for s in occupancy["states"]]
    labels = [s["name"] if s["rung"] is None else f"{s['name']} ({s['rung']})" for s in occupancy["states"]]

    def means(rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
        return np.array([[row[n]["mean"] for n in names] for row in rows])

    arms = (means(occupancy["programme"]), means(occupancy["counterfactual"]))
    years = [row["year"] for row in occupancy["programme"]]
    return _render(lambda fig: _draw(fig, arms, years, labels, words), fmt, words["title"])


def _draw(fig: SubFigure, arms: tuple[np.ndarray, np.ndarray], years: list[int], labels: list[str], words: Mapping[str, str]) -> Drawn:
    axes = fig.subplots(1, 2, sharey=True)
    handles: list[Any] = []
    for ax, values, heading in zip(axes, arms, (words["with"], words["without"])):
        bottom = np.zeros(len(years))
        bars = []
        for s in range(values.shape[1]):
            bars.append(ax.bar(years, values[:, s], bottom=bottom, color=_colour(s), width=0.7, edgecolor="white", linewidth=0.5))
            bottom = bottom + values[:, s]
        handles = bars
        ax.set_title(heading, fontsize=10)
        ax.set_xticks(years)
        ax.set_xlabel(words["year"])
        ax.grid(True, axis="y")
        ax.set_axisbelow(True)
    axes[0].set_ylabel(words["clients"])
    # A narrower wrap than _title's: a strategy's name makes this title long, and it must not clip.
    fig.suptitle("\n".join(textwrap.wrap(words["title"], 55)) or words["title"])
    return Drawn([], handles, labels)
