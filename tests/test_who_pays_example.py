"""The README's worked example of the fiscal budget lines ("Who pays, who gains"), each line
computed here by hand from the article's plan plus LKS, execution and placement costs."""

from __future__ import annotations

import pytest

import roi_sim
from tests.conftest import LELYSTAD_AS_TOLD

EXAMPLE = LELYSTAD_AS_TOLD + (
    "subsidised_share: 0.5\nwage_value: 0.5\nexecution_cost_per_client_year: 1000\nplacement_cost_per_year: 1500\n"
)
WML = 29_735.42


def _lines(text: str) -> tuple[dict[str, float], float]:
    st = roi_sim.simulate(roi_sim.load(text), deterministic=True).to_dict()["strategies"][0]
    return {k: v["mean"] for k, v in st["ledgers"]["fiscal"]["lines"].items()}, st["metrics"]["net_savings"]["mean"]


def test_the_worked_example_line_by_line() -> None:
    client_months = 90 * 24  # 30% of 300 leave in the first year and stay off exactly 24 months
    lks_year = min(1 - 0.5, 0.70) * WML * 1.235
    lks_paid = client_months * 0.5 * lks_year / 12
    lines, net = _lines(EXAMPLE)
    assert lines["buig_benefits"] == pytest.approx(client_months * 12_000 / 12)
    assert lines["buig_lks"] == pytest.approx(0.0, abs=0.01)  # paid in years 1-3, refunded in years 2-4
    assert lines["execution"] == pytest.approx(client_months / 12 * 1000 - client_months / 12 * 0.5 * 1500)
    assert lines["programme"] == pytest.approx(-1_500_000)
    assert net == pytest.approx(705_000)
    _, without_refund = _lines(EXAMPLE + "lks_refund: false\n")
    assert without_refund == pytest.approx(705_000 - lks_paid, abs=0.01)
    _, vangnet = _lines(EXAMPLE + "benefit_retention: 0.5\n")
    assert vangnet == pytest.approx(705_000 - client_months * 1000 / 2)


def test_the_stakeholder_example() -> None:
    text = LELYSTAD_AS_TOLD + "displacement: 0.2\nnon_market_time_value_per_year: 2000\n"
    st = roi_sim.simulate(roi_sim.load(text), deterministic=True).to_dict()["strategies"][0]
    years = 180.0  # 90 leavers × 24 months
    value_of_work = years * WML * 1.235 * 0.8
    got = {k: v["mean"] for k, v in st["stakeholders"].items()}
    assert got["municipality"] == pytest.approx(years * 12_000 - 1_500_000)
    # The sourced defaults (docs/facts.md, "The client's net amounts"): the net wage at the
    # full-time WML 2026 and the single bijstand norm of 1 January 2026 × 12.
    net_wage, net_benefit = 27_595.87, 1_401.50 * 12
    assert got["client"] == pytest.approx(years * (net_wage - net_benefit) - years * 2_000, abs=0.01)
    assert got["rijk"] == pytest.approx(years * WML * 1.235 - years * (net_wage - net_benefit) - years * 12_000, abs=0.01)
    # The README's table, rounded to whole euros.
    assert [round(got[k]) for k in ("municipality", "rijk", "employer", "client", "uwv", "society")] == [
        660_000, 2_510_167, -1_322_037, 1_580_017, 0, 3_428_147,
    ]
    assert got["employer"] == pytest.approx(value_of_work - years * WML * 1.235, abs=0.01)
    assert got["society"] == pytest.approx(value_of_work - years * 2_000 - 1_500_000, abs=0.01)
    # The JSON rounds each S to cents: five rounded parts may miss their rounded sum by 2.5 cents.
    assert got["society"] == pytest.approx(sum(got[k] for k in ("municipality", "rijk", "uwv", "employer", "client")), abs=0.025)
