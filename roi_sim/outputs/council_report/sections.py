"""The sections of the council report as (kind, content) pieces, one function per section,
and the charts it embeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from roi_sim import __version__
from roi_sim.model.effect_summary import effect_summaries
from roi_sim.model.simulate import RunResult
from roi_sim.outputs import tables
from roi_sim.outputs.council_report.scenario_text import assumption_rows, assumptions, scenario_question
from roi_sim.outputs.council_report.writers import Cell
from roi_sim.outputs.effect_words import guardrail_sentences
from roi_sim.outputs.formats import (
    _any_societal,
    best_sentence,
    comparisons,
    discount_note,
    headline,
    rounding_note,
    spec_of,
    start_year_of,
    to_dict,
    uncertainty_note,
    variants_note,
)
from roi_sim.outputs.formats.sentences import with_present_value
from roi_sim.outputs.language import Language, compact_euro
from roi_sim.outputs.language.scenario_words import key_label, value_words
from roi_sim.scenario.spec import read_yaml

#: Percentiles of the fan chart.
FAN_PERCENTILES = (5, 25, 50, 75, 95)


def chart_text(lang: Language) -> Any:
    from roi_sim.outputs.charts import ChartText

    return ChartText(**{k: lang.t(k) for k in ChartText.__dataclass_fields__})


def make_charts(result: RunResult, lang: Language, fmt: str = "png", processes: int = 1) -> dict[str, bytes]:
    """Fan chart, histogram and strategy comparison (and the ladder's charts), as image bytes;
    drawn in up to ``processes`` processes (the same bytes however many)."""
    from roi_sim.outputs.charts import comparison_chart, fan_chart, histogram

    text = chart_text(lang)

    def money(x: float) -> str:
        return compact_euro(x, lang)

    jobs: list[tuple[str, Callable[[], bytes]]] = []
    if result.monthly_cumulative_net is not None:
        fans = {
            name: dict(zip((f"p{p}" for p in FAN_PERCENTILES), np.percentile(m, FAN_PERCENTILES, axis=1)))
            for name, m in result.monthly_cumulative_net.items()
        }
        jobs.append(("fan", lambda: fan_chart(fans, text, money, fmt)))
    if not result.settings.deterministic:
        nets = {k: v.net_savings for k, v in result.iterations.items()}
        jobs.append(("histogram", lambda: histogram(nets, text, money, fmt)))
    summary = [
        (st.name, st.metrics["net_savings"].mean, st.metrics["net_savings"].p5, st.metrics["net_savings"].p95)
        for st in result.strategies
        if st.metrics["net_savings"] is not None
    ]
    jobs.append(("comparison", lambda: comparison_chart(summary, text, money, fmt)))
    jobs += _occupancy_charts(result, lang, fmt)
    return render_all(jobs, processes)


def render_all(jobs: list[tuple[str, Callable[[], bytes]]], processes: int) -> dict[str, bytes]:
    """Run each drawing job, serially or on forked processes (matplotlib draws on one core;
    the charts of a report are independent): the same bytes either way."""
    from roi_sim.model.forked import fork_map

    return dict(zip((name for name, _ in jobs), fork_map([job for _, job in jobs], processes)))


def _occupancy_charts(result: RunResult, lang: Language, fmt: str) -> list[tuple[str, Callable[[], bytes]]]:
    """DESIGN.md §10: clients per state per year, both arms, for each strategy with states."""
    from roi_sim.outputs.charts.occupancy import occupancy_chart

    out: list[tuple[str, Callable[[], bytes]]] = []
    for i, st in enumerate(to_dict(result)["strategies"]):
        if "occupancy" in st:
            words = {"title": lang.t("ladder_chart_title", name=st["name"]), "with": lang.t("ladder_with"),
                     "without": lang.t("ladder_without"), "year": lang.t("year"), "clients": lang.t("ladder_clients")}
            out.append((f"occupancy-{i + 1}", partial(occupancy_chart, st["occupancy"], words, fmt)))
    return out


Pieces = list[tuple[str, Any]]


def _sections(
    result: RunResult, lang: Language, scenario_text: str, created: dt.datetime, sensitivity: list[Any] | None, processes: int = 1,
) -> Pieces:
    """The report as (kind, content) pieces, shared by the HTML and Markdown writers."""
    doc = to_dict(result)
    return [
        *_opening(result, lang, scenario_text, created),
        *_summary(result, doc, lang),
        *_correction(doc, lang),
        *_stakeholders(doc, lang),
        *_yearly(doc, lang, result.settings.deterministic, None if result.scenario.prices is None else result.scenario.prices.price_year),
        *_charts(result, lang, processes),
        *_comparison(result, lang),
        *_sensitivity(sensitivity, lang),
        *_assumptions(result, scenario_text, lang),
    ]


def _opening(result: RunResult, lang: Language, scenario_text: str, created: dt.datetime) -> Pieces:
    """The title, how the report was made, the question and the answer in short."""
    s = result.settings
    det = s.deterministic
    made = lang.t(
        "made_det" if det else "made",
        date=created.strftime("%Y-%m-%d %H:%M UTC"), version=__version__, sha=result.scenario.sha256,
        seed=s.seed, n=lang.decimal(s.iterations, 0),
    )
    pieces: Pieces = [("title", f"{lang.t('report_title')}: {result.scenario.name}"), ("meta", made)]
    pieces.append(("h2", lang.t("question")))
    pieces.append(("p", scenario_question(scenario_text) or lang.t("default_question")))
    pieces.append(("h2", lang.t("headline")))
    # The answer first, then each strategy's result with what it was corrected for.
    if len(result.strategies) > 1:
        pieces.append(("strong", best_sentence(result, lang)))
    pieces.append(("ul", [f"{st.name}: {headline(st, s.horizon_years, det, lang, spec_of(result, st.name), start_year_of(result))}" for st in result.strategies]))
    # DESIGN.md §9 guardrail: an assumed effect far above the Dutch evidence is said on the
    # first page, beside the answer that rests on it.
    pieces += [("strong", sentence[0].upper() + sentence[1:] + ".") for sentence in guardrail_sentences(effect_summaries(result.scenario), lang.code)]
    notes = [n for n in (rounding_note(result, lang), discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)) if n]
    if notes:
        pieces.append(("p", " ".join(notes)))
    return pieces


def _summary(result: RunResult, doc: dict[str, Any], lang: Language) -> Pieces:
    """Summary table with the JSON figures behind every number (the terminal's rows)."""
    det = result.settings.deterministic
    header = [""] + [st["name"] for st in doc["strategies"]]
    rows: list[list[Cell]] = [
        [Cell(lang.t(r.key))] + [Cell(tables.show(f, lang, interval=not det), f.mean) for f in r.figures]
        for r in tables.summary_rows(doc, _any_societal(result), det)
    ]
    return [("h2", with_present_value(lang.t("summary_title"), result, lang)), ("table", (header, rows))]


#: Stakeholder rows of "who pays, who gains" (issue 14.2), in the JSON's order.
STAKEHOLDERS = ("municipality", "rijk", "uwv", "employer", "client", "society")


def _stakeholders(doc: dict[str, Any], lang: Language) -> Pieces:
    """Who pays, who gains: each stakeholder's mean per strategy; rows the scenario cannot
    value (employer and society without MKBA inputs) are left out."""
    strategies = doc["strategies"]
    if not strategies or "stakeholders" not in strategies[0]:
        return []
    rows = []
    for who in STAKEHOLDERS:
        figures = [st["stakeholders"].get(who) for st in strategies]
        if any(f is None for f in figures):
            continue
        rows.append([Cell(lang.t("who_" + who))] + [Cell(lang.euro(f["mean"]), f["mean"]) for f in figures])
    header = [""] + [st["name"] for st in strategies]
    return [("h2", lang.t("who_pays_title")), ("p", lang.t("who_pays_text")), ("table", (header, rows))]


def _correction(doc: dict[str, Any], lang: Language) -> Pieces:
    """The article's arithmetic beside its correction."""
    pieces: Pieces = [("h2", lang.t("correction")), ("p", lang.t("correction_text"))]
    corr_rows = []
    for st in doc["strategies"]:
        m = st["metrics"]
        gross, cf, inv = m["gross_savings"]["mean"], m["counterfactual_savings"]["mean"], m["investment"]["mean"]
        corr_rows.append([Cell(st["name"]), Cell(lang.euro(inv), inv), Cell(lang.euro(gross), gross), Cell(lang.euro(cf), cf),
                          Cell(lang.euro(st["ledgers"]["fiscal"]["benefit_savings"]["mean"]), st["ledgers"]["fiscal"]["benefit_savings"]["mean"]),
                          Cell(lang.euro(m["net_savings"]["mean"]), m["net_savings"]["mean"])])
    pieces.append(("table", ([lang.t("strategy"), lang.t("investment"), lang.t("gross_savings"), lang.t("counterfactual_savings"),
                              lang.t("savings_net_cf"), lang.t("net_savings")], corr_rows)))
    return pieces


def _yearly(doc: dict[str, Any], lang: Language, det: bool, price_year: int | None = None) -> Pieces:
    """Year-by-year budget tables, with the terminal's Total column; with a price year also
    the budget table per begrotingsjaar (nominal, undiscounted: what a council budgets with)."""
    pieces: Pieces = []
    for st in doc["strategies"]:
        years, yrows = tables.yearly_rows(st)
        head = [lang.t("amounts")] + [lang.t("year_n", n=y) for y in years] + [lang.t("total")]
        pieces.append(("h3", lang.t("yearly_title" if det else "yearly_title_mc", name=st["name"])))
        pieces.append(("table", (head, _cells(yrows, lang))))
        nominal = tables.nominal_rows(st)
        if nominal is not None and price_year is not None:
            budget_years, nrows = nominal
            pieces.append(("h3", lang.t("nominal_title" if det else "nominal_title_mc", name=st["name"], year=price_year)))
            pieces.append(("table", ([lang.t("amounts")] + [str(y) for y in budget_years] + [lang.t("total")], _cells(nrows, lang))))
    return pieces


def _cells(rows: list[Any], lang: Language) -> list[list[Cell]]:
    return [[Cell(lang.t(r.key))] + [Cell(tables.show(f, lang, interval=False) if f.mean is not None else "", f.mean) for f in r.figures] for r in rows]


def _charts(result: RunResult, lang: Language, processes: int = 1) -> Pieces:
    pieces: Pieces = [("h2", lang.t("charts"))]
    for name, data in make_charts(result, lang, processes=processes).items():
        pieces.append(("img", (name, data)))
    return pieces


def _comparison(result: RunResult, lang: Language) -> Pieces:
    """Strategies compared future by future (only with more than one strategy)."""
    pairs = comparisons(result)
    if pairs is None:
        return []
    comp = pairs["fiscal"]
    pair_rows = [
        [Cell(p.a), Cell(p.b), Cell(lang.euro(p.mean_difference), round(p.mean_difference, 2)),
         Cell(lang.t("interval", a=lang.euro(p.p5), b=lang.euro(p.p95))), Cell(lang.percent(p.probability_a_beats_b), p.probability_a_beats_b)]
        for p in comp.pairs
    ]
    pieces: Pieces = [
        ("h2", lang.t("comparison")),
        ("table", (["A", "B", lang.t("pair_diff"), "90%", lang.t("pair_beats")], pair_rows)),
        ("p", lang.t("ranked_fiscal", order=" > ".join(comp.ranking.by_expected_value))),
    ]
    # No societal ranking unless the scenario sets the MKBA's valuation inputs (issue 14.4).
    if _any_societal(result) and pairs.get("societal") is not None:
        pieces.append(("p", lang.t("ranked_societal", order=" > ".join(pairs["societal"].ranking.by_expected_value))))
    return pieces


def _sensitivity(sensitivity: list[Any] | None, lang: Language) -> Pieces:
    """Which assumption matters most (only where some parameter is uncertain)."""
    if not sensitivity or not any(t.bars for t in sensitivity):
        return []
    pieces: Pieces = [("h2", lang.t("sensitivity")), ("p", lang.t("sensitivity_text"))]
    for t in sensitivity:
        if not t.bars:
            continue
        pieces.append(("h3", t.strategy))
        srows = [[Cell(lang.param(b.parameter)), Cell(lang.euro(b.net_at_low), round(b.net_at_low, 2)), Cell(lang.euro(b.net_at_high), round(b.net_at_high, 2)),
                  Cell(lang.euro(b.swing), round(b.swing, 2))] for b in t.bars]
        pieces.append(("table", ([lang.t("parameter"), lang.t("net_at_low"), lang.t("net_at_high"), lang.t("swing")], srows)))
    return pieces


def _assumptions(result: RunResult, scenario_text: str, lang: Language) -> Pieces:
    """Every assumption in words with its source, then the keys themselves in a technical
    annex (the only place a raw key or a value as written appears, for whoever edits the file)."""
    yaml_doc = read_yaml(result.scenario.source, scenario_text)
    rows_ = assumption_rows(yaml_doc, scenario_text)
    written = assumptions(yaml_doc, scenario_text)
    labels = [key_label(path, yaml_doc.data, lang) for path, _, _ in rows_]
    arows = [[Cell(label), Cell(value_words(value, _leaf(path), lang)), Cell(src or lang.t("no_source"))]
             for label, (path, value, src) in zip(labels, rows_)]
    annex = [[Cell(label), Cell(k), Cell(v)] for label, (k, v, _) in zip(labels, written)]
    return [
        ("h2", lang.t("assumptions")),
        ("p", lang.t("assumptions_text")),
        ("table", ([lang.t("parameter"), lang.t("value"), lang.t("source")], arows)),
        ("h2", lang.t("annex")),
        ("p", lang.t("annex_text")),
        ("table", ([lang.t("parameter"), lang.t("key"), lang.t("value_as_written")], annex)),
    ]


def _leaf(path: tuple[Any, ...]) -> str:
    """The key's own name: its last name in the path."""
    return next((p for p in reversed(path) if isinstance(p, str)), "")
