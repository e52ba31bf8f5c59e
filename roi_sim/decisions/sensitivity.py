"""Which uncertain numbers drive the result: one-way (tornado) and global (Sobol) sensitivity.

Both analyses run the *deterministic* model (expected flows, no binomial noise) through
:func:`roi_sim.model.simulate.evaluate_deterministic`, vectorised over parameter sets. That is
deliberate: sensitivity asks how the expected net moves with the inputs, and Monte Carlo
noise in the output would only blur the answer (and cost far more evaluations).

* :func:`tornado` moves one parameter at a time from its p10 to its p90 (from the
  distribution's inverse CDF), the others at their means, and ranks the parameters by the
  swing of the expected net. This is the chart a council document shows.
* :func:`global_sensitivity` moves all parameters at once. With few parameters it computes
  Sobol' indices (the share of the variance of the net each parameter explains, alone: S1,
  or with its interactions: ST) with :func:`scipy.stats.sobol_indices`; with many, whose
  Sobol' design would cost ``n · (d + 2)`` evaluations, Spearman rank correlations between
  each parameter and the net over one ``n``-point sample.

Which parameters count as uncertain: those given as a non-fixed distribution in the
strategy's first part, plus the scenario's ``discount_rate`` when it is uncertain. An
override replaces the parameter in *every* part of the strategy (that is what
``evaluate_deterministic`` does), so for a strategy made of several group parts whose
distributions differ, the first part's distribution stands for all of them. Parameters are
treated as independent, also where the scenario correlates them (Sobol' indices assume
independent inputs).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from roi_sim.model.arguments import check_societal
from roi_sim.model.forked import fork_map
from roi_sim.scenario.distributions import OPEN_ONE, OPEN_ZERO
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import Scenario, StrategySpec

if TYPE_CHECKING:
    from roi_sim.scenario.distributions import Distribution

#: The IterationResults field each ledger reads (the same mapping as roi_sim.decisions.group_pricing; not
#: imported from there because that module pulls in scipy.optimize).
LEDGER_QUANTITY: dict[str, str] = {"fiscal": "net_savings", "societal": "societal_net"}
#: method="auto" uses Sobol' indices up to this many uncertain parameters, rank correlations
#: above: Sobol' needs n·(d+2) model evaluations and, with many parameters, a large n before
#: its small indices rise above their sampling noise.
SOBOL_MAX_PARAMETERS = 12
#: Parameter sets per evaluate_deterministic call: bounds memory (the model keeps a few
#: months × n arrays) while keeping the calls vectorised. Results do not depend on it.
EVAL_CHUNK = 4096
METHODS = ("auto", "sobol", "rank correlation")


@dataclass(frozen=True)
class TornadoBar:
    """One parameter of a tornado diagram.

    ``low_value``/``high_value`` are the parameter's ``low_q``/``high_q`` quantiles (p10 and
    p90 by default); ``net_at_low``/``net_at_high`` the deterministic expected net with the
    parameter there and every other parameter at its mean; ``swing`` the absolute
    difference (what the bars are sorted by). ``net_at_low`` may exceed ``net_at_high``
    (a cost: the higher it is, the lower the net).
    """

    parameter: str
    low_value: float
    high_value: float
    net_at_low: float
    net_at_high: float
    swing: float


@dataclass(frozen=True)
class Tornado:
    """The tornado diagram of one strategy in one ledger.

    ``base_net`` is the deterministic expected net with every parameter at its mean; the
    ``bars`` are sorted by swing, largest first (ties keep the scenario's parameter order).
    """

    strategy: str
    ledger: str
    base_net: float
    bars: tuple[TornadoBar, ...]


@dataclass(frozen=True)
class GlobalSensitivity:
    """Global sensitivity of one strategy's net in one ledger.

    ``method`` is ``"sobol"`` (``first_order`` holds S1 and ``total_order`` ST of each
    parameter), ``"rank correlation"`` (``first_order`` holds Spearman's rho between the
    parameter and the net; ``total_order`` is None) or ``"none"`` (no uncertain parameter:
    both empty/None). ``n`` is the base sample size used (Sobol': the power of two the
    design was built on, evaluated ``n·(d+2)`` times; rank correlation: the sample size; 0
    for "none").
    """

    strategy: str
    ledger: str
    method: str
    first_order: dict[str, float]
    total_order: dict[str, float] | None
    n: int


def uncertain_parameters(scenario: Scenario, strategy: StrategySpec) -> dict[str, Distribution]:
    """The strategy's uncertain parameters (non-fixed distributions of its first part, its
    ladder's rates, then ``discount_rate`` when uncertain), in the scenario's parameter order."""
    out = {name: dist for name, dist in strategy.parts[0].params.items() if not dist.is_fixed}
    ladder = strategy.parts[0].ladder
    # DESIGN.md §10: the ladder's uncertain rates are parameters too.
    out |= {name: dist for name, dist, _ in (ladder.rate_parameters() if ladder is not None else []) if not dist.is_fixed}
    if not scenario.discount_rate.is_fixed:
        out["discount_rate"] = scenario.discount_rate
    return out


def _quantity(ledger: str) -> str:
    try:
        return LEDGER_QUANTITY[ledger]
    except KeyError:
        raise ValueError(Msg("unknown ledger {ledger!r}; allowed: {ledger_quantity}", ledger=ledger, ledger_quantity=', '.join(LEDGER_QUANTITY))) from None


def _only(scenario: Scenario, strategy: StrategySpec) -> Scenario:
    # evaluate_deterministic evaluates every strategy; one strategy's analysis needs only
    # its own, and the overrides (that strategy's distributions) mean nothing for others.
    return replace(scenario, strategies=(strategy,))


def _net(
    scenario: Scenario, quantity: str, overrides: Mapping[str, np.ndarray] | None = None, n: int = 1, processes: int = 1,
) -> np.ndarray:
    """The deterministic net (``quantity``) of the scenario's single strategy for ``n``
    parameter sets (``overrides``: arrays of length ``n``), in chunks of EVAL_CHUNK, each
    chunk on one of up to ``processes`` forked processes (the chunks, and so the numbers,
    are the same however many)."""
    from roi_sim.model.simulate import evaluate_deterministic

    (name,) = (spec.name for spec in scenario.strategies)
    overrides = dict(overrides or {})

    def chunk(start: int) -> np.ndarray:
        stop = min(start + EVAL_CHUNK, n)
        values = {k: np.asarray(v, dtype=float)[start:stop] for k, v in overrides.items()}
        return np.asarray(getattr(evaluate_deterministic(scenario, values, n=stop - start)[name], quantity))

    starts = range(0, n, EVAL_CHUNK)
    return np.concatenate(fork_map([partial(chunk, start) for start in starts], processes)) if n else np.empty(0)


#: The tornado's default quantiles: each parameter from its p10 to its p90.
TORNADO_LOW_Q, TORNADO_HIGH_Q = 0.10, 0.90


def tornado(
    scenario: Scenario, *, ledger: str = "fiscal", low_q: float = TORNADO_LOW_Q, high_q: float = TORNADO_HIGH_Q,
) -> list[Tornado]:
    """One-way sensitivity of every strategy (one :class:`Tornado` each, in scenario order).

    Each uncertain parameter is set to its ``low_q`` and ``high_q`` quantile in turn (one
    vectorised evaluation of two parameter sets), every other parameter at its mean.
    ``ledger`` is "fiscal" (the municipality's net savings) or "societal" (MKBA net).
    """
    quantity = _checked_quantity(scenario, ledger)
    _check_quantiles(low_q, high_q)
    return [_tornado_of(scenario, spec, ledger, quantity, low_q, high_q) for spec in scenario.strategies]


def _checked_quantity(scenario: Scenario, ledger: str) -> str:
    quantity = _quantity(ledger)
    check_societal(scenario, ledger)
    return quantity


def _check_quantiles(low_q: float, high_q: float) -> None:
    if not 0 < low_q < high_q < 1:
        # 0 and 1 would be the ends of the support: infinite for a normal or a lognormal.
        raise ValueError(Msg("need 0 < low_q < high_q < 1 (got low_q {low_q}, high_q {high_q})", low_q=low_q, high_q=high_q))


def _tornado_of(scenario: Scenario, spec: StrategySpec, ledger: str, quantity: str, low_q: float, high_q: float) -> Tornado:
    single = _only(scenario, spec)
    base_net = float(_net(single, quantity)[0])
    bars = []
    for name, dist in uncertain_parameters(scenario, spec).items():
        low, high = dist.quantile(low_q), dist.quantile(high_q)
        at_low, at_high = (float(x) for x in _net(single, quantity, {name: np.array([low, high])}, 2))
        bars.append(TornadoBar(name, low, high, at_low, at_high, abs(at_high - at_low)))
    bars.sort(key=lambda bar: -bar.swing)  # stable: ties keep the parameter order
    return Tornado(spec.name, ledger, base_net, tuple(bars))


class _PpfAdapter:
    """What :func:`scipy.stats.sobol_indices` needs of a distribution: a vectorised ``ppf``.

    The probabilities are kept inside the open interval (0, 1): ``ppf(0)``/``ppf(1)`` are
    infinite for unbounded distributions and scipy needs finite model outputs. Scrambled
    Sobol' points practically never hit 0 exactly; this is a guard, not a correction.
    """

    def __init__(self, dist: Distribution) -> None:
        self.dist = dist

    def ppf(self, q: np.ndarray) -> np.ndarray:
        return self.dist.ppf(np.clip(q, OPEN_ZERO, OPEN_ONE))


def _power_of_two(n: int) -> int:
    return 1 << (n - 1).bit_length()


def _sobol(
    single: Scenario, quantity: str, params: dict[str, Distribution], n: int, seed: int, processes: int = 1,
) -> tuple[dict[str, float], dict[str, float]]:
    from scipy.stats import sobol_indices

    names = list(params)
    # scipy squeezes the (outputs, d) index arrays and then assigns into them, which fails
    # on the 0-d array left by one output and one parameter (scipy 1.17). With a single
    # parameter, the output is given twice (two identical rows) and the first row is kept.
    outputs = 2 if len(names) == 1 else 1

    def func(x: np.ndarray) -> np.ndarray:
        # x has shape (d, m): one row per parameter, one column per parameter set.
        net = _net(single, quantity, dict(zip(names, x)), x.shape[1], processes)
        return np.tile(net, (outputs, 1))

    # scipy 1.15 renamed random_state to rng (the old name is deprecated); the project
    # allows scipy >= 1.11, so pass whichever this scipy has.
    key = "rng" if "rng" in inspect.signature(sobol_indices).parameters else "random_state"
    result = sobol_indices(
        func=func, n=n, dists=[_PpfAdapter(params[k]) for k in names], **{key: np.random.default_rng(seed)}
    )
    # scipy returns the indices squeezed: shape (d,) for one output, (2,) for two outputs
    # of one parameter. Back to (outputs, d), first output.
    s1 = np.asarray(result.first_order, dtype=float).reshape(outputs, -1)[0]
    st = np.asarray(result.total_order, dtype=float).reshape(outputs, -1)[0]
    return {k: float(v) for k, v in zip(names, s1)}, {k: float(v) for k, v in zip(names, st)}


def _ranks(x: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    return rankdata(x)  # average ranks for ties (e.g. rounded cohort sizes)


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation of ``x`` and ``y``; 0 when either is constant (no
    ranking to correlate, where scipy would warn and return NaN)."""
    rx, ry = _ranks(x), _ranks(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denom = float(np.sqrt((rx * rx).sum() * (ry * ry).sum()))
    return 0.0 if denom == 0 else float((rx * ry).sum() / denom)


def _rank_correlations(
    single: Scenario, quantity: str, params: dict[str, Distribution], n: int, seed: int, processes: int = 1,
) -> dict[str, float]:
    # Each parameter its own child stream: a parameter's sample does not depend on which
    # other parameters are uncertain.
    children = np.random.SeedSequence(seed).spawn(len(params))
    sample = {name: dist.sample(np.random.default_rng(child), n) for (name, dist), child in zip(params.items(), children)}
    net = _net(single, quantity, sample, n, processes)
    return {name: spearman(values, net) for name, values in sample.items()}


def global_sensitivity(
    scenario: Scenario, *, ledger: str = "fiscal", n: int = 2048, method: str = "auto", seed: int = 0, processes: int = 1,
) -> list[GlobalSensitivity]:
    """Global sensitivity of every strategy's deterministic net (one result each, in order).

    ``method``: "sobol" (first- and total-order Sobol' indices; ``n`` is rounded up to a
    power of two, as Sobol' sequences need, and the model is evaluated ``n·(d+2)`` times),
    "rank correlation" (Spearman's rho between each parameter's ``n`` draws and the net),
    or "auto": Sobol' for at most :data:`SOBOL_MAX_PARAMETERS` uncertain parameters, rank
    correlations above. The result's ``method`` says which was used, or "none" when the
    strategy has no uncertain parameter. The same ``seed`` gives the same numbers, on any
    number of ``processes`` (strategies, or one strategy's model runs in fixed chunks, are
    spread over them).
    """
    quantity = _checked_quantity(scenario, ledger)
    _check_global(method, n)
    _preload(scenario)
    jobs = [partial(_global_of, scenario, spec, ledger, quantity, n, method, seed, processes) for spec in scenario.strategies]
    return fork_map(jobs, processes)


def sensitivity_analysis(
    scenario: Scenario, *, ledger: str = "fiscal", n: int = 2048, method: str = "auto", seed: int = 0, processes: int = 1,
) -> tuple[list[Tornado], list[GlobalSensitivity]]:
    """:func:`tornado` and :func:`global_sensitivity` (default quantiles) of every strategy,
    as one set of jobs over up to ``processes`` processes: the results of each alone."""
    quantity = _checked_quantity(scenario, ledger)
    _check_global(method, n)
    _preload(scenario)
    k = len(scenario.strategies)
    # The long jobs first, so the short tornadoes fill in behind them.
    jobs: list[Callable[[], Tornado | GlobalSensitivity]] = [
        *(partial(_global_of, scenario, spec, ledger, quantity, n, method, seed, processes) for spec in scenario.strategies),
        *(partial(_tornado_of, scenario, spec, ledger, quantity, TORNADO_LOW_Q, TORNADO_HIGH_Q) for spec in scenario.strategies),
    ]
    done = fork_map(jobs, processes)
    return done[k:], done[:k]  # type: ignore[return-value]


def _check_global(method: str, n: int) -> None:
    if method not in METHODS:
        raise ValueError(Msg("unknown method {method!r}; allowed: {methods}", method=method, methods=', '.join(METHODS)))
    if n < 2:
        raise ValueError(Msg("n must be at least 2 (got {n})", n=n))


def _preload(scenario: Scenario) -> None:
    # scipy.stats (the Sobol' design, ranks; scipy.special's quantiles with it) takes 0.3 s
    # to import: once here, inherited by every forked job, rather than once in each.
    if any(uncertain_parameters(scenario, spec) for spec in scenario.strategies):
        import scipy.stats  # noqa: F401


def _global_of(
    scenario: Scenario, spec: StrategySpec, ledger: str, quantity: str, n: int, method: str, seed: int, processes: int,
) -> GlobalSensitivity:
    params = uncertain_parameters(scenario, spec)
    if not params:
        return GlobalSensitivity(spec.name, ledger, "none", {}, None, 0)
    chosen = method if method != "auto" else ("sobol" if len(params) <= SOBOL_MAX_PARAMETERS else "rank correlation")
    single = _only(scenario, spec)
    if chosen == "sobol":
        size = _power_of_two(n)
        first, total = _sobol(single, quantity, params, size, seed, processes)
        return GlobalSensitivity(spec.name, ledger, "sobol", first, total, size)
    rho = _rank_correlations(single, quantity, params, n, seed, processes)
    return GlobalSensitivity(spec.name, ledger, "rank correlation", rho, None, n)
