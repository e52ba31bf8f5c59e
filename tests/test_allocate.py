"""roi_sim.decisions.allocate: budget splits checked against optima derived by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import OptimizeResult

from roi_sim.decisions import allocate
from roi_sim.decisions.allocate import (
    Allocation,
    GroupOption,
    default_budgets,
    efficient_frontier,
    optimise_allocation,
)

# Two tiers used throughout. Return per euro: A 2000/5000 = 0.40, B 1000/4000 = 0.25.
A = GroupOption("A", cost_per_client=5000, return_per_client=2000, cap=200)
B = GroupOption("B", cost_per_client=4000, return_per_client=1000, cap=500)
# A tier that loses money on every client: -500 per client.
LOSS = GroupOption("loss", cost_per_client=3000, return_per_client=-500, cap=100)


def test_fills_best_return_per_euro_first() -> None:
    """Budget 1,500,000 over A (0.40 per euro) and B (0.25 per euro).

    Without fixed costs the LP optimum is greedy by return per euro:
    A first, to its cap: 200 clients * 5000 = 1,000,000 spent.
    The remaining 500,000 goes to B: 500,000 / 4000 = 125 clients (cap 500 not reached).
    Expected return = 200 * 2000 + 125 * 1000 = 400,000 + 125,000 = 525,000.
    Any euro moved from A to B loses 0.40 - 0.25 = 0.15, so nothing beats this.
    """
    result = optimise_allocation([A, B], 1_500_000)
    assert result == Allocation(
        budget=1_500_000.0,
        clients={"A": pytest.approx(200.0), "B": pytest.approx(125.0)},
        spent=pytest.approx(1_500_000.0),
        expected_return=pytest.approx(525_000.0),
    )
    assert list(result.clients) == ["A", "B"]  # in the order the groups were given


def test_budget_larger_than_everything() -> None:
    """Budget 10,000,000 is more than all groups together can absorb.

    A at cap: 200 * 5000 = 1,000,000; B at cap: 500 * 4000 = 2,000,000; LOSS stays at 0.
    Spent = 3,000,000 < 10,000,000. Return = 200 * 2000 + 500 * 1000 = 900,000.
    """
    result = optimise_allocation([A, LOSS, B], 10_000_000)
    assert result.clients == {"A": pytest.approx(200.0), "loss": 0.0, "B": pytest.approx(500.0)}
    assert result.spent == pytest.approx(3_000_000.0)
    assert result.spent < result.budget
    assert result.expected_return == pytest.approx(900_000.0)


@pytest.mark.parametrize("budget", [0, 1_000, 300_000, 1_500_000, 50_000_000])
@pytest.mark.parametrize("whole_clients", [False, True])
def test_negative_return_group_never_gets_clients(budget: float, whole_clients: bool) -> None:
    """LOSS costs less per client than A or B, but each of its clients loses 500 euros."""
    result = optimise_allocation([LOSS, A, B], budget, whole_clients=whole_clients)
    assert result.clients["loss"] == 0.0
    assert result.expected_return >= 0.0


def test_only_losing_or_break_even_groups_spend_nothing() -> None:
    """With returns -500 and 0 per client, the best split is to spend nothing: return 0."""
    even = GroupOption("even", cost_per_client=1000, return_per_client=0, cap=50)
    result = optimise_allocation([LOSS, even], 1_000_000)
    assert result == Allocation(budget=1_000_000.0, clients={"loss": 0.0, "even": 0.0}, spent=0.0, expected_return=0.0)


def test_zero_budget_spends_nothing() -> None:
    result = optimise_allocation([A, B], 0)
    assert result.clients == {"A": 0.0, "B": 0.0}
    assert result.spent == 0.0 and result.expected_return == 0.0


# Fixed-cost example: TEAM needs a 2000-euro team, then earns 1500 per 1000-euro client (cap 10);
# PLAIN has no fixed cost and earns 600 per 1000-euro client (cap 100).
TEAM = GroupOption("team", cost_per_client=1000, return_per_client=1500, cap=10, fixed_cost=2000)
PLAIN = GroupOption("plain", cost_per_client=1000, return_per_client=600, cap=100)


def test_fixed_cost_not_worth_opening_on_small_budget() -> None:
    """Budget 3000.

    Open TEAM: 2000 fixed leaves 1000 = 1 client -> 1500 - 2000 = -500
      (or 1 TEAM client + 0 PLAIN; there is nothing left for PLAIN).
    Do not open: 3000 / 1000 = 3 PLAIN clients -> 3 * 600 = 1800.
    So TEAM stays closed and the return is 1800. (The LP ignoring the fixed cost would put
    all 3000 into TEAM, which shows the fixed cost is what changes the answer.)
    """
    result = optimise_allocation([TEAM, PLAIN], 3000)
    assert result.clients == {"team": 0.0, "plain": pytest.approx(3.0)}
    assert result.spent == pytest.approx(3000.0)
    assert result.expected_return == pytest.approx(1800.0)


def test_fixed_cost_never_worth_it_when_it_exceeds_the_groups_whole_return() -> None:
    """TEAM with a 16,000 fixed cost: at most 10 * 1500 = 15,000 back, so opening loses 1000+.

    Even with a budget of 1,000,000 TEAM stays closed; PLAIN at cap gives 100 * 600 = 60,000,
    spending 100 * 1000 = 100,000.
    """
    costly = GroupOption("team", cost_per_client=1000, return_per_client=1500, cap=10, fixed_cost=16_000)
    result = optimise_allocation([costly, PLAIN], 1_000_000)
    assert result.clients == {"team": 0.0, "plain": pytest.approx(100.0)}
    assert result.spent == pytest.approx(100_000.0)
    assert result.expected_return == pytest.approx(60_000.0)


def test_fixed_cost_worth_opening_on_large_budget() -> None:
    """Budget 12,000.

    Open TEAM with k clients, the rest to PLAIN: spent 2000 + 1000k + 1000p = 12,000, so
    p = 10 - k and return = 1500k - 2000 + 600(10 - k) = 900k + 4000, largest at k = 10
    (the cap): 13,000 with p = 0.
    Do not open: 12 PLAIN clients -> 7200. So TEAM opens with 10 clients: return 13,000,
    spent 2000 + 10 * 1000 = 12,000.
    """
    result = optimise_allocation([TEAM, PLAIN], 12_000)
    assert result.clients == {"team": pytest.approx(10.0), "plain": pytest.approx(0.0, abs=1e-9)}
    assert result.spent == pytest.approx(12_000.0)
    assert result.expected_return == pytest.approx(13_000.0)


@pytest.mark.parametrize(
    ("budget", "opened", "expected"),
    [
        # Open: 1.5 * (b - 2000) - 2000 = 1.5b - 5000; closed: 0.6b. Open wins iff b > 5555.56.
        (5000, False, 3000.0),  # closed 3000 vs open 2500
        (6000, True, 4000.0),  # open 4000 vs closed 3600
    ],
)
def test_fixed_cost_break_even_budget(budget: float, opened: bool, expected: float) -> None:
    result = optimise_allocation([TEAM, PLAIN], budget)
    assert (result.clients["team"] > 0) is opened
    assert result.expected_return == pytest.approx(expected)


def test_whole_clients_where_rounding_the_lp_is_not_optimal() -> None:
    """Budget 10,000; X: 3000 per client, 1500 back (0.50/euro); Y: 2000 per client, 900 back (0.45/euro).

    Continuous LP: all into X, 10,000 / 3000 = 3.33 clients -> 5000.
    Whole clients, all combinations that fit (x X-clients, the rest in Y):
      3X (9000) + 0Y: 4500     2X (6000) + 2Y (4000): 3000 + 1800 = 4800
      1X (3000) + 3Y (6000): 1500 + 2700 = 4200     0X + 5Y (10,000): 4500
    Best is 2X + 2Y = 4800, spending exactly 10,000. Rounding the LP down (3X) gives only 4500.
    """
    x = GroupOption("X", cost_per_client=3000, return_per_client=1500, cap=10)
    y = GroupOption("Y", cost_per_client=2000, return_per_client=900, cap=10)

    relaxed = optimise_allocation([x, y], 10_000)
    assert relaxed.expected_return == pytest.approx(5000.0)
    assert relaxed.clients["X"] == pytest.approx(10_000 / 3000)

    whole = optimise_allocation([x, y], 10_000, whole_clients=True)
    assert whole.clients == {"X": 2.0, "Y": 2.0}
    assert all(v == int(v) for v in whole.clients.values())
    assert whole.spent == pytest.approx(10_000.0)
    assert whole.expected_return == pytest.approx(4800.0)


def test_whole_clients_with_a_fractional_cap_rounds_the_cap_down() -> None:
    """Cap 2.5 with a budget for everything: at most 2 whole clients -> 2 * 1500 = 3000."""
    x = GroupOption("X", cost_per_client=3000, return_per_client=1500, cap=2.5)
    result = optimise_allocation([x], 100_000, whole_clients=True)
    assert result.clients == {"X": 2.0}
    assert result.expected_return == pytest.approx(3000.0)


def test_whole_clients_with_fixed_costs() -> None:
    """Budget 5900 with TEAM and PLAIN: whole clients flip the decision to open TEAM.

    Fractional clients: open TEAM -> (5900 - 2000) / 1000 = 3.9 clients -> 3.9 * 1500 - 2000 = 3850;
      closed -> 5.9 PLAIN -> 3540. Open wins: 3850.
    Whole clients (all clients cost 1000, so at most floor(budget left / 1000) of them):
      open TEAM -> 3900 left -> 3 clients, best all TEAM: 4500 - 2000 = 2500;
      closed -> 5 PLAIN -> 3000 (900 idle). Closed wins: 3000, spent 5000.
    """
    relaxed = optimise_allocation([TEAM, PLAIN], 5900)
    assert relaxed.clients == {"team": pytest.approx(3.9), "plain": pytest.approx(0.0, abs=1e-9)}
    assert relaxed.expected_return == pytest.approx(3850.0)

    whole = optimise_allocation([TEAM, PLAIN], 5900, whole_clients=True)
    assert whole.clients == {"team": 0.0, "plain": 5.0}
    assert whole.spent == pytest.approx(5000.0)
    assert whole.expected_return == pytest.approx(3000.0)


def test_whole_clients_with_a_cap_below_one_client() -> None:
    """SMALL has a cap of 0.4 clients, so with whole clients it can take nobody.

    The budget of 5300 then goes to OTHER: floor(5300 / 1300) = 4 clients -> 4 * 3400 = 13,600,
    spent 5200. (HiGHS, given the fractional bound 0.4 on an integer variable, once reported
    "optimal" for a plan worse than spending nothing; the module rounds caps down itself.)
    """
    small = GroupOption("small", cost_per_client=2000, return_per_client=4000, cap=0.4, fixed_cost=4000)
    other = GroupOption("other", cost_per_client=1300, return_per_client=3400, cap=7)
    result = optimise_allocation([small, other], 5300, whole_clients=True)
    assert result.clients == {"small": 0.0, "other": 4.0}
    assert result.spent == pytest.approx(5200.0)
    assert result.expected_return == pytest.approx(13_600.0)


def test_four_tiers_with_team_costs_and_nothing_printed(capfd: pytest.CaptureFixture[str]) -> None:
    """Budget 1,950,000 over four tiers, two of which need a team (fixed cost).

    T1: 1900 per client, 2500 back (1.32/euro), cap 164, team 193,000.
    T2: 3200 per client, 1500 back (0.47/euro), cap 75, no team.
    T3: 5400 per client,  900 back (0.17/euro), cap 257, team 154,000.
    T4: 8000 per client, -800 back: never.
    T1 full: 193,000 + 164 * 1900 = 504,600 spent, 164 * 2500 - 193,000 = 217,000 back (> 0: open).
    T2 full: 75 * 3200 = 240,000 spent, 75 * 1500 = 112,500 back.
    Left: 1,950,000 - 504,600 - 240,000 = 1,205,400. T3 team 154,000 leaves 1,051,400
    = 194.70 clients -> 1,051,400 / 5400 * 900 - 154,000 = 175,233.33 - 154,000 = 21,233.33 (> 0: open).
    Dropping T1 or T2 to give T3 more only trades 1.32 or 0.47 per euro for 0.17, so the total is
    217,000 + 112,500 + 21,233.33 = 350,733.33, with the whole budget spent.

    Unscaled, this problem made the HiGHS in scipy 1.17 print a debug line to stdout (ERGO-Code/HiGHS#2783);
    the module scales its rows so nothing reaches stdout or stderr.
    """
    tiers = [
        GroupOption("T2", cost_per_client=3200, return_per_client=1500, cap=75),
        GroupOption("T3", cost_per_client=5400, return_per_client=900, cap=257, fixed_cost=154_000),
        GroupOption("T4", cost_per_client=8000, return_per_client=-800, cap=243),
        GroupOption("T1", cost_per_client=1900, return_per_client=2500, cap=164, fixed_cost=193_000),
    ]
    result = optimise_allocation(tiers, 1_950_000)
    assert result.clients == {
        "T2": pytest.approx(75.0),
        "T3": pytest.approx(1_051_400 / 5400),
        "T4": 0.0,
        "T1": pytest.approx(164.0),
    }
    assert result.spent == pytest.approx(1_950_000.0)
    assert result.expected_return == pytest.approx(217_000 + 112_500 + 1_051_400 / 6 - 154_000)
    assert capfd.readouterr() == ("", "")


def test_frontier_is_non_decreasing_concave_and_matches_single_runs() -> None:
    groups = [A, LOSS, B]
    budgets = default_budgets(groups, steps=30)
    frontier = efficient_frontier(groups, budgets)
    assert len(frontier) == len(budgets)
    assert tuple(a.budget for a in frontier) == budgets
    for allocation, budget in zip(frontier, budgets):
        single = optimise_allocation(groups, budget)
        assert allocation.expected_return == pytest.approx(single.expected_return)
        assert allocation.spent == pytest.approx(single.spent)
        assert allocation.spent <= budget * (1 + 1e-9)

    returns = np.array([a.expected_return for a in frontier])
    assert np.all(np.diff(returns) >= -1e-6)
    # Evenly spaced budgets: concavity means the second differences are <= 0.
    assert np.all(np.diff(returns, 2) <= 1e-6)
    # And it is not trivially linear: the slope drops from 0.40 (A) to 0.25 (B).
    slopes = np.diff(returns) / np.diff(budgets)
    assert slopes[0] == pytest.approx(0.40) and slopes[-1] == pytest.approx(0.25)
    # Hand value at the right end: both tiers at cap, 900,000 (see the test above).
    assert frontier[-1].expected_return == pytest.approx(900_000.0)


def test_frontier_with_fixed_costs_is_non_decreasing() -> None:
    """Concavity fails with fixed costs (the jump when TEAM opens), but more money never hurts."""
    budgets = [float(b) for b in range(0, 20_001, 500)]
    frontier = efficient_frontier([TEAM, PLAIN], budgets)
    returns = np.array([a.expected_return for a in frontier])
    assert np.all(np.diff(returns) >= -1e-6)
    assert np.any(np.diff(returns, 2) > 1e-6)  # the non-concave kink where TEAM opens
    assert frontier[budgets.index(12_000.0)].expected_return == pytest.approx(13_000.0)


def test_frontier_keeps_the_given_order() -> None:
    frontier = efficient_frontier([A, B], [1_500_000, 0, 300_000])
    assert [a.budget for a in frontier] == [1_500_000.0, 0.0, 300_000.0]
    # 300,000 all into A: 60 clients * 2000 = 120,000.
    assert [a.expected_return for a in frontier] == pytest.approx([525_000.0, 0.0, 120_000.0])
    assert efficient_frontier([A, B], []) == ()


def test_default_budgets_endpoints() -> None:
    """Total for A and B at cap: 200 * 5000 + 500 * 4000 = 3,000,000; LOSS and a cap-0 group excluded.

    10 steps: 300,000, 600,000, ..., 3,000,000.
    """
    empty = GroupOption("empty", cost_per_client=1000, return_per_client=5000, cap=0, fixed_cost=999)
    budgets = default_budgets([A, LOSS, B, empty])
    assert len(budgets) == 10
    assert budgets[0] == pytest.approx(300_000.0)
    assert budgets[-1] == 3_000_000.0
    assert np.allclose(np.diff(budgets), 300_000.0)
    assert all(isinstance(b, float) for b in budgets)


def test_default_budgets_include_fixed_costs() -> None:
    """TEAM at cap with its team: 10 * 1000 + 2000 = 12,000; PLAIN at cap: 100 * 1000 = 100,000.

    Total 112,000; 4 steps: 28,000, 56,000, 84,000, 112,000.
    """
    assert default_budgets([TEAM, PLAIN], steps=4) == pytest.approx((28_000.0, 56_000.0, 84_000.0, 112_000.0))
    assert default_budgets([TEAM], steps=1) == (12_000.0,)


# ---------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(name="", cost_per_client=1, return_per_client=1, cap=1), "group name must be a non-empty string, got ''"),
        (dict(name=3, cost_per_client=1, return_per_client=1, cap=1), "group name must be a non-empty string, got 3"),
        (dict(name="A", cost_per_client=0, return_per_client=1, cap=1), "group 'A': cost_per_client must be > 0, got 0"),
        (dict(name="A", cost_per_client=-5, return_per_client=1, cap=1), "group 'A': cost_per_client must be > 0, got -5"),
        (dict(name="A", cost_per_client=1, return_per_client=1, cap=-1), "group 'A': cap must be >= 0, got -1"),
        (
            dict(name="A", cost_per_client=1, return_per_client=1, cap=1, fixed_cost=-0.5),
            "group 'A': fixed_cost must be >= 0, got -0.5",
        ),
        (
            dict(name="A", cost_per_client=math.nan, return_per_client=1, cap=1),
            "group 'A': cost_per_client must be a finite number, got nan",
        ),
        (
            dict(name="A", cost_per_client=1, return_per_client=math.inf, cap=1),
            "group 'A': return_per_client must be a finite number, got inf",
        ),
        (dict(name="A", cost_per_client=1, return_per_client=1, cap=math.inf), "group 'A': cap must be a finite number, got inf"),
        (
            dict(name="A", cost_per_client=1, return_per_client=1, cap=1, fixed_cost=-math.inf),
            "group 'A': fixed_cost must be a finite number, got -inf",
        ),
        (dict(name="A", cost_per_client="5", return_per_client=1, cap=1), "group 'A': cost_per_client must be a number, got '5'"),
        (dict(name="A", cost_per_client=1, return_per_client=None, cap=1), "group 'A': return_per_client must be a number, got None"),
        (dict(name="A", cost_per_client=1, return_per_client=1, cap=True), "group 'A': cap must be a number, got True"),
    ],
)
def test_invalid_group_option(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        GroupOption(**kwargs)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: optimise_allocation([], 100), "groups must not be empty: give at least one GroupOption"),
        (lambda: efficient_frontier([], [100]), "groups must not be empty: give at least one GroupOption"),
        (lambda: default_budgets([]), "groups must not be empty: give at least one GroupOption"),
        (
            lambda: optimise_allocation([A, B, A, B, LOSS], 100),
            "group names must be unique, duplicated: 'A', 'B'",
        ),
        (lambda: default_budgets([A, A]), "group names must be unique, duplicated: 'A'"),
        (lambda: optimise_allocation([A, ("B", 1, 1, 1)], 100), "groups must be GroupOption instances, got ('B', 1, 1, 1)"),
        (lambda: optimise_allocation([A], -1), "budget must be >= 0, got -1"),
        (lambda: optimise_allocation([A], math.nan), "budget must be a finite number, got nan"),
        (lambda: optimise_allocation([A], math.inf), "budget must be a finite number, got inf"),
        (lambda: optimise_allocation([A], "100"), "budget must be a number, got '100'"),
        (lambda: efficient_frontier([A], [100, -2]), "budget must be >= 0, got -2"),
        (lambda: default_budgets([A], steps=0), "steps must be a whole number >= 1, got 0"),
        (lambda: default_budgets([A], steps=2.5), "steps must be a whole number >= 1, got 2.5"),
        (
            lambda: default_budgets([LOSS]),
            "no group has a positive return per client and clients available; "
            "the best split of any budget is to spend nothing",
        ),
    ],
)
def test_invalid_arguments(call, message: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        call()
    assert str(excinfo.value) == message


def test_frontier_validates_every_budget_before_solving(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args, **kwargs):
        raise AssertionError("solver called before all budgets were validated")

    monkeypatch.setattr(allocate, "linprog", must_not_run)
    with pytest.raises(ValueError, match="budget must be >= 0, got -2"):
        efficient_frontier([A], [100, -2])


@pytest.mark.parametrize(("solver", "groups", "whole"), [("linprog", [A, B], False), ("milp", [TEAM, PLAIN], False), ("milp", [A], True)])
def test_solver_failure_is_a_runtime_error(monkeypatch: pytest.MonkeyPatch, solver: str, groups, whole: bool) -> None:
    failed = OptimizeResult(success=False, status=1, message="Time limit reached. (HiGHS Status 13)", x=None)
    monkeypatch.setattr(allocate, solver, lambda *args, **kwargs: failed)
    with pytest.raises(RuntimeError) as excinfo:
        optimise_allocation(groups, 1000, whole_clients=whole)
    assert str(excinfo.value) == "the allocation solver failed (status 1): Time limit reached. (HiGHS Status 13)"
