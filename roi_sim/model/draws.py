"""Random streams and parameter draws of a block: the stream layout of the reproducibility
contract (see :mod:`roi_sim.model.simulate`) and the per-iteration parameter arrays it gives.

Changing the block size or the stream layout changes results: it is a breaking change.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from roi_sim.model.classes import split_cohort
from roi_sim.model.engine import StrategyInputs
from roi_sim.scenario.distributions import OPEN_ONE, OPEN_ZERO, Fixed
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PartSpec, Scenario

#: Iterations per seed block. Part of the reproducibility contract: do not change.
BLOCK_SIZE = 4096
#: Stable stream ids of the uncertain parameters (new parameters get new ids).
PARAMETER_STREAMS: dict[str, int] = {
    "cohort_size": 1,
    "cost_per_client": 2,
    "annual_benefit_cost": 3,
    "outflow_rate": 4,
    "baseline_outflow_rate": 5,
    "time_out_of_benefits_years": 6,
    "discount_rate": 7,
    "relapse_within_12_months": 8,
    "relapse_ever": 9,
    "subsidised_share": 10,
    "wage_value": 11,
    "benefit_saved_share": 12,
    "minimum_wage_annual": 13,
    "caseload": 14,
    "annual_cost_per_fte": 15,
    "programme_months": 16,
    "fixed_annual_cost": 17,
    "startup_cost": 18,
    "social_value_per_participant_year": 19,
    "net_effect": 20,
    "benefit_retention": 21,
    "execution_cost_per_client_year": 22,
    "placement_cost_per_year": 23,
    "displacement": 24,
    "non_market_time_value_per_year": 25,
    "social_value_per_extra_client_year": 26,
    "employer_cost_share": 27,
    "client_net_wage_per_year": 28,
    "client_net_benefit_per_year": 29,
}
STREAM_PARAMETERS = 0
STREAM_TRANSITIONS = 1
STREAM_COPULA = 2
#: Transitions of the iterations living in variant v: spawn_key (b, 1, [group id,] 3, v).
STREAM_VARIANT_TRANSITIONS = 3
#: Transitions of a class (DESIGN.md §9): spawn_key (b, 1, [group id,] 4, class id[, 3, v]).
STREAM_CLASS_TRANSITIONS = 4


#: Parameter draws of the ladder's rates (DESIGN.md §10): spawn_key (b, 0, 30, id of the rate's name).
STREAM_LADDER_RATES = 30


def ladder_rate_names(part: PartSpec) -> list[tuple[str, object, str]]:
    """(stream name, distribution, source) of each of a ladder part's rates, in the order of
    ``StrategyInputs.ladder_rates`` (:meth:`LadderSpec.rate_parameters`)."""
    return [] if part.ladder is None else list(part.ladder.rate_parameters())


def _stream(param: str) -> tuple[int, ...]:
    if param in PARAMETER_STREAMS:
        return (PARAMETER_STREAMS[param],)
    return (STREAM_LADDER_RATES, _name_id("ladder", param))


def generator(seed: int, *key: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def _name_id(kind: str, name: str) -> int:
    # A 63-bit id from SHA-256 of the NFC-normalised name: unlike CRC-32, no two names a
    # person could write share one in practice, and :func:`check_stream_ids` proves it per
    # scenario (reproducibility contract, docs/contracts.md).
    text = f"{kind}:{unicodedata.normalize('NFC', name)}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big") >> 1


def strategy_owner_id(name: str) -> int:
    """Stable stream id of a strategy's own parameter draws."""
    return _name_id("strategy", name)


def group_owner_id(name: str) -> int:
    """Stable stream id of a group's own parameter draws (and of its transitions)."""
    return _name_id("group", name)


def check_stream_ids(scenario: Scenario) -> None:
    """Refuse a scenario in which two names would share a random stream."""
    seen: dict[int, str] = {}
    names = [("strategy", s.name) for s in scenario.strategies]
    names += sorted({("group", p.group) for s in scenario.strategies for p in s.parts if p.group is not None})
    for kind, name in names:
        key = _name_id(kind, name)
        if key in seen and seen[key] != name:
            raise ValueError(Msg("the names {seen!r} and {name!r} share a random stream id; rename one", seen=seen[key], name=name))
        seen[key] = name


def class_owner_id(strategy: str, group: str | None, name: str) -> int:
    """Stable stream id of a class's own parameter draws and transitions. The strategy and
    group are in it so that two strategies' classes of one name never share a cached draw."""
    return _name_id("class", f"{strategy}\x00{group or ''}\x00{name}")


def _owner(source: str, strategy: str, group: str | None, class_name: str | None = None) -> int:
    if source == "class":
        assert class_name is not None
        return class_owner_id(strategy, group, class_name)
    if source == "strategy":
        return strategy_owner_id(strategy)
    if source == "group":
        assert group is not None
        return group_owner_id(group)
    return 0  # the base's draw (or a fixed number, which draws nothing)


def strategy_inputs(values: dict[str, np.ndarray], discount: np.ndarray) -> StrategyInputs:
    # Whole clients: draws are rounded half up (DESIGN.md §2).
    cohort = np.floor(values["cohort_size"] + 0.5)
    # Levelling relapse has no time off benefit, a net effect no outflow rate: those inputs
    # are then absent (None); a duration-banded baseline replaces the constant one (0 here).
    absent = {"time_out_of_benefits_years": None, "outflow_rate": None, "baseline_outflow_rate": np.zeros_like(cohort)}
    return StrategyInputs(**{**absent, **values, "cohort_size": cohort, "discount_rate": discount})  # type: ignore[arg-type]


def block_inputs(scenario: Scenario, block: int, n: int) -> list[list[tuple[PartSpec, StrategyInputs]]]:
    """Parameter draws of one block for every part of every strategy.

    Common random numbers: a draw is made once per (owner, parameter) and reused by every
    part that takes that parameter from that owner (the base, a group or the strategy).
    """
    seed = scenario.seed
    cache: dict[tuple[int, str], np.ndarray] = {}

    uniforms: dict[str, np.ndarray] = {}

    def quantile(param: str) -> np.ndarray:
        # One uniform per iteration and parameter, shared by every owner: a strategy that
        # sets its own distribution for a parameter draws the same quantile of it as the
        # base (paired where the world is shared, DESIGN.md §7), unless it asks otherwise.
        if param not in uniforms:
            rng = generator(seed, block, STREAM_PARAMETERS, *_stream(param))
            uniforms[param] = np.clip(rng.random(n), OPEN_ZERO, OPEN_ONE)
        return uniforms[param]

    def draw(dist: object, param: str, owner: int, independent: bool = False) -> np.ndarray:
        if isinstance(dist, Fixed):
            return np.full(n, float(dist.value))
        key = (owner, param)
        if key not in cache:
            if independent and owner != 0:
                rng = generator(seed, block, STREAM_PARAMETERS, *_stream(param), owner)
                u = np.clip(rng.random(n), OPEN_ZERO, OPEN_ONE)
            else:
                u = quantile(param)
            cache[key] = dist.ppf(u)  # type: ignore[attr-defined]
        return cache[key]

    if scenario.correlated:
        # Gaussian copula: correlated standard normals, through the normal CDF to uniforms,
        # through each parameter's own inverse CDF — so every marginal is unchanged.
        from scipy.special import ndtr

        chol = np.linalg.cholesky(np.array(scenario.copula_matrix))
        z = generator(seed, block, STREAM_COPULA).standard_normal((n, len(scenario.correlated))) @ chol.T
        for j, name in enumerate(scenario.correlated):
            # ndtr rounds to exactly 0 or 1 beyond |z| ≈ 8, where an unbounded marginal's
            # inverse CDF is infinite: keep the probability strictly inside (0, 1).
            uniforms[name] = np.clip(ndtr(z[:, j]), OPEN_ZERO, OPEN_ONE)
    discount = draw(scenario.discount_rate, "discount_rate", 0)
    out = []
    for spec in scenario.strategies:
        independent = getattr(spec, "independent_draws", ())

        def values_of(part: PartSpec, spec_name: str = spec.name, independent: tuple[str, ...] = independent) -> dict[str, np.ndarray]:
            values = {
                name: draw(dist, name, _owner(part.sources[name], spec_name, part.group, part.class_name), name in independent)
                for name, dist in part.params.items()
            }
            rates = [draw(dist, name, _owner(source, spec_name, None)) for name, dist, source in ladder_rate_names(part)]
            if rates:
                values["ladder_rates"] = np.column_stack(rates)
            return values

        out.append([pair for part in spec.parts for pair in with_classes(part, values_of, discount)])
    return out


def with_classes(
    part: PartSpec, values_of: Callable[[PartSpec], dict[str, np.ndarray]], discount: np.ndarray
) -> list[tuple[PartSpec, StrategyInputs]]:
    """The part as simulated: itself, or (DESIGN.md §9 ``classes``) one part per class with
    the part's clients split by largest remainder; the fixed and start-up costs are the
    part's, counted once (with its first class)."""
    parent = strategy_inputs(values_of(part), discount)
    if not part.classes:
        return [(part, parent)]
    counts = split_cohort(parent.cohort_size, tuple(c.share for c in part.classes))
    out = []
    for j, cls in enumerate(part.classes):
        own = replace(cls.part, class_name=cls.name)
        values = {**values_of(own), "cohort_size": counts[j]}
        if j:
            values.update(fixed_annual_cost=np.zeros_like(counts[j]), startup_cost=np.zeros_like(counts[j]))
        out.append((own, strategy_inputs(values, discount)))
    return out


def mean_inputs(scenario: Scenario) -> list[list[tuple[PartSpec, StrategyInputs]]]:
    """Deterministic mode: each parameter at its mean (one 'iteration')."""
    discount = np.array([scenario.discount_rate.mean()])

    def values_of(part: PartSpec) -> dict[str, np.ndarray]:
        return {k: np.array([d.mean()]) for k, d in part.params.items()} | mean_ladder_rates(part, 1)

    return [[pair for part in spec.parts for pair in with_classes(part, values_of, discount)] for spec in scenario.strategies]


def mean_ladder_rates(part: PartSpec, n: int) -> dict[str, np.ndarray]:
    """``{"ladder_rates": (n, R)}`` at each rate's mean, or nothing for an on/off part."""
    rates = [d.mean() for _, d, _ in ladder_rate_names(part)]  # type: ignore[attr-defined]
    return {"ladder_rates": np.tile(np.array(rates, dtype=float), (n, 1))} if rates else {}
