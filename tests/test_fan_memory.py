"""Issue 16.11: the fan chart's monthly cash flows are kept for a fixed, block-aligned
prefix of iterations only, so memory does not grow with --iterations, and the kept paths are
the same for any worker count."""

from __future__ import annotations

import numpy as np

from roi_sim.model.blocks import FAN_MAX_ITERATIONS
from roi_sim.model.draws import BLOCK_SIZE
from roi_sim.model.simulate import run, simulate_block
from roi_sim.scenario.spec import parse_scenario

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
