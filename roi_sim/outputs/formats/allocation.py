"""`roi-sim allocate`: the split of a yearly budget over the target groups and the
efficient frontier, as rich tables or JSON."""

from __future__ import annotations

from typing import Any

from roi_sim import __version__
from roi_sim.outputs.formats.comparison import LEDGER_LABELS
from roi_sim.outputs.formats.document import SCHEMA_VERSION, _round
from roi_sim.outputs.formats.sentences import euro, ratio
from roi_sim.outputs.safe_text import json_text  # JSON keeps the exact names (its escaping is safe)


def _allocation_dict(a: Any) -> dict[str, Any]:
    return {
        "budget": _round(a.budget, 2),
        "clients_per_year": {k: _round(v, 4) for k, v in a.clients.items()},
        "spent": _round(a.spent, 2),
        "expected_return": _round(a.expected_return, 2),
    }


def allocation_to_json(scenario: Any, settings: dict[str, Any], priced: list[Any], best: Any, frontier: Any) -> str:
    """`roi-sim allocate --format json`."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "roi-sim", "version": __version__},
        "scenario": {"name": scenario.name, "sha256": scenario.sha256},
        "settings": settings,
        "groups": [
            {
                "name": p.option.name,
                "cost_per_client": _round(p.option.cost_per_client, 2),
                "return_per_client": _round(p.option.return_per_client, 2),
                "clients_available_per_year": None if p.clients_available is None else _round(p.option.cap, 4),
                "fixed_cost_per_year": _round(p.option.fixed_cost, 2),
            }
            for p in priced
        ],
        "allocation": _allocation_dict(best),
        "frontier": [_allocation_dict(a) for a in frontier],
    }
    return json_text(doc, indent=2, ensure_ascii=False) + "\n"


def render_allocation(scenario: Any, settings: dict[str, Any], priced: list[Any], best: Any, frontier: Any) -> list[Any]:
    """Rich renderables for `roi-sim allocate`."""
    from rich import box
    from rich.table import Table

    from roi_sim.outputs.safe_text import shown

    what = LEDGER_LABELS[settings["ledger"]]
    mode = "deterministic" if settings["deterministic"] else f"{settings['iterations']:,} iterations, seed {settings['seed']}"
    out: list[Any] = [shown(scenario.name, style="bold"), shown(f"maximising the expected {what} · groups priced with {mode}", style="dim")]
    groups = Table(title="What one client a year costs and returns, per group", box=box.SIMPLE_HEAVY, title_justify="left")
    for col in ("Group", "Cost per client", "Expected return per client", "Return per euro", "Clients available a year"):
        groups.add_column(col, justify="left" if col == "Group" else "right")
    for p in priced:
        o = p.option
        groups.add_row(
            o.name, euro(o.cost_per_client), euro(o.return_per_client), ratio(o.return_per_client / o.cost_per_client),
            "unlimited" if p.clients_available is None else f"{o.cap:,.0f}",
        )
    out.append(groups)
    names = [p.option.name for p in priced]
    split = ", ".join(f"{best.clients[n]:,.0f} clients in {n}" for n in names if best.clients[n] > 0) or "nothing: no group returns more than it costs"
    out.append(shown(f"Best split of {euro(best.budget)} a year: {split}; spends {euro(best.spent)}, expected return {euro(best.expected_return)}."))
    table = Table(title="Efficient frontier: the best expected return for each budget", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("Budget a year", justify="right")
    for n in names:
        table.add_column(f"Clients in {n}", justify="right")
    table.add_column("Spent", justify="right")
    table.add_column("Expected return", justify="right")
    for a in frontier:
        table.add_row(euro(a.budget), *[f"{a.clients[n]:,.0f}" for n in names], euro(a.spent), euro(a.expected_return))
    out.append(table)
    return out
