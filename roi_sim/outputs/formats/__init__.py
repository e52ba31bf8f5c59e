"""Rendering a finished run: JSON (the public contract of DESIGN.md §4), rich tables,
markdown and CSV. Pure functions from a :class:`RunResult` to text (or to a rich renderable).

Cut by job, every name importable from here as before:

* :mod:`.document`: the JSON document (``to_dict``, ``to_json``) and the facts about a run
  the renderers share (``comparisons``, ``draws_used``);
* :mod:`.sentences`: the headline, the notes and the best strategy in words;
* :mod:`.terminal`: rich tables fitted to the terminal, and plain text;
* :mod:`.markdown` and :mod:`.csv_table`: the other text formats of ``roi-sim run``;
* :mod:`.comparison` and :mod:`.allocation`: ``roi-sim compare`` and ``roi-sim allocate``.
"""

from __future__ import annotations

from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.allocation import allocation_to_json, render_allocation
from roi_sim.outputs.formats.comparison import (
    LEDGER_LABELS,
    comparison_to_json,
    comparison_to_markdown,
    draws_sentence,
    ranking_sentence,
    render_comparison_tables,
)
from roi_sim.outputs.formats.csv_table import to_csv
from roi_sim.outputs.formats.document import SCHEMA_VERSION, _any_societal, comparisons, draws_used, to_dict, to_json
from roi_sim.outputs.formats.markdown import to_markdown
from roi_sim.outputs.formats.sentences import (
    best_sentence,
    caveats,
    clients,
    discount_note,
    euro,
    euro_cents,
    headline,
    mc_round,
    percent,
    ratio,
    rounding_note,
    spec_of,
    start_year_of,
    uncertainty_note,
    variants_note,
)
from roi_sim.outputs.formats.terminal import fitted_tables, render_tables, renderables_to_text, terminal_width, to_text
from roi_sim.outputs.language import ENGLISH, Language

__all__ = [
    "FORMATS", "LEDGER_LABELS", "SCHEMA_VERSION", "_any_societal", "allocation_to_json", "best_sentence", "caveats", "clients",
    "comparison_to_json", "comparison_to_markdown", "comparisons", "discount_note", "draws_sentence", "draws_used", "euro",
    "euro_cents", "fitted_tables", "headline", "mc_round", "percent", "ranking_sentence", "ratio", "render", "render_allocation",
    "render_comparison_tables", "render_tables", "renderables_to_text", "rounding_note", "spec_of", "start_year_of", "terminal_width", "to_csv",
    "to_dict", "to_json", "to_markdown", "to_text", "uncertainty_note", "variants_note",
]  # fmt: skip

FORMATS = ("table", "json", "markdown", "csv")


def render(result: RunResult, fmt: str, lang: Language = ENGLISH) -> str:
    """The run in one of :data:`FORMATS` as text (JSON is language-neutral)."""
    if fmt == "json":
        return to_json(result)
    if fmt == "markdown":
        return to_markdown(result, lang)
    if fmt == "csv":
        return to_csv(result, lang)
    if fmt == "table":
        return to_text(result, lang=lang)
    raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")
