"""Rendering a finished run: JSON (the public contract of DESIGN.md §4), rich tables,
markdown and CSV. Pure functions from a :class:`RunResult` to text (or to a rich renderable)."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from roi_sim import __version__
from roi_sim.decisions.compare import Comparison, compare_paired, comparison_to_dict
from roi_sim.model.metrics import LEDGERS, METRIC_NAMES, DecisionSummary, StrategySummary, Summary
from roi_sim.model.simulate import RunResult
from roi_sim.outputs import tables
from roi_sim.outputs.language import ENGLISH, Language

SCHEMA_VERSION = 2
FORMATS = ("table", "json", "markdown", "csv")

# Output precision: euros to the cent, ratios and probabilities to 6 decimals, clients to
# 4 decimals. Finer digits are float noise far below the Monte Carlo error.
_MONEY = {"investment", "gross_savings", "counterfactual_savings", "net_savings", "savings", "net", "cumulative_net"}
_DIGITS = {"benefit_cost_ratio": 6, "roi": 6, "extra_clients_off_benefit": 4}



def _round(x: float | None, digits: int) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    value = round(x, digits)
    return 0.0 if value == 0 else value  # no "-0.0" in the output


def _stat(s: Summary | None, digits: int) -> dict[str, float | None] | None:
    if s is None:
        return None
    return {k: _round(v, digits) for k, v in s.as_dict().items()}


def _decision_values(runs: dict[str, Any], field: str) -> dict[str, Any] | None:
    values = {k: getattr(v, field) for k, v in runs.items()}
    return None if any(v is None for v in values.values()) else values


def _decision(d: DecisionSummary | None, deterministic: bool) -> dict[str, Any] | None:
    """DESIGN.md §7: E[net | θ] over parameter draws and P(E[net | θ] > 0); no probability
    from a single evaluation at the means (deterministic mode)."""
    if d is None:
        return None
    return {
        "expected_net": _stat(d.expected_net, 2),
        "probability_net_positive": None if deterministic else _round(d.probability_net_positive, 6),
    }


def _variant_dict(name: str, st: StrategySummary, deterministic: bool) -> dict[str, Any]:
    """One belief's figures for a strategy (DESIGN.md §8): never ranked, never compared."""
    return {
        "variant": name,
        "metrics": {m: _stat(st.metrics[m], _DIGITS.get(m, 2)) for m in METRIC_NAMES},
        "probability_net_positive": _chance(st.probability_net_positive, deterministic),
        "decision": _decision(st.decision, deterministic),
    }


def _no_chances(comparison: dict[str, Any]) -> dict[str, Any]:
    """A deterministic run compares one evaluation per strategy: no chance applies (null)."""
    for pair in comparison["pairs"]:
        pair["probability_a_beats_b"] = None
        pair["decision_probability_a_beats_b"] = None
    return comparison


def draws_used(result: RunResult) -> dict[str, Any] | None:
    """How strategies' own distributions were drawn (DESIGN.md §7, 'paired where the world is
    shared'): None when no strategy or group sets its own uncertain parameter."""
    own: dict[str, list[str]] = {}
    for spec in result.scenario.strategies:
        names = sorted({k for part in spec.parts for k, src in part.sources.items()
                        if src in ("strategy", "group") and part.params[k].dist != "fixed"})
        if names:
            own[spec.name] = names
    if not own:
        return None
    independent = {s.name: list(s.independent_draws) for s in result.scenario.strategies if s.independent_draws}
    return {"own_distributions": own, "same_quantile": True, "independent": independent}


def _variant_settings(result: RunResult) -> list[dict[str, Any]]:
    variants = result.scenario.variants
    total = sum(v.weight for v in variants)
    return [{"name": v.name, "weight": _round(v.weight / total, 6), "weight_given": v.weight_given} for v in variants]


def _chance(p: float, deterministic: bool) -> float | None:
    # One evaluation at the means has no chance attached: not applicable (null).
    return None if deterministic else _round(p, 6)


def comparisons(result: RunResult) -> dict[str, Comparison] | None:
    """Paired comparisons of the strategies in both ledgers (None for a single strategy)."""
    if len(result.strategies) < 2:
        return None
    runs = result.iterations
    return {
        "fiscal": compare_paired(
            {k: v.net_savings for k, v in runs.items()}, "net_savings", _decision_values(runs, "expected_net")
        ),
        "societal": compare_paired(
            {k: v.societal_net for k, v in runs.items()}, "societal_net", _decision_values(runs, "expected_societal_net")
        ),
    }


def to_dict(result: RunResult) -> dict[str, Any]:
    """The JSON document of DESIGN.md §4 as plain Python data, plus the documented
    extensions (``ledgers`` per strategy, ``subsidies`` per year, top-level ``comparisons``)."""
    settings = result.settings
    strategies = []
    for st in result.strategies:
        metrics = {m: _stat(st.metrics[m], _DIGITS.get(m, 2)) for m in METRIC_NAMES}
        yearly = [
            {
                "year": y.year,
                "investment": _stat(y.investment, 2),
                "savings": _stat(y.savings, 2),
                "net": _stat(y.net, 2),
                "cumulative_net": _stat(y.cumulative_net, 2),
                "subsidies": _stat(y.subsidies, 2),
            }
            for y in st.yearly
        ]
        ledgers = {
            ledger: {item: _stat(st.ledgers[ledger][item], 2) for item in items} for ledger, items in LEDGERS.items()
        }
        det = settings.deterministic
        ledgers["fiscal"]["probability_net_positive"] = _chance(st.probability_net_positive, det)  # type: ignore[assignment]
        ledgers["societal"]["probability_net_positive"] = _chance(st.probability_societal_net_positive, det)  # type: ignore[assignment]
        ledgers["fiscal"]["decision"] = _decision(st.decision, det)
        ledgers["societal"]["decision"] = _decision(st.societal_decision, det)
        strategies.append(
            {
                "name": st.name,
                "metrics": metrics,
                "probability_net_positive": _chance(st.probability_net_positive, det),
                "payback_months": {
                    "p50": st.payback.p50,
                    "probability_within_horizon": _chance(st.payback.probability_within_horizon, det),
                },
                "decision": _decision(st.decision, det),
                **({"by_variant": [_variant_dict(name, own, det) for name, own in st.by_variant]} if st.by_variant else {}),
                "yearly": yearly,
                "ledgers": ledgers,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "roi-sim", "version": __version__},
        "scenario": {"name": result.scenario.name, "sha256": result.scenario.sha256},
        "settings": {
            "iterations": settings.iterations,
            "seed": settings.seed,
            "deterministic": settings.deterministic,
            "horizon_years": settings.horizon_years,
            "discount_rate": settings.discount_rate,
            **({"variants": _variant_settings(result)} if result.scenario.variants else {}),
            **({"draws": draws} if (draws := draws_used(result)) else {}),
        },
        "strategies": strategies,
        "comparisons": None if (pairs := comparisons(result)) is None else {
            k: _no_chances(comparison_to_dict(c)) if settings.deterministic else comparison_to_dict(c) for k, c in pairs.items()
        },
    }


def to_json(result: RunResult) -> str:
    """JSON text (stable key order, no timestamps: the same run gives the same bytes)."""
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- formatting


def euro(x: float | None, lang: Language = ENGLISH) -> str:
    """``€1,234,568`` (whole euros), ``-€54,000`` for negatives, ``–`` for no value."""
    return lang.euro(x)


def ratio(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.decimal(x, 2)


def percent(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.percent(x)


def clients(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.decimal(x, 0)


def _fmt_metric(name: str, x: float | None, lang: Language) -> str:
    if name == "benefit_cost_ratio":
        return ratio(x, lang)
    if name == "roi":
        return percent(x, lang)
    if name == "extra_clients_off_benefit":
        return clients(x, lang)
    return lang.euro(x)


def _interval(name: str, s: Summary | None, lang: Language) -> str:
    if s is None or s.p5 == s.p95:
        return ""
    return lang.t("interval", a=_fmt_metric(name, s.p5, lang), b=_fmt_metric(name, s.p95, lang))


def _part_mean(spec: Any, key: str) -> float | None:
    """The mean of ``key`` over a strategy's parts when they agree, else the largest."""
    means = [part.params[key].mean() for part in spec.parts if key in part.params]
    return max(means) if means else None


def caveats(spec: Any, lang: Language = ENGLISH) -> list[str]:
    """What the strategy's figures were and were not corrected for, from what its scenario
    contains: the counterfactual (baseline outflow), relapse and wage-cost subsidies."""
    out = []
    if not (_part_mean(spec, "baseline_outflow_rate") or 0) > 0:
        out.append(lang.t("no_counterfactual"))
    models = {part.relapse_model for part in spec.parts}
    if models == {"levelling"}:
        out.append(lang.t("relapse_levelling", a=lang.percent(_part_mean(spec, "relapse_within_12_months")), b=lang.percent(_part_mean(spec, "relapse_ever"))))
    elif models == {"fixed"}:
        out.append(lang.t("relapse_fixed", y=lang.decimal(_part_mean(spec, "time_out_of_benefits_years"), 1)))
    elif models == {"exponential"}:
        out.append(lang.t("relapse_exponential", y=lang.decimal(_part_mean(spec, "time_out_of_benefits_years"), 1)))
    out.append(lang.t("subsidies_deducted" if (_part_mean(spec, "subsidised_share") or 0) > 0 else "no_subsidies"))
    return out


def headline(st: StrategySummary, horizon_years: int, deterministic: bool, lang: Language = ENGLISH, spec: Any = None) -> str:
    """The strategy's result in a council member's words. With the strategy's ``spec``
    the sentences say only what the scenario supports (a return "beyond what would have
    happened anyway" only when a counterfactual was modelled) and what was left out."""
    bcr = st.metrics["benefit_cost_ratio"]
    net = st.metrics["net_savings"]
    counterfactual = spec is None or (_part_mean(spec, "baseline_outflow_rate") or 0) > 0
    parts = []
    if bcr is None:
        parts.append(lang.t("no_investment"))
    else:
        line = lang.t("returns" if counterfactual else "returns_gross", x=lang.euro_cents(bcr.mean))
        if not deterministic and bcr.p5 != bcr.p95:
            line += lang.t("returns_interval", a=lang.euro_cents(bcr.p5), b=lang.euro_cents(bcr.p95))
        parts.append(line + ".")
        if bcr.mean < 0:
            parts.append(lang.t("negative_ratio"))
    if net is not None:
        shown = abs(net.mean) if deterministic else mc_round(abs(net.mean), net.se)
        parts.append(lang.t("gains" if net.mean >= 0 else "loses", h=horizon_years, x=lang.euro(shown)))
    if deterministic:
        parts.append(lang.t("earns_back" if st.probability_net_positive > 0 else "not_earns_back"))
    else:
        parts.append(lang.t("chance_back", p=lang.percent(st.probability_net_positive), h=horizon_years))
    if st.payback.p50 is not None:
        parts.append(lang.t("break_even" if deterministic else "break_even_median", m=st.payback.p50))
    if spec is not None:
        parts += caveats(spec, lang)
    return " ".join(parts)


def mc_round(x: float, se: float | None) -> float:
    """``x`` rounded to what a Monte Carlo standard error ``se`` supports: to the power of
    ten at or below the error (SE €49,299 -> tens of thousands). Exact euros stay in the
    JSON, the tables and the workbook."""
    if se is None or not math.isfinite(se) or se <= 0:
        return x
    step = 10 ** math.floor(math.log10(se))
    return round(x / step) * step


def uncertainty_note(result: RunResult, lang: Language = ENGLISH) -> str:
    """Which chance is which (DESIGN.md §7): the decision apart from the budget risk."""
    return lang.t("deterministic_note" if result.settings.deterministic else "uncertainty_note")


def variants_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The rival beliefs the figures average over, with their weights (DESIGN.md §8)."""
    variants = result.scenario.variants
    if not variants:
        return None
    total = sum(v.weight for v in variants)
    listed = "; ".join(f"{v.name} ({lang.percent(v.weight / total)})" for v in variants)
    key = "variants_note" if variants[0].weight_given else "variants_note_equal"
    return lang.t(key, n=len(variants), listed=listed)


def rounding_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The sentence saying headline amounts are rounded (None for a deterministic run)."""
    if result.settings.deterministic:
        return None
    ses = [st.metrics["net_savings"].se for st in result.strategies if st.metrics["net_savings"] is not None]
    return lang.t("rounded_note", se=lang.euro(max(ses))) if ses else None


def discount_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The sentence saying amounts are discounted (None when they are not)."""
    rate = result.settings.discount_rate
    if isinstance(rate, (int, float)) and rate == 0:
        return None
    text = lang.number(100 * rate) + "%" if isinstance(rate, (int, float)) else lang.t("uncertain")
    return lang.t("discounted_note", r=text)


def spec_of(result: RunResult, name: str) -> Any:
    """The scenario's strategy called ``name`` (None when absent, and with variants, whose
    beliefs differ in what a sentence about the strategy would describe)."""
    if result.scenario.variants:
        return None
    return next((s for s in result.scenario.strategies if s.name == name), None)


def _rounded(s: Summary | None, result: RunResult) -> float | None:
    if s is None:
        return None
    return s.mean if result.settings.deterministic else mc_round(s.mean, s.se)


def best_sentence(result: RunResult, lang: Language = ENGLISH) -> str:
    """Which strategy is best for the municipality and which for society: by E[net | θ], the
    decision figure (DESIGN.md §7), and how sure that is over the parameter draws."""

    def mean(s: Summary | None) -> float:
        return -math.inf if s is None else s.mean

    def decided(st: StrategySummary, ledger: str) -> float:
        d = st.decision if ledger == "fiscal" else st.societal_decision
        if d is not None:
            return d.expected_net.mean
        return mean(st.metrics["net_savings"] if ledger == "fiscal" else st.ledgers["societal"]["net"])

    fiscal = max(result.strategies, key=lambda st: decided(st, "fiscal"))
    societal = max(result.strategies, key=lambda st: decided(st, "societal"))
    text = lang.t(
        "best",
        a=fiscal.name, x=lang.euro(_rounded(fiscal.metrics["net_savings"], result)),
        b=societal.name, y=lang.euro(_rounded(societal.ledgers["societal"]["net"], result)),
    )
    if not _any_societal(result):
        # The scenario says nothing about the value of the work: leave society out.
        text = text.split(". ")[0] + "."
    pairs = comparisons(result)
    if pairs is not None and not result.settings.deterministic:
        # How sure: the least share of parameter draws under which the best is expected to
        # beat one of the others (the decision, not this cohort's luck).
        shares = [
            p.decision_probability_a_beats_b if p.a == fiscal.name else 1 - p.decision_probability_a_beats_b
            for p in pairs["fiscal"].pairs if fiscal.name in (p.a, p.b) and p.decision_probability_a_beats_b is not None
        ]
        if shares:
            sure = min(shares)
            text += " " + lang.t("best_sure" if sure >= 0.9 else "best_unsure", p=lang.percent(sure), a=fiscal.name)
    return text


def euro_cents(x: float) -> str:
    return ENGLISH.euro_cents(x)


def _settings_line(result: RunResult, lang: Language = ENGLISH) -> str:
    s = result.settings
    rate = s.discount_rate
    rate_text = lang.percent(rate) if isinstance(rate, float) and (100 * rate).is_integer() else (
        f"{100 * rate:g}%".replace(".", "," if lang.code == "nl" else ".") if isinstance(rate, float) else lang.t("uncertain")
    )
    mode = lang.t("settings_det") if s.deterministic else lang.t("settings_mc", n=lang.decimal(s.iterations, 0), seed=s.seed)
    return f"{mode} · " + lang.t("settings_rest", h=s.horizon_years, r=rate_text, version=__version__, sha=result.scenario.sha256)


def _summary_rows(result: RunResult, lang: Language = ENGLISH, doc: dict[str, Any] | None = None) -> list[tuple[str, list[str]]]:
    det = result.settings.deterministic
    rows = tables.summary_rows(doc or to_dict(result), _any_societal(result), det)
    return [(lang.t(r.key), [tables.show(f, lang, interval=not det) for f in r.figures]) for r in rows]


_ZERO = Summary(0.0, 0.0, 0.0, 0.0, 0.0)


def _any_subsidies(result: RunResult) -> bool:
    return any((st.ledgers["fiscal"]["subsidies"] or _ZERO).mean != 0 for st in result.strategies)


def _any_societal(result: RunResult) -> bool:
    """Show the societal ledger when the scenario says something about it (wage value,
    social value or subsidised work differ from the defaults)."""
    for spec in result.scenario.strategies:
        for part in spec.parts:
            for key in ("wage_value", "social_value_per_participant_year", "subsidised_share"):
                dist = part.params.get(key)
                if dist is not None and part.sources.get(key) != "fixed":
                    return True
    return False


def _yearly_rows(st: StrategySummary | dict[str, Any], lang: Language = ENGLISH, scale: float = 1.0) -> tuple[list[str], list[tuple[str, list[str]]]]:
    data = st if isinstance(st, dict) else _strategy_doc(st)
    years, rows = tables.yearly_rows(data)
    columns = [lang.t("year_n", n=y) for y in years] + [lang.t("total")]
    return columns, [(lang.t(r.key), [tables.show(f, lang, interval=False, scale=scale) if f.mean is not None else "" for f in r.figures]) for r in rows]


def _strategy_doc(st: StrategySummary) -> dict[str, Any]:
    """The yearly part of a strategy's JSON (for callers holding a StrategySummary)."""
    return {"yearly": [{"year": y.year, **{k: _stat(getattr(y, k), 2) for k in ("investment", "savings", "net", "cumulative_net", "subsidies")}} for y in st.yearly]}


def terminal_width() -> int:
    """The width rich tables are fitted to: the terminal's (rich reads ``COLUMNS`` and the
    tty), else 120 for a pipe or a file."""
    import sys

    from rich.console import Console

    return Console().width if sys.stdout.isatty() else 120


def _table(title: str | None, first: str, columns: list[str], rows: list[tuple[str, list[str]]], lines: bool = False) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", show_lines=lines)
    # Labels and headers may wrap between words; amounts are single words, so a table
    # whose minimum width fits never cuts one (checked in _fits).
    table.add_column(first, style="bold", overflow="fold")
    for c in columns:
        table.add_column(c, justify="right", overflow="fold")
    for label, cells in rows:
        table.add_row(label, *cells)
    return table


def _fits(table: Any, width: int) -> bool:
    from rich.console import Console

    # Measured on a wide console: a measurement is clamped to the console's width.
    console = Console(width=10_000, color_system=None, file=io.StringIO())
    return console.measure(table).minimum <= width


def fitted_tables(
    title: str | None, first: str, columns: list[str], make_rows: Any, width: int, scaled_title: str | None = None, lines: bool = False,
) -> list[Any]:
    """A table fitted to ``width`` columns without cutting an amount: as it is; else in
    thousands of euros (``scaled_title``, when given); else with its columns split into
    blocks, each a table of its own under the same labels. ``make_rows(scale)`` gives the
    rows with euros divided by ``scale``."""
    attempts = [(1.0, title)] + ([(1000.0, scaled_title)] if scaled_title is not None else [])
    for scale, heading in attempts:
        table = _table(heading, first, columns, make_rows(scale), lines)
        if _fits(table, width):
            return [table]
    scale, heading = attempts[-1]
    rows = make_rows(scale)
    blocks: list[Any] = []
    start = 0
    while start < len(columns):
        stop = start + 1
        while stop < len(columns) and _fits(_block(None, first, columns, rows, start, stop + 1, lines), width):
            stop += 1
        blocks.append(_block(heading if start == 0 else None, first, columns, rows, start, stop, lines))
        start = stop
    return blocks


def _block(title: str | None, first: str, columns: list[str], rows: list[tuple[str, list[str]]], a: int, b: int, lines: bool) -> Any:
    return _table(title, first, columns[a:b], [(label, cells[a:b]) for label, cells in rows], lines)


def render_tables(result: RunResult, lang: Language = ENGLISH, width: int | None = None) -> list[Any]:
    """Rich renderables for the terminal: a summary per strategy and yearly budget tables,
    fitted to ``width`` columns (default: the terminal's) without cutting an amount."""
    from rich.text import Text

    width = width or terminal_width()
    det = result.settings.deterministic
    doc = to_dict(result)
    out: list[Any] = [Text(result.scenario.name, style="bold"), Text(_settings_line(result, lang), style="dim")]
    summary = _summary_rows(result, lang, doc)
    names = [st.name for st in result.strategies]
    out += fitted_tables(lang.t("summary_title" if det else "summary_title_mc"), "", names, lambda _s: summary, width, lines=not det)
    for note in (discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)):
        if note:
            out.append(Text(note, style="dim"))
    for st in result.strategies:
        out.append(Text("• " + st.name + ": " + headline(st, result.settings.horizon_years, det, lang, spec_of(result, st.name))))
    if (note := rounding_note(result, lang)) is not None:
        out.append(Text(note, style="dim"))
    if len(result.strategies) > 1:
        out.append(Text(best_sentence(result, lang), style="bold"))
    for st, data in zip(result.strategies, doc["strategies"]):
        columns, _ = _yearly_rows(data, lang)
        title = lang.t("yearly_title" if det else "yearly_title_mc", name=st.name)
        out += fitted_tables(
            title, lang.t("amounts"), columns, lambda scale, d=data: _yearly_rows(d, lang, scale)[1], width,
            scaled_title=title + " — " + lang.t("thousands"),
        )
    return out


def renderables_to_text(items: list[Any], width: int = 120) -> str:
    """Rich renderables as plain text (for ``--output report.txt``)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    for item in items:
        console.print(item)
    return buf.getvalue()


def to_text(result: RunResult, width: int = 120, lang: Language = ENGLISH) -> str:
    """The tables as plain text (for ``--output report.txt``)."""
    return renderables_to_text(render_tables(result, lang), width)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def to_markdown(result: RunResult, lang: Language = ENGLISH, heading_level: int = 1) -> str:
    """The tables as GitHub-flavoured markdown."""
    det = result.settings.deterministic
    h1, h2 = "#" * heading_level, "#" * (heading_level + 1)
    parts = [f"{h1} {result.scenario.name}", "", f"_{_settings_line(result, lang)}_", "", f"{h2} {lang.t('summary_title')}", ""]
    if not det:
        parts += [lang.t("summary_note_mc"), ""]
    rows = [[label, *cells] for label, cells in _summary_rows(result, lang)]
    parts += [_md_table(["", *[st.name for st in result.strategies]], rows), ""]
    for st in result.strategies:
        parts += [f"- **{st.name}**: {headline(st, result.settings.horizon_years, det, lang, spec_of(result, st.name))}"]
    notes = [n for n in (rounding_note(result, lang), discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)) if n]
    if notes:
        parts += ["", "_" + " ".join(notes) + "_"]
    if len(result.strategies) > 1:
        parts += ["", f"**{best_sentence(result, lang)}**"]
    parts.append("")
    for st in to_dict(result)["strategies"]:
        columns, yrows = _yearly_rows(st, lang)
        parts += [f"{h2} {lang.t('yearly_title', name=st['name'])}", "", _md_table([lang.t("amounts"), *columns], [[label, *cells] for label, cells in yrows]), ""]
    return "\n".join(parts)


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _csv_decision(writer: Any, name: str, section: str, decision: dict[str, Any] | None) -> None:
    """E[net | θ] and P(E[net | θ] > 0): the decision figures (not this cohort's luck)."""
    if decision is None:
        return
    s = decision["expected_net"]
    writer.writerow([name, section, "expected_net", "", *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
    writer.writerow([name, section, "probability_net_positive", "", _blank(decision["probability_net_positive"]), "", "", "", ""])


class _DutchWriter:
    """A csv writer for Dutch Excel: ``;`` between fields and a decimal comma in numbers."""

    def __init__(self, buf: io.StringIO) -> None:
        self._writer = csv.writer(buf, delimiter=";", lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in row])


def to_csv(result: RunResult, lang: Language = ENGLISH) -> str:
    """A long table, one figure per row, for spreadsheets (pivot on strategy and item).

    English: ``,`` between fields and a decimal point. Dutch (``--lang nl``), for Dutch
    Excel: ``;`` between fields, a decimal comma and a UTF-8 byte-order mark so that € and
    ë survive opening the file by double-click. Keys and names stay as in the JSON."""
    buf = io.StringIO()
    writer: Any = csv.writer(buf, lineterminator="\n")
    if lang.code == "nl":
        buf.write("\ufeff")
        writer = _DutchWriter(buf)
    writer.writerow(["strategy", "section", "item", "year", "mean", "se", "p5", "p50", "p95"])
    data = to_dict(result)
    # Provenance first (the long format carries it as rows): tool, scenario, seed, iterations.
    for item, value in (
        ("tool", f"roi-sim {__version__}"), ("scenario_name", data["scenario"]["name"]), ("scenario_sha256", data["scenario"]["sha256"]),
        ("seed", data["settings"]["seed"]), ("iterations", data["settings"]["iterations"]), ("deterministic", data["settings"]["deterministic"]),
    ):
        writer.writerow(["", "provenance", item, "", value, "", "", "", ""])
    for st in data["strategies"]:
        for m, s in st["metrics"].items():
            row = [s[k] for k in ("mean", "se", "p5", "p50", "p95")] if s else [""] * 5
            writer.writerow([st["name"], "metric", m, "", *["" if v is None else v for v in row]])
        writer.writerow([st["name"], "probability", "net_positive", "", _blank(st["probability_net_positive"]), "", "", "", ""])
        pb = st["payback_months"]
        writer.writerow([st["name"], "payback", "months_p50", "", "", "", "", "" if pb["p50"] is None else pb["p50"], ""])
        writer.writerow([st["name"], "probability", "payback_within_horizon", "", _blank(pb["probability_within_horizon"]), "", "", "", ""])
        for ledger, items in st["ledgers"].items():
            for item, s in items.items():
                if item == "decision":
                    _csv_decision(writer, st["name"], f"{ledger}_decision", s)
                elif isinstance(s, dict):
                    writer.writerow([st["name"], f"{ledger}_ledger", item, "", *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
                else:
                    writer.writerow([st["name"], f"{ledger}_ledger", item, "", "" if s is None else s, "", "", "", ""])
        for y in st["yearly"]:
            for item in ("investment", "savings", "subsidies", "net", "cumulative_net"):
                s = y[item]
                writer.writerow([st["name"], "yearly", item, y["year"], *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
    return buf.getvalue()


def render(result: RunResult, fmt: str, lang: Language = ENGLISH) -> str:
    """The run in one of :data:`FORMATS` as text (JSON is language-neutral)."""
    if fmt == "json":
        return to_json(result)
    if fmt == "markdown":
        return to_markdown(result, lang)
    if fmt == "csv":
        return to_csv(result, lang)
    if fmt == "table":
        return to_text(result, lang=lang)
    raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- compare


LEDGER_LABELS = {
    "fiscal": "net savings for the municipality (fiscal)",
    "societal": "societal net (MKBA)",
}


def render_comparison_tables(result: RunResult) -> list[Any]:
    """Rich renderables for `roi-sim compare`: every pair in both ledgers, and the rankings."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    pairs = comparisons(result)
    out: list[Any] = [Text(result.scenario.name, style="bold"), Text(_settings_line(result), style="dim")]
    if (sentence := draws_sentence(result)) is not None:
        out.append(Text(sentence))
    if pairs is None:
        out.append(Text("Only one strategy: nothing to compare. Add strategies to the scenario."))
        return out
    for ledger, comp in pairs.items():
        table = Table(
            title=f"A against B, iteration by iteration: {LEDGER_LABELS[ledger]}", box=box.SIMPLE_HEAVY, title_justify="left"
        )
        columns = (("A", "left"), ("B", "left"), ("A − B (mean)", "right"), ("90% interval", "right"),
                   ("A expected to beat B (assumptions)", "right"), ("A beats B (incl. the cohort's luck)", "right"))
        for col, justify in columns:
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for p in comp.pairs:
            table.add_row(p.a, p.b, euro(p.mean_difference), f"{euro(p.p5)} to {euro(p.p95)}",
                          percent(p.decision_probability_a_beats_b), percent(p.probability_a_beats_b))
        out.append(table)
        out.append(Text(ranking_sentence(ledger, comp)))
    return out


def ranking_sentence(ledger: str, comp: Comparison) -> str:
    """The rankings in words."""
    by_value = " > ".join(comp.ranking.by_expected_value)
    by_prob = " > ".join(comp.ranking.by_probability_positive)
    what = "net savings" if ledger == "fiscal" else "societal net"
    return f"Ranked by expected {what}: {by_value}.\nRanked by chance of a positive {what}: {by_prob}."


def comparison_to_json(result: RunResult) -> str:
    """`roi-sim compare --format json`: provenance as in §4, then the comparisons."""
    doc = to_dict(result)
    return json.dumps({k: doc[k] for k in ("schema_version", "tool", "scenario", "settings", "comparisons")}, indent=2, ensure_ascii=False) + "\n"


def draws_sentence(result: RunResult) -> str | None:
    """Which draws a comparison rests on, in words."""
    draws = draws_used(result)
    if draws is None:
        return None
    own = "; ".join(f"{name}: {', '.join(params)}" for name, params in draws["own_distributions"].items())
    text = f"Strategies with their own distributions ({own}) draw them at the same quantile as the others (paired)"
    if draws["independent"]:
        text += "; drawn independently as the scenario asks: " + "; ".join(
            f"{name}: {', '.join(params)}" for name, params in draws["independent"].items()
        )
    return text + "."


def comparison_to_markdown(result: RunResult) -> str:
    """`roi-sim compare --format markdown`."""
    parts = [f"# {result.scenario.name}: strategies compared", "", f"_{_settings_line(result)}_", ""]
    if (sentence := draws_sentence(result)) is not None:
        parts += [sentence, ""]
    pairs = comparisons(result)
    if pairs is None:
        return "\n".join(parts + ["Only one strategy: nothing to compare.", ""])
    for ledger, comp in pairs.items():
        rows = [
            [p.a, p.b, euro(p.mean_difference), f"{euro(p.p5)} to {euro(p.p95)}", percent(p.decision_probability_a_beats_b),
             percent(p.probability_a_beats_b)]
            for p in comp.pairs
        ]
        header = ["A", "B", "A − B (mean)", "90% interval", "A expected to beat B (assumptions)", "A beats B (incl. the cohort's luck)"]
        parts += [f"## {LEDGER_LABELS[ledger].capitalize()}", "", _md_table(header, rows), ""]
        parts += [ranking_sentence(ledger, comp).replace("\n", "  \n"), ""]
    return "\n".join(parts)


# --------------------------------------------------------------------------- allocate


def _allocation_dict(a: Any) -> dict[str, Any]:
    return {
        "budget": _round(a.budget, 2),
        "clients_per_year": {k: _round(v, 4) for k, v in a.clients.items()},
        "spent": _round(a.spent, 2),
        "expected_return": _round(a.expected_return, 2),
    }


def allocation_to_json(scenario: Any, settings: dict[str, Any], priced: list[Any], best: Any, frontier: Any) -> str:
    """`roi-sim allocate --format json`."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "roi-sim", "version": __version__},
        "scenario": {"name": scenario.name, "sha256": scenario.sha256},
        "settings": settings,
        "groups": [
            {
                "name": p.option.name,
                "cost_per_client": _round(p.option.cost_per_client, 2),
                "return_per_client": _round(p.option.return_per_client, 2),
                "clients_available_per_year": None if p.clients_available is None else _round(p.option.cap, 4),
                "fixed_cost_per_year": _round(p.option.fixed_cost, 2),
            }
            for p in priced
        ],
        "allocation": _allocation_dict(best),
        "frontier": [_allocation_dict(a) for a in frontier],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_allocation(scenario: Any, settings: dict[str, Any], priced: list[Any], best: Any, frontier: Any) -> list[Any]:
    """Rich renderables for `roi-sim allocate`."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    what = LEDGER_LABELS[settings["ledger"]]
    mode = "deterministic" if settings["deterministic"] else f"{settings['iterations']:,} iterations, seed {settings['seed']}"
    out: list[Any] = [Text(scenario.name, style="bold"), Text(f"maximising the expected {what} · groups priced with {mode}", style="dim")]
    groups = Table(title="What one client a year costs and returns, per group", box=box.SIMPLE_HEAVY, title_justify="left")
    for col in ("Group", "Cost per client", "Expected return per client", "Return per euro", "Clients available a year"):
        groups.add_column(col, justify="left" if col == "Group" else "right")
    for p in priced:
        o = p.option
        groups.add_row(
            o.name, euro(o.cost_per_client), euro(o.return_per_client), ratio(o.return_per_client / o.cost_per_client),
            "unlimited" if p.clients_available is None else f"{o.cap:,.0f}",
        )
    out.append(groups)
    names = [p.option.name for p in priced]
    split = ", ".join(f"{best.clients[n]:,.0f} clients in {n}" for n in names if best.clients[n] > 0) or "nothing: no group returns more than it costs"
    out.append(Text(f"Best split of {euro(best.budget)} a year: {split}; spends {euro(best.spent)}, expected return {euro(best.expected_return)}."))
    table = Table(title="Efficient frontier: the best expected return for each budget", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("Budget a year", justify="right")
    for n in names:
        table.add_column(f"Clients in {n}", justify="right")
    table.add_column("Spent", justify="right")
    table.add_column("Expected return", justify="right")
    for a in frontier:
        table.add_row(euro(a.budget), *[f"{a.clients[n]:,.0f}" for n in names], euro(a.spent), euro(a.expected_return))
    out.append(table)
    return out
