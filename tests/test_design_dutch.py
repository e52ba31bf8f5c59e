"""Issue 10.5 / 17.6: `design --lang nl` writes the design's name and its numbers as a Dutch
reader does (gerandomiseerd, α 0,05, 3.213 clients), the same figures as in English."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from roi_sim.cli.app import app


def _out(*args: str) -> str:
    result = CliRunner().invoke(app, ["design", "--baseline", "0.08", "--effect", "0.02", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_dutch_design_speaks_dutch_numbers() -> None:
    english, dutch = _out(), _out("--lang", "nl")
    assert "## Evaluation design (randomised, α 0.05, power 0.8)" in english
    assert "## Evaluatieopzet (gerandomiseerd, α 0,05, onderscheidend vermogen 0,8)" in dutch
    n_en = re.search(r"\| Clients per arm \| ([\d,]+) \|", english)
    n_nl = re.search(r"\| Cliënten per groep \| ([\d.]+) \|", dutch)
    assert n_en and n_nl and int(n_en.group(1).replace(",", "")) > 999
    assert n_nl.group(1) == n_en.group(1).replace(",", ".")


def test_a_waiting_list_design_is_named_in_dutch() -> None:
    assert "(wachtlijst," in _out("--design", "waiting-list", "--lang", "nl")


def test_the_pilot_value_of_a_dutch_design_is_written_in_dutch() -> None:
    """`design SCENARIO --value --lang nl` printed the analysis's English sentence; the
    clients per arm in it are the table's, with the language's thousands separator."""
    args = ["design", "scenarios/lelystad.yaml", "--design", "waiting-list", "--value", "--iterations", "200"]
    english = CliRunner().invoke(app, args).output
    dutch = CliRunner().invoke(app, [*args, "--lang", "nl"]).output
    n_en = re.search(r"\| Clients per arm \| ([\d,]+) \|", english)
    n_nl = re.search(r"\| Cliënten per groep \| ([\d.]+) \|", dutch)
    assert n_en and n_nl and int(n_en.group(1).replace(",", "")) > 999
    assert f"A controlled pilot of {n_en.group(1)} clients per arm (programme and control) is worth €" in english
    assert f"Een gecontroleerde pilot met {n_nl.group(1)} cliënten per groep (deelnemers en controlegroep) is € " in dutch
    assert "A controlled pilot" not in dutch and "clients per arm" not in dutch
