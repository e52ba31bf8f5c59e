"""Typer's own usage errors (a missing argument, an unknown option, a bad value for a typed
option) in the user's language.

Typer prints these itself, before any roi-sim command runs and so before ``--lang`` is read:
the language comes from the command line as typed (``--lang nl`` or ``--lang=nl``). Typer's
bundled click has no message catalogue, so its English sentences are matched here, one
pattern per kind of error click writes (``typer/_click/exceptions.py``, ``parser.py``,
``core.py``); a sentence no pattern knows keeps its English words inside the Dutch frame.
English output is click's own, unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import IO, Any

#: (click's English, the Dutch) — the groups keep the option, argument and value as typed.
_SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), dutch)
    for english, dutch in (
        (r"^Missing argument (.+)\.$", r"Ontbrekend argument \1."),
        (r"^Missing option (.+)\.$", r"Ontbrekende optie \1."),
        (r"^Missing parameter: (.+)$", r"Ontbrekende parameter: \1"),
        (r"^No such option: (\S+) \(Possible options: (.+)\)$", r"Onbekende optie: \1 (mogelijke opties: \2)"),
        (r"^No such option: (\S+)$", r"Onbekende optie: \1"),
        (r"^No such command (.+?)\. Did you mean (.+)\?$", r"Onbekend commando \1. Bedoelt u \2?"),
        (r"^No such command (.+)\.$", r"Onbekend commando \1."),
        (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"Onverwachte extra argumenten (\1)"),
        (r"^Option (.+) requires an argument\.$", r"Optie \1 vraagt een waarde."),
        (r"^Option (.+) requires (\d+) arguments\.$", r"Optie \1 vraagt \2 waarden."),
        (r"^Invalid value for (.+?): (.+) is not a valid float\.$", r"Ongeldige waarde voor \1: \2 is geen getal."),
        (r"^Invalid value for (.+?): (.+) is not a valid integer\.$", r"Ongeldige waarde voor \1: \2 is geen geheel getal."),
        (r"^Invalid value for (.+?): (.+) is not one of (.+)\.$", r"Ongeldige waarde voor \1: \2 is niet een van \3."),
        (r"^Invalid value for (.+?): Input should be a valid number.*$", r"Ongeldige waarde voor \1: dit is geen getal"),
        (r"^Invalid value for (.+?): Input should be a valid integer.*$", r"Ongeldige waarde voor \1: dit is geen geheel getal"),
        (r"^Invalid value for (.+?): (.*)$", r"Ongeldige waarde voor \1: \2"),
    )
)


def requested_language(argv: Sequence[str]) -> str:
    """The ``--lang`` given on the command line (the last one wins, as click reads it), else en."""
    code = "en"
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            code = argv[i + 1]
        elif arg.startswith("--lang="):
            code = arg.split("=", 1)[1]
    return code


def dutch_sentence(english: str) -> str:
    for pattern, dutch in _SENTENCES:
        if pattern.match(english):
            return pattern.sub(dutch, english)
    return english


def _show_dutch(error: Any, file: IO[Any] | None = None) -> None:
    from typer._click.utils import echo

    ctx = getattr(error, "ctx", None)
    out = file or sys.stderr
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage: ", "Gebruik: ", 1).replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]", "COMMANDO [ARGUMENTEN]")
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Probeer '{ctx.command_path} {ctx.help_option_names[0]}' voor hulp.\n"
        echo(f"{usage}\n{hint}", file=out)
    echo(f"Fout: {dutch_sentence(error.format_message())}", file=out)


def install(argv: Sequence[str]) -> None:
    """Show typer's usage errors in Dutch when ``argv`` asks for ``--lang nl``."""
    if requested_language(argv) != "nl":
        return
    from typer._click import exceptions

    original = exceptions.UsageError.show

    def show(self: Any, file: IO[Any] | None = None) -> None:
        try:
            _show_dutch(self, file)
        except Exception:  # noqa: BLE001 - an unexpected shape: click's own English rather than nothing
            original(self, file)

    exceptions.UsageError.show = show  # type: ignore[method-assign]
