"""`roi-sim design` (how big must a controlled pilot be) and `roi-sim track` (is the
programme on track). Registered through ``COMMAND_MODULES`` in :mod:`roi_sim.cli.app`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from roi_sim.scenario.message_text import Msg, message_of

if TYPE_CHECKING:
    from roi_sim.decisions.design import ScenarioEffect
    from roi_sim.decisions.pilot_evsi import ControlledPilot
    from roi_sim.scenario.resolved import Scenario


def _format(fmt: str | None, output: Path | None) -> str:
    from roi_sim.cli.app import BadInput

    chosen = fmt or {".json": "json", ".md": "markdown", ".markdown": "markdown"}.get(output.suffix.lower() if output else "", "table")
    if chosen not in ("table", "json", "markdown"):
        raise BadInput(Msg("--format {chosen}: not available here; allowed: table, json, markdown", chosen=chosen))
    return chosen


def _lang(lang: str) -> str:
    from roi_sim.cli.app import BadInput

    if lang not in ("en", "nl"):
        raise BadInput(Msg("--lang {lang}: unknown language; allowed: en, nl", lang=lang))
    return lang


def _write(output: Path | None, text: str, lang: str = "en") -> None:
    from roi_sim.cli.app import write_atomically
    from roi_sim.cli.files import wrote

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
        sys.stderr.write(wrote(output, lang))


def _table(markdown: str) -> str:
    """The Markdown tables are readable as plain text; the table format prints them as they are."""
    return markdown


def _design_result(baseline: float, effect: float | None, per_arm: int | None, alpha: float, power: float, design: str) -> Any:  # noqa: ANN202
    from roi_sim.cli.app import BadInput
    from roi_sim.decisions import design as d

    try:
        if per_arm is not None:
            return d.minimum_detectable_effect(baseline, per_arm, alpha, power, design)
        assert effect is not None
        return d.sample_size(baseline, effect, alpha, power, design)
    except ValueError as exc:
        message = message_of(exc)
        if isinstance(message, Msg) and "arg" in message.params:  # design's "baseline 0: ..." named as its option
            raise BadInput(Msg(message.template, **{**message.params, "arg": "--" + str(message.params["arg"]).replace("_", "-")})) from None
        raise BadInput(f"--{str(exc).split(' ')[0].replace('_', '-')} {' '.join(str(exc).split(' ')[1:])}") from None  # internal: not a Msg


@dataclass(frozen=True)
class _DesignInputs:
    """The pilot's baseline and effect, as given or read from the scenario."""

    loaded: Scenario | None
    read: ScenarioEffect | None
    baseline: float
    effect: float | None
    #: Clients the scenario takes in over all intake years (None without a scenario).
    intake: float | None


def _design_inputs(scenario: Path | None, baseline: float | None, effect: float | None, per_arm: int | None, strategy: str | None) -> _DesignInputs:
    """Options win over the scenario; the scenario's effect is not read when --per-arm asks for the effect."""
    from roi_sim.cli.app import BadInput

    loaded, read, intake, b, e = None, None, None, baseline, effect
    if scenario is not None:
        from roi_sim.decisions.design import scenario_effect
        from roi_sim.scenario.spec import load_scenario

        loaded = load_scenario(scenario)
        try:
            read = scenario_effect(loaded, strategy)
        except ValueError as exc:
            raise BadInput(Msg("{scenario}: {reason}", scenario=scenario, reason=message_of(exc))) from None
        b = read.baseline if b is None else b
        e = read.effect if e is None and per_arm is None else e
        intake = read.intake_per_year * read.intake_years
    if b is None or (e is None and per_arm is None):
        raise BadInput(Msg("give --baseline and --effect (or --per-arm), or a scenario to read them from"))
    if b == 0.0 and baseline is None and read is not None:
        raise BadInput(
            Msg("{scenario}: strategy '{strategy}' has baseline_outflow_rate 0, so a control group would show nothing to compare; give --baseline (e.g. 0.08) or --strategy with a counterfactual", scenario=scenario, strategy=read.strategy)
        )
    if b == 0.0:
        raise BadInput(Msg("--baseline 0: a share off benefit of exactly 0 leaves nothing to compare; give the control group's share, e.g. 0.08"))
    return _DesignInputs(loaded, read, b, e, intake)


def _pilot_value(loaded: Scenario, read: ScenarioEffect, iterations: int, per_arm: int) -> ControlledPilot:
    from roi_sim.decisions.pilot_evsi import controlled_pilot_evsi
    from roi_sim.model.simulate import run

    res = run(loaded, iterations=iterations, keep_parameters=True)
    assert res.parameters is not None
    return controlled_pilot_evsi(loaded, res.parameters, per_arm, seed=loaded.seed, strategy=read.strategy)


def design(
    scenario: Path | None = typer.Argument(None, help="Scenario file (YAML): read baseline and effect from it.", show_default=False),
    baseline: float | None = typer.Option(None, "--baseline", help="Share off benefit at the end of the window without the programme (0.08)."),
    effect: float | None = typer.Option(None, "--effect", help="Effect to detect, in share points (0.05 for +5 pp)."),
    per_arm: int | None = typer.Option(None, "--per-arm", help="Clients per arm: report the minimum detectable effect instead."),
    alpha: float = typer.Option(0.05, "--alpha", help="Significance level (two-sided)."),
    power: float = typer.Option(0.8, "--power", help="Power."),
    design_: str = typer.Option("randomised", "--design", help="randomised or waiting-list."),
    strategy: str | None = typer.Option(None, "--strategy", help="The strategy to evaluate (default: the first)."),
    pilot_value: bool = typer.Option(False, "--value", help="With a scenario: also the EVSI of the controlled pilot."),
    iterations: int = typer.Option(2000, "--iterations", "-n", help="Draws for --value."),
    lang: str = typer.Option("en", "--lang", help="en or nl."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="table, json or markdown."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Clients per arm for a controlled pilot to detect an effect on the share off benefit
    (two proportions, two-sided), or the minimum detectable effect of a given size."""
    from roi_sim.cli.app import BadInput, _guarded

    def body() -> None:
        from roi_sim.outputs import evaluation_outputs as eo

        chosen, language = _format(fmt, output), _lang(lang)
        if design_ not in ("randomised", "waiting-list"):
            raise BadInput(Msg("--design {design}: unknown design; allowed: randomised, waiting-list", design=design_))
        given = _design_inputs(scenario, baseline, effect, per_arm, strategy)
        result = _design_result(given.baseline, given.effect, per_arm, alpha, power, design_)
        pilot = None
        if pilot_value and given.loaded is not None:
            assert given.read is not None
            pilot = _pilot_value(given.loaded, given.read, iterations, result.n_per_arm)
        payload = eo.design_payload(result, given.intake, pilot)
        settings = {"alpha": alpha, "power": power, "design": design_, "strategy": strategy}
        text = eo.design_json(given.loaded, settings, payload) if chosen == "json" else eo.design_markdown(payload, language)
        _write(output, text, language)

    _guarded(debug, body, lang)


def track(
    scenario: Path = typer.Argument(..., help="Scenario file (YAML): the plan.", show_default=False),
    realised: Path = typer.Option(..., "--realised", help="CSV: month,clients_started,left_benefit,returned[,control_started,control_left_benefit].", show_default=False),
    strategy: str | None = typer.Option(None, "--strategy", help="The strategy being run (default: the first)."),
    iterations: int | None = typer.Option(None, "--iterations", "-n", help="Monte Carlo iterations (default: the scenario's)."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed (default: the scenario's)."),
    plot: Path | None = typer.Option(None, "--plot", help="Write the plan-versus-realised chart (.png or .svg)."),
    lang: str = typer.Option("en", "--lang", help="en or nl."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="table, json or markdown."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the result to this file (atomically)."),
    debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
) -> None:
    """Plan against realised: the updated belief in the rates, a re-forecast of the net
    savings and a verdict (on track, behind, ahead) with the chance it still pays."""
    from roi_sim.cli.app import BadInput, _guarded, write_atomically

    def body() -> None:
        from roi_sim.decisions.track import RealisedError, plan_for, read_realised, untrackable
        from roi_sim.decisions.track import track as do_track
        from roi_sim.model.simulate import run
        from roi_sim.outputs import evaluation_outputs as eo
        from roi_sim.scenario.spec import load_scenario

        chosen, language = _format(fmt, output), _lang(lang)
        if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
            raise BadInput(Msg("--plot {plot}: give a .png or .svg file name", plot=plot))
        if iterations is not None and iterations < 1:
            raise BadInput(Msg("--iterations {iterations}: must be 1 or more", iterations=iterations))
        loaded = load_scenario(scenario)
        names = [s.name for s in loaded.strategies]
        if not names:
            raise BadInput(Msg("{scenario}: the scenario has no strategies to track", scenario=scenario))
        name = names[0] if strategy is None else strategy
        if name not in names:
            raise BadInput(Msg("--strategy {name}: no such strategy; the scenario has: {names}", name=name, names=', '.join(names)))
        if (problem := untrackable(loaded, name)) is not None:
            raise BadInput(Msg("{scenario}: {problem}", scenario=scenario, problem=problem))
        try:
            data = read_realised(realised, loaded.horizon_months)
        except RealisedError as exc:
            raise BadInput(message_of(exc)) from None
        result = run(loaded, iterations=iterations, seed=seed, keep_parameters=True)
        tracking = do_track(result, data, name)
        plan = plan_for(loaded, name)
        payload = eo.track_payload(tracking, plan, data)
        settings = {"strategy": name, "iterations": result.settings.iterations, "seed": result.settings.seed, "realised": str(realised)}
        text = eo.track_json(loaded, settings, payload) if chosen == "json" else eo.track_markdown(payload, language)
        if plot is not None:
            write_atomically(plot, eo.plan_vs_realised_chart(plan, data, language, plot.suffix.lower()[1:]), binary=True)
        _write(output, text, language)

    _guarded(debug, body, lang)


def register(app: typer.Typer) -> None:
    app.command()(design)
    app.command()(track)
