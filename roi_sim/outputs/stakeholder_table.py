"""Who pays, who gains (issue 14.2) for the terminal and the workbook: one row per
stakeholder of ``strategies[].stakeholders`` (municipality, rijk, UWV, employers, clients,
society), one figure per strategy, built from the JSON document so that every amount shown
is the JSON's.

The terminal shows the table only where the scenario values society (its valuation inputs,
issue 14.4); otherwise one line says that society is not valued. The workbook's sheet has
every stakeholder with its statistics, the rows the scenario cannot value left empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roi_sim.model.metrics import STAKEHOLDERS
from roi_sim.outputs.language import Language
from roi_sim.outputs.tables import Figure, Row, show

#: The stakeholders that need the value of the work (null without valuation inputs).
VALUED_ONLY = ("employer", "society")


def _figure(stat: Mapping[str, Any] | None) -> Figure:
    if stat is None:
        return Figure("euro", None)
    return Figure("euro", stat.get("mean"), stat.get("se"), stat.get("p5"), stat.get("p50"), stat.get("p95"))


def society_valued(doc: Mapping[str, Any]) -> bool:
    """True when every strategy has a society figure (the scenario sets valuation inputs)."""
    strategies = doc["strategies"]
    return bool(strategies) and all((st.get("stakeholders") or {}).get("society") is not None for st in strategies)


def stakeholder_rows(doc: Mapping[str, Any]) -> list[Row]:
    """One row per stakeholder (label key ``who_<name>``), one figure per strategy; a
    stakeholder without a figure (null in the JSON) has figures whose mean is None."""
    strategies = doc["strategies"]
    return [
        Row(f"who_{name}", f"stakeholders.{name}", tuple(_figure((st.get("stakeholders") or {}).get(name)) for st in strategies))
        for name in STAKEHOLDERS
    ]


def _terminal_rows(doc: Mapping[str, Any], lang: Language, scale: float) -> list[tuple[str, list[str]]]:
    # Short labels (the note under the table says what clients and rijk stand for), so that
    # the first column keeps whole words at 80 columns.
    return [(lang.t(r.key.replace("who_", "who_short_", 1)), [show(f, lang, interval=False, scale=scale) for f in r.figures])
            for r in stakeholder_rows(doc)]


def who_pays_renderables(doc: Mapping[str, Any], lang: Language, width: int) -> list[Any]:
    """The terminal's "Who pays, who gains" block fitted to ``width`` (thousands of euros,
    then column blocks, as the other tables), or one line where society is not valued."""
    from roi_sim.outputs.formats.terminal import fitted_tables
    from roi_sim.outputs.safe_text import shown

    if not doc["strategies"]:
        return []
    if not society_valued(doc):
        return [shown(lang.t("who_pays_not_valued"), style="dim")]
    from roi_sim.outputs.formats.sentences import present_value_at

    # Say "present values" only where amounts are discounted (the terminal's one rule).
    plain = present_value_at(doc["settings"]["discount_rate"], lang) is None
    key = "who_pays_table_title" + ("_plain" if plain else "") + ("" if doc["settings"]["deterministic"] else "_mc")
    title = lang.t(key)
    names = [st["name"] for st in doc["strategies"]]
    tables = fitted_tables(
        title, "", names, lambda scale: _terminal_rows(doc, lang, scale), width, scaled_title=title + " — " + lang.t("thousands"),
    )
    # Keep each label's longest word whole: rich would rather fold "Municipality" than
    # narrow the amount columns (the amounts still fit: fitted_tables measured them).
    longest = max(len(word) for label, _ in _terminal_rows(doc, lang, 1.0) for word in label.split())
    for table in tables:
        if hasattr(table, "columns") and table.columns:
            table.columns[0].min_width = longest
    return [*tables, shown(lang.t("who_pays_table_note"), style="dim")]
