"""Issue 17.7: the council report as it comes out of a browser's print dialog. The CSS and
the structure of the HTML (A4, headings grouped with their table or chart, repeating table
headers, the Total column, the first page's order), chart labels inside their figure in
both languages, and, where headless Chromium is installed (CI installs it), the printed PDF
itself: no line cut by a page edge and no heading left at a page foot."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _report(tmp: Path, scenario: str, lang: str) -> Path:
    from typer.testing import CliRunner

    from roi_sim.cli.app import app

    page = tmp / f"{scenario}-{lang}.html"
    res = CliRunner().invoke(app, ["report", str(ROOT / "scenarios" / f"{scenario}.yaml"), "-o", str(page), "--lang", lang, "-n", "1000"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("print")
    # Schiedam: three strategies with long names and an assumptions table longer than a
    # page; Lelystad: beliefs (variants); tiers: five strategies and groups.
    return {f"{s}-{lang}": _report(tmp, s, lang) for s in ("lelystad", "schiedam", "tiers") for lang in ("nl", "en")}


def _css(page: str) -> str:
    match = re.search(r"<style>(.*?)</style>", page, flags=re.S)
    assert match
    return match.group(1)


def test_print_css(pages) -> None:
    css = _css(pages["lelystad-nl"].read_text(encoding="utf-8"))
    assert re.search(r"@page\{size:A4;margin:[^}]+\}", css)
    assert "thead{display:table-header-group}" in css  # headers repeat on every page
    assert re.search(r"h1,h2,h3,p\.intro\{break-after:avoid", css)
    assert re.search(r"table,img,\.keep\{break-inside:avoid", css)
    assert re.search(r"tr,li\{break-inside:avoid", css)
    # A kept block is a block: Chromium slices an inline-block taller than a page mid-line.
    assert "inline-block" not in css


def _blocks(page: str) -> list[str]:
    body = page.split("<body>", 1)[1]
    return re.findall(r"<div(?: class=\"keep\")?>.*?</div>", body, flags=re.S)


def test_every_heading_shares_a_block_with_its_table_or_chart(pages) -> None:
    for name, path in pages.items():
        page = path.read_text(encoding="utf-8")
        blocks = _blocks(page)
        assert len(blocks) == len(re.findall(r"<h[23]>", page)), name
        for block in blocks:
            assert re.match(r"<div(?: class=\"keep\")?>\s*<h[23]>", block), (name, block[:80])
            # What the heading introduces is in its block: a table, a chart or a list ...
            assert re.search(r"<table|<img|<ul", block) or block.count("<p") >= 1, (name, block[:120])
            # ... and a paragraph between the heading and it is held to it.
            head_to_content = re.split(r"<table|<img", block)[0]
            for p in re.findall(r"<p[^>]*>", head_to_content):
                assert p == '<p class="intro">' or "<strong>" in head_to_content, (name, p)


def test_long_tables_break_between_rows_short_ones_are_kept(pages) -> None:
    from roi_sim.outputs.council_report.writers import _PAGE_HEIGHT_PT, Cell, table_height_pt

    page = pages["schiedam-nl"].read_text(encoding="utf-8")
    for block in _blocks(page):
        table = re.search(r"<table( class=\"long\")?><thead><tr>(.*?)</tr></thead><tbody>(.*?)</tbody>", block, flags=re.S)
        if not table:
            continue
        header = [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", table.group(2))]
        rows = [[Cell(html.unescape(re.sub(r"<[^>]+>", "", c.replace("<br>", "\n")))) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
                for r in re.findall(r"<tr>(.*?)</tr>", table.group(3), flags=re.S)]
        long = table.group(1) is not None
        assert long == (table_height_pt(header, rows) > _PAGE_HEIGHT_PT or len(rows) > 22)
        assert block.startswith('<div class="keep">') != long  # a long table's block may break
    assert '<h2>Aannames</h2>\n<p class="intro">' in page
    assert re.search(r'<h2>Aannames</h2>\n<p class="intro">.*?</p>\n<table class="long">', page, flags=re.S)


def test_yearly_tables_carry_a_total_column_that_adds_up(pages) -> None:
    for name, word in (("lelystad-nl", "Totaal"), ("tiers-en", "Total")):
        page = pages[name].read_text(encoding="utf-8")
        tables = re.findall(r"<h3>(?:Kasstroom per jaar|Cash flow per year).*?</h3>\n<table><thead><tr>(.*?)</tr></thead><tbody>(.*?)</tbody>", page, flags=re.S)
        assert len(tables) >= 2, name
        for head, body in tables:
            assert re.findall(r"<th>(.*?)</th>", head)[-1] == word
            for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[:-1]:  # the cumulative row has no total
                values = [float(v) for v in re.findall(r'data-value="([^"]+)"', row)]
                assert values and values[-1] == pytest.approx(sum(values[:-1]), abs=1.0), (name, row[:60])


def test_first_page_order_question_answer_how_sure(pages) -> None:
    for name, (question, short, sure) in {
        "lelystad-nl": ("De vraag", "In het kort", "van de doorgerekende aannames beter dan"),
        "tiers-en": ("The question", "In short", "of the uncertain assumptions"),
    }.items():
        page = pages[name].read_text(encoding="utf-8")
        heads = re.findall(r"<h2>(.*?)</h2>", page)
        assert heads[:2] == [question, short], name
        opening = page.split(f"<h2>{short}</h2>", 1)[1]
        # The answer (the best, and how sure) comes straight after the heading, before the
        # per-strategy sentences.
        assert re.match(r"\s*<p><strong>[^<]*" + re.escape(sure), opening), (name, opening[:300])
        assert opening.index("<strong>") < opening.index("<ul>")


# --- charts ---------------------------------------------------------------------------

NAMES = ("The plan: 300 clients a year for 3 years", "Intensive team, caseload 50-70 (cost scaled from Berenschot)",
         "Korf's mix (2/3 to 50-80%, 1/3 to 20-50%)", "All to 80-100%", "One year first: 300 clients in 2011")


def _drawn_texts(fig: Any) -> list[Any]:
    """Every text the figure shows: tick labels only of the ticks that are drawn."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    ticks, drawn = set(), set()
    for axis in fig.findobj(Axis):
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            ticks |= {id(tick.label1), id(tick.label2)}
        for tick in axis._update_ticks():
            drawn |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and (id(t) not in ticks or id(t) in drawn)]


@pytest.mark.parametrize("code", ["nl", "en"])
@pytest.mark.parametrize("strategies", [1, 3, 5])
def test_chart_labels_are_never_clipped(code: str, strategies: int, monkeypatch) -> None:
    from roi_sim.outputs.charts import comparison_chart, fan_chart, histogram, style
    from roi_sim.outputs.council_report import chart_text
    from roi_sim.outputs.language import compact_euro, language

    figures: list[Any] = []
    make = style._make
    # _make hands back the figure and whether its canvas holds the settled picture.
    monkeypatch.setattr(style, "_make", lambda draw, render=False: figures.append(make(draw, render)) or figures[-1])
    lang = language(code)
    text = chart_text(lang)

    def money(x: float) -> str:
        return compact_euro(x, lang)

    rng = np.random.default_rng(strategies)
    values = {n: rng.normal(-5e5 * i, 8e5, 2000) for i, n in enumerate(NAMES[:strategies])}
    histogram(values, text, money)
    comparison_chart([(n, float(v.mean()), float(np.percentile(v, 5)), float(np.percentile(v, 95))) for n, v in values.items()], text, money)
    fan_chart({n: {f"p{p}": np.linspace(-1.5e6, 2e4 * (p - 50), 72) for p in (5, 25, 50, 75, 95)} for n in values}, text, money)
    assert len(figures) == 3
    for fig, _ in figures:
        renderer = fig.canvas.get_renderer()
        for t in _drawn_texts(fig):
            box = t.get_window_extent(renderer)
            inside = box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= fig.bbox.width + 0.5 and box.y1 <= fig.bbox.height + 0.5
            assert inside, (code, strategies, t.get_text(), box.bounds)


# --- the printed PDF --------------------------------------------------------------------

NEEDED = ("chromium", "pdftotext")
_MARGIN_PT = 18 / 25.4 * 72  # @page margin top and bottom
_PAGE_PT = 841.9


def _print(page: Path) -> Path:
    pdf = page.with_suffix(".pdf")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={page.parent / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", "file://" + str(page)],
        check=True, capture_output=True, timeout=180,
    )
    return pdf


def _words_per_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """(top, bottom, word) of every word, page by page (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(y0), float(y1), html.unescape(w)) for y0, y1, w in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', p)]
            for p in re.findall(r"<page[^>]*>(.*?)</page>", out, flags=re.S)]


def _lines(words: list[tuple[float, float, str]]) -> list[tuple[float, str]]:
    rows: dict[int, list[str]] = {}
    for _, bottom, word in words:
        rows.setdefault(round(bottom), []).append(word)
    return [(y, " ".join(ws)) for y, ws in sorted(rows.items())]


@pytest.mark.skipif(any(shutil.which(t) is None for t in NEEDED), reason="Chromium or poppler-utils is not installed")
@pytest.mark.parametrize("name", ["schiedam-nl", "lelystad-nl"])
def test_printed_pdf_cuts_no_line_and_orphans_no_heading(pages, name: str) -> None:
    page = pages[name]
    text = page.read_text(encoding="utf-8")
    # Each heading and what follows it: a chart needs about 100 mm below its heading.
    headings = [(" ".join(html.unescape(h).split()), nxt) for h, nxt in re.findall(r"<h[23]>(.*?)</h[23]>\s*<(\w+)", text)]
    per_page = _words_per_page(_print(page))
    assert len(per_page) >= 4
    for number, words in enumerate(per_page, 1):
        # A line cut by a page edge shows its halves outside the page margins.
        cut = [w for top, bottom, w in words if top < _MARGIN_PT - 3 or bottom > _PAGE_PT - _MARGIN_PT + 3]
        assert not cut, (name, number, cut[:6])
        lines = _lines(words)
        if number == len(per_page) or not lines:
            continue
        room = _PAGE_PT - _MARGIN_PT - lines[-1][0]
        for heading, nxt in headings:
            for k in (1, 2):  # a heading perhaps wrapped over two lines
                if " ".join(t for _, t in lines[-k:]) == heading:
                    assert room > (250 if nxt == "img" else 25), (name, number, heading)
            # A heading with only its introduction after it at the foot of a page.
            for k in (2, 3, 4):
                tail = [t for _, t in lines[-k:]]
                if tail[0] == heading and all("€" not in t and not re.search(r"\d{2}", t) for t in tail[1:]) and tail[-1].endswith("."):
                    raise AssertionError((name, number, heading, "alone with its introduction"))
