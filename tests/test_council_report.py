"""Issue 7: the council report. One self-contained HTML file (no network), its headline,
tables and embedded charts; every number equal to the JSON figure for the same seed; Dutch
labels and number formats with --lang nl."""

from __future__ import annotations

import html as htmlmod
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from roi_sim.outputs.language import ENGLISH, LABELS, language

ROOT = Path(__file__).resolve().parent.parent
LELYSTAD = ROOT / "scenarios" / "lelystad.yaml"
TIERS = ROOT / "scenarios" / "tiers.yaml"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    from typer.testing import CliRunner

    from roi_sim.cli.app import app

    out = tmp_path_factory.mktemp("reports")
    runner = CliRunner()
    made = {}
    for name, scenario, lang in (("en", LELYSTAD, "en"), ("nl", TIERS, "nl"), ("en-tiers", TIERS, "en")):
        path = out / f"{name}.html"
        res = runner.invoke(app, ["report", str(scenario), "-o", str(path), "--lang", lang, "-n", "4096"],
                            catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1795000000"})
        assert res.exit_code == 0, res.stderr
        made[name] = path.read_text(encoding="utf-8")
        made[name + ":path"] = str(path)
    for name, scenario in (("json-lelystad", LELYSTAD), ("json-tiers", TIERS)):
        res = runner.invoke(app, ["run", str(scenario), "-f", "json", "-n", "4096"], catch_exceptions=False)
        made[name] = res.stdout
    return made


def _visible_text(page: str) -> str:
    page = re.sub(r'src="data:[^"]+"', "", page)
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", page))


def test_one_self_contained_file_with_headline_tables_and_images(reports) -> None:
    page = reports["en"]
    assert page.startswith("<!DOCTYPE html>")
    # Nothing from the network: no external scripts, styles, fonts or images.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page
    assert page.count('src="data:image/png;base64,') == 3  # fan chart, histogram, comparison
    text = _visible_text(page)
    assert "Each euro invested returns €0." in text  # about €0.14 on the Dutch evidence (issue 12)
    assert "Chance of earning the investment back within the horizon:" in text
    assert "Cash flow per year — The plan: 300 clients a year for 3 years" in text
    assert "Gross savings and the correction" in text
    # Provenance: version, sha256 of the scenario, seed, iterations and the date it was made.
    import hashlib

    sha = hashlib.sha256(LELYSTAD.read_bytes()).hexdigest()
    assert f"scenario sha256 {sha}" in text and "seed 2011" in text and "4,096 iterations" in text
    assert "Made on 2026-11-18" in text
    # Assumptions carry the scenario's own source comments.
    assert "seed 002 Lelystad: 'voor 5000 euro per klant'" in text


def test_every_number_equals_the_json(reports) -> None:
    doc = json.loads(reports["json-lelystad"])
    allowed = set()

    def collect(x):
        if isinstance(x, dict):
            for v in x.values():
                collect(v)
        elif isinstance(x, list):
            for v in x:
                collect(v)
        elif isinstance(x, (int, float)) and not isinstance(x, bool):
            allowed.add(float(x))

    collect(doc["strategies"])
    collect(doc["comparisons"])
    page = reports["en"]
    cells = re.findall(r'data-value="([^"]+)">([^<]*)<', page)
    assert len(cells) > 50
    money_cells = 0
    for raw, shown in cells:
        value = float(raw)
        # Sensitivity swings are deterministic recomputations, not JSON figures.
        if value in allowed:
            if htmlmod.unescape(shown).startswith("€") or htmlmod.unescape(shown).startswith("-€"):
                assert htmlmod.unescape(shown).split(" (")[0] == ENGLISH.euro(value)
                money_cells += 1
    assert money_cells > 30
    # And the key figures are there.
    for st in doc["strategies"]:
        assert f'data-value="{st["metrics"]["net_savings"]["mean"]!r}"' in page


def test_dutch_leaves_no_english_label(reports) -> None:
    page = reports["nl"]
    # The user's own words stay as written: the question (the scenario's top comment), the
    # assumptions table (keys, values, source comments) and the strategy and group names.
    question = re.search(r"<h2>De vraag</h2>(.*?)<h2>", page, flags=re.S)
    assert question
    page = page.replace(question.group(1), " ")
    page = page.split("<h2>Aannames</h2>")[0]
    text = _visible_text(page)
    for name in ("All to 80-100%", "All to 50-80%", "All to 20-50%", "All to 0-20%", "Korf's mix (2/3 to 50-80%, 1/3 to 20-50%)"):
        text = text.replace(name, " ")
    text = re.sub(r"\b[a-z]+(_[a-z0-9]+)+\b", " ", text)  # scenario keys such as outflow_rate
    # Everything roi-sim itself says is Dutch.
    for key, english in LABELS["en"].items():
        dutch = LABELS["nl"][key]
        if english == dutch:
            continue
        for fragment in re.split(r"\{[^}]*\}", english):
            fragment = fragment.strip(" .,:;()·—-")
            if len(fragment) < 4 or fragment in dutch:
                continue
            assert not re.search(rf"\b{re.escape(fragment)}\b", text), (key, fragment)
    assert "Elke geïnvesteerde euro levert" in text
    assert "Netto besparing" in text and "Terugverdientijd" in text


def test_dutch_number_format() -> None:
    nl = language("nl")
    assert nl.euro(1234567.8) == "€ 1.234.568"
    assert nl.euro(-54000) == "-€ 54.000"  # issue 17.6: "€ -0,18" reads as a typo
    assert nl.euro_cents(1.44) == "€ 1,44"
    assert ENGLISH.euro(1234567.8) == "€1,234,568"


def test_dutch_tables_on_the_terminal(cli) -> None:
    out = cli("run", str(TIERS), "--lang", "nl", "-n", "512").stdout
    assert "Samenvatting per strategie" in out and "Kasstroom per jaar" in out and "Jaar 1" in out
    assert "€ 1.500.000" in out
    for english in ("Summary per strategy", "Cash flow per year", "Year 1", "Investment", "Cumulative net"):
        assert english not in out


def test_markdown_report_and_bad_output_name(cli, tmp_path) -> None:
    md = tmp_path / "r.md"
    res = cli("report", str(LELYSTAD), "-o", md, "-n", "512")
    assert res.exit_code == 0
    text = md.read_text()
    assert text.startswith("# Council report: Lelystad") and "![fan](data:image/png;base64," in text
    bad = cli("report", str(LELYSTAD), "-o", tmp_path / "r.pdf")
    assert bad.exit_code == 2 and bad.stderr == f"roi-sim: error: --output {tmp_path / 'r.pdf'}: give a .html or .md file name\n"


def test_plot_quick_look(cli, tmp_path) -> None:
    png = tmp_path / "fan.png"
    res = cli("run", str(LELYSTAD), "-n", "512", "--plot", png, "-f", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = tmp_path / "fan.svg"
    assert cli("run", str(LELYSTAD), "-n", "512", "--plot", svg, "-f", "json").exit_code == 0
    assert b"<svg" in svg.read_bytes()[:500]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_renders_headless(reports, tmp_path) -> None:
    shot = tmp_path / "report.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,3000",
         "file://" + reports["en:path"]],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 50_000


def test_xlsx_summary_equals_the_json(cli, tmp_path) -> None:
    import openpyxl

    book = tmp_path / "lelystad.xlsx"
    assert cli("run", str(LELYSTAD), "-n", "1000", "-o", book).exit_code == 0
    doc = cli.json("run", str(LELYSTAD), "-n", "1000")
    sheet = openpyxl.load_workbook(book)["Summary"]
    rows = {(r[0], r[1]): r[2:7] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    for st in doc["strategies"]:
        got = rows[(st["name"], "Net savings (after investment)")]
        s = st["metrics"]["net_savings"]
        assert list(got) == [s["mean"], s["se"], s["p5"], s["p50"], s["p95"]]
    bad = cli("run", str(LELYSTAD), "-n", "100", "--format", "xlsx")
    assert bad.exit_code == 2 and bad.stderr == "roi-sim: error: --format xlsx: a workbook is a file; give --output results.xlsx\n"
