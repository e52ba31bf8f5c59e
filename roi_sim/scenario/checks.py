"""Cross-key checks, each a named step run on the whole file (before or after the schema).

Every step raises :class:`ScenarioError` at the line and column of the key it is about.
"""

from __future__ import annotations

import math
import re
from typing import Any

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import KeyPath, ScenarioError, error_at, format_path
from roi_sim.scenario.finite import check_computable
from roi_sim.scenario.message_text import Msg, join_words
from roi_sim.scenario.schema import ModelKeys, ScenarioModel
from roi_sim.scenario.vocabulary import PARAMETERS, SCENARIO_ONLY_KEYS, ParamInfo
from roi_sim.scenario.yaml_reader import YamlDocument

# --------------------------------------------------------------------------- before the schema


def _check_no_empty_values(doc: YamlDocument, source: str) -> None:
    """`intake_years:` with nothing after it is a mistake, not a request for the default."""

    def walk(value: Any, path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    line, col = doc.locate(path + (key,))
                    raise ScenarioError(
                        source, Msg("has no value; give one, or remove the key to use the default"),
                        line=line, column=col, key=format_path(path + (key,)),
                    )
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(doc.data, ())


def _check_strategy_keys(doc: YamlDocument, source: str) -> None:
    strategies = doc.data.get("strategies")
    if not isinstance(strategies, list):
        return
    for i, entry in enumerate(strategies):
        if not isinstance(entry, dict):
            continue
        for key in SCENARIO_ONLY_KEYS:
            if key in entry:
                line, col = doc.locate(("strategies", i, key))
                raise ScenarioError(
                    source,
                    Msg("'{key}' belongs to the whole scenario and cannot be set per strategy; move it to the top level", key=key),
                    line=line, column=col, key=format_path(("strategies", i, key)),
                )

# --------------------------------------------------------------------------- ranges


def _fmt_num(x: float) -> str:
    return f"{x:g}"


def _range_words(name: str, info: ParamInfo) -> str:
    if info.kind == "rate":
        return Msg("between {low} and {high}", low=_fmt_num(info.low), high=_fmt_num(info.high))
    if info.low_exclusive:
        return Msg("above 0")
    if info.high < math.inf:
        return Msg("between {low} and {high:,.0f}", low=_fmt_num(info.low), high=info.high)
    return Msg("0 or more")


def check_parameter(name: str, dist: Distribution, info: ParamInfo) -> str | None:
    """Why ``dist`` is not allowed for parameter ``name`` (None when it is allowed)."""
    lo, hi = dist.support()
    below = lo < info.low or (info.low_exclusive and lo <= info.low)
    above = hi > info.high
    if not (below or above):
        return None
    allowed = _range_words(name, info)
    if dist.is_fixed:
        value = dist.mean()
        if info.kind == "rate" and 1 < value <= 100:
            return Msg("{value} is not a rate: a rate is a fraction {allowed}; write {fraction:g} for {value}%", value=_fmt_num(value),
                       allowed=allowed, fraction=value / 100)
        return Msg("{value} is out of range: must be {allowed}", value=_fmt_num(value), allowed=allowed)
    kind = dist.dist
    if kind == "normal":
        fixes: list[str] = []
        if below:
            fixes.append(f"low: {_fmt_num(info.low)}" if not info.low_exclusive else Msg("a low above 0"))
        if above:
            fixes.append(f"high: {_fmt_num(info.high)}")
        alt = Msg("a gamma or lognormal distribution")
        if info.kind == "rate":
            alt = Msg("a beta distribution") if info.low == 0 else Msg("a PERT distribution")
        bounds = join_words(fixes, "and")
        return Msg("this normal distribution can give values outside the allowed range ({allowed}); add {bounds} or use {alt}",
                   allowed=allowed, bounds=bounds, alt=alt)
    if kind in ("lognormal", "gamma"):
        if info.kind == "rate":
            return Msg("a {kind} distribution can exceed 1, but this parameter must be {allowed}; use a beta distribution for a rate",
                       kind=kind, allowed=allowed)
        return Msg("a {kind} distribution has no upper bound, but this parameter must be {allowed}; use a normal with "
                   "high: {high}, or a triangular, PERT or uniform distribution", kind=kind, allowed=allowed, high=_fmt_num(info.high))
    if kind in ("uniform", "triangular", "pert"):
        if below:
            return Msg("low {low} is out of range: this parameter must be {allowed}", low=_fmt_num(lo), allowed=allowed)
        # Read as percentages only when every bound is one (low of 1 or more): with a low that
        # is already a fraction, high/100 would fall below the low (0.2 .. 1.2 -> 0.012).
        if info.kind == "rate" and 1 <= lo and hi <= 100:
            return Msg("the range {low} to {high} is not a rate: a rate is a fraction between 0 and 1; "
                       "divide every value by 100 (write {low_fraction:g} to {high_fraction:g} for {low}% to {high}%)",
                       low=_fmt_num(lo), high=_fmt_num(hi), low_fraction=lo / 100, high_fraction=hi / 100)
        return Msg("high {high} is out of range: this parameter must be {allowed}, so the high can be at most {most}",
                   high=_fmt_num(hi), allowed=allowed, most=_fmt_num(info.high))
    return Msg("a {kind} distribution can leave the allowed range ({allowed})", kind=kind, allowed=allowed)


def model_key_places(model: ScenarioModel) -> list[tuple[KeyPath, ModelKeys]]:
    """Every mapping that holds model keys: the top level, each group, each strategy."""
    places: list[tuple[KeyPath, ModelKeys]] = [((), model)]
    places += [(("groups", g), grp) for g, grp in (model.groups or {}).items()]
    places += [(("strategies", i), strat) for i, strat in enumerate(model.strategies or [])]
    return places


def check_ranges(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """Every numeric parameter, wherever it is set, stays in its range for every draw."""
    places = model_key_places(model)
    places += [((*path, "classes", i), c) for path, keys in list(places) for i, c in enumerate(keys.classes or [])]
    for prefix, keys in places:
        for name, info in PARAMETERS.items():
            dist = getattr(keys, name)
            if dist is None:
                continue
            problem = check_parameter(name, dist, info) or check_computable(name, dist, info)
            if problem:
                raise error_at(doc, source, prefix + (name,), problem)


def check_discount_rate(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """The discount rate lies in 0..0.2 for every draw."""
    if model.discount_rate is None:
        return
    lo, hi = model.discount_rate.support()
    if lo < 0 or hi > 0.2:
        if model.discount_rate.is_fixed and 1 < hi <= 100:
            problem = Msg("{value} is not a rate: write {fraction:g} for {value}% (the Dutch MKBA standard is 0.0225)", value=_fmt_num(hi),
                          fraction=hi / 100)
        elif model.discount_rate.is_fixed:
            problem = Msg("must lie between 0 and 0.2 (the Dutch MKBA standard is 0.0225)")
        else:
            problem = Msg("must lie between 0 and 0.2 (the Dutch MKBA standard is 0.0225); bound the distribution to 0..0.2")
        raise error_at(doc, source, ("discount_rate",), problem)


# --------------------------------------------------------------------------- numbers as written

#: Keys that hold whole numbers (counts, years, months, seeds).
WHOLE_NUMBER_KEYS = frozenset(
    {"horizon_years", "iterations", "seed", "intake_years", "outflow_window_months", "clients_available", "cohort_size", "allocation"}
)
_DIST_VALUE_KEYS = frozenset({"value", "mean", "sd", "low", "high", "mode"})
# 5.000 or 1.800.000 as a Dutch user types five thousand; YAML reads the first as 5.0.
_DUTCH_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _key_of_number(path: KeyPath) -> str | None:
    """The key a number belongs to: ``cost_per_client`` for ``cost_per_client.mean``,
    ``budget`` for ``strategies[1].budget.tier``."""
    names = [p for p in path if isinstance(p, str)]
    if len(names) >= 2 and names[-1] in _DIST_VALUE_KEYS and names[-2] in PARAMETERS:
        return names[-2]
    if len(path) >= 2 and path[-2] in ("allocation", "budget"):
        return str(path[-2])
    return names[-1] if names else None


def _wants_whole_or_amount(key: str | None) -> bool:
    if key is None:
        return False
    return key in WHOLE_NUMBER_KEYS or key == "budget" or (key in PARAMETERS and PARAMETERS[key].kind == "money")


def check_thousands_separators(doc: YamlDocument, source: str) -> None:
    """Refuse ``5.000`` where a whole number or an amount is expected: a Dutch thousands
    separator that YAML silently reads as a decimal point."""
    for path, text in doc.texts.items():
        if _DUTCH_THOUSANDS.fullmatch(text) and _wants_whole_or_amount(_key_of_number(path)):
            written = text.replace(".", "")
            line, col = doc.text_positions[path]
            raise ScenarioError(
                source,
                Msg("'{text}' is read as {value:g} (in YAML a point is a decimal point); write {written}, without a thousands separator",
                    text=text, value=float(text), written=written),
                line=line, column=col, key=format_path(path),
            )
