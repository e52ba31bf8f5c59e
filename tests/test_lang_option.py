"""Issue 10.5: every command that prints words takes --lang en|nl (the shared option of
roi_sim/cli/options.py); `schema` prints JSON only. `validate` in Dutch."""

from __future__ import annotations

import typer

from roi_sim.cli.app import app
from tests.conftest import LELYSTAD_AS_TOLD

#: Commands whose output has no words to translate.
WORDLESS = {"schema"}


def test_every_command_that_prints_words_takes_lang() -> None:
    group = typer.main.get_group(app)
    missing = [name for name, command in group.commands.items()
               if name not in WORDLESS and not any("--lang" in p.opts for p in command.params)]
    assert missing == []


def test_the_shared_lang_option_is_used() -> None:
    group = typer.main.get_group(app)
    helps = {name: next(p.help for p in command.params if "--lang" in p.opts)
             for name, command in group.commands.items() if name in ("run", "breakeven", "voi", "compare", "allocate", "validate")}
    assert len(set(helps.values())) == 1, helps


STRATEGIES = LELYSTAD_AS_TOLD + "strategies:\n  - name: Plan\n  - name: Dearer\n    cost_per_client: 7000\n"


def test_validate_in_dutch(cli, write) -> None:
    path = write(STRATEGIES)
    done = cli("validate", path, "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        f"{path}: geldig. 'Lelystad as the article tells it': 2 strategieën ('Plan', 'Dearer'), rekenperiode 6 jaar, "
        "20.000 gesimuleerde toekomsten, seed 0."
    )
    assert lines[1] == "Waarden zoals gelezen:"
    assert "  strategie 'Plan':" in lines and "  strategie 'Dearer':" in lines and "    cost_per_client: 7,000" in lines
    english = cli("validate", path)
    assert english.stdout.splitlines()[0] == (
        f"{path}: valid. 'Lelystad as the article tells it': 2 strategies ('Plan', 'Dearer'), 6-year horizon, "
        "20,000 iterations, seed 0."
    )
    assert cli("validate", path, "--lang", "en").stdout == english.stdout
    assert "  strategy 'Plan':" in english.stdout.splitlines()


def test_validate_in_dutch_with_groups_and_one_strategy(cli) -> None:
    done = cli("validate", "scenarios/tiers.yaml", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    assert "    doelgroep '50-80%':" in done.stdout.splitlines()
    one = cli("validate", "scenarios/lelystad-as-told.yaml", "--lang", "nl").stdout.splitlines()[0]
    assert ": 1 strategie ('Lelystad as the article tells it')," in one


def test_validate_refuses_an_unknown_language(cli, write) -> None:
    done = cli("validate", write(STRATEGIES), "--lang", "fr")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr == "roi-sim: error: --lang fr: unknown language; allowed: en, nl\n"
