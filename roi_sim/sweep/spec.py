"""Sweep files: a base scenario and the rows to run it for (rows, rows_csv or grid).

Every row becomes a scenario file of its own: the base scenario's YAML data with the row's
overrides applied, written out as YAML text. That text (not a Python object) is what
workers receive, with its sha256, and what ``roi-sim run`` would be given to reproduce the
row byte for byte. Each row is validated by parsing that text with the scenario loader
before anything runs, so a bad key or value is refused with the sweep file, the row and
the key named.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from roi_sim.scenario.message_text import Msg, message_of
from roi_sim.scenario.spec import ModelKeys, Scenario, ScenarioError, YamlDocument, parse_scenario, read_bytes, read_yaml

#: Keys a row may override: the model keys, and the discount rate (a common sweep axis).
OVERRIDABLE: tuple[str, ...] = (*ModelKeys.model_fields, "discount_rate")
_SWEEP_KEYS = ("scenario", "rows", "rows_csv", "grid")
#: A grid this large is a mistake more often than a plan; split it into several sweeps.
MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class SweepRow:
    """One run of the sweep: its name, overrides, scenario text and the parsed scenario."""

    name: str
    overrides: dict[str, Any]
    yaml_text: str
    sha256: str
    scenario: Scenario


@dataclass(frozen=True)
class Sweep:
    """A validated sweep file."""

    source: str
    sha256: str
    base: str  # the base scenario's path as written in the sweep file
    kind: str  # rows | rows_csv | grid
    keys: tuple[str, ...]  # every overridden key, in first-seen order
    rows: tuple[SweepRow, ...]


def load_sweep(path: str | Path) -> Sweep:
    """Read and validate a sweep file and every row's scenario. Raises ScenarioError."""
    source = str(path)
    raw = read_bytes(path)
    doc = read_yaml(source, raw)
    data = doc.data
    unknown = [k for k in data if k not in _SWEEP_KEYS]
    if unknown:
        raise _fail(doc, source, (unknown[0],), Msg("unknown key; a sweep file has scenario and one of rows, rows_csv, grid"))
    if "scenario" not in data or not isinstance(data["scenario"], str):
        raise _fail(doc, source, ("scenario",), Msg("give the base scenario's path (relative to the sweep file), e.g. scenario: lelystad.yaml"))
    given = [k for k in ("rows", "rows_csv", "grid") if k in data]
    if len(given) != 1:
        raise ScenarioError(source, Msg("give exactly one of rows, rows_csv or grid (found {value})", value=', '.join(given) or Msg("none")))
    base_path = Path(source).parent / data["scenario"]
    base_bytes = read_bytes(base_path)
    parse_scenario(base_bytes, str(base_path))  # the base itself must be valid; its own errors name its own file
    base_doc = read_yaml(str(base_path), base_bytes)
    kind = given[0]
    specs = {"rows": _rows, "rows_csv": _rows_csv, "grid": _grid}[kind](doc, source, data[kind])
    if len(specs) > MAX_ROWS:
        raise _fail(doc, source, (kind,), Msg("{n_specs:,} rows; a sweep may have at most {max_rows:,}: split it", n_specs=len(specs), max_rows=MAX_ROWS))
    base_name = base_doc.data.get("name") or base_path.stem
    rows, seen = [], set()
    for where, name, overrides in specs:
        if name in seen:
            raise ScenarioError(source, Msg("{where}: the row name '{name}' is used twice; row names are unique", where=where, name=name))
        seen.add(name)
        rows.append(_row(source, where, name, overrides, base_doc, base_name))
    keys = tuple(dict.fromkeys(k for r in rows for k in r.overrides))
    return Sweep(source, hashlib.sha256(raw).hexdigest(), data["scenario"], kind, keys, tuple(rows))


def _fail(doc: YamlDocument, source: str, path: tuple[Any, ...], message: str) -> ScenarioError:
    line, col = doc.locate(path)
    return ScenarioError(source, message, line=line, column=col, key=".".join(str(p) for p in path))


def _check_key(where: str, source: str, key: Any) -> str:
    top = str(key).split(".", 1)[0]
    if not isinstance(key, str) or top not in OVERRIDABLE:
        raise ScenarioError(source, Msg("{where}, key '{key}': not a model key; allowed: {overridable} (or key.field, e.g. outflow_rate.mean)", where=where, key=key, overridable=', '.join(OVERRIDABLE)))
    return key


def _rows(doc: YamlDocument, source: str, value: Any) -> list[tuple[str, str, dict[str, Any]]]:
    if not isinstance(value, list) or not value:
        raise _fail(doc, source, ("rows",), Msg("give a list of rows, each {{name: …, <model key>: <value>, …}}"))
    out: list[tuple[str, str, dict[str, Any]]] = []
    for i, item in enumerate(value):
        line, _ = doc.locate(("rows", i))
        where: str = Msg("line {line}", line=line) if line else Msg("row {row}", row=i + 1)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise ScenarioError(source, Msg("{where}: each row is a mapping with a name, e.g. - name: Almere", where=where))
        where = Msg("{where}, row '{name}'", where=where, name=item["name"])
        overrides = {_check_key(where, source, k): v for k, v in item.items() if k != "name"}
        out.append((where, item["name"], overrides))
    return out


def _rows_csv(doc: YamlDocument, source: str, value: Any) -> list[tuple[str, str, dict[str, Any]]]:
    if not isinstance(value, str):
        raise _fail(doc, source, ("rows_csv",), Msg("give the path of a CSV file (relative to the sweep file)"))
    path = Path(source).parent / value
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError(str(path), Msg("the file is not UTF-8 text; save the CSV as UTF-8")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise ScenarioError(str(path), Msg("line 1: the CSV needs a 'name' column and one column per model key"))
    for key in reader.fieldnames:
        if key != "name":
            _check_key("line 1", str(path), key)
    out = []
    for record in reader:
        where = Msg("line {line}", line=reader.line_num)
        if None in record or not (record.get("name") or "").strip():
            raise ScenarioError(str(path), Msg("{where}: every row needs a name and no more cells than the header", where=where))
        name = record["name"].strip()
        overrides = {}
        for key, cell in record.items():
            if key != "name" and cell.strip():
                try:
                    overrides[key] = yaml.safe_load(cell)  # numbers, or {dist: beta, mean: 0.3, sd: 0.05}
                except yaml.YAMLError:
                    raise ScenarioError(str(path), Msg("{where}, row '{name}', key '{key}': cannot read '{cell}' as a number or a distribution", where=where, name=name, key=key, cell=cell)) from None
        out.append((f"{path}, {where}, row '{name}'", name, overrides))
    if not out:
        raise ScenarioError(str(path), Msg("the CSV has no rows"))
    return out


def _grid(doc: YamlDocument, source: str, value: Any) -> list[tuple[str, str, dict[str, Any]]]:
    if not isinstance(value, dict) or not value:
        raise _fail(doc, source, ("grid",), Msg("give a mapping of model key -> list of values, e.g. cost_per_client: [3000, 5000]"))
    for key, values in value.items():
        line, _ = doc.locate(("grid", key))
        _check_key(f"line {line}, grid", source, key)
        if not isinstance(values, list) or not values:
            raise _fail(doc, source, ("grid", key), Msg("give a non-empty list of values, e.g. [3000, 5000]"))
    size = 1
    for values in value.values():
        size *= len(values)
    if size > MAX_ROWS:
        raise _fail(doc, source, ("grid",), Msg("the grid has {size:,} rows; a sweep may have at most {max_rows:,}: split it", size=size, max_rows=MAX_ROWS))
    keys = list(value)
    out = []
    for combo in itertools.product(*value.values()):
        overrides = dict(zip(keys, combo))
        name = ", ".join(f"{k}={_text(v)}" for k, v in overrides.items())
        line, _ = doc.locate(("grid",))
        out.append((f"line {line}, grid row '{name}'", name, overrides))
    return out


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if isinstance(value, (dict, list)) else str(value)


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """The base scenario's data with ``overrides`` applied; ``key.field`` sets one field of
    a distribution mapping (``outflow_rate.mean``). Raises ValueError when it cannot."""
    out = copy.deepcopy(data)
    for key, value in overrides.items():
        *parents, leaf = key.split(".")
        target = out
        for part in parents:
            if part not in target:
                raise ValueError(Msg("the base scenario has no {part} to set {key} in; override the whole key", part=part, key=key))
            if not isinstance(target[part], dict):
                raise ValueError(Msg("{part} is a plain value in the base scenario, not a mapping; override {part} itself", part=part))
            target = target[part]
        target[leaf] = value
    return out


def _row(source: str, where: str, name: str, overrides: dict[str, Any], base: YamlDocument, base_name: str) -> SweepRow:
    try:
        data = apply_overrides(base.data, overrides)
    except ValueError as exc:
        raise ScenarioError(source, Msg("{where}: {reason}", where=where, reason=message_of(exc))) from None
    data["name"] = f"{base_name} — {name}"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000)
    try:
        scenario = parse_scenario(text, f"{source} ({where})")
    except ScenarioError as exc:
        key = exc.key or next(iter(overrides), "?")
        raise ScenarioError(source, Msg("{where}, key '{key}': {message}", where=where, key=key, message=exc.message)) from None
    return SweepRow(name, overrides, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), scenario)
