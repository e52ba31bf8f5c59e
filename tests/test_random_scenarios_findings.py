"""Findings of the random valid-scenario generator (issue 16, last paragraph) that lie
outside the scenario loader, pinned with their minimal scenario. Both came from dividing by
an investment of about 1e-300 EUR; an investment below half a cent now counts as nothing
invested (roi_sim/model/metrics.py INVESTED_EUR). (Loader findings are in
tests/test_scenario_limits.py.)"""

from __future__ import annotations

import numpy as np

import roi_sim

#: A positive but subnormal investment (cost_per_client 5e-324 EUR for one client).
SUBNORMAL_COST = """\
horizon_years: 1
cohort_size: 1
cost_per_client: 5.0e-324
annual_benefit_cost: 12000
outflow_rate: 0.5
time_out_of_benefits_years: 2
"""

#: Investments from about 1e-300 EUR up: ratios up to 1e300, whose squares overflow.
NEAR_ZERO_COSTS = """\
horizon_years: 1
cohort_size: 1
cost_per_client: {dist: beta, alpha: 0.01, beta: 0.01}
annual_benefit_cost: 12000
outflow_rate: 0.5
time_out_of_benefits_years: 2
"""


def test_benefit_cost_ratio_is_finite_wherever_something_is_invested() -> None:
    result = roi_sim.simulate(roi_sim.load(SUBNORMAL_COST), iterations=100)
    it = result.run.iterations["<scenario>"]
    # Investing 5e-324 EUR is investing nothing: no ratio, rather than inf dropped as 0.
    assert (it.investment > 0).all()
    assert np.isnan(it.benefit_cost_ratio).all()
    assert result.to_dict()["strategies"][0]["metrics"]["benefit_cost_ratio"] is None


def test_every_figure_of_a_ratio_summary_is_a_number() -> None:
    result = roi_sim.simulate(roi_sim.load(NEAR_ZERO_COSTS), iterations=1000)
    metrics = result.to_dict()["strategies"][0]["metrics"]
    for figure in ("benefit_cost_ratio", "roi"):
        assert metrics[figure] is not None
        assert all(v is not None for v in metrics[figure].values()), (figure, metrics[figure])
