"""The participation ladder in the terminal (DESIGN.md §10): clients per state per year with
and without the programme, and the rung-years gained, equal to the JSON's; on a real
pseudo-terminal of 80, 100 and 120 columns (tests/pty_helper.py) within the width and with no
number cut; in both languages; absent for an on/off scenario."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest
from rich.console import Console

import roi_sim
from roi_sim.outputs.ladder_table import ladder_renderables
from roi_sim.outputs.language import language
from tests.pty_helper import ROOT, run_on_pty
from tests.test_ladder_engine import LADDER, PROGRAMME


def _text(doc: dict, lang: str, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    for item in ladder_renderables(doc, language(lang), width):
        console.print(item)
    return out.getvalue()


def _doc() -> dict:
    return roi_sim.simulate(roi_sim.load(LADDER.format(iterations=100, programme=PROGRAMME)), deterministic=True).to_dict()


def test_the_table_shows_the_jsons_occupancy() -> None:
    doc = _doc()
    text = _text(doc, "en", 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    occ = doc["strategies"][0]["occupancy"]
    work_p, work_c = occ["programme"][0]["work"]["mean"], occ["counterfactual"][0]["work"]["mean"]
    row = next(line for line in text.splitlines() if line.strip().startswith("work (rung 6)"))
    assert row.split()[3:5] == [f"{work_p:,.0f}", f"({work_c:,.0f})"]
    rungs = doc["strategies"][0]["rung_years_gained"]["mean"]
    assert f"four states: {rungs:,.0f} rung-years gained on the participation ladder over the horizon." in " ".join(text.split())


ROTTERDAM = ("run", "scenarios/rotterdam.yaml", "-n", "200")


@pytest.fixture(scope="module")
def rotterdam_doc() -> dict:
    out = subprocess.run([sys.executable, "-m", "roi_sim", *ROTTERDAM, "-f", "json"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_on_a_real_terminal_the_table_fits_and_cuts_no_number(columns: int, rotterdam_doc: dict) -> None:
    """`roi-sim run scenarios/rotterdam.yaml` on a pseudo-terminal of 80, 100 and 120 columns:
    no line wider than the terminal, no '…', every cell "with (without)" whole on one line
    with the JSON's means, every state name whole, each strategy's rung-years sentence."""
    text = run_on_pty(columns, *ROTTERDAM)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    assert "…" not in text
    flat = " ".join(text.split())
    for st in rotterdam_doc["strategies"]:
        occ = st["occupancy"]
        assert f"Clients per state at the end of each year — {st['name']}: mean with the programme (without it)" in flat
        for state in occ["states"]:
            name = state["name"]
            # The state's name is never folded: it starts a line of the table, whole.
            assert re.search(rf"^  {re.escape(name)}(?: |$)", text, flags=re.M), name
            for p, c in zip(occ["programme"], occ["counterfactual"]):
                cell = f"{p[name]['mean']:,.0f} ({c[name]['mean']:,.0f})"
                assert re.search(rf"(?<![\d,(]){re.escape(cell)}(?![\d,)])", text), (st["name"], name, p["year"], cell)
        rungs = st["rung_years_gained"]
        sentence = (f"{st['name']}: {rungs['mean']:,.0f} rung-years gained on the participation ladder over the horizon "
                    f"(90%: {rungs['p5']:,.0f} to {rungs['p95']:,.0f}).")
        assert sentence in flat


def test_the_table_in_dutch() -> None:
    text = " ".join(_text(_doc(), "nl", 100).split())
    assert "Cliënten per toestand aan het eind van elk jaar — four states: met het programma (zonder)" in text
    assert "tredejaren gewonnen op de participatieladder binnen de rekenperiode" in text
    assert "work (trede 6)" in text


def test_nothing_for_an_on_off_scenario() -> None:
    text = "horizon_years: 2\ncohort_size: 100\ncost_per_client: 10\nannual_benefit_cost: 1000\noutflow_rate: 0.3\ntime_out_of_benefits_years: 2\n"
    doc = roi_sim.simulate(roi_sim.load(text), deterministic=True).to_dict()
    assert ladder_renderables(doc, language("en"), 80) == []


def test_the_workbook_has_a_sheet_of_clients_per_state(cli, tmp_path) -> None:  # noqa: ANN001
    import json

    import openpyxl

    path = tmp_path / "ladder.yaml"
    path.write_text(LADDER.format(iterations=100, programme=PROGRAMME), encoding="utf-8")
    doc = json.loads(cli("run", path, "--deterministic", "--format", "json").stdout)
    for lang, title in (("en", "Clients per state"), ("nl", "Cliënten per toestand")):
        out = tmp_path / f"{lang}.xlsx"
        assert cli("run", path, "--deterministic", "-o", out, "--lang", lang).exit_code == 0
        rows = list(openpyxl.load_workbook(out)[title].iter_rows(values_only=True))
        occ = doc["strategies"][0]["occupancy"]
        work_year_2 = next(r for r in rows[1:] if r[1] == "work" and r[3] == 2)
        want_p, want_c = occ["programme"][1]["work"]["mean"], occ["counterfactual"][1]["work"]["mean"]
        assert work_year_2[2] == 6 and work_year_2[4:7] == (want_p, want_c, want_p - want_c)
        assert rows[-1][6] == doc["strategies"][0]["rung_years_gained"]["mean"]


def test_the_report_has_a_stacked_chart_per_ladder_strategy() -> None:
    from roi_sim.outputs.council_report.sections import make_charts

    scenario = roi_sim.load(LADDER.format(iterations=100, programme=PROGRAMME))
    charts = make_charts(roi_sim.simulate(scenario, deterministic=True).run, language("nl"))
    assert "occupancy-1" in charts and charts["occupancy-1"].startswith(b"\x89PNG")
    on_off = "horizon_years: 2\ncohort_size: 100\ncost_per_client: 10\nannual_benefit_cost: 1000\noutflow_rate: 0.3\ntime_out_of_benefits_years: 2\n"
    assert not any(k.startswith("occupancy") for k in make_charts(roi_sim.simulate(roi_sim.load(on_off), deterministic=True).run, language("en")))


def test_without_rungs_no_rung_years_and_no_note_about_them() -> None:
    text = LADDER.format(iterations=100, programme=PROGRAMME)
    for rung in (", rung: 2}", ", rung: 3}", ", rung: 6,", ", rung: 2,"):
        text = text.replace(rung, "}" if rung.endswith("}") else ",")
    doc = roi_sim.simulate(roi_sim.load(text), deterministic=True).to_dict()
    shown = " ".join(_text(doc, "en", 80).split())
    assert "Clients per state at the end of each year" in shown and "| far" not in shown
    assert "rung-years" not in shown.lower()
