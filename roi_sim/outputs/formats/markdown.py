"""The run as GitHub-flavoured Markdown: the tables of the terminal and the same sentences."""

from __future__ import annotations

from typing import Any

from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.document import to_dict
from roi_sim.outputs.formats.sentences import (
    _settings_line,
    best_sentence,
    discount_note,
    headline,
    rounding_note,
    spec_of,
    start_year_of,
    uncertainty_note,
    variants_note,
    with_present_value,
)
from roi_sim.outputs.formats.terminal import _nominal_rows, _summary_rows, _yearly_rows
from roi_sim.outputs.ladder_table import ladder_sections
from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.safe_text import safe_text


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _ladder_parts(doc: dict[str, Any], lang: Language, h2: str) -> list[str]:
    """The participation ladder (DESIGN.md §10), as in the terminal: per strategy with states
    a table of clients per state at the end of each year, with the programme and (in brackets)
    without it, and the rung-years gained — the JSON's numbers. Nothing for an on/off scenario,
    so its Markdown is unchanged."""
    sections = ladder_sections(doc, lang)
    parts: list[str] = []
    for section in sections:
        parts += [f"{h2} {section.title}", "", _md_table([section.first, *section.columns], [[label, *cells] for label, cells in section.rows]), ""]
        if section.sentence is not None:
            parts += [section.sentence, ""]
    if any(section.sentence is not None for section in sections):  # rung-years shown: say what they are
        parts += [f"_{lang.t('ladder_note')}_", ""]
    return parts


def to_markdown(result: RunResult, lang: Language = ENGLISH, heading_level: int = 1) -> str:
    """The tables as GitHub-flavoured markdown."""
    det = result.settings.deterministic
    h1, h2 = "#" * heading_level, "#" * (heading_level + 1)
    parts = [f"{h1} {result.scenario.name}", "", f"_{_settings_line(result, lang)}_", "", f"{h2} {with_present_value(lang.t('summary_title'), result, lang)}", ""]
    if not det:
        parts += [lang.t("summary_note_mc"), ""]
    rows = [[label, *cells] for label, cells in _summary_rows(result, lang)]
    parts += [_md_table(["", *[st.name for st in result.strategies]], rows), ""]
    for st in result.strategies:
        parts += [f"- **{st.name}**: {headline(st, result.settings.horizon_years, det, lang, spec_of(result, st.name), start_year_of(result))}"]
    notes = [n for n in (rounding_note(result, lang), discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)) if n]
    if notes:
        parts += ["", "_" + " ".join(notes) + "_"]
    if len(result.strategies) > 1:
        parts += ["", f"**{best_sentence(result, lang)}**"]
    parts.append("")
    doc = to_dict(result)
    parts += _ladder_parts(doc, lang, h2)
    for st in doc["strategies"]:
        columns, yrows = _yearly_rows(st, lang)
        parts += [f"{h2} {lang.t('yearly_title', name=st['name'])}", "", _md_table([lang.t("amounts"), *columns], [[label, *cells] for label, cells in yrows]), ""]
        nominal = _nominal_rows(st, lang)
        if nominal is not None and result.scenario.prices is not None:
            title = lang.t("nominal_title", name=st["name"], year=result.scenario.prices.price_year)
            parts += [f"{h2} {title}", "", _md_table([lang.t("amounts"), *nominal[0]], [[label, *cells] for label, cells in nominal[1]]), ""]
    return safe_text("\n".join(parts))
