"""Decision-support output: tables and JSON for `breakeven`, `calibrate`, `voi` and
`sensitivity`. Pure functions from analysis results to rich renderables or JSON text."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from roi_sim import __version__
from roi_sim.outputs.decision_sentences import (
    breakeven_sentence,
    evpi_sentence,
    evppi_method,
    option_name,
    pays_when,
    pilot_sentence,
)
from roi_sim.outputs.formats import SCHEMA_VERSION
from roi_sim.outputs.language import ENGLISH, Language, localised
from roi_sim.outputs.safe_text import json_text  # JSON keeps the exact names (its escaping is safe)


def plain_number(x: float | None, lang: Language = ENGLISH) -> str:
    """A parameter value without e-notation: whole numbers from 100 up, else up to four
    significant digits (``14,470``, ``0.2250``)."""
    if x is None or not math.isfinite(x):
        return "–"
    if abs(x) >= 100 or x == 0:
        return lang.decimal(x, 0)
    from babel.numbers import format_decimal

    digits = min(6, max(0, 3 - math.floor(math.log10(abs(x)))))
    # Optional digits: 0.0225, not 0.02250.
    return format_decimal(round(x, digits), format="#,##0." + "#" * digits, locale="en_GB" if lang.code == "en" else "nl_NL")


def _ledger(ledger: str, lang: Language) -> str:
    return lang.t("ledger_" + ledger)


def _clean(value: Any) -> Any:
    """JSON-ready: NaN and infinity become null, floats are rounded to 6 significant decimals."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return round(value, 6) if abs(value) < 1e4 else round(value, 2)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _document(scenario: Any | None, settings: dict[str, Any], key: str, payload: Any) -> str:
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": {"name": "roi-sim", "version": __version__}}
    if scenario is not None:
        doc["scenario"] = {"name": scenario.name, "sha256": scenario.sha256}
    doc["settings"] = settings
    doc[key] = _clean(payload)
    return json_text(doc, indent=2, ensure_ascii=False) + "\n"


def _header(scenario: Any, line: str, lang: Any = None) -> list[Any]:
    """The scenario's name and the settings ``line``; with ``lang``, where the amounts below
    are discounted, "present values at 2.25%" (not for breakeven, whose answer is an input
    value, not a discounted amount)."""
    from roi_sim.outputs.formats.sentences import present_value_at
    from roi_sim.outputs.safe_text import shown

    label = present_value_at(getattr(scenario, "discount_rate", 0), lang) if lang is not None else None
    return [shown(scenario.name, style="bold"), shown(line if label is None else f"{line} · {label}", style="dim")]


# --------------------------------------------------------------------------- breakeven


def breakeven_json(scenario: Any, settings: dict[str, Any], results: list[Any]) -> str:
    return _document(scenario, settings, "breakeven", [asdict(r) for r in results])


def breakeven_tables(scenario: Any, settings: dict[str, Any], results: list[Any], lang: Language = ENGLISH) -> list[Any]:
    from rich import box
    from rich.table import Table

    from roi_sim.outputs.safe_text import shown

    out = _header(scenario, lang.t("breakeven_line", p=lang.param(settings["parameter"]), ledger=_ledger(settings["ledger"], lang)))
    table = Table(box=box.SIMPLE_HEAVY)
    for col, justify in (("strategy", "left"), ("scenario_value", "right"), ("breakeven", "right"), ("pays_when", "left"), ("chance_paying", "right")):
        table.add_column(lang.t(col), justify=justify)  # type: ignore[arg-type]
    for r in results:
        table.add_row(
            r.strategy, plain_number(r.current_mean, lang), plain_number(r.value, lang), pays_when(r.pays_when, lang),
            lang.percent(r.probability_paying_side),
        )
    out.append(table)
    for r in results:
        out.append(shown(f"• {r.strategy}: {breakeven_sentence(r, settings['ledger'], scenario, lang)}."))
    out.append(shown(lang.t("breakeven_one_parameter", p=lang.param(settings["parameter"])), style="dim"))
    return out


# --------------------------------------------------------------------------- calibrate


def calibration_json(c: Any) -> str:
    return _document(None, {"successes": c.successes, "trials": c.trials, "prior": [c.prior_alpha, c.prior_beta]}, "calibration", asdict(c))


def calibration_text(c: Any, parameter: str, lang: Language = ENGLISH) -> str:
    """The pilot's beta distribution in words, and the line of YAML to paste."""

    def num(x: float, spec: str) -> str:
        return localised(format(x, spec), lang)

    def beta(a: float, b: float) -> str:
        return lang.t("beta_dist", a=num(a, "g"), b=num(b, "g"))

    return lang.t(
        "calibration_text", successes=c.successes, trials=c.trials, prior=beta(c.prior_alpha, c.prior_beta), parameter=parameter,
        label=lang.param(parameter), posterior=beta(c.alpha, c.beta), mean=num(c.mean, ".4f"), p5=num(c.p5, ".4f"),
        p95=num(c.p95, ".4f"), yaml=_yaml_line(c, lang),
    )


def _yaml_line(c: Any, lang: Language) -> str:
    """The line to paste: the YAML itself as the library wrote it (numbers as YAML reads them),
    its comment in the output's language."""
    prior = {(1.0, 1.0): lang.t("prior_uniform"), (0.5, 0.5): lang.t("prior_jeffreys")}.get(
        (c.prior_alpha, c.prior_beta), lang.t("prior_beta", a=localised(f"{c.prior_alpha:g}", lang), b=localised(f"{c.prior_beta:g}", lang))
    )
    comment = lang.t("calibration_comment", s=c.successes, n=c.trials, prior=prior, mean=localised(f"{c.mean:.3f}", lang),
                     p5=localised(f"{c.p5:.3f}", lang), p95=localised(f"{c.p95:.3f}", lang))
    return c.yaml_snippet.split("   # ")[0] + "   # " + comment


# --------------------------------------------------------------------------- value of information


def voi_json(scenario: Any, settings: dict[str, Any], evpi: Any, evppis: list[Any], pilot: Any | None, skipped: list[str]) -> str:
    payload = {
        "evpi": asdict(evpi),
        "evppi": [asdict(e) for e in evppis],
        "evppi_skipped": skipped,
        "pilot": None if pilot is None else asdict(pilot),
    }
    return _document(scenario, settings, "value_of_information", payload)


def voi_tables(
    scenario: Any, settings: dict[str, Any], evpi: Any, evppis: list[Any], pilot: Any | None, skipped: list[str], lang: Language = ENGLISH
) -> list[Any]:
    from rich import box
    from rich.table import Table

    from roi_sim.outputs.safe_text import shown

    out = _header(
        scenario,
        lang.t("voi_line", ledger=_ledger(settings["ledger"], lang), n=lang.decimal(settings["iterations"], 0), seed=settings["seed"],
               options=", ".join(option_name(o, lang) for o in evpi.options)),
        lang,
    )
    out.append(shown(lang.t("voi_best", option=option_name(evpi.best_option, lang), x=lang.euro(evpi.expected_value_current))))
    out.append(shown(evpi_sentence(evpi, lang), style="bold"))
    if evppis:
        table = Table(title=lang.t("evppi_title"), box=box.SIMPLE_HEAVY, title_justify="left")
        table.add_column(lang.t("parameter"))
        table.add_column(lang.t("evppi"), justify="right")
        table.add_column(lang.t("method"))
        for e in sorted(evppis, key=lambda e: -e.evppi):
            table.add_row(lang.param(e.parameter), lang.euro(e.evppi), evppi_method(e.method, lang))
        out.append(table)
    if skipped:
        out.append(shown(lang.t("voi_skipped") + ", ".join(lang.param(k) for k in skipped), style="dim"))
    if pilot is not None:
        out.append(shown(pilot_sentence(pilot, settings.get("pilot_cost"), lang), style="bold"))
    return out


# --------------------------------------------------------------------------- sensitivity


def sensitivity_json(scenario: Any, settings: dict[str, Any], tornadoes: list[Any], globals_: list[Any]) -> str:
    payload = {"tornado": [asdict(t) for t in tornadoes], "global": [asdict(g) for g in globals_]}
    return _document(scenario, settings, "sensitivity", payload)


def sensitivity_tables(scenario: Any, settings: dict[str, Any], tornadoes: list[Any], globals_: list[Any], lang: Language = ENGLISH) -> list[Any]:
    from rich import box
    from rich.table import Table

    out = _header(scenario, lang.t("sensitivity_line", ledger=_ledger(settings["ledger"], lang)), lang)
    width = 30
    for t, g in zip(tornadoes, globals_):
        table = Table(title=lang.t("tornado_title", name=t.strategy, x=lang.euro(t.base_net)), box=box.SIMPLE_HEAVY, title_justify="left")
        for col, justify in (("parameter", "left"), ("p10_p90", "right"), ("net_at_low", "right"), ("net_at_high", "right"), ("swing", "right")):
            table.add_column(lang.t(col), justify=justify)  # type: ignore[arg-type]
        table.add_column("", justify="left", no_wrap=True, overflow="crop")  # a bar, not a figure: cropping loses nothing
        biggest = max((b.swing for b in t.bars), default=0.0) or 1.0
        for b in t.bars:
            bar = "█" * max(1, round(width * b.swing / biggest)) if b.swing > 0 else ""
            values = f"{plain_number(b.low_value, lang)} → {plain_number(b.high_value, lang)}"
            table.add_row(lang.param(b.parameter), values, lang.euro(b.net_at_low), lang.euro(b.net_at_high), lang.euro(b.swing), bar)
        if not t.bars:
            table.add_row(lang.t("no_uncertain"), "", "", "", "", "")
        out.append(table)
        if g.first_order:
            out.append(_global_table(t.strategy, g, lang))
    return out


#: The global methods by their JSON names, and their labels.
_GLOBAL_METHODS = {"sobol": "gsa_sobol", "rank correlation": "gsa_rank"}


def _method(method: str, lang: Language) -> str:
    """The global method in words (the JSON's name when it has no label)."""
    return lang.t(_GLOBAL_METHODS[method]) if method in _GLOBAL_METHODS else method


def _global_table(strategy: str, g: Any, lang: Language) -> Any:
    from rich import box
    from rich.table import Table

    gt = Table(title=lang.t("global_title", name=strategy, method=_method(g.method, lang), n=lang.decimal(g.n, 0)), box=box.SIMPLE_HEAVY, title_justify="left")
    gt.add_column(lang.t("parameter"))
    if g.method == "sobol":
        gt.add_column(lang.t("first_order"), justify="right")
        gt.add_column(lang.t("total_order"), justify="right")
        for name in sorted(g.first_order, key=lambda k: -(g.total_order or g.first_order)[k]):
            gt.add_row(lang.param(name), lang.decimal(g.first_order[name], 2), lang.decimal((g.total_order or {}).get(name), 2))
    else:
        gt.add_column(lang.t("rank_correlation"), justify="right")
        for name in sorted(g.first_order, key=lambda k: -abs(g.first_order[k])):
            value = g.first_order[name]
            gt.add_row(lang.param(name), ("+" if value >= 0 else "") + lang.decimal(value, 2))
    return gt
