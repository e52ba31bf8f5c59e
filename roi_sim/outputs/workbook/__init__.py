"""An Excel workbook of a finished run, for controllers who redo the sums in a spreadsheet.

:func:`workbook_bytes` turns the JSON document of a run (:func:`roi_sim.outputs.formats.to_dict`)
and, optionally, its per-iteration results (``RunResult.iterations``) into the bytes of an
``.xlsx`` file with four sheets:

1. *summary*: one row per strategy and metric with mean, se, p5, p50 and p95 as numbers
   (the JSON figures exactly), then the chance of a positive net, the median payback month
   and the chance of paying back within the horizon;
2. *yearly*: per strategy and year the mean investment, savings, subsidies and net, and the
   cumulative net as a formula (previous cumulative + this year's net), so the sums show;
3. *iterations*: one row per iteration per strategy (NaN, e.g. "never pays back", is an
   empty cell), at most ``max_rows`` rows (the first iterations of every strategy, so rows
   stay paired), noted in the provenance sheet when capped;
4. *provenance*: tool and version, scenario name and sha256, seed, iterations, mode,
   horizon, discount rate and the creation date and time.

The same input and ``created`` give the same bytes: the core properties take ``created``,
and every zip entry gets its date and fixed attributes. Labels (English, Dutch, ...) come
from the caller; :data:`XLSX_LABELS` holds an English and a Dutch set.
"""

from __future__ import annotations

import datetime
import io
import json
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from roi_sim.model.metrics import METRIC_NAMES

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

#: Ready-made label sets (every required and optional label) by language code: the
#: output language tables (roi_sim.outputs.language), one place for every word.
from roi_sim.outputs.language import XLSX_LABELS as XLSX_LABELS  # noqa: E402  (re-exported for the CLI)
from roi_sim.outputs.tables import summary_rows  # noqa: E402

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
    """Text without the control characters XML cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


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


def _utc_naive(created: datetime.datetime) -> datetime.datetime:
    """``created`` in UTC without a time zone (the form of the core properties); a naive
    value is taken to be UTC already."""
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    return created.replace(microsecond=0)


def _field(results: Any, name: str) -> np.ndarray:
    value = results[name] if isinstance(results, Mapping) else getattr(results, name)
    return np.asarray(value, dtype=float).reshape(-1)


def _mean(s: Mapping[str, Any] | None) -> float | None:
    return None if s is None else s.get("mean")


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


# --------------------------------------------------------------------------- sheets


def _summary_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str], societal: bool) -> None:
    """The summary rows of the terminal and the report (roi_sim.outputs.tables), one row
    per strategy and figure with its statistics as numbers."""
    sheet = _Sheet(wb, lab["summary"])
    rows: list[list[Any]] = []
    empty = (None, WHOLE)
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
                continue
            fmt = _fmt(row.item) if row.item in _FORMATS or f.kind == "euro" else PERCENT
            stats = [f.mean, f.se, f.p5, f.p50, f.p95]
            rows.append([name, label, *[(v, _SE_FORMATS[fmt] if k == "se" else fmt) for k, v in zip(STATS, stats)]])
    header = [lab["strategy"], lab["metric"], *[lab[k] for k in STATS]]
    for i, h in enumerate(header, 1):
        sheet._note_width(i, h, header=True)
    for cells in rows:
        sheet._note_width(1, cells[0])
        sheet._note_width(2, cells[1])
    for i in range(3, 3 + len(STATS)):
        sheet.widths[i] = max(sheet.widths.get(i, 0), 14)
    sheet.finish_layout("C2")
    sheet.header(header)
    for cells in rows:
        sheet.append([sheet.text(cells[0]), sheet.text(cells[1]), *[sheet.number(v, f) for v, f in cells[2:]]])
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.rows}"


def _yearly_sheet(wb: Workbook, doc: Mapping[str, Any], lab: Mapping[str, str]) -> tuple[Any, dict[str, float]]:
    """The yearly sheet, and the cached values of its formula cells by cell reference."""
    sheet = _Sheet(wb, lab["yearly"])
    header = [lab["strategy"], lab["year"], *[lab[k] for k in YEARLY_ITEMS]]
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


def _iterations_sheet(
    wb: Workbook,
    doc: Mapping[str, Any],
    iterations: Mapping[str, Any] | None,
    lab: Mapping[str, str],
    max_rows: int,
) -> tuple[Any, _IterationRows, int]:
    """The iterations sheet (header only), its data rows, and the iterations per strategy."""
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
    n = max((len(cols[0]) for cols in columns.values()), default=0)
    # The first iterations of every strategy: rows stay paired across strategies.
    per_strategy = min(n, max_rows // len(names)) if names else 0

    header = [lab["strategy"], lab["iteration"], *[lab[f] for f in ITERATION_FIELDS]]
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


# --------------------------------------------------------------------------- bytes


def _cache_formula_values(xml: bytes, values: Mapping[str, float]) -> bytes:
    """Store the computed value of each formula cell (openpyxl leaves it empty), so that
    readers that do not calculate (previews, pandas) see the numbers too. Excel still
    recalculates on opening (fullCalcOnLoad)."""
    text = xml.decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(r'(<c r="' + ref + r'"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)')
        text, count = pattern.subn(lambda m: f"{m.group(1)}<v>{value!r}</v>", text, count=1)  # noqa: B023 (called at once)
        if count != 1:  # pragma: no cover - openpyxl changed how it writes formulas
            raise RuntimeError(f"formula cell {ref} not found in the yearly sheet")
    return text.encode("utf-8")


def _normalise_zip(
    raw: bytes,
    date_time: tuple[int, int, int, int, int, int],
    patches: Mapping[str, Callable[[bytes], bytes]],
    rows: tuple[str, _IterationRows] | None = None,
) -> bytes:
    """The same archive with every entry dated ``date_time`` and fixed attributes, so the
    bytes depend on the content only; ``patches`` rewrite entries, and ``rows`` (sheet
    path, rows) splices the iterations into that sheet, streamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in patches:
                data = patches[info.filename](data)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            if rows is not None and info.filename == rows[0]:
                head, tail = data.split(b"</sheetData>", 1)
                with dst.open(entry, "w", force_zip64=rows[1].size_estimate() > 2**30) as stream:
                    stream.write(head)
                    for chunk in rows[1].chunks():
                        stream.write(chunk.encode("utf-8"))
                    stream.write(b"</sheetData>" + tail)
            else:
                dst.writestr(entry, data)
    return out.getvalue()


def workbook_bytes(
    doc: Mapping[str, Any],
    iterations: Mapping[str, Any] | None,
    labels: Mapping[str, str],
    *,
    created: datetime.datetime,
    max_rows: int = 1_000_000,
    societal: bool | None = None,
    include_iterations: bool = False,
) -> bytes:
    """The ``.xlsx`` workbook of a run as bytes (see the module docstring).

    ``doc`` is :func:`roi_sim.outputs.formats.to_dict` of the run; ``iterations`` its
    ``RunResult.iterations`` (strategy name -> IterationResults, or mappings of the same
    arrays), or None for a deterministic run (one row per strategy from the means).
    ``labels`` maps every name in :data:`REQUIRED_LABELS` to its display text (KeyError
    naming the first one missing); names in :data:`OPTIONAL_LABELS` show as themselves
    when absent. ``created`` is the date and time the workbook carries (core properties,
    provenance sheet, zip entries); the same input and ``created`` give the same bytes.
    ``max_rows`` caps the data rows of the iterations sheet (all strategies together).
    ``societal`` shows the MKBA rows in the summary (default: when some work is valued).
    ``include_iterations`` fills the iterations sheet (one row per iteration, up to
    ``max_rows``): off by default, since 20,000 iterations make a slow, multi-megabyte file;
    the provenance sheet then says 0 iterations are listed.
    """
    lab = _check_labels(labels)
    _check_sheet_titles([lab[k] for k in ("summary", "yearly", "iterations", "provenance")])
    if not 0 <= max_rows <= EXCEL_MAX_DATA_ROWS:
        raise ValueError(f"max_rows must be between 0 and {EXCEL_MAX_DATA_ROWS} (Excel's row limit), got {max_rows}")
    if iterations is None and not doc.get("settings", {}).get("deterministic"):
        raise ValueError("the per-iteration results are needed for a Monte Carlo run (only a deterministic run may pass None)")
    when = _utc_naive(created)

    wb = Workbook(write_only=True)
    wb.properties.creator = "roi-sim"
    wb.properties.title = _clean(doc.get("scenario", {}).get("name") or "")
    wb.properties.created = when
    wb.properties.modified = when
    wb.calculation.fullCalcOnLoad = True  # Excel works the formulas out on opening

    if societal is None:
        societal = any(abs(st["ledgers"]["societal"]["value_of_work"]["mean"] or 0) > 0 for st in doc["strategies"])
    _summary_sheet(wb, doc, lab, societal)
    yearly_ws, cached = _yearly_sheet(wb, doc, lab)
    iterations_ws, rows, n = _iterations_sheet(wb, doc, iterations, lab, max_rows if include_iterations else 0)
    _provenance_sheet(wb, doc, lab, created, rows.rows, n, max_rows)

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        # Not openpyxl's save_workbook: that stamps "modified" with the clock.
        ExcelWriter(wb, archive).write_data()
    date_time = (min(max(when.year, 1980), 2107), when.month, when.day, when.hour, when.minute, when.second)
    yearly_path = yearly_ws.path.lstrip("/")
    return _normalise_zip(
        raw.getvalue(),
        date_time,
        {yearly_path: lambda xml: _cache_formula_values(xml, cached)},
        (iterations_ws.path.lstrip("/"), rows),
    )
