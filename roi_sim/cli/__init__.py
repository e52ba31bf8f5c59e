"""The command line: a thin typer app, the only place that knows exit codes."""

from roi_sim.cli.app import app, main

__all__ = ["app", "main"]
