"""Exit codes and the one-line error (the CLI is the only place that knows exit codes).

The error is printed in the command's ``--lang`` (issue 10.5): the library's messages are
:class:`~roi_sim.scenario.message_text.Msg` texts, rendered here with the language's
catalogue (``roi_sim/outputs/language/errors_nl.py``); English is the message itself.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from typing import Any, NoReturn

import typer

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class BadInput(Exception):
    """Input the user can fix: reported in one line with exit code 2."""


#: The ``--lang`` of the running command, set by ``_guarded`` (roi_sim/cli/app.py).
ERROR_LANGUAGE: ContextVar[str] = ContextVar("error_language", default="en")


def error_language() -> str:
    """The ``--lang`` of the running command (``en`` when it has none, or an unknown one)."""
    return ERROR_LANGUAGE.get()


def say(text: object, lang: str | None = None) -> str:
    """An error message (a :class:`Msg`, a :class:`ScenarioError`, or plain text) in ``lang``
    (default: the running command's)."""
    from roi_sim.scenario.errors import ScenarioError
    from roi_sim.scenario.message_text import render

    lang = error_language() if lang is None else lang
    catalogue: Any = None
    if lang == "nl":
        from roi_sim.outputs.language.errors_nl import ERRORS

        catalogue = ERRORS
    grouping = "." if lang == "nl" else ","
    from roi_sim.model.arguments import ArgumentError

    if isinstance(text, ArgumentError):
        return text.text("cli", catalogue, grouping=grouping)
    if isinstance(text, ScenarioError):
        return text.render(catalogue, grouping=grouping)
    if isinstance(text, BaseException):
        from roi_sim.scenario.message_text import message_of

        return render(message_of(text), catalogue, grouping=grouping)
    return render(text, catalogue, grouping=grouping)


def _error(message: object, code: int) -> NoReturn:
    """Print ``roi-sim: error: <message>`` in the command's language and exit with ``code``;
    ``message`` is a :class:`Msg`, an exception or plain text."""
    from roi_sim.outputs.safe_text import safe_text

    sys.stderr.write(f"roi-sim: {safe_text(say(_error_line(say(message))))}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def _error_line(message: str) -> str:
    from roi_sim.scenario.message_text import Msg

    return Msg("error: {message}", message=message)
