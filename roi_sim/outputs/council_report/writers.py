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
h1,h2,h3{break-after:avoid;page-break-after:avoid}
table,img,.keep{break-inside:avoid;page-break-inside:avoid}
.keep{display:inline-block;width:100%}
table.long{break-inside:auto;page-break-inside:auto}
tr,li{break-inside:avoid;page-break-inside:avoid}
img{max-height:120mm}
}
"""


#: A table longer than this may break over pages (between rows).
LONG_TABLE_ROWS = 22


def _next_table_rows(pieces: list[tuple[str, Any]], kind: str, content: Any) -> int:
    """Rows of the first table after the heading (kind, content); 0 when a chart comes first."""
    start = next(i for i, p in enumerate(pieces) if p[0] == kind and p[1] is content)
    for k, c in pieces[start + 1 :]:
        if k == "table":
            return len(c[1])
        if k in ("img", "h2", "h3", "ul"):
            return 0
    return 0


def _next_kind(pieces: list[tuple[str, Any]], content: Any) -> str | None:
    start = next(i for i, p in enumerate(pieces) if p[1] is content)
    return pieces[start + 1][0] if start + 1 < len(pieces) else None


def to_html(pieces: list[tuple[str, Any]], lang: Language) -> str:
    e = html.escape
    out = [f'<!DOCTYPE html>\n<html lang="{lang.code}">\n<head>\n<meta charset="utf-8">']
    title = next(c for k, c in pieces if k == "title")
    out.append(f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>")
    # A heading and what follows it up to its first table or chart share a block that is
    # not split over pages (no heading alone at a page foot); a long table may break
    # between rows, its header repeating on every page.
    open_block = False
    for kind, content in pieces:
        if kind in ("h2", "h3", "title") and open_block:
            out.append("</div>")
            open_block = False
        if kind in ("h2", "h3"):
            long = _next_table_rows(pieces, kind, content) > LONG_TABLE_ROWS or _next_kind(pieces, content) in ("ul", "strong")
            out.append('<div class="keep">' if not long else "<div>")
            open_block = True
        if kind == "title":
            out.append(f"<h1>{e(content)}</h1>")
        elif kind == "meta":
            out.append(f'<p class="meta">{e(content)}</p>')
        elif kind in ("h2", "h3"):
            out.append(f"<{kind}>{e(content)}</{kind}>")
        elif kind == "p":
            out += ["<p>" + e(par).replace("\n", "<br>") + "</p>" for par in content.split("\n\n")]
        elif kind == "strong":
            out.append(f"<p><strong>{e(content)}</strong></p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in content) + "</ul>")
        elif kind == "table":
            header, rows = content
            out.append(('<table class="long">' if len(rows) > LONG_TABLE_ROWS else "<table>") + "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead><tbody>")
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
        elif kind == "img":
            name, data = content
            out.append(f'<img alt="{e(name)}" id="chart-{e(name)}" src="{_png_uri(data)}">')
        if kind in ("table", "img", "ul") and open_block:
            out.append("</div>")
            open_block = False
    if open_block:
        out.append("</div>")
    out.append("</body>\n</html>\n")
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
