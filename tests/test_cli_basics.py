"""The commands a new user tries first: --version, --help, validate, schema."""

from __future__ import annotations

import json

from roi_sim import __version__
from roi_sim.scenario.spec import MODEL_DEFAULTS, PARAMETERS
from tests.conftest import LELYSTAD_AS_TOLD


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout == f"roi-sim {__version__}\n"


def test_help_lists_the_commands(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("run", "validate", "schema"):
        assert command in result.stdout


def test_run_help_explains_every_option(cli) -> None:
    text = cli("run", "--help").stdout
    for option in ("--iterations", "--seed", "--deterministic", "--format", "--output", "--workers", "--debug"):
        assert option in text


def test_validate_a_good_file(cli, write) -> None:
    path = write(LELYSTAD_AS_TOLD)
    result = cli("validate", path)
    assert result.exit_code == 0
    first, *rest = result.stdout.splitlines()
    assert first == (
        f"{path}: valid. 'Lelystad as the article tells it': 1 strategy ('Lelystad as the article tells it'), "
        "6-year horizon, 20,000 iterations, seed 0."
    )
    # The values as read (issue 16.1: a misread number must show), from LELYSTAD_AS_TOLD.
    assert rest[0] == "Values as read:"
    assert "  cohort_size: 300" in rest and "  cost_per_client: 5,000" in rest and "  outflow_rate: 0.3" in rest


def test_schema_names_every_key_and_distribution(cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    props = schema["properties"]
    for key in (*PARAMETERS, *MODEL_DEFAULTS, "name", "horizon_years", "discount_rate", "iterations", "seed", "strategies", "groups"):
        assert key in props, key
    defs = schema["$defs"]
    assert {"allocation", "budget", "name"} <= set(defs["StrategyModel"]["properties"])
    assert "clients_available" in defs["GroupModel"]["properties"]
    assert set(props["relapse_model"]["anyOf"][0]["enum"]) == {"exponential", "fixed", "levelling"}
    for key in PARAMETERS:
        assert props[key].get("description"), key
    assert schema["required"] == ["horizon_years"]
    assert schema["additionalProperties"] is False
    text = result.stdout
    for dist in ("fixed", "uniform", "triangular", "pert", "normal", "lognormal", "gamma", "beta"):
        assert f'"const": "{dist}"' in text


def test_internal_errors_are_one_line_with_exit_1(cli, write, monkeypatch) -> None:
    import roi_sim.model.simulate

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(roi_sim.model.simulate, "run", boom)
    result = cli("run", write(LELYSTAD_AS_TOLD))
    assert result.exit_code == 1
    assert result.stderr == "roi-sim: error: internal error: RuntimeError: simulated failure (run with --debug to see the trace)\n"
    assert result.stdout == ""


def test_interrupt_exits_130_and_writes_nothing(cli, write, monkeypatch, tmp_path) -> None:
    import roi_sim.model.simulate

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(roi_sim.model.simulate, "run", interrupted)
    out = tmp_path / "out.json"
    result = cli("run", write(LELYSTAD_AS_TOLD), "--output", out)
    assert result.exit_code == 130
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch) -> None:
    import os

    from roi_sim.cli.app import write_atomically

    target = tmp_path / "result.json"
    target.write_text("previous result\n")

    def interrupted_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_replace)
    try:
        write_atomically(target, "new result\n")
    except KeyboardInterrupt:
        pass
    else:  # pragma: no cover
        raise AssertionError("the interrupt was swallowed")
    assert target.read_text() == "previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]
    monkeypatch.undo()
    write_atomically(target, "new result\n")
    assert target.read_text() == "new result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]
