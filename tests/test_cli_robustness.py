"""Issue 16.7–16.9: arguments and the environment give exit 2 naming the argument; outputs
are checked before simulating and never replace a device; signals end workers; `report`
reads the scenario once."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LELYSTAD_AS_TOLD

ROOT = Path(__file__).resolve().parents[1]
UNCERTAIN = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0.2, high: 0.4}")


def _error(result) -> str:
    assert result.exit_code == 2 and result.stdout == "", (result.exit_code, result.stderr)
    # The article's 30 points of net effect are warned about before a run (DESIGN.md §9 guardrail).
    lines = [line for line in result.stderr.splitlines() if not line.startswith("roi-sim: warning: 'Lelystad as the article")]
    assert len(lines) == 1 and "internal error" not in lines[0]
    return lines[0]


@pytest.fixture
def no_simulation(monkeypatch):
    """Fail the test if anything is simulated: outputs must be checked first."""
    import roi_sim.model.simulate

    def refuse(*args, **kwargs):
        raise AssertionError("simulated before the outputs were checked")

    monkeypatch.setattr(roi_sim.model.simulate, "run", refuse)


def test_voi_arguments(cli, write) -> None:
    path = write(UNCERTAIN)
    assert _error(cli("voi", path, "--seed", "-1")) == (
        "roi-sim: error: --seed -1: must be a whole number from 0 to 9,223,372,036,854,775,807, as the scenario's seed key"
    )
    assert _error(cli("voi", path, "-w", "-1")) == "roi-sim: error: --workers -1: must be 0 (one per core) or more"
    assert _error(cli("sensitivity", path, "-w", "-1")) == "roi-sim: error: --workers -1: must be 0 (one per core) or more"
    assert _error(cli("sensitivity", path, "--workers", "two")) == "roi-sim: error: --workers two: must be 0 (one per core) or more"
    assert _error(cli("voi", path, "--pilot", "50", "--pilot-param", "cost_per_client")) == (
        "roi-sim: error: --pilot-param cost_per_client: is not a rate; a pilot measures a share of its clients: one of "
        "outflow_rate, baseline_outflow_rate, relapse_within_12_months, relapse_ever, subsidised_share, wage_value, benefit_saved_share"
    )
    assert _error(cli("allocate", path, "--budget", "10", "-n", "auto")) == "roi-sim: error: --iterations auto: give a whole number"


def test_unwritable_directory_is_refused_before_simulating(cli, write, tmp_path, no_simulation) -> None:
    path = write(LELYSTAD_AS_TOLD)
    if os.geteuid() == 0:
        target = Path("/sys/roi-sim-out.json")  # unwritable even for root
        reason = "Permission denied"
    else:  # pragma: no cover - CI runs as root
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target, reason = locked / "out.json", "Permission denied"
    assert _error(cli("run", path, "-o", target)) == f"roi-sim: error: --output {target}: cannot write in {target.parent}: {reason}"


def test_name_too_long_is_refused_before_simulating(cli, write, tmp_path, no_simulation) -> None:
    target = tmp_path / ("x" * 300 + ".json")
    assert _error(cli("run", write(LELYSTAD_AS_TOLD), "-o", target)) == (
        f"roi-sim: error: --output {target}: the name is too long for the file system; give a shorter file name"
    )


def test_a_full_device_is_exit_2_and_stays_a_device(cli, write) -> None:
    res = cli("run", write(LELYSTAD_AS_TOLD), "--deterministic", "-f", "json", "-o", "/dev/full")
    assert _error(res) == "roi-sim: error: --output /dev/full: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_is_written_through_not_replaced(cli, write) -> None:
    before = os.stat("/dev/null")
    res = cli("run", write(LELYSTAD_AS_TOLD), "-n", "10", "-o", "/dev/null")
    assert res.exit_code == 0, res.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_plot_and_output_on_one_file_refused(cli, write, tmp_path, no_simulation) -> None:
    same = tmp_path / "a.png"
    res = cli("run", write(LELYSTAD_AS_TOLD), "-o", same, "--plot", same, "-f", "json")
    assert _error(res) == f"roi-sim: error: --plot {same}: is the same file as --output; give the two different names"
    assert not same.exists()


@pytest.mark.parametrize("name", ["out.pdf", "out.docx"])
def test_an_extension_the_command_cannot_write_is_refused(cli, write, tmp_path, no_simulation, name) -> None:
    target = tmp_path / name
    suffix = target.suffix
    assert _error(cli("run", write(LELYSTAD_AS_TOLD), "-o", target)) == (
        f"roi-sim: error: --output {target}: run cannot write a {suffix} file; give a name ending in "
        ".json, .md, .markdown, .csv, .txt, .xlsx, or none"
    )
    assert _error(cli("voi", write(LELYSTAD_AS_TOLD), "-o", target)) == (
        f"roi-sim: error: --output {target}: voi cannot write a {suffix} file; give a name ending in .json, .txt, or none"
    )
    assert not target.exists()


@pytest.mark.parametrize("epoch", ["99999999999999999999", "yesterday", "-5"])
def test_absurd_source_date_epoch(cli, write, tmp_path, monkeypatch, no_simulation, epoch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    res = cli("report", write(LELYSTAD_AS_TOLD), "-o", tmp_path / "r.html")
    assert _error(res) == (
        f"roi-sim: error: SOURCE_DATE_EPOCH={epoch}: not a date roi-sim can use; give whole seconds since 1970-01-01 UTC "
        "(up to 253402300799, the end of year 9999), or unset it"
    )


def test_a_fifo_as_scenario_is_refused_without_blocking(cli, tmp_path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    for command in (["validate"], ["run"], ["voi"]):
        assert _error(cli(*command, fifo)) == (
            f"roi-sim: error: {fifo}: is a pipe (FIFO), not a scenario file; save the scenario as a .yaml file and give its path"
        )
    assert time.monotonic() - started < 10


def _subprocess(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "roi_sim", *args], env=env, cwd=ROOT, **kwargs)


def test_schema_into_a_full_stdout_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        proc = _subprocess("schema", stdout=full, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.decode() == "roi-sim: error: cannot write to standard output: No space left on device\n"


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_ends_the_workers_and_leaves_no_file(tmp_path, signum, code) -> None:
    scenario = tmp_path / "big.yaml"
    scenario.write_text(UNCERTAIN.replace("horizon_years: 6", "horizon_years: 20") + "iterations: 400000\n")
    out = tmp_path / "out.json"
    proc = _subprocess("run", str(scenario), "--workers", "2", "-o", str(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    proc.send_signal(signum)
    # communicate() returns only when every holder of the pipes (the workers too) is gone.
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    # (Ends with: a signal landing inside Python's fork hooks gets an "Exception ignored"
    # note from Python itself before it; the exit code and the clean-up are the same.)
    assert stderr.decode().endswith(f"roi-sim: ended by {signal.Signals(signum).name}; no output was written\n") and stdout == b""
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_an_interrupted_write_by_sigterm_leaves_no_temporary(tmp_path, monkeypatch) -> None:
    from roi_sim.cli.app import write_atomically
    from roi_sim.cli.signals import Terminated

    target = tmp_path / "result.json"

    def terminated(src, dst):
        raise Terminated(signal.SIGTERM)

    monkeypatch.setattr(os, "replace", terminated)
    with pytest.raises(Terminated):
        write_atomically(target, "new\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_report_reads_the_scenario_once(cli, write, tmp_path, monkeypatch, change) -> None:
    """The file is edited or deleted while the run simulates: the report quotes what was run."""
    import roi_sim.model.simulate

    path = write(LELYSTAD_AS_TOLD.replace("name: Lelystad as the article tells it", "name: Read once"))
    original = path.read_bytes()
    real_run = roi_sim.model.simulate.run

    def delete_then_run(*args, **kwargs):
        if change == "delete":
            path.unlink()
        else:
            path.write_bytes(original.replace(b"Read once", b"Edited later").replace(b"5000", b"7321"))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(roi_sim.model.simulate, "run", delete_then_run)
    out = tmp_path / "r.md"
    res = cli("report", path, "-o", out, "-n", "200")
    assert res.exit_code == 0, res.stderr
    text = out.read_text()
    assert hashlib.sha256(original).hexdigest() in text
    assert "Read once" in text and "| cost_per_client | 5000 |" in text
    assert "Edited later" not in text and "7321" not in text


def test_help_imports_nothing_heavy() -> None:
    """`roi-sim --help` stays quick: the commands import numpy, pydantic and the engine."""
    code = "import sys, roi_sim.cli.app; print(sorted(m for m in ('numpy', 'pydantic', 'rich', 'roi_sim.api') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert out.stdout == "[]\n", out.stderr


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_during_a_run_exits_128_plus_it_in_process(cli, write, tmp_path, monkeypatch, signum, code) -> None:
    import roi_sim.model.simulate
    from roi_sim.cli.signals import Terminated

    def ended(*args, **kwargs):
        raise Terminated(signum)

    monkeypatch.setattr(roi_sim.model.simulate, "run", ended)
    out = tmp_path / "out.json"
    res = cli("run", write(LELYSTAD_AS_TOLD), "-o", out)
    assert res.exit_code == code and res.stdout == ""
    assert res.stderr == f"roi-sim: ended by {signal.Signals(signum).name}; no output was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.yaml"]
