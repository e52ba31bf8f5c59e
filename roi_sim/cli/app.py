"""The ``roi-sim`` command line: a thin typer app. The only module that knows exit codes.

Exit codes: 0 success; 1 an unexpected internal error (``--debug`` shows the trace);
2 bad input (a one-line message naming file, line and key, or the argument); 130
interrupted (Ctrl-C), 143 and 129 ended by SIGTERM and SIGHUP.

Each command parses its options and makes one library call (:mod:`roi_sim.api`,
:mod:`roi_sim.decisions`); argument checks live in the library. numpy, pydantic and the
engine are imported inside the commands, so ``roi-sim --help`` starts quickly.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from roi_sim import __version__
from roi_sim.cli.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, BadInput, _error
from roi_sim.cli.files import StdoutClosed, check_output_path, silence_stdout, write_atomically, write_stdout, wrote
from roi_sim.scenario.message_text import Msg

__all__ = ["BadInput", "EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "_choose_format", "_emit", "_error",
           "_guarded", "app", "main", "write_atomically"]

_FORMATS = ("table", "json", "markdown", "csv", "xlsx")
_EXTENSION_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".txt": "table", ".xlsx": "xlsx"}
#: Exit code of a write to a closed pipe (`roi-sim schema | head -1`): 128 + SIGPIPE, as a shell reports it.
EXIT_BROKEN_PIPE = 141

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


def _guarded(debug: bool, body: Callable[[], None], lang: str = "en") -> None:
    """Run a command body, turning exceptions into one-line messages and exit codes; the
    messages in ``lang`` (the command's ``--lang``; English when it is unknown)."""
    from roi_sim.cli.errors import ERROR_LANGUAGE
    from roi_sim.scenario.spec import ScenarioError

    ERROR_LANGUAGE.set(lang if lang == "nl" else "en")
    try:
        body()
    except (ScenarioError, BadInput) as exc:  # ArgumentError too, named as its option
        _error(exc, EXIT_BAD_INPUT)
    except StdoutClosed as exc:
        if exc.broken_pipe:
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        _error(Msg("cannot write to standard output: {reason}", reason=str(exc)), EXIT_BAD_INPUT)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the CLI boundary: never a bare traceback
        _after_signal()
        if debug:
            traceback.print_exc()
        _error(Msg("internal error: {kind}: {reason} (run with --debug to see the trace)", kind=type(exc).__name__, reason=exc),
               EXIT_INTERNAL)


def _interrupted(exc: KeyboardInterrupt) -> None:
    from roi_sim.cli.errors import say
    from roi_sim.cli.signals import Terminated, end_workers

    end_workers()
    if isinstance(exc, Terminated):
        sys.stderr.write(f"roi-sim: {say(Msg('ended by {name}; no output was written', name=exc.name))}\n")
        raise typer.Exit(exc.exit_code) from None
    sys.stderr.write(f"roi-sim: {say(Msg('interrupted; no output was written'))}\n")
    raise typer.Exit(EXIT_INTERRUPTED) from None


def _after_signal() -> None:
    """A signal whose exception Python swallowed (it can land in a fork hook or a
    destructor) still ends the run as that signal; the error that follows (a broken
    worker pool) is its consequence, not an internal error."""
    from roi_sim.cli.signals import Terminated, received

    signum = received()
    if signum is not None:
        _interrupted(Terminated(signum))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"roi-sim {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """roi-sim: re-integration investment ROI simulator."""


def _choose_format(
    fmt: str | None, output: Path | None, allowed: tuple[str, ...] | None = None, command: str = "this command"
) -> str:
    """The output format: ``--format``, else from ``--output``'s extension, else table.
    With ``allowed`` (the formats the command can write), an extension the command cannot
    write is refused instead of getting text under a misleading name (out.pdf)."""
    if fmt is not None and fmt not in _FORMATS:
        raise BadInput(Msg("--format {fmt}: unknown format; allowed: {formats}", fmt=fmt, formats=', '.join(_FORMATS)))
    if fmt is not None and allowed is not None and fmt not in allowed:
        raise BadInput(Msg("--format {fmt}: not available for {command}; allowed: {allowed}", fmt=fmt, command=command, allowed=', '.join(allowed)))
    suffix = "" if output is None else output.suffix.lower()
    by_name = _EXTENSION_FORMATS.get(suffix)
    if allowed is not None and suffix and (by_name not in allowed or (fmt is not None and "xlsx" in (fmt, by_name) and fmt != by_name)):
        names = ", ".join(ext for ext, f in _EXTENSION_FORMATS.items() if f in allowed and (fmt is None or (f == "xlsx") == (fmt == "xlsx")))
        raise BadInput(Msg("--output {output}: {command} cannot write a {suffix} file; give a name ending in {names}, or none", output=output, command=command, suffix=suffix, names=names))
    if fmt is not None:
        return fmt
    return by_name or "table"


def _emit(output: Path | None, text: str | None, tables: Callable[[], list[Any]], lang: str = "en") -> None:
    """Write ``text`` to ``output`` (atomically), or print it, or print the rich tables;
    control characters from the scenario's names escaped (JSON text has none raw)."""
    from roi_sim.outputs.safe_text import safe_renderables, safe_text

    if text is not None:
        text = safe_text(text)
    if output is not None:
        if text is None:
            from roi_sim.outputs.formats import renderables_to_text

            text = renderables_to_text(tables())
        write_atomically(output, text)
        sys.stderr.write(wrote(output, lang))
    elif text is not None:
        write_stdout(text)
    else:
        from rich.console import Console

        console = Console(width=None if sys.stdout.isatty() else 120)
        try:
            for item in safe_renderables(tables()):
                console.print(item)
            sys.stdout.flush()
        except OSError as exc:
            silence_stdout()
            raise StdoutClosed(exc) from None


def _check_outputs(scenario: Path | None, *outputs: tuple[str, Path | None]) -> None:
    """Every output checked, and told apart from the others, before anything is simulated."""
    from roi_sim.cli.files import check_distinct

    given = [(name, path) for name, path in outputs if path is not None]
    for name, path in given:
        check_output_path(path, scenario, name)
    for i, first in enumerate(given):
        for second in given[i + 1:]:
            check_distinct(first, second)


def _simulate(
    scenario: Path, iterations: str | None, seed: object | None, deterministic: bool, workers: object, output: Path | None,
    target_se: float | None = None, keep_monthly: bool = False,
) -> Any:
    """Kept for command modules written against the earlier app.py: check ``output``, read
    and simulate the scenario; the model's RunResult."""
    from roi_sim.cli.run_commands import simulate

    _check_outputs(scenario, ("--output", output))
    seed_text = None if seed is None else str(seed)
    return simulate(scenario, iterations, seed_text, deterministic, str(workers), target_se, keep_monthly)[0].run


def __getattr__(name: str) -> Any:
    # Helpers that moved out of this module, still importable from it by their old names.
    from roi_sim.cli import files, run_commands

    moved = {"_language": run_commands.language, "_created": files.document_time, "_check_output_path": check_output_path,
             "_progress_reporter": run_commands._progress_reporter}
    if name in moved:
        return moved[name]
    raise AttributeError(f"module 'roi_sim.cli.app' has no attribute {name!r}")


# The core commands, then those that live in their own modules (roi_sim/cli/<name>.py, each
# with ``register(app)``), in the order ``--help`` lists them.
_CORE_MODULES: tuple[str, ...] = ("run_commands", "decide_commands")
# One module per line; they must import only typer at module level so ``--help`` stays quick.
COMMAND_MODULES: tuple[str, ...] = (
    "evaluation_command",
    "sweep_command",
    "init_command",
)


#: Each command's line in ``roi-sim --help``, shown whole: click would cut the docstring's first
#: sentence at about 45 characters with "...". A command not listed gets its first sentence.
SUMMARIES = {
    "run": "Simulate a scenario: what it earns back, year by year.",
    "compare": "Compare strategies pairwise on the same simulated futures.",
    "report": "Write a council-ready report (HTML or Markdown).",
    "validate": "Check a scenario file without running it.",
    "schema": "Print the JSON Schema of scenario files.",
    "allocate": "Split a yearly budget over target groups for the best net.",
    "breakeven": "The value of a parameter at which the net savings are zero.",
    "calibrate": "Turn pilot counts into a beta distribution for a rate.",
    "voi": "What more certainty before deciding would be worth.",
    "sensitivity": "Which assumption matters most: tornado and global analysis.",
    "design": "Clients per arm for a controlled pilot to detect an effect.",
    "track": "Plan against realised: the re-forecast and a verdict.",
    "sweep": "Run one scenario for many rows (municipalities, a grid).",
    "merge": "Combine the shards of a sweep into one output.",
    "init": "Write a commented starting scenario with sourced defaults.",
}


def _first_sentence(doc: str | None) -> str:
    import re

    return re.split(r"(?<=[.!?])\s", " ".join((doc or "").split()), maxsplit=1)[0]


def _register_command_modules() -> None:
    import importlib

    for name in (*_CORE_MODULES, *COMMAND_MODULES):
        importlib.import_module(f"roi_sim.cli.{name}").register(app)
    for info in app.registered_commands:
        if info.short_help is None and info.callback is not None:
            command = info.name or info.callback.__name__.replace("_", "-")
            info.short_help = SUMMARIES.get(command) or _first_sentence(info.callback.__doc__)


_register_command_modules()


def main() -> None:
    """Console-script entry point: SIGTERM and SIGHUP handled like Ctrl-C."""
    from roi_sim.cli import signals, usage_errors

    signals.install()
    usage_errors.install(sys.argv[1:])
    try:
        app()
    except KeyboardInterrupt as exc:  # a signal outside any command body
        try:
            _interrupted(exc)
        except typer.Exit as done:
            raise SystemExit(done.exit_code) from None
    except SystemExit as done:
        try:
            sys.stdout.flush()
        except OSError as exc:
            silence_stdout()
            if done.code in (0, None):
                from roi_sim.cli.errors import say

                reason = Msg("cannot write to standard output: {reason}", reason=str(exc.strerror or exc))
                sys.stderr.write(f"roi-sim: {say(Msg('error: {message}', message=reason))}\n")
                raise SystemExit(EXIT_BAD_INPUT) from None
        raise
