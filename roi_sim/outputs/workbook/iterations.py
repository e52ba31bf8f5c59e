"""The iterations sheet: one row per iteration per strategy, written as XML by hand (openpyxl
would take minutes for a million rows) and spliced into the archive."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from roi_sim.model.metrics import METRIC_NAMES
from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.workbook.amounts import labelled, present_values
from roi_sim.outputs.workbook.cells import (
    EURO,
    ITERATION_FIELDS,
    TEXT,
    WHOLE,
    _clean,
    _fmt,
    _mean,
    _Sheet,
)


def _field(results: Any, name: str) -> np.ndarray:
    value = results[name] if isinstance(results, Mapping) else getattr(results, name)
    return np.asarray(value, dtype=float).reshape(-1)


def _deterministic_row(st: Mapping[str, Any]) -> dict[str, float | None]:
    """The one 'iteration' of a deterministic run, from the means of the document."""
    metrics = st.get("metrics", {})
    ledgers = st.get("ledgers", {}) or {}
    fiscal = ledgers.get("fiscal", {}) or {}
    societal = ledgers.get("societal", {}) or {}
    row: dict[str, float | None] = {m: _mean(metrics.get(m)) for m in METRIC_NAMES}
    row["payback_months"] = (st.get("payback_months") or {}).get("p50")
    row["subsidies"] = _mean(fiscal.get("subsidies"))
    row["value_of_work"] = _mean(societal.get("value_of_work"))
    row["social_value"] = _mean(societal.get("social_value"))
    row["societal_net"] = _mean(societal.get("net"))
    return row


class _IterationRows:
    """The data rows of the iterations sheet as XML, spliced into the sheet openpyxl wrote
    (header only) when the archive is rewritten. openpyxl's writer takes ~17 µs a cell:
    minutes for a million rows; formatting the rows here takes a few seconds."""

    def __init__(self, names: Sequence[str], columns: Mapping[str, Sequence[np.ndarray]], rows: int, styles: Sequence[int]) -> None:
        self.names = names
        self.columns = columns
        self.rows = rows  # per strategy
        self.styles = styles  # style ids: strategy, iteration, then one per field

    def size_estimate(self) -> int:
        per_row = 40 * (2 + len(ITERATION_FIELDS)) + max((len(n.encode()) for n in self.names), default=0) * 6
        return per_row * self.rows * len(self.names)

    def chunks(self, batch: int = 4096) -> Iterator[str]:
        letters = [get_column_letter(i) for i in range(1, 3 + len(ITERATION_FIELDS))]
        s_name, s_iteration, *s_fields = self.styles
        cells = list(zip(letters[2:], s_fields))
        r = 2  # row 1 is the header
        for name in self.names:
            text = _clean(name)
            space = ' xml:space="preserve"' if text != text.strip() else ""
            inline = f'<is><t{space}>{xml_escape(text)}</t></is>'
            values = []
            for a in self.columns[name]:
                a = np.asarray(a[: self.rows], dtype=float)
                values.append([x if ok else None for x, ok in zip(a.tolist(), np.isfinite(a).tolist())])
            out: list[str] = []
            for i in range(self.rows):
                out.append(
                    f'<row r="{r}"><c r="A{r}" s="{s_name}" t="inlineStr">{inline}</c>'
                    f'<c r="B{r}" s="{s_iteration}" t="n"><v>{i + 1}</v></c>'
                )
                for (letter, style), column in zip(cells, values):
                    x = column[i]
                    if x is not None:  # NaN (never pays back, no ratio): an empty cell
                        out.append(f'<c r="{letter}{r}" s="{style}" t="n"><v>{x!r}</v></c>')
                out.append("</row>")
                r += 1
                if len(out) >= batch:
                    yield "".join(out)
                    out = []
            if out:
                yield "".join(out)


_SOCIETAL_FIELDS = ("value_of_work", "social_value", "societal_net")


def _iterations_sheet(
    wb: Workbook,
    doc: Mapping[str, Any],
    iterations: Mapping[str, Any] | None,
    lab: Mapping[str, str],
    max_rows: int,
    lang: Language = ENGLISH,
) -> tuple[Any, _IterationRows, int]:
    """The iterations sheet (header only), its data rows, and the iterations per strategy.
    The headers of discounted amounts say so (issue 17.2)."""
    sheet = _Sheet(wb, lab["iterations"])
    names = [st["name"] for st in doc["strategies"]]
    columns: dict[str, list[np.ndarray]] = {}
    for st in doc["strategies"]:
        if iterations is None:
            row = _deterministic_row(st)
            columns[st["name"]] = [np.array([np.nan if row[f] is None else row[f]], dtype=float) for f in ITERATION_FIELDS]
        elif st["name"] not in iterations:
            raise ValueError(f"iterations has no results for strategy {st['name']!r}")
        else:
            columns[st["name"]] = [_field(iterations[st["name"]], f) for f in ITERATION_FIELDS]
        if (st.get("ledgers") or {}).get("societal", {}) is None:
            # No valuation inputs (issue 14.4): the MKBA columns stay empty.
            columns[st["name"]] = [
                np.full_like(c, np.nan) if f in _SOCIETAL_FIELDS else c for f, c in zip(ITERATION_FIELDS, columns[st["name"]])
            ]
    n = max((len(cols[0]) for cols in columns.values()), default=0)
    # The first iterations of every strategy: rows stay paired across strategies.
    per_strategy = min(n, max_rows // len(names)) if names else 0

    pv = present_values(doc, lang)
    header = [lab["strategy"], lab["iteration"], *[labelled(lab[f], pv) if _fmt(f) == EURO else lab[f] for f in ITERATION_FIELDS]]
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for name in names:
        sheet._note_width(1, name)
    sheet.widths[2] = max(sheet.widths.get(2, 0), 10)
    for i in range(3, 3 + len(ITERATION_FIELDS)):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    sheet.finish_layout("C2")
    sheet.header(header)
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{1 + per_strategy * len(names)}"

    def style_id(fmt: str) -> int:
        cell = WriteOnlyCell(sheet.ws)
        cell.number_format = fmt
        return int(cell.style_id)  # registers the style with the workbook

    styles = [style_id(TEXT), style_id(WHOLE), *[style_id(_fmt(f)) for f in ITERATION_FIELDS]]
    return sheet.ws, _IterationRows(names, columns, per_strategy, styles), n
