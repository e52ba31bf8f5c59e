"""Issue 14.2: the client's income change with the sourced 2026 net amounts, for a single
person and a couple (``household``), and the armoedeval: a part-time job below the norm
changes nothing, a full-time one gives net wage − net benefit. Every figure is worked out
here by hand from docs/facts.md, "The client's net amounts" (deterministic, no discounting:
Lelystad as told has 90 leavers off benefit 24 months each, 180 extra client-years)."""

from __future__ import annotations

import textwrap

import pytest

from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario
from roi_sim.scenario.vocabulary import CLIENT_NET_BENEFIT_BY_HOUSEHOLD, CLIENT_NET_WAGE_2026
from tests.conftest import LELYSTAD_AS_TOLD, scenario_error, with_line

YEARS = 180.0
#: The net minimum wage 2026, full time incl. holiday pay: gross 2,294.40 × 12 × 1.08 less
#: 35.75% loonheffing, plus the algemene heffingskorting (3,115, in full below 29,736) and the
#: arbeidskorting (5,300 + 1.95% of the wage above 25,845).
GROSS = round(2_294.40 * 12 * 1.08, 2)
NET_WAGE = round(GROSS - (0.3575 * GROSS - 3_115 - (5_300 + 0.0195 * (GROSS - 25_845))), 2)
#: The same rule on a part-time gross between 11,965 and 25,845 (the arbeidskorting is then
#: 996 + 31.009% of the wage above 11,965): the credits make it more than NET_WAGE × hours.
def part_time_net(hours: float) -> float:
    gross = GROSS * hours
    assert 11_965 < gross < 25_845
    return round(gross - (0.3575 * gross - 3_115 - (996 + 0.31009 * (gross - 11_965))), 2)
#: The bijstand norms of 1 January 2026 incl. holiday pay (SZW normenbrief), a year.
SINGLE = 1_401.50 * 12
COUPLE = 2_002.13 * 12


def _client(extra: str) -> float:
    result = run(parse_scenario(LELYSTAD_AS_TOLD + textwrap.dedent(extra)), deterministic=True)
    return result.strategies[0].stakeholders["client"].mean


def test_the_defaults_are_the_sourced_amounts() -> None:
    assert GROSS == 29_735.42
    assert NET_WAGE == 27_595.87 == CLIENT_NET_WAGE_2026
    assert CLIENT_NET_BENEFIT_BY_HOUSEHOLD == {"single": pytest.approx(16_818.00), "couple": pytest.approx(24_025.56)}
    assert CLIENT_NET_BENEFIT_BY_HOUSEHOLD == {"single": pytest.approx(SINGLE), "couple": pytest.approx(COUPLE)}


@pytest.mark.parametrize(("household", "norm"), [("single", SINGLE), ("couple", COUPLE)])
def test_armoedeval_part_time_below_the_norm_gains_nothing_full_time_gains_the_difference(household: str, norm: float) -> None:
    # Half time: 14,867.71 − (5,315.21 − 3,115 − 1,896.10) = 14,563.61 (not 0.5 × 27,595.87 =
    # 13,797.94), below both norms: bijstand tops it up, no change.
    assert part_time_net(0.5) == 14_563.61
    assert part_time_net(0.5) < SINGLE < COUPLE
    assert _client(f"household: {household}\nbenefit_saved_share: 0.5\n") == pytest.approx(0.0, abs=1e-9)
    # Full time: the net wage replaces the norm.
    assert _client(f"household: {household}\n") == pytest.approx(YEARS * (NET_WAGE - norm), rel=1e-12)


def test_the_same_job_lifts_a_single_person_but_not_a_couple() -> None:
    # 80% of full time: gross 23,788.336, net 23,788.336 − (8,504.330 − 3,115 − 4,662.298) =
    # 23,061.30 (the 2026 credits; 0.8 × 27,595.87 would be 22,076.70), above the single norm
    # (16,818.00) and below the couple's (24,025.56): the single person gains the difference,
    # 180 × 6,243.30, the couple nothing.
    hours = 0.8
    assert part_time_net(hours) == 23_061.30
    assert SINGLE < part_time_net(hours) < COUPLE
    assert _client("benefit_saved_share: 0.8\n") == pytest.approx(YEARS * (23_061.30 - SINGLE), rel=1e-12)
    assert _client("household: couple\nbenefit_saved_share: 0.8\n") == pytest.approx(0.0, abs=1e-9)


def test_single_is_the_default() -> None:
    assert _client("") == pytest.approx(_client("household: single\n"), rel=1e-15)
    assert _client("") == pytest.approx(YEARS * (NET_WAGE - SINGLE), rel=1e-12)


def test_explicit_net_amounts_win_over_the_household() -> None:
    assert _client("household: couple\nclient_net_benefit_per_year: 20000\n") == pytest.approx(YEARS * (NET_WAGE - 20_000), rel=1e-12)
    assert _client("household: couple\nclient_net_wage_per_year: 30000\n") == pytest.approx(YEARS * (30_000 - COUPLE), rel=1e-12)
    # An explicit net wage is a full-time figure and scales with the hours: 0.9 × 30,000 = 27,000.
    assert _client("household: couple\nclient_net_wage_per_year: 30000\nbenefit_saved_share: 0.9\n") == pytest.approx(
        YEARS * (27_000 - COUPLE), rel=1e-12
    )


def test_household_per_strategy_and_per_class() -> None:
    text = LELYSTAD_AS_TOLD + textwrap.dedent("""\
        strategies:
          - name: singles
          - name: couples
            household: couple
          - name: mixed
            classes:
              - {name: single, share: 0.5}
              - {name: couple, share: 0.5, household: couple}
        """)
    got = {st.name: st.stakeholders["client"].mean for st in run(parse_scenario(text), deterministic=True).strategies}
    assert got["singles"] == pytest.approx(YEARS * (NET_WAGE - SINGLE), rel=1e-12)
    assert got["couples"] == pytest.approx(YEARS * (NET_WAGE - COUPLE), rel=1e-12)
    # 150 clients in each class, 45 leavers each, 90 client-years each.
    assert got["mixed"] == pytest.approx(YEARS / 2 * (NET_WAGE - SINGLE) + YEARS / 2 * (NET_WAGE - COUPLE), rel=1e-12)


def test_a_bad_household_is_refused_in_one_line() -> None:
    # LELYSTAD_AS_TOLD has 10 lines: the key is on line 11.
    assert scenario_error(with_line("household: coupel")) == (
        "s.yaml, line 11, column 1, key 'household': the text 'coupel' is not allowed; did you mean 'couple'? "
        "(allowed: 'single', 'couple')"
    )
    text = LELYSTAD_AS_TOLD + "strategies:\n  - name: A\n    household: 2\n"
    assert scenario_error(text) == (
        "s.yaml, line 13, column 5, key 'strategies[1].household': 2 is not allowed (allowed: 'single', 'couple')"
    )


def test_the_cli_exits_2_with_the_house_message(cli, write) -> None:
    path = write(with_line("household: pair"))
    result = cli("run", str(path), "--deterministic")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"roi-sim: error: {path}, line 11, column 1, key 'household': the text 'pair' is not allowed "
        "(allowed: 'single', 'couple')\n"
    )
