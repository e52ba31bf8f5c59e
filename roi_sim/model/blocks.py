"""Simulating and combining seed blocks: one strategy's flows in a block, a whole block
(with or without variants), and the blocks of a run on one process, a process pool or any
``concurrent.futures.Executor``, put together in block order."""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace

import numpy as np

from roi_sim.model.arms import simulate_counts
from roi_sim.model.draws import (
    BLOCK_SIZE,
    STREAM_CLASS_TRANSITIONS,
    STREAM_TRANSITIONS,
    STREAM_VARIANT_TRANSITIONS,
    block_inputs,
    class_owner_id,
    generator,
    group_owner_id,
)
from roi_sim.model.engine import ModelShape, StrategyInputs
from roi_sim.model.flows import DiscountedFlows, discounted_flows
from roi_sim.model.ladder_flows import extra_off_benefit, ladder_flows
from roi_sim.model.ladder_run import simulate_ladder_part
from roi_sim.model.metrics import IterationResults, per_iteration
from roi_sim.model.run_result import RunResult, run_result
from roi_sim.model.variants import scatter, subset, variant_index, with_variant
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PartSpec, Scenario

ProgressCallback = Callable[[int, int], None]
#: The fan chart's monthly quantiles come from the first this many iterations (whole seed
#: blocks, so the subset is the same however blocks are batched or spread over workers).
#: Keeping every iteration's monthly cash flow grew past 3 GB for long horizons and many
#: iterations; this keeps it at FAN_MAX_ITERATIONS × months × 8 bytes per strategy
#: (79 MB for a 50-year horizon), while 16,384 futures put each band within a fraction of a
#: percentile point of where all of them would.
FAN_MAX_ITERATIONS = 4 * BLOCK_SIZE


def part_shape(scenario: Scenario, part: PartSpec) -> ModelShape:
    return ModelShape(
        scenario.horizon_months, part.intake_years, part.outflow_window_months, part.relapse_model,
        effect_profile=part.effect_profile,
        baseline_by_duration=part.baseline_by_duration,
        years_on_benefit_at_intake=part.years_on_benefit_at_intake,
    )


def _transition_key(part: PartSpec) -> tuple[int, ...]:
    # One stream for both (coupled) arms; each group has its own, shared by every strategy
    # investing in it (paired comparisons); each class its own within that, shared in the
    # same way by every strategy with a class of that name.
    key = (STREAM_TRANSITIONS,) if part.group is None else (STREAM_TRANSITIONS, group_owner_id(part.group))
    if part.class_name is not None:
        key = (*key, STREAM_CLASS_TRANSITIONS, class_owner_id("", part.group, part.class_name))
    return key


def strategy_flows(
    scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]], block: int | None, stream: tuple[int, ...] = ()
) -> tuple[DiscountedFlows, np.ndarray]:
    total: DiscountedFlows | None = None
    extra: np.ndarray | None = None
    for part, inputs in parts:
        rng = None if block is None else generator(scenario.seed, block, *_transition_key(part), *stream)
        shape = part_shape(scenario, part)
        if part.ladder is not None:
            occupancy = simulate_ladder_part(part.ladder, inputs, shape, rng)
            flows = ladder_flows(occupancy, part.ladder, inputs, shape, part.lks_refund)
            last = extra_off_benefit(occupancy, part.ladder, inputs)
        else:
            counts = simulate_counts(inputs, shape, rng)
            flows = discounted_flows(counts, inputs, shape, part.lks_refund)
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
        res = per_iteration(*strategy_flows(scenario, one, None))
        return np.full(n, res.net_savings[0]), np.full(n, res.societal_net[0])
    res = per_iteration(*strategy_flows(scenario, parts, None))
    return res.net_savings, res.societal_net


def simulate_strategy(
    scenario: Scenario, parts: list[tuple[PartSpec, StrategyInputs]], block: int | None, stream: tuple[int, ...] = ()
) -> tuple[IterationResults, np.ndarray]:
    """One strategy's per-iteration results and its cumulative net cash flow per month.

    Beside the simulated (budget-risk) figures it evaluates the deterministic model at each
    iteration's parameters: E[net | θ], the decision figure (DESIGN.md §7).
    """
    total, extra = strategy_flows(scenario, parts, block, stream)
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


def _variant_block(scenario: Scenario, block: int, keep_parameters: bool, keep_monthly: bool, chosen: tuple[int, ...]) -> BlockOutput:
    """A block of a scenario with variants: each iteration simulated under the variant it drew.
    Kept parameters are those of the iteration's own variant (NaN where its variant has none)."""
    index = variant_index(scenario, block, BLOCK_SIZE)
    results = [IterationResults.empty(BLOCK_SIZE, scenario.horizon_years) for _ in chosen]
    monthly = [np.zeros((scenario.horizon_months, BLOCK_SIZE)) for _ in chosen] if keep_monthly else None
    params: list[dict[str, np.ndarray]] | None = None
    if keep_parameters:
        # Every block carries the same keys: the union over the variants, NaN where absent.
        params = [
            {k: np.full(BLOCK_SIZE, np.nan) for v in scenario.variants for k in [*v.scenario.strategies[s].parts[0].params, "discount_rate"]}
            for s in chosen
        ]
    for v, variant in enumerate(scenario.variants):
        mask = index == v
        if not mask.any():
            continue
        every = block_inputs(variant.scenario, block, BLOCK_SIZE)
        for s, parts in enumerate(every[c] for c in chosen):
            sub = [(part, subset(inputs, mask)) for part, inputs in parts]
            res, cumulative = simulate_strategy(variant.scenario, sub, block, stream=(STREAM_VARIANT_TRANSITIONS, v))
            scatter(results[s], mask, res)
            if monthly is not None:
                monthly[s][:, mask] = cumulative
            if params is not None:
                first_part, first_inputs = parts[0]
                for k in [*first_part.params, "discount_rate"]:
                    params[s][k][mask] = getattr(first_inputs, k)[mask]
    return BlockOutput([with_variant(r, index) for r in results], params, monthly)


def simulate_block(
    scenario: Scenario, block: int, keep_parameters: bool = False, keep_monthly: bool = False, strategies: tuple[int, ...] | None = None,
) -> BlockOutput:
    """All :data:`BLOCK_SIZE` iterations of block ``block``, one result per strategy — or per
    strategy of ``strategies`` (indices, in that order). Every strategy's parameters are drawn
    as in the whole block and each strategy's moves have their own streams, so a strategy's
    numbers do not depend on which others are simulated with it (the process pool splits a
    block by strategy)."""
    chosen = tuple(range(len(scenario.strategies))) if strategies is None else strategies
    if scenario.variants:
        return _variant_block(scenario, block, keep_parameters, keep_monthly, chosen)
    every = block_inputs(scenario, block, BLOCK_SIZE)
    inputs = [every[c] for c in chosen]
    done = [simulate_strategy(scenario, parts, block) for parts in inputs]
    params = None
    if keep_parameters:
        params = [
            {k: getattr(parts[0][1], k) for k in parts[0][0].params} | _ladder_draws(*parts[0]) | {"discount_rate": parts[0][1].discount_rate}
            for parts in inputs
        ]
    return BlockOutput([r for r, _ in done], params, [m for _, m in done] if keep_monthly else None)


def _ladder_draws(part: PartSpec, inputs: StrategyInputs) -> dict[str, np.ndarray]:
    """A ladder part's rates by name (DESIGN.md §10), for the kept parameters (voi)."""
    if part.ladder is None or inputs.ladder_rates is None:
        return {}
    return {name: inputs.ladder_rates[:, c] for c, (name, _, _) in enumerate(part.ladder.rate_parameters())}


class BlockCombiner:
    """Collects the blocks of one run, arriving in any order (from any executor), and puts
    them into the run in block order, so the result never depends on completion order."""

    def __init__(self, scenario: Scenario, n_iter: int, keep_parameters: bool = False, keep_monthly: bool = False) -> None:
        self.scenario, self.n_iter = scenario, n_iter
        self.n_blocks = math.ceil(n_iter / BLOCK_SIZE)
        self.per_strategy = [IterationResults.empty(n_iter, scenario.horizon_years) for _ in scenario.strategies]
        self.kept: list[dict[str, np.ndarray]] | None = [] if keep_parameters else None
        kept_months = min(n_iter, FAN_MAX_ITERATIONS)
        self.monthly = [np.empty((scenario.horizon_months, kept_months)) for _ in scenario.strategies] if keep_monthly else None
        self._pending: dict[int, BlockOutput] = {}
        self._next = 0

    @property
    def complete(self) -> bool:
        return self._next == self.n_blocks

    def keeps_monthly(self, block: int) -> bool:
        """Whether block ``block`` must hand back its monthly cash flow (the fan's blocks only)."""
        return self.monthly is not None and block * BLOCK_SIZE < FAN_MAX_ITERATIONS

    def add(self, block: int, out: BlockOutput) -> None:
        """Take block ``block``; blocks are combined as soon as all earlier ones are in."""
        if not 0 <= block < self.n_blocks or block < self._next or block in self._pending:
            raise ValueError(Msg("block {block} is outside 0..{n_blocks} or was given twice", block=block, n_blocks=self.n_blocks - 1))
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
        if self.monthly is not None and out.monthly is not None and self.keeps_monthly(block):
            fan_count = min(count, self.monthly[0].shape[1] - start)
            for target_m, block_m in zip(self.monthly, out.monthly):
                target_m[:, start : start + fan_count] = block_m[:, :fan_count]

    def result(self) -> RunResult:
        """The finished run (every block must have been added)."""
        if not self.complete:
            raise ValueError(Msg("blocks {next}..{n_blocks} of the run are missing", next=self._next, n_blocks=self.n_blocks - 1))
        return run_result(self.scenario, self.n_iter, False, self.per_strategy, self.kept, self.monthly)


def run_blocks(
    scenario: Scenario, combiner: BlockCombiner, workers: int, progress: ProgressCallback | None,
    executor: Executor | None = None, meanwhile: Callable[[], None] | None = None,
) -> None:
    """Simulate every block of ``combiner``'s run, serially, on a process pool of ``workers``
    or on ``executor`` (any ``concurrent.futures.Executor``, e.g. a Dask client's).

    The process pool gets one task per block and strategy, so a run of one block still uses
    two cores when it has two strategies; the numbers are those of whole blocks (see
    :func:`simulate_block`). ``meanwhile`` (work of the caller's that does not need the
    result) is called once in this process: while the workers simulate, or first when
    there are none."""
    n_blocks, keep_p = combiner.n_blocks, combiner.kept is not None
    n_strategies = len(scenario.strategies)
    if executor is None and (workers <= 1 or n_blocks * n_strategies <= 1):
        if meanwhile is not None:
            meanwhile()
        for b in range(n_blocks):
            combiner.add(b, simulate_block(scenario, b, keep_p, combiner.keeps_monthly(b)))
            if progress:
                progress(b + 1, n_blocks)
        return
    if executor is not None:
        _blocks_on(executor, scenario, combiner, 2 * max(workers, 2), progress, split=False, meanwhile=meanwhile)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork shares the already-imported modules with the workers; where fork is not
    # available the default start method is used.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, n_blocks * n_strategies), mp_context=ctx) as pool:
        _blocks_on(pool, scenario, combiner, 2 * workers, progress, split=n_strategies > 1, meanwhile=meanwhile)


def _blocks_on(
    executor: Executor, scenario: Scenario, combiner: BlockCombiner, window: int, progress: ProgressCallback | None,
    split: bool = False, meanwhile: Callable[[], None] | None = None,
) -> None:
    # A bounded window of submitted tasks, so finished results never pile up in memory. A
    # task is a whole block, or (split) one strategy of a block; a block is handed to the
    # combiner once all its strategies are in.
    from concurrent.futures import FIRST_COMPLETED, wait

    keep_p = combiner.kept is not None
    n_strategies = len(scenario.strategies)
    groups: list[tuple[int, ...] | None] = [(s,) for s in range(n_strategies)] if split else [None]
    todo = iter([(b, g) for b in range(combiner.n_blocks) for g in groups])
    parts: dict[int, dict[int, BlockOutput]] = {}
    running = {}
    done = 0

    def submit(task: tuple[int, tuple[int, ...] | None]) -> None:
        b, g = task
        running[executor.submit(simulate_block, scenario, b, keep_p, combiner.keeps_monthly(b), g)] = task

    for task in todo:
        submit(task)
        if len(running) >= window:
            break
    # The workers started with the first tasks (a pool forks them then), so this process's
    # own work runs beside theirs and no fork inherits it half done.
    if meanwhile is not None:
        meanwhile()
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in finished:
            b, g = running.pop(fut)
            got = parts.setdefault(b, {})
            got[0 if g is None else g[0]] = fut.result()
            if len(got) == len(groups):
                combiner.add(b, _joined([got[k] for k in sorted(got)]))
                del parts[b]
                done += 1
                if progress:
                    progress(done, combiner.n_blocks)
            nxt = next(todo, None)
            if nxt is not None:
                submit(nxt)


def _joined(outputs: list[BlockOutput]) -> BlockOutput:
    """One block's output from its strategies' outputs, in strategy order."""
    if len(outputs) == 1:
        return outputs[0]
    params = None if outputs[0].parameters is None else [p for o in outputs for p in o.parameters or []]
    monthly = None if outputs[0].monthly is None else [m for o in outputs for m in o.monthly or []]
    return BlockOutput([r for o in outputs for r in o.results], params, monthly)
