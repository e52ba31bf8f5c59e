"""Charts for a council proposal (raadsvoorstel): numpy arrays and labels in, PNG or SVG bytes out.

Three charts:

* :func:`fan_chart`: the cumulative discounted net cash flow per month, as a median line
  with the 50% and 90% bands of the simulated futures, one panel per strategy;
* :func:`histogram`: the per-iteration net savings of each strategy, as shares of the
  simulated futures, over shared bins;
* :func:`comparison_chart`: the mean net savings per strategy as horizontal bars, with the
  90% interval (5th to 95th percentile) as an error bar.

Every label comes in through :class:`ChartText` and every euro amount goes out through the
``money`` formatter the caller passes, so the same code draws English and Dutch charts
(``€1.5M`` / ``€ 1,5 mln``). Nothing here knows about scenarios or runs.

Made for print: 16 × 9 cm at 150 dpi, no text below 8 pt at that size, the colour-blind-safe
Okabe-Ito palette (plus line styles, so a greyscale print still tells strategies apart), and
legends outside the plotting area so they never cover data.

Matplotlib is imported inside the functions (the CLI starts faster without it) and only
through its object-oriented API with the Agg canvas, never pyplot: no open figures in a
global registry. Matplotlib's rcParams are global, though, so every chart is drawn under a
module lock inside an ``rc_context`` that starts from matplotlib's defaults (a user's
matplotlibrc cannot change the output) and sets the print style. The output is
reproducible: the same input gives the same bytes (no dates in the metadata, a fixed SVG
hash salt).
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.text import Text

FORMATS = ("png", "svg")

#: Size of every chart: 16 × 9 cm (fits an A4 text column) at 150 dpi (944 × 531 pixels).
WIDTH_CM = 16.0
HEIGHT_CM = 9.0
DPI = 150

#: The percentile keys :func:`fan_chart` expects for each strategy.
PERCENTILES = ("p5", "p25", "p50", "p75", "p95")

#: Strategy names are wrapped at this many characters (legend, panel titles, y axis).
NAME_WIDTH = 22
NAME_LINES = 3

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
#: colour blindness. Strong colours first; yellow (too pale for thin lines and light bands
#: on white) and black (reserved for the zero line) last.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
#: Line styles per strategy, so strategies stay apart in a greyscale print.
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1)), (0, (8, 2)))

_ZERO: dict[str, Any] = {"color": "black", "linewidth": 1.0, "linestyle": (0, (4, 2))}
_BAND_90_ALPHA = 0.20
_BAND_50_ALPHA = 0.45
_FILL_ALPHA = 0.28  # histogram fills (two of them overlapping stay readable)
_NEUTRAL = "#404040"  # legend swatches that stand for every panel's colour

# Font sizes in points at the printed size (the figure is printed at 16 × 9 cm, so a point
# here is a point on paper). Nothing below 8 pt.
_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "figure.titlesize": 11,
    "figure.titleweight": "bold",
    "figure.labelsize": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "legend.handlelength": 2.4,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
    # Text stays text in SVG (searchable, selectable, testable); fixed ids for reproducible output.
    "svg.fonttype": "none",
    "svg.hashsalt": "roi-sim-charts",
    "path.simplify": True,
}

_LOCK = threading.RLock()


@dataclass(frozen=True)
class ChartText:
    """Every label a chart shows, so a caller can pass English or Dutch."""

    fan_title: str  # e.g. "Cumulative net cash flow" / "Cumulatieve netto kasstroom"
    month_axis: str  # "Months since the first intake" / "Maanden na de eerste instroom"
    money_axis: str  # "Euros (discounted)" / "Euro's (contant gemaakt)"
    median: str  # "median" / "mediaan"
    band_90: str  # "90% of outcomes" / "90% van de uitkomsten"
    band_50: str  # "50% of outcomes" / "50% van de uitkomsten"
    histogram_title: str  # "Net savings over all simulated futures" / ...
    histogram_axis: str  # "Net savings" / "Netto besparing"
    frequency_axis: str  # "Share of simulated futures" / "Aandeel van de gesimuleerde toekomsten"
    zero_line: str  # "break-even (0)" / "omslagpunt (0)"
    comparison_title: str  # "Net savings per strategy: mean and 90% interval" / ...
    strategy_axis: str  # "Strategy" / "Strategie"


Money = Callable[[float], str]


# ------------------------------------------------------------------------- public API


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


# ------------------------------------------------------------------------- validation


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; allowed: {', '.join(FORMATS)}")


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


# ------------------------------------------------------------------------- rendering


@contextmanager
def _style() -> Iterator[None]:
    """Matplotlib's defaults plus the print style, under the module lock (rcParams are global)."""
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - matplotlib is installed with the charts extra
        raise ImportError("charts need matplotlib: pip install matplotlib") from exc
    with _LOCK, matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_STYLE)  # type: ignore[arg-type]
        yield


def _make(draw: Callable[[SubFigure], Drawn]) -> Figure:
    """A new 16 × 9 cm figure on an Agg canvas, drawn by ``draw`` (call inside :func:`_style`).

    The figure holds two stacked subfigures: the chart, which ``draw`` fills, and under it
    the legend, outside every axes so it never covers data, as tall as it needs. (A
    constrained-layout "outside" legend on one figure does not make room for a figure-level
    title or axis label: the legend and a ``supxlabel`` would overlap.) The ticks of the
    money axes ``draw`` returns are thinned until their labels do not crowd.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 1, height_ratios=[0.9, 0.1], hspace=0.0)
    chart, foot = fig.add_subfigure(grid[0]), fig.add_subfigure(grid[1])
    drawn = draw(chart)
    legend = foot.legend(
        drawn.handles, drawn.labels, loc="center", ncols=_legend_columns(drawn.labels), columnspacing=1.6, borderaxespad=0.0
    )
    height = legend.get_window_extent(fig.canvas.get_renderer()).height + 6 / 72 * DPI  # type: ignore[attr-defined]  # plus 6 pt
    share = height / fig.bbox.height
    grid.set_height_ratios([1.0 - share, share])
    _settle(fig, drawn)
    return fig


@dataclass
class Drawn:
    """What a chart-drawing function hands back: its money axes, its legend entries, and
    texts written in the data (with their axes) that must stay inside those axes."""

    money_axes: list[Axis]
    handles: list[Any]
    labels: list[str]
    inside: list[tuple[Axes, list[Any]]] = field(default_factory=list)


def _settle(fig: Figure, drawn: Drawn) -> None:
    """Lay the figure out again until nothing moves: the money ticks thinned until their
    labels stand apart (wide euro labels such as "€ -2.000.000"), the x limits widened until
    the texts written in the data fit inside their axes. Each round can change the room the
    other has, so they take turns; a handful of rounds suffices."""
    nbins: dict[int, int] = {}
    for _ in range(2 * _MONEY_BINS):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        if any([_widen_to_fit(ax, texts, renderer) for ax, texts in drawn.inside]):
            continue
        changed = False
        for axis in drawn.money_axes:
            key = id(axis.major)  # shared axes share one ticker: thin it once per round
            if _crowded(axis, renderer) and nbins.get(key, _MONEY_BINS) > 1 and not (changed and key in nbins):
                nbins[key] = nbins.get(key, _MONEY_BINS) - 1
                axis.set_major_locator(_money_locator(nbins[key]))
                changed = True
        if not changed:
            return


def _render(draw: Callable[[SubFigure], Drawn], fmt: str, title: str) -> bytes:
    with _style():
        fig = _make(draw)
        # No dates and no software version in the file: the same input gives the same bytes.
        metadata: dict[str, str | None] = {"Title": title}
        metadata.update({"Date": None} if fmt == "svg" else {"Software": None})
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=metadata)
        return buf.getvalue()


# ------------------------------------------------------------------------- helpers


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _linestyle(i: int) -> Any:
    return LINESTYLES[i % len(LINESTYLES)]


def wrap_name(name: str, width: int = NAME_WIDTH, max_lines: int = NAME_LINES) -> str:
    """A strategy name on lines of at most ``width`` characters (at most ``max_lines`` lines)."""
    lines = textwrap.wrap(name, width, break_on_hyphens=False, max_lines=max_lines, placeholder=" …")
    return "\n".join(lines) if lines else name


def _title(s: str) -> str:
    """Titles wrap only when they would not fit the width (about 75 characters at 11 pt)."""
    return "\n".join(textwrap.wrap(s, 75)) or s


def _money_formatter(money: Money) -> Any:
    from matplotlib.ticker import FuncFormatter

    def tick(value: float, pos: int | None = None) -> str:
        # Locators produce values like 2.9999999999 or -0.0; ticks are whole euros or rounder.
        return money(float(round(value, 6)) + 0.0)

    return FuncFormatter(tick)


# Largest number of intervals on a money axis; fewer if the labels crowd.
_MONEY_BINS = 8


def _money_locator(nbins: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], min_n_ticks=2)


def _set_money_axis(axis: Axis, money: Money) -> None:
    axis.set_major_locator(_money_locator(_MONEY_BINS))
    axis.set_major_formatter(_money_formatter(money))


def _visible_tick_boxes(axis: Axis, renderer: RendererBase) -> list[Any]:
    lo, hi = sorted(axis.get_view_interval())
    eps = (hi - lo) * 1e-9
    boxes = []
    for tick in axis.get_major_ticks():
        loc = tick.get_loc()
        if loc is None or not lo - eps <= loc <= hi + eps:
            continue
        for label in (tick.label1, tick.label2):
            if label.get_visible() and label.get_text():
                boxes.append(label.get_window_extent(renderer))
    return boxes


def _crowded(axis: Axis, renderer: RendererBase) -> bool:
    """Whether two tick labels of ``axis`` touch (with at least about 1 em between them on x)."""
    boxes = _visible_tick_boxes(axis, renderer)
    horizontal = axis.axis_name == "x"  # type: ignore[attr-defined]
    gap = 0.8 * 8 * DPI / 72 if horizontal else 2.0  # pixels
    boxes.sort(key=lambda b: b.x0 if horizontal else b.y0)
    for a, b in zip(boxes, boxes[1:]):
        if (b.x0 - a.x1 if horizontal else b.y0 - a.y1) < gap:
            return True
    return False


def _legend_columns(labels: list[str]) -> int:
    """Short labels on one row; long ones (wrapped strategy names) in as many columns as fit."""
    widest = max(len(line) for label in labels for line in label.split("\n"))
    total = sum(max(len(line) for line in label.split("\n")) + 6 for label in labels)
    return len(labels) if total <= 95 else max(1, min(len(labels), 95 // (widest + 6)))


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


# ------------------------------------------------------------------------- the charts


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


def _widen_to_fit(ax: Axes, texts: list[Text], renderer: RendererBase) -> bool:
    """Widen the x limits of ``ax`` so every text lies inside it; whether they changed."""
    lo, hi = ax.get_xlim()
    inv = ax.transData.inverted()
    need_lo, need_hi = lo, hi
    for t in texts:
        box = t.get_window_extent(renderer)
        need_lo = min(need_lo, inv.transform((box.x0, box.y0))[0])
        need_hi = max(need_hi, inv.transform((box.x1, box.y0))[0])
    if need_lo >= lo and need_hi <= hi:
        return False
    pad = 0.01 * (need_hi - need_lo)
    ax.set_xlim(min(lo, need_lo - pad), max(hi, need_hi + pad))
    return True
