"""The council report's writers: its pieces as one self-contained HTML page (print-ready,
images as data URIs) or as Markdown."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from typing import Any

from roi_sim.outputs.language import Language


@dataclass(frozen=True)
class Cell:
    """A table cell: the text shown and, for numbers, the JSON figure it shows."""

    text: str
    value: float | None = None


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-top:1.2em}
.meta{color:#555;font-size:.85em}table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}td.num{text-align:right;white-space:nowrap}
th{background:#f2f2f2}.interval{color:#555;font-size:.85em}img{display:block;max-width:100%;height:auto;margin:.8em 0}
thead{display:table-header-group}
.keep{break-inside:avoid;page-break-inside:avoid}
@page{size:A4;margin:18mm 16mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt}
table{font-size:8pt;width:100%}th,td{padding:.2em .35em}.interval{white-space:normal}
h1,h2,h3,p.intro{break-after:avoid;page-break-after:avoid}
table,img,.keep{break-inside:avoid;page-break-inside:avoid}
table.long,.keep table{break-inside:auto;page-break-inside:auto}
tr,li{break-inside:avoid;page-break-inside:avoid}
img{max-height:120mm}
}
"""
# Why a block (not an inline-block) keeps a heading with its table: Chromium cuts an
# inline-block taller than a page through a line of text (a row half on each page); a
# block that does not fit a page breaks between rows instead. And why tables are measured:
# a table kept whole that is taller than what is left of a page is first pushed to the
# next page, leaving its heading alone; a table taller than a page is therefore "long"
# (it breaks between rows, its header repeating) and its heading is held to its first
# rows by break-after: avoid alone. Inside a kept block only the block avoids a break:
# were the table to avoid one too, a block that the estimate wrongly held to fit a page
# would leave its heading alone on one page and its table on the next.

#: A table longer than this may break over pages (between rows), whatever its measure.
LONG_TABLE_ROWS = 22
#: Printed measures in points: the text column of A4 less the margins (178 × 261 mm), the
#: characters of 8 pt table text on a line of it, the height of a line and of a row's padding.
_PAGE_HEIGHT_PT = 261 / 25.4 * 72
_LINE_CHARS = 120
_LINE_PT = 8 * 1.45
_ROW_PAD_PT = 4.0
#: A heading's block (heading, introduction, table) is kept on one page when its table is
#: estimated at most this share of a page (the estimate runs a little high: wrapped
#: columns are wider in print than their share of characters).
_KEEP_SHARE = 1.0


def table_height_pt(header: list[str], rows: list[list[Cell]]) -> float:
    """An estimate of the printed height of a table: each row as tall as its cell of most
    lines, a column getting a share of the line in proportion to its longest text."""
    columns = list(zip(*([Cell(h) for h in header], *rows)))
    widest = [max(max(len(line) for line in c.text.split("\n")) if c.text else 1 for c in col) for col in columns]
    total = sum(widest) or 1
    chars = [max(6.0, _LINE_CHARS * w / total) for w in widest]
    height = 0.0
    for row in [[Cell(h) for h in header], *rows]:
        lines = max(sum(-(-max(len(line), 1) // int(n)) for line in c.text.split("\n")) for c, n in zip(row, chars))
        height += lines * _LINE_PT + _ROW_PAD_PT
    return height


def is_long(header: list[str], rows: list[list[Cell]]) -> bool:
    """Whether a table may break over pages: too tall to keep whole on one."""
    return len(rows) > LONG_TABLE_ROWS or table_height_pt(header, rows) > _KEEP_SHARE * _PAGE_HEIGHT_PT


def _block_class(pieces: list[tuple[str, Any]], start: int) -> str:
    """How the block opened by the heading at ``start`` is kept: "keep" (on one page) up to
    its first table or chart, "" (free) before a list or a long table."""
    for kind, content in pieces[start + 1 :]:
        if kind == "table":
            return "" if is_long(*content) else "keep"
        if kind in ("ul", "strong"):
            return ""
        if kind in ("img", "h2", "h3"):
            return "keep"
    return "keep"


def to_html(pieces: list[tuple[str, Any]], lang: Language) -> str:
    e = html.escape
    out = [f'<!DOCTYPE html>\n<html lang="{lang.code}">\n<head>\n<meta charset="utf-8">']
    title = next(c for k, c in pieces if k == "title")
    out.append(f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>")
    # A heading and what follows it up to its first table or chart share a block kept on
    # one page where it fits (no heading alone at a page foot); a long table breaks between
    # rows, its header repeating on every page, and its heading and introduction stay with
    # its first rows (break-after: avoid).
    open_block = False
    after_heading = False
    for i, (kind, content) in enumerate(pieces):
        if kind in ("h2", "h3", "title") and open_block:
            out.append("</div>")
            open_block = False
        if kind in ("h2", "h3"):
            keep = _block_class(pieces, i)
            out.append(f'<div class="{keep}">' if keep else "<div>")
            open_block = True
        if kind == "p":
            intro = ' class="intro"' if after_heading else ""
            out += [f"<p{intro}>" + e(par).replace("\n", "<br>") + "</p>" for par in content.split("\n\n")]
        else:
            out.append(_html_piece(kind, content))
        after_heading = kind in ("h2", "h3") or (kind == "p" and after_heading)
        if kind in ("table", "img", "ul") and open_block:
            out.append("</div>")
            open_block = False
    if open_block:
        out.append("</div>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _html_piece(kind: str, content: Any) -> str:
    """One piece (not a paragraph) as HTML."""
    e = html.escape
    if kind == "title":
        return f"<h1>{e(content)}</h1>"
    if kind == "meta":
        return f'<p class="meta">{e(content)}</p>'
    if kind in ("h2", "h3"):
        return f"<{kind}>{e(content)}</{kind}>"
    if kind == "strong":
        return f"<p><strong>{e(content)}</strong></p>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{e(item)}</li>" for item in content) + "</ul>"
    if kind == "table":
        return _html_table(*content)
    if kind == "img":
        name, data = content
        return f'<img alt="{e(name)}" id="chart-{e(name)}" src="{_png_uri(data)}">'
    raise ValueError(f"unknown report piece {kind!r}")


def _html_table(header: list[str], rows: list[list[Cell]]) -> str:
    e = html.escape
    out = [('<table class="long">' if is_long(header, rows) else "<table>") + "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead><tbody>"]
    for row in rows:
        cells = []
        for c in row:
            shown = e(c.text).replace("\n", '<br><span class="interval">', 1) + ("</span>" if "\n" in c.text else "")
            if c.value is None:
                cells.append(f"<td>{shown}</td>")
            else:
                cells.append(f'<td class="num" data-value="{c.value!r}">{shown}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def to_markdown(pieces: list[tuple[str, Any]]) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    out: list[str] = []
    for kind, content in pieces:
        if kind == "title":
            out += [f"# {content}", ""]
        elif kind == "meta":
            out += [f"_{content}_", ""]
        elif kind == "h2":
            out += [f"## {content}", ""]
        elif kind == "h3":
            out += [f"### {content}", ""]
        elif kind == "p":
            out += [content.replace("\n\n", "\n\n").replace("\n", "  \n"), ""]
        elif kind == "strong":
            out += [f"**{content}**", ""]
        elif kind == "ul":
            out += [f"- {item}" for item in content] + [""]
        elif kind == "table":
            header, rows = content
            out.append("| " + " | ".join(esc(h) for h in header) + " |")
            out.append("|" + "|".join("---" for _ in header) + "|")
            out += ["| " + " | ".join(esc(c.text) for c in row) + " |" for row in rows]
            out.append("")
        elif kind == "img":
            name, data = content
            out += [f"![{name}]({_png_uri(data)})", ""]
    return "\n".join(out)
