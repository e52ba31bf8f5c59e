"""`roi-sim compare`: every pair of strategies in both ledgers, and the rankings, as rich
tables, Markdown or JSON."""

from __future__ import annotations

from typing import Any

from roi_sim.decisions.compare import Comparison
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.document import _any_societal, comparisons, draws_used, to_dict
from roi_sim.outputs.formats.markdown import _md_table
from roi_sim.outputs.formats.sentences import _settings_line, with_present_value
from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.safe_text import json_text, safe_text  # JSON keeps the exact names (its escaping is safe)

#: The ledgers in English words (the tables use the language's ``ledger_fiscal`` and ``ledger_societal``).
LEDGER_LABELS = {
    "fiscal": "net savings for the municipality (fiscal)",
    "societal": "societal net (MKBA)",
}


def _columns(lang: Language) -> list[str]:
    return ["A", "B", lang.t("pair_diff"), lang.t("cmp_interval"), lang.t("cmp_expected"), lang.t("cmp_beats")]


def _pair_cells(p: Any, lang: Language) -> list[str]:
    return [p.a, p.b, lang.euro(p.mean_difference), lang.t("cmp_range", a=lang.euro(p.p5), b=lang.euro(p.p95)),
            lang.percent(p.decision_probability_a_beats_b), lang.percent(p.probability_a_beats_b)]


def render_comparison_tables(result: RunResult, lang: Language = ENGLISH) -> list[Any]:
    """Rich renderables for `roi-sim compare`: every pair in both ledgers, and the rankings."""
    from rich import box
    from rich.table import Table

    from roi_sim.outputs.safe_text import shown

    pairs = comparisons(result)
    out: list[Any] = [shown(result.scenario.name, style="bold"), shown(_settings_line(result, lang), style="dim")]
    if (sentence := draws_sentence(result, lang)) is not None:
        out.append(shown(sentence))
    if pairs is None:
        out.append(shown(lang.t("cmp_one")))
        return out
    for ledger, comp in _shown(result, pairs):
        # The differences are of discounted amounts where a rate is set: the title says so (issue 17.2).
        title = with_present_value(lang.t("cmp_title", ledger=lang.t("ledger_" + ledger)), result, lang)
        table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
        for i, col in enumerate(_columns(lang)):
            table.add_column(col, justify="left" if i < 2 else "right")
        for p in comp.pairs:
            table.add_row(*_pair_cells(p, lang))
        out.append(table)
        out.append(shown(ranking_sentence(ledger, comp, lang)))
    return out


def _shown(result: RunResult, pairs: dict[str, Comparison]) -> list[tuple[str, Comparison]]:
    """The ledgers to show: the societal one only when the scenario sets valuation inputs."""
    return [(k, c) for k, c in pairs.items() if k != "societal" or _any_societal(result)]


def ranking_sentence(ledger: str, comp: Comparison, lang: Language = ENGLISH) -> str:
    """The rankings in words."""
    by_value = " > ".join(comp.ranking.by_expected_value)
    by_prob = " > ".join(comp.ranking.by_probability_positive)
    return lang.t("cmp_ranked_" + ledger, by_value=by_value, by_prob=by_prob)


def comparison_to_json(result: RunResult) -> str:
    """`roi-sim compare --format json`: provenance as in §4, then the comparisons."""
    doc = to_dict(result)
    return json_text({k: doc[k] for k in ("schema_version", "tool", "scenario", "settings", "comparisons")}, indent=2, ensure_ascii=False) + "\n"


def draws_sentence(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """Which draws a comparison rests on, in words."""
    draws = draws_used(result)
    if draws is None:
        return None

    def listed(by_strategy: dict[str, list[str]]) -> str:
        words = (lambda k: k) if lang.code == "en" else lang.param  # the English names the keys themselves
        return "; ".join(f"{name}: {', '.join(words(k) for k in params)}" for name, params in by_strategy.items())

    text = lang.t("cmp_paired", own=listed(draws["own_distributions"]))
    if draws["independent"]:
        text += lang.t("cmp_independent", independent=listed(draws["independent"]))
    return text + "."


def comparison_to_markdown(result: RunResult, lang: Language = ENGLISH) -> str:
    """`roi-sim compare --format markdown`."""
    parts = [f"# {lang.t('cmp_md_title', name=result.scenario.name)}", "", f"_{_settings_line(result, lang)}_", ""]
    if (sentence := draws_sentence(result, lang)) is not None:
        parts += [sentence, ""]
    pairs = comparisons(result)
    if pairs is None:
        return safe_text("\n".join(parts + [lang.t("cmp_one_md"), ""]))
    for ledger, comp in _shown(result, pairs):
        rows = [_pair_cells(p, lang) for p in comp.pairs]
        heading = lang.t("ledger_" + ledger)
        heading = heading[:1].upper() + heading[1:]  # not str.capitalize(): "MKBA" stays upper case
        parts += [f"## {with_present_value(heading, result, lang)}", "", _md_table(_columns(lang), rows), ""]
        parts += [ranking_sentence(ledger, comp, lang).replace("\n", "  \n"), ""]
    return safe_text("\n".join(parts))
