"""Issue 14.3 and 14.6: prices and the budget table per begrotingsjaar (``yearly[].nominal``),
against hand computations, and the one-line errors for bad price keys."""

from __future__ import annotations

import datetime
import io

import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_csv, to_dict, to_markdown, to_text
from roi_sim.outputs.language import XLSX_LABELS, language
from roi_sim.outputs.workbook import workbook_bytes
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD, scenario_error, with_line

LKS_HALF = 0.5 * 29_735.42 * 1.235

#: 100 clients all off from their first month and for the whole horizon (3 years): 1,200
#: client-months a year × EUR 1,000, half of them with LKS at wage value 0.5; EUR 1,000 each.
BASE = """\
horizon_years: 3
cohort_size: 100
cost_per_client: 1000
annual_benefit_cost: 12000
outflow_rate: 1
outflow_window_months: 1
time_out_of_benefits_years: 10
relapse_model: fixed
subsidised_share: 0.5
wage_value: 0.5
execution_cost_per_client_year: 2000
discount_rate: 0.0225
"""
PRICES = "price_year: 2026\nstart_year: 2027\nindexation: {benefits: 0.02, wages: 0.03, costs: 0.04}\n"


def _doc(text: str) -> dict:
    return to_dict(run(parse_scenario(text), deterministic=True))


def test_nominal_is_real_undiscounted_times_the_index() -> None:
    st = _doc(BASE + PRICES)["strategies"][0]
    savings, lks, execution = 100 * 12_000, 100 * 0.5 * LKS_HALF, 100 * 2000
    for k, y in enumerate(st["yearly"], start=1):
        nominal = y["nominal"]
        # Simulation year k is begrotingsjaar 2027 + k − 1, k years after the price year 2026.
        assert nominal["budget_year"] == 2026 + k
        b, w, c = 1.02**k, 1.03**k, 1.04**k
        assert nominal["savings"]["mean"] == pytest.approx(savings * b, abs=0.01)
        assert nominal["lines"]["buig_benefits"]["mean"] == pytest.approx(savings * b, abs=0.01)
        assert nominal["subsidies"]["mean"] == pytest.approx(lks * w, abs=0.01)
        assert nominal["lines"]["execution"]["mean"] == pytest.approx(execution * c, abs=0.01)
        # The investment is paid in year 1 only (prices of 2027: × 1.04).
        assert nominal["investment"]["mean"] == pytest.approx(100_000 * c if k == 1 else 0.0, abs=0.01)
        # The refund in year k is year k − 1's LKS at year k − 1's wages.
        refund = lks * 1.03 ** (k - 1) if k > 1 else 0.0
        assert nominal["lines"]["buig_lks"]["mean"] == pytest.approx(refund - lks * w, abs=0.01)
        assert sum(s["mean"] for s in nominal["lines"].values()) == pytest.approx(nominal["net"]["mean"], abs=0.03)
    assert st["yearly"][-1]["nominal"]["cumulative_net"]["mean"] == pytest.approx(
        sum(y["nominal"]["net"]["mean"] for y in st["yearly"]), abs=0.03
    )


def test_nominal_without_indexation_is_the_undiscounted_real_table() -> None:
    # Index 0: nominal = real undiscounted; the discounted yearly rows stay as they were.
    with_prices = _doc(BASE + "price_year: 2026\n")["strategies"][0]
    plain = _doc(BASE)["strategies"][0]
    undiscounted = _doc(BASE.replace("discount_rate: 0.0225", "discount_rate: 0"))["strategies"][0]
    for y, p, u in zip(with_prices["yearly"], plain["yearly"], undiscounted["yearly"]):
        assert {k: v for k, v in y.items() if k != "nominal"} == {k: v for k, v in p.items() if k != "nominal"}
        assert y["nominal"]["budget_year"] == 2025 + y["year"]  # start_year defaults to price_year
        for key in ("investment", "savings", "subsidies", "net", "cumulative_net"):
            assert y["nominal"][key]["mean"] == pytest.approx(u[key]["mean"], abs=0.02)
        assert "nominal" not in p
    # The NPV stays real and discounted whatever the indexation.
    assert _doc(BASE + PRICES)["strategies"][0]["metrics"] == plain["metrics"]


def test_start_year_before_price_year_deflates() -> None:
    st = _doc(BASE + "price_year: 2026\nstart_year: 2024\nindexation: {benefits: 0.05}\n")["strategies"][0]
    # Begrotingsjaar 2024 is two years before the prices: × 1.05^−2.
    first = st["yearly"][0]["nominal"]
    assert first["budget_year"] == 2024
    assert first["savings"]["mean"] == pytest.approx(1_200_000 / 1.05**2, abs=0.01)


def test_budget_years_in_json_settings_tables_csv_and_workbook() -> None:
    result = run(parse_scenario(BASE + PRICES), deterministic=True)
    doc = to_dict(result)
    assert doc["settings"]["prices"] == {"price_year": 2026, "start_year": 2027, "indexation": {"benefits": 0.02, "wages": 0.03, "costs": 0.04}}
    text = to_text(result)
    assert "nominal, undiscounted, prices of 2026" in text and "2029" in text
    assert "nominaal, niet verdisconteerd, prijzen 2026" in to_text(result, lang=language("nl"))
    assert ",nominal,lines.buig_lks,2028," in to_csv(result)
    assert "Budget years — " in to_markdown(result) and "| 2027 |" in to_markdown(result)
    import openpyxl

    data = workbook_bytes(doc, None, XLSX_LABELS["en"], created=datetime.datetime(2026, 1, 1))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "Budget years" in wb.sheetnames
    rows = list(wb["Budget years"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == [2027, 2028, 2029]
    # Without a price year: no budget-years table or sheet.
    plain = run(parse_scenario(BASE), deterministic=True)
    assert "prices of" not in to_text(plain)
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(to_dict(plain), None, XLSX_LABELS["en"], created=datetime.datetime(2026, 1, 1))))
    assert "Budget years" not in wb.sheetnames


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("indexation: {wages: 0.02}",
         "s.yaml, line 11, column 1, key 'indexation': indexation needs price_year, the year whose prices the amounts are in (e.g. price_year: 2026)"),
        ("start_year: 2027",
         "s.yaml, line 11, column 1, key 'start_year': start_year needs price_year, the year whose prices the amounts are in (e.g. price_year: 2026)"),
        ("price_year: 2026\nindexation: {benefits: 0.6}",
         "s.yaml, line 12, column 14, key 'indexation.benefits': 0.6 is not an annual rate: must be a fraction between -0.5 and 0.5"),
        ("price_year: 2026\nindexation: {wages: 2}",
         "s.yaml, line 12, column 14, key 'indexation.wages': 2 is not an annual rate: must be a fraction between -0.5 and 0.5; write 0.02 for 2%"),
        ("price_year: 2026\nindexation: {costs: high}",
         "s.yaml, line 12, column 14, key 'indexation.costs': must be an annual rate, a number between -0.5 and 0.5 (0.02 for 2%), got the text 'high'"),
        ("price_year: 2026\nindexation: {prices: 0.02}",
         "s.yaml, line 12, column 14, key 'indexation.prices': unknown key 'prices' (allowed here: benefits, wages, costs)"),
        ("price_year: 2026\nindexation: 0.02", "s.yaml, line 12, column 1, key 'indexation': must be a mapping of keys, got 0.02"),
        ("price_year: 1899", "s.yaml, line 11, column 1, key 'price_year': 1899 is not a year this tool takes: must be a year from 1900 to 2200"),
        ("price_year: 2026\nstart_year: 2201",
         "s.yaml, line 12, column 1, key 'start_year': 2201 is not a year this tool takes: must be a year from 1900 to 2200"),
    ],
)
def test_bad_price_keys_are_one_line(lines: str, message: str) -> None:
    assert scenario_error(LELYSTAD_AS_TOLD + lines + "\n") == message


def test_price_keys_belong_to_the_scenario() -> None:
    text = with_line("strategies: [{name: a, price_year: 2026}]")
    assert "'price_year' belongs to the whole scenario and cannot be set per strategy" in scenario_error(text)
