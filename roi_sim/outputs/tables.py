"""The tables of a run as data, built once and formatted by every renderer (terminal,
Markdown, council report, workbook).

Rows are built from the JSON document (:func:`roi_sim.outputs.formats.to_dict`), so every
figure a renderer shows is the figure ``--format json`` gives for the same seed. A row
carries a language key (its label in :mod:`roi_sim.outputs.language`) and one
:class:`Figure` per strategy; renderers choose how to show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roi_sim.model.metrics import METRIC_NAMES
from roi_sim.outputs.language import Language

#: How a figure is formatted, by metric.
KINDS = {"benefit_cost_ratio": "ratio", "roi": "percent", "extra_clients_off_benefit": "clients"}


@dataclass(frozen=True)
class Figure:
    """One number of a table: the JSON statistics it comes from and how to show it.

    ``kind`` is euro, ratio, percent, clients or month. ``chance`` is a second share shown
    under a payback month (the chance of paying back within the horizon)."""

    kind: str
    mean: float | None
    se: float | None = None
    p5: float | None = None
    p50: float | None = None
    p95: float | None = None
    chance: float | None = None

    @property
    def uncertain(self) -> bool:
        return self.p5 is not None and self.p95 is not None and self.p5 != self.p95


@dataclass(frozen=True)
class Row:
    """A table row: its language key, the JSON name of the figure and one figure per column."""

    key: str
    item: str
    figures: tuple[Figure, ...]


def _figure(kind: str, stat: Mapping[str, Any] | None) -> Figure:
    if stat is None:
        return Figure(kind, None)
    return Figure(kind, stat.get("mean"), stat.get("se"), stat.get("p5"), stat.get("p50"), stat.get("p95"))


def _mean_of(stat: Mapping[str, Any] | None) -> float:
    return 0.0 if stat is None or stat.get("mean") is None else float(stat["mean"])


def summary_rows(doc: Mapping[str, Any], societal: bool, deterministic: bool) -> list[Row]:
    """The summary table: every metric, the subsidies (when paid), the chance of a positive
    net, the payback month and, when the scenario values work (``societal``), the MKBA rows."""
    strategies = doc["strategies"]
    rows = [Row(m, m, tuple(_figure(KINDS.get(m, "euro"), st["metrics"][m]) for st in strategies)) for m in METRIC_NAMES]
    if any(_mean_of(st["ledgers"]["fiscal"]["subsidies"]) != 0 for st in strategies):
        rows.insert(3, Row("subsidies_row", "subsidies", tuple(_figure("euro", st["ledgers"]["fiscal"]["subsidies"]) for st in strategies)))
    rows[rows.index(next(r for r in rows if r.key == "net_savings")) : 0] = _summary_lines(strategies)
    rows.append(Row("decision_positive", "decision.probability_net_positive", tuple(
        Figure("percent", None if st.get("decision") is None else st["decision"]["probability_net_positive"]) for st in strategies
    )))
    rows.append(Row("chance_positive", "probability_net_positive", tuple(Figure("percent", st["probability_net_positive"]) for st in strategies)))
    rows.append(
        Row(
            "payback" if deterministic else "payback_median",
            "payback_months",
            tuple(
                Figure("month", st["payback_months"]["p50"], chance=None if deterministic else st["payback_months"]["probability_within_horizon"])
                for st in strategies
            ),
        )
    )
    if societal:
        led = [st["ledgers"]["societal"] for st in strategies]
        rows.append(Row("societal_work", "value_of_work", tuple(_figure("euro", s["value_of_work"]) for s in led)))
        if any(_mean_of(s["social_value"]) for s in led):
            rows.append(Row("societal_social", "social_value", tuple(_figure("euro", s["social_value"]) for s in led)))
        rows.append(Row("societal_net", "societal_net", tuple(_figure("euro", s["net"]) for s in led)))
    return rows


def _summary_lines(strategies: list[Mapping[str, Any]]) -> list[Row]:
    """Budget lines (issue 14.1) that say more than the rows above: what is kept of the
    savings when not all, the LKS after the BLKS refund, execution saved."""
    rows = []
    for name in ("buig_benefits", "buig_lks", "execution"):
        stats = [(st["ledgers"]["fiscal"].get("lines") or {}).get(name) for st in strategies]
        if name == "buig_benefits":
            shown = [_mean_of(st["ledgers"]["fiscal"]["benefit_savings"]) for st in strategies]
        elif name == "buig_lks":
            shown = [-_mean_of(st["ledgers"]["fiscal"]["subsidies"]) for st in strategies]
        else:
            shown = [0.0 for _ in strategies]
        if all(abs(_mean_of(x) - m) < 0.005 for x, m in zip(stats, shown)):
            continue
        rows.append(Row(f"summary_line_{name}", f"ledgers.fiscal.lines.{name}", tuple(_figure("euro", x) for x in stats)))
    return rows


YEARLY_KEYS = (
    ("yearly_investment", "investment"),
    ("yearly_savings", "savings"),
    ("yearly_subsidies", "subsidies"),
    ("yearly_net", "net"),
    ("yearly_cumulative", "cumulative_net"),
)


#: The fiscal budget lines (issue 14.1) shown in the yearly tables, before the net row, and
#: the row each would only repeat: a line is shown where it says something new.
LINE_KEYS = (
    ("line_buig_benefits", "buig_benefits", "savings"),
    ("line_buig_lks", "buig_lks", "subsidies"),
    ("line_execution", "execution", None),
)


def _line_rows(years: list[Mapping[str, Any]]) -> list[Row]:
    rows = []
    for key, name, shown_as in LINE_KEYS:
        stats = [(y.get("lines") or {}).get(name) for y in years]
        means = [_mean_of(x) for x in stats]
        if not any(means):
            continue
        if shown_as == "savings" and all(abs(m - _mean_of(y["savings"])) < 0.005 for m, y in zip(means, years)):
            continue  # everything kept: the BUIG line is the savings row
        figures = [_figure("euro", x) for x in stats]
        rows.append(Row(key, f"lines.{name}", (*figures, Figure("euro", round(sum(means), 2)))))
    return rows


def _money_rows(years: list[Mapping[str, Any]]) -> list[Row]:
    rows = []
    for key, item in YEARLY_KEYS:
        if item == "net":
            rows += _line_rows(years)
        means = [_mean_of(y[item]) for y in years]
        if item == "subsidies" and not any(means):
            continue
        figures = [_figure("euro", y[item]) for y in years]
        total = Figure("euro", None) if item == "cumulative_net" else Figure("euro", round(sum(means), 2))
        rows.append(Row(key, item, (*figures, total)))
    return rows


def yearly_rows(st: Mapping[str, Any]) -> tuple[list[int], list[Row]]:
    """The year-by-year budget table of one strategy: the years, and rows with one figure
    per year plus a total (none for the cumulative net, whose last year is its total).
    Subsidies appear only when some are paid, a budget line only where it differs from
    the rows above it (the LKS line after the BLKS refund, retention, execution)."""
    years = st["yearly"]
    return [int(y["year"]) for y in years], _money_rows(years)


def nominal_rows(st: Mapping[str, Any]) -> tuple[list[int], list[Row]] | None:
    """The budget table per begrotingsjaar (issue 14.3): nominal, undiscounted amounts with
    the rows of :func:`yearly_rows`; None when the scenario gives no price year."""
    years = [y.get("nominal") for y in st["yearly"]]
    if not years or any(y is None for y in years):
        return None
    return [int(y["budget_year"]) for y in years], _money_rows(years)


def show(fig: Figure, lang: Language, *, interval: bool = True, scale: float = 1.0) -> str:
    """The figure as text; with ``interval`` its 90% interval on a second line.
    ``scale`` divides euros (1000 for a table headed "× €1,000")."""
    text = _one(fig.kind, fig.mean, lang, scale)
    if fig.kind == "month":
        text = lang.t("never") if fig.mean is None else lang.decimal(fig.mean, 0)
        if interval and fig.chance is not None:
            text += "\n" + lang.t("pays_back_in", p=lang.percent(fig.chance))
        return text
    if interval and fig.uncertain:
        text += "\n" + lang.t("interval", a=_one(fig.kind, fig.p5, lang, scale), b=_one(fig.kind, fig.p95, lang, scale))
    return text


def _one(kind: str, x: float | None, lang: Language, scale: float = 1.0) -> str:
    if kind == "ratio":
        return lang.decimal(x, 2)
    if kind == "percent":
        return lang.percent(x)
    if kind in ("clients", "month"):
        return lang.decimal(x, 0)
    if scale != 1.0:
        return lang.decimal(None if x is None else x / scale, 0)
    return lang.euro(x)
