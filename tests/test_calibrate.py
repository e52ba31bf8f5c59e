"""roi_sim.decisions.calibrate: a pilot's counts to a Beta posterior and a scenario line.

Shapes and means are worked out by hand (conjugacy: Beta(a0 + s, b0 + n − s)). The 90%
interval is checked three ways besides scipy's ppf, none of which is the module's method:
numerically integrating the Beta density (written out with math.lgamma) up to p5 and p95,
sampling, and, for a Beta(1, b), the closed form of its quantiles.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.stats import beta as beta_dist

from roi_sim.decisions.calibrate import Calibration, calibrate
from roi_sim.scenario.spec import parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD


def beta_pdf(x: float, a: float, b: float) -> float:
    """The Beta density from its definition: x^(a−1) (1−x)^(b−1) / B(a, b)."""
    log_b = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return math.exp((a - 1) * math.log(x) + (b - 1) * math.log1p(-x) - log_b)


def cdf_by_quadrature(q: float, a: float, b: float) -> float:
    value, _ = quad(beta_pdf, 0, q, args=(a, b), epsabs=1e-12, epsrel=1e-12, limit=200)
    return value


def check_interval(c: Calibration) -> None:
    """p5 and p95 hold 5% and 95% of the posterior, by quadrature and by sampling."""
    assert cdf_by_quadrature(c.p5, c.alpha, c.beta) == pytest.approx(0.05, abs=1e-8)
    assert cdf_by_quadrature(c.p95, c.alpha, c.beta) == pytest.approx(0.95, abs=1e-8)
    n = 400_000
    draws = np.random.default_rng(1).beta(c.alpha, c.beta, n)
    se = math.sqrt(0.05 * 0.95 / n)
    assert np.mean(draws < c.p5) == pytest.approx(0.05, abs=4 * se)
    assert np.mean(draws > c.p95) == pytest.approx(0.05, abs=4 * se)


def in_scenario(snippet: str, parameter: str = "outflow_rate"):
    """The snippet in place of the key's line in the Lelystad scenario, parsed."""
    pattern = re.compile(rf"^{parameter}: .*$", re.MULTILINE)
    text = pattern.sub(snippet, LELYSTAD_AS_TOLD) if pattern.search(LELYSTAD_AS_TOLD) else LELYSTAD_AS_TOLD + snippet + "\n"
    return parse_scenario(text).strategies[0].parts[0].params[parameter]


# ----------------------------------------------------------------------------- the posterior


def test_pilot_25_of_75_with_the_uniform_prior() -> None:
    # Issue acceptance: Beta(1 + 25, 1 + 75 − 25) = Beta(26, 51), mean 26 / 77 = 0.3377.
    c = calibrate(25, 75)
    assert (c.successes, c.trials, c.prior_alpha, c.prior_beta) == (25, 75, 1.0, 1.0)
    assert (c.alpha, c.beta) == (26, 51)
    assert c.mean == pytest.approx(26 / 77, abs=1e-15)
    assert round(c.mean, 4) == 0.3377
    # The interval: scipy's quantile function, then two methods that do not use it.
    assert c.p5 == pytest.approx(beta_dist.ppf(0.05, 26, 51), abs=1e-12)
    assert c.p95 == pytest.approx(beta_dist.ppf(0.95, 26, 51), abs=1e-12)
    check_interval(c)
    assert c.yaml_snippet == (
        "outflow_rate: {dist: beta, alpha: 26, beta: 51}   # pilot: 25 of 75 (uniform prior); mean 0.338, 90% 0.252-0.428"
    )


def test_jeffreys_prior() -> None:
    # Beta(0.5 + 25, 0.5 + 50) = Beta(25.5, 50.5), mean 25.5 / 76 = 0.33553.
    c = calibrate(25, 75, prior=(0.5, 0.5))
    assert (c.prior_alpha, c.prior_beta, c.alpha, c.beta) == (0.5, 0.5, 25.5, 50.5)
    assert c.mean == pytest.approx(25.5 / 76, abs=1e-15)
    check_interval(c)
    assert c.yaml_snippet.startswith("outflow_rate: {dist: beta, alpha: 25.5, beta: 50.5}   # pilot: 25 of 75 (Jeffreys prior); mean 0.336")


@pytest.mark.parametrize("successes, trials", [(0, 10), (10, 10), (0, 1)])
def test_edges_against_closed_form_quantiles(successes: int, trials: int) -> None:
    # With the uniform prior, s = 0 gives Beta(1, 1 + n): CDF 1 − (1 − x)^b, so the q-quantile
    # is 1 − (1 − q)^(1/b). s = n gives Beta(1 + n, 1): CDF x^a, quantile q^(1/a).
    c = calibrate(successes, trials)
    if successes == 0:
        b = 1 + trials
        assert (c.alpha, c.beta) == (1, b)
        assert c.p5 == pytest.approx(1 - 0.95 ** (1 / b), abs=1e-12)
        assert c.p95 == pytest.approx(1 - 0.05 ** (1 / b), abs=1e-12)
    else:
        a = 1 + trials
        assert (c.alpha, c.beta) == (a, 1)
        assert c.p5 == pytest.approx(0.05 ** (1 / a), abs=1e-12)
        assert c.p95 == pytest.approx(0.95 ** (1 / a), abs=1e-12)


def test_a_prior_of_our_own_and_numpy_integers() -> None:
    # Beta(2 + 3, 8 + 7) = Beta(5, 15), mean 0.25; counts may come out of numpy.
    c = calibrate(np.int64(3), np.int64(10), prior=(2, 8))
    assert (c.alpha, c.beta, c.mean) == (5, 15, 0.25)
    assert isinstance(c.successes, int) and isinstance(c.trials, int)
    assert "(prior Beta(2, 8))" in c.yaml_snippet


# ----------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((25, 0), {}, "trials must be at least 1 (got 0)"),
        ((0, -3), {}, "trials must be at least 1 (got -3)"),
        ((80, 75), {}, "successes must lie between 0 and trials (75); got 80"),
        ((-1, 75), {}, "successes must lie between 0 and trials (75); got -1"),
        ((2.5, 75), {}, "successes must be a whole number (got 2.5)"),
        ((25.0, 75), {}, "successes must be a whole number (got 25.0)"),
        ((25, "75"), {}, "trials must be a whole number (got '75')"),
        ((True, 75), {}, "successes must be a whole number (got True)"),
        ((25, 75), {"prior": (0, 1)}, "prior alpha must be a finite number above 0 (got 0)"),
        ((25, 75), {"prior": (1, -0.5)}, "prior beta must be a finite number above 0 (got -0.5)"),
        ((25, 75), {"prior": (math.inf, 1)}, "prior alpha must be a finite number above 0 (got inf)"),
        ((25, 75), {"prior": (1, math.nan)}, "prior beta must be a finite number above 0 (got nan)"),
        ((25, 75), {"prior": (1, 1, 1)}, "prior must be two numbers (alpha, beta), e.g. (1, 1) for the uniform prior; got (1, 1, 1)"),
        (
            (25, 75),
            {"parameter": "outflow_rat"},
            "'outflow_rat' is not a rate (did you mean 'outflow_rate'?): a pilot's counts calibrate one of "
            "outflow_rate, baseline_outflow_rate, relapse_within_12_months, relapse_ever, subsidised_share, "
            "wage_value, benefit_saved_share",
        ),
        (
            (25, 75),
            {"parameter": "cost_per_client"},
            "'cost_per_client' is not a rate: a pilot's counts calibrate one of "
            "outflow_rate, baseline_outflow_rate, relapse_within_12_months, relapse_ever, subsidised_share, "
            "wage_value, benefit_saved_share",
        ),
    ],
)
def test_validation_messages(args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as err:
        calibrate(*args, **kwargs)
    assert str(err.value) == message


# ----------------------------------------------------------------------------- the snippet


@pytest.mark.parametrize(
    "successes, trials, prior, parameter",
    [
        (25, 75, (1.0, 1.0), "outflow_rate"),
        (25, 75, (0.5, 0.5), "outflow_rate"),
        (1, 3, (1 / 3, 2.0), "outflow_rate"),  # shapes that only a full repr keeps exactly
        (4, 200, (1.0, 1.0), "baseline_outflow_rate"),
        (0, 12, (1.0, 1.0), "outflow_rate"),
    ],
)
def test_snippet_is_a_valid_scenario_line(successes: int, trials: int, prior: tuple[float, float], parameter: str) -> None:
    c = calibrate(successes, trials, prior=prior, parameter=parameter)
    dist = in_scenario(c.yaml_snippet, parameter)
    assert dist.shape() == (c.alpha, c.beta)  # exactly: the snippet loses no digits
    assert dist.mean() == pytest.approx(c.mean, abs=1e-15)


def test_uniform_prior_matches_the_scenarios_own_pilot_form() -> None:
    # `{dist: beta, successes: 25, trials: 75}` is documented as Beta(1 + s, 1 + n − s).
    own = in_scenario("outflow_rate: {dist: beta, successes: 25, trials: 75}")
    c = calibrate(25, 75)
    assert own.shape() == (c.alpha, c.beta)
