"""The summary, yearly and provenance sheets of the workbook."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.tables import summary_rows
from roi_sim.outputs.workbook.amounts import (
    budget_total_label,
    labelled,
    negative_ratio_note,
    nominal_total,
    payback_note,
    present_values,
)
from roi_sim.outputs.workbook.budget import has_budget_years
from roi_sim.outputs.workbook.cells import (
    _FORMATS,
    _SE_FORMATS,
    EURO,
    PERCENT,
    STATS,
    WHOLE,
    YEARLY_ITEMS,
    _fmt,
    _mean,
    _number,
    _Sheet,
)


def _summary_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], societal: bool, lang: Language = ENGLISH) -> None:
    """The summary rows of the terminal and the report (roi_sim.outputs.tables), one row
    per strategy and figure with its statistics as numbers. Discounted amounts say so in
    their label ("present values at 2.25%"); with budget years a column holds the nominal,
    undiscounted total beside them, a note says why a benefit-cost ratio is below zero and,
    when the scenario gives its first budget year, the payback month as a calendar month
    (issue 17.2)."""
    sheet = _Sheet(wb, lab["summary"])
    rows: list[list[Any]] = []
    notes: list[str | None] = []
    totals: list[float | None] = []
    empty = (None, WHOLE)
    pv = present_values(doc, lang)
    table = summary_rows(doc, societal, bool(doc["settings"]["deterministic"]))
    for i, st in enumerate(doc["strategies"]):
        name = st["name"]
        for row in table:
            f = row.figures[i]
            label = lab.get(row.key, row.key)
            if f.kind == "month":
                # The median payback month is a percentile: it goes in the p50 column.
                rows.append([name, label, empty, empty, empty, (f.mean, WHOLE), empty])
                rows.append([name, lab["payback_within_horizon"], (st["payback_months"]["probability_within_horizon"], PERCENT), empty, empty, empty, empty])
                notes += [payback_note(doc, f.mean, lang), None]
                totals += [None, None]
                continue
            fmt = _fmt(row.item) if row.item in _FORMATS or f.kind == "euro" else PERCENT
            if fmt == EURO:
                label = labelled(label, pv)
            stats = [f.mean, f.se, f.p5, f.p50, f.p95]
            rows.append([name, label, *[(v, _SE_FORMATS[fmt] if k == "se" else fmt) for k, v in zip(STATS, stats)]])
            notes.append(negative_ratio_note(st, lang) if row.item == "benefit_cost_ratio" else None)
            totals.append(nominal_total(st, row.item) if fmt == EURO else None)
    header = [lab["strategy"], lab["metric"], *[lab[k] for k in STATS]]
    with_totals = has_budget_years(doc)
    if with_totals:
        header.append(budget_total_label(lab, pv))
    with_notes = any(n is not None for n in notes)
    if with_notes:
        header.append(lab["note"])
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for cells in rows:
        sheet._note_width(1, cells[0])
        sheet._note_width(2, cells[1])
    for i in range(3, 3 + len(STATS) + with_totals):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    if with_notes:
        sheet.widths[len(header)] = 60
    sheet.finish_layout("C2")
    sheet.header(header)
    for cells, total, note in zip(rows, totals, notes):
        out = [sheet.text(cells[0]), sheet.text(cells[1]), *[sheet.number(v, f) for v, f in cells[2:]]]
        if with_totals:
            out.append(sheet.number(total, EURO))
        if with_notes:
            out.append(None if note is None else sheet.text(note))
        sheet.append(out)
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"


def _yearly_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], lang: Language = ENGLISH) -> tuple[Any, dict[str, float]]:
    """The yearly sheet, and the cached values of its formula cells by cell reference. Its
    amounts are discounted where a discount rate is set, and their headers say so."""
    sheet = _Sheet(wb, lab["yearly"])
    pv = present_values(doc, lang)
    header = [lab["strategy"], lab["year"], *[labelled(lab[k], pv) for k in YEARLY_ITEMS]]
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for st in doc["strategies"]:
        sheet._note_width(1, st["name"])
    for i in range(3, 3 + len(YEARLY_ITEMS)):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    sheet.finish_layout("C2")
    sheet.header(header)
    net_col = get_column_letter(2 + YEARLY_ITEMS.index("net") + 1)
    cum_col = get_column_letter(2 + YEARLY_ITEMS.index("cumulative_net") + 1)
    cached: dict[str, float] = {}
    for st in doc["strategies"]:
        running: float | None = None
        for i, y in enumerate(st["yearly"]):
            r = sheet.rows + 1
            net = _number(_mean(y.get("net")))
            if i == 0:
                formula = f"={net_col}{r}"
                running = net
            else:
                formula = f"={cum_col}{r - 1}+{net_col}{r}"
                running = None if running is None or net is None else running + net
            if running is not None:
                cached[f"{cum_col}{r}"] = running
            cells = [sheet.text(st["name"]), sheet.number(y["year"], WHOLE)]
            cells += [sheet.number(_mean(y.get(k)), EURO) for k in YEARLY_ITEMS[:-1]]
            cells.append(sheet.formula(formula, EURO))
            sheet.append(cells)
        _totals_row(sheet, st, lab, cached)
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"
    return sheet.ws, cached


def _totals_row(sheet: _Sheet, st: Mapping[str, Any], lab: Mapping[str, str], cached: dict[str, float]) -> None:
    """A strategy's total over its years, as SUM formulas over the rows above (the
    cumulative net has no total: its last year is one)."""
    years = len(st["yearly"])
    if not years:
        return
    r = sheet.rows + 1
    cells = [sheet.text(st["name"], bold=True), sheet.text(lab.get("total", "Total"), bold=True)]
    for i, k in enumerate(YEARLY_ITEMS[:-1]):
        col = get_column_letter(3 + i)
        cells.append(sheet.formula(f"=SUM({col}{r - years}:{col}{r - 1})", EURO))
        values = [_number(_mean(y.get(k))) for y in st["yearly"]]
        if all(v is not None for v in values):
            cached[f"{col}{r}"] = round(sum(values), 2)  # type: ignore[arg-type]
    sheet.append(cells)


def _provenance_sheet(
    wb: Workbook,
    doc: Mapping[str, Any],
    lab: Mapping[str, str],
    created: datetime.datetime,
    rows_written: int,
    n: int,
    max_rows: int,
) -> None:
    sheet = _Sheet(wb, lab["provenance"])
    settings = doc.get("settings", {})
    tool = doc.get("tool", {})
    scenario = doc.get("scenario", {})
    rate = settings.get("discount_rate")
    seed = settings.get("seed")
    items: list[tuple[str, Any, str | None]] = [
        ("tool", tool.get("name"), None),
        ("version", tool.get("version"), None),
        ("schema_version", doc.get("schema_version"), WHOLE),
        ("scenario", scenario.get("name"), None),
        ("sha256", scenario.get("sha256"), None),
        # Excel shows 15 digits: a longer seed is kept as text, exactly.
        ("seed", seed, WHOLE if isinstance(seed, int) and abs(seed) < 10**15 else None),
        ("iterations", settings.get("iterations"), WHOLE),
        ("deterministic", settings.get("deterministic"), "bool"),
        ("horizon_years", settings.get("horizon_years"), WHOLE),
        # An uncertain discount rate (a distribution) is shown as its JSON.
        ("discount_rate", rate, "0.00%" if isinstance(rate, (int, float)) and not isinstance(rate, bool) else None),
        ("created", created.isoformat(timespec="seconds"), None),
        ("iterations_sheet_rows", rows_written, WHOLE),
    ]
    if rows_written < n:
        key = "iterations_omitted" if rows_written == 0 else "iterations_capped"
        text = lab.get(key, "{rows} of {n}").format(rows=rows_written, n=n, max_rows=max_rows)
        items.append(("note", text, None))
    header = [lab["key"], lab["value"]]
    sheet._note_width(1, header[0], header=True)
    sheet._note_width(2, header[1], header=True)
    cells: list[tuple[Any, Any]] = []
    for key, value, fmt in items:
        label = lab["iterations"] if key == "iterations" else lab[key]
        sheet._note_width(1, label)
        if value is None:
            cell = None
        elif fmt == "bool":
            cell = WriteOnlyCell(sheet.ws, bool(value))
        elif fmt is not None:
            cell = sheet.number(value, fmt)
        else:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
            cell = sheet.text(text)
            sheet._note_width(2, text)
        cells.append((sheet.text(label, bold=True), cell))
    sheet.finish_layout("A2", maximum=80)
    sheet.header(header)
    for label_cell, cell in cells:
        sheet.append([label_cell, cell])
