"""Issue 17 (workbook): quick to open (the per-iteration sheet is optional) and with a
totals row per strategy in the yearly sheet, its cached value the sum of the JSON years."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.outputs.language import XLSX_LABELS
from roi_sim.outputs.workbook import workbook_bytes
from roi_sim.scenario.spec import load_scenario

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)


def test_totals_rows_and_optional_iterations_sheet() -> None:
    result = run(load_scenario(ROOT / "scenarios" / "tiers.yaml"), iterations=1000)
    doc = to_dict(result)
    small = workbook_bytes(doc, result.iterations, XLSX_LABELS["en"], created=WHEN)
    full = workbook_bytes(doc, result.iterations, XLSX_LABELS["en"], created=WHEN, include_iterations=True)
    assert len(small) * 5 < len(full)
    book = openpyxl.load_workbook(io.BytesIO(small), data_only=True)
    assert book["Iterations"].max_row == 1  # header only
    rows = list(book["Yearly"].iter_rows(min_row=2, values_only=True))
    for st in doc["strategies"]:
        total = next(r for r in rows if r[0] == st["name"] and r[1] == "Total")
        for col, item in zip(total[2:6], ("investment", "savings", "subsidies", "net")):
            assert abs(col - sum(y[item]["mean"] for y in st["yearly"])) < 0.01
    formulas = openpyxl.load_workbook(io.BytesIO(small))["Yearly"]
    assert any(str(c.value).startswith("=SUM(") for row in formulas.iter_rows() for c in row)
    provenance = dict(openpyxl.load_workbook(io.BytesIO(small))["Provenance"].iter_rows(values_only=True))
    assert "left empty" in provenance["Note"]
    full_rows = sum(1 for _ in openpyxl.load_workbook(io.BytesIO(full), read_only=True)["Iterations"].iter_rows())
    assert full_rows == 1 + 1000 * len(doc["strategies"])
