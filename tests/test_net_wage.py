"""Issue 14.2: the client's net wage at the WML full and part time from the sourced 2026 rules
(docs/facts.md, "The client's net amounts"), and the armoedeval it moves.

Every expected figure is worked out here by hand from the brackets as facts.md gives them, as
arithmetic: 35.75% loonheffing to €38,883; the algemene heffingskorting €3,115 (in full to
€29,736); the arbeidskorting 8.324% to €11,965, €996 + 31.009% above €11,965 to €25,845, €5,300
+ 1.95% above €25,845 to €45,592; and net = gross − max(0, tax − credits).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roi_sim.model.net_wage import client_net_wage, net_wage_2026
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario
from roi_sim.scenario.vocabulary import CLIENT_NET_WAGE_2026, MINIMUM_WAGE_2026
from tests.conftest import LELYSTAD_AS_TOLD

W = 2_294.40 * 12 * 1.08  # the gross WML 2026 a year incl. 8% holiday pay: 29,735.424
SINGLE = 1_401.50 * 12  # the bijstand norms of 1 January 2026 a year: 16,818.00
COUPLE = 2_002.13 * 12  # 24,025.56
#: Lelystad as told: 180 extra client-years off benefit (tests/test_household.py).
YEARS = 180.0


def test_full_time_wml() -> None:
    # Tax 0.3575 × 29,735.42 = 10,630.41; AHK 3,115 (29,735.42 is below 29,736, no phase-out);
    # AK 5,300 + 0.0195 × (29,735.42 − 25,845) = 5,300 + 75.86 = 5,375.86;
    # net 29,735.42 − (10,630.41 − 3,115 − 5,375.86) = 29,735.42 − 2,139.55 = 27,595.87.
    assert W == pytest.approx(29_735.42, abs=0.005)
    by_hand = 29_735.42 - (0.3575 * 29_735.42 - 3_115 - (5_300 + 0.0195 * (29_735.42 - 25_845)))
    assert round(by_hand, 2) == 27_595.87
    assert float(net_wage_2026(MINIMUM_WAGE_2026)) == 27_595.87 == CLIENT_NET_WAGE_2026


def test_half_time_wml() -> None:
    # Gross 29,735.42 / 2 = 14,867.71; tax 0.3575 × 14,867.71 = 5,315.21;
    # AK 996 + 0.31009 × (14,867.71 − 11,965) = 996 + 0.31009 × 2,902.71 = 996 + 900.10 = 1,896.10;
    # net 14,867.71 − (5,315.21 − 3,115 − 1,896.10) = 14,867.71 − 304.11 = 14,563.60 (14,563.61
    # unrounded in the intermediate steps), not 0.5 × 27,595.87 = 13,797.94.
    gross = 29_735.42 / 2
    by_hand = gross - (0.3575 * gross - 3_115 - (996 + 0.31009 * (gross - 11_965)))
    assert round(by_hand, 2) == 14_563.61
    assert float(net_wage_2026(gross)) == 14_563.61
    assert float(client_net_wage(MINIMUM_WAGE_2026, 0.5)) == 14_563.61
    assert 14_563.61 - 0.5 * 27_595.87 == pytest.approx(765.675)


def test_quarter_time_pays_no_tax() -> None:
    # Gross 0.25 × 29,735.42 = 7,433.855; tax 0.3575 × 7,433.855 = 2,657.60, less than the AHK
    # alone (3,115): the credits bring the tax to nil, not below, so the net wage is the gross.
    gross = 0.25 * 29_735.42
    assert 0.3575 * gross < 3_115
    assert float(client_net_wage(MINIMUM_WAGE_2026, 0.25)) == pytest.approx(gross, abs=0.01)  # to the cent


def test_eighty_percent() -> None:
    # Gross 0.8 × 29,735.42 = 23,788.336; tax 0.3575 × 23,788.336 = 8,504.330;
    # AK 996 + 0.31009 × (23,788.336 − 11,965) = 996 + 0.31009 × 11,823.336 = 996 + 3,666.298 = 4,662.298;
    # net 23,788.336 − (8,504.330 − 3,115 − 4,662.298) = 23,788.336 − 727.032 = 23,061.30.
    gross = 0.8 * 29_735.42
    by_hand = gross - (0.3575 * gross - 3_115 - (996 + 0.31009 * (gross - 11_965)))
    assert round(by_hand, 2) == 23_061.30
    assert float(client_net_wage(MINIMUM_WAGE_2026, 0.8)) == 23_061.30


def test_vectorised_over_hours_and_iterations() -> None:
    hours = np.array([0.0, 0.25, 0.5, 0.8, 1.0])[:, None]  # (K, 1) as the ladder's states
    wml = np.full(3, MINIMUM_WAGE_2026)  # (n,) as the iterations
    got = client_net_wage(wml, hours)
    assert got.shape == (5, 3)
    np.testing.assert_array_equal(got[:, 0], [0.0, 7_433.86, 14_563.61, 23_061.30, 27_595.87])


def test_an_explicit_full_time_net_wage_scales_with_the_hours() -> None:
    # client_net_wage_per_year set: the scenario's own figure × hours, as before (no gross behind it).
    assert float(client_net_wage(MINIMUM_WAGE_2026, 0.5, 26_000.0)) == 13_000.0
    np.testing.assert_array_equal(client_net_wage(MINIMUM_WAGE_2026, np.array([0.5, 1.0]), np.array([26_000.0, 30_000.0])), [13_000.0, 30_000.0])


def test_above_the_credits_phase_outs() -> None:
    # 60,000 gross (beyond the WML, for the rule's completeness): tax 0.3575 × 38,883 +
    # 0.3756 × (60,000 − 38,883); AHK 3,115 − 0.06398 × (60,000 − 29,736);
    # AK 5,685 − 0.0651 × (60,000 − 45,592).
    tax = 0.3575 * 38_883 + 0.3756 * (60_000 - 38_883)
    ahk = 3_115 - 0.06398 * (60_000 - 29_736)
    ak = 5_685 - 0.0651 * (60_000 - 45_592)
    assert float(net_wage_2026(60_000.0)) == round(60_000 - (tax - ahk - ak), 2)
    # Far above: both credits are nil; the top rate 49.50% above 78,426.
    tax = 0.3575 * 38_883 + 0.3756 * (78_426 - 38_883) + 0.4950 * (200_000 - 78_426)
    assert float(net_wage_2026(200_000.0)) == round(200_000 - tax, 2)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 150_000), st.floats(0, 150_000))
def test_net_wage_rises_with_the_gross_and_never_exceeds_it(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    net_low, net_high = float(net_wage_2026(low)), float(net_wage_2026(high))
    assert 0.0 <= net_low <= low + 0.005
    # The published credit amounts are rounded, so the net wage drops by cents at two
    # knikpunten (€0.05 at €25,845, €0.07 at €45,592); otherwise it never falls.
    assert net_high >= net_low - 0.08


def _crossing(norm: float) -> float:
    """The share of full time at which the model's net wage reaches ``norm`` (bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(client_net_wage(MINIMUM_WAGE_2026, mid)) < norm else (lo, mid)
    return hi


def test_the_armoedeval_crossing_moves_from_0_61_to_0_58() -> None:
    # Between gross 11,965 and 25,845: net = g − (0.3575 g − 3,115 − 996 − 0.31009 (g − 11,965))
    # = (1 − 0.3575 + 0.31009) g + 3,115 + 996 − 0.31009 × 11,965 = 0.95259 g + 400.77315.
    # Single: g = (16,818 − 400.77315) / 0.95259 = 17,234.30, share 17,234.30 / 29,735.42 = 0.5796;
    # couple: g = (24,025.56 − 400.77315) / 0.95259 = 24,800.58 (still below 25,845), share 0.8340.
    # Proportional (full-time net × hours): 16,818 / 27,595.87 = 0.6094 and 24,025.56 / 27,595.87 = 0.8706.
    single = (16_818 - (3_115 + 996 - 0.31009 * 11_965)) / (1 - 0.3575 + 0.31009) / 29_735.42
    couple = (24_025.56 - (3_115 + 996 - 0.31009 * 11_965)) / (1 - 0.3575 + 0.31009) / 29_735.42
    assert round(single, 2) == 0.58 and round(couple, 2) == 0.83
    assert round(16_818 / 27_595.87, 2) == 0.61 and round(24_025.56 / 27_595.87, 2) == 0.87
    # Cents of rounding in the model's net wage move the share by less than 1e-6.
    assert _crossing(SINGLE) == pytest.approx(single, abs=1e-6)
    assert _crossing(COUPLE) == pytest.approx(couple, abs=1e-6)


def _client(extra: str) -> float:
    result = run(parse_scenario(LELYSTAD_AS_TOLD + textwrap.dedent(extra)), deterministic=True)
    return result.strategies[0].stakeholders["client"].mean


def test_a_job_of_0_6_now_lifts_a_single_person_above_the_norm() -> None:
    # 0.6 of full time: gross 0.6 × 29,735.42 = 17,841.252, net 0.95259 × 17,841.252 + 400.77315
    # = 16,995.40 + 400.77 = 17,396.17, above 16,818.00: the client gains 180 × (17,396.17 −
    # 16,818.00) = 104,070.60. Proportional it was 0.6 × 27,595.87 = 16,557.52, below the norm: nothing.
    net = round((1 - 0.3575 + 0.31009) * 0.6 * 29_735.42 + 3_115 + 996 - 0.31009 * 11_965, 2)
    assert net == 17_396.17
    assert _client("benefit_saved_share: 0.6\n") == pytest.approx(YEARS * (17_396.17 - 16_818.00), rel=1e-12)
    # The rijk: the wage cost 180 × 0.6 × 29,735.42 × 1.235 less the client's gain less the
    # benefit saved (180 × 0.6 × 12,000, the municipality keeps it all; no LKS): the credits'
    # part-time gain is the client's and no longer the rijk's.
    stakeholders = run(parse_scenario(LELYSTAD_AS_TOLD + "benefit_saved_share: 0.6\n"), deterministic=True).strategies[0].stakeholders
    rijk = YEARS * (0.6 * 29_735.42 * 1.235 - (17_396.17 - 16_818.00) - 0.6 * 12_000)
    assert stakeholders["rijk"].mean == pytest.approx(rijk, rel=1e-12)
    # An explicit full-time net wage keeps the proportional rule: 0.6 × 27,595.87 is below the norm.
    assert _client("benefit_saved_share: 0.6\nclient_net_wage_per_year: 27595.87\n") == pytest.approx(0.0, abs=1e-9)


LADDER = """\
horizon_years: 4
cohort_size: 100
cost_per_client: 1000
annual_benefit_cost: 12000
displacement: 0
states:
  on: {benefit: 1}
  job: {benefit: 0, hours: HOURS}
start: {on: 1}
transitions:
  - {from: on, to: job, rate: 0.1}
  - {from: job, to: on, rate: 0.2}
programme:
  - {from: on, to: job, rate: 0.4}
"""


def _ladder_client(hours: float, extra: str = "") -> tuple[float, float]:
    st_ = run(parse_scenario(LADDER.replace("HOURS", str(hours)) + extra), deterministic=True).strategies[0]
    return st_.stakeholders["client"].mean, st_.stakeholders["employer"].mean


def test_the_ladders_part_time_state_uses_the_tax_rule() -> None:
    # In `job` (no benefit, 0.8 of full time) the client's net income is the net wage at 0.8,
    # 23,061.30 (above), against the net benefit 16,818.00 in `on`: per extra client-year in
    # `job` the client gains 23,061.30 − 16,818.00 = 6,243.30. The employer (wage value 1, no
    # displacement, no LKS) nets value of work − wage cost = 0, so take the extra client-years
    # from the full-time run instead: there the gain is 27,595.87 − 16,818.00 = 10,777.87, and
    # hours do not change who moves, so the two client lines stand as 6,243.30 : 10,777.87.
    part, employer = _ladder_client(0.8)
    full, _ = _ladder_client(1)
    assert employer == pytest.approx(0.0, abs=1e-6)
    assert full > 0
    assert part / full == pytest.approx((23_061.30 - 16_818.00) / (27_595.87 - 16_818.00), rel=1e-12)
    # With an explicit full-time net wage the state's net wage is that × 0.8, as before:
    # (0.8 × 27,595.87 − 16,818.00) / (27,595.87 − 16,818.00).
    explicit, _ = _ladder_client(0.8, "client_net_wage_per_year: 27595.87\n")
    assert explicit / full == pytest.approx((0.8 * 27_595.87 - 16_818.00) / (27_595.87 - 16_818.00), rel=1e-12)
