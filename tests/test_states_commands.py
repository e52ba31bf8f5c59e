"""DESIGN.md §10 through the commands: a scenario with states runs, compares, reports and
validates; the commands that read an on/off effect (track, design) refuse it in one line."""

from __future__ import annotations

import json
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
        "does not depend on net_effect: the strategy has states, whose effect and relapse are moves: give one as "
        "transition:<from>:<to> or programme:<from>:<to>:<rate|net_effect>"
    ] * 2
    assert all(r["value"] is None for r in doc["breakeven"])


def test_voi_pilot_refuses_states_in_one_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    result = cli("voi", _file(tmp_path), "--pilot", "75")
    assert result.exit_code == 2
    assert result.stderr == (
        "roi-sim: error: --pilot 75: a controlled pilot is valued on the share leaving benefit of an on/off scenario; "
        "this scenario has states (the participation ladder), whose moves a pilot does not yet inform\n"
    )


def test_the_guardrail_names_the_move_into_work(cli, tmp_path: Path) -> None:  # noqa: ANN001
    # A route into work the programme alone opens, at an annual rate of 0.3: a closed group
    # makes it by the end of the 12-month window in a share of exactly 0.3 (0 without).
    text = SCENARIO.replace("programme: [{from: near, to: work, net_effect: 0.06}, {from: far, to: near, rate: 0.3}]",
                            "programme: [{from: far, to: work, rate: 0.3}]")
    path = tmp_path / "ladder.yaml"
    path.write_text(text.split("strategies:")[0], encoding="utf-8")
    result = cli("run", path, "--deterministic", "--format", "json")
    assert result.stderr.startswith(
        "roi-sim: warning: 'four states' assumes a net effect of 30.0 percentage points on the share moving from far "
        "to work by the end of its window (30% with the programme against 0% without); "
    )
    effect = json.loads(result.stdout)["strategies"][0]["effect"]
    assert effect["move"] == {"from": "far", "to": "work"} and effect["implied_net_effect"] == 0.3
    nl = cli("run", path, "--deterministic", "--format", "json", "--lang", "nl").stderr
    assert "op het aandeel dat binnen de programmaperiode van far naar work gaat (30% met het programma tegen 0% zonder)" in nl


def test_the_headline_says_what_a_ladder_was_corrected_for(cli, tmp_path: Path) -> None:  # noqa: ANN001
    # The four-state ladder has a move back (work -> near: more benefit) and no subsidised state.
    path = _file(tmp_path)
    en = " ".join(cli("run", path, "--deterministic").stdout.split())
    assert ("Without the programme the same clients move between the 4 states at the rates of the scenario's "
            "transitions; every figure is the programme minus that. Moves back to more benefit (relapse) are among "
            "those transitions. No wage-cost subsidy (LKS) is assumed.") in en
    assert "No counterfactual was modelled" not in en and "beyond what would have happened anyway" in en
    nl = " ".join(cli("run", path, "--deterministic", "--lang", "nl").stdout.split())
    assert "Zonder het programma gaan dezelfde cliënten tussen de 4 toestanden over" in nl
    assert "Terugval naar meer uitkering zit in die overgangen." in nl
