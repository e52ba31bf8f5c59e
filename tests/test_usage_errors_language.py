"""Issue 10.5 / 17.6: typer's own usage errors (before any roi-sim command runs) follow
``--lang nl``; English stays click's own text. Run as a user runs it: a whole process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from roi_sim.cli.usage_errors import dutch_sentence, requested_language

ROOT = Path(__file__).resolve().parent.parent


def _stderr(*args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "roi_sim", *args], capture_output=True, text=True, env=env, cwd=ROOT)
    return done.returncode, done.stderr


@pytest.mark.parametrize("args, dutch, english", [
    (("run", "--lang", "nl"), "Fout: Ontbrekend argument 'scenario'.", "Error: Missing argument 'scenario'."),
    (("run", "scenarios/lelystad.yaml", "--seedd", "3", "--lang=nl"), "Fout: Onbekende optie: --seedd (mogelijke opties: --seed)",
     "Error: No such option: --seedd (Possible options: --seed)"),
    (("allocate", "scenarios/tiers.yaml", "--budget", "abc", "--lang", "nl"),
     "Fout: Ongeldige waarde voor '--budget' / '-b': dit is geen getal", "Error: Invalid value for '--budget' / '-b'"),
    (("runn", "x", "--lang", "nl"), "Fout: Onbekend commando 'runn'. Bedoelt u 'run'?", "Error: No such command 'runn'."),
])
def test_usage_errors_in_dutch_and_english(args: tuple[str, ...], dutch: str, english: str) -> None:
    code, text = _stderr(*args)
    assert code == 2
    assert text.rstrip().splitlines()[-1] == dutch
    assert "Gebruik: python -m roi_sim" in text and "voor hulp." in text
    code, text = _stderr(*[a for a in args if a not in ("nl", "--lang", "--lang=nl")])
    assert code == 2 and english in text and "Fout" not in text


def test_the_language_is_read_as_click_reads_it() -> None:
    assert requested_language(["run", "s.yaml", "--lang", "nl"]) == "nl"
    assert requested_language(["run", "--lang=nl", "--lang", "en"]) == "en"
    assert requested_language(["run", "--lang"]) == "en"


@pytest.mark.parametrize("english, dutch", [
    ("Missing option '--budget' / '-b'.", "Ontbrekende optie '--budget' / '-b'."),
    ("Got unexpected extra argument(s) (a b)", "Onverwachte extra argumenten (a b)"),
    ("Option '--seed' requires an argument.", "Optie '--seed' vraagt een waarde."),
    ("Invalid value for '--steps': Input should be a valid integer, unable to parse string as an integer",
     "Ongeldige waarde voor '--steps': dit is geen geheel getal"),
    ("Something click may say one day", "Something click may say one day"),
])
def test_each_sentence(english: str, dutch: str) -> None:
    assert dutch_sentence(english) == dutch
