"""The participation ladder in the terminal (DESIGN.md §10): clients per state at the end of
each year, with the programme and (in brackets) without it, and the rung-years gained — built
from the JSON document, so every number shown is the JSON's. Only for scenarios with states.
The Markdown output (:mod:`roi_sim.outputs.formats.markdown`) shows the same rows through
:func:`ladder_sections`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from roi_sim.outputs.language import Language


def occupancy_rows(data: Mapping[str, Any], lang: Language) -> list[tuple[str, list[str]]]:
    occ = data["occupancy"]
    rows = []
    for state in occ["states"]:
        name = state["name"]
        label = name if state["rung"] is None else lang.t("ladder_state_rung", name=name, rung=state["rung"])
        cells = [
            f"{lang.decimal(p[name]['mean'], 0)} ({lang.decimal(c[name]['mean'], 0)})"
            for p, c in zip(occ["programme"], occ["counterfactual"])
        ]
        rows.append((label, cells))
    return rows


def rung_years_sentence(data: Mapping[str, Any], lang: Language, deterministic: bool) -> str | None:
    rungs = data.get("rung_years_gained")
    if rungs is None:
        return None
    mean = lang.decimal(rungs["mean"], 0)
    if deterministic:
        return lang.t("ladder_rung_years", name=data["name"], x=mean)
    return lang.t("ladder_rung_years_mc", name=data["name"], x=mean, lo=lang.decimal(rungs["p5"], 0), hi=lang.decimal(rungs["p95"], 0))


class LadderSection(NamedTuple):
    """One strategy's ladder table: its title, the first column's header, the years' headers,
    the rows (state, cells) and the rung-years sentence (None without rungs)."""

    title: str
    first: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    sentence: str | None


def ladder_sections(doc: Mapping[str, Any], lang: Language) -> list[LadderSection]:
    """Per strategy with states, the words and numbers of its ladder table (from the JSON
    document); an empty list for an on/off scenario."""
    out = []
    deterministic = doc["settings"]["deterministic"]
    for data in doc["strategies"]:
        if "occupancy" not in data:
            continue
        years = [lang.t("year_n", n=row["year"]) for row in data["occupancy"]["programme"]]
        title = lang.t("ladder_title" if deterministic else "ladder_title_mc", name=data["name"])
        out.append(LadderSection(title, lang.t("ladder_state"), years, occupancy_rows(data, lang), rung_years_sentence(data, lang, deterministic)))
    return out


def _whole_cell_tables(section: LadderSection, width: int) -> list[Any]:
    """The section's table within ``width`` columns, its years split into blocks where needed,
    with every cell ("7,724 (12,157)") on one line and every state name whole: each year's
    column is fixed at its widest cell, so rich narrows only the state column, and only down
    to its longest word (a block is as many years as fit so). Rich's own fitting would rather
    fold a state name or break a cell between its two numbers."""
    from roi_sim.outputs.formats.terminal import _fits, _table

    columns, rows = section.columns, section.rows
    widths = [max([len(columns[i]), *(len(cells[i]) for _, cells in rows)]) for i in range(len(columns))]

    def block(a: int, b: int, title: str | None) -> Any:
        table = _table(title, section.first, columns[a:b], [(label, cells[a:b]) for label, cells in rows])
        longest = max(len(word) for label in [section.first, *(label for label, _ in rows)] for word in label.split())
        table.columns[0].min_width = longest
        for column, w in zip(table.columns[1:], widths[a:b]):
            column.width = w
        return table

    out: list[Any] = []
    start = 0
    while start < len(columns):
        stop = start + 1
        while stop < len(columns) and _fits(block(start, stop + 1, None), width):
            stop += 1
        out.append(block(start, stop, section.title if start == 0 else None))
        start = stop
    return out


def ladder_renderables(doc: Mapping[str, Any], lang: Language, width: int) -> list[Any]:
    """Per strategy with states: the occupancy table fitted to ``width`` (years split into
    blocks where needed) and the rung-years gained; nothing for an on/off scenario."""
    from roi_sim.outputs.safe_text import shown

    out: list[Any] = []
    sections = ladder_sections(doc, lang)
    for section in sections:
        out += _whole_cell_tables(section, width)
        if section.sentence is not None:
            out.append(shown(section.sentence))
    # The note explains rung-years: only where some strategy's states have rungs.
    if any(section.sentence is not None for section in sections):
        out.append(shown(lang.t("ladder_note"), style="dim"))
    return out
