"""What the workbook's amounts are (issue 17.2): discounted amounts say "present values at
2.25%" where they are shown, the summary puts the undiscounted, nominal budget total beside
them when the run has budget years (``yearly[].nominal``), a benefit-cost ratio below zero
says why, and the payback month is also a calendar month when the scenario gives its first
budget year.

The rules are the terminal's (:mod:`roi_sim.outputs.formats.sentences`), not a second
version of them: :func:`present_value_at` decides whether anything is discounted (nothing at
a discount rate of 0) and words it, and the reason for a ratio below zero is the headline's.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from roi_sim.outputs.language import ENGLISH, LANGUAGES, XLSX_LABELS, Language, language

#: The summary rows (``Row.item``) whose figure is a sum of the yearly figures, with the key
#: of that figure in ``yearly[].nominal``; the budget lines are ``ledgers.fiscal.lines.<line>``.
NOMINAL_ITEMS: dict[str, str] = {"investment": "investment", "net_savings": "net", "subsidies": "subsidies"}
_LINE_PREFIX = "ledgers.fiscal.lines."


def workbook_language(labels: Mapping[str, str], lang: Language | None) -> Language:
    """``lang``, or the language whose label set ``labels`` is (English for labels of the
    caller's own)."""
    if lang is not None:
        return lang
    for code in LANGUAGES:
        own = XLSX_LABELS[code]
        if all(labels.get(k) == own[k] for k in ("summary", "yearly", "investment")):
            return language(code)
    return ENGLISH


def present_values(doc: Mapping[str, Any], lang: Language) -> str | None:
    """"present values at 2.25%" for the run's discount rate; None at a rate of 0."""
    from roi_sim.outputs.formats.sentences import present_value_at

    return present_value_at(doc.get("settings", {}).get("discount_rate", 0), lang)


def labelled(label: str, pv: str | None) -> str:
    """``label`` with the present-value label after it (as the terminal's titles), if any."""
    return label if pv is None else f"{label} — {pv}"


def nominal_total(st: Mapping[str, Any], item: str) -> float | None:
    """The sum over the budget years of the nominal, undiscounted mean of summary row
    ``item``; None when the row has no yearly counterpart or a year has no nominal figure."""
    if item in NOMINAL_ITEMS:
        key, line = NOMINAL_ITEMS[item], None
    elif item.startswith(_LINE_PREFIX):
        key, line = "lines", item[len(_LINE_PREFIX) :]
    else:
        return None
    total = 0.0
    for y in st["yearly"]:
        nominal = y.get("nominal")
        stat = None if nominal is None else nominal.get(key)
        if line is not None:
            stat = None if stat is None else stat.get(line)
        if stat is None or stat.get("mean") is None:
            return None
        total += float(stat["mean"])
    return round(total, 2)


def budget_total_label(lab: Mapping[str, str], pv: str | None) -> str:
    """The header of the nominal total: "undiscounted" only beside discounted amounts."""
    if pv is not None:
        return lab.get("undiscounted_total", "Budget total, undiscounted (nominal: the budget years summed)")
    return lab.get("budget_total", "Budget total (nominal: the budget years summed)")


def negative_ratio_note(st: Mapping[str, Any], lang: Language) -> str | None:
    """Why the strategy's benefit-cost ratio is below zero, in the headline's words; None
    when it is not (or there is none)."""
    from roi_sim.outputs.formats.sentences import _fewer_off_benefit

    bcr = (st.get("metrics") or {}).get("benefit_cost_ratio")
    if bcr is None or bcr.get("mean") is None or bcr["mean"] >= 0:
        return None
    # The headline's rule reads summaries with a .mean: the JSON statistics stand in for them.
    metrics = {k: None if v is None else SimpleNamespace(mean=v.get("mean")) for k, v in st["metrics"].items()}
    summary: Any = SimpleNamespace(metrics=metrics)
    return lang.t("negative_ratio_fewer" if _fewer_off_benefit(summary) else "negative_ratio")


def payback_note(doc: Mapping[str, Any], month: float | None, lang: Language) -> str | None:
    """The (median) payback month as a calendar month, "Break-even in month 22 (October
    2012).", when the scenario gives its first budget year; None otherwise."""
    from roi_sim.outputs.formats.sentences import payback_month_words

    start_year = (doc.get("settings", {}).get("prices") or {}).get("start_year")
    if month is None or start_year is None:
        return None
    key = "break_even" if doc["settings"].get("deterministic") else "break_even_median"
    return lang.t(key, m=payback_month_words(int(month), int(start_year), lang))
