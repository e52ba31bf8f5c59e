"""Decision-support output: tables and JSON for `breakeven`, `calibrate`, `voi` and
`sensitivity`. Pure functions from analysis results to rich renderables or JSON text."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

from roi_sim import __version__
from roi_sim.outputs.formats import SCHEMA_VERSION, euro

LEDGER_WORDS = {"fiscal": "net savings for the municipality (fiscal)", "societal": "societal net (MKBA)"}


def _clean(value: Any) -> Any:
    """JSON-ready: NaN and infinity become null, floats are rounded to 6 significant decimals."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return round(value, 6) if abs(value) < 1e4 else round(value, 2)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _document(scenario: Any | None, settings: dict[str, Any], key: str, payload: Any) -> str:
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": {"name": "roi-sim", "version": __version__}}
    if scenario is not None:
        doc["scenario"] = {"name": scenario.name, "sha256": scenario.sha256}
    doc["settings"] = settings
    doc[key] = _clean(payload)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _header(scenario: Any, line: str) -> list[Any]:
    from rich.text import Text

    return [Text(scenario.name, style="bold"), Text(line, style="dim")]


# --------------------------------------------------------------------------- breakeven


def breakeven_json(scenario: Any, settings: dict[str, Any], results: list[Any]) -> str:
    return _document(scenario, settings, "breakeven", [asdict(r) for r in results])


def breakeven_tables(scenario: Any, settings: dict[str, Any], results: list[Any]) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = _header(scenario, f"break-even of {settings['parameter']} on the deterministic model · {LEDGER_WORDS[settings['ledger']]}")
    table = Table(box=box.SIMPLE_HEAVY)
    for col, justify in (("Strategy", "left"), ("Scenario value", "right"), ("Break-even", "right"), ("Pays when", "left"), ("Chance on the paying side", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in results:
        chance = "–" if r.probability_paying_side is None else f"{100 * r.probability_paying_side:.0f}%"
        table.add_row(
            r.strategy,
            "–" if not math.isfinite(r.current_mean) else f"{r.current_mean:,.4g}",
            "–" if r.value is None else f"{r.value:,.6g}",
            r.pays_when or "–",
            chance,
        )
    out.append(table)
    for r in results:
        out.append(Text(f"• {r.strategy}: {r.sentence}."))
    return out


# --------------------------------------------------------------------------- calibrate


def calibration_json(c: Any) -> str:
    return _document(None, {"successes": c.successes, "trials": c.trials, "prior": [c.prior_alpha, c.prior_beta]}, "calibration", asdict(c))


def calibration_text(c: Any, parameter: str) -> str:
    return (
        f"Pilot: {c.successes} of {c.trials}. With a Beta({c.prior_alpha:g}, {c.prior_beta:g}) prior the {parameter} is "
        f"Beta({c.alpha:g}, {c.beta:g}): mean {c.mean:.4f}, 90% interval {c.p5:.4f} to {c.p95:.4f}.\n"
        f"Paste into a scenario:\n{c.yaml_snippet}\n"
    )


# --------------------------------------------------------------------------- value of information


def voi_json(scenario: Any, settings: dict[str, Any], evpi: Any, evppis: list[Any], pilot: Any | None, skipped: list[str]) -> str:
    payload = {
        "evpi": asdict(evpi),
        "evppi": [asdict(e) for e in evppis],
        "evppi_skipped": skipped,
        "pilot": None if pilot is None else asdict(pilot),
    }
    return _document(scenario, settings, "value_of_information", payload)


def voi_tables(scenario: Any, settings: dict[str, Any], evpi: Any, evppis: list[Any], pilot: Any | None, skipped: list[str]) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = _header(
        scenario,
        f"value of information · {LEDGER_WORDS[settings['ledger']]} · {settings['iterations']:,} iterations, seed {settings['seed']} · "
        f"options: {', '.join(evpi.options)}",
    )
    out.append(Text(f"Best decision on current knowledge: {evpi.best_option} (expected {euro(evpi.expected_value_current)})."))
    out.append(Text(evpi.sentence, style="bold"))
    if evppis:
        table = Table(title="Knowing one parameter before deciding is worth at most (EVPPI)", box=box.SIMPLE_HEAVY, title_justify="left")
        table.add_column("Parameter")
        table.add_column("EVPPI", justify="right")
        table.add_column("Method")
        for e in sorted(evppis, key=lambda e: -e.evppi):
            table.add_row(e.parameter, euro(e.evppi), e.method)
        out.append(table)
    if skipped:
        out.append(Text("Not assessed (drawn separately per strategy, so not one quantity): " + ", ".join(skipped), style="dim"))
    if pilot is not None:
        out.append(Text(pilot.sentence, style="bold"))
    return out


# --------------------------------------------------------------------------- sensitivity


def sensitivity_json(scenario: Any, settings: dict[str, Any], tornadoes: list[Any], globals_: list[Any]) -> str:
    payload = {"tornado": [asdict(t) for t in tornadoes], "global": [asdict(g) for g in globals_]}
    return _document(scenario, settings, "sensitivity", payload)


def sensitivity_tables(scenario: Any, settings: dict[str, Any], tornadoes: list[Any], globals_: list[Any]) -> list[Any]:
    from rich import box
    from rich.table import Table

    out = _header(scenario, f"sensitivity of the {LEDGER_WORDS[settings['ledger']]}")
    width = 30
    for t, g in zip(tornadoes, globals_):
        table = Table(
            title=f"{t.strategy}: each uncertain parameter from its p10 to its p90, the others at their means "
            f"(expected net at the means {euro(t.base_net)})",
            box=box.SIMPLE_HEAVY, title_justify="left",
        )
        for col, justify in (("Parameter", "left"), ("p10 → p90", "right"), ("Net at p10", "right"), ("Net at p90", "right"), ("Swing", "right"), ("", "left")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        biggest = max((b.swing for b in t.bars), default=0.0) or 1.0
        for b in t.bars:
            bar = "█" * max(1, round(width * b.swing / biggest)) if b.swing > 0 else ""
            table.add_row(b.parameter, f"{b.low_value:,.4g} → {b.high_value:,.4g}", euro(b.net_at_low), euro(b.net_at_high), euro(b.swing), bar)
        if not t.bars:
            table.add_row("(no uncertain parameters)", "", "", "", "", "")
        out.append(table)
        if g.first_order:
            gt = Table(
                title=f"{t.strategy}: what drives the spread of the net ({g.method}, {g.n:,} points)", box=box.SIMPLE_HEAVY, title_justify="left"
            )
            gt.add_column("Parameter")
            if g.method == "sobol":
                gt.add_column("First-order index", justify="right")
                gt.add_column("Total index", justify="right")
                for name in sorted(g.first_order, key=lambda k: -(g.total_order or g.first_order)[k]):
                    gt.add_row(name, f"{g.first_order[name]:.2f}", f"{(g.total_order or {}).get(name, float('nan')):.2f}")
            else:
                gt.add_column("Rank correlation with the net", justify="right")
                for name in sorted(g.first_order, key=lambda k: -abs(g.first_order[k])):
                    gt.add_row(name, f"{g.first_order[name]:+.2f}")
            out.append(gt)
    return out
