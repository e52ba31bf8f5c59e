"""The fan chart: the cumulative net cash flow per month, one panel per strategy."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from roi_sim.outputs.charts.style import (
    _BAND_50_ALPHA,
    _BAND_90_ALPHA,
    _NEUTRAL,
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
    from matplotlib.axes import Axes
    from matplotlib.figure import SubFigure


#: The percentile keys :func:`fan_chart` expects for each strategy.
PERCENTILES = ("p5", "p25", "p50", "p75", "p95")


def fan_chart(
    months_percentiles: Mapping[str, Mapping[str, np.ndarray]],
    text: ChartText,
    money: Money,
    fmt: str = "png",
) -> bytes:
    """Fan chart of the cumulative net cash flow per month.

    ``months_percentiles[strategy]`` maps ``"p5"``, ``"p25"``, ``"p50"``, ``"p75"`` and
    ``"p95"`` to arrays over the months (all of one length; element ``t`` is the end of
    month ``t + 1``). One panel per strategy in a grid with a shared y axis; in each the
    p5–p95 and p25–p75 bands shaded, the median as a line and a dashed zero line.
    """
    _check_format(fmt)
    data = _check_percentiles(months_percentiles)
    return _render(lambda fig: _draw_fan(fig, data, text, money), fmt, text.fan_title)


def _check_percentiles(months_percentiles: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, dict[str, np.ndarray]]:
    if not months_percentiles:
        raise ValueError("fan_chart needs at least one strategy")
    out: dict[str, dict[str, np.ndarray]] = {}
    length: int | None = None
    for name, bands in months_percentiles.items():
        missing = [k for k in PERCENTILES if k not in bands]
        if missing:
            raise ValueError(f"fan_chart: strategy {name!r} lacks {', '.join(missing)}")
        arrays = {k: np.asarray(bands[k], dtype=np.float64) for k in PERCENTILES}
        for k, a in arrays.items():
            if a.ndim != 1 or a.size == 0:
                raise ValueError(f"fan_chart: {name!r} {k} must be a non-empty 1-d array over the months")
            if length is None:
                length = a.size
            if a.size != length:
                raise ValueError(f"fan_chart: {name!r} {k} has {a.size} months, expected {length}")
            if not np.isfinite(a).all():
                raise ValueError(f"fan_chart: {name!r} {k} holds non-finite values")
        out[str(name)] = arrays
    return out


def _grid(n: int) -> tuple[int, int]:
    """Rows and columns for ``n`` panels on a wide page: up to 3 side by side."""
    if n <= 3:
        return 1, n
    if n == 4:
        return 2, 2
    cols = 3 if n <= 6 else math.ceil(math.sqrt(n))
    return math.ceil(n / cols), cols


def _month_locator(months: int) -> Any:
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    if months > 48:
        return MultipleLocator(12)
    if months > 18:
        return MultipleLocator(6)
    return MaxNLocator(nbins=6, integer=True)


def _draw_fan(fig: SubFigure, data: dict[str, dict[str, np.ndarray]], text: ChartText, money: Money) -> Drawn:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    names = list(data)
    n = len(names)
    rows, cols = _grid(n)
    grid = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
    axes: list[Axes] = list(grid.flat)
    months = next(iter(data.values()))["p50"].size
    x = np.arange(1, months + 1)  # element t is the end of month t + 1
    for i, (ax, name) in enumerate(zip(axes, names)):
        p = data[name]
        c = _colour(i)
        ax.fill_between(x, p["p5"], p["p95"], color=c, alpha=_BAND_90_ALPHA, linewidth=0)
        ax.fill_between(x, p["p25"], p["p75"], color=c, alpha=_BAND_50_ALPHA, linewidth=0)
        ax.plot(x, p["p50"], color=c, linewidth=1.8)
        ax.axhline(0.0, **_ZERO)
        ax.set_title(wrap_name(name), loc="left")
        ax.grid(True, axis="y")
        ax.set_xlim(0, months)
    # Empty cells of the grid go; the panel above one gets its month ticks back.
    for j, ax in enumerate(axes[n:], start=n):
        above = axes[j - cols]
        above.xaxis.set_tick_params(labelbottom=True)
        ax.remove()
    axes = axes[:n]
    axes[0].xaxis.set_major_locator(_month_locator(months))
    _set_money_axis(axes[0].yaxis, money)

    fig.suptitle(_title(text.fan_title))
    if n == 1:
        axes[0].set_xlabel(text.month_axis)
        axes[0].set_ylabel(text.money_axis)
    else:
        fig.supxlabel(text.month_axis)
        fig.supylabel(text.money_axis)

    # One panel: the legend shows its own colour; several: a neutral grey for all of them.
    c = _colour(0) if n == 1 else _NEUTRAL
    handles = [
        Line2D([], [], color=c, linewidth=1.8),
        Patch(facecolor=c, alpha=_BAND_50_ALPHA, linewidth=0),
        Patch(facecolor=c, alpha=_BAND_90_ALPHA, linewidth=0),
        Line2D([], [], **_ZERO),
    ]
    return Drawn([ax.yaxis for ax in axes], handles, [text.median, text.band_50, text.band_90, text.zero_line])
