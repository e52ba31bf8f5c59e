"""Issue 17.4: with --lang nl the CSV opens in Dutch Excel (';' between fields, a decimal
comma, a UTF-8 BOM so € survives); English stays ',' and '.'."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from roi_sim.model.simulate import run as simulate
from roi_sim.outputs.formats import render, to_csv, to_json
from roi_sim.outputs.language import ENGLISH, language
from roi_sim.scenario.spec import load_scenario

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result():
    return simulate(load_scenario(ROOT / "scenarios" / "tiers.yaml"), iterations=400)


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_english_csv_keeps_comma_and_point(result) -> None:
    text = to_csv(result, ENGLISH)
    assert not text.startswith("\ufeff")
    rows = _rows(text, ",")
    assert rows[0] == ["strategy", "section", "item", "year", "mean", "se", "p5", "p50", "p95"]
    assert all(len(r) == 9 for r in rows)
    assert render(result, "csv") == text


def test_dutch_csv_semicolons_decimal_comma_and_bom(result) -> None:
    en = _rows(to_csv(result, ENGLISH), ",")
    text = to_csv(result, language("nl"))
    assert text.startswith("\ufeff") and text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    nl = _rows(text[1:], ";")
    assert len(nl) == len(en) and all(len(r) == 9 for r in nl)
    doc = json.loads(to_json(result))
    ratio = doc["strategies"][0]["metrics"]["benefit_cost_ratio"]["mean"]
    found = False
    assert nl[0] == en[0]
    for a, b in zip(en[1:], nl[1:]):
        assert a[:4] == b[:4]  # keys and names unchanged
        if a[1] == "provenance":
            assert b == a
            continue
        for x, y in zip(a[4:], b[4:]):
            assert "." not in y
            if x:
                # The same number, its decimal point written as a comma.
                assert float(y.replace(",", ".")) == float(x)
        if b[0] == doc["strategies"][0]["name"] and b[2] == "benefit_cost_ratio":
            assert b[4] == repr(ratio).replace(".", ",")
            found = True
    assert found
