"""The client's net wage from a gross annual wage under the 2026 rules (issue 14.2).

Pure and vectorised: every function takes numbers or numpy arrays (any shape) and returns an
array of the same shape; no I/O, no scenario objects. The rules and their sources are the rows
of docs/facts.md, "The client's net amounts"; the constants are all here, each citing its row.

Net wage = gross − max(0, tax − algemene heffingskorting − arbeidskorting). The credits are set
off against the tax and premium due and can bring it to nil, not below: the arbeidskorting is
not paid out, and the algemene heffingskorting is no longer paid out to a non-earning
partner (facts.md, the paragraph under the table; Wet IB 2001, chapter 8, "verrekening van de
heffingskorting"; VERIFY the article). So a small job (below a gross of about €11,358 a year,
where 35.75% of the wage equals the two credits) pays no tax at all and its net wage is its
gross wage.

Left out, as in facts.md: an employee pension premium, the Zvw contribution (the employer pays
it), the difference between monthly withholding and the final assessment, and the rounding of
the Belastingdienst's withholding tables (only the result is rounded, to cents). The rules are
those for a person below pension age.
"""

from __future__ import annotations

import numpy as np

#: facts.md "Loonheffing 2026, first bracket (to €38,883)": 35.75% (income tax plus the
#: volksverzekeringen premiums, below pension age). The two brackets above it (37.56% to
#: €78,426, then 49.50%) are facts.md's row "Loonheffing 2026, second and third bracket"; a
#: client's wage at (or below) the full-time WML never reaches them.
TAX_BRACKETS_2026: tuple[tuple[float, float], ...] = ((38_883.0, 0.3575), (78_426.0, 0.3756), (float("inf"), 0.4950))

#: facts.md "Algemene heffingskorting 2026": €3,115, less 6.398% of the income above €29,736
#: (so nil from about €78,423); the phase-out does not bite at the full-time WML (€29,735.42).
AHK_2026 = 3_115.0
AHK_PHASE_OUT_FROM_2026 = 29_736.0
AHK_PHASE_OUT_RATE_2026 = 0.06398

#: facts.md "Arbeidskorting 2026", its four pieces: 8.324% of the wage to €11,965; €996 +
#: 31.009% above €11,965 to €25,845; €5,300 + 1.950% above €25,845 to €45,592; then €5,685 −
#: 6.51% above €45,592, not below nil. Each row: (lower bound, upper bound, amount at the lower
#: bound, rate on the wage above it). The published amounts are rounded, so the net wage jumps by
#: a few cents at the knikpunten (+€0.03 at €11,965, −€0.05 at €25,845, −€0.07 at €45,592).
AK_PIECES_2026: tuple[tuple[float, float, float, float], ...] = (
    (0.0, 11_965.0, 0.0, 0.08324),
    (11_965.0, 25_845.0, 996.0, 0.31009),
    (25_845.0, 45_592.0, 5_300.0, 0.01950),
    (45_592.0, float("inf"), 5_685.0, -0.06510),
)


def _gross(gross: np.ndarray | float) -> np.ndarray:
    return np.maximum(np.asarray(gross, dtype=float), 0.0)


def tax_2026(gross: np.ndarray | float) -> np.ndarray:
    """Loonheffing (income tax and volksverzekeringen premiums) before the credits."""
    g = _gross(gross)
    tax = np.zeros_like(g)
    lower = 0.0
    for upper, rate in TAX_BRACKETS_2026:
        tax += rate * np.clip(g - lower, 0.0, upper - lower)
        lower = upper
    return tax


def algemene_heffingskorting_2026(gross: np.ndarray | float) -> np.ndarray:
    """The general tax credit: €3,115, phased out by 6.398% above €29,736, not below nil."""
    g = _gross(gross)
    return np.maximum(AHK_2026 - AHK_PHASE_OUT_RATE_2026 * np.maximum(g - AHK_PHASE_OUT_FROM_2026, 0.0), 0.0)


def arbeidskorting_2026(gross: np.ndarray | float) -> np.ndarray:
    """The employment tax credit on a wage, piece by piece as facts.md gives it, not below nil."""
    g = _gross(gross)
    credit = np.zeros_like(g)
    for lower, upper, amount, rate in AK_PIECES_2026:
        inside = (g > lower) & (g <= upper) if lower > 0.0 else (g <= upper)
        credit = np.where(inside, amount + rate * (g - lower), credit)
    return np.maximum(credit, 0.0)


def net_wage_2026(gross: np.ndarray | float) -> np.ndarray:
    """Net wage a year from the gross wage a year (incl. holiday pay): gross − max(0, tax − AHK − AK).

    At the full-time WML 2026, €29,735.42, this is €27,595.87; at half of it €14,563.61
    (facts.md). Taken from the gross of the hours worked, not as the full-time net × hours.
    Rounded to cents, as a payslip is: it keeps the full-time figure exactly the documented
    €27,595.87 (CLIENT_NET_WAGE_2026; unrounded €27,595.8705), so full-time results do not move.
    """
    g = _gross(gross)
    due = np.maximum(tax_2026(g) - algemene_heffingskorting_2026(g) - arbeidskorting_2026(g), 0.0)
    return np.round(g - due, 2)


def client_net_wage(full_time_gross: np.ndarray | float, hours: np.ndarray | float, full_time_net: np.ndarray | float | None = None) -> np.ndarray:
    """The client's net wage a year at ``hours`` (a share of full time), broadcast over both.

    Without ``full_time_net`` (``client_net_wage_per_year`` left unset, the default): the 2026
    rule on the wage actually earned, :func:`net_wage_2026` of ``full_time_gross × hours``
    (``minimum_wage_annual`` × hours). With it (the scenario sets its own full-time net wage):
    ``full_time_net × hours``, since a net figure alone says nothing about the gross and the
    credits behind it (docs/model.md, "Who pays, who gains").
    """
    h = np.asarray(hours, dtype=float)
    if full_time_net is None:
        return net_wage_2026(np.asarray(full_time_gross, dtype=float) * h)
    return np.asarray(full_time_net, dtype=float) * h
