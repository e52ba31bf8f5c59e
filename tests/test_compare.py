"""roi_sim.decisions.compare: paired comparison of strategies under common random numbers.

Expected numbers are worked out by hand (in the comments) or by a second, plain-Python
method (sorted values and the linear-interpolation formula, counting loops), never taken
from what the module returns.
"""

from __future__ import annotations

import dataclasses
import json
import math
import statistics
import types

import numpy as np
import pytest

from roi_sim.decisions.compare import (
    Comparison,
    PairComparison,
    Ranking,
    compare_paired,
    comparison_to_dict,
)

# ---------------------------------------------------------------------------- helpers


def linear_percentile(values: list[float], q: float) -> float:
    """numpy's default ("linear") percentile, by the textbook formula: position
    ``(n − 1)·q/100`` in the sorted values, interpolating between its neighbours."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (position - lower) * (ordered[upper] - ordered[lower])


def only_pair(c: Comparison) -> PairComparison:
    assert len(c.pairs) == 1
    return c.pairs[0]


def raised(values: object) -> str:
    with pytest.raises(ValueError) as info:
        compare_paired(values)  # type: ignore[arg-type]
    return str(info.value)


# ------------------------------------------------------------ hand-made numbers


# b is arbitrary; a = b + d with d = [3, −1, 4, 1, −5, 9, 2, 6].
HAND_A = np.array([103.0, 199.0, 54.0, 1.0, 70.0, 19.0, 32.0, 46.0])
HAND_B = np.array([100.0, 200.0, 50.0, 0.0, 75.0, 10.0, 30.0, 40.0])


def test_mean_difference_by_hand() -> None:
    # d sums to 3 − 1 + 4 + 1 − 5 + 9 + 2 + 6 = 19 over 8 iterations.
    p = only_pair(compare_paired({"A": HAND_A, "B": HAND_B}))
    assert (p.a, p.b) == ("A", "B")
    assert p.mean_difference == pytest.approx(19 / 8)


def test_standard_error_by_hand() -> None:
    # Σd² = 9+1+16+1+25+81+4+36 = 173; Σ(d − d̄)² = 173 − 8·(19/8)² = 127.875;
    # s² = 127.875 / 7, se = sqrt(s² / 8) = sqrt(127.875 / 56).
    p = only_pair(compare_paired({"A": HAND_A, "B": HAND_B}))
    assert p.se_difference == pytest.approx(math.sqrt(127.875 / 56))


def test_percentiles_by_hand() -> None:
    # Sorted d: [−5, −1, 1, 2, 3, 4, 6, 9].
    # p5:  position 7·0.05 = 0.35 → −5 + 0.35·(−1 − −5) = −3.6
    # p95: position 7·0.95 = 6.65 →  6 + 0.65·(9 − 6)   =  7.95
    p = only_pair(compare_paired({"A": HAND_A, "B": HAND_B}))
    assert p.p5 == pytest.approx(-3.6)
    assert p.p95 == pytest.approx(7.95)


def test_probability_a_beats_b_by_hand() -> None:
    # d > 0 at 3, 4, 1, 9, 2, 6: 6 of 8 iterations.
    p = only_pair(compare_paired({"A": HAND_A, "B": HAND_B}))
    assert p.probability_a_beats_b == 6 / 8


def test_reversed_order_mirrors_the_pair() -> None:
    # B − A = −(A − B): the mean flips sign, p5 and p95 swap and flip, the SE stays;
    # B beats A where d < 0: −1 and −5, 2 of 8.
    p = only_pair(compare_paired({"B": HAND_B, "A": HAND_A}))
    assert (p.a, p.b) == ("B", "A")
    assert p.mean_difference == pytest.approx(-19 / 8)
    assert p.se_difference == pytest.approx(math.sqrt(127.875 / 56))
    assert p.p5 == pytest.approx(-7.95)
    assert p.p95 == pytest.approx(3.6)
    assert p.probability_a_beats_b == 2 / 8


def test_ties_count_as_not_beating() -> None:
    a = [1.0, 2.0, 3.0, 4.0]
    b = [1.0, 2.0, 0.0, 5.0]
    # Iterations 0 and 1 are ties: neither beats the other.
    assert only_pair(compare_paired({"A": a, "B": b})).probability_a_beats_b == 1 / 4  # iteration 2
    assert only_pair(compare_paired({"B": b, "A": a})).probability_a_beats_b == 1 / 4  # iteration 3
    # Identical strategies: nobody ever beats anybody.
    assert only_pair(compare_paired({"A": a, "A copy": list(a)})).probability_a_beats_b == 0.0


def test_single_iteration() -> None:
    # n = 1: the difference itself, SE 0 by definition.
    p = only_pair(compare_paired({"A": [7.5], "B": [10.0]}))
    assert (p.mean_difference, p.se_difference, p.p5, p.p95) == (-2.5, 0.0, -2.5, -2.5)
    assert p.probability_a_beats_b == 0.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_values_against_a_second_method(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    a = rng.normal(100, 50, n)
    b = np.where(rng.random(n) < 0.2, a, rng.normal(90, 50, n))  # some exact ties
    d = [float(x) - float(y) for x, y in zip(a, b, strict=True)]
    p = only_pair(compare_paired({"A": a, "B": b}))
    assert p.mean_difference == pytest.approx(math.fsum(d) / n)
    assert p.se_difference == pytest.approx(statistics.stdev(d) / math.sqrt(n))
    assert p.p5 == pytest.approx(linear_percentile(d, 5))
    assert p.p95 == pytest.approx(linear_percentile(d, 95))
    wins = 0
    for x, y in zip(a, b, strict=True):
        if x > y:
            wins += 1
    assert p.probability_a_beats_b == wins / n


# ------------------------------------------------------------------ ranking


def test_ranking_by_expected_value_ties_keep_input_order() -> None:
    # Means: X 5, Y 7, Z 5 → Y first, then X before Z (input order).
    c = compare_paired({"X": [4.0, 6.0], "Y": [7.0, 7.0], "Z": [10.0, 0.0]})
    assert c.ranking.by_expected_value == ("Y", "X", "Z")


def test_ranking_by_probability_positive_ties_by_mean_then_input_order() -> None:
    values = {
        "A": [1.0, 1.0, -1.0, -1.0],  # P(>0) 2/4, mean 0
        "B": [10.0, -1.0, -1.0, -1.0],  # P(>0) 1/4, mean 7/4
        "C": [3.0, 3.0, -2.0, -2.0],  # P(>0) 2/4, mean 1/2
        "D": [0.0, 0.0, 0.0, 5.0],  # P(>0) 1/4 (0 is not positive), mean 5/4
        "E": [1.0, 1.0, -1.0, -1.0],  # same as A: tie on both → after A
    }
    ranking = compare_paired(values).ranking
    # 2/4: C (mean 1/2), then A and E (mean 0, input order); 1/4: B (7/4), then D (5/4).
    assert ranking.by_probability_positive == ("C", "A", "E", "B", "D")
    # Means 7/4, 5/4, 1/2, 0, 0.
    assert ranking.by_expected_value == ("B", "D", "C", "A", "E")


def test_all_equal_strategies_rank_in_input_order() -> None:
    same = [1.0, -2.0, 3.0]
    ranking = compare_paired({"q": same, "p": same, "r": same}).ranking
    assert ranking == Ranking(by_expected_value=("q", "p", "r"), by_probability_positive=("q", "p", "r"))


# ------------------------------------------------------- common random numbers


N_CRN = 20_000


def own_se(values: np.ndarray) -> float:
    return float(np.std(values, ddof=1) / math.sqrt(values.size))


def test_crn_constant_difference_has_zero_standard_error() -> None:
    rng = np.random.default_rng(2011)
    common = rng.normal(0, 1000, N_CRN)  # shared draws: the same future for both strategies
    a, b = common + 5, common
    p = only_pair(compare_paired({"A": a, "B": b}))
    # Each strategy alone is very uncertain (SE ≈ 1000 / sqrt(20000) ≈ 7) ...
    assert min(own_se(a), own_se(b)) > 5
    # ... but the paired difference is 5 in every iteration: analytic SE 0 (up to the
    # rounding of common + 5 − common, ~1e-13), far below 1/100 of either own SE.
    assert p.se_difference < min(own_se(a), own_se(b)) / 100
    assert p.se_difference == pytest.approx(0.0, abs=1e-9)
    assert p.mean_difference == pytest.approx(5.0, rel=1e-12)
    assert p.p5 == pytest.approx(5.0, rel=1e-12)
    assert p.p95 == pytest.approx(5.0, rel=1e-12)
    assert p.probability_a_beats_b == 1.0


def test_crn_exactly_constant_difference_is_exact() -> None:
    # Whole euros: common + 5 − common is exactly 5, so every figure is exactly the analytic one.
    common = np.round(np.random.default_rng(7).normal(0, 1000, N_CRN))
    p = only_pair(compare_paired({"A": common + 5, "B": common}))
    assert (p.mean_difference, p.se_difference, p.p5, p.p95) == (5.0, 0.0, 5.0, 5.0)


def test_constant_difference_that_does_not_add_up_exactly_is_still_exact() -> None:
    # The same difference in every one of 10 iterations. A plain float mean of ten copies
    # of 1234.567 is 1234.5669999999998 and their SD about 2e-13; the analytic answer is
    # the difference itself with SE 0.
    p = only_pair(compare_paired({"A": np.full(10, 2234.567), "B": np.full(10, 1000.0)}))
    exact = 2234.567 - 1000.0  # one scalar subtraction: the per-iteration difference
    assert (p.mean_difference, p.se_difference, p.p5, p.p95) == (exact, 0.0, exact, exact)


def test_crn_small_independent_noise_has_the_analytic_standard_error() -> None:
    # a = common + 5 + e_a, b = common + e_b with e ~ N(0, 10) independent: the common part
    # cancels, Var(a − b) = 10² + 10², so SE = sqrt(200 / n) ≈ 0.1 against own SEs ≈ 7.
    rng = np.random.default_rng(42)
    common = rng.normal(0, 1000, N_CRN)
    a = common + 5 + rng.normal(0, 10, N_CRN)
    b = common + rng.normal(0, 10, N_CRN)
    p = only_pair(compare_paired({"A": a, "B": b}))
    analytic_se = math.sqrt(200 / N_CRN)
    # The sample SD of 20000 normals is within ~0.5% of the true SD; 5% is a wide margin.
    assert p.se_difference == pytest.approx(analytic_se, rel=0.05)
    assert p.se_difference < min(own_se(a), own_se(b)) / 50
    assert abs(p.mean_difference - 5) < 5 * analytic_se
    # Without pairing (b's iterations shuffled) the same data say almost nothing.
    unpaired = only_pair(compare_paired({"A": a, "B": rng.permutation(b)}))
    assert unpaired.se_difference > 50 * p.se_difference


# ----------------------------------------------------------------------- pairs


def test_three_strategies_give_three_pairs_in_input_order() -> None:
    # Deliberately not alphabetical: the order is the mapping's.
    values = {"Zeta": [10.0, 20.0], "Alpha": [1.0, 2.0], "Mid": [5.0, 5.0]}
    c = compare_paired(values, quantity="societal_net")
    assert c.quantity == "societal_net"
    assert [(p.a, p.b) for p in c.pairs] == [("Zeta", "Alpha"), ("Zeta", "Mid"), ("Alpha", "Mid")]
    # Zeta − Alpha = [9, 18] → 13.5; Zeta − Mid = [5, 15] → 10; Alpha − Mid = [−4, −3] → −3.5.
    assert [p.mean_difference for p in c.pairs] == pytest.approx([13.5, 10.0, -3.5])


def test_four_strategies_give_every_unordered_pair_once() -> None:
    values = {name: [float(i)] for i, name in enumerate("ABCD")}
    pairs = [(p.a, p.b) for p in compare_paired(values).pairs]
    assert pairs == [("A", "B"), ("A", "C"), ("A", "D"), ("B", "C"), ("B", "D"), ("C", "D")]


def test_default_quantity_accepts_any_mapping_and_leaves_input_alone() -> None:
    a = np.array([3.0, 1.0, 2.0])
    b = np.array([1.0, 1.0, 1.0])
    c = compare_paired(types.MappingProxyType({"A": a, "B": b}))
    assert c.quantity == "net_savings"
    assert a.tolist() == [3.0, 1.0, 2.0] and b.tolist() == [1.0, 1.0, 1.0]


def test_results_are_frozen() -> None:
    c = compare_paired({"A": [1.0], "B": [2.0]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.quantity = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.pairs[0].mean_difference = 0.0  # type: ignore[misc]


# ------------------------------------------------------------------ validation


def test_one_strategy_is_an_error() -> None:
    assert raised({"A": [1.0, 2.0]}) == "a comparison needs at least 2 strategies, got 1"


def test_no_strategies_is_an_error() -> None:
    assert raised({}) == "a comparison needs at least 2 strategies, got 0"


def test_unequal_lengths_are_an_error() -> None:
    assert raised({"A": [1.0, 2.0, 3.0], "B": [1.0, 2.0]}) == (
        "all strategies must have the same number of iterations for a paired comparison, got 'A': 3, 'B': 2"
    )


def test_nan_is_an_error() -> None:
    assert raised({"A": [1.0, 2.0, 3.0], "B": [1.0, np.nan, np.nan]}) == (
        "values of strategy 'B' must be finite, got 2 NaN or infinite value(s), the first at iteration 1"
    )


def test_infinity_is_an_error() -> None:
    assert raised({"A": [np.inf, 2.0], "B": [1.0, 2.0]}) == (
        "values of strategy 'A' must be finite, got 1 NaN or infinite value(s), the first at iteration 0"
    )


def test_two_dimensional_array_is_an_error() -> None:
    assert raised({"A": np.zeros((2, 3)), "B": np.zeros(6)}) == (
        "values of strategy 'A' must be a 1-D array (one value per iteration), got shape (2, 3)"
    )


def test_scalar_is_an_error() -> None:
    assert raised({"A": [1.0], "B": 1.0}) == (
        "values of strategy 'B' must be a 1-D array (one value per iteration), got shape ()"
    )


def test_empty_array_is_an_error() -> None:
    assert raised({"A": [], "B": []}) == "values of strategy 'A' are empty; at least 1 iteration is needed"


def test_non_numbers_are_an_error() -> None:
    assert raised({"A": ["x", "y"], "B": [1.0, 2.0]}) == "values of strategy 'A' must be numbers"


def test_overflowing_difference_is_an_error() -> None:
    assert raised({"A": [1e308, 0.0], "B": [-1e308, 0.0]}) == (
        "the difference between 'A' and 'B' overflows; the values are too large"
    )


# ---------------------------------------------------------------- to plain data


def test_comparison_to_dict_rounds_and_never_gives_negative_zero() -> None:
    c = Comparison(
        quantity="net_savings",
        pairs=(
            PairComparison(
                a="A",
                b="B",
                mean_difference=1234.5678,  # → 1234.57
                se_difference=0.004,  # → 0.0
                p5=-0.001,  # → -0.0, which must come out as 0.0
                p95=-1234.5612,  # → -1234.56
                probability_a_beats_b=1 / 3,  # → 0.333333
            ),
        ),
        ranking=Ranking(by_expected_value=("A", "B"), by_probability_positive=("B", "A")),
    )
    d = comparison_to_dict(c)
    assert d == {
        "quantity": "net_savings",
        "pairs": [
            {
                "a": "A",
                "b": "B",
                "mean_difference": 1234.57,
                "se_difference": 0.0,
                "p5": 0.0,
                "p95": -1234.56,
                "probability_a_beats_b": 0.333333,
                "decision_probability_a_beats_b": None,  # no decision values were given
            }
        ],
        "ranking": {"by_expected_value": ["A", "B"], "by_probability_positive": ["B", "A"]},
    }
    assert math.copysign(1.0, d["pairs"][0]["p5"]) == 1.0  # == alone would accept -0.0
    assert "-0.0" not in json.dumps(d)


def test_comparison_to_dict_is_plain_json_data() -> None:
    # d = A − B = [−0.001, 0.002, −0.004]: mean −0.001 rounds to −0.0 → 0.0; A wins 1 of 3.
    c = compare_paired({"A": np.array([1.0, 2.002, 2.996]), "B": np.array([1.001, 2.0, 3.0])})
    d = comparison_to_dict(c)
    assert json.loads(json.dumps(d)) == d
    pair = d["pairs"][0]
    assert all(type(pair[k]) is float for k in pair if k not in ("a", "b", "decision_probability_a_beats_b"))
    assert pair["decision_probability_a_beats_b"] is None
    assert math.copysign(1.0, pair["mean_difference"]) == 1.0 and pair["mean_difference"] == 0.0
    assert pair["probability_a_beats_b"] == 0.333333
    assert type(d["ranking"]["by_expected_value"]) is list
    # Means: A (1 + 2.002 + 2.996)/3 = 1.999333…, B 6.001/3 = 2.000333… → B first.
    assert d["ranking"]["by_expected_value"] == ["B", "A"]


def test_decision_probability_counts_parameter_draws_where_a_is_expected_to_win() -> None:
    # E[value | θ] per draw: A − B = [+1, −1, +2, +0] → A expected to win in 2 of 4 draws
    # (a tie is not a win), whatever the simulated values say.
    sim = {"A": np.array([0.0, 0.0, 0.0, 0.0]), "B": np.array([1.0, 1.0, 1.0, 1.0])}
    expected = {"A": np.array([3.0, 1.0, 5.0, 2.0]), "B": np.array([2.0, 2.0, 3.0, 2.0])}
    pair = compare_paired(sim, decision_values=expected).pairs[0]
    assert pair.probability_a_beats_b == 0.0
    assert pair.decision_probability_a_beats_b == 0.5
