"""The "who pays, who gains" sheet of the workbook (issue 14.2): per strategy and stakeholder
(:data:`roi_sim.model.metrics.STAKEHOLDERS`) the JSON's statistics as numbers; employers and
society, which need the value of the work, are left empty and marked not valued when the
scenario sets no valuation inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.stakeholder_table import stakeholder_rows
from roi_sim.outputs.workbook.amounts import labelled, present_values
from roi_sim.outputs.workbook.cells import _SE_FORMATS, EURO, STATS, _check_sheet_titles, _Sheet


def stakeholder_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], others: list[str], lang: Language = ENGLISH) -> None:
    """The sheet; ``others`` are the other sheets' titles (a sheet name may not repeat).
    Where the amounts are discounted the stakeholder header says so (issue 17.2)."""
    if not doc["strategies"]:
        return
    title = lab.get("who_pays_sheet", "Who pays, who gains")
    _check_sheet_titles([*others, title])
    sheet = _Sheet(wb, title)
    rows = stakeholder_rows(doc)
    header = [lab["strategy"], labelled(lab.get("stakeholder", "Stakeholder"), present_values(doc, lang)), *[lab[k] for k in STATS]]
    body: list[tuple[str, str, list[float | None]]] = []
    for i, st in enumerate(doc["strategies"]):
        for row in rows:
            f = row.figures[i]
            label = lab.get(row.key, row.key)
            if f.mean is None:
                label += " (" + lab.get("who_not_valued", "not valued") + ")"
            body.append((st["name"], label, [f.mean, f.se, f.p5, f.p50, f.p95]))
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for name, label, _ in body:
        sheet._note_width(1, name)
        sheet._note_width(2, label)
    for i in range(3, 3 + len(STATS)):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    sheet.finish_layout("C2")
    sheet.header(header)
    for name, label, stats in body:
        formats = [_SE_FORMATS[EURO] if k == "se" else EURO for k in STATS]
        sheet.append([sheet.text(name), sheet.text(label), *[sheet.number(v, f) for v, f in zip(stats, formats)]])
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"
