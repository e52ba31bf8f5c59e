"""``roi-sim sweep`` and ``roi-sim merge``: one scenario over many rows, locally or on Dask."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from roi_sim.scenario.message_text import Msg, join_words, message_of

_SWEEP_FORMATS = ("json", "csv", "parquet")
_DASK_HINT = Msg('install it with: pip install -e ".[dask]" (or pip install "dask[distributed]")')


def _format(fmt: str | None, output: Path | None) -> str:
    from roi_sim.cli.app import BadInput

    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        return suffix if suffix in _SWEEP_FORMATS else "json"
    if fmt not in _SWEEP_FORMATS:
        raise BadInput(Msg("--format {fmt}: unknown format; allowed: {sweep_formats}", fmt=fmt, sweep_formats=', '.join(_SWEEP_FORMATS)))
    if fmt == "parquet" and output is None:
        raise BadInput(Msg("--format parquet: Parquet is a binary file; give --output results.parquet"))
    return fmt


def _check_path(option: str, path: Path | None, suffixes: tuple[str, ...]) -> None:
    from roi_sim.cli.app import BadInput

    if path is None:
        return
    if path.is_dir():
        raise BadInput(Msg("{option} {path}: is a directory; give a file name", option=option, path=path))
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise BadInput(Msg("{option} {path}: the directory {parent} does not exist", option=option, path=path, parent=path.parent))
    if suffixes and path.suffix.lower() not in suffixes:
        raise BadInput(Msg("{option} {path}: give a file name ending in {suffixes}", option=option, path=path, suffixes=join_words(suffixes)))


def _parse_shard(shard: str | None) -> tuple[int, int] | None:
    from roi_sim.cli.app import BadInput

    if shard is None:
        return None
    try:
        index, count = (int(x) for x in shard.split("/"))
    except ValueError:
        raise BadInput(Msg("--shard {shard}: write it as I/N, e.g. --shard 3/10 (shard 3 of 10)", shard=shard)) from None
    if not 1 <= index <= count:
        raise BadInput(Msg("--shard {shard}: I must be between 1 and N", shard=shard))
    return index, count


def _dask_client(scheduler: str) -> Any:
    from roi_sim.cli.app import BadInput
    from roi_sim.sweep.tasks import VersionMismatch, dask_worker_versions

    try:
        from dask.distributed import Client
    except ImportError:
        raise BadInput(Msg("--scheduler needs dask.distributed, which is not installed; {dask_hint}", dask_hint=_DASK_HINT)) from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise BadInput(Msg("--scheduler {scheduler}: cannot connect ({reason}); start one with `dask scheduler`", scheduler=scheduler, reason=exc)) from None
    try:
        dask_worker_versions(client)
    except VersionMismatch as exc:
        client.close()
        raise BadInput(message_of(exc)) from None
    return client


def _write_outputs(meta: dict[str, Any], outcomes: list[Any], keys: list[str], chosen: str, output: Path | None,
                   plot: Path | None, lang: str) -> None:
    from roi_sim.cli.app import BadInput, write_atomically
    from roi_sim.cli.files import wrote
    from roi_sim.outputs.safe_text import safe_json, safe_text
    from roi_sim.sweep import tables
    from roi_sim.sweep.runner import document_json

    if plot is not None:
        from roi_sim.sweep.plot import heat_map

        try:
            image = heat_map(outcomes, plot.suffix.lower().lstrip("."), lang)
        except ValueError as exc:
            raise BadInput(message_of(exc)) from None
        write_atomically(plot, image, binary=True)
        sys.stderr.write(wrote(plot, lang))
    if chosen == "json":
        # Row names kept exact in JSON (DEL and C1 as \u escapes), escaped in the CSV (issue 16.10).
        data: str | bytes = safe_json(document_json(meta, outcomes))
    elif chosen == "csv":
        data = safe_text(tables.to_csv(tables.tidy_rows(outcomes, keys), keys))
    else:
        try:
            data = tables.to_parquet(tables.tidy_rows(outcomes, keys), keys)
        except ImportError:
            raise BadInput(Msg("--format parquet needs pyarrow, which is not installed; {dask_hint}", dask_hint=_DASK_HINT)) from None
    if output is None:
        sys.stdout.write(data)  # type: ignore[arg-type]
        sys.stdout.flush()
    else:
        write_atomically(output, data, binary=isinstance(data, bytes))
        sys.stderr.write(wrote(output, lang))
    _summary(outcomes)


def _summary(outcomes: list[Any]) -> None:
    from roi_sim.cli.app import EXIT_INTERNAL
    from roi_sim.cli.errors import say
    from roi_sim.outputs.safe_text import safe_text

    failed = [o for o in outcomes if o.error is not None]
    if failed:
        listed = "; ".join(f"'{o.name}': {o.error}" for o in failed[:10])
        more = Msg(" (and {n} more)", n=len(failed) - 10) if len(failed) > 10 else ""
        line = Msg("{failed} of {rows} rows failed, the others finished: {listed}{more}", failed=len(failed), rows=len(outcomes), listed=listed,
                   more=more)
        sys.stderr.write(safe_text(f"roi-sim: {say(line)}\n"))
        raise typer.Exit(EXIT_INTERNAL)


def _write_scenarios(sweep: Any, directory: Path) -> None:
    """Each row's scenario file, to reproduce a row with ``roi-sim run``."""
    from roi_sim.cli.app import BadInput, write_atomically

    if not directory.is_dir():
        raise BadInput(Msg("--write-scenarios {directory}: not a directory; create it first", directory=directory))
    for i, row in enumerate(sweep.rows, start=1):
        write_atomically(directory / f"row-{i:05d}.yaml", row.yaml_text)
    sys.stderr.write(f"roi-sim: wrote {len(sweep.rows)} scenario files to {directory} (row-00001.yaml, … in row order)\n")


def _sweep_body(sweep_file: Path, options: dict[str, Any]) -> None:
    from roi_sim.cli.app import BadInput, _progress_reporter, write_atomically
    from roi_sim.sweep import runner, shards
    from roi_sim.sweep.spec import load_sweep

    if options["workers"] < 0:
        raise BadInput(Msg("--workers {workers}: must be 0 (one per core) or more", workers=options["workers"]))
    if options["iterations"] is not None and not 1 <= options["iterations"] <= 1_000_000:
        raise BadInput(Msg("--iterations {iterations}: must be between 1 and {most:,}", iterations=options["iterations"], most=1_000_000))
    if options["seed"] is not None and options["seed"] < 0:
        raise BadInput(Msg("--seed {seed}: must be 0 or more", seed=options["seed"]))
    shard = _parse_shard(options["shard"])
    output, plot = options["output"], options["plot"]
    if shard is not None and (output is None or options["fmt"] or plot):
        raise BadInput(Msg("--shard writes one shard file: give --output shard-I.npz (no --format or --plot; use them with roi-sim merge)"))
    chosen = "shard" if shard else _format(options["fmt"], output)
    _check_path("--output", output, (".npz",) if shard else ())
    _check_path("--plot", plot, (".png", ".svg"))
    sweep = load_sweep(sweep_file)
    if options["write_scenarios"] is not None:
        _write_scenarios(sweep, options["write_scenarios"])
    settings = runner.Settings(options["iterations"], options["seed"], options["deterministic"])
    client = _dask_client(options["scheduler"]) if options["scheduler"] else None
    from roi_sim.model.simulate import cpu_count

    workers = options["workers"] or cpu_count()
    bar, advance = _progress_reporter(True)
    try:
        if bar is not None:
            bar.start()
        executor = client.get_executor() if client is not None else None
        if shard is None:
            outcomes = runner.run_sweep(sweep, settings, executor=executor, workers=workers, progress=advance)
        else:
            done: dict[Any, Any] = {}
            tasks = runner.shard_of(runner.plan(sweep, settings), *shard)
            errors = runner.execute(sweep, tasks, settings, done.__setitem__, executor, workers, advance)
    finally:
        if bar is not None:
            bar.stop()
        if client is not None:
            client.close()
    meta = runner.sweep_meta(sweep)
    if shard is not None:
        write_atomically(output, shards.shard_bytes(sweep, settings, *shard, done, errors, meta), binary=True)
        sys.stderr.write(f"roi-sim: wrote shard {shard[0]}/{shard[1]} ({len(tasks)} tasks) to {output}\n")
        return
    _write_outputs(meta, outcomes, list(sweep.keys), chosen, output, plot, options["lang"])


def register(app: typer.Typer) -> None:
    @app.command()
    def sweep(
        sweep_file: Path = typer.Argument(..., metavar="SWEEP.yaml", help="Sweep file: a base scenario and rows, rows_csv or grid."),
        scheduler: str | None = typer.Option(None, "--scheduler", help="Run on a Dask cluster: the scheduler's address, tcp://HOST:PORT."),
        workers: int = typer.Option(1, "--workers", "-w", help="Local processes without --scheduler; 0 = one per core. Results do not depend on it."),
        fmt: str | None = typer.Option(None, "--format", "-f", help="json (default), csv or parquet (tidy: run × strategy × figure)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
        iterations: int | None = typer.Option(None, "--iterations", "-n", help="Iterations for every row (default: the scenario's)."),
        seed: int | None = typer.Option(None, "--seed", help="Seed for every row (default: the scenario's)."),
        deterministic: bool = typer.Option(False, "--deterministic", help="Every row at its means, no randomness."),
        shard: str | None = typer.Option(None, "--shard", help="I/N: run only shard I of N (HPC array jobs) into --output FILE.npz; combine with roi-sim merge."),
        plot: Path | None = typer.Option(None, "--plot", help="For a two-key grid: write the heat map of mean net savings (.png or .svg)."),
        write_scenarios: Path | None = typer.Option(None, "--write-scenarios", help="Also write each row's scenario file into this directory (to rerun a row with roi-sim run)."),
        lang: str = typer.Option("en", "--lang", help="Language of the heat map: en or nl."),
        debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
    ) -> None:
        """Run one scenario for many rows (municipalities, or a grid of assumptions), with the
        same numbers as roi-sim run gives for each row, locally or on a Dask cluster."""
        from roi_sim.cli.app import _guarded

        options = dict(scheduler=scheduler, workers=workers, fmt=fmt, output=output, iterations=iterations, seed=seed,
                       deterministic=deterministic, shard=shard, plot=plot, write_scenarios=write_scenarios, lang=lang)
        _guarded(debug, lambda: _sweep_body(sweep_file, options), lang)

    @app.command()
    def merge(
        shard_files: list[Path] = typer.Argument(..., metavar="SHARD.npz...", help="Every shard file of one sweep (from --shard I/N)."),
        fmt: str | None = typer.Option(None, "--format", "-f", help="json (default), csv or parquet."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
        plot: Path | None = typer.Option(None, "--plot", help="For a two-key grid: the heat map (.png or .svg)."),
        lang: str = typer.Option("en", "--lang", help="Language of the heat map: en or nl."),
        debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
    ) -> None:
        """Combine the shards of a sweep into exactly the output of one unsharded sweep."""
        from roi_sim.cli.app import BadInput, _guarded

        def body() -> None:
            from roi_sim.sweep.shards import merge_shards

            chosen = _format(fmt, output)
            _check_path("--output", output, ())
            _check_path("--plot", plot, (".png", ".svg"))
            for path in shard_files:
                if not path.is_file():
                    raise BadInput(Msg("{path}: no such shard file", path=path))
            try:
                meta, outcomes = merge_shards([str(p) for p in shard_files])
            except ValueError as exc:
                raise BadInput(message_of(exc)) from None
            keys = list(dict.fromkeys(k for o in outcomes for k in o.overrides))
            _write_outputs(meta, outcomes, keys, chosen, output, plot, lang)

        _guarded(debug, body, lang)
