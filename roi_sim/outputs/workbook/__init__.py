"""An Excel workbook of a finished run, for controllers who redo the sums in a spreadsheet.

:func:`workbook_bytes` turns the JSON document of a run (:func:`roi_sim.outputs.formats.to_dict`)
and, optionally, its per-iteration results (``RunResult.iterations``) into the bytes of an
``.xlsx`` file with five or six sheets:

1. *summary*: one row per strategy and metric with mean, se, p5, p50 and p95 as numbers
   (the JSON figures exactly), then the chance of a positive net, the median payback month
   and the chance of paying back within the horizon;
2. *yearly*: per strategy and year the mean investment, savings, subsidies and net, and the
   cumulative net as a formula (previous cumulative + this year's net), so the sums show;
3. *iterations*: one row per iteration per strategy (NaN, e.g. "never pays back", is an
   empty cell), at most ``max_rows`` rows (the first iterations of every strategy, so rows
   stay paired), noted in the provenance sheet when capped;
4. *budget years* (only with a price year, issue 14.3): per strategy and begrotingsjaar the
   nominal, undiscounted amounts and the fiscal budget lines (:mod:`.budget`);
5. *who pays, who gains* (issue 14.2): per strategy and stakeholder the JSON's statistics
   (:mod:`.stakeholders`; employers and society empty when the scenario does not value work);
6. *provenance*: tool and version, scenario name and sha256, seed, iterations, mode,
   horizon, discount rate and the creation date and time.

Discounted amounts say so (issue 17.2): "present values at 2.25%" in the labels and
headers of the summary, yearly, who-pays and iterations sheets, never at a discount rate of
0; the summary puts the nominal, undiscounted budget total beside them when the run has
budget years, and a note says why a benefit-cost ratio is below zero (:mod:`.amounts`).

The same input and ``created`` give the same bytes: the core properties take ``created``,
and every zip entry gets its date and fixed attributes. Labels (English, Dutch, ...) come
from the caller; :data:`XLSX_LABELS` holds an English and a Dutch set.

The package is cut by sheet: :mod:`.cells` (labels, number formats, typed cells),
:mod:`.sheets` (summary, yearly, provenance), :mod:`.iterations` (the iterations sheet,
written as XML) and :mod:`.archive` (the reproducible zip).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

# XLSX_LABELS: ready-made label sets (every required and optional label) by language code, from
# the output language tables (roi_sim.outputs.language), one place for every word.
from roi_sim.outputs.language import XLSX_LABELS, Language
from roi_sim.outputs.workbook.amounts import workbook_language
from roi_sim.outputs.workbook.archive import _cache_formula_values, _normalise_zip, _utc_naive
from roi_sim.outputs.workbook.budget import budget_sheet
from roi_sim.outputs.workbook.cells import (
    CLIENTS,
    EURO,
    EXCEL_MAX_DATA_ROWS,
    ITERATION_FIELDS,
    OPTIONAL_LABELS,
    PERCENT,
    RATIO,
    REQUIRED_LABELS,
    STATS,
    TEXT,
    WHOLE,
    YEARLY_ITEMS,
    _check_labels,
    _check_sheet_titles,
    _clean,
)
from roi_sim.outputs.workbook.iterations import _iterations_sheet
from roi_sim.outputs.workbook.occupancy import occupancy_sheet
from roi_sim.outputs.workbook.sheets import _provenance_sheet, _summary_sheet, _yearly_sheet
from roi_sim.outputs.workbook.stakeholders import stakeholder_sheet

__all__ = [
    "CLIENTS", "EURO", "EXCEL_MAX_DATA_ROWS", "ITERATION_FIELDS", "OPTIONAL_LABELS", "PERCENT", "RATIO", "REQUIRED_LABELS",
    "STATS", "TEXT", "WHOLE", "XLSX_LABELS", "YEARLY_ITEMS", "workbook_bytes",
]  # fmt: skip


def workbook_bytes(
    doc: Mapping[str, Any],
    iterations: Mapping[str, Any] | None,
    labels: Mapping[str, str],
    *,
    created: datetime.datetime,
    max_rows: int = 1_000_000,
    societal: bool | None = None,
    include_iterations: bool = False,
    lang: Language | None = None,
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
    ``lang`` words the present-value labels and notes (issue 17.2); by default the
    language of ``labels`` (English for labels of the caller's own).
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
        # Only a ledger the scenario valued (null otherwise, issue 14.4) has MKBA rows.
        societal = all(st["ledgers"].get("societal") is not None for st in doc["strategies"])
    words = workbook_language(labels, lang)
    _summary_sheet(wb, doc, lab, societal, words)
    yearly_ws, cached = _yearly_sheet(wb, doc, lab, words)
    stakeholder_sheet(wb, doc, lab, [lab[k] for k in ("summary", "yearly", "iterations", "provenance")], words)
    budget_sheet(wb, doc, lab, [lab[k] for k in ("summary", "yearly", "iterations", "provenance")])
    occupancy_sheet(wb, doc, lab, [lab[k] for k in ("summary", "yearly", "iterations", "provenance")])
    iterations_ws, rows, n = _iterations_sheet(wb, doc, iterations, lab, max_rows if include_iterations else 0, words)
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
