"""Issue 16.11: the fan chart's monthly cash flows are kept for a fixed, block-aligned
prefix of iterations only, so memory does not grow with --iterations, and the kept paths are
the same for any worker count."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from roi_sim.model.blocks import FAN_MAX_ITERATIONS, BlockCombiner
from roi_sim.model.draws import BLOCK_SIZE
from roi_sim.model.simulate import run, simulate_block
from roi_sim.outputs.council_report import FAN_PERCENTILES
from roi_sim.scenario.spec import load_scenario, parse_scenario

SCENARIO = parse_scenario(
    """\
name: Fan
horizon_years: 2
iterations: 100
seed: 5
cohort_size: 40
cost_per_client: 4000
annual_benefit_cost: 12000
outflow_rate: {dist: beta, mean: 0.3, sd: 0.05}
baseline_outflow_rate: 0.1
time_out_of_benefits_years: 2
strategies:
  - name: A
  - name: B
    cost_per_client: 2500
""",
    "fan.yaml",
)


def _blocks_by_hand(n: int) -> list[np.ndarray]:
    """The first ``n`` iterations' monthly paths, block by block from the engine directly."""
    blocks = [simulate_block(SCENARIO, b, keep_monthly=True).monthly for b in range(-(-n // BLOCK_SIZE))]
    return [np.concatenate([blk[s] for blk in blocks], axis=1)[:, :n] for s in range(2)]


def test_the_cap_is_whole_seed_blocks() -> None:
    assert FAN_MAX_ITERATIONS % BLOCK_SIZE == 0 and FAN_MAX_ITERATIONS >= 10_000


def test_more_iterations_than_the_cap_keep_the_cap_only() -> None:
    n = FAN_MAX_ITERATIONS + BLOCK_SIZE + 7
    one = run(SCENARIO, iterations=n, keep_monthly=True)
    two = run(SCENARIO, iterations=n, keep_monthly=True, workers=2)
    expected = _blocks_by_hand(FAN_MAX_ITERATIONS)
    assert one.monthly_cumulative_net is not None and two.monthly_cumulative_net is not None
    for s, name in enumerate(("A", "B")):
        kept = one.monthly_cumulative_net[name]
        assert kept.shape == (SCENARIO.horizon_months, FAN_MAX_ITERATIONS)
        assert np.array_equal(kept, expected[s])
        assert np.array_equal(two.monthly_cumulative_net[name], kept)
    # The cap touches the chart only: the run's own figures cover every iteration.
    assert one.iterations["A"].n == n
    assert one.iterations["A"].net_savings[-1] == run(SCENARIO, iterations=n).iterations["A"].net_savings[-1]


def test_fewer_iterations_than_the_cap_keep_them_all() -> None:
    n = BLOCK_SIZE + 11
    result = run(SCENARIO, iterations=n, keep_monthly=True)
    assert result.monthly_cumulative_net is not None
    for s, name in enumerate(("A", "B")):
        assert np.array_equal(result.monthly_cumulative_net[name], _blocks_by_hand(n)[s])
        # The last month's cumulative net is the iteration's net savings.
        assert np.allclose(result.monthly_cumulative_net[name][-1], result.iterations[name].net_savings)


def test_a_run_of_exactly_the_cap_keeps_every_iteration_and_later_blocks_send_none() -> None:
    combiner = BlockCombiner(SCENARIO, FAN_MAX_ITERATIONS + 3 * BLOCK_SIZE, keep_monthly=True)
    fan_blocks = FAN_MAX_ITERATIONS // BLOCK_SIZE
    # Blocks past the cap are not asked for their monthly paths, so none travel back from a worker.
    assert [combiner.keeps_monthly(b) for b in range(combiner.n_blocks)] == [True] * fan_blocks + [False] * 3
    assert combiner.monthly is not None and all(m.shape == (SCENARIO.horizon_months, FAN_MAX_ITERATIONS) for m in combiner.monthly)
    at_cap = run(SCENARIO, iterations=FAN_MAX_ITERATIONS, keep_monthly=True).monthly_cumulative_net
    assert at_cap is not None and at_cap["A"].shape == (SCENARIO.horizon_months, FAN_MAX_ITERATIONS)


# The fan chart's bands (council report, `run --plot`) for a Kompas run of 5,000 iterations,
# computed by the code before issue 16.11 (commit 4a5ec4f): under the cap nothing may move.
KOMPAS_FAN_BEFORE = {
    "Kompas — every job counts (many back within 12 months)": {
        0: [-1610939.4804513776, -1411934.9882375717, -1157028.116604148, -894362.8427167486, -691494.1007954052],
        30: [-1403184.143967291, -1042667.8169220071, -755901.3368009966, -461446.63461706066, -59611.853516925825],
        59: [-1371200.0666027248, -974956.9025657875, -651099.9402359393, -316325.5173762151, 164895.63199190865],
    },
    "Same outflow, national re-inflow (what nazorg could be worth)": {
        0: [-1610939.4804513776, -1411934.9882375717, -1157028.116604148, -894362.8427167486, -691494.1007954052],
        30: [-1386479.1902558007, -991749.913222265, -689095.1665517049, -376599.57421045116, 74269.34368630162],
        59: [-1349811.0616947648, -876657.561974439, -510016.9412694706, -120142.77782544467, 470168.4006742649],
    },
}


def test_fan_bands_under_the_cap_are_unchanged() -> None:
    assert list(FAN_PERCENTILES) == [5, 25, 50, 75, 95]
    kompas = load_scenario(Path(__file__).parent / "data" / "kompas-outflow-rate.yaml")
    monthly = run(kompas, iterations=5_000, keep_monthly=True, workers=2).monthly_cumulative_net
    assert monthly is not None and set(monthly) == set(KOMPAS_FAN_BEFORE)
    for name, months in KOMPAS_FAN_BEFORE.items():
        assert monthly[name].shape == (kompas.horizon_months, 5_000)
        bands = np.percentile(monthly[name], FAN_PERCENTILES, axis=1)
        for month, expected in months.items():
            assert list(bands[:, month]) == pytest.approx(expected, rel=1e-12)


def test_iterations_auto_keeps_the_fan_of_the_final_run() -> None:
    # `report` and `run --plot` with --iterations auto used to lose the monthly paths (and so
    # the fan chart): they are those of a plain run of the final iteration count.
    from roi_sim.api import simulate

    auto = simulate(SCENARIO, "auto", keep_monthly=True)
    plain = run(SCENARIO, iterations=auto.run.iterations["A"].n, keep_monthly=True)
    assert auto.run.monthly_cumulative_net is not None and plain.monthly_cumulative_net is not None
    for name in ("A", "B"):
        assert np.array_equal(auto.run.monthly_cumulative_net[name], plain.monthly_cumulative_net[name])
