"""Running a sweep: (row, seed block) tasks on any ``concurrent.futures.Executor``.

Every row's blocks go to whichever worker is free and come back in any order; each row's
:class:`~roi_sim.model.simulate.BlockCombiner` puts them together in block order, so a
row's JSON is byte for byte what ``roi-sim run`` prints for it, for any executor and any
number of workers. A task that fails fails its row only; the other rows finish. A worker
with another numpy or roi-sim stops the whole sweep (its numbers would differ).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from roi_sim.model.simulate import BLOCK_SIZE, BlockCombiner
from roi_sim.sweep.spec import Sweep
from roi_sim.sweep.tasks import VersionMismatch, simulate_task, unpack, versions

#: Version of the sweep JSON document (``{"schema_version", "sweep", "runs"}``).
SWEEP_SCHEMA_VERSION = 1
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Task:
    row: int
    block: int | None  # None: the row's whole deterministic run


@dataclass(frozen=True)
class Settings:
    """Run-time options applied to every row, as ``roi-sim run`` takes them."""

    iterations: int | None = None
    seed: int | None = None
    deterministic: bool = False


@dataclass(frozen=True)
class RowOutcome:
    name: str
    overrides: dict[str, Any]
    json_text: str | None
    error: str | None


class _Inline(Executor):
    """Runs each task when it is submitted: ``--workers 1`` without process overhead."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller like any executor would
            if isinstance(exc, KeyboardInterrupt):
                raise
            fut.set_exception(exc)
        return fut


def plan(sweep: Sweep, settings: Settings) -> list[Task]:
    """All tasks, row by row and block by block."""
    tasks = []
    for i, row in enumerate(sweep.rows):
        if settings.deterministic:
            tasks.append(Task(i, None))
            continue
        n = settings.iterations or row.scenario.iterations
        tasks.extend(Task(i, b) for b in range(-(-n // BLOCK_SIZE)))
    return tasks


def shard_of(tasks: list[Task], index: int, count: int) -> list[Task]:
    """Shard ``index`` (1-based) of ``count``: every ``count``-th task, so each shard gets
    a share of every large row and of the many small ones."""
    return tasks[index - 1 :: count]


def execute(
    sweep: Sweep, tasks: Iterable[Task], settings: Settings, on_done: Callable[[Task, Any], None],
    executor: Executor | None = None, workers: int = 1, progress: Progress | None = None, window: int | None = None,
) -> dict[int, str]:
    """Run ``tasks``, handing each finished one to ``on_done`` (in completion order).
    Returns the error message of each failed row (its remaining tasks are skipped)."""
    tasks = list(tasks)
    own = None
    if executor is None:
        own = _Inline() if workers <= 1 else _process_pool(workers)
    pool = executor or own
    assert pool is not None
    window = window or (4 * workers if executor is None else 256)
    expected = versions()
    errors: dict[int, str] = {}
    todo = iter(tasks)
    running: dict[Future, Task] = {}
    done = 0

    def submit_next() -> None:
        for task in todo:
            if task.row in errors:
                continue
            row = sweep.rows[task.row]
            running[pool.submit(simulate_task, row.yaml_text, row.sha256, settings.seed, task.block, expected)] = task
            return

    try:
        for _ in range(window):
            submit_next()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                task = running.pop(fut)
                exc = fut.exception()
                if isinstance(exc, VersionMismatch):
                    raise exc
                if exc is not None:
                    errors.setdefault(task.row, f"{type(exc).__name__}: {exc}")
                elif task.row not in errors:
                    on_done(task, fut.result())
                done += 1
                if progress:
                    progress(done, len(tasks))
                submit_next()
    finally:
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    return errors


def _process_pool(workers: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork" if "fork" in methods else None))


class Assembler:
    """Turns finished tasks into each row's run JSON, combining blocks in block order."""

    def __init__(self, sweep: Sweep, settings: Settings) -> None:
        self.sweep, self.settings = sweep, settings
        self.texts: dict[int, str] = {}
        self._combiners: dict[int, BlockCombiner] = {}

    def add(self, task: Task, value: Any) -> None:
        if task.block is None:
            self.texts[task.row] = value
            return
        from roi_sim.outputs.formats import to_json

        combiner = self._combiners.get(task.row)
        if combiner is None:
            scenario = self.sweep.rows[task.row].scenario
            if self.settings.seed is not None:
                scenario = replace(scenario, seed=self.settings.seed)
            combiner = self._combiners[task.row] = BlockCombiner(scenario, self.settings.iterations or scenario.iterations)
        combiner.add(task.block, unpack(value))
        if combiner.complete:
            self.texts[task.row] = to_json(combiner.result())
            del self._combiners[task.row]  # free the row's iterations as soon as it is done

    def outcomes(self, errors: dict[int, str]) -> list[RowOutcome]:
        out = []
        for i, row in enumerate(self.sweep.rows):
            error = errors.get(i)
            if error is None and i not in self.texts:
                error = "some of its blocks are missing"
            out.append(RowOutcome(row.name, row.overrides, None if error else self.texts[i], error))
        return out


def run_sweep(
    sweep: Sweep, settings: Settings = Settings(), *, executor: Executor | None = None, workers: int = 1,
    progress: Progress | None = None, window: int | None = None,
) -> list[RowOutcome]:
    """Every row of ``sweep``: its run JSON, or the message of why it failed."""
    assembler = Assembler(sweep, settings)
    errors = execute(sweep, plan(sweep, settings), settings, assembler.add, executor, workers, progress, window)
    return assembler.outcomes(errors)


def sweep_meta(sweep: Sweep) -> dict[str, Any]:
    return {"file": Path(sweep.source).name, "sha256": sweep.sha256, "scenario": sweep.base, "rows": len(sweep.rows)}


def to_document(meta: dict[str, Any], outcomes: list[RowOutcome]) -> dict[str, Any]:
    runs = [
        {"name": o.name, "overrides": o.overrides, "result": None if o.json_text is None else json.loads(o.json_text), "error": o.error}
        for o in outcomes
    ]
    return {"schema_version": SWEEP_SCHEMA_VERSION, "sweep": meta, "runs": runs}


def document_json(meta: dict[str, Any], outcomes: list[RowOutcome]) -> str:
    """The sweep's JSON; each run's ``result`` re-serialised with ``indent=2`` is exactly
    the bytes ``roi-sim run <that row's scenario> --format json`` prints."""
    return json.dumps(to_document(meta, outcomes), indent=2, ensure_ascii=False) + "\n"
