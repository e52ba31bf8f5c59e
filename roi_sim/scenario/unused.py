"""Keys that would be accepted and then ignored: refused, saying which key applies instead
(issue 16.3). A key set in a mapping is used when some part that inherits it uses it."""

from __future__ import annotations

from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.message_text import Msg, join_words
from roi_sim.scenario.schema import GroupModel, ModelKeys, ScenarioModel, StrategyModel
from roi_sim.scenario.vocabulary import MODEL_DEFAULTS, RELAPSE_KEYS
from roi_sim.scenario.yaml_reader import YamlDocument


def _relapse(*layers: ModelKeys | None) -> str:
    """The relapse model of a part: the most specific layer that sets one, else the default."""
    for keys in layers:
        if keys is not None and keys.relapse_model is not None:
            return str(keys.relapse_model)
    return str(MODEL_DEFAULTS["relapse_model"])


def _groups_of(strat: StrategyModel) -> list[str]:
    return [*(strat.allocation or {}), *(strat.budget or {})]


def _with_classes(models: set[str], *layers: ModelKeys | None) -> set[str]:
    """The relapse models of a part's simulated units: the part's, or its classes' (a class
    without its own relapse_model keeps the part's). The classes list is the most specific
    layer's."""
    classes = next((keys.classes for keys in layers if keys is not None and keys.classes is not None), None)
    if not classes:
        return models
    return {str(c.relapse_model) if c.relapse_model is not None else m for m in models for c in classes}


def _relapse_models_used(model: ScenarioModel) -> dict[KeyPath, set[str]]:
    """For each mapping that can set model keys, the relapse models of the parts (or classes)
    inheriting it."""
    groups = model.groups or {}
    used: dict[KeyPath, set[str]] = {(): set()}
    for name, group in groups.items():
        alone = _with_classes({_relapse(group, model)}, group, model)  # the group on its own, as `allocate` prices it
        used[("groups", name)] = set(alone)
        used[()] |= alone
    for i, strat in enumerate(model.strategies or []):
        here: set[str] = set()
        wanted: list[str | None] = [*_groups_of(strat)] or [None]
        for g in wanted:
            grp: GroupModel | None = groups.get(g) if g is not None else None
            part = _with_classes({_relapse(strat, grp, model)}, strat, grp, model)
            here |= part
            if g is not None and grp is not None:
                used[("groups", g)] |= part
        used[("strategies", i)] = here
        used[()] |= here
    if not model.strategies and not groups:
        used[()] |= _with_classes({_relapse(model)}, model)
    return used


def _layers(model: ScenarioModel) -> list[tuple[KeyPath, ModelKeys]]:
    out: list[tuple[KeyPath, ModelKeys]] = [((), model)]
    out += [(("groups", g), grp) for g, grp in (model.groups or {}).items()]
    out += [(("strategies", i), s) for i, s in enumerate(model.strategies or [])]
    return out


def _class_layers(model: ScenarioModel, used: dict[KeyPath, set[str]]) -> list[tuple[KeyPath, ModelKeys]]:
    """Each class as a layer, with the relapse models it is simulated with."""
    out: list[tuple[KeyPath, ModelKeys]] = []
    for path, keys in _layers(model):
        for i, c in enumerate(keys.classes or []):
            out.append(((*path, "classes", i), c))
            parents = used.get(path) or {str(MODEL_DEFAULTS["relapse_model"])}
            used[(*path, "classes", i)] = {str(c.relapse_model)} if c.relapse_model is not None else set(parents)
    return out


def check_relapse_keys_used(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """A relapse key the relapse model of every part that inherits it ignores."""
    used = _relapse_models_used(model)
    for path, keys in [*_layers(model), *_class_layers(model, used)]:
        models = used[path]
        needed = {k for m in models for k in RELAPSE_KEYS[m]}
        for key in ("time_out_of_benefits_years", "relapse_within_12_months", "relapse_ever"):
            if getattr(keys, key) is None or key in needed or not models:
                continue
            names = join_words(sorted(models), "and")
            applies = join_words(RELAPSE_KEYS[sorted(models)[0]], "and")
            other = "levelling" if key != "time_out_of_benefits_years" else Msg("exponential or fixed")
            raise error_at(
                doc, source, path + (key,),
                Msg("{key} is not used by relapse_model {names}, which uses {applies}; remove it, or set relapse_model: {other}", key=key, names=names, applies=applies, other=other),
            )


def check_clients_keys_used(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """cohort_size where clients come from allocation or budget, and an empty allocation."""
    for g, grp in (model.groups or {}).items():
        if grp.cohort_size is not None:
            raise error_at(
                doc, source, ("groups", g, "cohort_size"),
                Msg("cohort_size is not used in a group: a strategy's allocation (clients per intake year) or budget sets how many clients it takes from the group; remove cohort_size (clients_available caps the group)"),
            )
    for i, strat in enumerate(model.strategies or []):
        for how in ("allocation", "budget"):
            if getattr(strat, how) == {}:
                raise error_at(
                    doc, source, ("strategies", i, how),
                    Msg("{how} is empty, so the strategy would run the whole base plan; name at least one group (e.g. {how}: {{group name: {value}}}), or remove {how}", how=how, value='100' if how == 'allocation' else '500000'),
                )
        if strat.cohort_size is not None and _groups_of(strat):
            how = "allocation" if strat.allocation else "budget"
            raise error_at(
                doc, source, ("strategies", i, "cohort_size"),
                Msg("cohort_size is not used: this strategy's clients come from its {how} per group; remove cohort_size, or set the clients in {how}", how=how),
            )
