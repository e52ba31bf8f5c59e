"""The building blocks of the workbook: the labels it needs, the number formats, typed
cells (text stays text, numbers keep every digit) and a write-only sheet that works out its
column widths on the way."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from roi_sim.model.metrics import METRIC_NAMES
from roi_sim.outputs.safe_text import safe_text

#: Excel's row limit less the header row: the most ``max_rows`` can be.
EXCEL_MAX_DATA_ROWS = 1_048_575

STATS: tuple[str, ...] = ("mean", "se", "p5", "p50", "p95")
YEARLY_ITEMS: tuple[str, ...] = ("investment", "savings", "subsidies", "net", "cumulative_net")
#: Per-iteration figures of the iterations sheet, in column order (IterationResults fields).
ITERATION_FIELDS: tuple[str, ...] = (
    *METRIC_NAMES,
    "payback_months",
    "subsidies",
    "value_of_work",
    "social_value",
    "societal_net",
)
#: Labels the caller must pass (KeyError naming the first one missing).
REQUIRED_LABELS: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            "summary", "yearly", "iterations", "provenance",
            "strategy", "metric", *STATS, "year", *METRIC_NAMES, *YEARLY_ITEMS,
            "probability_net_positive", "payback_p50", "payback_within_horizon", "iteration",
        )
    )
)
#: Labels that may be passed; without one the internal (JSON) name is shown.
OPTIONAL_LABELS: tuple[str, ...] = (
    "payback_months", "value_of_work", "social_value", "societal_net",
    "key", "value", "tool", "version", "schema_version", "scenario", "sha256", "seed",
    "deterministic", "horizon_years", "discount_rate", "created", "iterations_sheet_rows", "note",
)  # fmt: skip

# Number formats. Cells hold the exact figures; the formats only choose what shows.
EURO = '"€ "#,##0'
RATIO = "0.00"
PERCENT = "0.0%"
CLIENTS = "#,##0.0"
WHOLE = "0"
TEXT = "@"
_FORMATS = {
    "benefit_cost_ratio": RATIO,
    "roi": PERCENT,
    "extra_clients_off_benefit": CLIENTS,
    "payback_months": WHOLE,
}
# A standard error is small next to its mean: show it with more digits.
_SE_FORMATS = {EURO: EURO, RATIO: "0.0000", PERCENT: "0.00%", CLIENTS: "#,##0.00"}

_BOLD = Font(bold=True)
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")


def _fmt(name: str) -> str:
    return _FORMATS.get(name, EURO)


def _clean(text: object) -> str:
    """Text with its control characters escaped as everywhere (XML cannot hold most of them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", safe_text(str(text)))


def _number(x: Any) -> float | int | None:
    """A finite number, or None (an empty cell) for None, NaN and infinities."""
    if x is None or isinstance(x, bool):
        return None
    value = float(x) if not isinstance(x, int) else x
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class _Sheet:
    """A write-only worksheet with typed cells and column widths worked out on the way."""

    def __init__(self, wb: Workbook, title: str) -> None:
        self.ws = wb.create_sheet(title)
        self.widths: dict[int, int] = {}
        self.rows = 0

    def text(self, value: object, *, bold: bool = False) -> WriteOnlyCell:
        # Always a string cell: a strategy called "=SUM(A1)" stays text, not a formula.
        cell = WriteOnlyCell(self.ws, _clean(value))
        cell.data_type = "s"
        cell.number_format = TEXT
        if bold:
            cell.font = _BOLD
        return cell

    def number(self, value: Any, fmt: str) -> WriteOnlyCell | None:
        x = _number(value)
        if x is None:
            return None
        cell = WriteOnlyCell(self.ws, x)
        cell.number_format = fmt
        return cell

    def formula(self, text: str, fmt: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, text)
        assert cell.data_type == "f"
        cell.number_format = fmt
        return cell

    def header(self, labels: Sequence[str]) -> None:
        cells = []
        for i, label in enumerate(labels, 1):
            cell = self.text(label, bold=True)
            cell.alignment = _HEADER_ALIGN
            cells.append(cell)
            self._note_width(i, label, header=True)
        self.append(cells)

    def append(self, cells: Sequence[Any], widths: Sequence[int | None] | None = None) -> None:
        self.ws.append(list(cells))
        self.rows += 1
        if widths is not None:
            for i, w in enumerate(widths, 1):
                if w is not None:
                    self.widths[i] = max(self.widths.get(i, 0), w)

    def _note_width(self, column: int, text: str, header: bool = False) -> None:
        # Long headers wrap (at most ~24 characters wide); data sets the width otherwise.
        width = min(len(text), 24) if header else len(text)
        self.widths[column] = max(self.widths.get(column, 0), width)

    def finish_layout(self, freeze: str | None, minimum: int = 10, maximum: int = 60) -> None:
        """Column widths and frozen panes (write-only sheets need them before the first row)."""
        for column, width in sorted(self.widths.items()):
            self.ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maximum, width + 2))
        if freeze:
            self.ws.freeze_panes = freeze


def _check_labels(labels: Mapping[str, str]) -> dict[str, str]:
    for name in REQUIRED_LABELS:
        if name not in labels:
            raise KeyError(name)
    out = {str(k): str(v) for k, v in labels.items()}
    out.update({name: str(labels[name]) for name in REQUIRED_LABELS})
    out.update({name: str(labels.get(name, name)) for name in OPTIONAL_LABELS})
    return out


def _check_sheet_titles(titles: Sequence[str]) -> None:
    seen: set[str] = set()
    for title in titles:
        if not title or len(title) > 31 or re.search(r"[\\/*?:\[\]]", title):
            raise ValueError(f"sheet name {title!r}: Excel allows 1 to 31 characters and none of \\ / * ? : [ ]")
        if title.lower() in seen:
            raise ValueError(f"sheet name {title!r} is used twice")
        seen.add(title.lower())


def _mean(s: Mapping[str, Any] | None) -> float | None:
    return None if s is None else s.get("mean")
