"""Exit codes and the one-line error (the CLI is the only place that knows exit codes)."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class BadInput(Exception):
    """Input the user can fix: reported in one line with exit code 2."""


def _error(message: str, code: int) -> NoReturn:
    from roi_sim.outputs.safe_text import safe_text

    sys.stderr.write(f"roi-sim: error: {safe_text(message)}\n")
    sys.stderr.flush()
    raise typer.Exit(code)
