"""Independent jobs on forked processes, the same results as running them here.

The jobs are closures over large arrays and scenario objects, so the workers inherit them
by fork instead of receiving them pickled; only each job's result travels back. Where fork
is not available (or one process is asked for, or there is one job) they run here, in
order. The results come back in job order however they finish.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: The jobs of the running :func:`fork_map`, for its forked workers.
_JOBS: Sequence[Callable[[], object]] = ()


def fork_map(jobs: Sequence[Callable[[], T]], processes: int) -> list[T]:
    """Each job's result, in order: on up to ``processes`` forked processes, or here."""
    import multiprocessing

    global _JOBS
    if processes <= 1 or len(jobs) <= 1 or "fork" not in multiprocessing.get_all_start_methods() or _JOBS:
        # (A job that itself asks for processes runs its jobs here: no pool inside a pool.)
        return [job() for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    _JOBS = jobs
    try:
        with ProcessPoolExecutor(min(processes, len(jobs)), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_job, range(len(jobs))))  # type: ignore[arg-type]
    finally:
        _JOBS = ()


def _run_job(index: int) -> object:
    return _JOBS[index]()
