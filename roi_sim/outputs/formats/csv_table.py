"""The run as CSV: a long table, one figure per row, with the JSON's keys and figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from roi_sim import __version__
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.document import to_dict
from roi_sim.outputs.language import ENGLISH, Language
from roi_sim.outputs.safe_text import safe_text


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _csv_decision(writer: Any, name: str, section: str, decision: dict[str, Any] | None) -> None:
    """E[net | θ] and P(E[net | θ] > 0): the decision figures (not this cohort's luck)."""
    if decision is None:
        return
    s = decision["expected_net"]
    writer.writerow([name, section, "expected_net", "", *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
    writer.writerow([name, section, "probability_net_positive", "", _blank(decision["probability_net_positive"]), "", "", "", ""])


class _DutchWriter:
    """A csv writer for Dutch Excel: ``;`` between fields and a decimal comma in numbers."""

    def __init__(self, buf: io.StringIO) -> None:
        self._writer = csv.writer(buf, delimiter=";", lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in row])


def to_csv(result: RunResult, lang: Language = ENGLISH) -> str:
    """A long table, one figure per row, for spreadsheets (pivot on strategy and item).

    English: ``,`` between fields and a decimal point. Dutch (``--lang nl``), for Dutch
    Excel: ``;`` between fields, a decimal comma and a UTF-8 byte-order mark so that € and
    ë survive opening the file by double-click. Keys and names stay as in the JSON."""
    buf = io.StringIO()
    writer: Any = csv.writer(buf, lineterminator="\n")
    if lang.code == "nl":
        buf.write("\ufeff")
        writer = _DutchWriter(buf)
    writer.writerow(["strategy", "section", "item", "year", "mean", "se", "p5", "p50", "p95"])
    data = to_dict(result)
    # Provenance first (the long format carries it as rows): tool, scenario, seed, iterations.
    for item, value in (
        ("tool", f"roi-sim {__version__}"), ("scenario_name", data["scenario"]["name"]), ("scenario_sha256", data["scenario"]["sha256"]),
        ("seed", data["settings"]["seed"]), ("iterations", data["settings"]["iterations"]), ("deterministic", data["settings"]["deterministic"]),
    ):
        writer.writerow(["", "provenance", item, "", value, "", "", "", ""])
    for st in data["strategies"]:
        for m, s in st["metrics"].items():
            row = [s[k] for k in ("mean", "se", "p5", "p50", "p95")] if s else [""] * 5
            writer.writerow([st["name"], "metric", m, "", *["" if v is None else v for v in row]])
        writer.writerow([st["name"], "probability", "net_positive", "", _blank(st["probability_net_positive"]), "", "", "", ""])
        pb = st["payback_months"]
        writer.writerow([st["name"], "payback", "months_p50", "", "", "", "", "" if pb["p50"] is None else pb["p50"], ""])
        writer.writerow([st["name"], "probability", "payback_within_horizon", "", _blank(pb["probability_within_horizon"]), "", "", "", ""])
        for ledger, items in st["ledgers"].items():
            # A null ledger (societal without valuation inputs, issue 14.4) has no rows.
            for item, s in (items or {}).items():
                if item == "decision":
                    _csv_decision(writer, st["name"], f"{ledger}_decision", s)
                elif item == "lines":
                    for line, stat in s.items():
                        writer.writerow([st["name"], f"{ledger}_ledger", f"lines.{line}", "", *_stats(stat)])
                elif isinstance(s, dict):
                    writer.writerow([st["name"], f"{ledger}_ledger", item, "", *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
                else:
                    writer.writerow([st["name"], f"{ledger}_ledger", item, "", "" if s is None else s, "", "", "", ""])
        for name, s in st.get("stakeholders", {}).items():
            if s is not None:
                writer.writerow([st["name"], "stakeholders", name, "", *_stats(s)])
        for y in st["yearly"]:
            for item in ("investment", "savings", "subsidies", "net", "cumulative_net"):
                s = y[item]
                writer.writerow([st["name"], "yearly", item, y["year"], *[s[k] for k in ("mean", "se", "p5", "p50", "p95")]])
            for line, stat in (y.get("lines") or {}).items():
                writer.writerow([st["name"], "yearly", f"lines.{line}", y["year"], *_stats(stat)])
        _csv_nominal(writer, st)
        _csv_occupancy(writer, st)
    return safe_text(buf.getvalue())


def _stats(s: dict[str, Any] | None) -> list[Any]:
    return ["" if s is None or s.get(k) is None else s[k] for k in ("mean", "se", "p5", "p50", "p95")]


def _csv_nominal(writer: Any, st: dict[str, Any]) -> None:
    """The budget table per begrotingsjaar (issue 14.3): section ``nominal``, the year column
    holding the begrotingsjaar."""
    for y in st["yearly"]:
        nominal = y.get("nominal")
        if nominal is None:
            continue
        for item in ("investment", "savings", "subsidies", "net", "cumulative_net"):
            writer.writerow([st["name"], "nominal", item, nominal["budget_year"], *_stats(nominal[item])])
        for line, stat in nominal["lines"].items():
            writer.writerow([st["name"], "nominal", f"lines.{line}", nominal["budget_year"], *_stats(stat)])


def _csv_occupancy(writer: Any, st: dict[str, Any]) -> None:
    """The participation ladder (DESIGN.md §10), only for a strategy with states: clients per
    state at the end of each year, section ``occupancy_programme`` or
    ``occupancy_counterfactual``, the item the state's name, the year the programme year (as
    in ``yearly``); then ``ladder``/``rung_years_gained`` where the states have rungs. The
    JSON's ``occupancy`` and ``rung_years_gained``, figure for figure."""
    occ = st.get("occupancy")
    if occ is None:
        return
    names = [state["name"] for state in occ["states"]]
    for arm in ("programme", "counterfactual"):
        for row in occ[arm]:
            for name in names:
                writer.writerow([st["name"], f"occupancy_{arm}", name, row["year"], *_stats(row[name])])
    if st.get("rung_years_gained") is not None:
        writer.writerow([st["name"], "ladder", "rung_years_gained", "", *_stats(st["rung_years_gained"])])
