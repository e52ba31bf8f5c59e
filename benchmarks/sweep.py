"""Sweep throughput (issue 18): the same rows run one by one, as a sweep on 2 local worker
processes, and as a sweep on a 2-worker Dask LocalCluster; plus a projection for the
national sweep (342 municipalities × strategies × a sensitivity grid).

    PYTHONPATH=. python benchmarks/sweep.py [--rows 8] [--iterations 20000] [--rounds 2] [--json FILE]

Not a timed test: the numbers depend on the machine and on what else runs on it. The
target is a speed-up of at least 1.7× on 2 free cores; the output says whether it was met.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from roi_sim.model.simulate import BLOCK_SIZE, cpu_count, run
from roi_sim.sweep.runner import Settings, document_json, run_sweep, sweep_meta
from roi_sim.sweep.spec import load_sweep

ROOT = Path(__file__).resolve().parent.parent
#: The national sweep of the issue: 342 municipalities × strategies × a sensitivity grid,
#: about 10^5 runs, at the default 20,000 iterations.
NATIONAL_RUNS = 100_000
NATIONAL_ITERATIONS = 20_000


def _sweep_file(directory: Path, rows: int) -> Path:
    base = (ROOT / "scenarios" / "lelystad.yaml").read_text(encoding="utf-8")
    (directory / "base.yaml").write_text(base, encoding="utf-8")
    lines = ["scenario: base.yaml", "rows:"]
    for i in range(rows):
        lines += [f"  - name: gemeente {i + 1}", f"    cohort_size: {150 + 25 * i}"]
    path = directory / "sweep.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2, help="alternate the cases this often; each keeps its fastest round")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sweep = load_sweep(_sweep_file(Path(tmp), args.rows))
        settings = Settings(iterations=args.iterations)
        meta = sweep_meta(sweep)
        from roi_sim.outputs.formats import to_json

        rounds = max(1, args.rounds)
        serial = local = dask_s = float("inf")
        client = cluster = None
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            print("dask.distributed is not installed: the LocalCluster case is skipped", file=sys.stderr)
        else:
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
            # Warm the workers as a running cluster is warm: modules imported, allocator tuned.
            run_sweep(load_sweep(_sweep_file(Path(tmp), 1)), Settings(iterations=BLOCK_SIZE), executor=client.get_executor())
        try:
            # The cases alternate over the rounds and each keeps its fastest round, so a
            # burst of other work on the machine does not land on one case only.
            for _ in range(rounds):
                t, texts = _timed(lambda: [to_json(run(r.scenario, iterations=args.iterations)) for r in sweep.rows])
                serial = min(serial, t)
                t, outcomes = _timed(lambda: run_sweep(sweep, settings, workers=2))
                local = min(local, t)
                assert [o.json_text for o in outcomes] == texts, "the sweep differs from the rows run one by one"
                if client is not None:
                    t, on_dask = _timed(lambda: run_sweep(sweep, settings, executor=client.get_executor()))
                    dask_s = min(dask_s, t)
                    assert document_json(meta, on_dask) == document_json(meta, outcomes), "Dask differs from the local sweep"
        finally:
            if client is not None and cluster is not None:
                client.close()
                cluster.close()
        figures = {"rows": args.rows, "iterations": args.iterations, "cores": cpu_count(), "rounds": rounds,
                   "one_by_one_s": serial, "sweep_2_processes_s": local}
        if client is not None:
            figures["sweep_dask_2_workers_s"] = dask_s
    _report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def _report(f: dict[str, float]) -> None:
    per_run = f["one_by_one_s"] / f["rows"]
    print(f"{f['rows']} rows × {f['iterations']:,} iterations (Lelystad, 3 strategies) on {f['cores']} cores")
    print(f"  one by one           {f['one_by_one_s']:7.2f} s   ({per_run:.2f} s a row)")
    for key, label in (("sweep_2_processes_s", "sweep, 2 processes"), ("sweep_dask_2_workers_s", "sweep, Dask 2 workers")):
        if key in f:
            speedup = f["one_by_one_s"] / f[key]
            verdict = "meets" if speedup >= 1.7 else "MISSES"
            print(f"  {label:<20} {f[key]:7.2f} s   speed-up {speedup:.2f}× ({verdict} the 1.7× target)")
    scale = NATIONAL_ITERATIONS / f["iterations"]
    core_hours = NATIONAL_RUNS * per_run * scale / 3600
    print(f"projection, national sweep ({NATIONAL_RUNS:,} runs × {NATIONAL_ITERATIONS:,} iterations): "
          f"{core_hours:,.0f} core-hours; {core_hours / 64:,.1f} h on 64 cores, {core_hours / 512:,.1f} h on 512 "
          "(work is per seed block, so it spreads evenly; rows at 20,000 iterations are 5 blocks each)")


if __name__ == "__main__":
    raise SystemExit(main())
