"""The two-way heat map of a two-key grid: mean net savings for each pair of values, one
panel per strategy, blue where the plan pays back and red where it does not."""

from __future__ import annotations

import io
import json
import math
from typing import Any

from roi_sim.outputs.safe_text import printable
from roi_sim.scenario.message_text import Msg
from roi_sim.sweep.runner import RowOutcome

_WORDS = {
    "en": {"title": "Mean net savings (EUR) by {a} and {b}", "bar": "mean net savings, EUR", "failed": "failed"},
    "nl": {"title": "Gemiddelde netto besparing (EUR) naar {a} en {b}", "bar": "gemiddelde netto besparing, EUR", "failed": "mislukt"},
}


def grid_keys(outcomes: list[RowOutcome]) -> tuple[str, str]:
    """The two keys of a two-key grid; ValueError for any other sweep."""
    keys = {tuple(o.overrides) for o in outcomes}
    if len(keys) != 1 or len(next(iter(keys))) != 2:
        raise ValueError(Msg("--plot draws a two-way table: it needs a grid of exactly two keys (every row setting the same two)"))
    a, b = next(iter(keys))
    return a, b


def _label(value: Any) -> str:
    return json.dumps(value, separators=(",", ":")) if isinstance(value, (dict, list)) else f"{value:g}" if isinstance(value, float) else str(value)


def _cell_text(x: float) -> str:
    if math.isnan(x):
        return ""
    if abs(x) >= 1e6:
        return f"{x / 1e6:.1f}m"
    return f"{x / 1e3:.0f}k"


def heat_map(outcomes: list[RowOutcome], fmt: str = "png", lang: str = "en", figure: str = "net_savings") -> bytes:
    """PNG or SVG bytes of the heat map. Raises ValueError when the sweep is no 2-key grid."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import TwoSlopeNorm

    a, b = grid_keys(outcomes)
    ys = list(dict.fromkeys(json.dumps(o.overrides[a], sort_keys=True) for o in outcomes))
    xs = list(dict.fromkeys(json.dumps(o.overrides[b], sort_keys=True) for o in outcomes))
    names: list[str] = []
    cells: dict[tuple[str, int, int], float] = {}
    for o in outcomes:
        if o.json_text is None:
            continue
        i, j = ys.index(json.dumps(o.overrides[a], sort_keys=True)), xs.index(json.dumps(o.overrides[b], sort_keys=True))
        for st in json.loads(o.json_text)["strategies"]:
            if st["name"] not in names:
                names.append(st["name"])
            value = st["metrics"][figure]
            cells[(st["name"], i, j)] = math.nan if value is None else value["mean"]
    if not names:
        raise ValueError(Msg("--plot: every row failed; there is nothing to draw"))
    words = _WORDS.get(lang, _WORDS["en"])
    fig, axes = plt.subplots(1, len(names), figsize=(2.0 + (1.0 * len(xs) + 0.8) * len(names), 1.8 + 0.6 * len(ys)), squeeze=False, sharey=True)
    grids = [np.array([[cells.get((n, i, j), math.nan) for j in range(len(xs))] for i in range(len(ys))]) for n in names]
    finite = np.concatenate([g[np.isfinite(g)] for g in grids]) if grids else np.array([0.0])
    span = float(max(abs(finite.min()), abs(finite.max()), 1.0)) if finite.size else 1.0
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-span, vmax=span)
    image = None
    for k, (ax, name, grid) in enumerate(zip(axes[0], names, grids)):
        image = ax.imshow(grid, cmap="RdBu", norm=norm, aspect="auto", origin="lower")
        for i in range(len(ys)):
            for j in range(len(xs)):
                dark = abs(grid[i, j]) > 0.6 * span if math.isfinite(grid[i, j]) else False
                ax.text(j, i, _cell_text(grid[i, j]) or words["failed"], ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
        ax.set_xticks(range(len(xs)), [_label(json.loads(x)) for x in xs], rotation=30, ha="right")
        ax.set_yticks(range(len(ys)), [_label(json.loads(y)) for y in ys])
        ax.set_xlabel(b)
        if k == 0:
            ax.set_ylabel(a)
        ax.set_title(printable(name), fontsize=9)  # a strategy name from the scenario (issue 16.10)
    fig.suptitle(words["title"].format(a=a, b=b), fontsize=10, y=1.04)
    fig.colorbar(image, ax=list(axes[0]), label=words["bar"])  # type: ignore[arg-type]
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata={"Software": None} if fmt == "png" else {"Date": None})
    plt.close(fig)
    return buffer.getvalue()
