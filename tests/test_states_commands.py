"""DESIGN.md §10 through the commands: a scenario with states runs, compares, reports and
validates; the commands that read an on/off effect (track, design) refuse it in one line."""

from __future__ import annotations

from pathlib import Path

from tests.test_ladder_engine import LADDER, PROGRAMME

SCENARIO = LADDER.format(iterations=4096, programme=PROGRAMME) + (
    "strategies:\n  - name: as planned\n  - name: cheaper\n    cost_per_client: 1000\n"
    "    programme: [{from: near, to: work, net_effect: 0.03}]\n"
)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def test_run_json_has_occupancy_for_every_strategy(cli, tmp_path: Path) -> None:  # noqa: ANN001
    doc = cli.json("run", _file(tmp_path))
    assert [s["name"] for s in doc["strategies"]] == ["as planned", "cheaper"]
    for s in doc["strategies"]:
        assert [row["year"] for row in s["occupancy"]["programme"]] == [1, 2, 3, 4]
        total = sum(s["occupancy"]["counterfactual"][0][name]["mean"] for name in ("far", "near", "work", "wajong"))
        assert abs(total - 200) < 1e-9  # year 1: the first intake of 200, nobody lost
    # The cheaper programme's smaller effect gains fewer rung-years.
    assert doc["strategies"][1]["rung_years_gained"]["mean"] < doc["strategies"][0]["rung_years_gained"]["mean"]


def test_compare_report_and_validate_accept_states(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = _file(tmp_path)
    assert cli("compare", path).exit_code == 0
    assert cli("validate", path).exit_code == 0
    out = tmp_path / "r.html"
    result = cli("report", path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.exists()


def test_design_refuses_states_in_one_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = _file(tmp_path)
    result = cli("design", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"roi-sim: error: {path}: strategy 'as planned' has states (the participation ladder); design plans a pilot on "
        "the share leaving benefit of an on/off scenario only; run it without the scenario, with --baseline and "
        "--effect for the move you will measure\n"
    )


def test_track_refuses_states_in_one_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = _file(tmp_path)
    realised = tmp_path / "realised.csv"
    realised.write_text("month,clients_started,left_benefit,returned\n1,200,3,0\n", encoding="utf-8")
    result = cli("track", path, "--realised", realised)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "strategy 'as planned' has states (the participation ladder); track compares a pilot's outflow with "
        "outflow_rate and a constant baseline_outflow_rate of an on/off scenario only (docs/evaluation.md)\n"
    )
    assert "\n" not in result.stderr[:-1]


def test_breakeven_of_a_key_the_states_replace_says_why(cli, tmp_path: Path) -> None:  # noqa: ANN001
    doc = cli.json("breakeven", _file(tmp_path), "--param", "net_effect")
    assert [r["sentence"] for r in doc["breakeven"]] == [
        "does not depend on net_effect: the strategy has states, whose effect and relapse are moves under programme "
        "and transitions (breakeven does not search those yet)"
    ] * 2
    assert all(r["value"] is None for r in doc["breakeven"])


def test_voi_pilot_refuses_states_in_one_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    result = cli("voi", _file(tmp_path), "--pilot", "75")
    assert result.exit_code == 2
    assert result.stderr == (
        "roi-sim: error: --pilot 75: a controlled pilot is valued on the share leaving benefit of an on/off scenario; "
        "this scenario has states (the participation ladder), whose moves a pilot does not yet inform\n"
    )
