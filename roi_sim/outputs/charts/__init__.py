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

The package is cut by job: :mod:`.style` holds what every chart shares (the print style,
the labels, the figure and its legend, the money axes, the bytes); :mod:`.fan`,
:mod:`.histograms` and :mod:`.comparisons` draw one kind of chart each.
"""

from __future__ import annotations

from roi_sim.outputs.charts.comparisons import comparison_chart
from roi_sim.outputs.charts.fan import PERCENTILES, fan_chart
from roi_sim.outputs.charts.histograms import histogram
from roi_sim.outputs.charts.style import (
    DPI,
    FORMATS,
    HEIGHT_CM,
    LINESTYLES,
    NAME_LINES,
    NAME_WIDTH,
    PALETTE,
    WIDTH_CM,
    ChartText,
    Drawn,
    Money,
    _check_format,
    _style,
    warm_up,
    wrap_name,
)

__all__ = [
    "DPI", "FORMATS", "HEIGHT_CM", "LINESTYLES", "NAME_LINES", "NAME_WIDTH", "PALETTE", "PERCENTILES", "WIDTH_CM",
    "ChartText", "Drawn", "Money", "_check_format", "_style", "comparison_chart", "fan_chart", "histogram", "warm_up", "wrap_name",
]  # fmt: skip
