"""Split a yearly re-integration budget over target groups to maximise expected net return.

The model is linear per group: putting x_g clients of group g on a trajectory costs
c_g * x_g euros and is expected to earn r_g * x_g euros back (net), up to the u_g clients
that are available. A group may also carry a fixed cost F_g (a team, a contract) that is
paid once as soon as the group gets any client. The best split is the solution of

    maximise    sum_g r_g x_g - sum_g F_g y_g
    subject to  sum_g c_g x_g + sum_g F_g y_g <= budget
                0 <= x_g <= u_g y_g,  y_g in {0, 1}

Without fixed costs (and with fractional clients allowed) the y_g are not needed and this is
a plain linear program, solved with `scipy.optimize.linprog` (HiGHS). With fixed costs, or
when client counts must be whole numbers, it is a mixed-integer program solved with
`scipy.optimize.milp` (also HiGHS).

The module is pure: numpy/scipy only, no I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from roi_sim.scenario.message_text import Msg

__all__ = [
    "Allocation",
    "GroupOption",
    "default_budgets",
    "efficient_frontier",
    "optimise_allocation",
]


def _check_number(what: str, value: object) -> float:
    """Return `value` as a float, or raise ValueError if it is not a finite real number."""
    # bool is a Real subclass, but True as a cost is a mistake, never an intent.
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(Msg("{what} must be a number, got {value!r}", what=what, value=value))
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(Msg("{what} must be a finite number, got {value!r}", what=what, value=value))
    return number


@dataclass(frozen=True)
class GroupOption:
    """One target group (e.g. a wage-value tier) the budget can be spent on.

    Attributes:
        name: Label of the group, unique within one allocation problem.
        cost_per_client: Euros per client put on a trajectory; must be > 0.
        return_per_client: Expected net return per client in euros (may be negative).
        cap: Number of clients available in this group; must be >= 0.
        fixed_cost: Euros paid once if the group gets any clients (e.g. a team); must be
            >= 0. It counts against the budget and is subtracted from the return.

    All numbers are checked when the option is created, so an invalid group cannot reach
    the solver.
    """

    name: str
    cost_per_client: float
    return_per_client: float
    cap: float
    fixed_cost: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(Msg("group name must be a non-empty string, got {name!r}", name=self.name))
        label = f"group {self.name!r}"
        cost = _check_number(Msg("{label}: cost_per_client", label=label), self.cost_per_client)
        _check_number(Msg("{label}: return_per_client", label=label), self.return_per_client)
        cap = _check_number(Msg("{label}: cap", label=label), self.cap)
        fixed = _check_number(Msg("{label}: fixed_cost", label=label), self.fixed_cost)
        if cost <= 0:
            raise ValueError(Msg("{label}: cost_per_client must be > 0, got {cost_per_client!r}", label=label, cost_per_client=self.cost_per_client))
        if cap < 0:
            raise ValueError(Msg("{label}: cap must be >= 0, got {cap!r}", label=label, cap=self.cap))
        if fixed < 0:
            raise ValueError(Msg("{label}: fixed_cost must be >= 0, got {fixed_cost!r}", label=label, fixed_cost=self.fixed_cost))


@dataclass(frozen=True)
class Allocation:
    """The best split of one budget.

    Attributes:
        budget: The budget that was split (euros).
        clients: Clients per group name, in the order the groups were given. Continuous
            (fractional) unless the allocation was made with `whole_clients=True`.
        spent: sum c_g x_g plus the fixed costs of the groups that got clients (euros).
            At most `budget`; less when every worthwhile group is already at its cap.
        expected_return: sum r_g x_g minus the fixed costs of the groups that got clients.
    """

    budget: float
    clients: dict[str, float]
    spent: float
    expected_return: float


def _check_groups(groups: Sequence[GroupOption]) -> tuple[GroupOption, ...]:
    """Validate the collection of groups (the groups themselves validate on creation)."""
    groups = tuple(groups)
    if not groups:
        raise ValueError(Msg("groups must not be empty: give at least one GroupOption"))
    for group in groups:
        if not isinstance(group, GroupOption):
            raise ValueError(Msg("groups must be GroupOption instances, got {group!r}", group=group))
    duplicated = sorted(name for name, count in Counter(g.name for g in groups).items() if count > 1)
    if duplicated:
        raise ValueError(Msg("group names must be unique, duplicated: {value}", value=', '.join(map(repr, duplicated))))
    return groups


def _check_budget(budget: object) -> float:
    number = _check_number("budget", budget)
    if number < 0:
        raise ValueError(Msg("budget must be >= 0, got {budget!r}", budget=budget))
    return number


def _worth_funding(group: GroupOption) -> bool:
    """Whether a client of this group can ever raise the objective.

    Groups with a return <= 0 are pinned at 0 clients. For a negative return the optimum
    already leaves them at 0; pinning also covers a return of exactly 0, where the LP is
    indifferent and a solver might otherwise spend budget on the group for nothing.
    """
    return group.return_per_client > 0 and group.cap > 0


def optimise_allocation(
    groups: Sequence[GroupOption], budget: float, *, whole_clients: bool = False
) -> Allocation:
    """The split of `budget` over groups that maximises expected net return.

    Maximise sum r_g x_g - sum F_g y_g subject to sum c_g x_g + sum F_g y_g <= budget,
    0 <= x_g <= u_g y_g, y_g binary. The binary y_g (and integer x_g when `whole_clients`)
    are only used when some group has a fixed cost F_g > 0 or `whole_clients` is True;
    that case is solved with `scipy.optimize.milp`, the purely continuous case with
    `scipy.optimize.linprog(method="highs")`.

    Never spends on groups with a negative (or zero) return: they are left at 0 because
    that maximises the objective. Without fixed costs the optimum fills groups in order of
    return per euro (r_g / c_g) up to their caps.

    Args:
        groups: The target groups; names must be unique.
        budget: Euros available, >= 0.
        whole_clients: If True, client counts are whole numbers (a cap that is not a whole
            number is effectively rounded down).

    Returns:
        The optimal `Allocation`. When several splits are equally good, which one is
        returned is up to the solver.

    Raises:
        ValueError: Invalid groups or budget.
        RuntimeError: The solver reported failure (message includes scipy's message).
    """
    groups = _check_groups(groups)
    budget = _check_budget(budget)
    return _solve(groups, budget, whole_clients)


@dataclass(frozen=True)
class _Problem:
    """The groups as solver arrays, one entry per group in the order given."""

    cost: np.ndarray
    ret: np.ndarray
    fixed: np.ndarray
    #: Clients allowed per group: the cap, 0 for a group not worth funding, whole when asked.
    upper: np.ndarray


def _problem(groups: tuple[GroupOption, ...], whole_clients: bool) -> _Problem:
    cap = np.array([g.cap for g in groups], dtype=float)
    upper = np.where([_worth_funding(g) for g in groups], cap, 0.0)
    if whole_clients:
        # Round caps down ourselves: in testing, the HiGHS in scipy 1.17 reported "Optimal"
        # for a split worse than spending nothing when an integer variable had a fractional
        # upper bound such as 0.43. The 1e-9 keeps a cap like 2.9999999999999996 (float noise
        # from a computed cap) at 3.
        upper = np.floor(upper + 1e-9)
    return _Problem(
        cost=np.array([g.cost_per_client for g in groups], dtype=float),
        ret=np.array([g.return_per_client for g in groups], dtype=float),
        fixed=np.array([g.fixed_cost for g in groups], dtype=float),
        upper=upper,
    )


def _solve_mixed_integer(p: _Problem, budget: float, whole_clients: bool) -> np.ndarray:
    """Clients per group when a group has a fixed cost or clients must be whole (`milp`)."""
    n = len(p.cost)
    # Variables are [x_1..x_n, y_1..y_n]; scipy minimises, so negate the return.
    objective = np.concatenate([-p.ret, p.fixed])
    # Rows are scaled to order 1 (budget row divided by the budget, link rows by the
    # cap). Unscaled, the mix of euros in the millions and 0/1 variables made the HiGHS
    # in scipy 1.17 repair presolved solutions and print a stray debug line to stdout
    # ("HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();",
    # ERGO-Code/HiGHS#2783), which would corrupt machine-readable output.
    scale = budget if budget > 0 else 1.0
    budget_row = np.concatenate([p.cost, p.fixed])[np.newaxis, :] / scale
    # x_g / u_g - y_g <= 0 ties clients to the group being opened (and paying F_g).
    # A pinned group (upper bound 0) keeps x_g - y_g <= 0; its bounds already fix it at 0.
    link_scale = np.where(p.upper > 0, p.upper, 1.0)
    link_rows = np.hstack([np.diag(1.0 / link_scale), -np.eye(n)])
    constraints = [
        LinearConstraint(budget_row, -np.inf, budget / scale),
        LinearConstraint(link_rows, -np.inf, 0.0),
    ]
    bounds = Bounds(np.zeros(2 * n), np.concatenate([p.upper, (p.upper > 0).astype(float)]))
    integrality = np.concatenate([np.full(n, 1 if whole_clients else 0), np.ones(n)])
    # HiGHS stops at a 1e-4 relative gap by default, which can return a visibly
    # sub-optimal split; these problems are tiny, so ask for the true optimum.
    result = milp(
        objective,
        integrality=integrality,
        bounds=bounds,
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )
    _raise_on_failure(result)
    x = np.asarray(result.x[:n], dtype=float)
    opened = np.round(result.x[n:]) == 1
    if whole_clients:
        # Integer variables come back within the solver's integrality tolerance.
        x = np.round(x)
    # A closed group may carry feasibility-tolerance noise in x; it has no clients.
    return np.where(opened, x, 0.0)


def _solve_linear(p: _Problem, budget: float) -> np.ndarray:
    """Clients per group for fractional clients and no fixed costs (`linprog`)."""
    result = linprog(
        -p.ret,
        A_ub=p.cost[np.newaxis, :],
        b_ub=[budget],
        bounds=list(zip(np.zeros(len(p.cost)), p.upper)),
        method="highs",
    )
    _raise_on_failure(result)
    return np.asarray(result.x, dtype=float)


def _solve(groups: tuple[GroupOption, ...], budget: float, whole_clients: bool) -> Allocation:
    p = _problem(groups, whole_clients)
    if whole_clients or np.any(p.fixed > 0):
        x = _solve_mixed_integer(p, budget, whole_clients)
    else:
        x = _solve_linear(p, budget)

    # Solver noise can leave values like -1e-12 or cap + 1e-9; clients outside [0, cap]
    # make no sense to a reader of the table.
    x = np.clip(x, 0.0, p.upper)
    used = x > 0
    spent = math.fsum(p.cost * x) + math.fsum(p.fixed[used])
    expected_return = math.fsum(p.ret * x) - math.fsum(p.fixed[used])
    return Allocation(
        budget=budget,
        clients={g.name: float(v) for g, v in zip(groups, x)},
        spent=spent,
        expected_return=expected_return,
    )


def _raise_on_failure(result: object) -> None:
    if not getattr(result, "success", False):
        raise RuntimeError(
            f"the allocation solver failed (status {getattr(result, 'status', '?')}): "
            f"{getattr(result, 'message', 'no message')}"
        )


def efficient_frontier(
    groups: Sequence[GroupOption], budgets: Sequence[float], *, whole_clients: bool = False
) -> tuple[Allocation, ...]:
    """`optimise_allocation` for each budget, in the given order (a budget vs return table).

    All budgets are validated before any problem is solved, so a bad last budget fails fast.
    Without fixed costs and with fractional clients, the expected return is a
    non-decreasing, concave, piecewise linear function of the budget.
    """
    groups = _check_groups(groups)
    checked = [_check_budget(b) for b in budgets]
    return tuple(_solve(groups, b, whole_clients) for b in checked)


def default_budgets(groups: Sequence[GroupOption], steps: int = 10) -> tuple[float, ...]:
    """`steps` evenly spaced budgets from total/steps up to total.

    `total` is the budget that takes every group with a positive return (and cap > 0) to
    its cap, including its fixed cost: sum over those groups of c_g u_g + F_g. Beyond it no
    extra euro can be spent usefully, so it is the natural right end of a frontier table.

    Raises:
        ValueError: Invalid groups, `steps` not a whole number >= 1, or no group with a
            positive return and cap > 0 (the frontier would be flat at zero).
    """
    groups = _check_groups(groups)
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(Msg("steps must be a whole number >= 1, got {steps!r}", steps=steps))
    total = math.fsum(
        g.cost_per_client * g.cap + g.fixed_cost for g in groups if _worth_funding(g)
    )
    if total == 0:
        raise ValueError(
            Msg("no group has a positive return per client and clients available; the best split of any budget is to spend nothing")
        )
    # linspace returns `stop` exactly, so the last budget is the documented total.
    return tuple(float(b) for b in np.linspace(total / steps, total, steps))
