"""Issue 6: Monte Carlo precision is reported, and `--iterations auto` adds seed blocks until
the standard error of mean net savings falls below a target — with the same numbers as a
fixed run of the iteration count it ends at."""

from __future__ import annotations

import json
import re

from tests.test_json_contract import UNCERTAIN


def test_iterations_auto_equals_the_fixed_run_it_ends_at(cli, write) -> None:
    path = write(UNCERTAIN)
    auto = cli("run", path, "-n", "auto", "--target-se", "20000", "-f", "json")
    assert auto.exit_code == 0
    match = re.search(r"--iterations auto: ([\d,]+) iterations; target standard error EUR 20,000 reached", auto.stderr)
    assert match, auto.stderr
    n = int(match.group(1).replace(",", ""))
    doc = json.loads(auto.stdout)
    assert doc["settings"]["iterations"] == n
    # Whole seed blocks, doubling: 4096, 8192, ...
    assert n % 4096 == 0 and (n // 4096) & (n // 4096 - 1) == 0
    assert all(st["metrics"]["net_savings"]["se"] <= 20_000 for st in doc["strategies"])
    fixed = cli("run", path, "-n", str(n), "-f", "json")
    assert fixed.stdout == auto.stdout
    # Half as many iterations did not reach the target (else auto would have stopped there).
    if n > 4096:
        half = json.loads(cli("run", path, "-n", str(n // 2), "-f", "json").stdout)
        assert max(st["metrics"]["net_savings"]["se"] for st in half["strategies"]) > 20_000


def test_large_standard_error_is_warned_on_stderr_only(cli, write) -> None:
    path = write(UNCERTAIN)
    res = cli("run", path, "-n", "50", "-f", "json")
    assert res.exit_code == 0
    json.loads(res.stdout)  # stdout stays clean JSON
    assert "roi-sim: warning: the Monte Carlo standard error of mean net savings of 'Base' is EUR" in res.stderr
    assert "run more iterations (--iterations auto) before quoting it" in res.stderr


def test_target_se_needs_auto(cli, write) -> None:
    res = cli("run", write(UNCERTAIN), "--target-se", "1000")
    assert res.exit_code == 2 and res.stderr == "roi-sim: error: --target-se goes with --iterations auto\n"
    res = cli("run", write(UNCERTAIN), "-n", "lots")
    assert res.exit_code == 2 and res.stderr == "roi-sim: error: --iterations lots: give a whole number or 'auto'\n"
