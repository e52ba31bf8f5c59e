"""The histogram of the per-iteration net savings, strategies over shared bins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from roi_sim.outputs.charts.style import (
    _FILL_ALPHA,
    _ZERO,
    ChartText,
    Drawn,
    Money,
    _check_format,
    _colour,
    _linestyle,
    _render,
    _set_money_axis,
    _title,
    wrap_name,
)

if TYPE_CHECKING:
    from matplotlib.figure import SubFigure


def histogram(
    values: Mapping[str, np.ndarray],
    text: ChartText,
    money: Money,
    fmt: str = "png",
) -> bytes:
    """Histogram of the per-iteration net savings of each strategy.

    All strategies share one set of bins; the y axis is the share of the simulated futures
    (each iteration weighs ``1/n``). Semi-transparent fills with solid outlines, and a dashed
    vertical zero line labelled ``text.zero_line``.
    """
    _check_format(fmt)
    data = _check_values(values)
    return _render(lambda fig: _draw_histogram(fig, data, text, money), fmt, text.histogram_title)


def _check_values(values: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    if not values:
        raise ValueError("histogram needs at least one strategy")
    out: dict[str, np.ndarray] = {}
    for name, v in values.items():
        a = np.asarray(v, dtype=np.float64).ravel()
        if a.size == 0:
            raise ValueError(f"histogram: strategy {name!r} has no values")
        if not np.isfinite(a).all():
            raise ValueError(f"histogram: strategy {name!r} holds non-finite values")
        out[str(name)] = a
    return out


def _bin_edges(all_values: np.ndarray) -> np.ndarray:
    """Shared bins: numpy's "auto" rule, kept between 10 and 50 bins for a 16 cm wide chart."""
    edges = np.histogram_bin_edges(all_values, bins="auto")
    bins = len(edges) - 1
    if 10 <= bins <= 50:
        return edges
    return np.histogram_bin_edges(all_values, bins=min(max(bins, 10), 50))


def _share_locator(top: float) -> Any:
    """Ticks at whole percentages (so they need no decimal separator in either language)."""
    from matplotlib.ticker import MultipleLocator

    for step in (0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25):
        if top / step <= 6:
            break
    return MultipleLocator(step if step != 0.025 else 0.05)


def _draw_histogram(fig: SubFigure, data: dict[str, np.ndarray], text: ChartText, money: Money) -> Drawn:
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    ax = fig.add_subplot()
    edges = _bin_edges(np.concatenate(list(data.values())))
    handles: list[Any] = []
    labels: list[str] = []
    top = 0.0
    for i, (name, v) in enumerate(data.items()):
        c, ls = _colour(i), _linestyle(i)
        share, _ = np.histogram(v, bins=edges, weights=np.full(v.size, 1.0 / v.size))
        top = max(top, float(share.max()))
        ax.stairs(share, edges, fill=True, color=c, alpha=_FILL_ALPHA, linewidth=0)
        ax.stairs(share, edges, color=c, linewidth=1.6, linestyle=ls)
        handles.append(Patch(facecolor=to_rgba(c, _FILL_ALPHA), edgecolor=c, linewidth=1.6, linestyle=ls))
        labels.append(wrap_name(name))
    ax.axvline(0.0, **_ZERO)
    handles.append(Line2D([], [], **_ZERO))
    labels.append(text.zero_line)

    ax.set_ylim(0, top * 1.08)
    ax.yaxis.set_major_locator(_share_locator(top * 1.08))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos=None: f"{round(v * 100):d}%"))
    _set_money_axis(ax.xaxis, money)
    ax.grid(True, axis="y")
    fig.suptitle(_title(text.histogram_title))
    ax.set_xlabel(text.histogram_axis)
    ax.set_ylabel(text.frequency_axis)
    return Drawn([ax.xaxis], handles, labels)
