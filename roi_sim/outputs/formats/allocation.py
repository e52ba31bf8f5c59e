"""`roi-sim allocate`: the split of a yearly budget over the target groups and the
efficient frontier, as rich tables or JSON."""

from __future__ import annotations

from typing import Any

from roi_sim import __version__
from roi_sim.outputs.formats.document import SCHEMA_VERSION, _round
from roi_sim.outputs.language import ENGLISH, Language, localised
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


def _whole(x: float, lang: Language) -> str:
    """A number of clients: ``1,234`` (``1.234``)."""
    return localised(f"{x:,.0f}", lang)


def render_allocation(
    scenario: Any, settings: dict[str, Any], priced: list[Any], best: Any, frontier: Any, lang: Language = ENGLISH
) -> list[Any]:
    """Rich renderables for `roi-sim allocate`."""
    from roi_sim.outputs.safe_text import shown

    what = lang.t("ledger_" + settings["ledger"])
    n = _whole(settings["iterations"], lang) if not settings["deterministic"] else ""
    mode = lang.t("alloc_det") if settings["deterministic"] else lang.t("alloc_mc", n=n, seed=settings["seed"])
    out: list[Any] = [shown(scenario.name, style="bold"), shown(lang.t("alloc_line", what=what, mode=mode), style="dim")]
    out.append(_groups_table(priced, lang))
    names = [p.option.name for p in priced]
    split = ", ".join(lang.t("alloc_clients_in", n=_whole(best.clients[g], lang), group=g) for g in names if best.clients[g] > 0)
    out.append(shown(lang.t("alloc_best", budget=lang.euro(best.budget), split=split or lang.t("alloc_nothing"),
                            spent=lang.euro(best.spent), ret=lang.euro(best.expected_return))))
    out.append(_frontier_table(names, frontier, lang))
    return out


def _groups_table(priced: list[Any], lang: Language) -> Any:
    """What one client a year costs and returns, per group."""
    from rich import box
    from rich.table import Table

    groups = Table(title=lang.t("alloc_groups_title"), box=box.SIMPLE_HEAVY, title_justify="left")
    for col in ("alloc_group", "alloc_cost", "alloc_return", "alloc_per_euro", "alloc_available"):
        groups.add_column(lang.t(col), justify="left" if col == "alloc_group" else "right")
    for p in priced:
        o = p.option
        groups.add_row(
            o.name, lang.euro(o.cost_per_client), lang.euro(o.return_per_client), lang.decimal(o.return_per_client / o.cost_per_client, 2),
            lang.t("alloc_unlimited") if p.clients_available is None else _whole(o.cap, lang),
        )
    return groups


def _frontier_table(names: list[str], frontier: Any, lang: Language) -> Any:
    """The efficient frontier: the best expected return for each budget."""
    from rich import box
    from rich.table import Table

    table = Table(title=lang.t("alloc_frontier_title"), box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column(lang.t("alloc_budget"), justify="right")
    for name in names:
        table.add_column(lang.t("alloc_clients_col", group=name), justify="right")
    table.add_column(lang.t("alloc_spent"), justify="right")
    table.add_column(lang.t("alloc_expected"), justify="right")
    for a in frontier:
        table.add_row(lang.euro(a.budget), *[_whole(a.clients[g], lang) for g in names], lang.euro(a.spent), lang.euro(a.expected_return))
    return table
