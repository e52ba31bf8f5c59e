"""The council report (`roi-sim report`): one self-contained HTML or Markdown file with the
question, the headline, the tables, the correction of the back-of-envelope arithmetic, the
charts, later sections where the scenario has them (groups, uncertain parameters) and
every assumption with its source. Images are embedded as data URIs: the file needs
nothing from the network.

Every number shown is formatted from the same rounded figures as ``--format json``; HTML
table cells carry that figure in a ``data-value`` attribute, so a test (or a controller)
can check them against the JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from roi_sim import __version__
from roi_sim.model.simulate import RunResult
from roi_sim.outputs import tables
from roi_sim.outputs.formats import (
    _any_societal,
    best_sentence,
    comparisons,
    discount_note,
    headline,
    rounding_note,
    spec_of,
    to_dict,
    uncertainty_note,
    variants_note,
)
from roi_sim.outputs.language import Language, compact_euro
from roi_sim.scenario.spec import YamlDocument, format_path, read_yaml

#: Percentiles of the fan chart.
FAN_PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class Cell:
    """A table cell: the text shown and, for numbers, the JSON figure it shows."""

    text: str
    value: float | None = None


def scenario_question(text: str) -> str:
    """The comment block at the top of a scenario file (its question for the council):
    paragraphs split at empty comment lines, each flowing as running text."""
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped.lstrip("#").strip()
        if body:
            paragraphs[-1].append(body)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(_flow(p) for p in paragraphs if p)


def _flow(lines: list[str]) -> str:
    """A comment paragraph as running text: lines join with a space (the browser wraps
    them), except after a line ending in ':' or ';' and before a list item."""
    out = lines[0]
    for line in lines[1:]:
        starts_item = bool(re.match(r"^([-*•]|\d+[.)])\s", line))
        out += ("\n" if out.endswith((":", ";")) or starts_item else " ") + line
    return out


def assumptions(doc: YamlDocument, text: str, scenario: Any) -> list[tuple[str, str, str]]:
    """(key path, value or distribution, source comment) for every model value in the file.

    The source is the comment on the key's line, plus the comments of the lines it spans
    (a distribution written over several lines)."""
    from pydantic import TypeAdapter

    from roi_sim.scenario.distributions import Distribution

    lines = text.splitlines()
    paths = sorted((p for p in doc.positions if p), key=lambda p: doc.positions[p][0])
    adapter: Any = TypeAdapter(Distribution)
    out = []
    for i, path in enumerate(paths):
        parent = path[:-1]
        if parent and isinstance(parent[-1], str) and parent[-1] in ("allocation", "budget"):
            continue
        value = _get(doc.data, path)
        if isinstance(value, dict) and "dist" not in value or isinstance(value, list):
            continue
        if parent and isinstance(_get(doc.data, parent), dict) and "dist" in _get(doc.data, parent):
            continue  # a key inside a distribution: part of its parent's row
        start = doc.positions[path][0]
        end = start
        for later in paths[i + 1 :]:
            if later[: len(path)] == path:
                end = max(end, doc.positions[later][0])
            else:
                break
        comments = [_comment(lines[n - 1]) for n in range(start, end + 1) if n - 1 < len(lines)]
        source = " ".join(c for c in comments if c)
        if isinstance(value, dict):
            try:
                shown = adapter.validate_python(value).describe()
            except Exception:  # noqa: BLE001 - show the raw mapping rather than fail the report
                shown = str(value)
        else:
            shown = str(value)
        out.append((format_path(path), shown, source))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _comment(line: str) -> str:
    # A '#' starts a comment when it follows whitespace (YAML's rule), outside quotes.
    in_single = in_double = False
    for i, ch in enumerate(line):
        if ch == "'" and not in_double:
            in_single = not in_single
        elif ch == '"' and not in_single:
            in_double = not in_double
        elif ch == "#" and not in_single and not in_double and (i == 0 or line[i - 1] in " \t"):
            return line[i + 1 :].strip()
    return ""


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def chart_text(lang: Language) -> Any:
    from roi_sim.outputs.charts import ChartText

    return ChartText(**{k: lang.t(k) for k in ChartText.__dataclass_fields__})


def make_charts(result: RunResult, lang: Language, fmt: str = "png") -> dict[str, bytes]:
    """Fan chart, histogram and strategy comparison, as image bytes."""
    from roi_sim.outputs.charts import comparison_chart, fan_chart, histogram

    text = chart_text(lang)

    def money(x: float) -> str:
        return compact_euro(x, lang)

    charts: dict[str, bytes] = {}
    if result.monthly_cumulative_net is not None:
        fans = {
            name: dict(zip((f"p{p}" for p in FAN_PERCENTILES), np.percentile(m, FAN_PERCENTILES, axis=1)))
            for name, m in result.monthly_cumulative_net.items()
        }
        charts["fan"] = fan_chart(fans, text, money, fmt)
    if not result.settings.deterministic:
        charts["histogram"] = histogram({k: v.net_savings for k, v in result.iterations.items()}, text, money, fmt)
    summary = [
        (st.name, st.metrics["net_savings"].mean, st.metrics["net_savings"].p5, st.metrics["net_savings"].p95)
        for st in result.strategies
        if st.metrics["net_savings"] is not None
    ]
    charts["comparison"] = comparison_chart(summary, text, money, fmt)
    return charts


def _sections(result: RunResult, lang: Language, scenario_text: str, created: dt.datetime, sensitivity: list[Any] | None) -> list[tuple[str, Any]]:
    """The report as (kind, content) pieces, shared by the HTML and Markdown writers."""
    doc = to_dict(result)
    s = result.settings
    det = s.deterministic
    made = lang.t(
        "made_det" if det else "made",
        date=created.strftime("%Y-%m-%d %H:%M UTC"), version=__version__, sha=result.scenario.sha256,
        seed=s.seed, n=lang.decimal(s.iterations, 0),
    )
    pieces: list[tuple[str, Any]] = [("title", f"{lang.t('report_title')}: {result.scenario.name}"), ("meta", made)]
    pieces.append(("h2", lang.t("question")))
    pieces.append(("p", scenario_question(scenario_text) or lang.t("default_question")))
    pieces.append(("h2", lang.t("headline")))
    # The answer first, then each strategy's result with what it was corrected for.
    if len(result.strategies) > 1:
        pieces.append(("strong", best_sentence(result, lang)))
    pieces.append(("ul", [f"{st.name}: {headline(st, s.horizon_years, det, lang, spec_of(result, st.name))}" for st in result.strategies]))
    notes = [n for n in (rounding_note(result, lang), discount_note(result, lang), uncertainty_note(result, lang), variants_note(result, lang)) if n]
    if notes:
        pieces.append(("p", " ".join(notes)))

    # Summary table with the JSON figures behind every number (the terminal's rows).
    header = [""] + [st["name"] for st in doc["strategies"]]
    rows: list[list[Cell]] = [
        [Cell(lang.t(r.key))] + [Cell(tables.show(f, lang, interval=not det), f.mean) for f in r.figures]
        for r in tables.summary_rows(doc, _any_societal(result), det)
    ]
    pieces.append(("h2", lang.t("summary_title")))
    pieces.append(("table", (header, rows)))

    # The article's arithmetic beside its correction.
    pieces.append(("h2", lang.t("correction")))
    pieces.append(("p", lang.t("correction_text")))
    corr_rows = []
    for st in doc["strategies"]:
        m = st["metrics"]
        gross, cf, inv = m["gross_savings"]["mean"], m["counterfactual_savings"]["mean"], m["investment"]["mean"]
        corr_rows.append([Cell(st["name"]), Cell(lang.euro(inv), inv), Cell(lang.euro(gross), gross), Cell(lang.euro(cf), cf),
                          Cell(lang.euro(st["ledgers"]["fiscal"]["benefit_savings"]["mean"]), st["ledgers"]["fiscal"]["benefit_savings"]["mean"]),
                          Cell(lang.euro(m["net_savings"]["mean"]), m["net_savings"]["mean"])])
    pieces.append(("table", ([lang.t("strategy"), lang.t("investment"), lang.t("gross_savings"), lang.t("counterfactual_savings"),
                              lang.t("savings_net_cf"), lang.t("net_savings")], corr_rows)))

    # Year-by-year budget tables, with the terminal's Total column.
    for st in doc["strategies"]:
        years, yrows = tables.yearly_rows(st)
        head = [lang.t("amounts")] + [lang.t("year_n", n=y) for y in years] + [lang.t("total")]
        table_rows = [[Cell(lang.t(r.key))] + [Cell(tables.show(f, lang, interval=False) if f.mean is not None else "", f.mean) for f in r.figures] for r in yrows]
        pieces.append(("h3", lang.t("yearly_title" if det else "yearly_title_mc", name=st["name"])))
        pieces.append(("table", (head, table_rows)))

    pieces.append(("h2", lang.t("charts")))
    for name, data in make_charts(result, lang).items():
        pieces.append(("img", (name, data)))

    pairs = comparisons(result)
    if pairs is not None:
        pieces.append(("h2", lang.t("comparison")))
        comp = pairs["fiscal"]
        pair_rows = [
            [Cell(p.a), Cell(p.b), Cell(lang.euro(p.mean_difference), round(p.mean_difference, 2)),
             Cell(lang.t("interval", a=lang.euro(p.p5), b=lang.euro(p.p95))), Cell(lang.percent(p.probability_a_beats_b), p.probability_a_beats_b)]
            for p in comp.pairs
        ]
        pieces.append(("table", (["A", "B", lang.t("pair_diff"), "90%", lang.t("pair_beats")], pair_rows)))
        pieces.append(("p", lang.t("ranked_fiscal", order=" > ".join(comp.ranking.by_expected_value))))
        pieces.append(("p", lang.t("ranked_societal", order=" > ".join(pairs["societal"].ranking.by_expected_value))))

    if sensitivity and any(t.bars for t in sensitivity):
        pieces.append(("h2", lang.t("sensitivity")))
        pieces.append(("p", lang.t("sensitivity_text")))
        for t in sensitivity:
            if not t.bars:
                continue
            pieces.append(("h3", t.strategy))
            srows = [[Cell(lang.param(b.parameter)), Cell(lang.euro(b.net_at_low), round(b.net_at_low, 2)), Cell(lang.euro(b.net_at_high), round(b.net_at_high, 2)),
                      Cell(lang.euro(b.swing), round(b.swing, 2))] for b in t.bars]
            pieces.append(("table", ([lang.t("parameter"), lang.t("net_at_low"), lang.t("net_at_high"), lang.t("swing")], srows)))

    pieces.append(("h2", lang.t("assumptions")))
    pieces.append(("p", lang.t("assumptions_text")))
    yaml_doc = read_yaml(result.scenario.source, scenario_text)
    rows_ = assumptions(yaml_doc, scenario_text, result.scenario)
    arows = [[Cell(_key_label(k, yaml_doc.data, lang)), Cell(lang.value(v)), Cell(src or lang.t("no_source"))] for k, v, src in rows_]
    pieces.append(("table", ([lang.t("parameter"), lang.t("value"), lang.t("source")], arows)))
    # The keys themselves, for whoever edits the scenario file.
    pieces.append(("h2", lang.t("annex")))
    pieces.append(("p", lang.t("annex_text")))
    pieces.append(("table", ([lang.t("parameter"), lang.t("key"), lang.t("value_as_written")], [[Cell(_key_label(k, yaml_doc.data, lang)), Cell(k), Cell(v)] for k, v, _ in rows_])))
    return pieces


def _key_label(key: str, data: Any, lang: Language) -> str:
    """A key path in words: ``strategies[2].cost_per_client`` -> "trajectkosten per cliënt
    (strategie Korf's mix)"."""
    group = re.match(r"^groups\.(.+)\.([A-Za-z_][A-Za-z0-9_]*)$", key)
    if group:
        return f"{lang.param(group.group(2))} ({lang.t('group_word')} {group.group(1)})"
    match = re.match(r"^(strategies|groups)\[(\d+)\]\.(.+)$", key)
    if not match:
        return lang.param(key)
    kind, index, rest = match.group(1), int(match.group(2)), match.group(3)
    try:
        name = data[kind][index].get("name") or str(index + 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        return lang.param(key)
    return f"{lang.param(rest)} ({lang.t('strategy_word' if kind == 'strategies' else 'group_word')} {name})"


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


def build_report(
    result: RunResult, scenario_text: str, lang: Language, fmt: str, created: dt.datetime, sensitivity: list[Any] | None = None,
    tracking: list[tuple[str, Any]] | None = None,
) -> str:
    """The council report as HTML (``fmt`` "html") or Markdown ("md"); ``tracking`` (pieces
    of :mod:`roi_sim.outputs.tracking_page`) adds the plan-versus-realised page before the annex."""
    pieces = _sections(result, lang, scenario_text, created, sensitivity)
    if tracking:
        annex = next((i for i, (k, c) in enumerate(pieces) if k == "h2" and c == lang.t("annex")), len(pieces))
        pieces = pieces[:annex] + tracking + pieces[annex:]
    if fmt == "html":
        return to_html(pieces, lang)
    if fmt == "md":
        return to_markdown(pieces)
    raise ValueError(f"unknown report format {fmt!r}; allowed: html, md")


def numbers_in(text: str) -> list[float]:
    """The data-value figures of an HTML report (for checks against the JSON)."""
    return [float(v) for v in re.findall(r'data-value="([^"]+)"', text)]
