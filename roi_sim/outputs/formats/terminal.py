"""The run as rich tables for the terminal (and as plain text for ``--output report.txt``):
the summary per strategy and the yearly budget tables, fitted to the terminal's width
without cutting an amount. The labelled rows are shared with the Markdown renderer."""

from __future__ import annotations

import io
from typing import Any

from roi_sim.model.metrics import StrategySummary
from roi_sim.model.simulate import RunResult
from roi_sim.outputs import tables
from roi_sim.outputs.formats.document import _any_societal, _stat, to_dict
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
from roi_sim.outputs.ladder_table import ladder_renderables
from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.safe_text import safe_renderables
from roi_sim.outputs.stakeholder_table import who_pays_renderables


def _summary_rows(result: RunResult, lang: Language = ENGLISH, doc: dict[str, Any] | None = None) -> list[tuple[str, list[str]]]:
    det = result.settings.deterministic
    rows = tables.summary_rows(doc or to_dict(result), _any_societal(result), det)
    return [(lang.t(r.key), [tables.show(f, lang, interval=not det) for f in r.figures]) for r in rows]


def _yearly_rows(st: StrategySummary | dict[str, Any], lang: Language = ENGLISH, scale: float = 1.0) -> tuple[list[str], list[tuple[str, list[str]]]]:
    data = st if isinstance(st, dict) else _strategy_doc(st)
    years, rows = tables.yearly_rows(data)
    columns = [lang.t("year_n", n=y) for y in years] + [lang.t("total")]
    return columns, [(lang.t(r.key), [tables.show(f, lang, interval=False, scale=scale) if f.mean is not None else "" for f in r.figures]) for r in rows]


def _nominal_rows(data: dict[str, Any], lang: Language = ENGLISH, scale: float = 1.0) -> tuple[list[str], list[tuple[str, list[str]]]] | None:
    """The budget-years block (issue 14.3): begrotingsjaren as columns, nominal amounts."""
    built = tables.nominal_rows(data)
    if built is None:
        return None
    years, rows = built
    columns = [str(y) for y in years] + [lang.t("total")]
    return columns, [(lang.t(r.key), [tables.show(f, lang, interval=False, scale=scale) if f.mean is not None else "" for f in r.figures]) for r in rows]


def nominal_tables(result: RunResult, data: dict[str, Any], name: str, lang: Language, width: int) -> list[Any]:
    """The budget-years block of one strategy fitted to ``width``; none without a price year."""
    built = _nominal_rows(data, lang)
    prices = result.scenario.prices
    if built is None or prices is None:
        return []
    key = "nominal_title" if result.settings.deterministic else "nominal_title_mc"
    title = lang.t(key, name=name, year=prices.price_year)

    def rows(scale: float) -> list[tuple[str, list[str]]]:
        again = _nominal_rows(data, lang, scale)
        assert again is not None
        return again[1]

    return fitted_tables(title, lang.t("amounts"), built[0], rows, width, scaled_title=title + " — " + lang.t("thousands"))


def _strategy_doc(st: StrategySummary) -> dict[str, Any]:
    """The yearly part of a strategy's JSON (for callers holding a StrategySummary)."""
    return {"yearly": [{"year": y.year, **{k: _stat(getattr(y, k), 2) for k in ("investment", "savings", "net", "cumulative_net", "subsidies")}} for y in st.yearly]}


def terminal_width() -> int:
    """The width rich tables are fitted to: the terminal's (rich reads ``COLUMNS`` and the
    tty), else 120 for a pipe or a file."""
    import sys

    from rich.console import Console

    return Console().width if sys.stdout.isatty() else 120


def _table(title: str | None, first: str, columns: list[str], rows: list[tuple[str, list[str]]], lines: bool = False) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", show_lines=lines)
    # Labels and headers may wrap between words; amounts are single words, so a table
    # whose minimum width fits never cuts one (checked in _fits).
    table.add_column(first, style="bold", overflow="fold")
    for c in columns:
        table.add_column(c, justify="right", overflow="fold")
    for label, cells in rows:
        table.add_row(label, *cells)
    return table


def _fits(table: Any, width: int) -> bool:
    from rich.console import Console

    # Measured on a wide console: a measurement is clamped to the console's width.
    console = Console(width=10_000, color_system=None, file=io.StringIO())
    return console.measure(table).minimum <= width


def fitted_tables(
    title: str | None, first: str, columns: list[str], make_rows: Any, width: int, scaled_title: str | None = None, lines: bool = False,
) -> list[Any]:
    """A table fitted to ``width`` columns without cutting an amount: as it is; else in
    thousands of euros (``scaled_title``, when given); else with its columns split into
    blocks, each a table of its own under the same labels. ``make_rows(scale)`` gives the
    rows with euros divided by ``scale``."""
    attempts = [(1.0, title)] + ([(1000.0, scaled_title)] if scaled_title is not None else [])
    for scale, heading in attempts:
        table = _table(heading, first, columns, make_rows(scale), lines)
        if _fits(table, width):
            return [table]
    scale, heading = attempts[-1]
    rows = make_rows(scale)
    blocks: list[Any] = []
    start = 0
    while start < len(columns):
        stop = start + 1
        while stop < len(columns) and _fits(_block(None, first, columns, rows, start, stop + 1, lines), width):
            stop += 1
        blocks.append(_block(heading if start == 0 else None, first, columns, rows, start, stop, lines))
        start = stop
    return blocks


def _block(title: str | None, first: str, columns: list[str], rows: list[tuple[str, list[str]]], a: int, b: int, lines: bool) -> Any:
    return _table(title, first, columns[a:b], [(label, cells[a:b]) for label, cells in rows], lines)


def render_tables(result: RunResult, lang: Language = ENGLISH, width: int | None = None) -> list[Any]:
    """Rich renderables for the terminal: a summary per strategy and yearly budget tables,
    fitted to ``width`` columns (default: the terminal's) without cutting an amount."""
    from roi_sim.outputs.safe_text import shown

    width = width or terminal_width()
    det = result.settings.deterministic
    doc = to_dict(result)
    out: list[Any] = [shown(result.scenario.name, style="bold"), shown(_settings_line(result, lang), style="dim")]
    summary = _summary_rows(result, lang, doc)
    names = [st.name for st in result.strategies]
    title = with_present_value(lang.t("summary_title" if det else "summary_title_mc"), result, lang)
    out += fitted_tables(title, "", names, lambda _s: summary, width, lines=not det)
    for note in (discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)):
        if note:
            out.append(shown(note, style="dim"))
    for st in result.strategies:
        out.append(shown("• " + st.name + ": " + headline(st, result.settings.horizon_years, det, lang, spec_of(result, st.name), start_year_of(result))))
    if (note := rounding_note(result, lang)) is not None:
        out.append(shown(note, style="dim"))
    if len(result.strategies) > 1:
        out.append(shown(best_sentence(result, lang), style="bold"))
    out += who_pays_renderables(doc, lang, width)
    out += ladder_renderables(doc, lang, width)
    for st, data in zip(result.strategies, doc["strategies"]):
        columns, _ = _yearly_rows(data, lang)
        title = lang.t("yearly_title" if det else "yearly_title_mc", name=st.name)
        out += fitted_tables(
            title, lang.t("amounts"), columns, lambda scale, d=data: _yearly_rows(d, lang, scale)[1], width,
            scaled_title=title + " — " + lang.t("thousands"),
        )
        out += nominal_tables(result, data, st.name, lang, width)
    return out


def renderables_to_text(items: list[Any], width: int = 120) -> str:
    """Rich renderables as plain text (for ``--output report.txt``)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    for item in safe_renderables(items):
        console.print(item)
    return buf.getvalue()


def to_text(result: RunResult, width: int = 120, lang: Language = ENGLISH) -> str:
    """The tables as plain text (for ``--output report.txt``)."""
    return renderables_to_text(render_tables(result, lang), width)
