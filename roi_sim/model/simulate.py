"""Running a scenario: parameter draws, fixed seed blocks, workers, summaries.

Reproducibility contract (docs/contracts.md#reproducibility):

* Iterations are cut into blocks of :data:`BLOCK_SIZE`. Block ``b`` always simulates all
  its iterations (the last one too), and a run of N iterations keeps the first N. So a run
  of N equals the first N of a longer run, and results do not depend on ``--workers``.
* Every random stream of block ``b`` is a child of ``SeedSequence(seed, spawn_key=(b,))``:
  ``spawn_key=(b, 0, p, owner)`` draws parameter ``p`` (ids in :data:`PARAMETER_STREAMS`)
  for the base (``owner`` 0) or for a strategy that overrides it (``owner`` = CRC-32 of
  the strategy's name, or ``2**33`` + CRC-32 of a group's name for a group's own draw);
  ``spawn_key=(b, 1, arm)`` draws the transitions of the programme (arm 0) and
  counterfactual (arm 1) arms, shared by all strategies, and ``(b, 1, arm, group id)``
  those of a group; ``spawn_key=(b, 2)`` draws the normals of the Gaussian copula when
  the scenario correlates parameters.
* A strategy that inherits a parameter uses the base's draw (common random numbers), and
  all strategies share the transition streams, so comparisons are paired. A strategy's
  numbers depend on its own name and settings, not on the other strategies in the file.

Changing the block size or the stream layout changes results: it is a breaking change.
"""

from __future__ import annotations

import math
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from roi_sim.model.engine import DiscountedFlows, ModelShape, StrategyInputs, discounted_flows, simulate_counts
from roi_sim.model.metrics import IterationResults, StrategySummary, per_iteration, summarize_strategy
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
#: Stream owners of a group's own parameter draws start here (strategies use CRC-32 + 1).
GROUP_OWNER_OFFSET = 2**33
_STREAM_PARAMETERS = 0
_STREAM_TRANSITIONS = 1
_STREAM_COPULA = 2

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


def strategy_owner_id(name: str) -> int:
    """Stable stream id of a strategy's own parameter draws."""
    return zlib.crc32(name.encode("utf-8")) + 1


def group_owner_id(name: str) -> int:
    """Stable stream id of a group's own parameter draws (and of its transitions)."""
    return GROUP_OWNER_OFFSET + zlib.crc32(name.encode("utf-8"))


def _owner(source: str, strategy: str, group: str | None) -> int:
    if source == "strategy":
        return strategy_owner_id(strategy)
    if source == "group":
        assert group is not None
        return group_owner_id(group)
    return 0  # the base's draw (or a fixed number, which draws nothing)


def _inputs(values: dict[str, np.ndarray], discount: np.ndarray) -> StrategyInputs:
    # Whole clients: draws are rounded half up (docs/scenario-reference.md).
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

    def draw(dist: object, param: str, owner: int) -> np.ndarray:
        if isinstance(dist, Fixed):
            return np.full(n, float(dist.value))
        key = (owner, param)
        if key not in cache:
            rng = _generator(seed, block, _STREAM_PARAMETERS, PARAMETER_STREAMS[param], owner)
            cache[key] = dist.sample(rng, n)  # type: ignore[attr-defined]
        return cache[key]

    if scenario.correlated:
        # Gaussian copula: correlated standard normals, through the normal CDF to uniforms,
        # through each parameter's own inverse CDF — so every marginal is unchanged.
        from scipy.special import ndtr

        top = {**scenario.base_params, "discount_rate": scenario.discount_rate}
        chol = np.linalg.cholesky(np.array(scenario.copula_matrix))
        z = _generator(seed, block, _STREAM_COPULA).standard_normal((n, len(scenario.correlated))) @ chol.T
        for j, name in enumerate(scenario.correlated):
            # ndtr rounds to exactly 0 or 1 beyond |z| ≈ 8, where an unbounded marginal's
            # inverse CDF is infinite: keep the probability strictly inside (0, 1).
            u = np.clip(ndtr(z[:, j]), OPEN_ZERO, OPEN_ONE)
            cache[(0, name)] = top[name].ppf(u)
    discount = draw(scenario.discount_rate, "discount_rate", 0)
    out = []
    for spec in scenario.strategies:
        parts = []
        for part in spec.parts:
            values = {
                name: draw(dist, name, _owner(part.sources[name], spec.name, part.group)) for name, dist in part.params.items()
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


def _transition_key(part: PartSpec, arm: int) -> tuple[int, ...]:
    # Parts without a group keep the original layout (b, 1, arm); each group has its own
    # streams, shared by every strategy investing in it (paired comparisons).
    return (_STREAM_TRANSITIONS, arm) if part.group is None else (_STREAM_TRANSITIONS, arm, group_owner_id(part.group))


def _simulate_strategy(
    scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]], block: int | None
) -> tuple[IterationResults, np.ndarray]:
    """One strategy's per-iteration results and its cumulative net cash flow per month."""
    total: DiscountedFlows | None = None
    extra: np.ndarray | None = None
    for part, inputs in parts:
        if block is None:
            rng_p = rng_c = None
        else:
            rng_p = _generator(scenario.seed, block, *_transition_key(part, 0))
            rng_c = _generator(scenario.seed, block, *_transition_key(part, 1))
        shape = part_shape(scenario, part)
        counts = simulate_counts(inputs, shape, rng_p, rng_c)
        flows = discounted_flows(counts, inputs, shape)
        last = counts.programme[-1] - counts.counterfactual[-1]
        total = flows if total is None else total.plus(flows)
        extra = last if extra is None else extra + last
    assert total is not None and extra is not None
    return per_iteration(total, extra), total.cumulative_net


@dataclass(frozen=True)
class BlockOutput:
    """What one block hands back: per-strategy results, and optionally each strategy's
    parameter draws (of its first part) and cumulative net cash flow per month."""

    results: list[IterationResults]
    parameters: list[dict[str, np.ndarray]] | None = None
    monthly: list[np.ndarray] | None = None  # each (months, iterations)


def simulate_block(scenario: Scenario, block: int, keep_parameters: bool = False, keep_monthly: bool = False) -> BlockOutput:
    """All :data:`BLOCK_SIZE` iterations of block ``block``, one result per strategy."""
    inputs = block_inputs(scenario, block, BLOCK_SIZE)
    done = [_simulate_strategy(scenario, parts, block) for parts in inputs]
    params = None
    if keep_parameters:
        params = [{k: getattr(parts[0][1], k) for k in parts[0][0].params} | {"discount_rate": parts[0][1].discount_rate} for parts in inputs]
    return BlockOutput([r for r, _ in done], params, [m for _, m in done] if keep_monthly else None)


def _run_blocks(
    scenario: Scenario, n_blocks: int, workers: int, consume: Callable[[int, BlockOutput], None],
    progress: ProgressCallback | None, keep_parameters: bool = False, keep_monthly: bool = False,
) -> None:
    """Simulate blocks ``0 … n_blocks−1`` and hand each to ``consume`` in block order."""
    if workers <= 1 or n_blocks <= 1:
        for b in range(n_blocks):
            consume(b, simulate_block(scenario, b, keep_parameters, keep_monthly))
            if progress:
                progress(b + 1, n_blocks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork shares the already-imported modules with the workers; where fork is not
    # available the default start method is used.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, n_blocks), mp_context=ctx) as pool:
        # Submit a bounded window of blocks so finished results never pile up in memory.
        window = 2 * workers
        futures = {b: pool.submit(simulate_block, scenario, b, keep_parameters, keep_monthly) for b in range(min(window, n_blocks))}
        for b in range(n_blocks):
            result = futures.pop(b).result()
            nxt = b + window
            if nxt < n_blocks:
                futures[nxt] = pool.submit(simulate_block, scenario, nxt, keep_parameters, keep_monthly)
            consume(b, result)
            if progress:
                progress(b + 1, n_blocks)


def tune_allocator() -> bool:
    """Keep freed block-sized buffers in the process instead of returning them to the OS.

    Each block allocates a few (months × 4,096) arrays; glibc hands such arrays back to the
    system when freed and page-faults them in again for the next block, which costs about
    10% of a run (README.md#memory, measured). Raising the mmap and trim thresholds
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
) -> RunResult:
    """Simulate every strategy of ``scenario`` and summarise the results.

    ``iterations`` and ``seed`` override the scenario's own. Results are identical for any
    ``workers`` (see the module docstring).
    """
    if seed is not None:
        scenario = _with(scenario, seed=seed)
    n_iter = scenario.iterations if iterations is None else iterations
    if n_iter < 1:
        raise ValueError("iterations must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    kept: list[dict[str, np.ndarray]] | None = None
    monthly = None
    if deterministic:
        done = [_simulate_strategy(scenario, parts, None) for parts in mean_inputs(scenario)]
        per_strategy = [r for r, _ in done]
        monthly = [m for _, m in done] if keep_monthly else None
        n_iter = 1
    else:
        n_blocks = math.ceil(n_iter / BLOCK_SIZE)
        per_strategy = [IterationResults.empty(n_iter, scenario.horizon_years) for _ in scenario.strategies]
        kept = [] if keep_parameters else None

        monthly = [np.empty((scenario.horizon_months, n_iter)) for _ in scenario.strategies] if keep_monthly else None

        def consume(block: int, out: BlockOutput) -> None:
            start = block * BLOCK_SIZE
            count = min(BLOCK_SIZE, n_iter - start)
            for target, part in zip(per_strategy, out.results):
                target.put(start, part)
            if kept is not None and out.parameters is not None:
                if not kept:
                    kept.extend({k: np.empty(n_iter) for k in p} for p in out.parameters)
                for target_params, block_params in zip(kept, out.parameters):
                    for k, v in block_params.items():
                        target_params[k][start : start + count] = v[:count]
            if monthly is not None and out.monthly is not None:
                for target_m, block_m in zip(monthly, out.monthly):
                    target_m[:, start : start + count] = block_m[:, :count]

        _run_blocks(scenario, n_blocks, workers, consume, progress, keep_parameters, keep_monthly)
    discount = scenario.discount_rate
    settings = RunSettings(
        iterations=n_iter,
        seed=scenario.seed,
        deterministic=deterministic,
        horizon_years=scenario.horizon_years,
        discount_rate=float(discount.value) if isinstance(discount, Fixed) else discount.model_dump(by_alias=True, exclude_none=True),
    )
    summaries = tuple(summarize_strategy(spec.name, res) for spec, res in zip(scenario.strategies, per_strategy))
    parameters = None
    if keep_parameters and not deterministic and kept is not None:
        parameters = {spec.name: p for spec, p in zip(scenario.strategies, kept)}
    return RunResult(
        scenario=scenario,
        settings=settings,
        strategies=summaries,
        iterations={spec.name: res for spec, res in zip(scenario.strategies, per_strategy)},
        parameters=parameters,
        monthly_cumulative_net=None if monthly is None else {spec.name: m for spec, m in zip(scenario.strategies, monthly)},
    )


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
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if k not in PARAMETER_STREAMS]
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r}; allowed: {', '.join(PARAMETER_STREAMS)}")
    discount = np.broadcast_to(np.asarray(overrides.pop("discount_rate", scenario.discount_rate.mean()), dtype=float), (n,)).copy()
    out = {}
    for spec in scenario.strategies:
        parts = []
        for part in spec.parts:
            values = {k: np.full(n, d.mean()) for k, d in part.params.items()}
            for k, v in overrides.items():
                values[k] = np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy()
            parts.append((part, _inputs(values, discount)))
        out[spec.name] = _simulate_strategy(scenario, parts, None)[0]
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
