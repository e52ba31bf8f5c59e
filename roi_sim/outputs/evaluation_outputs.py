"""Output of `roi-sim design` and `roi-sim track`: JSON, Markdown, rich tables and the
plan-versus-realised chart, in English and Dutch."""

from __future__ import annotations

import io
import math
import string
from dataclasses import asdict
from typing import Any

import numpy as np

from roi_sim import __version__
from roi_sim.outputs.formats import SCHEMA_VERSION
from roi_sim.outputs.safe_text import json_text, safe_text  # JSON keeps the exact names (its escaping is safe)

#: Below this effective sample size the re-forecast rests on few draws; the output says so.
FEW_DRAWS = 200

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "design_title": "Evaluation design ({design}, α {alpha}, power {power})",
        "design_randomised": "randomised", "design_waiting-list": "waiting list", "whole": "{n:,}",
        "baseline": "Baseline share off benefit", "effect": "Effect to detect", "n_per_arm": "Clients per arm",
        "mde": "Minimum detectable effect", "mde_approx": "Quick approximation (baseline variance)",
        "places": "Programme places needed", "left_out": "Controls left out",
        "answers_yes": "The planned intake ({intake:,.0f}) can answer the question.",
        "answers_no": "The planned intake ({intake:,.0f}) is too small: it needs {places:,} places.",
        "track_title": "Plan against realised · {strategy} · to month {month}",
        "month": "Month", "planned_started": "Planned started", "started": "Started",
        "planned_left": "Planned left", "left": "Left", "planned_returned": "Planned returned", "returned": "Returned",
        "parameter": "Parameter", "method": "Method", "prior": "Prior mean", "posterior": "Posterior mean", "interval": "90% interval",
        "forecast": "Net savings over the horizon", "plan": "Plan", "reforecast": "Re-forecast",
        "verdict": "Verdict: {verdict}. Chance the programme still pays: {chance} (plan: {plan_chance}).",
        "too early": "too early to tell", "behind": "behind plan", "on track": "on track", "ahead": "ahead of plan",
        "few_draws": "Only about {ess:,.0f} of the draws carry the re-forecast: raise --iterations for a steadier figure.",
        "chart_title": "Cumulative leavers: plan against realised", "chart_x": "Month", "chart_y": "Participants off benefit (cumulative leavers)",
    },
    "nl": {
        "design_title": "Evaluatieopzet ({design}, α {alpha}, onderscheidend vermogen {power})",
        "design_randomised": "gerandomiseerd", "design_waiting-list": "wachtlijst", "whole": "{n:,}",
        "baseline": "Uitstroom zonder programma", "effect": "Te meten effect", "n_per_arm": "Cliënten per groep",
        "mde": "Kleinste meetbare effect", "mde_approx": "Snelle benadering (variantie van de basis)",
        "places": "Benodigde trajectplaatsen", "left_out": "Controlegroep zonder traject",
        "answers_yes": "De geplande instroom ({intake:,.0f}) kan de vraag beantwoorden.",
        "answers_no": "De geplande instroom ({intake:,.0f}) is te klein: er zijn {places:,} plaatsen nodig.",
        "track_title": "Plan tegenover realisatie · {strategy} · tot maand {month}",
        "month": "Maand", "planned_started": "Gepland gestart", "started": "Gestart",
        "planned_left": "Gepland uitgestroomd", "left": "Uitgestroomd", "planned_returned": "Gepland teruggekeerd", "returned": "Teruggekeerd",
        "parameter": "Parameter", "method": "Methode", "prior": "Verwachting vooraf", "posterior": "Verwachting nu", "interval": "90%-interval",
        "forecast": "Netto besparing over de horizon", "plan": "Plan", "reforecast": "Nieuwe prognose",
        "verdict": "Oordeel: {verdict}. Kans dat het programma zich nog terugverdient: {chance} (plan: {plan_chance}).",
        "too early": "te vroeg om te zeggen", "behind": "achter op plan", "on track": "op koers", "ahead": "voor op plan",
        "few_draws": "Slechts ongeveer {ess:,.0f} trekkingen dragen de nieuwe prognose: verhoog --iterations voor een stabieler getal.",
        "chart_title": "Cumulatieve uitstroom: plan tegenover realisatie", "chart_x": "Maand", "chart_y": "Deelnemers uit de uitkering (cumulatief)",
    },
}


class _DutchNumbers(string.Formatter):
    """Numbers as a Dutch reader writes them: 1.500 and 0,05 (the templates say {n:,})."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            return text.translate(str.maketrans(",.", ".,"))
        return text


def _t(lang: str, key: str, **kw: Any) -> str:
    text = LABELS[lang][key]
    if not kw:
        return text
    return _DutchNumbers().format(text, **kw) if lang == "nl" else text.format(**kw)


def _whole(lang: str, n: int) -> str:
    return _t(lang, "whole", n=n)


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 6) if abs(value) < 1e4 else round(value, 2)
    if isinstance(value, np.floating):
        return _clean(float(value))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _document(scenario: Any | None, settings: dict[str, Any], payload: dict[str, Any]) -> str:
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": {"name": "roi-sim", "version": __version__}}
    if scenario is not None:
        doc["scenario"] = {"name": scenario.name, "sha256": scenario.sha256}
    doc["settings"] = settings
    doc.update(_clean(payload))
    return json_text(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _pct(lang: str, x: float) -> str:
    if not math.isfinite(x):
        return "–"
    s = f"{100 * x:.1f}%"
    return s.replace(".", ",") if lang == "nl" else s


# --------------------------------------------------------------------------- design


def design_payload(result: Any, intake: float | None = None, pilot: Any | None = None) -> dict[str, Any]:
    payload = asdict(result)
    if "n_per_arm" in payload and "minimum_detectable_effect" not in payload:
        payload["minimum_detectable_effect"] = payload["effect"]
    if intake is not None:
        payload["planned_intake"] = intake
        payload["intake_answers"] = intake >= result.programme_places
    if pilot is not None:
        payload["controlled_pilot"] = asdict(pilot)
    return payload


def design_json(scenario: Any | None, settings: dict[str, Any], payload: dict[str, Any]) -> str:
    return _document(scenario, settings, {"design": payload})


def design_lines(payload: dict[str, Any], lang: str = "en") -> list[tuple[str, str]]:
    rows = [(_t(lang, "baseline"), _pct(lang, payload["baseline"]))]
    if "effect" in payload:
        rows.append((_t(lang, "effect"), _pct(lang, payload["effect"])))
    rows.append((_t(lang, "n_per_arm"), _whole(lang, payload["n_per_arm"])))
    rows.append((_t(lang, "mde"), _pct(lang, payload["minimum_detectable_effect"])))
    if "minimum_detectable_effect_approx" in payload:
        rows.append((_t(lang, "mde_approx"), _pct(lang, payload["minimum_detectable_effect_approx"])))
    rows += [(_t(lang, "places"), _whole(lang, payload["programme_places"])), (_t(lang, "left_out"), _whole(lang, payload["controls_left_out"]))]
    return rows


def design_markdown(payload: dict[str, Any], lang: str = "en") -> str:
    design = LABELS[lang].get("design_" + str(payload["design"]), str(payload["design"]))
    title = _t(lang, "design_title", design=design, alpha=payload["alpha"], power=payload["power"])
    out = [f"## {title}", "", "| | |", "|---|---:|"] + [f"| {a} | {b} |" for a, b in design_lines(payload, lang)]
    if "planned_intake" in payload:
        key = "answers_yes" if payload["intake_answers"] else "answers_no"
        out += ["", _t(lang, key, intake=payload["planned_intake"], places=payload["programme_places"])]
    if "controlled_pilot" in payload:
        out += ["", _pilot_words(payload["controlled_pilot"], lang)]
    return safe_text("\n".join(out) + "\n")


def _pilot_words(pilot: dict[str, Any], lang: str) -> str:
    """The controlled pilot's value in the reader's language (the analysis writes English)."""
    from types import SimpleNamespace

    from roi_sim.outputs.decision_sentences import pilot_sentence
    from roi_sim.outputs.language import language

    return pilot_sentence(SimpleNamespace(per_arm=pilot["per_arm"], evsi=pilot["evsi"]), None, language(lang))


# --------------------------------------------------------------------------- track


def track_rows(plan: Any, realised: Any) -> list[dict[str, float]]:
    rows = []
    for i, m in enumerate(realised.months):
        t = m - 1
        rows.append({"month": m, "planned_started": float(plan.started[t]), "started": realised.started[i],
                     "planned_left": float(plan.left[t]), "left": realised.left[i],
                     "planned_returned": float(plan.returned[t]), "returned": realised.returned[i]})
    return rows


def track_payload(tracking: Any, plan: Any, realised: Any) -> dict[str, Any]:
    return {
        "strategy": tracking.strategy, "last_month": tracking.last_month,
        "plan_vs_realised": track_rows(plan, realised),
        "posterior": {k: asdict(v) for k, v in tracking.posterior.items()},
        "forecast": {"net_savings": asdict(tracking.forecast_net_savings), "chance_pays": tracking.chance_pays,
                     "effective_sample_size": tracking.effective_sample_size},
        "plan": {"net_savings": asdict(tracking.plan_net_savings), "chance_pays": tracking.plan_chance_pays},
        "verdict": {"status": tracking.verdict, "planned_left": tracking.planned_left,
                    "realised_left": tracking.realised_left, "z": tracking.z},
    }


def track_json(scenario: Any, settings: dict[str, Any], payload: dict[str, Any]) -> str:
    return _document(scenario, settings, {"track": payload})


def track_markdown(payload: dict[str, Any], lang: str = "en") -> str:
    from roi_sim.outputs.language import language

    L = language(lang)
    cols = ("month", "planned_started", "started", "planned_left", "left", "planned_returned", "returned")
    out = [f"## {_t(lang, 'track_title', strategy=payload['strategy'], month=payload['last_month'])}", "",
           "| " + " | ".join(_t(lang, c) for c in cols) + " |", "|" + "---:|" * len(cols)]
    for r in payload["plan_vs_realised"]:
        out.append("| " + " | ".join(L.decimal(float(r[c]), 1 if c.startswith("planned") else 0) for c in cols) + " |")
    out += ["", f"| {_t(lang, 'parameter')} | {_t(lang, 'method')} | {_t(lang, 'prior')} | {_t(lang, 'posterior')} | {_t(lang, 'interval')} |",
            "|---|---|---:|---:|---:|"]
    for name, p in payload["posterior"].items():
        out.append(f"| {name} | {p['method']} | {_pct(lang, p['prior_mean'])} | {_pct(lang, p['mean'])} | "
                   f"{_pct(lang, p['p5'])} – {_pct(lang, p['p95'])} |")
    f, pl = payload["forecast"]["net_savings"], payload["plan"]["net_savings"]
    out += ["", f"| {_t(lang, 'forecast')} | mean | se | p5 | p50 | p95 |", "|---|---:|---:|---:|---:|---:|"]
    for label, s in ((_t(lang, "plan"), pl), (_t(lang, "reforecast"), f)):
        out.append(f"| {label} | " + " | ".join(L.euro(s[k]) for k in ("mean", "se", "p5", "p50", "p95")) + " |")
    v = payload["verdict"]["status"]
    out += ["", _t(lang, "verdict", verdict=_t(lang, v), chance=L.percent(payload["forecast"]["chance_pays"]),
                   plan_chance=L.percent(payload["plan"]["chance_pays"]))]
    if payload["forecast"]["effective_sample_size"] < FEW_DRAWS:
        out += ["", _t(lang, "few_draws", ess=payload["forecast"]["effective_sample_size"])]
    return safe_text("\n".join(out) + "\n")


def plan_vs_realised_chart(plan: Any, realised: Any, lang: str = "en", fmt: str = "png") -> bytes:
    """Cumulative planned against realised leavers, by month (matplotlib, print style)."""
    from roi_sim.outputs.charts import PALETTE, _check_format, _style

    _check_format(fmt)
    with _style():
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(16 / 2.54, 9 / 2.54), dpi=150, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        last = realised.months[-1]
        months = np.arange(1, last + 1)
        ax.plot(months, np.cumsum(plan.left[:last]), color=PALETTE[0], linestyle="--", label=_t(lang, "plan"))
        ax.plot(realised.months, np.cumsum(realised.left), color=PALETTE[1], marker="o", markersize=3, label=_t(lang, "left"))
        ax.set_title(_t(lang, "chart_title"))
        ax.set_xlabel(_t(lang, "chart_x"))
        ax.set_ylabel(_t(lang, "chart_y"))
        ax.legend(loc="upper left")
        buf = io.BytesIO()
        metadata: dict[str, str | None] = {"Title": _t(lang, "chart_title")}
        metadata.update({"Date": None} if fmt == "svg" else {"Software": None})
        fig.savefig(buf, format=fmt, metadata=metadata)
        return buf.getvalue()
