"""Issue 14.3: the council report carries the budget table per begrotingsjaar (nominal,
undiscounted) where the scenario gives a price year, and none without one."""

from __future__ import annotations

from tests.conftest import LELYSTAD_AS_TOLD


def test_budget_years_in_the_report(cli, write, tmp_path) -> None:
    out = tmp_path / "r.md"
    text = LELYSTAD_AS_TOLD + "price_year: 2026\nstart_year: 2027\nindexation: {benefits: 0.02, wages: 0.02, costs: 0.03}\n"
    assert cli("report", write(text), "--deterministic", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "### Budget years — Lelystad as the article tells it (nominal, undiscounted, prices of 2026 indexed)" in page
    # 2027 is one year after the price year: the investment × 1.03, paid in the first begrotingsjaar.
    row = next(line for line in page.splitlines() if line.startswith("| Investment | €1,545,000 |"))
    assert "| 2027 | 2028 |" in page and row


def test_no_budget_years_without_a_price_year(cli, write, tmp_path) -> None:
    out = tmp_path / "r.md"
    assert cli("report", write(LELYSTAD_AS_TOLD), "--deterministic", "-o", out).exit_code == 0
    assert "Budget years" not in out.read_text(encoding="utf-8")


def test_who_pays_who_gains_in_the_report(cli, write, tmp_path) -> None:
    # The README's worked example: society = value of work 180 × 29,735.42 × 1.235 × 0.8
    # − 180 × 2,000 of free time − 1,500,000 = 3,428,147.
    out = tmp_path / "r.md"
    text = LELYSTAD_AS_TOLD + "displacement: 0.2\nnon_market_time_value_per_year: 2000\n"
    assert cli("report", write(text), "--deterministic", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "## Who pays, who gains" in page
    assert "| Society (the sum) | €3,428,147 |" in page
    assert "| Municipality | €660,000 |" in page


def test_without_valuation_inputs_no_society_row(cli, write, tmp_path) -> None:
    out = tmp_path / "r.md"
    assert cli("report", write(LELYSTAD_AS_TOLD), "--deterministic", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "| Municipality | €660,000 |" in page and "Society (the sum)" not in page
