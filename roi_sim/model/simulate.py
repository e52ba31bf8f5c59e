"""Running a scenario: parameter draws, fixed seed blocks, workers, summaries.

Reproducibility contract (DESIGN.md §5, documented in the README):

* Iterations are cut into blocks of :data:`BLOCK_SIZE`. Block ``b`` always simulates all
  its iterations (the last one too), and a run of N iterations keeps the first N. So a run
  of N equals the first N of a longer run, and results do not depend on ``--workers``.
* Every random stream of block ``b`` is a child of ``SeedSequence(seed, spawn_key=(b,))``:
  ``spawn_key=(b, 0, p)`` gives the uniforms of parameter ``p`` (ids in
  :data:`PARAMETER_STREAMS`); every owner (the base, a group, a strategy) turns the same
  uniform into its value through its own distribution's inverse CDF, so a strategy's own
  distribution is drawn at the same quantile as the base's (paired, DESIGN.md §7);
  ``(b, 0, p, owner)`` is used instead for a parameter a strategy lists in
  ``independent_draws`` (``owner`` a 63-bit id from SHA-256 of the NFC-normalised name,
  :func:`strategy_owner_id`; names sharing one are refused). ``(b, 1)`` draws the joint
  transitions of both coupled arms (DESIGN.md §6), shared by all strategies, and
  ``(b, 1, group id)`` those of a group; with variants, the iterations living in variant
  ``v`` use ``(b, 1, [group id,] 3, v)`` and ``(b, 3)`` draws which variant each iteration
  lives in; ``(b, 2)`` draws the normals of the Gaussian copula when the scenario
  correlates parameters (they then supply the uniforms).
* A strategy that inherits a parameter uses the base's draw (common random numbers), and
  all strategies share the transition streams, so comparisons are paired. A strategy's
  numbers depend on its own name and settings, not on the other strategies in the file.

Changing the block size or the stream layout changes results: it is a breaking change.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, replace

import numpy as np

from roi_sim.model.arms import simulate_counts
from roi_sim.model.engine import DiscountedFlows, ModelShape, StrategyInputs, discounted_flows
from roi_sim.model.metrics import IterationResults, StrategySummary, per_iteration, summarize_strategy
from roi_sim.model.variants import scatter, subset, variant_index, with_variant
from roi_sim.scenario.distributions import OPEN_ONE, OPEN_ZERO, Fixed
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
}
_STREAM_PARAMETERS = 0
_STREAM_TRANSITIONS = 1
_STREAM_COPULA = 2
#: Transitions of the iterations living in variant v: spawn_key (b, 1, [group id,] 3, v).
_STREAM_VARIANT_TRANSITIONS = 3

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class RunSettings:
    """What a run was asked to do."""

    iterations: int
    seed: int
    deterministic: bool
    horizon_years: int
    discount_rate: float | dict[str, object]


@dataclass(frozen=True)
class RunResult:
    """A finished run: settings, per-strategy summaries and the per-iteration results.

    ``parameters`` (only with ``run(..., keep_parameters=True)``) holds each strategy's
    per-iteration parameter draws (of its first part), aligned with ``iterations``.
    """

    scenario: Scenario
    settings: RunSettings
    strategies: tuple[StrategySummary, ...]
    iterations: dict[str, IterationResults]
    parameters: dict[str, dict[str, np.ndarray]] | None = None
    #: With ``run(..., keep_monthly=True)``: each strategy's cumulative discounted net cash
    #: flow per month and iteration, shape ``(months, iterations)`` (for fan charts).
    monthly_cumulative_net: dict[str, np.ndarray] | None = None


def _generator(seed: int, *key: int) -> np.random.Generator:
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
            raise ValueError(f"the names {seen[key]!r} and {name!r} share a random stream id; rename one")
        seen[key] = name


def _owner(source: str, strategy: str, group: str | None) -> int:
    if source == "strategy":
        return strategy_owner_id(strategy)
    if source == "group":
        assert group is not None
        return group_owner_id(group)
    return 0  # the base's draw (or a fixed number, which draws nothing)


def _inputs(values: dict[str, np.ndarray], discount: np.ndarray) -> StrategyInputs:
    # Whole clients: draws are rounded half up (DESIGN.md §2).
    cohort = np.floor(values["cohort_size"] + 0.5)
    # Levelling relapse has no time off benefit: that input is then absent (None).
    return StrategyInputs(
        **{"time_out_of_benefits_years": None, **values, "cohort_size": cohort, "discount_rate": discount}  # type: ignore[arg-type]
    )


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
            rng = _generator(seed, block, _STREAM_PARAMETERS, PARAMETER_STREAMS[param])
            uniforms[param] = np.clip(rng.random(n), OPEN_ZERO, OPEN_ONE)
        return uniforms[param]

    def draw(dist: object, param: str, owner: int, independent: bool = False) -> np.ndarray:
        if isinstance(dist, Fixed):
            return np.full(n, float(dist.value))
        key = (owner, param)
        if key not in cache:
            if independent and owner != 0:
                rng = _generator(seed, block, _STREAM_PARAMETERS, PARAMETER_STREAMS[param], owner)
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
        z = _generator(seed, block, _STREAM_COPULA).standard_normal((n, len(scenario.correlated))) @ chol.T
        for j, name in enumerate(scenario.correlated):
            # ndtr rounds to exactly 0 or 1 beyond |z| ≈ 8, where an unbounded marginal's
            # inverse CDF is infinite: keep the probability strictly inside (0, 1).
            uniforms[name] = np.clip(ndtr(z[:, j]), OPEN_ZERO, OPEN_ONE)
    discount = draw(scenario.discount_rate, "discount_rate", 0)
    out = []
    for spec in scenario.strategies:
        parts = []
        for part in spec.parts:
            independent = getattr(spec, "independent_draws", ())
            values = {
                name: draw(dist, name, _owner(part.sources[name], spec.name, part.group), name in independent)
                for name, dist in part.params.items()
            }
            parts.append((part, _inputs(values, discount)))
        out.append(parts)
    return out


def mean_inputs(scenario: Scenario) -> list[list[tuple[PartSpec, StrategyInputs]]]:
    """Deterministic mode: each parameter at its mean (one 'iteration')."""
    discount = np.array([scenario.discount_rate.mean()])
    return [
        [(part, _inputs({k: np.array([d.mean()]) for k, d in part.params.items()}, discount)) for part in spec.parts]
        for spec in scenario.strategies
    ]


def part_shape(scenario: Scenario, part: PartSpec) -> ModelShape:
    return ModelShape(scenario.horizon_months, part.intake_years, part.outflow_window_months, part.relapse_model)


def _transition_key(part: PartSpec) -> tuple[int, ...]:
    # One stream for both (coupled) arms; each group has its own, shared by every strategy
    # investing in it (paired comparisons).
    return (_STREAM_TRANSITIONS,) if part.group is None else (_STREAM_TRANSITIONS, group_owner_id(part.group))


def _strategy_flows(
    scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]], block: int | None, stream: tuple[int, ...] = ()
) -> tuple[DiscountedFlows, np.ndarray]:
    total: DiscountedFlows | None = None
    extra: np.ndarray | None = None
    for part, inputs in parts:
        rng = None if block is None else _generator(scenario.seed, block, *_transition_key(part), *stream)
        shape = part_shape(scenario, part)
        counts = simulate_counts(inputs, shape, rng)
        flows = discounted_flows(counts, inputs, shape)
        last = counts.programme[-1] - counts.counterfactual[-1]
        total = flows if total is None else total.plus(flows)
        extra = last if extra is None else extra + last
    assert total is not None and extra is not None
    return total, extra


def _expected_nets(scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]]) -> tuple[np.ndarray, np.ndarray]:
    """E[net | θ] per iteration: the deterministic model at each iteration's parameters.
    Without uncertain parameters every iteration has the same θ: evaluate it once."""
    n = parts[0][1].n
    constant = all(
        value is None or np.all(value == value[0]) for _, inputs in parts for value in vars(inputs).values()
    )
    if constant:
        one = [(part, StrategyInputs(**{k: None if v is None else v[:1] for k, v in vars(inputs).items()})) for part, inputs in parts]  # type: ignore[arg-type]
        res = per_iteration(*_strategy_flows(scenario, one, None))
        return np.full(n, res.net_savings[0]), np.full(n, res.societal_net[0])
    res = per_iteration(*_strategy_flows(scenario, parts, None))
    return res.net_savings, res.societal_net


def _simulate_strategy(
    scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]], block: int | None, stream: tuple[int, ...] = ()
) -> tuple[IterationResults, np.ndarray]:
    """One strategy's per-iteration results and its cumulative net cash flow per month.

    Beside the simulated (budget-risk) figures it evaluates the deterministic model at each
    iteration's parameters: E[net | θ], the decision figure (DESIGN.md §7).
    """
    total, extra = _strategy_flows(scenario, parts, block, stream)
    results = per_iteration(total, extra)
    if block is None:
        expected_net, expected_societal = results.net_savings, results.societal_net
    else:
        expected_net, expected_societal = _expected_nets(scenario, parts)
    results = replace(results, expected_net=expected_net, expected_societal_net=expected_societal)
    return results, total.cumulative_net


@dataclass(frozen=True)
class BlockOutput:
    """What one block hands back: per-strategy results, and optionally each strategy's
    parameter draws (of its first part) and cumulative net cash flow per month."""

    results: list[IterationResults]
    parameters: list[dict[str, np.ndarray]] | None = None
    monthly: list[np.ndarray] | None = None  # each (months, iterations)


def _variant_block(scenario: Scenario, block: int, keep_parameters: bool, keep_monthly: bool) -> BlockOutput:
    """A block of a scenario with variants: each iteration simulated under the variant it drew.
    Kept parameters are those of the iteration's own variant (NaN where its variant has none)."""
    index = variant_index(scenario, block, BLOCK_SIZE)
    results = [IterationResults.empty(BLOCK_SIZE, scenario.horizon_years) for _ in scenario.strategies]
    monthly = [np.zeros((scenario.horizon_months, BLOCK_SIZE)) for _ in scenario.strategies] if keep_monthly else None
    params: list[dict[str, np.ndarray]] | None = None
    if keep_parameters:
        # Every block carries the same keys: the union over the variants, NaN where absent.
        params = [
            {k: np.full(BLOCK_SIZE, np.nan) for v in scenario.variants for k in [*v.scenario.strategies[s].parts[0].params, "discount_rate"]}
            for s in range(len(scenario.strategies))
        ]
    for v, variant in enumerate(scenario.variants):
        mask = index == v
        if not mask.any():
            continue
        for s, parts in enumerate(block_inputs(variant.scenario, block, BLOCK_SIZE)):
            sub = [(part, subset(inputs, mask)) for part, inputs in parts]
            res, cumulative = _simulate_strategy(variant.scenario, sub, block, stream=(_STREAM_VARIANT_TRANSITIONS, v))
            scatter(results[s], mask, res)
            if monthly is not None:
                monthly[s][:, mask] = cumulative
            if params is not None:
                first_part, first_inputs = parts[0]
                for k in [*first_part.params, "discount_rate"]:
                    params[s][k][mask] = getattr(first_inputs, k)[mask]
    return BlockOutput([with_variant(r, index) for r in results], params, monthly)


def simulate_block(scenario: Scenario, block: int, keep_parameters: bool = False, keep_monthly: bool = False) -> BlockOutput:
    """All :data:`BLOCK_SIZE` iterations of block ``block``, one result per strategy."""
    if scenario.variants:
        return _variant_block(scenario, block, keep_parameters, keep_monthly)
    inputs = block_inputs(scenario, block, BLOCK_SIZE)
    done = [_simulate_strategy(scenario, parts, block) for parts in inputs]
    params = None
    if keep_parameters:
        params = [{k: getattr(parts[0][1], k) for k in parts[0][0].params} | {"discount_rate": parts[0][1].discount_rate} for parts in inputs]
    return BlockOutput([r for r, _ in done], params, [m for _, m in done] if keep_monthly else None)


class BlockCombiner:
    """Collects the blocks of one run, arriving in any order (from any executor), and puts
    them into the run in block order, so the result never depends on completion order."""

    def __init__(self, scenario: Scenario, n_iter: int, keep_parameters: bool = False, keep_monthly: bool = False) -> None:
        self.scenario, self.n_iter = scenario, n_iter
        self.n_blocks = math.ceil(n_iter / BLOCK_SIZE)
        self.per_strategy = [IterationResults.empty(n_iter, scenario.horizon_years) for _ in scenario.strategies]
        self.kept: list[dict[str, np.ndarray]] | None = [] if keep_parameters else None
        self.monthly = [np.empty((scenario.horizon_months, n_iter)) for _ in scenario.strategies] if keep_monthly else None
        self._pending: dict[int, BlockOutput] = {}
        self._next = 0

    @property
    def complete(self) -> bool:
        return self._next == self.n_blocks

    def add(self, block: int, out: BlockOutput) -> None:
        """Take block ``block``; blocks are combined as soon as all earlier ones are in."""
        if not 0 <= block < self.n_blocks or block < self._next or block in self._pending:
            raise ValueError(f"block {block} is outside 0..{self.n_blocks - 1} or was given twice")
        self._pending[block] = out
        while self._next in self._pending:
            self._put(self._next, self._pending.pop(self._next))
            self._next += 1

    def _put(self, block: int, out: BlockOutput) -> None:
        start = block * BLOCK_SIZE
        count = min(BLOCK_SIZE, self.n_iter - start)
        for target, part in zip(self.per_strategy, out.results):
            target.put(start, part)
        if self.kept is not None and out.parameters is not None:
            if not self.kept:
                self.kept.extend({k: np.empty(self.n_iter) for k in p} for p in out.parameters)
            for target_params, block_params in zip(self.kept, out.parameters):
                for k, v in block_params.items():
                    target_params[k][start : start + count] = v[:count]
        if self.monthly is not None and out.monthly is not None:
            for target_m, block_m in zip(self.monthly, out.monthly):
                target_m[:, start : start + count] = block_m[:, :count]

    def result(self) -> RunResult:
        """The finished run (every block must have been added)."""
        if not self.complete:
            raise ValueError(f"blocks {self._next}..{self.n_blocks - 1} of the run are missing")
        return _result(self.scenario, self.n_iter, False, self.per_strategy, self.kept, self.monthly)


def _run_blocks(
    scenario: Scenario, combiner: BlockCombiner, workers: int, progress: ProgressCallback | None,
    executor: Executor | None = None,
) -> None:
    """Simulate every block of ``combiner``'s run, serially, on a process pool of ``workers``
    or on ``executor`` (any ``concurrent.futures.Executor``, e.g. a Dask client's)."""
    n_blocks, keep_p, keep_m = combiner.n_blocks, combiner.kept is not None, combiner.monthly is not None
    if executor is None and (workers <= 1 or n_blocks <= 1):
        for b in range(n_blocks):
            combiner.add(b, simulate_block(scenario, b, keep_p, keep_m))
            if progress:
                progress(b + 1, n_blocks)
        return
    if executor is not None:
        _blocks_on(executor, scenario, combiner, 2 * max(workers, 2), progress)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork shares the already-imported modules with the workers; where fork is not
    # available the default start method is used.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, n_blocks), mp_context=ctx) as pool:
        _blocks_on(pool, scenario, combiner, 2 * workers, progress)


def _blocks_on(
    executor: Executor, scenario: Scenario, combiner: BlockCombiner, window: int, progress: ProgressCallback | None
) -> None:
    # A bounded window of submitted blocks, so finished results never pile up in memory.
    from concurrent.futures import FIRST_COMPLETED, wait

    keep_p, keep_m = combiner.kept is not None, combiner.monthly is not None
    todo = iter(range(combiner.n_blocks))
    running = {}
    done = 0
    for b in todo:
        running[executor.submit(simulate_block, scenario, b, keep_p, keep_m)] = b
        if len(running) >= window:
            break
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in finished:
            combiner.add(running.pop(fut), fut.result())
            done += 1
            if progress:
                progress(done, combiner.n_blocks)
            nxt = next(todo, None)
            if nxt is not None:
                running[executor.submit(simulate_block, scenario, nxt, keep_p, keep_m)] = nxt


def tune_allocator() -> bool:
    """Keep freed block-sized buffers in the process instead of returning them to the OS.

    Each block allocates a few (months × 4,096) arrays; glibc hands such arrays back to the
    system when freed and page-faults them in again for the next block, which costs about
    10% of a run (docs/performance.md#memory). Raising the mmap and trim thresholds
    (the in-process form of ``MALLOC_MMAP_THRESHOLD_``/``MALLOC_TRIM_THRESHOLD_``) avoids
    that. Called by the CLI, which owns the process; a no-op where glibc is absent.
    Returns whether the setting was applied.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(name)
        m_trim_threshold, m_mmap_threshold = -1, -3
        ok = libc.mallopt(m_mmap_threshold, 32 * 1024 * 1024) == 1
        return bool(libc.mallopt(m_trim_threshold, 256 * 1024 * 1024) == 1 and ok)
    except (OSError, AttributeError):
        return False


def default_workers() -> int:
    """The number of processes used when ``--workers`` is not given: 1 (see README)."""
    return 1


def run(
    scenario: Scenario,
    *,
    iterations: int | None = None,
    seed: int | None = None,
    deterministic: bool = False,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    keep_parameters: bool = False,
    keep_monthly: bool = False,
    executor: Executor | None = None,
) -> RunResult:
    """Simulate every strategy of ``scenario`` and summarise the results.

    ``iterations`` and ``seed`` override the scenario's own. Blocks run on ``executor``
    when one is given (any ``concurrent.futures.Executor``), else on a process pool of
    ``workers``. Results are identical either way (see the module docstring).
    """
    if seed is not None:
        scenario = _with(scenario, seed=seed)
    n_iter = scenario.iterations if iterations is None else iterations
    if n_iter < 1:
        raise ValueError("iterations must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    check_stream_ids(scenario)
    if deterministic:
        done, by_variant = _deterministic(scenario)
        monthly = [m for _, m in done] if keep_monthly else None
        return _result(scenario, 1, True, [r for r, _ in done], None, monthly, by_variant)
    combiner = BlockCombiner(scenario, n_iter, keep_parameters, keep_monthly)
    _run_blocks(scenario, combiner, workers, progress, executor)
    return combiner.result()


def _result(
    scenario: Scenario, n_iter: int, deterministic: bool, per_strategy: list[IterationResults],
    kept: list[dict[str, np.ndarray]] | None, monthly: list[np.ndarray] | None,
    by_variant: list[list[IterationResults]] | None = None,
) -> RunResult:
    discount = scenario.discount_rate
    settings = RunSettings(
        iterations=n_iter,
        seed=scenario.seed,
        deterministic=deterministic,
        horizon_years=scenario.horizon_years,
        discount_rate=float(discount.value) if isinstance(discount, Fixed) else discount.model_dump(by_alias=True, exclude_none=True),
    )
    names = [spec.name for spec in scenario.strategies]
    return RunResult(
        scenario=scenario,
        settings=settings,
        strategies=_summaries(scenario, per_strategy, by_variant),
        iterations=dict(zip(names, per_strategy)),
        parameters=None if kept is None or deterministic else dict(zip(names, kept)),
        monthly_cumulative_net=None if monthly is None else dict(zip(names, monthly)),
    )


def _deterministic(scenario: Scenario) -> tuple[list[tuple[IterationResults, np.ndarray]], list[list[IterationResults]] | None]:
    """Each parameter at its mean; with variants, each variant at its means and the figures
    of their weighted average (DESIGN.md §8), plus each variant's own results."""
    if not scenario.variants:
        return [_simulate_strategy(scenario, parts, None) for parts in mean_inputs(scenario)], None
    total_weight = sum(v.weight for v in scenario.variants)
    flows = [[_strategy_flows(v.scenario, parts, None) for parts in mean_inputs(v.scenario)] for v in scenario.variants]
    done = []
    for s in range(len(scenario.strategies)):
        average, extra = None, None
        for v, variant in enumerate(scenario.variants):
            f, e = flows[v][s]
            share = variant.weight / total_weight
            average = f.scaled(share) if average is None else average.plus(f.scaled(share))
            extra = e * share if extra is None else extra + e * share
        assert average is not None and extra is not None
        res = per_iteration(average, extra)
        done.append((replace(res, expected_net=res.net_savings, expected_societal_net=res.societal_net), average.cumulative_net))
    own = [[_expected_filled(per_iteration(*flows[v][s])) for v in range(len(scenario.variants))] for s in range(len(scenario.strategies))]
    return done, own


def _expected_filled(res: IterationResults) -> IterationResults:
    return replace(res, expected_net=res.net_savings, expected_societal_net=res.societal_net)


def _summaries(
    scenario: Scenario, per_strategy: list[IterationResults], by_variant: list[list[IterationResults]] | None
) -> tuple[StrategySummary, ...]:
    """Per-strategy summaries; with variants also each variant's, from the iterations that
    drew it (or, deterministic, from its own evaluation at the means)."""
    out = []
    for s, (spec, res) in enumerate(zip(scenario.strategies, per_strategy)):
        summary = summarize_strategy(spec.name, res)
        if scenario.variants:
            own = []
            for v, variant in enumerate(scenario.variants):
                if by_variant is not None:
                    part = by_variant[s][v]
                else:
                    assert res.variant is not None
                    mask = res.variant == v
                    if not mask.any():
                        continue
                    part = IterationResults(**{k: None if a is None else a[mask] for k, a in vars(res).items()})  # type: ignore[arg-type]
                own.append((variant.name, summarize_strategy(spec.name, part)))
            summary = replace(summary, by_variant=tuple(own))
        out.append(summary)
    return tuple(out)


def _with(scenario: Scenario, **changes: object) -> Scenario:
    from dataclasses import replace

    return replace(scenario, **changes)  # type: ignore[arg-type]


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def evaluate_deterministic(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None = None, n: int = 1
) -> dict[str, IterationResults]:
    """The deterministic model (expected flows) for ``n`` parameter sets at once.

    Every parameter is at its mean, except those in ``overrides`` (a number, or an array
    of ``n`` values), which replace the parameter in every part of every strategy. This
    is the model as a vectorised function of its parameters: break-even search, tornado
    diagrams and Sobol indices evaluate it many times.
    """
    unknown = [k for k in (overrides or {}) if k not in PARAMETER_STREAMS]
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r}; allowed: {', '.join(PARAMETER_STREAMS)}")
    if scenario.variants:
        return _evaluate_variants(scenario, overrides, n)
    return {name: _expected_filled(per_iteration(f, e)) for name, (f, e) in evaluate_flows(scenario, overrides, n).items()}


def _evaluate_variants(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None, n: int
) -> dict[str, IterationResults]:
    """:func:`evaluate_deterministic` of a scenario with variants: the weighted average of
    the variants' expected flows (DESIGN.md §8), for each parameter set."""
    total = sum(v.weight for v in scenario.variants)
    flows: dict[str, tuple[DiscountedFlows, np.ndarray]] = {}
    for variant in scenario.variants:
        one = evaluate_flows(variant.scenario, overrides, n)
        for name, (f, e) in one.items():
            share = variant.weight / total
            if name in flows:
                flows[name] = (flows[name][0].plus(f.scaled(share)), flows[name][1] + e * share)
            else:
                flows[name] = (f.scaled(share), e * share)
    return {name: _expected_filled(per_iteration(f, e)) for name, (f, e) in flows.items()}


def evaluate_flows(
    scenario: Scenario, overrides: Mapping[str, np.ndarray | float] | None = None, n: int = 1
) -> dict[str, tuple[DiscountedFlows, np.ndarray]]:
    """The expected flows behind :func:`evaluate_deterministic` (one scenario, no variants)."""
    overrides = dict(overrides or {})
    discount = np.broadcast_to(np.asarray(overrides.pop("discount_rate", scenario.discount_rate.mean()), dtype=float), (n,)).copy()
    out = {}
    for spec in scenario.strategies:
        parts = []
        for part in spec.parts:
            values = {k: np.full(n, d.mean()) for k, d in part.params.items()}
            for k, v in overrides.items():
                values[k] = np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy()
            parts.append((part, _inputs(values, discount)))
        out[spec.name] = _strategy_flows(scenario, parts, None)
    return out


#: `--iterations auto`: the standard error of mean net savings sought, as a share of the
#: money at stake (the mean investment), when no target is given.
DEFAULT_RELATIVE_SE = 0.005
#: ... and in euros when nothing is invested.
DEFAULT_ABSOLUTE_SE = 1_000.0


def default_target_se(result: RunResult) -> float:
    """0.5% of the largest mean investment of the strategies (EUR 1,000 if none invests)."""
    stake = max((st.metrics["investment"].mean for st in result.strategies if st.metrics["investment"]), default=0.0)
    return DEFAULT_RELATIVE_SE * stake if stake > 0 else DEFAULT_ABSOLUTE_SE


def largest_se(result: RunResult) -> float:
    """The largest standard error of mean net savings over the strategies."""
    return max(st.metrics["net_savings"].se for st in result.strategies if st.metrics["net_savings"])


def run_to_precision(
    scenario: Scenario,
    *,
    target_se: float | None = None,
    max_iterations: int,
    seed: int | None = None,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> tuple[RunResult, float, bool]:
    """`--iterations auto`: double the iterations, in whole seed blocks, until the standard
    error of mean net savings of every strategy is at most ``target_se`` (default
    :func:`default_target_se`), or ``max_iterations`` is reached.

    The result is exactly the run with the final iteration count (the same seed gives the
    same numbers), so a council document can quote that count. Returns the result, the
    target used and whether it was met.
    """
    n = BLOCK_SIZE
    while True:
        result = run(scenario, iterations=n, seed=seed, workers=workers, progress=progress)
        target = default_target_se(result) if target_se is None else target_se
        if largest_se(result) <= target:
            return result, target, True
        if n >= max_iterations:
            return result, target, False
        n = min(2 * n, max_iterations)


def precision_warnings(result: RunResult, relative: float = 0.05) -> list[str]:
    """Strategies whose mean net savings are uncertain by more than ``relative`` of the mean
    because of the simulation itself (its standard error), as sentences."""
    if result.settings.deterministic:
        return []
    out = []
    for st in result.strategies:
        net = st.metrics["net_savings"]
        if net is None or net.se == 0:
            continue
        if abs(net.mean) == 0 or net.se > relative * abs(net.mean):
            share = "" if net.mean == 0 else f" ({net.se / abs(net.mean):.0%} of the mean)"
            out.append(
                f"the Monte Carlo standard error of mean net savings of '{st.name}' is EUR {net.se:,.0f}{share}; "
                "run more iterations (--iterations auto) before quoting it"
            )
    return out
