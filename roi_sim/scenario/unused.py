"""Keys that would be accepted and then ignored: refused, saying which key applies instead
(issue 16.3). A key set in a mapping is used when some part that inherits it uses it."""

from __future__ import annotations

from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.schema import ModelKeys, ScenarioModel, StrategyModel
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


def _relapse_models_used(model: ScenarioModel) -> dict[KeyPath, set[str]]:
    """For each mapping that can set model keys, the relapse models of the parts inheriting it."""
    groups = model.groups or {}
    used: dict[KeyPath, set[str]] = {(): set()}
    for g, grp in groups.items():
        used[("groups", g)] = {_relapse(grp, model)}  # the group on its own, as `allocate` prices it
        used[()].add(_relapse(grp, model))
    for i, strat in enumerate(model.strategies or []):
        here = {_relapse(strat, groups.get(g), model) for g in _groups_of(strat)} or {_relapse(strat, model)}
        used[("strategies", i)] = here
        used[()] |= here
        for g in _groups_of(strat):
            if g in groups:
                used[("groups", g)].add(_relapse(strat, groups[g], model))
    if not model.strategies and not groups:
        used[()].add(_relapse(model))
    return used


def _layers(model: ScenarioModel) -> list[tuple[KeyPath, ModelKeys]]:
    out: list[tuple[KeyPath, ModelKeys]] = [((), model)]
    out += [(("groups", g), grp) for g, grp in (model.groups or {}).items()]
    out += [(("strategies", i), s) for i, s in enumerate(model.strategies or [])]
    return out


def check_relapse_keys_used(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """A relapse key the relapse model of every part that inherits it ignores."""
    used = _relapse_models_used(model)
    for path, keys in _layers(model):
        models = used[path]
        needed = {k for m in models for k in RELAPSE_KEYS[m]}
        for key in ("time_out_of_benefits_years", "relapse_within_12_months", "relapse_ever"):
            if getattr(keys, key) is None or key in needed or not models:
                continue
            names = " and ".join(sorted(models))
            applies = " and ".join(RELAPSE_KEYS[sorted(models)[0]])
            other = "levelling" if key != "time_out_of_benefits_years" else "exponential or fixed"
            raise error_at(
                doc, source, path + (key,),
                f"{key} is not used by relapse_model {names}, which uses {applies}; "
                f"remove it, or set relapse_model: {other}",
            )


def check_clients_keys_used(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """cohort_size where clients come from allocation or budget, and an empty allocation."""
    for g, grp in (model.groups or {}).items():
        if grp.cohort_size is not None:
            raise error_at(
                doc, source, ("groups", g, "cohort_size"),
                "cohort_size is not used in a group: a strategy's allocation (clients per intake year) or budget "
                "sets how many clients it takes from the group; remove cohort_size (clients_available caps the group)",
            )
    for i, strat in enumerate(model.strategies or []):
        for how in ("allocation", "budget"):
            if getattr(strat, how) == {}:
                raise error_at(
                    doc, source, ("strategies", i, how),
                    f"{how} is empty, so the strategy would run the whole base plan; name at least one group "
                    f"(e.g. {how}: {{group name: {'100' if how == 'allocation' else '500000'}}}), or remove {how}",
                )
        if strat.cohort_size is not None and _groups_of(strat):
            how = "allocation" if strat.allocation else "budget"
            raise error_at(
                doc, source, ("strategies", i, "cohort_size"),
                f"cohort_size is not used: this strategy's clients come from its {how} per group; "
                f"remove cohort_size, or set the clients in {how}",
            )
