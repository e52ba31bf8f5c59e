"""Shared helpers: write scenario files and run the CLI in process."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from roi_sim.cli.app import app

# The fixed hypothesis profile for CI (tests/test_random_scenarios.py applies it per test):
# derandomised, so every run and every machine tries the same examples; no example database,
# no deadline (a simulation's time varies with the machine).
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    max_examples=60,
)

# The Lelystad plan exactly as the article tells it (seed 002), docs/model.md#check-by-hand.
LELYSTAD_AS_TOLD = """\
name: Lelystad as the article tells it
horizon_years: 6
cohort_size: 300
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_rate: 0.30
outflow_window_months: 12
baseline_outflow_rate: 0
time_out_of_benefits_years: 2
relapse_model: fixed
"""


class Cli:
    """Runs `roi-sim` in process and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Any:
        return self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    def json(self, *args: str) -> dict[str, Any]:
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def write(tmp_path: Path):
    """write(text, name='scenario.yaml') -> path of a new scenario file."""

    def _write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def with_line(line: str, base: str | None = None) -> str:
    """``base`` (default LELYSTAD_AS_TOLD) with the top-level ``key: value`` of ``line``
    replaced, or appended when the key is not there."""
    import re

    base = LELYSTAD_AS_TOLD if base is None else base
    key = line.split(":")[0]
    text, n = re.subn(rf"^{key}: .*$", line, base, flags=re.M)
    return text if n else base + line + "\n"


def scenario_error(text: str, source: str = "s.yaml") -> str:
    """The one-line message a scenario text is refused with (fails if it is accepted)."""
    from roi_sim.scenario.spec import ScenarioError, parse_scenario

    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, source)
    return str(info.value)
