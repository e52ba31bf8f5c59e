"""Tracking: CSV errors (exact messages), conjugate updates by hand, importance reweighting
as a second method, and the forecast when realised counts follow or miss the plan."""

from __future__ import annotations

import numpy as np
import pytest

from roi_sim.decisions.track import (
    Realised,
    RealisedError,
    beta_update,
    exposure,
    parse_realised,
    plan_for,
    track,
    weighted_summary,
)
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import load_scenario

HEAD = "month,clients_started,left_benefit,returned\n"
CF = "The plan: 300 clients a year for 3 years"  # lelystad.yaml: the counterfactual is at the top level (v2)


@pytest.fixture(scope="module")
def lelystad():
    # One belief of lelystad.yaml (its variants are rival relapse models): counts on plan are
    # then equally likely under every draw of that belief's parameters.
    s = load_scenario("tests/data/lelystad-outflow-rate.yaml").variants[0].scenario
    return s, run(s, iterations=4096, keep_parameters=True)


@pytest.mark.parametrize("text,message", [
    ("", "f.csv: line 1: the file is empty; the first line must name the columns month,clients_started,left_benefit,returned"),
    ("month,clients_started,left_benefit\n1,2,3\n",
     "f.csv: line 1: missing column returned; required: month, clients_started, left_benefit, returned (optional: control_started, control_left_benefit)"),
    ("month,clients_started,left,returned\n", "f.csv: line 1, column 3 (left): unknown column; allowed: month, clients_started, left_benefit, returned, control_started, control_left_benefit"),
    (HEAD.strip() + ",control_started\n", "f.csv: line 1: control_started and control_left_benefit go together; give both or neither"),
    (HEAD, "f.csv: line 2: no monthly rows; give at least one month"),
    (HEAD + "1,10,2\n", "f.csv: line 2: 3 values for 4 columns (month,clients_started,left_benefit,returned)"),
    (HEAD + "1,10,2.5,0\n", "f.csv: line 2, column 3 (left_benefit): '2.5' is not a whole number"),
    (HEAD + "1,-3,0,0\n", "f.csv: line 2, column 2 (clients_started): -3 is negative; counts are 0 or more"),
    (HEAD + "0,3,0,0\n", "f.csv: line 2, column 1 (month): 0 is not a month; months count from 1 (the first intake month)"),
    (HEAD + "73,3,0,0\n", "f.csv: line 2, column 1 (month): month 73 is beyond the horizon (72 months)"),
    (HEAD + "2,3,0,0\n2,0,1,0\n", "f.csv: line 3, column 1 (month): month 2 does not come after month 2 (line 2); months must increase"),
    (HEAD + "1,10,4,0\n2,0,7,0\n", "f.csv: line 3, column 3 (left_benefit): 11 participants have left benefit by month 2, but only 10 have started"),
    (HEAD + "1,10,4,5\n", "f.csv: line 2, column 4 (returned): 5 participants are back on benefit by month 1, but only 4 have left"),
    (HEAD.strip() + ",control_started,control_left_benefit\n1,10,1,0,5,6\n",
     "f.csv: line 2, column 6 (control_left_benefit): 6 control clients have left benefit by month 1, but only 5 have started"),
])
def test_csv_errors_are_exact(text: str, message: str) -> None:
    with pytest.raises(RealisedError) as err:
        parse_realised(text, "f.csv", 72)
    assert str(err.value) == message


def test_csv_reads_and_skips_blank_lines() -> None:
    r = parse_realised(HEAD + "1,10,1,0\n\n3,0,2,1\n", "f.csv", 72)
    assert (r.months, r.started, r.left, r.returned, r.control_started) == ((1, 3), (10, 0), (1, 2), (0, 1), None)


def test_beta_update_and_exposure_by_hand() -> None:
    assert beta_update(2.0, 3.0, 4, 10) == (6.0, 9.0)
    # Two starts 12 and 6 months before month 12 with a 12-month window, no prior rate: 10 + 5·0.5.
    assert exposure([1, 7, 12], [10, 5, 0], 12) == pytest.approx(12.5)
    # At a prior rate r a half window counts (1 - (1 - r)^0.5) / r.
    assert exposure([1, 6], [10, 0], 12, 0.3) == pytest.approx(10 * (1 - 0.7**0.5) / 0.3)


def test_weighted_summary_with_equal_weights_is_the_plain_summary() -> None:
    x = np.arange(1.0, 101.0)
    s = weighted_summary(x, np.ones(100))
    assert s.mean == pytest.approx(50.5)
    assert s.se == pytest.approx(x.std() / 10)
    assert (s.p5, s.p50, s.p95) == (5.0, 50.0, 95.0)


def _on_plan(scenario, strategy: str, months: int, factor: float = 1.0) -> Realised:
    plan = plan_for(scenario, strategy)
    ms = tuple(range(1, months + 1))
    return Realised("r.csv", ms, tuple(int(round(x)) for x in plan.started[:months]),
                    tuple(int(round(factor * x)) for x in plan.left[:months]), tuple(0 for _ in ms))


def test_conjugate_update_by_hand_and_agrees_with_reweighting(lelystad) -> None:
    s, res = lelystad
    realised = _on_plan(s, CF, 24)
    t = track(res, realised, CF)
    post = t.posterior["outflow_rate"]
    # beta(mean 0.3, sd 0.05): nu = 0.3·0.7/0.05² − 1 = 83, so Beta(24.9, 58.1); 600 clients with full windows.
    k = sum(realised.left)
    assert post.method == "conjugate beta" and post.exposure == pytest.approx(600)
    assert (post.alpha, post.beta) == pytest.approx((24.9 + k, 58.1 + 600 - k))
    # Second method: the scenario's draws reweighted by the same likelihood.
    theta = res.parameters[CF]["outflow_rate"]
    w = np.exp(k * np.log(theta) + (600 - k) * np.log1p(-theta))
    assert post.mean == pytest.approx(float(w @ theta / w.sum()), abs=0.003)


def test_on_plan_keeps_the_forecast_half_the_plan_pulls_it_down(lelystad) -> None:
    s, res = lelystad
    on = track(res, _on_plan(s, CF, 24), CF)
    assert on.verdict == "on track"
    # Counts on plan keep the belief's centre but narrow it (fewer draws far from the mean
    # survive the reweighting), and the net is not linear in the rates: the forecast may move
    # by a little more than Monte Carlo error. Within 15% of the plan, plus 3 standard errors.
    tolerance = 0.15 * abs(on.plan_net_savings.mean) + 3 * max(on.forecast_net_savings.se, on.plan_net_savings.se)
    assert abs(on.forecast_net_savings.mean - on.plan_net_savings.mean) < tolerance
    assert on.posterior["outflow_rate"].mean == pytest.approx(0.30, abs=0.01)
    half = track(res, _on_plan(s, CF, 24, 0.5), CF)
    assert half.verdict == "behind"
    assert half.posterior["outflow_rate"].mean < 0.2
    assert half.forecast_net_savings.mean < on.forecast_net_savings.mean - 5 * on.forecast_net_savings.se
    assert half.chance_pays < on.chance_pays


def test_control_group_updates_a_pert_baseline_by_reweighting(lelystad) -> None:
    s, res = lelystad
    r = _on_plan(s, CF, 12)
    high = Realised("r.csv", r.months, r.started, r.left, r.returned, (200,) + (0,) * 11, (36,) + (0,) * 11)
    post = track(res, high, CF).posterior["baseline_outflow_rate"]
    assert post.method == "importance reweighting"
    # 36 of 200 (18%) against a prior mean of 8%: the belief moves up, towards the pert's top (12%).
    assert post.mean > 0.10 and post.prior_mean == pytest.approx(0.08, abs=0.002)


def test_cli_track_json_and_chart(cli, tmp_path) -> None:  # noqa: ANN001
    csv = tmp_path / "r.csv"
    csv.write_text(HEAD + "1,300,9,0\n2,0,8,0\n3,0,8,0\n", encoding="utf-8")
    chart = tmp_path / "p.png"
    doc = cli.json("track", "tests/data/lelystad-outflow-rate.yaml", "--realised", csv, "-n", "1024", "--plot", chart)
    assert set(doc["track"]["forecast"]["net_savings"]) == {"mean", "se", "p5", "p50", "p95"}
    assert doc["track"]["posterior"]["outflow_rate"]["method"] == "conjugate beta"
    assert doc["track"]["verdict"]["status"] == "on track"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + "1,10,11,0\n", encoding="utf-8")
    out = cli("track", "tests/data/lelystad-outflow-rate.yaml", "--realised", bad)
    assert out.exit_code == 2
    assert out.stderr == f"roi-sim: error: {bad}: line 2, column 3 (left_benefit): 11 participants have left benefit by month 1, but only 10 have started\n"
    nl = cli("track", "tests/data/lelystad-outflow-rate.yaml", "--realised", csv, "-n", "1024", "--lang", "nl")
    assert "Oordeel: op koers." in nl.stdout


def test_the_council_report_includes_the_tracking_page(cli, tmp_path) -> None:  # noqa: ANN001
    """Issue 15.3: `report --realised` adds plan against realised, the updated belief, the
    re-forecast and the verdict (the same as `track`) before the technical annex."""
    s = load_scenario("tests/data/lelystad-outflow-rate.yaml")
    realised = _on_plan(s, CF, 12, 0.5)
    csv = tmp_path / "realised.csv"
    csv.write_text(HEAD + "".join(f"{m},{a},{b},{c}\n" for m, a, b, c in zip(realised.months, realised.started, realised.left, realised.returned)))
    out = tmp_path / "report.html"
    result = cli("report", "tests/data/lelystad-outflow-rate.yaml", "-o", str(out), "-n", "1024", "--realised", str(csv))
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    tracked = cli.json("track", "tests/data/lelystad-outflow-rate.yaml", "--realised", str(csv), "-n", "1024")
    verdict = tracked["track"]["verdict"]["status"]
    assert verdict == "behind"  # half the planned leavers
    from roi_sim.outputs.evaluation_outputs import _t
    from roi_sim.outputs.language import ENGLISH

    title = _t("en", "track_title", strategy=CF, month=12)
    assert title in page
    assert 'id="chart-tracking"' in page
    assert page.index(title) < page.index(ENGLISH.t("annex"))  # before the technical annex
    assert _t("en", "behind") in page


LINEAR_PLAN = """
name: linear plan
horizon_years: 3
iterations: 8192
seed: 9
cohort_size: 400
cost_per_client: 3000
annual_benefit_cost: 12000
outflow_window_months: 12
baseline_outflow_rate: 0.0
relapse_model: fixed
time_out_of_benefits_years: 10
outflow_rate: {dist: beta, mean: 0.25, sd: 0.06}
"""


def test_counts_on_plan_leave_the_forecast_within_monte_carlo_error_when_net_is_linear() -> None:
    """Issue 15.4 where it is exact: no baseline, nobody back within the horizon and the whole
    window observed, so E[net | s] is linear in the outflow share s and the conjugate update
    with k = n·E[s] leaves E[s] — and with it the expected net — where it was."""
    from roi_sim.scenario.spec import parse_scenario

    s = parse_scenario(LINEAR_PLAN, "linear.yaml")
    name = s.strategies[0].name
    res = run(s, keep_parameters=True)
    realised = _on_plan(s, name, 12)
    on = track(res, realised, name)
    # Beta(mean 0.25, sd 0.06): nu = 0.25·0.75/0.06² − 1, alpha = 0.25 nu, beta = 0.75 nu;
    # the 400 clients' window is complete, k leavers (the plan's monthly counts, rounded).
    nu = 0.25 * 0.75 / 0.06**2 - 1
    k = sum(realised.left)
    assert on.posterior["outflow_rate"].mean == pytest.approx((0.25 * nu + k) / (nu + 400), abs=1e-6)
    assert abs(k - 100) <= 6  # twelve monthly roundings of the planned 100
    # After the window the realised leavers are known: what remains is the belief, whose mean
    # is unchanged, so the re-forecast equals the plan within the two estimates' error.
    f, p = on.forecast_net_savings, on.plan_net_savings
    assert abs(f.mean - p.mean) < 4 * (f.se + p.se)


def test_a_net_effect_scenario_is_refused_in_one_line(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "r.csv"
    csv.write_text("month,clients_started,left_benefit,returned\n1,300,5,0\n", encoding="utf-8")
    out = cli("track", "scenarios/lelystad.yaml", "--realised", csv)
    assert out.exit_code == 2
    assert out.stderr == (
        "roi-sim: error: scenarios/lelystad.yaml: strategy 'The plan: 300 clients a year for 3 years' states its effect as "
        "a net effect, an effect profile, duration bands or classes; track compares a pilot's outflow with outflow_rate "
        "and a constant baseline_outflow_rate only (docs/evaluation.md)\n"
    )
