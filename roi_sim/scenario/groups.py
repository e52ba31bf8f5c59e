"""Group resolution: each strategy becomes parts (the whole plan, or one part per target group
it invests in), with every parameter merged base < group < strategy and its draw's source."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field, replace
from typing import Any

from roi_sim.scenario.classes import class_keys
from roi_sim.scenario.distributions import Distribution, fixed
from roi_sim.scenario.effects import all_places, check_reachable, merge_layers, resolve_bands, resolve_profile, unused_years_error
from roi_sim.scenario.errors import KeyPath, ScenarioError, error_at
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.resolved import ClassSpec, GroupSpec, PartSpec, StrategySpec
from roi_sim.scenario.schema import GroupModel, ModelKeys, ScenarioModel, StrategyModel
from roi_sim.scenario.vocabulary import (
    CLIENT_NET_BENEFIT_BY_HOUSEHOLD,
    EFFECT_KEYS,
    MAX_COHORT_SIZE,
    MODEL_DEFAULTS,
    PARAMETERS,
    RELAPSE_KEYS,
    REQUIRED_MODEL_KEYS,
)
from roi_sim.scenario.yaml_reader import YamlDocument


def _as_dist(value: Any) -> Distribution:
    return fixed(float(value)) if isinstance(value, (int, float)) else value


def _set_keys(keys: ModelKeys) -> dict[str, Any]:
    return {k: getattr(keys, k) for k in ModelKeys.model_fields if getattr(keys, k) is not None}


def per_client_cost(params: dict[str, Distribution]) -> float:
    """Mean programme cost of one client: trajectory plus staff time (FTE cost / caseload × months)."""
    staff = params["annual_cost_per_fte"].mean() / params["caseload"].mean() * params["programme_months"].mean() / 12
    return params["cost_per_client"].mean() + staff


@dataclass(frozen=True)
class _Context:
    """What every resolution step needs: the file, its groups and the base keys."""

    model: ScenarioModel
    doc: YamlDocument
    source: str
    groups: dict[str, GroupModel]
    base_set: dict[str, Any]
    #: Layers (key paths) inherited by some part with duration bands: their
    #: years_on_benefit_at_intake is used.
    years_used: set[KeyPath] = field(default_factory=set)

    def fail(self, path: KeyPath, message: str) -> ScenarioError:
        return error_at(self.doc, self.source, path, message)

    def set_at(self, path: KeyPath, g: str | None, own: dict[str, Any], key: str) -> KeyPath:
        """The key path where ``key`` is set for a part: the strategy, its group, or the top level."""
        if key in own:
            return path + (key,)
        if g is not None and key in _set_keys(self.groups[g]):
            return ("groups", g, key)
        return (key,)

    def group_set(self, g: str) -> dict[str, Any]:
        return {k: v for k, v in _set_keys(self.groups[g]).items() if k != "clients_available"}


@dataclass(frozen=True)
class _PartPlan:
    group: str | None
    how: str  # "allocation", "budget" or "" for the whole plan
    amount: float
    merged: dict[str, Any]
    where: KeyPath


def _strategy_entries(ctx: _Context, default_name: str) -> list[tuple[KeyPath, str, StrategyModel | None]]:
    """(path, name, model) of each strategy; a file without strategies is one unnamed plan."""
    model = ctx.model
    if model.strategies is None:
        # Target groups without strategies: a menu to price (`roi-sim allocate`), no plan to run.
        return [] if ctx.groups else [((), model.name or default_name, None)]
    entries: list[tuple[KeyPath, str, StrategyModel | None]] = []
    seen: dict[str, int] = {}
    for i, strat in enumerate(model.strategies):
        if strat.name in seen:
            raise ctx.fail(
                ("strategies", i, "name"),
                Msg("duplicate strategy name '{name}' (also strategy {other}); strategy names must be unique", name=strat.name, other=seen[strat.name] + 1),
            )
        seen[strat.name] = i
        entries.append((("strategies", i), strat.name, strat))
    return entries


def _wanted_groups(ctx: _Context, path: KeyPath, strat: StrategyModel | None) -> list[tuple[str, str, float]]:
    """(group, "allocation" or "budget", amount) for each group a strategy invests in."""
    wanted: list[tuple[str, str, float]] = []
    for how in ("allocation", "budget"):
        for g, amount in ((getattr(strat, how) or {}) if strat else {}).items():
            if g not in ctx.groups:
                guess = difflib.get_close_matches(g, list(ctx.groups), n=1, cutoff=0.5)
                known = ", ".join(ctx.groups) if ctx.groups else Msg("none: declare them under 'groups'")
                raise ctx.fail(path + (how, g), Msg("unknown group '{g}'; did you mean '{guess}'? (groups: {known})", g=g, guess=guess[0], known=known)
                               if guess else Msg("unknown group '{g}' (groups: {known})", g=g, known=known))
            if any(w[0] == g for w in wanted):
                raise ctx.fail(path + (how, g), Msg("group '{g}' is in both allocation and budget; give one of them", g=g))
            wanted.append((g, how, amount))
    return wanted


def _part_plans(ctx: _Context, path: KeyPath, strat: StrategyModel | None, own: dict[str, Any]) -> list[_PartPlan]:
    """One part per group invested in (base < group < strategy), or the whole plan."""
    wanted = _wanted_groups(ctx, path, strat)
    if not wanted:
        return [_PartPlan(None, "", 0.0, merge_layers(MODEL_DEFAULTS, ctx.base_set, own), path)]
    return [
        _PartPlan(g, how, amount, merge_layers(MODEL_DEFAULTS, ctx.base_set, ctx.group_set(g), own), path + (how, g))
        for g, how, amount in wanted
    ]


def _check_part(ctx: _Context, plan: _PartPlan, path: KeyPath, what: str, own: dict[str, Any]) -> None:
    """What one part needs: its required keys, intakes within the horizon, staff keys together,
    and relapse shares in order."""
    merged, g, where = plan.merged, plan.group, plan.where
    needed = [k for k in REQUIRED_MODEL_KEYS if not (g is not None and k == "cohort_size")]
    _check_required(ctx, merged, needed, where, what, classes=merged.get("classes") is not None)
    if merged["intake_years"] > ctx.model.horizon_years:
        key_path = path + ("intake_years",) if "intake_years" in own else ("intake_years",)
        raise ctx.fail(
            key_path,
            Msg("intake_years ({intake}) is more than horizon_years ({horizon}): every intake must start within the horizon",
                intake=merged["intake_years"], horizon=ctx.model.horizon_years),
        )
    fte_cost = _as_dist(merged["annual_cost_per_fte"])
    caseload_set = "caseload" in {**ctx.base_set, **own, **({} if g is None else _set_keys(ctx.groups[g]))}
    if not (fte_cost.is_fixed and fte_cost.mean() == 0) and not caseload_set:
        raise ctx.fail(
            ctx.set_at(path, g, own, "annual_cost_per_fte"),
            Msg("annual_cost_per_fte is set for {what} but caseload (clients per FTE) is not; set caseload", what=what),
        )
    if merged["relapse_model"] == "levelling":
        within, ever = _as_dist(merged["relapse_within_12_months"]), _as_dist(merged["relapse_ever"])
        if within.is_fixed and ever.is_fixed and within.mean() > ever.mean():
            raise ctx.fail(
                ctx.set_at(path, g, own, "relapse_within_12_months"),
                Msg("relapse_within_12_months ({within:g}) cannot exceed relapse_ever ({ever:g}): "
                    "those back within a year are among those who ever come back", within=within.mean(), ever=ever.mean()),
            )


def _check_required(ctx: _Context, merged: dict[str, Any], needed: list[str], where: KeyPath, what: str, *, classes: bool) -> None:
    """The required keys and, for a simulated unit (a part without classes, or a class), the
    relapse model's keys and one effect key."""
    relapse = merged["relapse_model"]
    places = Msg("the top level, in the group, in the strategy or in the class") if ", class " in what else Msg(
        "the top level, in the group or in the strategy")
    # With states (DESIGN.md §10) the moves replace the effect and relapse keys.
    ladder = ctx.model.states is not None
    # A part with classes is simulated as its classes: each class needs its own relapse keys.
    for key in (*needed, *(() if classes or ladder else RELAPSE_KEYS[relapse])):
        if merged.get(key) is None:
            if key in RELAPSE_KEYS[relapse]:
                raise ctx.fail(where, Msg("'{key}' is required but missing for {what} (needed by relapse_model {relapse}): set it at {places}",
                                          key=key, what=what, relapse=relapse, places=places))
            raise ctx.fail(where, Msg("'{key}' is required but missing for {what}: set it at {places}", key=key, what=what, places=places))
    if not classes and not ladder and all(merged.get(k) is None for k in EFFECT_KEYS):
        raise ctx.fail(
            where,
            Msg("net_effect or outflow_rate is required but missing for {what}: set one of them (net_effect for the "
                "programme's effect above the baseline, outflow_rate for the share off benefit) at {places}", what=what, places=places),
        )


def _sources(ctx: _Context, params: dict[str, Distribution], g: str | None, own: dict[str, Any]) -> dict[str, str]:
    """Where each parameter's draw comes from (for common random numbers)."""
    group_keys = _set_keys(ctx.groups[g]) if g is not None else {}
    sources = {}
    for k in params:
        if k in own:
            sources[k] = "strategy"
        elif g is not None and k in group_keys:
            sources[k] = "group"
        elif k in ctx.base_set:
            sources[k] = "base"
        else:
            sources[k] = "fixed"
    return sources


def _group_clients(ctx: _Context, plan: _PartPlan, params: dict[str, Distribution]) -> int:
    """Clients a year a part takes from its group: the allocation, or what the budget buys."""
    g = plan.group
    assert g is not None
    if plan.how == "allocation":
        clients = int(plan.amount)
        if clients > MAX_COHORT_SIZE:
            raise ctx.fail(
                plan.where,
                Msg("{clients:,} clients a year from group '{g}' is more than a cohort may hold: at most {most:,} a year",
                    clients=clients, g=g, most=MAX_COHORT_SIZE),
            )
    else:
        unit = per_client_cost(params)
        if unit <= 0:
            raise ctx.fail(plan.where, Msg("group '{g}' costs nothing per client, so a budget cannot buy clients; use allocation", g=g))
        bought = plan.amount / unit  # inf when the unit cost is tiny (a subnormal cost_per_client)
        if not bought <= MAX_COHORT_SIZE:
            raise ctx.fail(
                plan.where,
                Msg("a budget of EUR {amount:,.2f} at EUR {unit:g} per client buys more than {most:,} clients a year from group '{g}', "
                    "more than a cohort may hold; lower the budget or check the cost per client", amount=plan.amount, unit=unit,
                    most=MAX_COHORT_SIZE, g=g),
            )
        clients = int(math.floor(bought + 1e-9))
    taken_total = clients * plan.merged["intake_years"]
    cap = ctx.groups[g].clients_available
    if cap is not None and taken_total > cap:
        raise ctx.fail(
            plan.where,
            Msg("takes {taken:,} clients from group '{g}' ({clients:,} a year for {years} year(s)), but it has only {cap:,} (clients_available)",
                taken=taken_total, g=g, clients=clients, years=plan.merged["intake_years"], cap=cap),
        )
    return clients


def _params(merged: dict[str, Any]) -> dict[str, Distribution]:
    params = {k: _as_dist(merged[k]) for k in PARAMETERS if merged.get(k) is not None}
    # The client's net benefit, unless set, is the norm of the part's (or class's) household.
    params.setdefault("client_net_benefit_per_year", fixed(CLIENT_NET_BENEFIT_BY_HOUSEHOLD[merged.get("household") or "single"]))
    return params


def _part_spec(group: str | None, merged: dict[str, Any], params: dict[str, Distribution], sources: dict[str, str]) -> PartSpec:
    """A part as the engine gets it; named effect shapes are resolved with the part's window."""
    window = merged["outflow_window_months"]
    return PartSpec(
        group=group,
        params=params,
        sources=sources,
        intake_years=merged["intake_years"],
        outflow_window_months=window,
        relapse_model=merged["relapse_model"],
        effect_profile=resolve_profile(merged.get("effect_profile"), window),
        baseline_by_duration=resolve_bands(merged.get("baseline_outflow_by_duration")),
        years_on_benefit_at_intake=float(merged["years_on_benefit_at_intake"]),
        lks_refund=merged["lks_refund"],
    )


def _checked_unit(ctx: _Context, part: PartSpec, layers: tuple[KeyPath, ...], at: Any, what: str) -> None:
    """What a simulated unit (a part without classes, or a class) needs beyond its keys: a
    net effect that can be reached; and it marks its layers' years_on_benefit_at_intake used."""
    if part.baseline_by_duration is not None:
        ctx.years_used.update(layers)
    check_reachable(
        ctx.fail, part.params, part.effect_profile, part.baseline_by_duration, part.years_on_benefit_at_intake,
        part.outflow_window_months, (at("net_effect"), at("effect_profile")), what,
    )


def _with_classes(ctx: _Context, parent: PartSpec, merged: dict[str, Any], classes_at: KeyPath, what: str, layers: tuple[KeyPath, ...]) -> PartSpec:
    """The part with its classes: each the parent with the class's keys applied."""
    specs = []
    for i, entry in enumerate(merged["classes"]):
        own = class_keys(entry)
        here = (*classes_at, i)
        class_merged = merge_layers(merged, own)
        class_merged["classes"] = None
        params = _params(class_merged)
        if "cohort_size" in parent.params:
            params["cohort_size"] = parent.params["cohort_size"]  # the parent's clients, split by the engine
        sources = {k: "class" if k in own else parent.sources.get(k, "fixed") for k in params}
        _check_required(ctx, class_merged, [], here, Msg("{what}, class '{name}'", what=what, name=entry.name), classes=False)
        caseload_set = "caseload" in own or any("caseload" in _layer_keys(ctx, layer) for layer in layers)
        if "annual_cost_per_fte" in own and not caseload_set and not (own["annual_cost_per_fte"].is_fixed and own["annual_cost_per_fte"].mean() == 0):
            raise ctx.fail(
                (*here, "annual_cost_per_fte"),
                Msg("annual_cost_per_fte is set for {what} but caseload (clients per FTE) is not; set caseload",
                    what=Msg("{what}, class '{name}'", what=what, name=entry.name)),
            )
        part = _part_spec(parent.group, class_merged, params, sources)

        def at(key: str, own: dict[str, Any] = own, here: KeyPath = here) -> KeyPath:
            return (*here, key) if key in own else _located(ctx, layers, key)

        _checked_unit(ctx, part, (*layers, here), at, Msg("{what}, class '{name}'", what=what, name=entry.name))
        specs.append(ClassSpec(entry.name, float(entry.share), part))
    return replace(parent, classes=tuple(specs))


def _located(ctx: _Context, layers: tuple[KeyPath, ...], key: str) -> KeyPath:
    """The most specific layer that sets ``key`` (the top level when none does)."""
    for layer in reversed(layers):
        keys = _layer_keys(ctx, layer)
        if keys.get(key) is not None:
            return (*layer, key)
    return (key,)


def _layer_keys(ctx: _Context, layer: KeyPath) -> dict[str, Any]:
    if not layer:
        return ctx.base_set
    if layer[0] == "groups":
        return _set_keys(ctx.groups[str(layer[1])])
    strategies = ctx.model.strategies or []
    return _set_keys(strategies[int(layer[1])]) if layer[0] == "strategies" and len(layer) == 2 else {}


def _resolve_strategy(ctx: _Context, path: KeyPath, name: str, strat: StrategyModel | None) -> StrategySpec:
    own = {k: v for k, v in _set_keys(strat).items() if k not in ("name", "allocation", "budget", "independent_draws")} if strat else {}
    parts = []
    for plan in _part_plans(ctx, path, strat, own):
        what: str = Msg("strategy '{name}'", name=name) if path else Msg("the scenario")
        if plan.group is not None:
            what = Msg("{what}, group '{group}'", what=what, group=plan.group)
        _check_part(ctx, plan, path, what, own)
        merged = plan.merged
        params = _params(merged)
        sources = _sources(ctx, params, plan.group, own)
        if plan.group is not None:
            params["cohort_size"] = fixed(float(_group_clients(ctx, plan, params)))
            sources["cohort_size"] = "fixed"
        part = _part_spec(plan.group, merged, params, sources)
        layers: tuple[KeyPath, ...] = ((),) + ((("groups", plan.group),) if plan.group is not None else ()) + ((path,) if path else ())
        if merged.get("classes") is not None:
            part = _with_classes(ctx, part, merged, ctx.set_at(path, plan.group, own, "classes"), what, layers)
        else:
            _checked_unit(ctx, part, layers, lambda key, g=plan.group: ctx.set_at(path, g, own, key), what)
        parts.append(part)
    independent = tuple(strat.independent_draws or ()) if strat else ()
    _check_independent(ctx, path, independent, own)
    return StrategySpec(name=name, parts=tuple(parts), independent_draws=independent)


def _check_independent(ctx: _Context, path: KeyPath, independent: tuple[str, ...], own: dict[str, Any]) -> None:
    """``independent_draws`` may name only uncertain parameters the strategy sets itself."""
    for i, name in enumerate(independent):
        where = (*path, "independent_draws", i)
        if name not in PARAMETERS:
            raise error_at(ctx.doc, ctx.source, where, Msg("unknown parameter '{name}' (allowed: {allowed})", name=name, allowed=", ".join(PARAMETERS)))
        value = own.get(name)
        if value is None or isinstance(value, (int, float)) or getattr(value, "dist", None) == "fixed":
            raise error_at(
                ctx.doc, ctx.source, where,
                Msg("'{name}' is not a distribution set by this strategy, so there is nothing to draw independently; "
                    "set {name} to a distribution in this strategy or remove it here", name=name),
            )


def _group_spec(ctx: _Context, g: str, grp: GroupModel) -> GroupSpec:
    """A declared group, and the group on its own as a part when it is complete enough to price."""
    own_set = ctx.group_set(g)
    merged = merge_layers(MODEL_DEFAULTS, ctx.base_set, own_set)
    params = _params(merged)
    has_classes = merged.get("classes") is not None
    relapse_keys = () if has_classes else RELAPSE_KEYS[merged["relapse_model"]]
    complete = all(merged.get(k) is not None for k in (*REQUIRED_MODEL_KEYS[1:], *relapse_keys))
    complete = complete and (has_classes or any(merged.get(k) is not None for k in EFFECT_KEYS))
    part = None
    if complete and merged["intake_years"] <= ctx.model.horizon_years:
        params.setdefault("cohort_size", fixed(0.0))
        sources = {k: "group" if k in own_set else ("base" if k in ctx.base_set else "fixed") for k in params}
        part = _part_spec(g, merged, params, sources)
        layers: tuple[KeyPath, ...] = ((), ("groups", g))
        try:
            if has_classes:
                part = _with_classes(ctx, part, merged, _located(ctx, layers, "classes"), Msg("group '{g}'", g=g), layers)
            else:
                _checked_unit(ctx, part, layers, lambda key: _located(ctx, layers, key), Msg("group '{g}'", g=g))
        except ScenarioError:
            part = None  # the group alone cannot be priced; the strategies investing in it may complete it
    return GroupSpec(g, grp.clients_available, {k: _as_dist(v) for k, v in own_set.items() if k in PARAMETERS}, part)


def _check_years_used(ctx: _Context) -> None:
    """years_on_benefit_at_intake set where no part inheriting it has duration bands."""
    for path, keys in all_places(ctx.model):
        if keys.years_on_benefit_at_intake is not None and path not in ctx.years_used:
            raise unused_years_error(ctx.doc, ctx.source, path)


def resolve_population(model: ScenarioModel, doc: YamlDocument, source: str) -> StrategySpec | None:
    """The top level on its own, as a strategy with no keys of its own: the population the
    participants of each strategy come from (DESIGN.md §9, to show creaming beside each
    strategy's mix). None where the top level alone is not a plan (e.g. keys set only in
    strategies or groups)."""
    ctx = _Context(model, doc, source, model.groups or {}, _set_keys(model))
    try:
        return _resolve_strategy(ctx, (), "population", None)
    except ScenarioError:
        return None


def resolve_groups(
    model: ScenarioModel, doc: YamlDocument, source: str, default_name: str
) -> tuple[tuple[StrategySpec, ...], dict[str, Distribution], dict[str, GroupSpec]]:
    """The strategies resolved into parts, the base parameters and the declared groups."""
    ctx = _Context(model, doc, source, model.groups or {}, _set_keys(model))
    specs = tuple(_resolve_strategy(ctx, path, name, strat) for path, name, strat in _strategy_entries(ctx, default_name))
    base_merged = merge_layers(MODEL_DEFAULTS, ctx.base_set)
    base_params = {k: _as_dist(v) for k, v in base_merged.items() if k in PARAMETERS and v is not None}
    base_params.setdefault("client_net_benefit_per_year", _params(base_merged)["client_net_benefit_per_year"])
    group_specs = {g: _group_spec(ctx, g, grp) for g, grp in ctx.groups.items()}
    _check_years_used(ctx)
    return specs, base_params, group_specs
