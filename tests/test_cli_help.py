"""`roi-sim --help` shows each command's summary whole, never cut with "..." (issue 17.6)."""

from __future__ import annotations

import re

import typer

from roi_sim.cli.app import SUMMARIES, app


def _commands() -> dict[str, str]:
    group = typer.main.get_group(app)
    return {name: cmd.get_short_help_str() for name, cmd in group.commands.items()}


def test_every_command_has_a_whole_summary(cli) -> None:
    shown = _commands()
    assert set(shown) == set(SUMMARIES)
    text = cli("--help").stdout
    flat = " ".join(text.split())
    for name, summary in shown.items():
        assert summary == SUMMARIES[name]
        assert not summary.endswith(("...", "…"))
        assert f"{name} {summary}" in flat
    assert "..." not in text.split("Commands:")[1]


def test_summaries_fit_an_80_column_terminal(cli) -> None:
    # On one line at 80 columns: the longest name (sensitivity) plus its summary.
    lines = cli("--help").stdout.split("Commands:")[1].strip("\n").split("\n")
    assert len(lines) == len(SUMMARIES)
    assert all(re.match(r"  [a-z]+ +\S", line) and len(line) <= 80 for line in lines)
