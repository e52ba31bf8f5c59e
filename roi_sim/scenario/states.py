"""The participation ladder's cross-key checks and resolution (DESIGN.md §10, docs/states.md).

With ``states`` the on/off model's effect, baseline and relapse keys are replaced by states
and transitions; each check below refuses the file with one line naming the key path and the
state. The resolved :class:`~roi_sim.scenario.resolved.LadderSpec` is attached to each part.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import replace
from typing import Any

from roi_sim.scenario.checks import check_parameter, model_key_places
from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import KeyPath, ScenarioError, error_at
from roi_sim.scenario.message_text import Msg, template
from roi_sim.scenario.resolved import LadderSpec, StateInfo, StrategySpec
from roi_sim.scenario.schema import ScenarioModel
from roi_sim.scenario.vocabulary import PARAMETERS, ParamInfo
from roi_sim.scenario.yaml_reader import YamlDocument

#: How far the start shares' sum may be from 1, and a month's probabilities' sum above 1.
SHARE_TOLERANCE = 1e-9
#: Model keys the states replace, and what to write instead.
REPLACED_BY_STATES: dict[str, str] = {
    "outflow_rate": template("give the programme's effect under programme"),
    "net_effect": template("give it per move under programme: [{{from, to, net_effect}}]"),
    "baseline_outflow_rate": template("give the moves without the programme under transitions"),
    "baseline_outflow_by_duration": template("give the moves without the programme under transitions"),
    "years_on_benefit_at_intake": template("give the intake by state under start"),
    "time_out_of_benefits_years": template("relapse is a transition back, e.g. {{from: work, to: <a benefit state>, rate: …}}"),
    "relapse_model": template("relapse is a transition back, e.g. {{from: work, to: <a benefit state>, rate: …}}"),
    "relapse_within_12_months": template("relapse is a transition back, e.g. {{from: work, to: <a benefit state>, rate: …}}"),
    "relapse_ever": template("relapse is a transition back, e.g. {{from: work, to: <a benefit state>, rate: …}}"),
    "subsidised_share": template("set subsidised on the states with a subsidised job"),
    "wage_value": template("set wage_value on the working states"),
    "benefit_saved_share": template("set benefit (the share of the benefit still paid) on each state"),
    "social_value_per_extra_client_year": template("set social_value_per_year on the states"),
    "classes": template("classes are not combined with states in this version; make each class its own start or strategy"),
}
_NOT_WITH_STATES = {
    "groups": template("groups are not combined with states in this version; give each group's clients as a strategy with its own start"),
    "variants": template("variants are not combined with states in this version; give each belief its own scenario file"),
}
_RATE = ParamInfo("An annual transition rate.", 0, 1, kind="rate")
_LADDER_KEYS = ("start", "transitions", "programme")


def _fail(doc: YamlDocument, source: str, path: KeyPath, message: str) -> ScenarioError:
    return error_at(doc, source, path, message)


def check_states(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """Every ladder check, in order: keys that need states, keys states replace, the start
    shares, each transition and each programme entry."""
    if model.states is None:
        for path, keys in _ladder_places(model):
            for key in _LADDER_KEYS:
                if getattr(keys, key, None) is not None:
                    raise _fail(doc, source, (*path, key), Msg("{key} needs states: declare the states first (docs/states.md)", key=key))
        return
    if "year" in model.states:
        raise _fail(doc, source, ("states", "year"), Msg("'year' cannot name a state: the occupancy tables use it for the year; rename the state"))
    if len(model.states) < 2:
        raise _fail(doc, source, ("states",), Msg("states needs at least two states (the clients must be able to move)"))
    for key, why in _NOT_WITH_STATES.items():
        if getattr(model, key) is not None:
            raise _fail(doc, source, (key,), Msg(why))
    for path, keys in model_key_places(model):
        for key, why in REPLACED_BY_STATES.items():
            if getattr(keys, key) is not None:
                raise _fail(doc, source, (*path, key), Msg("{key} is not used with states: {why} (docs/states.md)", key=key, why=Msg(why)))
    names = list(model.states)
    for path, keys in _ladder_places(model):
        if keys.start is not None:
            _check_start(doc, source, names, (*path, "start"), keys.start)
    _check_transitions(model, doc, source, names)
    for path, keys in _ladder_places(model):
        if keys.programme is not None:
            _check_programme(model, doc, source, names, (*path, "programme"), keys.programme)
    _check_required(model, doc, source)


def _ladder_places(model: ScenarioModel) -> list[tuple[KeyPath, Any]]:
    return [((), model)] + [(("strategies", i), s) for i, s in enumerate(model.strategies or [])]


def _known(doc: YamlDocument, source: str, names: list[str], path: KeyPath, name: str) -> int:
    if name in names:
        return names.index(name)
    guess = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    known = ", ".join(names)
    raise _fail(doc, source, path, Msg("unknown state '{name}'; did you mean '{guess}'? (states: {known})", name=name, guess=guess[0], known=known)
                if guess else Msg("unknown state '{name}' (states: {known})", name=name, known=known))


def _check_start(doc: YamlDocument, source: str, names: list[str], path: KeyPath, start: dict[str, float]) -> None:
    if not start:
        raise _fail(doc, source, path, Msg("start is empty: give each intake's clients by state, e.g. {{{first}: 1}}", first=names[0]))
    for name, share in start.items():
        _known(doc, source, names, (*path, name), name)
        if not (math.isfinite(share) and 0 <= share <= 1):
            raise _fail(doc, source, (*path, name), Msg("{share:g} is not a share: a start share is a fraction 0..1 of each intake", share=share))
    total = math.fsum(start.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise _fail(doc, source, path, Msg("the start shares add up to {total:.12g}, but they must add up to 1 (each intake is split over the states)", total=total))


def _check_rate(doc: YamlDocument, source: str, path: KeyPath, dist: Distribution, info: ParamInfo, name: str) -> None:
    problem = check_parameter(name, dist, info)
    if problem:
        raise _fail(doc, source, path, problem)


def monthly_probability(annual_rate: float) -> float:
    """``1 − (1 − rate)^(1/12)``: the monthly probability of an annual rate."""
    return 1.0 if annual_rate >= 1 else -math.expm1(math.log1p(-annual_rate) / 12.0)


def _check_transitions(model: ScenarioModel, doc: YamlDocument, source: str, names: list[str]) -> None:
    if not model.transitions:
        raise _fail(doc, source, ("transitions",) if model.transitions is not None else ("states",),
                    Msg("transitions are required with states: list the moves without the programme, [{{from, to, rate}}]"))
    seen: dict[tuple[int, int], int] = {}
    monthly: dict[int, float] = {}
    for k, entry in enumerate(model.transitions):
        here: KeyPath = ("transitions", k)
        i, j = _move(doc, source, names, here, entry, seen, template("a transition from '{state}' to itself is not a move; staying is what is left over"))
        _check_rate(doc, source, (*here, "rate"), entry.rate, _RATE, "rate")
        monthly[i] = monthly.get(i, 0.0) + monthly_probability(entry.rate.support()[1])
        if monthly[i] > 1 + SHARE_TOLERANCE:
            raise _fail(
                doc, source, (*here, "rate"),
                Msg("the moves from '{state}' cannot all happen within a month: their monthly probabilities add up to "
                    "{total:.4g} at the top of their ranges, above 1; lower the rates", state=names[i], total=monthly[i]),
            )


def _move(
    doc: YamlDocument, source: str, names: list[str], here: KeyPath, entry: Any, seen: dict[tuple[int, int], int], to_itself: str
) -> tuple[int, int]:
    """The (from, to) state indices of one entry of ``transitions`` or ``programme``: known
    states, a real move, listed once in its list (``seen`` records it)."""
    i = _known(doc, source, names, (*here, "from"), entry.from_state)
    j = _known(doc, source, names, (*here, "to"), entry.to)
    if i == j:
        raise _fail(doc, source, (*here, "to"), Msg(to_itself, state=names[i]))
    if (i, j) in seen:
        listed = here[-2]
        raise _fail(doc, source, here, Msg("the move {a} -> {b} is listed twice (also {listed}[{other}])", a=names[i], b=names[j], listed=listed, other=seen[(i, j)] + 1))
    seen[(i, j)] = int(here[-1])
    return i, j


def _check_programme(model: ScenarioModel, doc: YamlDocument, source: str, names: list[str], path: KeyPath, entries: list[Any]) -> None:
    baseline = {(names.index(t.from_state), names.index(t.to)) for t in model.transitions or []}
    seen: dict[tuple[int, int], int] = {}
    for k, entry in enumerate(entries):
        here = (*path, k)
        i, j = _move(doc, source, names, here, entry, seen, template("a programme move from '{state}' to itself is not a move"))
        if (entry.net_effect is None) == (entry.rate is None):
            raise _fail(doc, source, here, Msg("give the programme's move {a} -> {b} either net_effect or rate, not both or neither", a=names[i], b=names[j]))
        if entry.net_effect is not None:
            if (i, j) not in baseline:
                raise _fail(
                    doc, source, (*here, "net_effect"),
                    Msg("net_effect is an effect above the baseline, but {a} -> {b} is not in transitions; "
                        "add it there or give the programme's rate instead", a=names[i], b=names[j]),
                )
            _check_rate(doc, source, (*here, "net_effect"), entry.net_effect, PARAMETERS["net_effect"], "net_effect")
        else:
            _check_rate(doc, source, (*here, "rate"), entry.rate, _RATE, "rate")


def _check_required(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    strategies: list[Any] = list(model.strategies) if model.strategies else [None]
    for i, strat in enumerate(strategies):
        where: KeyPath = ("strategies", i) if strat is not None else ("states",)
        for key in ("start", "programme"):
            if getattr(model, key) is None and (strat is None or getattr(strat, key) is None):
                what = Msg("each intake's clients by state") if key == "start" else Msg("what the programme changes ([] for nothing)")
                raise _fail(doc, source, where, Msg("{key} is required with states: give {what} at the top level or in the strategy", key=key, what=what))


def _states(model: ScenarioModel) -> tuple[StateInfo, ...]:
    assert model.states is not None
    return tuple(
        StateInfo(name, s.benefit, s.payer, s.rung, s.hours, s.wage_value, s.subsidised, s.social_value_per_year)
        for name, s in model.states.items()
    )


def ladder_spec(model: ScenarioModel, strategy: Any | None) -> LadderSpec:
    """The ladder of one strategy (None: the top level alone): the world's states and
    transitions with the strategy's start and programme, or the top level's."""
    assert model.states is not None
    names = list(model.states)
    start_map = (strategy.start if strategy is not None and strategy.start is not None else model.start) or {}
    own = strategy is not None and strategy.programme is not None
    entries = (strategy.programme if strategy is not None and own else model.programme) or []
    programme: list[tuple[int, int, str, Distribution]] = []
    for e in entries:
        value = e.net_effect if e.net_effect is not None else e.rate
        assert value is not None  # check_states: exactly one of the two
        programme.append((names.index(e.from_state), names.index(e.to), "net_effect" if e.net_effect is not None else "rate", value))
    return LadderSpec(
        states=_states(model),
        start=tuple(float(start_map.get(n, 0.0)) for n in names),
        transitions=tuple((names.index(t.from_state), names.index(t.to), t.rate) for t in model.transitions or []),
        programme=tuple(programme),
        programme_source="strategy" if own else "base",
    )


def attach_ladders(
    model: ScenarioModel, strategies: tuple[StrategySpec, ...], population: StrategySpec | None
) -> tuple[tuple[StrategySpec, ...], StrategySpec | None]:
    """Each strategy's parts with its ladder (a scenario with states has one part per strategy)."""
    if model.states is None:
        return strategies, population
    by_name = {s.name: s for s in model.strategies or []}
    out = tuple(
        replace(spec, parts=tuple(replace(p, ladder=ladder_spec(model, by_name.get(spec.name))) for p in spec.parts))
        for spec in strategies
    )
    # The population beside the participants (DESIGN.md §9) is an on/off notion: not shown with states.
    return out, None
