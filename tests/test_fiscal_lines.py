"""Issue 14.1: the fiscal ledger by budget line (BUIG benefits × retention, LKS net of the BLKS
refund, execution net of placement costs, programme), each against numbers worked out by hand
in the test, and net_savings exactly their sum in every iteration."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from roi_sim.model.draws import PARAMETER_STREAMS
from roi_sim.model.engine import annual_subsidy
from roi_sim.model.metrics import FISCAL_LINES
from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_dict
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD, scenario_error, with_line

WML_2026 = 29_735.42
#: LKS per full-time year at wage value 0.5: min(1 − 0.5, 0.70) × WML × 1.235 = 18,361.62.
LKS_HALF = 0.5 * WML_2026 * 1.235


def _det(extra: str, base: str = LELYSTAD_AS_TOLD):
    return run(parse_scenario(base + textwrap.dedent(extra)), deterministic=True)


def test_lines_of_lelystad_as_told() -> None:
    # 90 clients off for 24 months = 2,160 client-months × EUR 1,000: EUR 2,160,000 kept in
    # full (retention 1), no LKS, no execution, EUR 1,500,000 invested.
    st = _det("").strategies[0]
    lines = {k: v.mean for k, v in st.fiscal_lines.items()}
    assert lines == pytest.approx({"buig_benefits": 2_160_000, "buig_lks": 0, "execution": 0, "programme": -1_500_000}, abs=1e-6)
    assert st.metrics["net_savings"].mean == pytest.approx(660_000, rel=1e-12)


def test_retention_half_halves_the_buig_line() -> None:
    # In the 7.5-12.5% vangnet band a saved euro is worth 0.5: 2,160,000 × 0.5 = 1,080,000;
    # net 1,080,000 − 1,500,000 = −420,000. What is saved (benefit_savings) is unchanged.
    full = _det("").strategies[0]
    half = _det("benefit_retention: 0.5\n").strategies[0]
    assert half.fiscal_lines["buig_benefits"].mean == pytest.approx(0.5 * full.fiscal_lines["buig_benefits"].mean, rel=1e-12)
    assert half.fiscal_lines["buig_benefits"].mean == pytest.approx(1_080_000, rel=1e-12)
    assert half.ledgers["fiscal"]["benefit_savings"].mean == pytest.approx(2_160_000, rel=1e-12)
    assert half.metrics["net_savings"].mean == pytest.approx(-420_000, rel=1e-12)
    # The ratio follows the municipality's net: (1,080,000) / 1,500,000 = 0.72.
    assert half.metrics["benefit_cost_ratio"].mean == pytest.approx(0.72, rel=1e-12)
    # The payback path carries the same line: never paid back within the horizon.
    assert half.payback.p50 is None
    assert half.yearly[-1].cumulative_net.mean == pytest.approx(-420_000, rel=1e-9)
    zero = _det("benefit_retention: 0\n").strategies[0]
    assert zero.metrics["net_savings"].mean == pytest.approx(-1_500_000, rel=1e-12)


#: Everybody leaves in the first month of their intake (outflow 1 in a 1-month window) and
#: stays off past the horizon: 120 clients off in year 1, 240 in years 2 and 3 (a second
#: intake in month 12), half of them with LKS at wage value 0.5.
REFUND_BASE = """\
horizon_years: 3
intake_years: 2
cohort_size: 120
cost_per_client: 1000
annual_benefit_cost: 12000
outflow_rate: 1
outflow_window_months: 1
time_out_of_benefits_years: 10
relapse_model: fixed
subsidised_share: 0.5
wage_value: 0.5
"""


def test_refund_of_year_y_arrives_in_year_y_plus_1() -> None:
    result = _det("", REFUND_BASE)
    st = result.strategies[0]
    # LKS paid: year 1: 120 × 0.5 × 18,361.62 = 1,101,697.3; years 2 and 3: twice that.
    paid = [120 * 0.5 * LKS_HALF, 240 * 0.5 * LKS_HALF, 240 * 0.5 * LKS_HALF]
    assert [y.subsidies.mean for y in st.yearly] == pytest.approx(paid, rel=1e-12)
    # Year 1: −L1; year 2: +L1 − L2; year 3: +L2 − L3; the last year's LKS is not refunded.
    lks = [-paid[0], paid[0] - paid[1], paid[1] - paid[2]]
    assert [y.lines["buig_lks"].mean for y in st.yearly] == pytest.approx(lks, rel=1e-12, abs=1e-6)
    assert st.fiscal_lines["buig_lks"].mean == pytest.approx(-paid[2], rel=1e-12)
    # Net: benefits (120 + 240 + 240) client-years × 12,000, minus the LKS not refunded,
    # minus 240 × 1,000 invested.
    net = 600 * 12_000 - paid[2] - 240_000
    assert st.metrics["net_savings"].mean == pytest.approx(net, rel=1e-12)
    # Without the BLKS the municipality bears all of it.
    own = _det("lks_refund: false\n", REFUND_BASE).strategies[0]
    assert own.fiscal_lines["buig_lks"].mean == pytest.approx(-sum(paid), rel=1e-12)
    assert own.metrics["net_savings"].mean == pytest.approx(600 * 12_000 - sum(paid) - 240_000, rel=1e-12)


def test_refund_is_booked_in_the_first_month_of_the_next_year() -> None:
    scenario = parse_scenario(REFUND_BASE)
    monthly = run(scenario, deterministic=True, keep_monthly=True).monthly_cumulative_net
    assert monthly is not None
    cf = monthly[scenario.strategies[0].name][:, 0]
    per_client_month = 12_000 / 12 - 0.5 * LKS_HALF / 12
    # Month 11: 120 clients × 12 months of (benefit − LKS), minus the first intake's 120,000.
    assert cf[11] == pytest.approx(120 * 12 * per_client_month - 120_000, rel=1e-12)
    # Month 12: 240 clients off, the second intake paid, and the refund of year 1's LKS.
    assert cf[12] - cf[11] == pytest.approx(240 * per_client_month - 120_000 + 120 * 0.5 * LKS_HALF, rel=1e-12)
    # Month 24: the refund of year 2's LKS; no intake.
    assert cf[24] - cf[23] == pytest.approx(240 * per_client_month + 240 * 0.5 * LKS_HALF, rel=1e-12)
    assert cf[-1] == pytest.approx(run(scenario, deterministic=True).strategies[0].metrics["net_savings"].mean, rel=1e-12)


def test_refund_is_discounted_to_the_month_it_arrives() -> None:
    # At 10% a year, year 1's LKS (paid monthly, undiscounted L1) comes back in month 12 worth
    # L1 / 1.1; year 2's own LKS is discounted month by month: Σ_{t=12..23} 1.1^(−t/12) × L2/12.
    st = _det("discount_rate: 0.1\n", REFUND_BASE).strategies[0]
    l1, l2 = 120 * 0.5 * LKS_HALF, 240 * 0.5 * LKS_HALF
    paid_2 = sum(1.1 ** (-t / 12) for t in range(12, 24)) * l2 / 12
    assert st.yearly[1].subsidies.mean == pytest.approx(paid_2, rel=1e-12)
    assert st.yearly[1].lines["buig_lks"].mean == pytest.approx(l1 / 1.1 - paid_2, rel=1e-12)


def test_execution_saved_per_extra_client_year_net_of_placement() -> None:
    # Lelystad as told: 2,160 client-months = 180 extra client-years off benefit.
    st = _det("execution_cost_per_client_year: 3000\n").strategies[0]
    assert st.fiscal_lines["execution"].mean == pytest.approx(180 * 3000, rel=1e-12)
    assert st.metrics["net_savings"].mean == pytest.approx(660_000 + 540_000, rel=1e-12)
    # Half of them in subsidised jobs: 90 job-years × EUR 1,200 placement cost.
    st = _det("execution_cost_per_client_year: 3000\nplacement_cost_per_year: 1200\nsubsidised_share: 0.5\nwage_value: 0.5\n").strategies[0]
    assert st.fiscal_lines["execution"].mean == pytest.approx(180 * 3000 - 90 * 1200, rel=1e-12)
    # Placement costs need subsidised jobs: none without them.
    st = _det("placement_cost_per_year: 1200\n").strategies[0]
    assert st.fiscal_lines["execution"].mean == 0


MONTE_CARLO = """\
horizon_years: 5
iterations: 5000
seed: 14
discount_rate: 0.0225
intake_years: 2
cohort_size: {dist: triangular, low: 150, mode: 200, high: 260}
cost_per_client: {dist: triangular, low: 2000, mode: 3000, high: 5000}
annual_benefit_cost: 14000
outflow_rate: {dist: beta, mean: 0.25, sd: 0.05}
baseline_outflow_rate: 0.1
time_out_of_benefits_years: 2
subsidised_share: {dist: beta, mean: 0.3, sd: 0.1}
wage_value: {dist: uniform, low: 0.3, high: 0.8}
benefit_retention: {dist: uniform, low: 0.5, high: 1}
execution_cost_per_client_year: {dist: triangular, low: 500, mode: 1000, high: 2883}
placement_cost_per_year: 1500
strategies:
  - name: With BLKS
  - name: Without BLKS
    lks_refund: false
"""


def test_lines_sum_exactly_to_net_savings_in_every_iteration() -> None:
    result = run(parse_scenario(MONTE_CARLO))
    for name, it in result.iterations.items():
        total = it.buig_benefits + it.buig_lks + it.execution + it.programme
        np.testing.assert_array_equal(total, it.net_savings, err_msg=name)
        np.testing.assert_array_equal(it.programme, -it.investment)
        # The yearly lines add up to the same net (to float rounding over the years).
        yearly = it.yearly_buig_benefits + it.yearly_buig_lks + it.yearly_execution - it.yearly_investment
        np.testing.assert_allclose(yearly.sum(axis=1), it.net_savings, rtol=1e-9, atol=1e-6)
    with_blks, without = (result.iterations[n] for n in ("With BLKS", "Without BLKS"))
    # Same draws (paired): only the LKS line differs, by the refunds (negative only in a future
    # where the programme arm has fewer people off benefit than the counterfactual).
    np.testing.assert_array_equal(with_blks.buig_benefits, without.buig_benefits)
    np.testing.assert_array_equal(with_blks.subsidies, without.subsidies)
    np.testing.assert_array_equal(without.buig_lks, -without.subsidies)
    assert with_blks.buig_lks.mean() > 0.5 * without.buig_lks.mean()
    doc = to_dict(result)
    for st in doc["strategies"]:
        lines = st["ledgers"]["fiscal"]["lines"]
        assert list(lines) == list(FISCAL_LINES)
        assert sum(s["mean"] for s in lines.values()) == pytest.approx(st["metrics"]["net_savings"]["mean"], abs=0.03)
        for y in st["yearly"]:
            assert sum(s["mean"] for s in y["lines"].values()) == pytest.approx(y["net"]["mean"], abs=0.03)


def test_lines_sum_with_variants_deterministic() -> None:
    text = MONTE_CARLO + "variants:\n  - name: kept\n  - name: vangnet\n    benefit_retention: 0.5\n"
    result = run(parse_scenario(text), deterministic=True)
    for it in result.iterations.values():
        np.testing.assert_array_equal(it.buig_benefits + it.buig_lks + it.execution + it.programme, it.net_savings)


def test_new_parameters_have_new_streams() -> None:
    # Id 20 is the net effect's (issue 9); the ledger's parameters take 21..23.
    assert PARAMETER_STREAMS["benefit_retention"] == 21
    assert PARAMETER_STREAMS["execution_cost_per_client_year"] == 22
    assert PARAMETER_STREAMS["placement_cost_per_year"] == 23
    assert annual_subsidy(0.5, WML_2026) == pytest.approx(LKS_HALF, rel=1e-15)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("benefit_retention: 1.2",
         "s.yaml, line 11, column 1, key 'benefit_retention': 1.2 is not a rate: a rate is a fraction between 0 and 1; write 0.012 for 1.2%"),
        ("benefit_retention: -0.5", "s.yaml, line 11, column 1, key 'benefit_retention': -0.5 is out of range: must be between 0 and 1"),
        ("benefit_retention: {dist: normal, mean: 0.6, sd: 0.2}",
         "s.yaml, line 11, column 1, key 'benefit_retention': this normal distribution can give values outside the allowed "
         "range (between 0 and 1); add low: 0 and high: 1 or use a beta distribution"),
        ("lks_refund: yes please", "s.yaml, line 11, column 1, key 'lks_refund': must be true or false, got the text 'yes please'"),
        ("lks_refund: 1", "s.yaml, line 11, column 1, key 'lks_refund': must be true or false, got 1"),
        ("execution_cost_per_client_year: -1", "s.yaml, line 11, column 1, key 'execution_cost_per_client_year': -1 is out of range: must be 0 or more"),
    ],
)
def test_bad_ledger_inputs_are_one_line(line: str, message: str) -> None:
    assert scenario_error(with_line(line)) == message
