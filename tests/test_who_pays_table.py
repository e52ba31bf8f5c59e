"""Issue 14.2: "who pays, who gains" in the terminal output of `run` and in the workbook. The
table's numbers are the JSON's (``strategies[].stakeholders``), its words in English and
Dutch; it is shown where the scenario values society and replaced by one line where it does
not; at 80 columns on a real pseudo-terminal no amount is cut (the approach of
tests/test_tables_width.py)."""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from roi_sim.model.metrics import STAKEHOLDERS
from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.outputs.formats.terminal import render_tables, renderables_to_text
from roi_sim.outputs.language import LABELS, XLSX_LABELS, language
from roi_sim.outputs.workbook import workbook_bytes
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD
from tests.pty_helper import run_on_pty

ROOT = Path(__file__).resolve().parent.parent
VALUED = LELYSTAD_AS_TOLD + "displacement: 0.2\nnon_market_time_value_per_year: 2000\n"
WHEN = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
#: The README's example by hand (docs/model.md): 180 extra client-years, full time.
BY_HAND = {"municipality": 660_000, "rijk": 2_510_167, "uwv": 0, "employer": -1_322_037, "client": 1_580_017, "society": 3_428_147}


def _text(scenario: str, code: str) -> tuple[str, dict]:
    result = run(parse_scenario(scenario), deterministic=True)
    return renderables_to_text(render_tables(result, language(code), width=120), 120), to_dict(result)


@pytest.mark.parametrize("code", ["en", "nl"])
def test_the_table_shows_the_json_figures_in_both_languages(code: str) -> None:
    lang = language(code)
    text, doc = _text(VALUED, code)
    words = LABELS[code]
    # The scenario is not discounted (rate 0%): the title says so by not saying "present values".
    assert words["who_pays_table_title_plain"] in text and words["who_pays_table_title"] not in " ".join(text.split())
    assert words["who_pays_not_valued"] not in text
    stakeholders = doc["strategies"][0]["stakeholders"]
    assert {k: round(v["mean"]) for k, v in stakeholders.items()} == BY_HAND
    lines = text.splitlines()
    for who in STAKEHOLDERS:
        label, amount = words[f"who_short_{who}"], lang.euro(stakeholders[who]["mean"])
        row = next(line for line in lines if line.strip().startswith(label))
        assert row.split()[-1] == amount.split()[-1] and row.rstrip().endswith(amount), (row, amount)
    # The English and Dutch amounts: "€1,580,017" and "€ 1.580.017".
    assert ("€1,580,017" if code == "en" else "€ 1.580.017") in text


@pytest.mark.parametrize("code", ["en", "nl"])
def test_without_valuation_inputs_one_line_says_society_is_not_valued(code: str) -> None:
    text, doc = _text(LELYSTAD_AS_TOLD, code)
    assert doc["strategies"][0]["stakeholders"]["society"] is None
    assert LABELS[code]["who_pays_table_title"] not in text
    assert " ".join(LABELS[code]["who_pays_not_valued"].split()[:8]) in " ".join(text.split())


def _whole(x: float, scale: float) -> str:
    v = round(x / scale)
    body = f"{abs(v):,}"
    if scale == 1:
        return ("-€" if v < 0 else "€") + body
    return ("-" if v < 0 else "") + body


def test_the_table_fits_80_columns_on_a_terminal_and_shows_the_json_means() -> None:
    args = ("run", "scenarios/tiers.yaml", "-n", "1000")
    text = run_on_pty(80, *args)
    assert "Who pays, who gains (present values, mean)" in text
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "…" not in text
    out = subprocess.run([sys.executable, "-m", "roi_sim", *args, "-f", "json"], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True)
    doc = json.loads(out.stdout)
    block = text[text.index("Who pays, who gains") : text.index("Each party's gain")]
    thousands = "Who pays, who gains (present values, mean) — amounts × €1,000" in " ".join(block.split())
    for st in doc["strategies"]:
        for who in STAKEHOLDERS:
            shown = _whole(st["stakeholders"][who]["mean"], 1000 if thousands else 1)
            assert re.search(rf"(?<![\d,]){re.escape(shown)}(?![\d,])", block), (st["name"], who, shown)


@pytest.mark.parametrize("code", ["en", "nl"])
def test_the_workbook_has_a_who_pays_sheet_with_the_json_figures(code: str) -> None:
    uncertain = VALUED.replace("outflow_rate: 0.30", "outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}") + "iterations: 300\nseed: 5\n"
    result = run(parse_scenario(uncertain))
    doc = to_dict(result)
    lab = XLSX_LABELS[code]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(doc, result.iterations, lab, created=WHEN)), data_only=True)
    sheet = book[lab["who_pays_sheet"]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (lab["strategy"], lab["stakeholder"], lab["mean"], lab["se"], lab["p5"], lab["p50"], lab["p95"])
    st = doc["strategies"][0]
    for row, who in zip(rows[1:], STAKEHOLDERS, strict=True):
        stat = st["stakeholders"][who]
        assert row[:2] == (st["name"], lab[f"who_{who}"])
        assert list(row[2:]) == [stat[k] for k in ("mean", "se", "p5", "p50", "p95")]


def test_the_workbook_marks_what_is_not_valued() -> None:
    result = run(parse_scenario(LELYSTAD_AS_TOLD), deterministic=True)
    doc = to_dict(result)
    lab = XLSX_LABELS["en"]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(doc, None, lab, created=WHEN)), data_only=True)
    rows = {r[1]: r[2:] for r in book[lab["who_pays_sheet"]].iter_rows(min_row=2, values_only=True)}
    for who in ("employer", "society"):
        assert rows[f"{lab[f'who_{who}']} ({lab['who_not_valued']})"] == (None,) * 5
    assert rows[lab["who_client"]][0] == doc["strategies"][0]["stakeholders"]["client"]["mean"]
