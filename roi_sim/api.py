"""The Python API: what the command line does, callable from a notebook or a script.

    import roi_sim
    scenario = roi_sim.load("scenarios/lelystad.yaml")
    result = roi_sim.simulate(scenario, iterations=20_000, seed=2011)
    result.to_dict()     # exactly the JSON of `roi-sim run --format json` (same seed, same numbers)
    result.to_frame()    # a tidy pandas DataFrame (pip install "roi-sim[frame]")

Bad input of any kind (a scenario file, an argument such as ``seed=1.5``) raises
:class:`InputError` with ``file``, ``line``, ``column``, ``key`` and ``message``; ``str(error)``
is the line the command line prints after ``roi-sim: error:``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from roi_sim.model.arguments import ArgumentError, InputError, check_iterations, check_seed, check_target_se, check_workers
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import MAX_FILE_BYTES, Scenario, ScenarioError, parse_scenario, read_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from roi_sim.model.simulate import RunResult

__all__ = ["ArgumentError", "InputError", "Result", "Scenario", "load", "read_scenario", "simulate"]

#: The columns of :meth:`Result.to_frame`, in order.
FRAME_COLUMNS = ("strategy", "figure", "year", "mean", "se", "p5", "p50", "p95")


def read_scenario(path: str | os.PathLike[str]) -> tuple[Scenario, bytes]:
    """Read a scenario file once and validate it: the scenario and the exact bytes read
    (what its sha256 is of; a report quotes these bytes, not a later state of the file).

    A pipe, device or socket is refused rather than read: reading one can block forever.
    """
    label = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        # Missing, unreadable or a directory: the loader's own words for each.
        return _parse(_read_bytes(path), label)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return _parse(_read_bytes(path), label)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(label, Msg("is {kind}, not a scenario file; save the scenario as a .yaml file and give its path", kind=_kind(info.st_mode)))
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(label, Msg("the file is {size:,} bytes; scenario files may be at most {most:,} bytes", size=info.st_size, most=MAX_FILE_BYTES))
        os.set_blocking(fd, True)
        chunks, size = [], 0
        # Read one byte past the limit: a file that grows while being read is still caught.
        while size <= MAX_FILE_BYTES and (chunk := os.read(fd, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(label, Msg("cannot be read: {reason}", reason=str(exc.strerror or exc))) from None
    finally:
        os.close(fd)
    return _parse(b"".join(chunks), label)


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return read_bytes(path)
    except ScenarioError as exc:
        raise InputError.wrap(exc) from None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return Msg("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("a device")
    if stat.S_ISSOCK(mode):
        return Msg("a socket")
    return Msg("not a regular file")


def _parse(raw: bytes, label: str) -> tuple[Scenario, bytes]:
    try:
        return parse_scenario(raw, label), raw
    except ScenarioError as exc:
        raise InputError.wrap(exc) from None


def load(path_or_text: str | bytes | os.PathLike[str]) -> Scenario:
    """A validated scenario from a file path, or from YAML text.

    A :class:`pathlib.Path` is always a path and ``bytes`` always text; a ``str`` is text
    when it holds a line break (a YAML document), else a path. Raises :class:`InputError`.
    """
    if isinstance(path_or_text, bytes) or (isinstance(path_or_text, str) and "\n" in path_or_text):
        return _parse(path_or_text.encode("utf-8") if isinstance(path_or_text, str) else path_or_text, "<scenario>")[0]
    if isinstance(path_or_text, (str, os.PathLike)):
        return read_scenario(path_or_text)[0]
    raise TypeError(f"load() takes a path or YAML text, not {type(path_or_text).__name__}")


@dataclass(frozen=True)
class Result:
    """A finished simulation. ``run`` is the model's :class:`~roi_sim.model.simulate.RunResult`
    (per-iteration arrays included); with ``iterations='auto'``, ``target_se`` is the standard
    error sought and ``target_met`` whether it was reached."""

    run: RunResult
    target_se: float | None = None
    target_met: bool | None = None

    @property
    def scenario(self) -> Scenario:
        return self.run.scenario

    @property
    def iterations(self) -> int:
        return self.run.settings.iterations

    def warnings(self, lang: str = "en") -> list[str]:
        """Sentences a reader must see before quoting a figure: effects far above the Dutch
        evidence (DESIGN.md §9, in ``lang``) and means whose Monte Carlo error is too large."""
        from roi_sim.outputs.run_warnings import run_warnings

        return run_warnings(self.run, lang)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``roi-sim run --format json`` as Python data."""
        from roi_sim.outputs.formats import to_dict

        return to_dict(self.run)

    def to_json(self) -> str:
        """The exact text of ``roi-sim run --format json``."""
        from roi_sim.outputs.formats import to_json

        return to_json(self.run)

    def to_frame(self) -> pandas.DataFrame:
        """A tidy table: one row per strategy, figure and year (year missing for totals over
        the horizon) with mean, se, p5, p50, p95 — the numbers of :meth:`to_dict`."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError('Result.to_frame() needs pandas; install it with: pip install "roi-sim[frame]"') from None
        return pd.DataFrame(_frame_rows(self.to_dict()), columns=list(FRAME_COLUMNS)).astype({"year": "Int64"})


def _frame_rows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    def row(strategy: str, figure: str, year: int | None, s: dict[str, float | None] | None) -> tuple[Any, ...]:
        s = s or {}
        return (strategy, figure, year, *(s.get(k) for k in ("mean", "se", "p5", "p50", "p95")))

    rows = []
    for st in doc["strategies"]:
        rows += [row(st["name"], figure, None, s) for figure, s in st["metrics"].items()]
        for y in st["yearly"]:
            # The figures of the year (its budget lines and nominal table are nested: see to_dict()).
            rows += [row(st["name"], figure, y["year"], s) for figure, s in y.items() if figure not in ("year", "lines", "nominal")]
    return rows


def simulate(
    scenario: Scenario,
    iterations: int | Literal["auto"] | None = None,
    seed: int | None = None,
    deterministic: bool = False,
    workers: int = 1,
    *,
    target_se: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep_monthly: bool = False,
    keep_parameters: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> Result:
    """Simulate every strategy of ``scenario``.

    ``iterations`` and ``seed`` default to the scenario's; ``iterations='auto'`` doubles them
    until the standard error of mean net savings is at most ``target_se`` euros (default
    0.5% of the investment). ``workers`` processes (0: one per core) give the same numbers
    as one. ``meanwhile`` (work of the caller's that does not need the result, e.g. a
    report's imports) is called once in this process while the worker processes simulate.
    Raises :class:`InputError` for an argument outside what is allowed.
    """
    n_iter = check_iterations(iterations)
    target = check_target_se(target_se, n_iter)
    seed = check_seed(seed)
    n_workers = check_workers(workers)
    if not isinstance(scenario, Scenario):
        raise TypeError(f"simulate() takes a Scenario from roi_sim.load(), not {type(scenario).__name__}")
    if not scenario.strategies:
        raise InputError(
            scenario.source, Msg("the scenario has groups but no strategies to run; add strategies with an allocation or a budget per group, or split a budget with `roi-sim allocate`"),
        )
    from roi_sim.model import simulate as model
    from roi_sim.scenario.spec import MAX_ITERATIONS

    n_workers = n_workers or model.cpu_count()
    if n_iter == "auto" and not deterministic:
        run, used, met = model.run_to_precision(
            scenario, target_se=target, max_iterations=MAX_ITERATIONS, seed=seed, workers=n_workers, progress=progress,
            keep_monthly=keep_monthly, meanwhile=meanwhile,
        )
        return Result(run, used, met)
    count = None if n_iter == "auto" else n_iter
    run = model.run(
        scenario, iterations=count, seed=seed, deterministic=deterministic, workers=n_workers, progress=progress,
        keep_monthly=keep_monthly, keep_parameters=keep_parameters, meanwhile=meanwhile,
    )
    return Result(run)
