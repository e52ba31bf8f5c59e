"""The participation ladder's sheet of the workbook (DESIGN.md §10): per strategy, state and
year the clients at the year's end with and without the programme (the JSON's means) and
their difference, and the rung-years gained. Only for scenarios with states."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from roi_sim.outputs.workbook.cells import CLIENTS, WHOLE, _check_sheet_titles, _Sheet


def occupancy_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], others: list[str]) -> None:
    """The sheet; ``others`` are the other sheets' titles (a sheet name may not repeat)."""
    ladders = [st for st in doc["strategies"] if "occupancy" in st]
    if not ladders:
        return
    title = lab["ladder_sheet"]
    _check_sheet_titles([*others, title])
    sheet = _Sheet(wb, title)
    header = [lab["strategy"], lab["ladder_state"], lab["ladder_rung"], lab["year"], lab["ladder_with"], lab["ladder_without"], lab["ladder_difference"]]
    body = []
    for st in ladders:
        occ = st["occupancy"]
        for state in occ["states"]:
            name = state["name"]
            for p, c in zip(occ["programme"], occ["counterfactual"]):
                with_, without = p[name]["mean"], c[name]["mean"]
                body.append((st["name"], name, state["rung"], p["year"], with_, without, with_ - without))
        rungs = st.get("rung_years_gained")
        if rungs is not None:
            body.append((st["name"], lab["ladder_rung_years_row"], None, None, None, None, rungs["mean"]))
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for row in body:
        sheet._note_width(1, row[0])
        sheet._note_width(2, row[1])
    sheet.finish_layout("C2")
    sheet.header(header)
    for strategy, state, rung, year, with_, without, diff in body:
        sheet.append([
            sheet.text(strategy), sheet.text(state), sheet.number(rung, WHOLE), sheet.number(year, WHOLE),
            sheet.number(with_, CLIENTS), sheet.number(without, CLIENTS), sheet.number(diff, CLIENTS),
        ])
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"
