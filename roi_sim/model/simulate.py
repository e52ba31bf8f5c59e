"""Running a scenario: parameter draws, fixed seed blocks, workers, summaries.

The work is done in :mod:`~roi_sim.model.draws` (streams and parameter draws),
:mod:`~roi_sim.model.blocks` (simulating and combining blocks), :mod:`~roi_sim.model.deterministic`
(the model at the means) and :mod:`~roi_sim.model.run_result` (what a run hands back); this
module is the run itself and its precision, and every name of those modules a caller uses is
importable from here.

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

import os
import sys
from collections.abc import Callable
from concurrent.futures import Executor

from roi_sim.model.blocks import (
    FAN_MAX_ITERATIONS,
    BlockCombiner,
    BlockOutput,
    ProgressCallback,
    part_shape,
    run_blocks,
    simulate_block,
)
from roi_sim.model.deterministic import deterministic_run, evaluate_deterministic, evaluate_flows
from roi_sim.model.draws import (
    BLOCK_SIZE,
    PARAMETER_STREAMS,
    block_inputs,
    check_stream_ids,
    group_owner_id,
    mean_inputs,
    strategy_owner_id,
)
from roi_sim.model.run_result import RunResult, RunSettings, run_result
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import Scenario

# Callers, tests and docs name roi_sim.model.simulate as the home of these (they lived here
# before issue 10 split the module); listing them keeps them re-exported.
__all__ = [
    "BLOCK_SIZE",
    "FAN_MAX_ITERATIONS",
    "DEFAULT_ABSOLUTE_SE",
    "DEFAULT_RELATIVE_SE",
    "PARAMETER_STREAMS",
    "BlockCombiner",
    "BlockOutput",
    "ProgressCallback",
    "RunResult",
    "RunSettings",
    "block_inputs",
    "check_stream_ids",
    "cpu_count",
    "default_target_se",
    "evaluate_deterministic",
    "evaluate_flows",
    "group_owner_id",
    "largest_se",
    "mean_inputs",
    "part_shape",
    "run",
    "run_to_precision",
    "simulate_block",
    "strategy_owner_id",
    "tune_allocator",
]


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
    meanwhile: Callable[[], None] | None = None,
) -> RunResult:
    """Simulate every strategy of ``scenario`` and summarise the results.

    ``iterations`` and ``seed`` override the scenario's own. Blocks run on ``executor``
    when one is given (any ``concurrent.futures.Executor``), else on a process pool of
    ``workers``. Results are identical either way (see the module docstring).
    ``meanwhile`` is called once, while the workers simulate (see :func:`run_blocks`).
    """
    if seed is not None:
        scenario = _with(scenario, seed=seed)
    n_iter = scenario.iterations if iterations is None else iterations
    if n_iter < 1:
        raise ValueError(Msg("iterations must be at least 1"))
    if workers < 1:
        raise ValueError(Msg("workers must be at least 1"))
    check_stream_ids(scenario)
    if deterministic:
        if meanwhile is not None:
            meanwhile()
        done, by_variant = deterministic_run(scenario)
        monthly = [m for _, m in done] if keep_monthly else None
        return run_result(scenario, 1, True, [r for r, _ in done], None, monthly, by_variant)
    combiner = BlockCombiner(scenario, n_iter, keep_parameters, keep_monthly)
    run_blocks(scenario, combiner, workers, progress, executor, meanwhile)
    return combiner.result()


def _with(scenario: Scenario, **changes: object) -> Scenario:
    from dataclasses import replace

    return replace(scenario, **changes)  # type: ignore[arg-type]


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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
    keep_monthly: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> tuple[RunResult, float, bool]:
    """`--iterations auto`: double the iterations, in whole seed blocks, until the standard
    error of mean net savings of every strategy is at most ``target_se`` (default
    :func:`default_target_se`), or ``max_iterations`` is reached.

    The result is exactly the run with the final iteration count (the same seed gives the
    same numbers), so a council document can quote that count. Returns the result, the
    target used and whether it was met. ``keep_monthly`` as for :func:`run` (each attempt keeps
    at most :data:`FAN_MAX_ITERATIONS` paths, so memory stays bounded while doubling).
    ``meanwhile`` as for :func:`run`, during the first attempt.
    """
    n = BLOCK_SIZE
    while True:
        result = run(scenario, iterations=n, seed=seed, workers=workers, progress=progress, keep_monthly=keep_monthly, meanwhile=meanwhile)
        meanwhile = None
        target = default_target_se(result) if target_se is None else target_se
        if largest_se(result) <= target:
            return result, target, True
        if n >= max_iterations:
            return result, target, False
        n = min(2 * n, max_iterations)
