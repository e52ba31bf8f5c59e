"""Issue 10.2: the Python API gives the CLI's numbers and the CLI's words."""

from __future__ import annotations

import json
import sys

import pytest

import roi_sim
from tests.conftest import LELYSTAD_AS_TOLD

MAX_SEED_TEXT = "must be a whole number from 0 to 9,223,372,036,854,775,807, as the scenario's seed key"


def test_to_dict_is_the_cli_json(cli, write) -> None:
    path = write(LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}"))
    from_cli = cli.json("run", path, "--iterations", "3000", "--seed", "17")
    result = roi_sim.simulate(roi_sim.load(path), iterations=3000, seed=17)
    assert result.to_dict() == from_cli
    assert result.to_json() == cli("run", path, "-n", "3000", "--seed", "17", "-f", "json").stdout
    # Same numbers for any worker count (DESIGN.md §5).
    assert roi_sim.simulate(roi_sim.load(path), iterations=5000, seed=17, workers=2).to_dict() == (
        roi_sim.simulate(roi_sim.load(path), iterations=5000, seed=17).to_dict()
    )


def test_to_frame_is_tidy_with_the_hand_numbers() -> None:
    """Deterministic Lelystad: investment 300 × 5,000 = 1,500,000 in year 1; gross savings
    300 × 0.30 × 24 months × 1,000 = 2,160,000; net 660,000."""
    frame = roi_sim.simulate(roi_sim.load(LELYSTAD_AS_TOLD), deterministic=True).to_frame()
    assert list(frame.columns) == ["strategy", "figure", "year", "mean", "se", "p5", "p50", "p95"]
    totals = frame[frame["year"].isna()].set_index("figure")
    assert totals.loc["investment", "mean"] == 1_500_000
    assert totals.loc["gross_savings", "mean"] == pytest.approx(2_160_000)
    assert totals.loc["net_savings", "p95"] == pytest.approx(660_000)
    assert totals.loc["net_savings", "se"] == 0
    yearly = frame[frame["figure"] == "investment"].dropna(subset=["year"])
    assert list(yearly["year"]) == [1, 2, 3, 4, 5, 6]
    assert list(yearly["mean"]) == [1_500_000, 0, 0, 0, 0, 0]
    # 7 totals + 6 years × 5 yearly figures, for the one strategy.
    assert len(frame) == 7 + 6 * 5 and set(frame["strategy"]) == {"Lelystad as the article tells it"}


def test_to_frame_without_pandas_says_how_to_install_it(monkeypatch) -> None:
    result = roi_sim.simulate(roi_sim.load(LELYSTAD_AS_TOLD), deterministic=True)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as info:
        result.to_frame()
    assert str(info.value) == 'Result.to_frame() needs pandas; install it with: pip install "roi-sim[frame]"'


@pytest.mark.parametrize("seed", ["1.5", "-1", str(2**70), "abc"])
def test_seed_is_refused_with_the_cli_words(cli, write, seed) -> None:
    path = write(LELYSTAD_AS_TOLD)
    value = {"1.5": 1.5, "-1": -1, str(2**70): 2**70, "abc": "abc"}[seed]
    with pytest.raises(roi_sim.InputError) as info:
        roi_sim.simulate(roi_sim.load(path), seed=value)
    error = info.value
    assert (error.key, error.message, error.file, error.line) == ("seed", MAX_SEED_TEXT, None, None)
    assert str(error) == f"seed {seed}: {MAX_SEED_TEXT}"
    res = cli("run", path, "--seed", seed)
    assert res.exit_code == 2 and res.stderr == f"roi-sim: error: --seed {seed}: {error.message}\n"


def test_seed_2_to_70_gets_the_files_rule(cli, write) -> None:
    """The command line refuses what the scenario file refuses, by the same bound."""
    in_file = cli("validate", write(LELYSTAD_AS_TOLD + f"seed: {2**70}\n"))
    assert in_file.exit_code == 2 and "must be at most 9,223,372,036,854,775,807" in in_file.stderr
    assert cli("run", write(LELYSTAD_AS_TOLD, "ok.yaml"), "--seed", str(2**63 - 1), "-n", "10").exit_code == 0


def test_other_arguments_are_checked_in_the_library() -> None:
    scenario = roi_sim.load(LELYSTAD_AS_TOLD)
    cases = [
        ({"iterations": 0}, "iterations 0: must be between 1 and 1,000,000 (each iteration keeps its results in memory)"),
        ({"iterations": "lots"}, "iterations lots: give a whole number or 'auto'"),
        ({"workers": -1}, "workers -1: must be 0 (one per core) or more"),
        ({"target_se": 100.0}, "target_se goes with iterations auto"),
        ({"iterations": "auto", "target_se": -5.0}, "target_se -5: must be a positive number of euros"),
    ]
    for kwargs, text in cases:
        with pytest.raises(roi_sim.ArgumentError) as info:
            roi_sim.simulate(scenario, **kwargs)
        assert str(info.value) == text


def test_bad_file_carries_file_line_key_and_the_cli_text(cli, write) -> None:
    path = write(LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: 30"))
    with pytest.raises(roi_sim.InputError) as info:
        roi_sim.load(path)
    error = info.value
    assert (error.file, error.line, error.key) == (str(path), 6, "outflow_rate")
    assert error.message == "30 is not a rate: a rate is a fraction between 0 and 1; write 0.3 for 30%"
    assert cli("validate", path).stderr == f"roi-sim: error: {error}\n"
    with pytest.raises(roi_sim.InputError) as missing:
        roi_sim.load(path.parent / "nope.yaml")
    assert missing.value.message == "no such file; check the path (scenario files end in .yaml)"


def test_load_reads_text_and_paths_alike(write) -> None:
    path = write(LELYSTAD_AS_TOLD)
    from_text, from_path = roi_sim.load(LELYSTAD_AS_TOLD), roi_sim.load(str(path))
    assert from_text.sha256 == from_path.sha256 == __import__("hashlib").sha256(LELYSTAD_AS_TOLD.encode()).hexdigest()
    assert json.dumps(roi_sim.simulate(from_text, deterministic=True).to_dict()["strategies"]) == json.dumps(
        roi_sim.simulate(from_path, deterministic=True).to_dict()["strategies"]
    )
