"""Every command on every shipped scenario, end to end (issue 17.10: each within 2 s).

Usage::

    python benchmarks/commands.py                       # all commands x scenarios/*.yaml, 3 repeats
    python benchmarks/commands.py --repeats 5 --json benchmarks/results-commands.json
    python benchmarks/commands.py --only report,voi --scenario tiers,lelystad

Each cell is the wall time of a whole ``python -m roi_sim COMMAND ...`` process (start-up,
reading the scenario, simulating, formatting, writing the output; output to a temporary file
or discarded), run from the repository with ``PYTHONPATH`` set to it, so the code measured is
this checkout's, byte-compiled once before timing (as a user's first run leaves it, even where
``PYTHONDONTWRITEBYTECODE`` is set; see :func:`child_env`). The table shows the median of the repeats (the best in brackets when it is
more than 10% lower) and marks every cell above the limit. Commands that do not apply to a
scenario (``allocate`` needs target groups) are shown as ``n/a``, those it refuses with a
usage error (exit 2: ``design`` without a counterfactual) as ``refused``, and the commands that take
no scenario (``calibrate``, ``init``, ``schema``, ``--help``) are timed once each.

Not a timed test: a shared 2-vCPU VM moves figures 5-20% between runs. The load other
processes put on the machine while the table was measured is recorded (``other_load_cores``);
above 0.1 cores the timings are suspect. Exit code 0 even when a cell is over the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# This checkout's roi_sim, whatever is installed.
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
from run import OtherLoad, machine  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LIMIT = 2.0
#: The budget for ``allocate`` (the README's example on scenarios/tiers.yaml).
ALLOCATE_BUDGET = "1500000"
#: Months of realised counts for ``track``: the plan's own counts for the first year.
TRACK_MONTHS = 12

Argv = list[str] | None


def realised_csv(scenario_path: Path, directory: Path) -> Path:
    """A realised file for ``track``: the first strategy's plan, month by month, for a year."""
    from roi_sim.decisions.track import plan_for
    from roi_sim.scenario.spec import load_scenario

    scenario = load_scenario(scenario_path)
    strategy = scenario.strategies[0].name
    plan = plan_for(scenario, strategy)
    lines = ["month,clients_started,left_benefit,returned"]
    for m in range(min(TRACK_MONTHS, len(plan.started))):
        lines.append(f"{m + 1},{round(plan.started[m])},{round(plan.left[m])},0")
    path = directory / f"{scenario_path.stem}.realised.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sweep_file(scenario_path: Path, directory: Path) -> Path:
    """A one-row sweep of the scenario as it is (the sweep machinery around one run)."""
    path = directory / f"{scenario_path.stem}.sweep.yaml"
    path.write_text(f"scenario: {scenario_path}\nrows:\n  - name: as shipped\n", encoding="utf-8")
    return path


def has_groups(scenario_path: Path) -> bool:
    from roi_sim.scenario.spec import load_scenario

    return bool(getattr(load_scenario(scenario_path), "groups", None))


#: command name -> argv after ``python -m roi_sim`` for (scenario, scratch dir), or None if n/a.
COMMANDS: dict[str, Callable[[Path, Path], Argv]] = {
    "validate": lambda s, d: ["validate", str(s)],
    "run": lambda s, d: ["run", str(s)],
    "run -f json": lambda s, d: ["run", str(s), "-f", "json", "-o", str(d / "run.json")],
    "run -o .xlsx": lambda s, d: ["run", str(s), "-o", str(d / "run.xlsx")],
    "compare": lambda s, d: ["compare", str(s)],
    "report": lambda s, d: ["report", str(s), "-o", str(d / "report.html")],
    "report -o .md": lambda s, d: ["report", str(s), "-o", str(d / "report.md")],
    "allocate": lambda s, d: ["allocate", str(s), "--budget", ALLOCATE_BUDGET] if has_groups(s) else None,
    "breakeven": lambda s, d: ["breakeven", str(s), "--param", "cost_per_client"],
    "sensitivity": lambda s, d: ["sensitivity", str(s)],
    "voi": lambda s, d: ["voi", str(s)],
    "voi --pilot": lambda s, d: ["voi", str(s), "--pilot", "75", "--pilot-cost", "90000"],
    "design": lambda s, d: ["design", str(s)],
    "design --value": lambda s, d: ["design", str(s), "--value"],
    "track": lambda s, d: ["track", str(s), "--realised", str(realised_csv(s, d))],
    "sweep": lambda s, d: ["sweep", str(sweep_file(s, d)), "-o", str(d / "sweep.json")],
}

#: Commands that take no scenario, timed once each.
STANDALONE: dict[str, list[str]] = {
    "--help": ["--help"],
    "schema": ["schema"],
    "init": ["init"],
    "init --lang nl": ["init", "--lang", "nl"],
    "calibrate": ["calibrate", "--successes", "4", "--trials", "75"],
}


def child_env() -> dict[str, str]:
    """The environment of a measured command: this checkout first on the path, and byte-code
    caches as a user's installation has them. A user's Python writes ``__pycache__`` on the
    first import; a sandbox with ``PYTHONDONTWRITEBYTECODE`` set would instead charge every
    cell for compiling each roi_sim module from source (0.2-0.3 s here). The caches are the
    checkout's ``__pycache__`` directories, which git ignores."""
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="120")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_once() -> None:
    """Byte-compile this checkout's roi_sim before anything is timed."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "roi_sim")], env=child_env(),
                   check=True, stdout=subprocess.DEVNULL)


def wall(argv: list[str], cwd: Path) -> tuple[float, int, str]:
    """Whole-process wall time, exit code and the last line of stderr of one command."""
    env = child_env()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "roi_sim", *argv], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    tail = proc.stderr.strip().splitlines()[-1] if proc.returncode and proc.stderr.strip() else ""
    return elapsed, proc.returncode, tail


def measure(argv: list[str], repeats: int, cwd: Path) -> dict[str, Any]:
    runs = [wall(argv, cwd) for _ in range(repeats)]
    times = [t for t, _, _ in runs]
    rc = max(r for _, r, _ in runs)
    return {"argv": argv, "median": statistics.median(times), "best": min(times), "times": times,
            "exit": rc, "error": next((e for _, r, e in runs if r), "")}


def cell(m: dict[str, Any] | None) -> str:
    if m is None:
        return "n/a"
    if m["exit"] == 2:
        return "refused"
    if m["exit"]:
        return f"exit {m['exit']}"
    text = f"{m['median']:.2f}"
    if m["best"] < 0.9 * m["median"]:
        text += f" ({m['best']:.2f})"
    return text + (" !" if m["median"] > LIMIT else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", help="comma-separated command names (as in the table)")
    parser.add_argument("--scenario", help="comma-separated scenario stems (default: every scenarios/*.yaml)")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results-commands.json")
    args = parser.parse_args(argv)

    scenarios = sorted((REPO / "scenarios").glob("*.yaml"))
    if args.scenario:
        wanted = set(args.scenario.split(","))
        scenarios = [s for s in scenarios if s.stem in wanted]
    commands = {k: v for k, v in COMMANDS.items() if not args.only or k in args.only.split(",")}
    standalone = {k: v for k, v in STANDALONE.items() if not args.only or k in args.only.split(",")}

    info = machine()
    print(f"roi-sim {info['roi_sim']} at {info['git_commit']}, {info['date']}")
    print(f"  {info['platform']}; {info['cpu']}; {info['cores']} cores ({info['usable_cores']} usable); "
          f"Python {info['python']}, numpy {info['numpy']}")
    print(f"  wall time of `python -m roi_sim ...`, median of {args.repeats} (best in brackets if >10% lower); "
          f"! = over {LIMIT:.0f} s\n")

    load = OtherLoad()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        compile_once()
        for name, argv_of in commands.items():
            results[name] = {}
            for s in scenarios:
                a = argv_of(s, scratch)
                results[name][s.stem] = None if a is None else measure(a, args.repeats, scratch)
            print(f"  measured {name}", file=sys.stderr)
        single = {name: measure(a, args.repeats, scratch) for name, a in standalone.items()}
    cores = load.cores()

    stems = [s.stem for s in scenarios]
    width = max(len(n) for n in [*commands, "command"])
    cols = [max(len(st), 12) for st in stems]
    print(f"| {'command':<{width}} | " + " | ".join(f"{st:>{w}}" for st, w in zip(stems, cols, strict=True)) + " |")
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * (w + 1) + ":" for w in cols) + "|")
    over: list[str] = []
    failed: list[str] = []
    refused: list[str] = []
    for name, row in results.items():
        print(f"| {name:<{width}} | " + " | ".join(f"{cell(row[st]):>{w}}" for st, w in zip(stems, cols, strict=True)) + " |")
        for st in stems:
            m = row[st]
            if m is not None and m["exit"] == 2:
                refused.append(f"{name} {st}: {m['error']}")
            elif m is not None and m["exit"]:
                failed.append(f"{name} {st}: exit {m['exit']} {m['error']}")
            elif m is not None and m["median"] > LIMIT:
                over.append(f"{name} {st} ({m['median']:.2f} s)")
    print()
    for name, m in single.items():
        print(f"  {name:<16} {cell(m)}")
        if m["exit"]:
            failed.append(f"{name}: exit {m['exit']} {m['error']}")
        elif m["median"] > LIMIT:
            over.append(f"{name} ({m['median']:.2f} s)")
    print(f"\nother processes' load while measuring: {cores:.2f} cores" + ("  (timings suspect)" if cores > 0.1 else ""))
    print(f"over {LIMIT:.0f} s: " + (", ".join(over) if over else "none"))
    for r in refused:
        print(f"refused (a usage error, not applicable): {r}")
    for f in failed:
        print(f"FAILED: {f}")

    args.json.write_text(json.dumps({"machine": info, "limit_seconds": LIMIT, "repeats": args.repeats,
                                     "other_load_cores": round(cores, 3), "commands": results,
                                     "standalone": single, "over_limit": over, "refused": refused, "failed": failed},
                                    indent=1, default=str) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
