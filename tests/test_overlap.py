"""Work done beside other work, the same results (issue 17.10, speed without changing numbers):

- ``meanwhile``: the report's tornado and matplotlib's import run in the main process while
  the worker processes simulate; called once, while the workers exist, and the run is the
  same as without it;
- :func:`roi_sim.model.forked.fork_map`: jobs on forked processes, results in job order,
  equal to running them here;
- ``global_sensitivity(processes=…)``: the model's evaluations in fixed chunks on several
  processes, the indices equal bit for bit;
- a settled PNG chart written from the canvas is the file savefig writes of the same figure.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from pathlib import Path

import numpy as np
import pytest

from roi_sim import api
from roi_sim.decisions.sensitivity import EVAL_CHUNK, global_sensitivity, sensitivity_analysis, tornado
from roi_sim.model.forked import fork_map
from roi_sim.scenario.spec import load_scenario, parse_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.mark.parametrize("workers", [1, 2])
def test_meanwhile_runs_once_and_leaves_the_run_unchanged(workers: int) -> None:
    scenario = load_scenario(SCENARIOS / "schiedam.yaml")
    calls: list[int] = []

    def meanwhile() -> None:
        # With two workers the pool has forked them by now: this runs beside them.
        calls.append(len(multiprocessing.active_children()))

    with_it = api.simulate(scenario, 512, workers=workers, meanwhile=meanwhile)
    without = api.simulate(scenario, 512, workers=1)
    assert len(calls) == 1
    if workers == 2 and FORK:
        assert calls[0] == 2
    for a, b in zip(with_it.run.strategies, without.run.strategies):
        assert a.metrics == b.metrics


def test_meanwhile_runs_once_when_iterations_double() -> None:
    from roi_sim.model.simulate import run_to_precision

    scenario = load_scenario(SCENARIOS / "lelystad.yaml")
    calls: list[None] = []
    # A target this small is never met: the run doubles up to its cap, one meanwhile in all.
    result, _, met = run_to_precision(scenario, target_se=1e-9, max_iterations=3 * 4096, meanwhile=lambda: calls.append(None))
    assert not met and result.settings.iterations == 3 * 4096
    assert len(calls) == 1


def test_meanwhile_runs_for_a_deterministic_run() -> None:
    scenario = load_scenario(SCENARIOS / "lelystad.yaml")
    calls: list[None] = []
    api.simulate(scenario, deterministic=True, meanwhile=lambda: calls.append(None))
    assert calls == [None]


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_fork_map_keeps_the_job_order_and_equals_the_serial_results() -> None:
    jobs = [lambda x=x: _pid_and_square(x) for x in range(7)]
    here = fork_map(jobs, 1)
    there = fork_map(jobs, 2)
    assert [v for _, v in here] == [v for _, v in there] == [x * x for x in range(7)]
    assert {pid for pid, _ in here} == {os.getpid()}
    if FORK:
        assert os.getpid() not in {pid for pid, _ in there}


def test_a_job_that_asks_for_processes_runs_its_own_jobs_in_its_process() -> None:
    def nested() -> set[int]:
        return {pid for pid, _ in fork_map([lambda: _pid_and_square(1), lambda: _pid_and_square(2)], 2)}

    outer = fork_map([nested, nested], 2)
    for pids in outer:
        assert len(pids) == 1  # no pool inside a pool: both inner jobs in the outer job's process


SOBOL = """\
name: sobol chunks
horizon_years: 5
iterations: 2048
strategies:
  - name: A
    cohort_size: 300
    cost_per_client: 5000
    intake_years: 1
    outflow_rate: {dist: uniform, low: 0.2, high: 0.4}
    baseline_outflow_rate: {dist: uniform, low: 0.02, high: 0.1}
    relapse_model: fixed
    time_out_of_benefits_years: 2.5
    annual_benefit_cost: 14000
"""


@pytest.mark.parametrize("method", ["sobol", "rank correlation"])
def test_global_sensitivity_on_two_processes_equals_one(method: str) -> None:
    scenario = parse_scenario(SOBOL)
    n = 2 * EVAL_CHUNK if method == "sobol" else 3 * EVAL_CHUNK + 5
    # Sobol' evaluates its samples A and B (n points each, two chunks) and the d·n of AB (four).
    (one,) = global_sensitivity(scenario, n=n, method=method, processes=1)
    (two,) = global_sensitivity(scenario, n=n, method=method, processes=2)
    assert one == two
    assert set(one.first_order) == {"outflow_rate", "baseline_outflow_rate"}


def test_the_combined_analysis_on_two_processes_is_each_analysis_alone() -> None:
    second = SOBOL.replace("name: A", "name: B").split("strategies:\n")[1].replace("cohort_size: 300", "cohort_size: 120")
    scenario = parse_scenario(SOBOL + second)
    assert [s.name for s in scenario.strategies] == ["A", "B"]
    tornadoes, globals_ = sensitivity_analysis(scenario, n=512, processes=2)
    assert tornadoes == tornado(scenario)
    assert globals_ == global_sensitivity(scenario, n=512, processes=1)
    assert [g.strategy for g in globals_] == [t.strategy for t in tornadoes] == ["A", "B"]


def test_a_settled_png_is_the_file_savefig_writes() -> None:
    from roi_sim.outputs.charts import histogram, style
    from roi_sim.outputs.council_report import chart_text
    from roi_sim.outputs.language import ENGLISH, compact_euro

    text = chart_text(ENGLISH)
    made: list[object] = []
    make = style._make

    def keep(draw, render=False):  # type: ignore[no-untyped-def]
        made.append(make(draw, render))
        return made[-1]

    values = {"A": np.random.default_rng(1).normal(2e5, 3e5, 1000)}
    mp = pytest.MonkeyPatch()
    mp.setattr(style, "_make", keep)
    try:
        written = histogram(values, text, lambda x: compact_euro(x, ENGLISH), "png")
    finally:
        mp.undo()
    (fig, settled), = made  # type: ignore[misc]
    assert settled
    buf = io.BytesIO()
    with style._style():
        fig.savefig(buf, format="png", dpi=style.DPI, metadata={"Title": text.histogram_title, "Software": None})
    assert buf.getvalue() == written
