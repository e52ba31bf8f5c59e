"""Tidy tables of a sweep (one row per run × strategy × figure) and the two-way heat map."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from roi_sim.sweep.runner import RowOutcome

STATS = ("mean", "se", "p5", "p50", "p95")
#: Parts of a strategy's JSON that are not one figure each (lists by year or by variant).
_SKIP = {"name", "yearly", "by_variant", "nominal"}


def _figures(node: Any, prefix: str) -> list[tuple[str, dict[str, Any]]]:
    """(figure, {stat: value}) for every summary or number under ``node``."""
    if isinstance(node, dict) and "mean" in node and "p50" in node:
        return [(prefix, {s: node.get(s) for s in STATS})]
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            if key not in _SKIP and not isinstance(value, list):
                out.extend(_figures(value, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        return [(prefix, {"mean": node})]
    return []


def _column(values: list[Any]) -> list[Any]:
    # Numbers stay numbers (a spreadsheet can plot them); anything else is JSON text.
    if all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values):
        return [None if v is None else float(v) for v in values]
    return [None if v is None else (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for v in values]


def tidy_rows(outcomes: list[RowOutcome], keys: list[str]) -> list[dict[str, Any]]:
    """One record per successful run × strategy × figure; metrics lose their ``metrics.``
    prefix (``net_savings``), other figures keep their path (``payback_months.p50``)."""
    columns = {k: _column([o.overrides.get(k) for o in outcomes]) for k in keys}
    out = []
    for i, o in enumerate(outcomes):
        if o.json_text is None:
            continue
        result = json.loads(o.json_text)
        for st in result["strategies"]:
            for figure, stats in _figures(st, ""):
                figure = figure.removeprefix("metrics.")
                record = {"run": o.name, **{k: columns[k][i] for k in keys}, "strategy": st["name"], "figure": figure}
                out.append(record | {s: stats.get(s) for s in STATS})
    return out


def to_csv(records: list[dict[str, Any]], keys: list[str]) -> str:
    header = ["run", *keys, "strategy", "figure", *STATS]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for r in records:
        writer.writerow(["" if r[h] is None else (repr(r[h]) if isinstance(r[h], float) else r[h]) for h in header])
    return buffer.getvalue()


def to_parquet(records: list[dict[str, Any]], keys: list[str]) -> bytes:
    """Parquet bytes (needs pyarrow: ``pip install -e '.[dask]'``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    header = ["run", *keys, "strategy", "figure", *STATS]
    table = pa.Table.from_pydict({h: [r[h] for r in records] for h in header})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()
