"""Issue 14.2 and 14.4: who pays, who gains, and the MKBA per the werkwijzer, against numbers
worked out by hand in the test (deterministic, one cohort, no discounting); society is the
sum of the five stakeholders and equals the societal ledger's net in every iteration; the
armoedeval; no societal figure without valuation inputs, and the refusal of a consumer."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from roi_sim.decisions.breakeven import breakeven
from roi_sim.model.arguments import ArgumentError
from roi_sim.model.metrics import STAKEHOLDERS
from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import parse_scenario
from roi_sim.scenario.valuation import NO_VALUATION
from tests.conftest import LELYSTAD_AS_TOLD

WML = 29_735.42
#: Lelystad as told: 90 clients off benefit for 24 months each, nobody leaves without the
#: programme, so 180 extra client-years, all within years 1-3 of the 6-year horizon.
YEARS = 180.0
BENEFIT = 12_000.0
INVESTED = 1_500_000.0

VALUED = """\
subsidised_share: 0.5
wage_value: 0.5
benefit_retention: 0.5
execution_cost_per_client_year: 1500
placement_cost_per_year: 1000
displacement: 0.2
non_market_time_value_per_year: 3000
social_value_per_extra_client_year: 1500
client_net_wage_per_year: 26000
client_net_benefit_per_year: 16000
"""


def _det(extra: str, base: str = LELYSTAD_AS_TOLD):
    return run(parse_scenario(base + textwrap.dedent(extra)), deterministic=True)


def _means(st) -> dict[str, float]:
    return {k: v.mean for k, v in st.stakeholders.items()}


def test_each_stakeholder_line_by_hand() -> None:
    st = _det(VALUED).strategies[0]
    # LKS on half of the extra jobs at wage value 0.5: 0.5 × min(0.5, 0.7) × WML × 1.235 a
    # year; every year's LKS is refunded the next year within the horizon (no discounting),
    # so the municipality's LKS line is 0 and the rijk pays the refunds, lks in full.
    lks = YEARS * 0.5 * 0.5 * WML * 1.235
    kept = YEARS * BENEFIT * 0.5  # retention 0.5: 1,080,000
    execution = YEARS * (1500 - 0.5 * 1000)  # 180,000
    municipality = kept - lks + lks + execution - INVESTED  # −240,000
    wage_cost = YEARS * WML * 1.235  # the employer pays the full WML plus employer costs
    income = YEARS * (26_000 - 16_000)  # full exit: net wage − net benefit
    rijk = wage_cost - income - kept - lks  # the compact form of docs/model.md
    # The rijk by its parts: it keeps (1 − 0.5) of the benefit saved, pays the refunds,
    # gains the wedge between wage cost and net wage, loses the tax on the benefit.
    assert rijk == pytest.approx(0.5 * YEARS * BENEFIT - lks + (wage_cost - YEARS * 26_000) - (YEARS * BENEFIT - YEARS * 16_000))
    value = YEARS * 0.5 * WML * 1.235 * (1 - 0.2)
    employer = value - wage_cost + lks
    client = income - YEARS * 3000 + YEARS * 1500
    society = value - YEARS * 3000 + YEARS * 1500 - INVESTED + execution
    expected = {"municipality": municipality, "rijk": rijk, "uwv": 0.0, "employer": employer, "client": client, "society": society}
    assert _means(st) == pytest.approx(expected, rel=1e-12, abs=1e-6)
    assert st.metrics["net_savings"].mean == pytest.approx(-240_000, abs=1e-6)
    societal = st.ledgers["societal"]
    assert societal["value_of_work"].mean == pytest.approx(value, rel=1e-12)
    assert societal["non_market_time"].mean == pytest.approx(YEARS * 3000, rel=1e-12)
    assert societal["social_value"].mean == pytest.approx(YEARS * 1500, rel=1e-12)
    assert societal["execution"].mean == pytest.approx(execution, rel=1e-12)
    assert societal["net"].mean == pytest.approx(society, rel=1e-12)


def test_society_is_the_sum_and_the_societal_net_in_every_iteration() -> None:
    uncertain = LELYSTAD_AS_TOLD + textwrap.dedent("""\
        iterations: 600
        seed: 3
        wage_value: {dist: uniform, low: 0.3, high: 0.9}
        subsidised_share: {dist: uniform, low: 0.2, high: 0.8}
        benefit_retention: {dist: uniform, low: 0, high: 1}
        displacement: {dist: uniform, low: 0, high: 0.4}
        non_market_time_value_per_year: {dist: uniform, low: 0, high: 5000}
        benefit_saved_share: {dist: uniform, low: 0.4, high: 1}
        discount_rate: 0.0225
        """)
    result = run(parse_scenario(uncertain))
    res = next(iter(result.iterations.values()))
    parts = sum(getattr(res, name) for name in STAKEHOLDERS[:-1])
    np.testing.assert_allclose(res.society, parts, rtol=0, atol=1e-6)
    np.testing.assert_allclose(res.society, res.societal_net, rtol=1e-12, atol=1e-6)
    np.testing.assert_array_equal(res.municipality, res.net_savings)
    assert np.ptp(res.society) > 0  # the identity is tested on varied iterations


def test_armoedeval_small_part_time_job_gains_nothing() -> None:
    # Half-time at the WML: net wage 14,867.71 − (5,315.21 − 3,115 − 1,896.10) = 14,563.61 (the
    # 2026 credits, facts.md) is below the net benefit of 16,818.00 (1,401.50 × 12), so bijstand
    # tops it up to the norm and the client's income does not change; a full exit gains
    # 27,595.87 − 16,818.00 a year (the sourced defaults).
    part_time = _det("benefit_saved_share: 0.5\ndisplacement: 0\n").strategies[0]
    full = _det("displacement: 0\n").strategies[0]
    assert part_time.stakeholders["client"].mean == pytest.approx(0.0, abs=1e-9)
    assert full.stakeholders["client"].mean == pytest.approx(YEARS * (27_595.87 - 16_818.00), rel=1e-12)
    # The municipality saves half the benefit all the same; the rijk gains the half wage's
    # wedge less the benefit tax it no longer collects: half wage cost − the BUIG line.
    assert part_time.stakeholders["municipality"].mean == pytest.approx(YEARS * BENEFIT * 0.5 - INVESTED, rel=1e-12)
    assert part_time.stakeholders["rijk"].mean == pytest.approx(YEARS * (0.5 * WML * 1.235 - 0.5 * BENEFIT), rel=1e-12)


def test_no_societal_figure_without_valuation_inputs() -> None:
    # Lelystad as told sets none of the valuation keys (wage_value alone would not count).
    doc = to_dict(_det("wage_value: 0.6\n"))
    st = doc["strategies"][0]
    assert st["ledgers"]["societal"] is None
    assert st["stakeholders"]["society"] is None and st["stakeholders"]["employer"] is None
    assert st["stakeholders"]["municipality"] == st["metrics"]["net_savings"]
    # Setting a valuation key, even to 0, is a choice: the ledger is shown.
    assert to_dict(_det("displacement: 0\n"))["strategies"][0]["ledgers"]["societal"] is not None


def test_breakeven_refuses_the_societal_ledger_without_valuation_inputs() -> None:
    with pytest.raises(ArgumentError) as caught:
        breakeven(parse_scenario(LELYSTAD_AS_TOLD), "cost_per_client", ledger="societal")
    assert NO_VALUATION in str(caught.value) and "\n" not in str(caught.value)


def test_cli_refuses_in_one_line(cli, write) -> None:
    path = write(LELYSTAD_AS_TOLD)
    result = cli("sensitivity", path, "--ledger", "societal")
    assert result.exit_code != 0
    assert NO_VALUATION in result.stderr and result.stderr.strip().count("\n") == 0


def test_csv_has_the_stakeholders_and_no_societal_rows_without_valuation_inputs() -> None:
    from roi_sim.outputs.formats import to_csv

    text = to_csv(_det(""))
    rows = [line.split(",") for line in text.splitlines()]
    payers = {r[2]: float(r[4]) for r in rows if len(r) > 4 and r[1] == "stakeholders"}
    # Lelystad as told, full exits: the client gains 180 × (27,595.87 − 16,818.00), the rijk
    # 180 × 29,735.42 × 1.235 − that − 180 × 12,000; no employer
    # or society row (they need the value of work, which the scenario does not value).
    assert payers == pytest.approx({"municipality": 660_000, "rijk": 2_510_167.27, "uwv": 0.0, "client": 1_940_016.6}, abs=0.01)
    assert not any(r[1] == "societal_ledger" for r in rows if len(r) > 1)
