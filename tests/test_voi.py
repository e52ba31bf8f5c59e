"""Value of information (roi_sim.decisions.voi): EVPI, EVPPI and the EVSI of a pilot.

Every expected number is derived independently of the module: by hand for two-point
distributions, in closed form (beta / beta-binomial) for a beta prior on a rate, or from
the ordering 0 <= EVSI <= EVPPI <= EVPI.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import stats

from roi_sim.decisions.voi import DO_NOTHING, Evpi, evpi, evppi, evsi_pilot
from roi_sim.model.simulate import run
from roi_sim.scenario.spec import parse_scenario

# A beta prior on the outflow rate, Beta(3, 7) (mean 0.3), and a strategy whose net
# benefit is linear in the rate: NB_A = A0 + B1·θ. Break-even at θ = 0.32, just above the
# prior mean, so doing nothing is the current choice and information has real value.
ALPHA, BETA = 3.0, 7.0
A0, B1 = -32_000.0, 100_000.0


@pytest.fixture(scope="module")
def theta() -> np.ndarray:
    return np.random.default_rng(20240611).beta(ALPHA, BETA, 200_000)


@pytest.fixture(scope="module")
def linear_nb(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"A": A0 + B1 * theta, "B": np.zeros_like(theta)}


def closed_form_evppi(a: float = A0, b: float = B1) -> float:
    """E[max(0, a + bθ)] − max(0, a + b·E θ) for θ ~ Beta(α, β), b > 0.

    With c = −a/b: E[(θ − c)+] = E[θ]·P(θ' > c) − c·P(θ > c), where θ' ~ Beta(α+1, β)
    (the size-biased beta: E[θ·1{θ>c}] = E[θ]·P(θ' > c)).
    """
    c = -a / b
    mean = ALPHA / (ALPHA + BETA)
    gain = b * (mean * stats.beta.sf(c, ALPHA + 1, BETA) - c * stats.beta.sf(c, ALPHA, BETA))
    return gain - max(0.0, a + b * mean)


def closed_form_evsi(n: int, a: float = A0, b: float = B1) -> float:
    """Preposterior analysis with the conjugate beta-binomial: after k successes of n the
    posterior mean is (α+k)/(α+β+n), so E[NB_A | k] = a + b·(α+k)/(α+β+n) exactly, and
    P(k) is the beta-binomial pmf."""
    k = np.arange(n + 1)
    p_k = stats.betabinom.pmf(k, n, ALPHA, BETA)
    after = np.maximum(0.0, a + b * (ALPHA + k) / (ALPHA + BETA + n))
    return float(p_k @ after) - max(0.0, a + b * ALPHA / (ALPHA + BETA))


# --------------------------------------------------------------------------- EVPI


def test_evpi_is_zero_when_every_iteration_prefers_the_same_option() -> None:
    """Issue acceptance: if A beats B and doing nothing in every iteration, knowing the
    future changes no decision."""
    rng = np.random.default_rng(1)
    a = rng.uniform(1_000, 50_000, 10_000)
    b = a - rng.uniform(1, 20_000, 10_000)  # always below A (may be negative)
    result = evpi({"A": a, "B": b})
    assert result.best_option == "A"
    assert result.evpi == 0.0
    assert result.expected_value_perfect == pytest.approx(a.mean(), rel=1e-12)
    assert result.sentence == (
        "Knowing everything before deciding is worth at most €0 (expected value of perfect information)."
    )


def test_evpi_matches_hand_computation_on_two_equally_likely_states() -> None:
    # State 1: A pays 100, B pays 20; state 2: A pays −50, B pays 20. Do nothing pays 0.
    # E[A] = 25, E[B] = 20 → current 25 (choose A); perfect = ½·100 + ½·20 = 60; EVPI 35.
    result = evpi({"A": np.array([100.0, -50.0]), "B": np.array([20.0, 20.0])})
    assert result == Evpi(
        options=("A", "B", DO_NOTHING),
        best_option="A",
        expected_value_current=25.0,
        expected_value_perfect=60.0,
        evpi=35.0,
        sentence="Knowing everything before deciding is worth at most €35 (expected value of perfect information).",
    )


def test_evpi_do_nothing_option_can_be_left_out() -> None:
    # A pays 100 or −50, B always −20. With do nothing: current max(25, −20, 0) = 25,
    # perfect ½·100 + ½·0 = 50, EVPI 25. Without: perfect ½·100 + ½·(−20) = 40, EVPI 15.
    nb = {"A": np.array([100.0, -50.0]), "B": np.array([-20.0, -20.0])}
    with_nothing = evpi(nb)
    without = evpi(nb, include_do_nothing=False)
    assert (with_nothing.expected_value_perfect, with_nothing.evpi) == (50.0, 25.0)
    assert without.options == ("A", "B")
    assert (without.expected_value_current, without.expected_value_perfect, without.evpi) == (25.0, 40.0, 15.0)


def test_evpi_sentence_formats_euros_and_ties_go_to_doing_nothing() -> None:
    # E[A] = 0 = do nothing: a tie, resolved in favour of not spending the budget.
    # Perfect information: ½·246,800 + ½·0 = 123,400.
    result = evpi({"A": np.array([246_800.0, -246_800.0])})
    assert result.best_option == DO_NOTHING
    assert result.evpi == 123_400.0
    assert result.sentence == (
        "Knowing everything before deciding is worth at most €123,400 (expected value of perfect information)."
    )


# --------------------------------------------------------------------------- EVPPI


def test_evppi_of_a_parameter_that_determines_net_benefit_equals_evpi(theta: np.ndarray) -> None:
    # Both options are exact cubics of θ, so the default regression reproduces them and
    # knowing θ is knowing everything.
    nb = {"A": A0 + B1 * theta - 20_000 * theta**2, "B": 5_000 - 40_000 * theta**3}
    full = evpi(nb).evpi
    assert full > 1_000  # the decision is genuinely uncertain
    part = evppi(nb, theta, "outflow_rate")
    assert part.evppi == pytest.approx(full, rel=1e-6)
    assert part.method == "polynomial regression (degree 3)"
    assert re.fullmatch(
        r"Knowing the outflow rate before deciding is worth at most €[\d,]+ "
        r"\(expected value of partial perfect information\)\.",
        part.sentence,
    )


def test_evppi_of_a_determining_parameter_with_a_non_polynomial_relation(theta: np.ndarray) -> None:
    # NB = 20,000·log(θ / 0.33): not a polynomial; a cubic and 200 bins both come close.
    nb = {"A": 20_000 * np.log(theta / 0.33)}
    full = evpi(nb).evpi
    assert evppi(nb, theta, "outflow_rate").evppi == pytest.approx(full, rel=0.03)
    binned = evppi(nb, theta, "outflow_rate", bins=200)
    assert binned.method == "means within 200 equal-count bins"
    assert binned.evppi == pytest.approx(full, rel=0.03)


def test_evppi_matches_the_closed_form_for_a_linear_net_benefit(theta: np.ndarray, linear_nb: dict[str, np.ndarray]) -> None:
    assert evppi(linear_nb, theta, "outflow_rate").evppi == pytest.approx(closed_form_evppi(), rel=0.02)


def test_evppi_of_an_irrelevant_parameter_is_about_zero(theta: np.ndarray, linear_nb: dict[str, np.ndarray]) -> None:
    noise = np.random.default_rng(7).normal(size=theta.size)  # independent of θ and of NB
    full = evpi(linear_nb).evpi
    assert evppi(linear_nb, noise, "cost_per_client").evppi < 0.01 * full
    assert evppi(linear_nb, noise, "cost_per_client", bins=20).evppi < 0.05 * full


def test_evppi_of_a_fixed_parameter_is_zero(linear_nb: dict[str, np.ndarray]) -> None:
    n = linear_nb["A"].size
    result = evppi(linear_nb, np.full(n, 12_000.0), "annual_benefit_cost")
    assert (result.evppi, result.method) == (0.0, "parameter is fixed")
    assert result.sentence == (
        "Knowing the annual benefit cost before deciding is worth at most €0 "
        "(expected value of partial perfect information)."
    )


def test_evppi_never_exceeds_evpi_even_when_the_fit_overshoots() -> None:
    # Three iterations, a parameter with three distinct values: the cubic interpolates NB
    # exactly, so EVPPI = EVPI; bins of single iterations do the same. Neither may exceed.
    nb = {"A": np.array([30.0, -10.0, -5.0])}
    x = np.array([0.1, 0.2, 0.3])
    full = evpi(nb).evpi
    assert evppi(nb, x, "p").evppi == pytest.approx(full)
    assert evppi(nb, x, "p", bins=3).evppi <= full


# --------------------------------------------------------------------------- EVSI


@pytest.mark.parametrize("n", [1, 10, 75, 300])
def test_evsi_matches_the_beta_binomial_preposterior(theta: np.ndarray, linear_nb: dict[str, np.ndarray], n: int) -> None:
    result = evsi_pilot(linear_nb, theta, n)
    # Monte Carlo error of a 200k sample: the sample mean of θ is off by ~0.0003, i.e.
    # ~€30 of NB_A; 1% of EVPPI (~€47) covers it.
    assert result.evsi == pytest.approx(closed_form_evsi(n), abs=0.01 * closed_form_evppi())
    assert result.pilot_clients == n and result.parameter == "outflow_rate"


def test_evsi_grows_with_pilot_size_and_stays_below_evppi(theta: np.ndarray, linear_nb: dict[str, np.ndarray]) -> None:
    values = [evsi_pilot(linear_nb, theta, n).evsi for n in (1, 5, 25, 100, 400)]
    assert all(lo < hi for lo, hi in zip(values, values[1:]))
    cap = evppi(linear_nb, theta, "outflow_rate").evppi
    assert 0 < values[0] and values[-1] < cap


def test_evsi_of_a_large_pilot_approaches_evppi(theta: np.ndarray, linear_nb: dict[str, np.ndarray]) -> None:
    sample = slice(0, 40_000)  # a smaller sample keeps the (N × n) likelihood cheap
    nb = {k: v[sample] for k, v in linear_nb.items()}
    cap = evppi(nb, theta[sample], "outflow_rate").evppi
    big = evsi_pilot(nb, theta[sample], 3_000).evsi
    assert closed_form_evsi(3_000) / closed_form_evppi() > 0.99  # the theory says so too
    assert 0.98 * cap <= big <= cap


def test_evsi_with_noise_that_the_pilot_cannot_see(theta: np.ndarray) -> None:
    # Net benefit also depends on things a pilot does not measure (zero-mean noise, as the
    # binomial client outcomes in a real run). The posterior means average it out, so the
    # closed form for the linear part still holds, and the value stays within EVPPI.
    noise = np.random.default_rng(3).normal(0, 20_000, theta.size)
    nb = {"A": A0 + B1 * theta + noise}
    result = evsi_pilot(nb, theta, 50)
    assert result.evsi == pytest.approx(closed_form_evsi(50), abs=0.03 * closed_form_evppi())
    assert result.evsi <= evppi(nb, theta, "outflow_rate").evppi


def test_evsi_handles_rates_exactly_at_zero_and_one() -> None:
    # θ = 0 (5×), 1 (5×), 0.5 (10×); NB_A = θ − 0.5, so E[NB_A] = 0 (tie: do nothing).
    # n = 3: only k = 3 makes A worth choosing. Likelihoods of k = 3: θ=1 → 1 (5×),
    # θ=0.5 → 1/8 (10×); P(3) = (5 + 1.25)/20 = 0.3125;
    # E[NB_A | 3] = (5·0.5 + 1.25·0)/6.25 = 0.4 → EVSI = 0.3125·0.4 = 0.125.
    th = np.r_[np.zeros(5), np.ones(5), np.full(10, 0.5)]
    assert evsi_pilot({"A": th - 0.5}, th, 3).evsi == pytest.approx(0.125, abs=1e-12)


def test_evsi_of_a_fixed_rate_is_zero(linear_nb: dict[str, np.ndarray]) -> None:
    n = linear_nb["A"].size
    assert evsi_pilot(linear_nb, np.full(n, 0.3), 75).evsi == 0.0


def test_pilot_sentence_with_and_without_cost(theta: np.ndarray, linear_nb: dict[str, np.ndarray]) -> None:
    theta = theta[:20_000]
    linear_nb = {k: v[:20_000] for k, v in linear_nb.items()}
    plain = evsi_pilot(linear_nb, theta, 75)
    euros = f"€{round(plain.evsi):,}"
    assert plain.sentence == (
        f"A pilot of 75 clients measuring the outflow rate is worth {euros} (expected value of sample information)."
    )
    dear = evsi_pilot(linear_nb, theta, 75, pilot_cost=90_000)
    assert dear.sentence == (
        f"A pilot of 75 clients measuring the outflow rate is worth {euros}; it costs €90,000, "
        "so it is not worth running (expected value of sample information)."
    )
    cheap = evsi_pilot(linear_nb, theta, 75, pilot_cost=1_000)
    assert "; it costs €1,000, so it is worth running " in cheap.sentence


# --------------------------------------------------------------------------- validation


GOOD = {"A": np.array([1.0, -1.0, 2.0])}
RATES = np.array([0.2, 0.3, 0.4])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: evpi({}), "net_benefit must contain at least one option"),
        (
            lambda: evpi({"A": np.zeros(3), "B": np.zeros(2)}),
            "net-benefit arrays must all have the same length ('A': 3, 'B': 2)",
        ),
        (lambda: evpi({"A": np.zeros(0)}), "net-benefit arrays must hold at least one iteration"),
        (lambda: evpi({"A": np.zeros((2, 2))}), "net benefit of 'A' must be a one-dimensional array"),
        (
            lambda: evpi({"A": np.array([1.0, np.nan])}),
            "net benefit of 'A' contains non-finite values (NaN or infinity)",
        ),
        (
            lambda: evpi({"do nothing": np.zeros(2)}),
            "an option is already called 'do nothing'; rename it or pass include_do_nothing=False",
        ),
        (
            lambda: evppi(GOOD, np.array([1.0, 2.0]), "p"),
            "parameter values must have one value per iteration (2 values for 3 iterations)",
        ),
        (
            lambda: evppi(GOOD, np.array([1.0, np.inf, 2.0]), "p"),
            "parameter values contain non-finite values (NaN or infinity)",
        ),
        (lambda: evppi(GOOD, RATES, "p", degree=0), "degree must be a whole number >= 1 (got 0)"),
        (lambda: evppi(GOOD, RATES, "p", bins=1), "bins must be 0 (polynomial regression) or a whole number >= 2 (got 1)"),
        (
            lambda: evsi_pilot({"A": np.zeros(3), "B": np.zeros(4)}, RATES, 10),
            "net-benefit arrays must all have the same length ('A': 3, 'B': 4)",
        ),
        (
            lambda: evsi_pilot(GOOD, np.array([0.2, 0.3]), 10),
            "rate draws must have one value per iteration (2 values for 3 iterations)",
        ),
        (
            lambda: evsi_pilot(GOOD, np.array([0.2, np.nan, 0.3]), 10),
            "rate draws contain non-finite values (NaN or infinity)",
        ),
        (lambda: evsi_pilot(GOOD, np.array([0.2, 1.2, 0.3]), 10), "rate draws must lie within [0, 1]"),
        (lambda: evsi_pilot(GOOD, np.array([-0.1, 0.2, 0.3]), 10), "rate draws must lie within [0, 1]"),
        (lambda: evsi_pilot(GOOD, RATES, 0), "pilot_clients must be a whole number >= 1 (got 0)"),
        (lambda: evsi_pilot(GOOD, RATES, 7.5), "pilot_clients must be a whole number >= 1 (got 7.5)"),
        (lambda: evsi_pilot(GOOD, RATES, True), "pilot_clients must be a whole number >= 1 (got True)"),
        (
            lambda: evsi_pilot(GOOD, RATES, 10, pilot_cost=-5.0),
            "pilot_cost must be a finite amount >= 0 (got -5.0)",
        ),
    ],
)
def test_invalid_input_is_rejected_with_a_clear_message(call, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call()


def test_numpy_integer_pilot_size_is_accepted() -> None:
    assert evsi_pilot(GOOD, RATES, np.int64(10)).pilot_clients == 10


# --------------------------------------------------------------------------- with a real run

SCENARIO = """\
name: VOI check
horizon_years: 5
iterations: 4000
seed: 11
cohort_size: 100
cost_per_client: 5000
annual_benefit_cost: 14000
outflow_rate: {dist: beta, mean: 0.25, sd: 0.08}
baseline_outflow_rate: 0.05
time_out_of_benefits_years: {dist: triangular, low: 1, mode: 2, high: 3}
strategies:
  - name: Standard
  - name: Cheaper delivery
    cost_per_client: {dist: uniform, low: 3000, high: 6500}
"""


def test_value_of_information_on_a_simulated_scenario() -> None:
    result = run(parse_scenario(SCENARIO, "voi.yaml"), keep_parameters=True)
    assert result.parameters is not None
    rates = result.parameters["Standard"]["outflow_rate"]
    # Both strategies inherit the base outflow rate: common random numbers, one array.
    np.testing.assert_array_equal(rates, result.parameters["Cheaper delivery"]["outflow_rate"])

    fiscal = {name: res.net_savings for name, res in result.iterations.items()}
    full = evpi(fiscal)
    rate = evppi(fiscal, rates, "outflow_rate")
    pilot = evsi_pilot(fiscal, rates, 75)
    assert full.options == ("Standard", "Cheaper delivery", DO_NOTHING)
    means = {name: nb.mean() for name, nb in fiscal.items()} | {DO_NOTHING: 0.0}
    assert full.best_option == max(means, key=means.__getitem__)
    assert full.expected_value_current == pytest.approx(max(means.values()))
    assert 0.0 <= pilot.evsi <= rate.evppi <= full.evpi
    # The outflow rate drives the savings: it is the main source of decision uncertainty.
    assert rate.evppi > 0.0

    societal = {name: res.societal_net for name, res in result.iterations.items()}
    assert evpi(societal).evpi >= 0.0


def test_evpi_is_exactly_zero_without_uncertain_parameters() -> None:
    """DESIGN.md §7: VOI is computed on E[net | θ]; with every parameter fixed θ is the same in
    every iteration, so knowing it is worth nothing — exactly, whatever the cohort's luck."""
    from roi_sim.decisions.voi_analysis import value_of_information
    from roi_sim.scenario.spec import parse_scenario
    from tests.conftest import LELYSTAD_AS_TOLD

    # Two strategies, every number fixed (the shipped tiers.yaml was this case before its
    # effects became sourced priors in issue 12); the cohort's luck still varies.
    text = LELYSTAD_AS_TOLD + "strategies:\n  - name: as told\n  - name: half the cost\n    cost_per_client: 2500\n"
    analysis = value_of_information(parse_scenario(text), iterations=4096)
    assert analysis.evpi.evpi == 0.0
    assert analysis.evppis == ()
