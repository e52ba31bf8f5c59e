"""What every chart shares: the print style (size, fonts, the Okabe-Ito palette), the labels
(:class:`ChartText`), the figure with its legend underneath, the money axes thinned until
their labels stand apart, and the reproducible PNG or SVG bytes."""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; allowed: {', '.join(FORMATS)}")


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


def warm_up() -> None:
    """Import matplotlib and load the charts' font now: a caller with idle time (the report,
    while the workers simulate) saves the wait later, and the chart processes forked after
    this inherit both instead of loading them each."""
    with _style():
        import matplotlib.backends.backend_agg
        import matplotlib.figure  # noqa: F401  (what _make imports)
        from matplotlib.font_manager import findfont, get_font

        get_font(findfont(_STYLE["font.family"]))


def _make(draw: Callable[[SubFigure], Drawn], render: bool = False) -> tuple[Figure, bool]:
    """A new 16 × 9 cm figure on an Agg canvas, drawn by ``draw`` (call inside :func:`_style`).

    The figure holds two stacked subfigures: the chart, which ``draw`` fills, and under it
    the legend, outside every axes so it never covers data, as tall as it needs. (A
    constrained-layout "outside" legend on one figure does not make room for a figure-level
    title or axis label: the legend and a ``supxlabel`` would overlap.) The ticks of the
    money axes ``draw`` returns are thinned until their labels do not crowd. With ``render``
    the layout rounds draw the pixels too; the flag returned says whether the canvas holds
    the settled figure (else it must be drawn once more).
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
    return fig, _settle(fig, drawn, render)


@dataclass
class Drawn:
    """What a chart-drawing function hands back: its money axes, its legend entries, and
    texts written in the data (with their axes) that must stay inside those axes."""

    money_axes: list[Axis]
    handles: list[Any]
    labels: list[str]
    inside: list[tuple[Axes, list[Any]]] = field(default_factory=list)


def _settle(fig: Figure, drawn: Drawn, render: bool = False) -> bool:
    """Lay the figure out again until nothing moves: the money ticks thinned until their
    labels stand apart (wide euro labels such as "€ -2.000.000"), the x limits widened until
    the texts written in the data fit inside their axes. Each round can change the room the
    other has, so they take turns; a handful of rounds suffices. True when the last round
    changed nothing (so with ``render`` the canvas holds the finished picture)."""
    nbins: dict[int, int] = {}
    for _ in range(2 * _MONEY_BINS):
        if render:
            fig.canvas.draw()
        else:
            fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        if any([_widen_to_fit(ax, texts, renderer) for ax, texts in drawn.inside]) or _wrap_tall_labels(fig, renderer):
            continue
        changed = False
        for axis in drawn.money_axes:
            key = id(axis.major)  # shared axes share one ticker: thin it once per round
            if _crowded(axis, renderer) and nbins.get(key, _MONEY_BINS) > 1 and not (changed and key in nbins):
                nbins[key] = nbins.get(key, _MONEY_BINS) - 1
                axis.set_major_locator(_money_locator(nbins[key]))
                changed = True
        if not changed:
            return True
    return False


def _render(draw: Callable[[SubFigure], Drawn], fmt: str, title: str) -> bytes:
    with _style():
        # A PNG is the picture the layout rounds drew at its own dpi: when they settled, its
        # pixels are already on the canvas and are written as they are (the bytes savefig
        # would write, without drawing them twice). An SVG is drawn at 72 dpi, where text
        # measures differently, so savefig lays it out again for its own size.
        fig, settled = _make(draw, render=fmt == "png")
        # No dates and no software version in the file: the same input gives the same bytes.
        metadata: dict[str, str | None] = {"Title": title}
        metadata.update({"Date": None} if fmt == "svg" else {"Software": None})
        buf = io.BytesIO()
        if fmt == "png" and settled:
            from matplotlib.image import imsave

            # (A None in metadata drops that key, as savefig's does.)
            pixels = fig.canvas.buffer_rgba()  # type: ignore[attr-defined]
            imsave(buf, pixels, format="png", origin="upper", dpi=fig.dpi, metadata=metadata)  # type: ignore[arg-type]
        else:
            fig.savefig(buf, format=fmt, dpi=DPI, metadata=metadata)
        return buf.getvalue()


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _linestyle(i: int) -> Any:
    return LINESTYLES[i % len(LINESTYLES)]


def wrap_name(name: str, width: int = NAME_WIDTH, max_lines: int = NAME_LINES) -> str:
    """A strategy name on lines of at most ``width`` characters (at most ``max_lines`` lines),
    its control characters escaped (an SVG cannot hold them raw)."""
    from roi_sim.outputs.safe_text import printable

    name = printable(name)
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


def _wrap_tall_labels(fig: Figure, renderer: RendererBase) -> bool:
    """Wrap a y-axis label taller than its axes onto one more line; whether one changed.

    Constrained layout centres a y label on its axes and does not shorten it: a label
    longer than the axes is tall ("Aandeel van de gesimuleerde toekomsten" beside a chart
    made short by a legend of three long strategy names) runs off the figure and is cut."""
    from matplotlib.axes import Axes

    changed = False
    for ax in fig.findobj(match=Axes):
        label = ax.yaxis.label
        text = label.get_text()
        if not text or label.get_window_extent(renderer).height <= ax.get_window_extent(renderer).height:
            continue
        words = " ".join(text.split())
        lines = text.count("\n") + 2
        wrapped = textwrap.wrap(words, -(-len(words) // lines))
        if len(wrapped) > text.count("\n") + 1:
            label.set_text("\n".join(wrapped))
            changed = True
    return changed
