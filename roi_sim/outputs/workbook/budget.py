"""The budget-years sheet of the workbook (issue 14.3): per strategy and begrotingsjaar the
nominal, undiscounted amounts and the fiscal budget lines, beside the real NPV of the other
sheets. Only written when the scenario gives a price year (``yearly[].nominal`` is set)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from roi_sim.model.metrics import FISCAL_LINES
from roi_sim.outputs.workbook.cells import EURO, WHOLE, _check_sheet_titles, _mean, _Sheet

#: The columns after strategy and budget year: the yearly keys, then the budget lines.
BUDGET_ITEMS: tuple[str, ...] = ("investment", "savings", "subsidies", *FISCAL_LINES, "net", "cumulative_net")


def has_budget_years(doc: Mapping[str, Any]) -> bool:
    return any(y.get("nominal") is not None for st in doc["strategies"] for y in st["yearly"])


def _label(lab: Mapping[str, str], item: str) -> str:
    return lab.get(f"line_{item}", item) if item in FISCAL_LINES else lab.get(item, item)


def budget_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], others: list[str]) -> None:
    """The sheet, when the run has a nominal budget table; ``others`` are the other sheets'
    titles (a sheet name may not repeat)."""
    if not has_budget_years(doc):
        return
    title = lab.get("budget_years", "Budget years")
    _check_sheet_titles([*others, title])
    prices = doc["settings"].get("prices") or {}
    sheet = _Sheet(wb, title)
    year_label = lab.get("budget_year", "Budget year (nominal, undiscounted, prices of {year} indexed)")
    header = [lab["strategy"], year_label.replace("{year}", str(prices.get("price_year", ""))), *[_label(lab, k) for k in BUDGET_ITEMS]]
    for st in doc["strategies"]:
        sheet._note_width(1, st["name"])
    for i in range(3, 3 + len(BUDGET_ITEMS)):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    sheet.finish_layout("C2")
    sheet.header(header)
    for st in doc["strategies"]:
        for y in st["yearly"]:
            nominal = y.get("nominal")
            if nominal is None:
                continue
            lines = nominal.get("lines") or {}
            values = [_mean(lines.get(k)) if k in FISCAL_LINES else _mean(nominal.get(k)) for k in BUDGET_ITEMS]
            sheet.append([sheet.text(st["name"]), sheet.number(nominal["budget_year"], WHOLE), *[sheet.number(v, EURO) for v in values]])
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"
