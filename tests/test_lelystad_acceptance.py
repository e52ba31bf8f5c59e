"""Issue 2, acceptance 2: Lelystad as the article tells it, computed by hand.

One cohort of 300 at EUR 5,000; 30% leave during a 12-month window; each stays off exactly
24 months (fixed relapse, 2 years) and nobody leaves without the programme. So
90 clients x 24 months x EUR 1,000 a month = EUR 2,160,000 gross savings against
EUR 1,500,000 invested: benefit-cost ratio 2,160,000 / 1,500,000 = 1.44. With 3 years
off benefit: 90 x 36 x 1,000 = 3,240,000 and ratio 2.16.

Payback by hand: monthly hazard q = 1 - 0.7^(1/12). Off-benefit client-months in months
0..11 are sum_{k=1..12} 300 (1 - 0.7^(k/12)) = 617.43; months 12..21 add 10 x 90 = 900.
So the cumulative savings pass EUR 1,500,000 in month index 21 (1,517,430) and not in
month 20 (1,427,430): payback_months = 21 + 1 = 22.
"""

from __future__ import annotations

from tests.conftest import LELYSTAD_AS_TOLD


def _by_hand_payback_savings(through_month: int) -> float:
    months = sum(300 * (1 - 0.7 ** (k / 12)) for k in range(1, 13)) + 90 * (through_month - 11)
    return months * 1000


def test_hand_arithmetic_of_the_payback_month() -> None:
    # The payback month claimed in the module docstring, from the arithmetic alone.
    assert _by_hand_payback_savings(20) < 1_500_000 <= _by_hand_payback_savings(21)


def test_lelystad_two_years_deterministic(cli, write) -> None:
    doc = cli.json("run", write(LELYSTAD_AS_TOLD), "--deterministic")
    m = doc["strategies"][0]["metrics"]
    assert m["investment"]["mean"] == 1_500_000
    assert m["gross_savings"]["mean"] == 2_160_000
    assert m["counterfactual_savings"]["mean"] == 0
    assert m["net_savings"]["mean"] == 660_000
    assert m["benefit_cost_ratio"]["mean"] == 1.44
    assert abs(m["roi"]["mean"] - 0.44) < 1e-9
    assert doc["strategies"][0]["payback_months"] == {"p50": 22, "probability_within_horizon": None}  # deterministic: no chance
    assert doc["strategies"][0]["probability_net_positive"] is None  # one evaluation at the means: no chance (v2)
    assert doc["strategies"][0]["decision"]["expected_net"]["mean"] == 2_160_000 - 1_500_000
    # Deterministic: se 0 and every percentile equals the value.
    assert m["gross_savings"] == {"mean": 2_160_000, "se": 0, "p5": 2_160_000, "p50": 2_160_000, "p95": 2_160_000}


def test_lelystad_three_years_deterministic(cli, write) -> None:
    doc = cli.json("run", write(LELYSTAD_AS_TOLD.replace("time_out_of_benefits_years: 2", "time_out_of_benefits_years: 3")), "--deterministic")
    m = doc["strategies"][0]["metrics"]
    assert m["investment"]["mean"] == 1_500_000
    assert m["gross_savings"]["mean"] == 3_240_000
    assert m["benefit_cost_ratio"]["mean"] == 2.16


def test_lelystad_yearly_budget_table(cli, write) -> None:
    doc = cli.json("run", write(LELYSTAD_AS_TOLD), "--deterministic")
    yearly = doc["strategies"][0]["yearly"]
    assert [y["year"] for y in yearly] == [1, 2, 3, 4, 5, 6]
    # Year 1: all 12 months of outflow: 617.43 client-months (see module docstring).
    year1 = sum(300 * (1 - 0.7 ** (k / 12)) for k in range(1, 13)) * 1000
    assert abs(yearly[0]["savings"]["mean"] - round(year1, 2)) < 0.011
    assert yearly[0]["investment"]["mean"] == 1_500_000
    # Year 2: all 90 off for 12 months; year 3 mirrors year 1 as they return after 24 months.
    assert yearly[1]["savings"]["mean"] == 1_080_000
    assert abs(yearly[2]["savings"]["mean"] - (2_160_000 - 1_080_000 - year1)) < 0.011
    assert yearly[3]["savings"]["mean"] == 0
    assert yearly[-1]["cumulative_net"]["mean"] == 660_000
    assert yearly[0]["net"]["mean"] == round(year1 - 1_500_000, 2)


def test_lelystad_table_output_shows_the_figures(cli, write) -> None:
    result = cli("run", write(LELYSTAD_AS_TOLD), "--deterministic")
    assert result.exit_code == 0
    for text in ("€1,500,000", "€2,160,000", "1.44", "Year 1", "Year 6", "Cumulative net", "returns €1.44"):
        assert text in result.stdout
    # The article's 30% against no baseline is 30 points of net effect: the one warning (DESIGN.md §9).
    assert result.stderr.startswith("roi-sim: warning: 'Lelystad as the article tells it' assumes a net effect of 30.0 percentage points")
    assert result.stderr.count("\n") == 1


def test_the_shipped_hand_check_file(cli) -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scenarios" / "lelystad-as-told.yaml"
    m = cli.json("run", path, "--deterministic")["strategies"][0]["metrics"]
    assert (m["investment"]["mean"], m["gross_savings"]["mean"], m["benefit_cost_ratio"]["mean"]) == (1_500_000, 2_160_000, 1.44)
