"""The council report (`roi-sim report`): one self-contained HTML or Markdown file with the
question, the headline, the tables, the correction of the back-of-envelope arithmetic, the
charts, later sections where the scenario has them (groups, uncertain parameters) and
every assumption with its source. Images are embedded as data URIs: the file needs
nothing from the network.

Every number shown is formatted from the same rounded figures as ``--format json``; HTML
table cells carry that figure in a ``data-value`` attribute, so a test (or a controller)
can check them against the JSON.

Cut by job: :mod:`.sections` builds the report as pieces (one function per section, and
the charts), :mod:`.scenario_text` reads the question and the sources from the scenario
file, and :mod:`.writers` writes the pieces as HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roi_sim.model.simulate import RunResult
from roi_sim.outputs.council_report.scenario_text import assumptions, scenario_question
from roi_sim.outputs.council_report.sections import FAN_PERCENTILES, _sections, chart_text, make_charts
from roi_sim.outputs.council_report.writers import LONG_TABLE_ROWS, Cell, to_html, to_markdown
from roi_sim.outputs.language import Language
from roi_sim.outputs.safe_text import safe_text

__all__ = [
    "FAN_PERCENTILES", "LONG_TABLE_ROWS", "Cell", "assumptions", "build_report", "chart_text", "make_charts", "scenario_question",
    "to_html", "to_markdown",
]  # fmt: skip


def build_report(
    result: RunResult, scenario_text: str, lang: Language, fmt: str, created: dt.datetime, sensitivity: list[Any] | None = None,
    tracking: list[tuple[str, Any]] | None = None, processes: int = 1,
) -> str:
    """The council report as HTML (``fmt`` "html") or Markdown ("md"); ``tracking`` (pieces
    of :mod:`roi_sim.outputs.tracking_page`) adds the plan-versus-realised page before the annex.
    Its charts are drawn in up to ``processes`` processes; the bytes are the same."""
    pieces = _sections(result, lang, scenario_text, created, sensitivity, processes)
    if tracking:
        annex = next((i for i, (k, c) in enumerate(pieces) if k == "h2" and c == lang.t("annex")), len(pieces))
        pieces = pieces[:annex] + tracking + pieces[annex:]
    # Names from the scenario are HTML-escaped by the writer, and their control characters here.
    if fmt == "html":
        return safe_text(to_html(pieces, lang))
    if fmt == "md":
        return safe_text(to_markdown(pieces))
    raise ValueError(f"unknown report format {fmt!r}; allowed: html, md")

