"""The commands that simulate a scenario and show it: run, compare, report; and the two that
only read one: validate, schema. Each parses its options and calls :func:`roi_sim.api.simulate`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from roi_sim.cli.app import BadInput, _check_outputs, _choose_format, _emit, _guarded, write_atomically
from roi_sim.cli.files import document_time, write_stdout, wrote
from roi_sim.cli.options import Debug, Deterministic, Format, Iterations, Lang, Output, ScenarioArg, Seed, TargetSe, Workers
from roi_sim.scenario.message_text import Msg, message_of

RUN_FORMATS = ("table", "json", "markdown", "csv", "xlsx")
COMPARE_FORMATS = ("table", "json", "markdown")
Plot = Annotated[
    Path | None,
    typer.Option("--plot", help="Also write a chart (.png or .svg): the fan chart of cumulative net cash flow.", show_default=False),
]


def language(code: str) -> Any:
    from roi_sim.outputs.language import LANGUAGES
    from roi_sim.outputs.language import language as lookup

    if code not in LANGUAGES:
        raise BadInput(Msg("--lang {code}: unknown language; allowed: {languages}", code=code, languages=', '.join(LANGUAGES)))
    return lookup(code)


def _progress_reporter(enabled: bool, lang: str = "en") -> tuple[Any, Callable[[int, int], None] | None]:
    """A progress bar on stderr (only on a terminal), and the callback that advances it."""
    if not enabled or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from roi_sim.outputs.language import LANGUAGES
    from roi_sim.outputs.language import language as lookup

    progress = Progress(
        TextColumn(lookup(lang if lang in LANGUAGES else "en").t("progress_simulating")), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = progress.add_task("run", total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, advance


def simulate(
    scenario: Path, iterations: str | None, seed: str | None, deterministic: bool, workers: str,
    target_se: float | None = None, keep_monthly: bool = False, lang: str = "en",
    meanwhile: Callable[[Any], None] | None = None,
) -> tuple[Any, bytes]:
    """Read the scenario once and simulate it (with a progress bar); warn on stderr when
    the Monte Carlo error is large against a mean. The result and the bytes read.
    ``meanwhile(scenario)`` runs while the workers simulate (see :func:`roi_sim.api.simulate`)."""
    from roi_sim import api
    from roi_sim.model.arguments import check_iterations, check_seed, check_target_se, check_workers
    from roi_sim.model.simulate import tune_allocator
    from roi_sim.outputs.safe_text import safe_text

    n_iter = check_iterations(iterations)
    target = check_target_se(target_se, n_iter)
    checked_seed, n_workers = check_seed(seed), check_workers(workers)
    loaded, raw = api.read_scenario(scenario)
    tune_allocator()
    progress, advance = _progress_reporter(not deterministic, lang)

    def go() -> Any:
        return api.simulate(loaded, n_iter, checked_seed, deterministic, n_workers, target_se=target, progress=advance,
                            keep_monthly=keep_monthly, meanwhile=None if meanwhile is None else partial(meanwhile, loaded))

    if progress is None:
        result = go()
    else:
        with progress:
            result = go()
    if result.target_se is not None:
        from roi_sim.outputs.language import LANGUAGES
        from roi_sim.outputs.language import language as lookup

        words = lookup(lang if lang in LANGUAGES else "en")
        state = words.t("auto_reached" if result.target_met else "auto_not_reached")
        count = words.number(float(result.iterations)) if lang == "nl" else f"{result.iterations:,}"
        se = f"{result.target_se:,.0f}".replace(",", ".") if lang == "nl" else f"{result.target_se:,.0f}"
        sys.stderr.write("roi-sim: " + words.t("auto_iterations", n=count, se=se, state=state) + "\n")
    label = "waarschuwing" if lang == "nl" else "warning"
    for warning in result.warnings(lang):
        sys.stderr.write(f"roi-sim: {label}: {safe_text(warning)}\n")
    return result, raw


def run(
    scenario: ScenarioArg, iterations: Iterations = None, target_se: TargetSe = None, seed: Seed = None,
    deterministic: Deterministic = False, fmt: Format = None, output: Output = None, workers: Workers = "0",
    lang: Lang = "en", plot: Plot = None, debug: Debug = False,
) -> None:
    """Simulate a scenario and print what it earns back: a summary per strategy and a
    year-by-year cash-flow table."""

    def body() -> None:
        _check_outputs(scenario, ("--output", output), ("--plot", plot))
        chosen = _choose_format(fmt, output, RUN_FORMATS, "run")
        lang_ = language(lang)
        if chosen == "xlsx" and output is None:
            raise BadInput(Msg("--format xlsx: a workbook is a file; give --output results.xlsx"))
        if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
            raise BadInput(Msg("--plot {plot}: give a .png or .svg file name", plot=plot))
        created = document_time() if chosen == "xlsx" else None
        result, _ = simulate(scenario, iterations, seed, deterministic, workers, target_se, keep_monthly=plot is not None, lang=lang_.code)
        _write_run(result, chosen, output, lang_, plot, created)

    _guarded(debug, body, lang)


def _write_run(result: Any, chosen: str, output: Path | None, lang: Any, plot: Path | None, created: Any) -> None:
    from roi_sim.outputs import formats as report

    run_ = result.run
    if chosen == "xlsx":
        assert output is not None
        from roi_sim.outputs.workbook import XLSX_LABELS, workbook_bytes

        data = workbook_bytes(
            result.to_dict(), None if run_.settings.deterministic else run_.iterations, XLSX_LABELS[lang.code],
            created=created, societal=report._any_societal(run_), lang=lang,
        )
        write_atomically(output, data, binary=True)
        sys.stderr.write(wrote(output, lang.code))
        return
    texts: dict[str, Callable[[], str | None]] = {
        "table": lambda: None if output is None else report.to_text(run_, lang=lang),
        "markdown": lambda: report.to_markdown(run_, lang),
    }
    text = texts.get(chosen, lambda: report.render(run_, chosen, lang))()
    if plot is not None:
        from roi_sim.outputs.council_report import make_charts

        charts = make_charts(run_, lang, plot.suffix.lower().lstrip("."))
        write_atomically(plot, charts.get("fan", charts["comparison"]), binary=True, option="--plot")
        sys.stderr.write(wrote(plot, lang.code))
    _emit(output, text, lambda: report.render_tables(run_, lang), lang.code)


def compare(
    scenario: ScenarioArg, iterations: Iterations = None, target_se: TargetSe = None, seed: Seed = None,
    fmt: Format = None, output: Output = None, workers: Workers = "0", lang: Lang = "en", debug: Debug = False,
) -> None:
    """Compare strategies pairwise on the same simulated futures: mean difference, its 90%
    interval and the chance that A beats B, in the fiscal and the societal ledger; and the
    rankings by expected net and by chance of a positive net."""

    def body() -> None:
        from roi_sim.outputs import formats as report

        _check_outputs(scenario, ("--output", output))
        chosen = _choose_format(fmt, output, COMPARE_FORMATS, "compare")
        lang_ = language(lang)
        result, _ = simulate(scenario, iterations, seed, False, workers, target_se, lang=lang_.code)
        texts = {"json": lambda: report.comparison_to_json(result.run), "markdown": lambda: report.comparison_to_markdown(result.run, lang_)}
        text = texts[chosen]() if chosen in texts else None
        _emit(output, text, lambda: report.render_comparison_tables(result.run, lang_), lang_.code)

    _guarded(debug, body, lang)


def report(
    scenario: ScenarioArg, output: Output = None, lang: Lang = "en", iterations: Iterations = None, seed: Seed = None,
    deterministic: Deterministic = False, workers: Workers = "0",
    realised: Path | None = typer.Option(
        None, "--realised", help="Add the tracking page: monthly counts (CSV, as for `roi-sim track`) against the plan."
    ),
    strategy: str | None = typer.Option(None, "--strategy", help="With --realised: the strategy being run (default: the first)."),
    debug: Debug = False,
) -> None:
    """Write a council-ready report: the question, every assumption with its source, the
    headline, the year-by-year budget tables, gross savings beside the corrected savings,
    charts, and the comparison and sensitivity sections where the scenario has them."""

    def body() -> None:
        from roi_sim.model.arguments import check_workers
        from roi_sim.model.simulate import cpu_count
        from roi_sim.outputs.charts import warm_up
        from roi_sim.outputs.council_report import build_report

        kinds = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
        if output is None:
            raise BadInput(Msg("--output: give the report's file name, e.g. --output report.html (or .md)"))
        _check_outputs(scenario, ("--output", output))
        kind = kinds.get(output.suffix.lower())
        if kind is None:
            raise BadInput(Msg("--output {output}: give a .html or .md file name", output=output))
        lang_ = language(lang)
        created = document_time()
        early: dict[str, Any] = {}

        def meanwhile(loaded: Any) -> None:
            # Neither needs the simulation: the tornado is deterministic, and the chart
            # processes forked later inherit matplotlib instead of importing it each.
            from roi_sim.decisions.sensitivity import tornado

            early["tornado"] = tornado(loaded)
            warm_up()

        result, raw = simulate(
            scenario, iterations, seed, deterministic, workers, keep_monthly=True, lang=lang_.code, meanwhile=meanwhile,
        )
        # The bytes read before simulating, not the file now: the report quotes what was run.
        text = raw.decode("utf-8-sig")
        tracking = None if realised is None else _tracking_pieces(result.scenario, realised, strategy, iterations, seed, lang_)
        processes = check_workers(workers) or cpu_count()
        write_atomically(output, build_report(result.run, text, lang_, kind, created, early["tornado"], tracking, processes))
        sys.stderr.write(wrote(output, lang_.code))

    _guarded(debug, body, lang)


def _tracking_pieces(loaded: Any, realised: Path, strategy: str | None, iterations: Any, seed: Any, lang: Any) -> list[Any]:
    """The tracking page of the report (same scenario, same seed: the plan the council saw)."""
    from roi_sim.decisions.track import RealisedError, plan_for, read_realised, track, untrackable
    from roi_sim.model.arguments import check_iterations, check_seed
    from roi_sim.model.simulate import run
    from roi_sim.outputs import evaluation_outputs as eo
    from roi_sim.outputs.tracking_page import tracking_pieces

    names = [s.name for s in loaded.strategies]
    name = names[0] if strategy is None else strategy
    if name not in names:
        raise BadInput(Msg("--strategy {name}: no such strategy; the scenario has: {names}", name=name, names=', '.join(names)))
    if (problem := untrackable(loaded, name)) is not None:
        raise BadInput(Msg("--realised: {problem}", problem=problem))
    try:
        data = read_realised(realised, loaded.horizon_months)
    except RealisedError as exc:
        raise BadInput(message_of(exc)) from None
    result = run(loaded, iterations=check_iterations(iterations, auto=False), seed=check_seed(seed), keep_parameters=True)  # type: ignore[arg-type]
    plan = plan_for(loaded, name)
    payload = eo.track_payload(track(result, data, name), plan, data)
    return tracking_pieces(payload, eo.plan_vs_realised_chart(plan, data, lang.code), lang)


def validate(scenario: ScenarioArg, lang: Lang = "en", debug: Debug = False) -> None:
    """Check a scenario file without running it."""

    def body() -> None:
        from roi_sim import api
        from roi_sim.outputs.safe_text import safe_text
        from roi_sim.outputs.validation import validation_text

        lang_ = language(lang)
        loaded = api.load(Path(scenario))
        write_stdout(safe_text(validation_text(str(scenario), loaded, lang_)))

    _guarded(debug, body, lang)


def schema() -> None:
    """Print the JSON Schema of scenario files (for editors' completion and checking)."""

    def body() -> None:
        import json

        from roi_sim.scenario.spec import json_schema

        write_stdout(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")

    _guarded(False, body)


def register(app: typer.Typer) -> None:
    for command in (run, compare, report, validate, schema):
        app.command()(command)
