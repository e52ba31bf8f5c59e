"""Sweeps (issue 18): each row's result is `roi-sim run` of that row's scenario, byte for
byte, for any worker count, executor, Dask cluster or sharding; bad rows are refused first."""

from __future__ import annotations

import csv
import io
import json
import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from roi_sim.model.simulate import BLOCK_SIZE, BlockCombiner, run, simulate_block
from roi_sim.outputs.formats import to_json
from roi_sim.scenario.spec import ScenarioError, parse_scenario
from roi_sim.sweep.runner import Settings, document_json, run_sweep, sweep_meta
from roi_sim.sweep.spec import load_sweep
from roi_sim.sweep.tasks import VersionMismatch, simulate_task, versions

BASE = """\
name: Small plan
horizon_years: 3
iterations: 2000
seed: 11
cohort_size: 80
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}
baseline_outflow_rate: 0.1
time_out_of_benefits_years: {dist: triangular, low: 1, mode: 2, high: 3}
strategies:
  - name: Plan
  - name: Cheap
    cost_per_client: 3000
"""
ROWS = """\
scenario: base.yaml
rows:
  - name: Almere
    cohort_size: 120
  - name: Zwolle
    outflow_rate.mean: 0.25
    annual_benefit_cost: 13000
"""
GRID = """\
scenario: base.yaml
grid:
  cost_per_client: [3000, 6000]
  outflow_rate.mean: [0.2, 0.3]
"""
#: Two seed blocks per row, the second partial: combining blocks is exercised.
N = BLOCK_SIZE + 500


@pytest.fixture
def sweep_dir(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "rows.yaml").write_text(ROWS, encoding="utf-8")
    (tmp_path / "grid.yaml").write_text(GRID, encoding="utf-8")
    return tmp_path


def _results(doc_text: str) -> list[str]:
    """Each run's result re-serialised as `roi-sim run --format json` writes it."""
    return [json.dumps(r["result"], indent=2, ensure_ascii=False) + "\n" for r in json.loads(doc_text)["runs"]]


def test_each_row_is_roi_sim_run_of_its_scenario_byte_for_byte(cli, sweep_dir: Path) -> None:
    rows_dir = sweep_dir / "rows"
    rows_dir.mkdir()
    out = cli("sweep", sweep_dir / "rows.yaml", "-n", N, "--seed", 5, "--write-scenarios", rows_dir)
    assert out.exit_code == 0, out.stderr
    results = _results(out.stdout)
    for i, text in enumerate(results, start=1):
        alone = cli("run", rows_dir / f"row-{i:05d}.yaml", "-n", N, "--seed", 5, "--format", "json")
        assert alone.exit_code == 0, alone.stderr
        assert text == alone.stdout
    # The overrides took effect: Almere's 120 clients at EUR 5,000 is the investment.
    almere = json.loads(results[0])["strategies"][0]["metrics"]["investment"]
    assert almere["mean"] == 120 * 5000


def test_workers_and_an_out_of_order_executor_give_the_same_bytes(sweep_dir: Path) -> None:
    sweep = load_sweep(sweep_dir / "rows.yaml")
    settings = Settings(iterations=N)
    one = document_json(sweep_meta(sweep), run_sweep(sweep, settings, workers=1))
    two = document_json(sweep_meta(sweep), run_sweep(sweep, settings, workers=2))
    with ThreadPoolExecutor(3) as pool:
        reordered = document_json(sweep_meta(sweep), run_sweep(sweep, settings, executor=_Reversed(pool), window=8))
    assert one == two == reordered


class _Reversed(Executor):
    """Finishes each pair of tasks in reverse order of submission."""

    def __init__(self, pool: Executor) -> None:
        self.pool, self.held = pool, []

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        fut: Future = Future()
        self.held.append((fut, fn, args))
        if len(self.held) >= 2:  # the sweep has 4 tasks: every one is released
            self.flush()
        return fut

    def flush(self) -> None:
        for fut, fn, args in reversed(self.held):
            fut.set_result(self.pool.submit(fn, *args).result())
        self.held = []


def test_blocks_combine_in_block_order_whatever_order_they_arrive(sweep_dir: Path) -> None:
    scenario = parse_scenario(BASE)
    n = 3 * BLOCK_SIZE - 7
    combiner = BlockCombiner(scenario, n)
    for b in (2, 0, 1):
        combiner.add(b, simulate_block(scenario, b))
    assert to_json(combiner.result()) == to_json(run(scenario, iterations=n))
    with pytest.raises(ValueError, match="given twice"):
        combiner.add(1, simulate_block(scenario, 1))


def test_a_grid_is_the_cartesian_product_and_keys_change_the_numbers(cli, sweep_dir: Path) -> None:
    out = cli("sweep", sweep_dir / "grid.yaml", "--deterministic")
    assert out.exit_code == 0, out.stderr
    runs = json.loads(out.stdout)["runs"]
    assert [r["overrides"] for r in runs] == [
        {"cost_per_client": c, "outflow_rate.mean": m} for c in (3000, 6000) for m in (0.2, 0.3)
    ]
    net = {(r["overrides"]["cost_per_client"], r["overrides"]["outflow_rate.mean"]): r["result"]["strategies"][0]["metrics"]["net_savings"]["mean"] for r in runs}
    # Same outflow, EUR 3,000 more per client for 80 clients: exactly EUR 240,000 less.
    for m in (0.2, 0.3):
        assert net[(3000, m)] - net[(6000, m)] == pytest.approx(80 * 3000, abs=0.01)
    assert net[(3000, 0.3)] > net[(3000, 0.2)]
    # The strategy that sets its own cost ignores the top-level override.
    cheap = {r["result"]["strategies"][1]["metrics"]["investment"]["mean"] for r in runs}
    assert cheap == {80 * 3000}


def test_shards_merge_into_exactly_the_unsharded_json(cli, sweep_dir: Path) -> None:
    whole = cli("sweep", sweep_dir / "rows.yaml", "-n", N)
    assert whole.exit_code == 0, whole.stderr
    shards = []
    for i in (1, 2, 3):
        path = sweep_dir / f"shard-{i}.npz"
        done = cli("sweep", sweep_dir / "rows.yaml", "-n", N, "--shard", f"{i}/3", "-o", path)
        assert done.exit_code == 0, done.stderr
        shards.append(path)
    merged = cli("merge", *reversed(shards))
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout == whole.stdout
    missing = cli("merge", *shards[:2])
    assert missing.exit_code == 2 and "shard(s) 3 of 3 are missing" in missing.stderr


@pytest.mark.parametrize(
    "row, words",
    [
        ("    cohort_sise: 120", ["rows.yaml", "line 3", "row 'Almere'", "cohort_sise", "not a model key"]),
        ("    outflow_rate: 1.5", ["rows.yaml", "line 3", "row 'Almere'", "key 'outflow_rate'"]),
        ("    horizon_years: 9", ["rows.yaml", "row 'Almere'", "horizon_years", "not a model key"]),
    ],
)
def test_bad_rows_are_refused_before_anything_runs(cli, sweep_dir: Path, row: str, words: list[str]) -> None:
    (sweep_dir / "rows.yaml").write_text(f"scenario: base.yaml\nrows:\n  - name: Almere\n{row}\n", encoding="utf-8")
    out_file = sweep_dir / "out.json"
    out = cli("sweep", sweep_dir / "rows.yaml", "-o", out_file)
    assert out.exit_code == 2
    message = out.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    for w in words:
        assert w in message
    assert not out_file.exists()


def test_rows_csv_one_municipality_a_line(cli, sweep_dir: Path) -> None:
    (sweep_dir / "gemeenten.csv").write_text(
        "name,cohort_size,outflow_rate\nAlmere,120,\"{dist: beta, mean: 0.25, sd: 0.04}\"\nZwolle,60,\n", encoding="utf-8"
    )
    (sweep_dir / "csv.yaml").write_text("scenario: base.yaml\nrows_csv: gemeenten.csv\n", encoding="utf-8")
    out = cli("sweep", sweep_dir / "csv.yaml", "--deterministic", "-f", "csv")
    assert out.exit_code == 0, out.stderr
    records = list(csv.DictReader(io.StringIO(out.stdout)))
    invest = {(r["run"], r["strategy"]): float(r["mean"]) for r in records if r["figure"] == "investment"}
    assert invest == {("Almere", "Plan"): 600_000, ("Almere", "Cheap"): 360_000, ("Zwolle", "Plan"): 300_000, ("Zwolle", "Cheap"): 180_000}
    (sweep_dir / "gemeenten.csv").write_text("name,cohort_size\nAlmere,120\nZwolle,-5\n", encoding="utf-8")
    bad = cli("sweep", sweep_dir / "csv.yaml")
    assert bad.exit_code == 2
    assert "gemeenten.csv, line 3, row 'Zwolle', key 'cohort_size'" in bad.stderr


def test_tidy_csv_and_parquet_hold_one_row_per_run_strategy_figure(cli, sweep_dir: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    doc = json.loads(cli("sweep", sweep_dir / "rows.yaml").stdout)
    text = cli("sweep", sweep_dir / "rows.yaml", "-f", "csv").stdout
    records = list(csv.DictReader(io.StringIO(text)))
    assert records[0].keys() == {"run", "cohort_size", "outflow_rate.mean", "annual_benefit_cost", "strategy", "figure", "mean", "se", "p5", "p50", "p95"}
    for run_doc in doc["runs"]:
        for st in run_doc["result"]["strategies"]:
            mine = {r["figure"]: r for r in records if r["run"] == run_doc["name"] and r["strategy"] == st["name"]}
            assert float(mine["net_savings"]["p95"]) == st["metrics"]["net_savings"]["p95"]
            assert float(mine["probability_net_positive"]["mean"]) == st["probability_net_positive"]
    assert len({(r["run"], r["strategy"], r["figure"]) for r in records}) == len(records)
    path = sweep_dir / "out.parquet"
    assert cli("sweep", sweep_dir / "rows.yaml", "-o", path).exit_code == 0
    table = pq.read_table(path).to_pylist()
    assert len(table) == len(records)
    assert table[0]["run"] == "Almere" and table[0]["cohort_size"] == 120.0 and table[0]["outflow_rate.mean"] is None


def test_heat_map_for_a_two_key_grid_only(cli, sweep_dir: Path) -> None:
    png = sweep_dir / "heat.png"
    out = cli("sweep", sweep_dir / "grid.yaml", "--deterministic", "--plot", png, "-o", sweep_dir / "g.json")
    assert out.exit_code == 0, out.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    refused = cli("sweep", sweep_dir / "rows.yaml", "--deterministic", "--plot", sweep_dir / "rows.png")
    assert refused.exit_code == 2 and "grid of exactly two keys" in refused.stderr


class _FailsRow(Executor):
    """Runs tasks in process, but every task of the row with this scenario text fails."""

    def __init__(self, poisoned: str) -> None:
        self.poisoned = poisoned

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        fut: Future = Future()
        if args[0] == self.poisoned:
            fut.set_exception(MemoryError("worker ran out of memory"))
        else:
            fut.set_result(fn(*args))
        return fut


def test_a_failed_row_is_reported_and_the_others_finish(sweep_dir: Path) -> None:
    sweep = load_sweep(sweep_dir / "rows.yaml")
    outcomes = run_sweep(sweep, executor=_FailsRow(sweep.rows[0].yaml_text))
    assert outcomes[0].error == "MemoryError: worker ran out of memory" and outcomes[0].json_text is None
    assert outcomes[1].json_text == to_json(run(sweep.rows[1].scenario))


def test_a_worker_with_other_versions_is_refused_naming_both(sweep_dir: Path) -> None:
    sweep = load_sweep(sweep_dir / "rows.yaml")
    row = sweep.rows[0]
    mine = versions()
    other = {"numpy": "1.0.0", "roi-sim": "0.0.1"}
    with pytest.raises(VersionMismatch) as err:
        simulate_task(row.yaml_text, row.sha256, None, 0, other)
    text = str(err.value)
    assert "numpy 1.0.0" in text and f"numpy {mine['numpy']}" in text and f"roi-sim {mine['roi-sim']}" in text
    with pytest.raises(ValueError, match="damaged"):
        simulate_task(row.yaml_text + "#", row.sha256[::-1], None, 0, mine)


def _dask_required() -> bool:
    return os.environ.get("CI") == "true"


def test_dask_local_cluster_gives_the_same_bytes(sweep_dir: Path) -> None:
    if not _dask_required():
        pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    sweep = load_sweep(sweep_dir / "rows.yaml")
    settings = Settings(iterations=N)
    local = document_json(sweep_meta(sweep), run_sweep(sweep, settings))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        on_dask = document_json(sweep_meta(sweep), run_sweep(sweep, settings, executor=client.get_executor()))
    assert on_dask == local


def test_a_real_dask_cluster_gives_the_same_bytes(cli, sweep_dir: Path) -> None:
    scheduler = os.environ.get("ROI_SIM_DASK_SCHEDULER")
    if not scheduler:
        if _dask_required():
            pytest.fail("CI=true but ROI_SIM_DASK_SCHEDULER is not set: .ci/run starts the cluster and sets it")
        pytest.skip("no Dask scheduler: set ROI_SIM_DASK_SCHEDULER=tcp://127.0.0.1:8786 (see .ci/run)")
    local = cli("sweep", sweep_dir / "rows.yaml", "-n", N)
    remote = cli("sweep", sweep_dir / "rows.yaml", "-n", N, "--scheduler", scheduler)
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_scheduler_without_dask_says_how_to_install(cli, sweep_dir: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    out = cli("sweep", sweep_dir / "rows.yaml", "--scheduler", "tcp://127.0.0.1:1")
    assert out.exit_code == 2 and 'pip install -e ".[dask]"' in out.stderr


def test_a_missing_base_scenario_names_its_path(cli, sweep_dir: Path) -> None:
    (sweep_dir / "rows.yaml").write_text("scenario: nowhere.yaml\nrows:\n  - name: A\n", encoding="utf-8")
    out = cli("sweep", sweep_dir / "rows.yaml")
    assert out.exit_code == 2 and "nowhere.yaml: no such file" in out.stderr
    with pytest.raises(ScenarioError, match="exactly one of rows, rows_csv or grid"):
        (sweep_dir / "rows.yaml").write_text("scenario: base.yaml\n", encoding="utf-8")
        load_sweep(sweep_dir / "rows.yaml")


def test_the_cli_writes_the_rows_that_finished_and_exits_1_with_a_summary(cli, sweep_dir: Path, monkeypatch) -> None:
    import roi_sim.sweep.runner as runner_module

    real = runner_module.simulate_task

    def flaky(yaml_text, *args):
        if "Zwolle" in yaml_text:
            raise OSError("disk full on the worker")
        return real(yaml_text, *args)

    monkeypatch.setattr(runner_module, "simulate_task", flaky)
    out_file = sweep_dir / "out.json"
    out = cli("sweep", sweep_dir / "rows.yaml", "--deterministic", "-o", out_file)
    assert out.exit_code == 1
    assert "1 of 2 rows failed, the others finished: 'Zwolle': OSError: disk full on the worker" in out.stderr
    runs = json.loads(out_file.read_text(encoding="utf-8"))["runs"]
    assert runs[0]["error"] is None and runs[0]["result"]["strategies"][0]["metrics"]["investment"]["mean"] == 120 * 5000
    assert runs[1]["result"] is None and runs[1]["error"] == "OSError: disk full on the worker"


def test_packed_block_unpacks_bit_for_bit() -> None:
    from roi_sim.sweep.tasks import ConstantArray, pack, unpack

    scenario = parse_scenario(BASE, "base.yaml")
    out = simulate_block(scenario, 0)
    packed = pack(out)
    plan = packed.results[0]
    # A fixed plan's investment is the same in every iteration: sent as one element.
    assert isinstance(plan.investment, ConstantArray) and plan.investment.shape == (BLOCK_SIZE,)
    assert isinstance(plan.net_savings, np.ndarray)  # drawn: sent whole
    back = unpack(packed)
    for mine, theirs in zip(out.results, back.results):
        for name in mine.__dataclass_fields__:
            a, b = getattr(mine, name), getattr(theirs, name)
            assert (a is None and b is None) or (a.shape == b.shape and a.tobytes() == b.tobytes()), name


def test_constant_means_bitwise_equal() -> None:
    from roi_sim.sweep.tasks import ConstantArray, pack

    # 0.0 and -0.0 compare equal but are different bytes; two NaNs with other payloads too.
    nan_a, nan_b = np.frombuffer(np.array([0x7FF8000000000001, 0x7FF8000000000002], dtype=np.uint64).tobytes())
    for values in ([0.0, -0.0], [nan_a, nan_b]):
        assert isinstance(pack(np.array(values)), np.ndarray)
    assert isinstance(pack(np.full((3, 2), np.nan)), ConstantArray)
    assert isinstance(pack(np.array([1.5])), np.ndarray)  # one element: nothing to gain
