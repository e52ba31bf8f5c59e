"""The participation ladder in `run --format markdown` and `--format csv` (DESIGN.md §10,
issue 13.2): clients per state at the end of each year with and without the programme and the
rung-years gained, checked against the K-state matrix chain of tests/test_ladder_engine.py
(deterministic mode) and against the JSON of the same run (simulated), in both languages;
nothing added for an on/off scenario."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from roi_sim.outputs.language import language
from tests.test_ladder_engine import LADDER, PROGRAMME, by_hand

NAMES = ("far", "near", "work", "wajong")
RUNGS = {"far": 2, "near": 3, "work": 6, "wajong": 2}
ON_OFF = "name: on off\nhorizon_years: 2\ncohort_size: 100\ncost_per_client: 10\nannual_benefit_cost: 1000\noutflow_rate: 0.3\ntime_out_of_benefits_years: 2\n"


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.yaml"
    path.write_text(LADDER.format(iterations=64, programme=PROGRAMME), encoding="utf-8")
    return path


def _number(text: str, code: str) -> float:
    """A number as the language shows it ("1,234.5" or "1.234,5") back to a float."""
    thousands, decimal = (",", ".") if code == "en" else (".", ",")
    return float(text.replace(thousands, "").replace(decimal, "."))


def _markdown_ladder(text: str, code: str) -> dict[str, Any]:
    """The ladder tables of a Markdown document: {title: {state label: [(with, without)]}}
    and the rung-years sentences."""
    lang = language(code)
    lines = text.splitlines()
    head = lang.t("ladder_title", name="").split(" — ")[0]
    tables: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for i, line in enumerate(lines):
        if not line.startswith("## " + head):
            continue
        rows: dict[str, list[tuple[float, float]]] = {}
        assert lines[i + 1] == "" and lines[i + 2].startswith(f"| {lang.t('ladder_state')} | ")
        for row in lines[i + 4:]:
            if not row.startswith("| "):
                break
            label, *cells = [c.strip() for c in row.strip("|").split("|")]
            pairs = []
            for cell in cells:
                with_, without = cell.split(" ")
                assert without.startswith("(") and without.endswith(")"), cell
                pairs.append((_number(with_, code), _number(without[1:-1], code)))
            rows[label] = pairs
        tables[line[3:]] = rows
    return tables


@pytest.mark.parametrize("code", ["en", "nl"])
def test_markdown_shows_the_chains_occupancy_and_rung_years(cli, ladder: Path, code: str) -> None:  # noqa: ANN001
    lang = language(code)
    out = cli("run", ladder, "--deterministic", "--format", "markdown", "--lang", code)
    assert out.exit_code == 0, out.stderr
    want = by_hand()
    tables = _markdown_ladder(out.stdout, code)
    title = lang.t("ladder_title", name="four states")
    assert list(tables) == [title]
    rows = tables[title]
    assert list(rows) == [lang.t("ladder_state_rung", name=n, rung=RUNGS[n]) for n in NAMES]
    for s, name in enumerate(NAMES):
        shown = rows[lang.t("ladder_state_rung", name=name, rung=RUNGS[name])]
        assert len(shown) == 4  # the horizon's four years
        for y, (with_, without) in enumerate(shown):
            # Whole clients, rounded from the chain's expected counts after month 12y + 12.
            assert abs(with_ - want["occ_p"][12 * y + 11, s]) <= 0.5 + 1e-6, (name, y)  # type: ignore[index]
            assert abs(without - want["occ_c"][12 * y + 11, s]) <= 0.5 + 1e-6, (name, y)  # type: ignore[index]
    sentence = lang.t("ladder_rung_years", name="four states", x=lang.decimal(float(want["rung_years"]), 0))  # type: ignore[arg-type]
    assert sentence in out.stdout.splitlines()
    assert f"_{lang.t('ladder_note')}_" in out.stdout.splitlines()
    # The ladder sits before the yearly tables, as in the terminal.
    assert out.stdout.index(title) < out.stdout.index(lang.t("yearly_title", name="four states"))


@pytest.mark.parametrize("code", ["en", "nl"])
def test_simulated_markdown_shows_the_jsons_means(cli, ladder: Path, code: str) -> None:  # noqa: ANN001
    lang = language(code)
    doc = cli.json("run", ladder)
    out = cli("run", ladder, "--format", "markdown", "--lang", code)
    assert out.exit_code == 0, out.stderr
    st = doc["strategies"][0]
    rows = _markdown_ladder(out.stdout, code)[lang.t("ladder_title_mc", name="four states")]
    for name in NAMES:
        cells = [c for label, c in rows.items() if label.startswith(name + " (")][0]
        shown = [(lang.decimal(p[name]["mean"], 0), lang.decimal(c[name]["mean"], 0)) for p, c in zip(st["occupancy"]["programme"], st["occupancy"]["counterfactual"])]
        assert cells == [(_number(a, code), _number(b, code)) for a, b in shown]
    rungs = st["rung_years_gained"]
    sentence = lang.t("ladder_rung_years_mc", name="four states", x=lang.decimal(rungs["mean"], 0), lo=lang.decimal(rungs["p5"], 0), hi=lang.decimal(rungs["p95"], 0))
    assert sentence in out.stdout.splitlines()


def _csv_rows(text: str, code: str) -> list[dict[str, str]]:
    if code == "nl":
        assert text.startswith("\ufeff")
        text = text[1:]
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if code == "nl" else ","))


def _float(text: str, code: str) -> float:
    assert "," not in text if code == "en" else "." not in text, text
    return float(text.replace(",", ".")) if code == "nl" else float(text)


@pytest.mark.parametrize("code", ["en", "nl"])
def test_csv_has_the_chains_occupancy_and_rung_years(cli, ladder: Path, code: str) -> None:  # noqa: ANN001
    out = cli("run", ladder, "--deterministic", "--format", "csv", "--lang", code)
    assert out.exit_code == 0, out.stderr
    rows = _csv_rows(out.stdout, code)
    want = by_hand()
    for arm, key in (("programme", "occ_p"), ("counterfactual", "occ_c")):
        mine = [r for r in rows if r["section"] == f"occupancy_{arm}"]
        assert [(r["item"], r["year"]) for r in mine] == [(n, str(y)) for y in range(1, 5) for n in NAMES]
        for r in mine:
            s, y = NAMES.index(r["item"]), int(r["year"])
            assert r["strategy"] == "four states"
            assert abs(_float(r["mean"], code) - want[key][12 * y - 1, s]) < 1e-4, r  # type: ignore[index]
    (rung,) = [r for r in rows if r["section"] == "ladder"]
    assert rung["item"] == "rung_years_gained" and rung["year"] == ""
    assert abs(_float(rung["mean"], code) - want["rung_years"]) < 1e-4  # type: ignore[operator]


@pytest.mark.parametrize("code", ["en", "nl"])
def test_simulated_csv_is_the_jsons_occupancy_figure_for_figure(cli, ladder: Path, code: str) -> None:  # noqa: ANN001
    doc = cli.json("run", ladder)
    out = cli("run", ladder, "--format", "csv", "--lang", code)
    rows = _csv_rows(out.stdout, code)
    st = doc["strategies"][0]
    stats = ("mean", "se", "p5", "p50", "p95")
    for arm in ("programme", "counterfactual"):
        got = {(r["item"], int(r["year"])): [_float(r[k], code) for k in stats] for r in rows if r["section"] == f"occupancy_{arm}"}
        assert got == {(n, row["year"]): [row[n][k] for k in stats] for row in st["occupancy"][arm] for n in NAMES}
    (rung,) = [r for r in rows if r["section"] == "ladder"]
    assert [_float(rung[k], code) for k in stats] == [st["rung_years_gained"][k] for k in stats]
    # Same header and the tidy layout as every other row.
    assert all(len(r) == 9 and None not in r for r in rows)
    # The simulated counts differ from the chain's only by the cohort's luck.
    want = by_hand()
    got_work = np.array([row["work"]["mean"] for row in st["occupancy"]["programme"]])
    assert np.all(np.abs(got_work - want["occ_p"][11::12, 2]) < 10)  # type: ignore[index]


def test_without_rungs_csv_has_no_rung_years_row(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "no-rungs.yaml"
    text = LADDER.format(iterations=64, programme=PROGRAMME)
    for rung in (", rung: 2}", ", rung: 3}", ", rung: 6,", ", rung: 2,"):
        text = text.replace(rung, "}" if rung.endswith("}") else ",")
    assert "rung" not in text
    path.write_text(text, encoding="utf-8")
    doc = cli.json("run", path, "--deterministic")
    assert doc["strategies"][0]["rung_years_gained"] is None
    rows = _csv_rows(cli("run", path, "--deterministic", "--format", "csv").stdout, "en")
    assert not [r for r in rows if r["section"] == "ladder"]
    assert len([r for r in rows if r["section"] == "occupancy_programme"]) == 16
    md = cli("run", path, "--deterministic", "--format", "markdown").stdout
    assert "rung-years gained on the participation ladder" not in md and "| far | " in md
    assert language("en").t("ladder_note") not in md


@pytest.mark.parametrize("code", ["en", "nl"])
def test_an_on_off_scenario_gets_no_ladder_rows(cli, tmp_path: Path, code: str) -> None:  # noqa: ANN001
    path = tmp_path / "on-off.yaml"
    path.write_text(ON_OFF, encoding="utf-8")
    lang = language(code)
    md = cli("run", path, "--deterministic", "--format", "markdown", "--lang", code).stdout
    assert lang.t("ladder_state") not in md and lang.t("ladder_note") not in md
    csv_text = cli("run", path, "--deterministic", "--format", "csv", "--lang", code).stdout
    assert not [r for r in _csv_rows(csv_text, code) if r["section"].startswith("occupancy") or r["section"] == "ladder"]
    assert "occupancy" not in json.dumps(cli.json("run", path, "--deterministic"))
