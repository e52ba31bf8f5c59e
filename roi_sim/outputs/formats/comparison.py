"""`roi-sim compare`: every pair of strategies in both ledgers, and the rankings, as rich
tables, Markdown or JSON."""

from __future__ import annotations

from typing import Any

from roi_sim.decisions.compare import Comparison
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.document import comparisons, draws_used, to_dict
from roi_sim.outputs.formats.markdown import _md_table
from roi_sim.outputs.formats.sentences import _settings_line, euro, percent
from roi_sim.outputs.safe_text import json_text, safe_text  # JSON keeps the exact names (its escaping is safe)

LEDGER_LABELS = {
    "fiscal": "net savings for the municipality (fiscal)",
    "societal": "societal net (MKBA)",
}


def render_comparison_tables(result: RunResult) -> list[Any]:
    """Rich renderables for `roi-sim compare`: every pair in both ledgers, and the rankings."""
    from rich import box
    from rich.table import Table

    from roi_sim.outputs.safe_text import shown

    pairs = comparisons(result)
    out: list[Any] = [shown(result.scenario.name, style="bold"), shown(_settings_line(result), style="dim")]
    if (sentence := draws_sentence(result)) is not None:
        out.append(shown(sentence))
    if pairs is None:
        out.append(shown("Only one strategy: nothing to compare. Add strategies to the scenario."))
        return out
    for ledger, comp in pairs.items():
        table = Table(
            title=f"A against B, iteration by iteration: {LEDGER_LABELS[ledger]}", box=box.SIMPLE_HEAVY, title_justify="left"
        )
        columns = (("A", "left"), ("B", "left"), ("A − B (mean)", "right"), ("90% interval", "right"),
                   ("A expected to beat B (assumptions)", "right"), ("A beats B (incl. the cohort's luck)", "right"))
        for col, justify in columns:
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for p in comp.pairs:
            table.add_row(p.a, p.b, euro(p.mean_difference), f"{euro(p.p5)} to {euro(p.p95)}",
                          percent(p.decision_probability_a_beats_b), percent(p.probability_a_beats_b))
        out.append(table)
        out.append(shown(ranking_sentence(ledger, comp)))
    return out


def ranking_sentence(ledger: str, comp: Comparison) -> str:
    """The rankings in words."""
    by_value = " > ".join(comp.ranking.by_expected_value)
    by_prob = " > ".join(comp.ranking.by_probability_positive)
    what = "net savings" if ledger == "fiscal" else "societal net"
    return f"Ranked by expected {what}: {by_value}.\nRanked by chance of a positive {what}: {by_prob}."


def comparison_to_json(result: RunResult) -> str:
    """`roi-sim compare --format json`: provenance as in §4, then the comparisons."""
    doc = to_dict(result)
    return json_text({k: doc[k] for k in ("schema_version", "tool", "scenario", "settings", "comparisons")}, indent=2, ensure_ascii=False) + "\n"


def draws_sentence(result: RunResult) -> str | None:
    """Which draws a comparison rests on, in words."""
    draws = draws_used(result)
    if draws is None:
        return None
    own = "; ".join(f"{name}: {', '.join(params)}" for name, params in draws["own_distributions"].items())
    text = f"Strategies with their own distributions ({own}) draw them at the same quantile as the others (paired)"
    if draws["independent"]:
        text += "; drawn independently as the scenario asks: " + "; ".join(
            f"{name}: {', '.join(params)}" for name, params in draws["independent"].items()
        )
    return text + "."


def comparison_to_markdown(result: RunResult) -> str:
    """`roi-sim compare --format markdown`."""
    parts = [f"# {result.scenario.name}: strategies compared", "", f"_{_settings_line(result)}_", ""]
    if (sentence := draws_sentence(result)) is not None:
        parts += [sentence, ""]
    pairs = comparisons(result)
    if pairs is None:
        return safe_text("\n".join(parts + ["Only one strategy: nothing to compare.", ""]))
    for ledger, comp in pairs.items():
        rows = [
            [p.a, p.b, euro(p.mean_difference), f"{euro(p.p5)} to {euro(p.p95)}", percent(p.decision_probability_a_beats_b),
             percent(p.probability_a_beats_b)]
            for p in comp.pairs
        ]
        header = ["A", "B", "A − B (mean)", "90% interval", "A expected to beat B (assumptions)", "A beats B (incl. the cohort's luck)"]
        parts += [f"## {LEDGER_LABELS[ledger].capitalize()}", "", _md_table(header, rows), ""]
        parts += [ranking_sentence(ledger, comp).replace("\n", "  \n"), ""]
    return safe_text("\n".join(parts))
