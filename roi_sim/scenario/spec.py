"""Scenario files, front door: load, validate and resolve a scenario.

A scenario is loaded in steps, each of which can refuse the file with a
:class:`ScenarioError` that names the file, line, column and key:

1. :func:`read_yaml` (:mod:`~roi_sim.scenario.yaml_reader`) reads the bytes with PyYAML's
   safe machinery, recording where every key stands.
2. Checks that need the raw file (:mod:`~roi_sim.scenario.checks`): empty values, scenario
   keys inside a strategy.
3. The pydantic schema (:mod:`~roi_sim.scenario.schema`, generated from the one parameter
   table in :mod:`~roi_sim.scenario.vocabulary`); its errors are put in the tool's own
   words by :mod:`~roi_sim.scenario.messages`.
   Named priors (``net_effect: {prior: ...}``, :mod:`~roi_sim.scenario.priors`) are
   replaced by their distributions just before it.
4. Cross-key checks as named steps, in :func:`_check_semantics`: ranges and what can be
   computed (:mod:`~roi_sim.scenario.finite`), the discount rate, names
   (:mod:`~roi_sim.scenario.names`), keys that would be ignored
   (:mod:`~roi_sim.scenario.unused`), alternatives set at one level, effect profiles and
   duration bands (:mod:`~roi_sim.scenario.effects`), classes
   (:mod:`~roi_sim.scenario.classes`), group resolution (:mod:`~roi_sim.scenario.groups`,
   with each net effect checked to be reachable),
   the copula (:mod:`~roi_sim.scenario.copula`) and constraints that must hold for every
   draw (:mod:`~roi_sim.scenario.draws`: relapse shares in order, the staff cost per client).

:func:`~roi_sim.scenario.describe.describe_values` lists the values a scenario was read as.

The names other rooms import stay importable from here.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from roi_sim.scenario.checks import (
    _check_no_empty_values,
    _check_strategy_keys,
    _fmt_num,
    _range_words,
    check_discount_rate,
    check_parameter,
    check_ranges,
    check_thousands_separators,
)
from roi_sim.scenario.classes import check_classes
from roi_sim.scenario.copula import copula as _copula
from roi_sim.scenario.describe import describe_values
from roi_sim.scenario.distributions import fixed
from roi_sim.scenario.draws import check_relapse_order, check_staff_cost
from roi_sim.scenario.effects import check_alternatives, check_steps
from roi_sim.scenario.errors import KeyPath, ScenarioError, _one_line, describe_value, format_path
from roi_sim.scenario.groups import _as_dist, _set_keys, per_client_cost, resolve_groups, resolve_population
from roi_sim.scenario.messages import _allowed_keys, _translate, _walk
from roi_sim.scenario.names import check_names
from roi_sim.scenario.prices import check_prices
from roi_sim.scenario.priors import resolve_priors
from roi_sim.scenario.resolved import GroupSpec, PartSpec, Scenario, StrategySpec
from roi_sim.scenario.states import attach_ladders, check_states
from roi_sim.scenario.schema import (
    CorrelationModel,
    GroupModel,
    ModelKeys,
    ScenarioModel,
    StrategyModel,
    Uncertain,
    json_schema,
)
from roi_sim.scenario.unused import check_clients_keys_used, check_relapse_keys_used
from roi_sim.scenario.variants import Variant, variant_documents, with_variant_paths
from roi_sim.scenario.vocabulary import (
    DISCOUNT_INFO,
    MAX_COHORT_SIZE,
    MAX_HORIZON_YEARS,
    MAX_ITERATIONS,
    MINIMUM_WAGE_2026,
    MODEL_DEFAULTS,
    PARAMETERS,
    RELAPSE_KEYS,
    REQUIRED_MODEL_KEYS,
    SCENARIO_ONLY_KEYS,
    ParamInfo,
)
from roi_sim.scenario.yaml_reader import MAX_FILE_BYTES, MAX_YAML_NODES, YamlDocument, read_bytes, read_yaml

_describe_value = describe_value

__all__ = [
    "DISCOUNT_INFO", "MAX_COHORT_SIZE", "MAX_FILE_BYTES", "MAX_HORIZON_YEARS", "MAX_ITERATIONS", "MAX_YAML_NODES",
    "MINIMUM_WAGE_2026", "MODEL_DEFAULTS", "PARAMETERS", "RELAPSE_KEYS", "REQUIRED_MODEL_KEYS", "SCENARIO_ONLY_KEYS",
    "CorrelationModel", "GroupModel", "GroupSpec", "KeyPath", "ModelKeys", "ParamInfo", "PartSpec", "Scenario",
    "ScenarioError", "ScenarioModel", "StrategyModel", "StrategySpec", "Uncertain", "YamlDocument",
    "check_parameter", "describe_values", "format_path", "json_schema", "load_scenario", "parse_scenario", "per_client_cost",
    "read_bytes", "read_yaml", "scenario_from_document",
]
# Kept importable for code written against the single-module spec.
_LEGACY = (_fmt_num, _range_words, _as_dist, _set_keys, _allowed_keys, _walk, _one_line, _describe_value)


def load_scenario(path: str | Path) -> Scenario:
    """Read, validate and resolve a scenario file. Raises :class:`ScenarioError`."""
    return parse_scenario(read_bytes(path), str(path))


def parse_scenario(text: str | bytes, source: str = "<scenario>") -> Scenario:
    """Validate a scenario given as text (for tests and tools). Raises :class:`ScenarioError`."""
    doc = read_yaml(source, text)
    raw = text.encode() if isinstance(text, str) else text
    return scenario_from_document(doc, source, hashlib.sha256(raw).hexdigest(), default_name=Path(source).stem)


def scenario_from_document(doc: YamlDocument, source: str, sha256: str, default_name: str) -> Scenario:
    """Validate parsed YAML against the schema and resolve strategies."""
    _check_no_empty_values(doc, source)
    _check_strategy_keys(doc, source)
    check_thousands_separators(doc, source)
    doc = resolve_priors(doc, source)
    try:
        model = ScenarioModel.model_validate(doc.data)
    except ValidationError as exc:
        raise _translate(exc, doc, source) from None
    if model.variants:
        if model.states is not None:
            check_states(model, doc, source)  # refuses the combination before variants are resolved
        return _with_variants(doc, source, sha256, default_name)
    return _check_semantics(model, doc, source, default_name, sha256)


def _with_variants(doc: YamlDocument, source: str, sha256: str, default_name: str) -> Scenario:
    """DESIGN.md §8: each variant resolved as the scenario with its keys at the top level;
    the first variant's resolution carries names, settings and strategies."""
    resolved = []
    for name, weight, variant_doc, renames in variant_documents(doc, source):
        try:
            scenario = scenario_from_document(variant_doc, source, sha256, default_name)
        except ScenarioError as exc:
            raise with_variant_paths(exc, renames) from None
        resolved.append((name, weight, scenario))
    given = resolved[0][1] is not None
    variants = tuple(Variant(n, float(w) if given and w is not None else 1.0, s, weight_given=given) for n, w, s in resolved)
    return replace(resolved[0][2], variants=variants)


def _check_semantics(model: ScenarioModel, doc: YamlDocument, source: str, default_name: str, sha256: str) -> Scenario:
    """The cross-key steps, in order; the first that fails names its key."""
    check_states(model, doc, source)  # first: the keys states replace are refused before they are checked
    check_classes(model, doc, source)  # a class's forbidden keys are not checked as values
    check_ranges(model, doc, source)
    check_discount_rate(model, doc, source)
    check_names(model, doc, source)
    check_clients_keys_used(model, doc, source)
    check_alternatives(model, doc, source)
    check_steps(model, doc, source)
    strategies, base_params, groups = resolve_groups(model, doc, source, default_name)
    check_relapse_keys_used(model, doc, source)
    discount = model.discount_rate if model.discount_rate is not None else fixed(0.0)
    correlated, matrix = _copula(model, doc, source, {**base_params, "discount_rate": discount})
    scenario = Scenario(
        name=model.name or default_name,
        source=source,
        sha256=sha256,
        horizon_years=model.horizon_years,
        discount_rate=discount,
        iterations=model.iterations,
        seed=model.seed,
        strategies=strategies,
        base_params=base_params,
        groups=groups,
        correlated=correlated,
        copula_matrix=matrix,
        population=resolve_population(model, doc, source),
    )
    strategies, population = attach_ladders(model, scenario.strategies, scenario.population)
    scenario = replace(scenario, strategies=strategies, population=population)
    scenario = replace(scenario, prices=check_prices(model, doc, source))
    check_relapse_order(scenario, doc, source)
    check_staff_cost(scenario, doc, source)
    return scenario
