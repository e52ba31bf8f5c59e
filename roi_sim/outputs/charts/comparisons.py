"""The comparison chart: the mean net savings per strategy with its 90% interval."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from roi_sim.outputs.charts.style import (
    _ZERO,
    ChartText,
    Drawn,
    Money,
    _check_format,
    _colour,
    _render,
    _set_money_axis,
    _title,
    wrap_name,
)

if TYPE_CHECKING:
    from matplotlib.figure import SubFigure


def comparison_chart(
    summary: Sequence[tuple[str, float, float, float]],
    text: ChartText,
    money: Money,
    fmt: str = "png",
) -> bytes:
    """Mean net savings per strategy with its 90% interval.

    ``summary`` holds ``(name, mean, p5, p95)`` per strategy, drawn top to bottom in the
    given order: a horizontal bar to the mean (its value written beside it), an error bar
    from p5 to p95 and a dashed zero line. Names are wrapped at about 22 characters.
    """
    _check_format(fmt)
    rows = _check_summary(summary)
    return _render(lambda fig: _draw_comparison(fig, rows, text, money), fmt, text.comparison_title)


def _check_summary(summary: Sequence[tuple[str, float, float, float]]) -> list[tuple[str, float, float, float]]:
    if not summary:
        raise ValueError("comparison_chart needs at least one strategy")
    rows = []
    for row in summary:
        name, mean, p5, p95 = row
        mean, p5, p95 = float(mean), float(p5), float(p95)
        if not all(math.isfinite(x) for x in (mean, p5, p95)):
            raise ValueError(f"comparison_chart: strategy {name!r} holds non-finite values")
        if p5 > p95:
            raise ValueError(f"comparison_chart: strategy {name!r} has p5 {p5} above p95 {p95}")
        rows.append((str(name), mean, p5, p95))
    return rows


def _draw_comparison(fig: SubFigure, rows: list[tuple[str, float, float, float]], text: ChartText, money: Money) -> Drawn:
    from matplotlib.lines import Line2D

    ax = fig.add_subplot()
    n = len(rows)
    y = np.arange(n)
    means = np.array([r[1] for r in rows])
    low = np.array([r[2] for r in rows])
    high = np.array([r[3] for r in rows])
    colours = [_colour(i) for i in range(n)]
    ax.barh(y, means, height=0.55, color=colours, alpha=0.85, edgecolor="none")
    # The interval drawn around its own midpoint: correct even if a mean lies outside p5–p95.
    ax.errorbar((low + high) / 2, y, xerr=(high - low) / 2, fmt="none", ecolor="black", elinewidth=1.3, capsize=4, capthick=1.3)
    ax.axvline(0.0, **_ZERO)
    ax.set_yticks(y, labels=[wrap_name(r[0]) for r in rows])
    ax.set_ylim(n - 0.5, -0.5)  # first strategy on top
    ax.tick_params(axis="y", length=0)
    _set_money_axis(ax.xaxis, money)
    ax.grid(True, axis="x")
    ax.set_axisbelow(True)

    # The mean written beside each bar, past the end of its interval on the side it points to.
    values = []
    for yi, (_, mean, p5, p95) in zip(y, rows):
        right = mean >= 0
        anchor = max(p95, mean, 0.0) if right else min(p5, mean, 0.0)
        values.append(
            ax.annotate(
                money(mean),
                (anchor, yi),
                xytext=(5 if right else -5, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=8,
            )
        )
    ax.margins(x=0.04)

    fig.suptitle(_title(text.comparison_title))
    ax.set_xlabel(text.money_axis)
    ax.set_ylabel(text.strategy_axis)
    handles = [
        Line2D([], [], color="black", linewidth=1.3, marker="|", markersize=8, markeredgewidth=1.3),
        Line2D([], [], **_ZERO),
    ]
    return Drawn([ax.xaxis], handles, [text.band_90, text.zero_line], inside=[(ax, values)])
