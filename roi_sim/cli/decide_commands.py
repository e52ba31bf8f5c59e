"""The decision commands: allocate, breakeven, calibrate, voi, sensitivity. Each parses its
options and calls one analysis in :mod:`roi_sim.decisions`; the outputs are rendered by
:mod:`roi_sim.outputs`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from roi_sim.cli.app import BadInput, _check_outputs, _choose_format, _emit, _guarded
from roi_sim.cli.files import write_stdout
from roi_sim.cli.options import Debug, Deterministic, Format, Iterations, Lang, Ledger, Output, ScenarioArg, Seed, Workers
from roi_sim.scenario.message_text import Msg, message_of

if TYPE_CHECKING:  # pragma: no cover
    from roi_sim.scenario.spec import Scenario

TABLE_OR_JSON = ("table", "json")
NO_STRATEGIES = Msg("the scenario has groups but no strategies; add strategies with an allocation or a budget")


def _language(code: str) -> Any:
    """The output language of ``--lang`` (refused before anything is computed)."""
    from roi_sim.cli.run_commands import language

    return language(code)


def _load(scenario: Path) -> Scenario:
    from roi_sim import api

    return api.read_scenario(scenario)[0]


def allocate(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (YAML) with target groups.", show_default=False)],
    budget: Annotated[float, typer.Option("--budget", "-b", help="EUR per intake year to split over the groups.", show_default=False)],
    ledger: Ledger = "fiscal",
    steps: Annotated[int, typer.Option("--steps", help="Budgets in the efficient-frontier table.")] = 10,
    whole_clients: Annotated[bool, typer.Option("--whole-clients", help="Whole numbers of clients (slower; default: fractions).")] = False,
    iterations: Iterations = None, deterministic: Deterministic = False, fmt: Format = None, output: Output = None,
    workers: Workers = "0", lang: Lang = "en", debug: Debug = False,
) -> None:
    """Split a yearly budget over the scenario's target groups to maximise the expected net
    (fiscal or societal), and show the efficient frontier: budget against return."""

    def body() -> None:
        from roi_sim.decisions.budget_range import allocate_budget, check_arguments
        from roi_sim.model.arguments import check_iterations, check_workers
        from roi_sim.outputs import formats as report

        _check_outputs(scenario, ("--output", output))
        chosen = _choose_format(fmt, output, TABLE_OR_JSON, "allocate")
        lang_ = _language(lang)
        check_arguments(budget, ledger, steps, iterations, workers)
        loaded = _load(scenario)
        done = allocate_budget(
            loaded, budget, ledger=ledger, steps=steps, whole_clients=whole_clients,
            iterations=check_iterations(iterations, auto=False), deterministic=deterministic, workers=check_workers(workers),  # type: ignore[arg-type]
        )
        parts = (loaded, done.settings, list(done.priced), done.best, done.frontier)
        text = report.allocation_to_json(*parts) if chosen == "json" else None
        _emit(output, text, lambda: report.render_allocation(*parts, lang_), lang_.code)

    _guarded(debug, body, lang)


def breakeven(
    scenario: ScenarioArg,
    param: Annotated[str, typer.Option("--param", "-p", help="The numeric parameter to solve for, e.g. outflow_rate or cost_per_client.", show_default=False)],
    ledger: Ledger = "fiscal", fmt: Format = None, output: Output = None, lang: Lang = "en", debug: Debug = False,
) -> None:
    """Per strategy, the value of a parameter at which the expected net savings are zero
    (deterministic model, the others at their means), and the chance under the scenario's
    uncertainty that the true value lies on the paying side."""

    def body() -> None:
        from roi_sim.decisions.breakeven import breakeven as solve
        from roi_sim.model.arguments import check_ledger
        from roi_sim.outputs import decision_outputs as decide

        _check_outputs(scenario, ("--output", output))
        chosen = _choose_format(fmt, output, TABLE_OR_JSON, "breakeven")
        lang_ = _language(lang)
        check_ledger(ledger)
        loaded = _load(scenario)
        if not loaded.strategies:
            raise BadInput(Msg("{scenario}: {no_strategies}", scenario=scenario, no_strategies=NO_STRATEGIES))
        try:
            results = solve(loaded, param, ledger=ledger)
        except ValueError as exc:
            raise BadInput(Msg("--param {param}: {reason}", param=param, reason=message_of(exc))) from None
        settings = {"parameter": param, "ledger": ledger}
        text = decide.breakeven_json(loaded, settings, results) if chosen == "json" else None
        _emit(output, text, lambda: decide.breakeven_tables(loaded, settings, results, lang_), lang_.code)

    _guarded(debug, body, lang)


def calibrate(
    successes: Annotated[int, typer.Option("--successes", "-s", help="Pilot participants who left benefit (or reached the outcome).", show_default=False)],
    trials: Annotated[int, typer.Option("--trials", "-t", help="Pilot participants.", show_default=False)],
    prior: Annotated[str, typer.Option("--prior", help="Beta prior as ALPHA,BETA: 1,1 is uniform (no prior knowledge), 0.5,0.5 Jeffreys.")] = "1,1",
    param: Annotated[str, typer.Option("--param", "-p", help="The rate the pilot measures (for the YAML line).")] = "outflow_rate",
    fmt: Format = None, lang: Lang = "en", debug: Debug = False,
) -> None:
    """Turn pilot counts into a beta distribution for a rate (Bayesian update), with its mean,
    90% interval and a line of YAML to paste into a scenario."""

    def body() -> None:
        from roi_sim.decisions.calibrate import calibrate as update
        from roi_sim.outputs import decision_outputs as decide
        from roi_sim.outputs.safe_text import safe_text

        chosen = _choose_format(fmt, None, TABLE_OR_JSON, "calibrate")
        lang_ = _language(lang)
        try:
            a, b = (float(x) for x in prior.split(","))
        except ValueError:
            raise BadInput(Msg("--prior {prior}: give two numbers as ALPHA,BETA, e.g. 1,1", prior=prior)) from None
        try:
            result = update(successes, trials, (a, b), parameter=param)
        except ValueError as exc:
            raise BadInput(message_of(exc)) from None
        write_stdout(decide.calibration_json(result) if chosen == "json" else safe_text(decide.calibration_text(result, param, lang_)))

    _guarded(debug, body, lang)


def voi(
    scenario: ScenarioArg, ledger: Ledger = "fiscal",
    pilot: Annotated[int | None, typer.Option("--pilot", help="Value a pilot with this many clients (measuring --pilot-param).", show_default=False)] = None,
    pilot_cost: Annotated[float | None, typer.Option("--pilot-cost", help="What the pilot costs, EUR, to compare with its value.", show_default=False)] = None,
    pilot_param: Annotated[str, typer.Option("--pilot-param", help="The rate the pilot measures.")] = "outflow_rate",
    iterations: Iterations = None, seed: Seed = None, fmt: Format = None, output: Output = None, workers: Workers = "0",
    lang: Lang = "en", debug: Debug = False,
) -> None:
    """Value of information: what knowing everything (EVPI), or one parameter (EVPPI), before
    deciding would be worth, and what a pilot of n clients is worth (EVSI). The decision:
    one of the strategies, or doing nothing."""

    def body() -> None:
        from roi_sim.decisions.voi_analysis import check_voi_arguments, value_of_information
        from roi_sim.outputs import decision_outputs as decide

        _check_outputs(scenario, ("--output", output))
        chosen = _choose_format(fmt, output, TABLE_OR_JSON, "voi")
        lang_ = _language(lang)
        n_iter, checked_seed, n_workers = check_voi_arguments(ledger, pilot, pilot_cost, pilot_param, iterations, seed, workers)
        loaded = _load(scenario)
        done = value_of_information(
            loaded, ledger=ledger, pilot=pilot, pilot_cost=pilot_cost, pilot_param=pilot_param,
            iterations=n_iter, seed=checked_seed, workers=n_workers,
        )
        parts = (loaded, done.settings, done.evpi, list(done.evppis), done.pilot, list(done.skipped))
        text = decide.voi_json(*parts) if chosen == "json" else None
        _emit(output, text, lambda: decide.voi_tables(*parts, lang_), lang_.code)

    _guarded(debug, body, lang)


def sensitivity(
    scenario: ScenarioArg, ledger: Ledger = "fiscal",
    points: Annotated[int, typer.Option("--points", help="Sample size for the global analysis (Sobol needs (d+2) x points model runs).")] = 2048,
    method: Annotated[str, typer.Option("--method", help="auto (Sobol up to 12 uncertain parameters, else rank correlations), sobol, or rank.")] = "auto",
    fmt: Format = None, output: Output = None, workers: Workers = "0", lang: Lang = "en", debug: Debug = False,
) -> None:
    """Which assumption matters most: a tornado (each uncertain parameter from its p10 to its
    p90, the others at their means) and a global analysis of what drives the spread of the
    net (Sobol indices, or rank correlations where Sobol would be too costly)."""

    def body() -> None:
        from roi_sim.decisions.sensitivity import sensitivity_analysis
        from roi_sim.model.arguments import check_count, check_ledger, check_workers
        from roi_sim.model.simulate import cpu_count
        from roi_sim.outputs import decision_outputs as decide

        _check_outputs(scenario, ("--output", output))
        chosen = _choose_format(fmt, output, TABLE_OR_JSON, "sensitivity")
        lang_ = _language(lang)
        check_ledger(ledger)
        methods = {"auto": "auto", "sobol": "sobol", "rank": "rank correlation"}
        if method not in methods:
            raise BadInput(Msg("--method {method}: unknown method; allowed: auto, sobol, rank", method=method))
        check_count(points, "points", 64, 1_000_000)
        processes = check_workers(workers) or cpu_count()
        loaded = _load(scenario)
        if not loaded.strategies:
            raise BadInput(Msg("{scenario}: {no_strategies}", scenario=scenario, no_strategies=NO_STRATEGIES))
        tornadoes, globals_ = sensitivity_analysis(loaded, ledger=ledger, n=points, method=methods[method], processes=processes)
        settings = {"ledger": ledger, "points": points, "method": method}
        text = decide.sensitivity_json(loaded, settings, tornadoes, globals_) if chosen == "json" else None
        _emit(output, text, lambda: decide.sensitivity_tables(loaded, settings, tornadoes, globals_, lang_), lang_.code)

    _guarded(debug, body, lang)


def register(app: typer.Typer) -> None:
    for command in (allocate, breakeven, calibrate, voi, sensitivity):
        app.command()(command)
