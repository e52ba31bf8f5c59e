"""The ``roi-sim`` command line: a thin typer app. The only module that knows exit codes.

Exit codes: 0 success; 1 an unexpected internal error (``--debug`` shows the trace);
2 bad input (a one-line message naming file, line and key); 130 interrupted (Ctrl-C).

numpy, pydantic and the engine are imported inside the commands, so ``roi-sim --help``
starts quickly.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, Optional

import typer

from roi_sim import __version__

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
_FORMATS = ("table", "json", "markdown", "csv", "xlsx")
_EXTENSION_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".txt": "table", ".xlsx": "xlsx"}

app = typer.Typer(
    name="roi-sim",
    help="What does investing in re-integration earn back in bijstand? A Monte Carlo simulator for "
    "Dutch municipalities: YAML scenario in, council-ready tables out.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help: rich's help renderer would add ~0.1 s to every start-up.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class BadInput(Exception):
    """Input the user can fix: reported in one line with exit code 2."""


def _error(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"roi-sim: error: {message}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def _guarded(debug: bool, body: Callable[[], None]) -> None:
    """Run a command body, turning exceptions into one-line messages and exit codes."""
    from roi_sim.scenario.spec import ScenarioError

    try:
        body()
    except (ScenarioError, BadInput) as exc:
        _error(str(exc), EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        sys.stderr.write("roi-sim: interrupted; no output was written\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the CLI boundary: never a bare traceback
        if debug:
            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug to see the trace)", EXIT_INTERNAL)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"roi-sim {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """roi-sim: re-integration investment ROI simulator."""


def write_atomically(path: Path, text: str | bytes, binary: bool = False) -> None:
    """Write ``text`` (or bytes) to ``path`` through a temporary file and a rename, so an
    interrupted run never leaves a half-written file behind."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            fh.write(text)  # type: ignore[arg-type]
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _check_output_path(output: Path, scenario: Path) -> None:
    if output.is_dir():
        raise BadInput(f"--output {output}: is a directory; give a file name such as results.json")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise BadInput(f"--output {output}: the directory {parent} does not exist")
    if output.exists() and scenario.exists() and output.resolve() == scenario.resolve():
        raise BadInput(f"--output {output}: that is the scenario file itself; it is never overwritten")


def _choose_format(fmt: Optional[str], output: Optional[Path]) -> str:
    if fmt is not None:
        if fmt not in _FORMATS:
            raise BadInput(f"--format {fmt}: unknown format; allowed: {', '.join(_FORMATS)}")
        return fmt
    if output is not None:
        return _EXTENSION_FORMATS.get(output.suffix.lower(), "table")
    return "table"


def _progress_reporter(enabled: bool) -> tuple[Any, Callable[[int, int], None] | None]:
    """A progress bar on stderr (only on a terminal), and the callback that advances it."""
    if not enabled or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("simulating"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = progress.add_task("run", total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, advance


def _created() -> Any:
    """When a report or workbook was made: now, or SOURCE_DATE_EPOCH when set (the usual
    convention for reproducible documents)."""
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def _language(code: str) -> Any:
    from roi_sim.outputs.language import LANGUAGES, language

    if code not in LANGUAGES:
        raise BadInput(f"--lang {code}: unknown language; allowed: {', '.join(LANGUAGES)}")
    return language(code)


def _check_plot_path(plot: Path, scenario: Path) -> None:
    if plot.suffix.lower() not in (".png", ".svg"):
        raise BadInput(f"--plot {plot}: give a .png or .svg file name")
    _check_output_path(plot, scenario)


def _parse_iterations(iterations: Optional[str]) -> int | str | None:
    from roi_sim.scenario.spec import MAX_ITERATIONS

    if iterations is None or iterations == "auto":
        return iterations
    try:
        n = int(iterations)
    except ValueError:
        raise BadInput(f"--iterations {iterations}: give a whole number or 'auto'") from None
    if not 1 <= n <= MAX_ITERATIONS:
        raise BadInput(f"--iterations {n}: must be between 1 and {MAX_ITERATIONS:,} (each iteration keeps its results in memory)")
    return n


def _simulate(
    scenario: Path, iterations: Optional[str], seed: Optional[int], deterministic: bool, workers: int, output: Optional[Path],
    target_se: Optional[float] = None, keep_monthly: bool = False,
) -> Any:
    """Check the shared options, load the scenario and simulate it (with a progress bar);
    warn on stderr when the Monte Carlo error is large against a mean."""
    from roi_sim.scenario.spec import MAX_ITERATIONS, load_scenario

    n_iter = _parse_iterations(iterations)
    if target_se is not None and not (target_se > 0 and target_se < float("inf")):
        raise BadInput(f"--target-se {target_se:g}: must be a positive number of euros")
    if target_se is not None and n_iter != "auto":
        raise BadInput("--target-se goes with --iterations auto")
    if seed is not None and seed < 0:
        raise BadInput(f"--seed {seed}: must be 0 or more")
    if workers < 0:
        raise BadInput(f"--workers {workers}: must be 0 (one per core) or more")
    if output is not None:
        _check_output_path(output, scenario)
    loaded = load_scenario(scenario)
    if not loaded.strategies:
        raise BadInput(
            f"{scenario}: the scenario has groups but no strategies to run; add strategies with an allocation or a "
            "budget per group, or split a budget with `roi-sim allocate`"
        )

    from roi_sim.model.simulate import cpu_count, precision_warnings, run_to_precision, tune_allocator
    from roi_sim.model.simulate import run as simulate

    tune_allocator()
    n_workers = workers or cpu_count()
    progress, advance = _progress_reporter(not deterministic)

    def go() -> Any:
        if n_iter == "auto" and not deterministic:
            result, target, met = run_to_precision(
                loaded, target_se=target_se, max_iterations=MAX_ITERATIONS, seed=seed, workers=n_workers, progress=advance
            )
            state = "reached" if met else "NOT reached at the limit"
            sys.stderr.write(
                f"roi-sim: --iterations auto: {result.settings.iterations:,} iterations; target standard error EUR {target:,.0f} {state}\n"
            )
            return result
        count = None if n_iter == "auto" else n_iter
        return simulate(
            loaded, iterations=count, seed=seed, deterministic=deterministic, workers=n_workers, progress=advance, keep_monthly=keep_monthly
        )

    if progress is None:
        result = go()
    else:
        with progress:
            result = go()
    for warning in precision_warnings(result):
        sys.stderr.write(f"roi-sim: warning: {warning}\n")
    return result


def _emit(output: Optional[Path], text: Optional[str], tables: Callable[[], list[Any]]) -> None:
    """Write ``text`` to ``output`` (atomically), or print it, or print the rich tables."""
    if output is not None:
        if text is None:
            from roi_sim.outputs.formats import renderables_to_text

            text = renderables_to_text(tables())
        write_atomically(output, text)
        sys.stderr.write(f"roi-sim: wrote {output}\n")
    elif text is not None:
        sys.stdout.write(text)
    else:
        from rich.console import Console

        console = Console(width=None if sys.stdout.isatty() else 120)
        for item in tables():
            console.print(item)


@app.command()
def run(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    iterations: Optional[str] = typer.Option(
        None, "--iterations", "-n",
        help="Monte Carlo iterations (default: the scenario's, else 20000), or 'auto': double them until the standard "
        "error of mean net savings is below --target-se.",
    ),
    target_se: Optional[float] = typer.Option(
        None, "--target-se", help="With --iterations auto: the standard error sought, EUR (default 0.5% of the investment)."
    ),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: the scenario's, else 0). Same seed, same numbers."),
    deterministic: bool = typer.Option(
        False, "--deterministic", help="No randomness: every parameter at its mean and expected flows instead of random draws."
    ),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", help="table, json, markdown, csv or xlsx (with --output). Default: table, or from the --output file's extension."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically) instead of the terminal."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes to run in parallel; 0 = one per core. Results do not depend on it."),
    lang: str = typer.Option("en", "--lang", help="Language of tables and charts: en or nl (Dutch). JSON and CSV keys stay English."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also write a chart (.png or .svg): the fan chart of cumulative net cash flow."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Simulate a scenario and print what it earns back: a summary per strategy and a
    year-by-year cash-flow table."""

    def body() -> None:
        from roi_sim.outputs import formats as report

        chosen = _choose_format(fmt, output)
        language = _language(lang)
        if chosen == "xlsx" and output is None:
            raise BadInput("--format xlsx: a workbook is a file; give --output results.xlsx")
        if plot is not None:
            _check_plot_path(plot, scenario)
        result = _simulate(scenario, iterations, seed, deterministic, workers, output, target_se, keep_monthly=plot is not None)
        if chosen == "xlsx":
            assert output is not None
            from roi_sim.outputs.workbook import XLSX_LABELS, workbook_bytes

            created = _created()
            data = workbook_bytes(
                report.to_dict(result), None if deterministic else result.iterations, XLSX_LABELS[language.code], created=created
            )
            write_atomically(output, data, binary=True)
            sys.stderr.write(f"roi-sim: wrote {output}\n")
            return
        if chosen == "table" and output is None:
            text = None
        elif chosen == "table":
            text = report.to_text(result, lang=language)
        elif chosen == "markdown":
            text = report.to_markdown(result, language)
        else:
            text = report.render(result, chosen)
        if plot is not None:
            from roi_sim.outputs.council_report import make_charts

            charts = make_charts(result, language, plot.suffix.lower().lstrip("."))
            write_atomically(plot, charts.get("fan", charts["comparison"]), binary=True)
            sys.stderr.write(f"roi-sim: wrote {plot}\n")
        _emit(output, text, lambda: report.render_tables(result, language))

    _guarded(debug, body)


@app.command()
def compare(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML) with two or more strategies.", show_default=False),
    iterations: Optional[str] = typer.Option(None, "--iterations", "-n", help="Monte Carlo iterations (default: the scenario's), or 'auto'."),
    target_se: Optional[float] = typer.Option(None, "--target-se", help="With --iterations auto: the standard error sought, EUR."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: the scenario's)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table, json or markdown. Default: table, or from --output's extension."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes to run in parallel; 0 = one per core."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Compare strategies pairwise on the same simulated futures: mean difference, its 90%
    interval and the chance that A beats B, in the fiscal and the societal ledger; and the
    rankings by expected net and by chance of a positive net."""

    def body() -> None:
        from roi_sim.outputs import formats as report

        chosen = _choose_format(fmt, output)
        if chosen in ("csv", "xlsx"):
            raise BadInput(f"--format {chosen}: not available for compare; allowed: table, json, markdown")
        result = _simulate(scenario, iterations, seed, False, workers, output, target_se)
        if chosen == "json":
            text = report.comparison_to_json(result)
        elif chosen == "markdown":
            text = report.comparison_to_markdown(result)
        else:
            text = None
        _emit(output, text, lambda: report.render_comparison_tables(result))

    _guarded(debug, body)


@app.command()
def allocate(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML) with target groups.", show_default=False),
    budget: float = typer.Option(..., "--budget", "-b", help="EUR per intake year to split over the groups.", show_default=False),
    ledger: str = typer.Option("fiscal", "--ledger", help="What to maximise: fiscal (the municipality's net) or societal (MKBA net)."),
    steps: int = typer.Option(10, "--steps", help="Budgets in the efficient-frontier table."),
    whole_clients: bool = typer.Option(False, "--whole-clients", help="Whole numbers of clients (slower; default: fractions)."),
    iterations: Optional[int] = typer.Option(None, "--iterations", "-n", help="Monte Carlo iterations used to price each group."),
    deterministic: bool = typer.Option(False, "--deterministic", help="Price the groups at their parameters' means, without randomness."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table or json. Default: table, or from --output's extension."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes to run in parallel; 0 = one per core."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Split a yearly budget over the scenario's target groups to maximise the expected net
    (fiscal or societal), and show the efficient frontier: budget against return."""

    def body() -> None:
        import math

        from roi_sim.outputs import formats as report
        from roi_sim.decisions.allocate import efficient_frontier, optimise_allocation
        from roi_sim.decisions.group_pricing import LEDGER_QUANTITY, price_groups
        from roi_sim.scenario.spec import MAX_ITERATIONS, load_scenario

        chosen = _choose_format(fmt, output)
        if chosen not in ("table", "json"):
            raise BadInput(f"--format {chosen}: not available for allocate; allowed: table, json")
        if ledger not in LEDGER_QUANTITY:
            raise BadInput(f"--ledger {ledger}: unknown ledger; allowed: fiscal, societal")
        if not (math.isfinite(budget) and budget >= 0):
            raise BadInput(f"--budget {budget:g}: must be a number of euros, 0 or more")
        if not 1 <= steps <= 100:
            raise BadInput(f"--steps {steps}: must be between 1 and 100")
        if iterations is not None and not 1 <= iterations <= MAX_ITERATIONS:
            raise BadInput(f"--iterations {iterations}: must be between 1 and {MAX_ITERATIONS:,}")
        if output is not None:
            _check_output_path(output, scenario)
        loaded = load_scenario(scenario)
        try:
            priced = price_groups(loaded, ledger, iterations=iterations, deterministic=deterministic, workers=workers or 1)
        except ValueError as exc:
            raise BadInput(f"{scenario}: {exc}") from None
        options = [p.option for p in priced]
        best = optimise_allocation(options, budget, whole_clients=whole_clients)
        top = max(budget, sum(o.cost_per_client * min(o.cap, 1e9) + o.fixed_cost for o in options if o.return_per_client > 0 and o.cap < 1e12) or budget)
        budgets = [top * (i + 1) / steps for i in range(steps)]
        frontier = efficient_frontier(options, budgets, whole_clients=whole_clients)
        settings = {"ledger": ledger, "budget": budget, "iterations": 1 if deterministic else (iterations or loaded.iterations),
                    "seed": loaded.seed, "deterministic": deterministic, "whole_clients": whole_clients}
        if chosen == "json":
            text = report.allocation_to_json(loaded, settings, priced, best, frontier)
        else:
            text = None
        _emit(output, text, lambda: report.render_allocation(loaded, settings, priced, best, frontier))

    _guarded(debug, body)


def _table_or_json(fmt: Optional[str], output: Optional[Path], command: str) -> str:
    chosen = _choose_format(fmt, output)
    if chosen not in ("table", "json"):
        raise BadInput(f"--format {chosen}: not available for {command}; allowed: table, json")
    return chosen


def _ledger(ledger: str) -> str:
    if ledger not in ("fiscal", "societal"):
        raise BadInput(f"--ledger {ledger}: unknown ledger; allowed: fiscal, societal")
    return ledger


@app.command()
def breakeven(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    param: str = typer.Option(..., "--param", "-p", help="The numeric parameter to solve for, e.g. outflow_rate or cost_per_client.", show_default=False),
    ledger: str = typer.Option("fiscal", "--ledger", help="fiscal (the municipality's net savings) or societal (MKBA net)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Per strategy, the value of a parameter at which the expected net savings are zero
    (deterministic model, the others at their means), and the chance under the scenario's
    uncertainty that the true value lies on the paying side."""

    def body() -> None:
        from roi_sim.outputs import decision_outputs as decide
        from roi_sim.decisions.breakeven import breakeven as solve
        from roi_sim.scenario.spec import load_scenario

        chosen = _table_or_json(fmt, output, "breakeven")
        _ledger(ledger)
        if output is not None:
            _check_output_path(output, scenario)
        loaded = load_scenario(scenario)
        if not loaded.strategies:
            raise BadInput(f"{scenario}: the scenario has groups but no strategies; add strategies with an allocation or a budget")
        try:
            results = solve(loaded, param, ledger=ledger)
        except ValueError as exc:
            raise BadInput(f"--param {param}: {exc}") from None
        settings = {"parameter": param, "ledger": ledger}
        text = decide.breakeven_json(loaded, settings, results) if chosen == "json" else None
        _emit(output, text, lambda: decide.breakeven_tables(loaded, settings, results))

    _guarded(debug, body)


@app.command()
def calibrate(
    successes: int = typer.Option(..., "--successes", "-s", help="Pilot participants who left benefit (or reached the outcome).", show_default=False),
    trials: int = typer.Option(..., "--trials", "-t", help="Pilot participants.", show_default=False),
    prior: str = typer.Option("1,1", "--prior", help="Beta prior as ALPHA,BETA: 1,1 is uniform (no prior knowledge), 0.5,0.5 Jeffreys."),
    param: str = typer.Option("outflow_rate", "--param", "-p", help="The rate the pilot measures (for the YAML line)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table or json."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Turn pilot counts into a beta distribution for a rate (Bayesian update), with its mean,
    90% interval and a line of YAML to paste into a scenario."""

    def body() -> None:
        from roi_sim.outputs import decision_outputs as decide
        from roi_sim.decisions.calibrate import calibrate as update

        chosen = _table_or_json(fmt, None, "calibrate")
        try:
            a, b = (float(x) for x in prior.split(","))
        except ValueError:
            raise BadInput(f"--prior {prior}: give two numbers as ALPHA,BETA, e.g. 1,1") from None
        try:
            result = update(successes, trials, (a, b), parameter=param)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
        sys.stdout.write(decide.calibration_json(result) if chosen == "json" else decide.calibration_text(result, param))

    _guarded(debug, body)


@app.command()
def voi(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    ledger: str = typer.Option("fiscal", "--ledger", help="fiscal (the municipality's net savings) or societal (MKBA net)."),
    pilot: Optional[int] = typer.Option(None, "--pilot", help="Value a pilot with this many clients (measuring --pilot-param)."),
    pilot_cost: Optional[float] = typer.Option(None, "--pilot-cost", help="What the pilot costs, EUR, to compare with its value."),
    pilot_param: str = typer.Option("outflow_rate", "--pilot-param", help="The rate the pilot measures."),
    iterations: Optional[int] = typer.Option(None, "--iterations", "-n", help="Monte Carlo iterations (default: the scenario's)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: the scenario's)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes to run in parallel; 0 = one per core."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Value of information: what knowing everything (EVPI), or one parameter (EVPPI), before
    deciding would be worth, and what a pilot of n clients is worth (EVSI). The decision:
    one of the strategies, or doing nothing."""

    def body() -> None:
        import numpy as np

        from roi_sim.outputs import decision_outputs as decide
        from roi_sim.model.simulate import run as simulate
        from roi_sim.decisions.voi import evpi, evppi, evsi_pilot

        chosen = _table_or_json(fmt, output, "voi")
        _ledger(ledger)
        if pilot is not None and pilot < 1:
            raise BadInput(f"--pilot {pilot}: must be 1 client or more")
        if pilot_cost is not None and not (pilot_cost >= 0 and math.isfinite(pilot_cost)):
            raise BadInput(f"--pilot-cost {pilot_cost:g}: must be a number of euros, 0 or more")
        n_iter = _parse_iterations(None if iterations is None else str(iterations))
        if output is not None:
            _check_output_path(output, scenario)
        from roi_sim.scenario.spec import load_scenario

        loaded = load_scenario(scenario)
        if not loaded.strategies:
            raise BadInput(f"{scenario}: the scenario has groups but no strategies; add strategies with an allocation or a budget")
        result = simulate(loaded, iterations=n_iter, seed=seed, workers=workers or 1, keep_parameters=True)  # type: ignore[arg-type]
        field = "net_savings" if ledger == "fiscal" else "societal_net"
        nb = {name: getattr(res, field) for name, res in result.iterations.items()}
        assert result.parameters is not None
        per_strategy = list(result.parameters.values())
        evppis, skipped = [], []
        for name in per_strategy[0]:
            values = per_strategy[0][name]
            if np.all(values == values[0]):
                continue  # a fixed number: nothing to learn
            if all(name in p and np.array_equal(p[name], values) for p in per_strategy):
                evppis.append(evppi(nb, values, name))
            else:
                skipped.append(name)
        pilot_value = None
        if pilot is not None:
            draws = [p.get(pilot_param) for p in per_strategy]
            if draws[0] is None or not all(d is not None and np.array_equal(d, draws[0]) for d in draws):
                raise BadInput(
                    f"--pilot-param {pilot_param}: the strategies do not share one uncertain {pilot_param}, so a pilot "
                    "cannot measure it for all of them; make it a distribution at the top level"
                )
            pilot_value = evsi_pilot(nb, draws[0], pilot, parameter=pilot_param, pilot_cost=pilot_cost)
        info = evpi(nb)
        settings = {"ledger": ledger, "iterations": result.settings.iterations, "seed": result.settings.seed,
                    "pilot_clients": pilot, "pilot_cost": pilot_cost, "pilot_parameter": pilot_param if pilot else None}
        text = decide.voi_json(loaded, settings, info, evppis, pilot_value, skipped) if chosen == "json" else None
        _emit(output, text, lambda: decide.voi_tables(loaded, settings, info, evppis, pilot_value, skipped))

    _guarded(debug, body)


@app.command()
def sensitivity(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    ledger: str = typer.Option("fiscal", "--ledger", help="fiscal (the municipality's net savings) or societal (MKBA net)."),
    points: int = typer.Option(2048, "--points", help="Sample size for the global analysis (Sobol needs (d+2) x points model runs)."),
    method: str = typer.Option("auto", "--method", help="auto (Sobol up to 12 uncertain parameters, else rank correlations), sobol, or rank."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Which assumption matters most: a tornado (each uncertain parameter from its p10 to its
    p90, the others at their means) and a global analysis of what drives the spread of the
    net (Sobol indices, or rank correlations where Sobol would be too costly)."""

    def body() -> None:
        from roi_sim.outputs import decision_outputs as decide
        from roi_sim.scenario.spec import load_scenario
        from roi_sim.decisions.sensitivity import global_sensitivity, tornado

        chosen = _table_or_json(fmt, output, "sensitivity")
        _ledger(ledger)
        methods = {"auto": "auto", "sobol": "sobol", "rank": "rank correlation"}
        if method not in methods:
            raise BadInput(f"--method {method}: unknown method; allowed: auto, sobol, rank")
        if not 64 <= points <= 1_000_000:
            raise BadInput(f"--points {points}: must be between 64 and 1,000,000")
        if output is not None:
            _check_output_path(output, scenario)
        loaded = load_scenario(scenario)
        if not loaded.strategies:
            raise BadInput(f"{scenario}: the scenario has groups but no strategies; add strategies with an allocation or a budget")
        tornadoes = tornado(loaded, ledger=ledger)
        globals_ = global_sensitivity(loaded, ledger=ledger, n=points, method=methods[method])
        settings = {"ledger": ledger, "points": points, "method": method}
        text = decide.sensitivity_json(loaded, settings, tornadoes, globals_) if chosen == "json" else None
        _emit(output, text, lambda: decide.sensitivity_tables(loaded, settings, tornadoes, globals_))

    _guarded(debug, body)


@app.command()
def report(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="The report file: .html (self-contained, with charts) or .md.", show_default=False),
    lang: str = typer.Option("en", "--lang", help="Language: en or nl (Dutch)."),
    iterations: Optional[str] = typer.Option(None, "--iterations", "-n", help="Monte Carlo iterations (default: the scenario's), or 'auto'."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: the scenario's)."),
    deterministic: bool = typer.Option(False, "--deterministic", help="Every parameter at its mean, expected flows."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes to run in parallel; 0 = one per core."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Write a council-ready report: the question, every assumption with its source, the
    headline, the year-by-year budget tables, gross savings beside the corrected savings,
    charts, and the comparison and sensitivity sections where the scenario has them."""

    def body() -> None:
        from roi_sim.outputs.council_report import build_report
        from roi_sim.scenario.spec import read_bytes
        from roi_sim.decisions.sensitivity import tornado

        kinds = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
        kind = kinds.get(output.suffix.lower())
        if kind is None:
            raise BadInput(f"--output {output}: give a .html or .md file name")
        language = _language(lang)
        result = _simulate(scenario, iterations, seed, deterministic, workers, output, keep_monthly=True)
        text = read_bytes(scenario).decode("utf-8-sig")
        created = _created()
        sensitivity = tornado(result.scenario)
        write_atomically(output, build_report(result, text, language, kind, created, sensitivity))
        sys.stderr.write(f"roi-sim: wrote {output}\n")

    _guarded(debug, body)


@app.command()
def validate(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML).", show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Check a scenario file without running it."""

    def body() -> None:
        from roi_sim.scenario.spec import load_scenario

        loaded = load_scenario(scenario)
        n = len(loaded.strategies)
        names = ", ".join(f"'{s.name}'" for s in loaded.strategies) or "none: groups only, for `roi-sim allocate`"
        sys.stdout.write(
            f"{scenario}: valid. '{loaded.name}': {n} strateg{'y' if n == 1 else 'ies'} ({names}), "
            f"{loaded.horizon_years}-year horizon, {loaded.iterations:,} iterations, seed {loaded.seed}.\n"
        )

    _guarded(debug, body)


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editors' completion and checking)."""
    import json

    from roi_sim.scenario.spec import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


# Commands that live in their own modules (roi_sim/cli/<name>.py, each with ``register(app)``).
# One module per line; they must import only typer at module level so ``--help`` stays quick.
COMMAND_MODULES: tuple[str, ...] = (
    "init_command",
)


def _register_command_modules() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"roi_sim.cli.{name}").register(app)


_register_command_modules()


def main() -> None:
    """Console-script entry point."""
    app()
