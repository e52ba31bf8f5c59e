"""Metrics: per-iteration figures from cash flows, and their summaries over iterations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from roi_sim.model.flows import DiscountedFlows

if TYPE_CHECKING:
    from roi_sim.model.nominal import NominalYear

#: Money metrics of docs/model.md, docs/contracts.md, in the order they are reported.
METRIC_NAMES: tuple[str, ...] = (
    "investment",
    "gross_savings",
    "counterfactual_savings",
    "net_savings",
    "benefit_cost_ratio",
    "roi",
    "extra_clients_off_benefit",
)


#: Ledger figures (issue 5): the municipality's (fiscal) and society's (MKBA) view.
LEDGERS: dict[str, tuple[str, ...]] = {
    "fiscal": ("benefit_savings", "subsidies", "programme_costs", "net"),
    "societal": ("value_of_work", "social_value", "programme_costs", "net", "non_market_time", "execution"),
}

#: Who pays, who gains (issue 14.2): each an S; ``society`` is the sum of the five, in which
#: the transfers (benefit, LKS, refund, wages, taxes) cancel, and equals ``societal_net``.
STAKEHOLDERS: tuple[str, ...] = ("municipality", "rijk", "uwv", "employer", "client", "society")


#: The fiscal ledger by budget line (issue 14.1); their sum is ``net_savings`` in every iteration.
FISCAL_LINES: tuple[str, ...] = ("buig_benefits", "buig_lks", "execution", "programme")


#: The smallest investment a ratio is computed for: half a cent, so an investment the JSON
#: would print as EUR 0.00 counts as nothing invested (docs/contracts.md).
INVESTED_EUR = 0.005


@dataclass(frozen=True)
class IterationResults:
    """One value per iteration for each metric (arrays of shape ``(n,)``), plus the yearly
    investment, savings (net of the counterfactual) and subsidies of shape ``(n, years)``.

    ``net_savings`` is the municipality's (fiscal) net, the sum of its budget lines
    (:data:`FISCAL_LINES`): ``buig_benefits`` (savings net of the counterfactual × the share
    the municipality keeps), ``buig_lks`` (minus the subsidies paid, plus the BLKS refunds),
    ``execution`` (execution saved net of placement costs) and ``programme`` (minus the
    investment). ``societal_net`` is the MKBA view: the value of the
    extra work and the social value, minus investment (benefits and subsidies are transfers).
    ``benefit_cost_ratio`` and ``roi`` are NaN where the investment is below
    :data:`INVESTED_EUR` (it rounds to EUR 0.00);
    ``payback_months`` is NaN where the investment is not earned back within the horizon.
    """

    investment: np.ndarray
    gross_savings: np.ndarray
    counterfactual_savings: np.ndarray
    net_savings: np.ndarray
    benefit_cost_ratio: np.ndarray
    roi: np.ndarray
    extra_clients_off_benefit: np.ndarray
    payback_months: np.ndarray
    subsidies: np.ndarray
    value_of_work: np.ndarray
    social_value: np.ndarray
    societal_net: np.ndarray
    yearly_investment: np.ndarray
    yearly_savings: np.ndarray
    yearly_subsidies: np.ndarray
    #: The budget lines per iteration, and the first three per year (the fourth is −investment).
    buig_benefits: np.ndarray
    buig_lks: np.ndarray
    execution: np.ndarray
    programme: np.ndarray
    yearly_buig_benefits: np.ndarray
    yearly_buig_lks: np.ndarray
    yearly_execution: np.ndarray
    #: Undiscounted real euros per year for the nominal budget table (issue 14.3); the refund
    #: of year y is the LKS of year y − 1 (see DiscountedFlows).
    yearly_real_investment: np.ndarray
    yearly_real_savings: np.ndarray
    yearly_real_buig_benefits: np.ndarray
    yearly_real_subsidies: np.ndarray
    yearly_real_lks_refund: np.ndarray
    yearly_real_execution: np.ndarray
    #: The MKBA's lost non-market time (subtracted from societal_net) and who pays, who
    #: gains (:data:`STAKEHOLDERS`, docs/model.md): ``society`` is the sum of the other five.
    non_market_time: np.ndarray
    municipality: np.ndarray
    rijk: np.ndarray
    uwv: np.ndarray
    employer: np.ndarray
    client: np.ndarray
    society: np.ndarray
    #: Decision uncertainty (DESIGN.md §7): E[net | θ], the expected fiscal and societal net
    #: given the iteration's parameter draws θ (the deterministic model at θ). Without
    #: uncertain parameters these are the same number in every iteration.
    expected_net: np.ndarray | None = None
    expected_societal_net: np.ndarray | None = None
    #: With ``variants`` (DESIGN.md §8): the index of the variant each iteration lived in.
    variant: np.ndarray | None = None
    #: With ``states`` (DESIGN.md §10): clients per state at the end of each year, shape
    #: ``(n, years, K)`` in each arm, and the rung-years gained (None without rungs).
    occupancy_programme: np.ndarray | None = None
    occupancy_counterfactual: np.ndarray | None = None
    rung_years_gained: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(self.investment.shape[0])

    @staticmethod
    def empty(n: int, years: int) -> IterationResults:
        """Uninitialised arrays for ``n`` iterations, to be filled block by block."""
        fields = {k: np.zeros(n) for k in IterationResults.__dataclass_fields__ if not k.startswith("yearly") and k not in _LADDER_FIELDS}
        yearly = {k: np.empty((n, years)) for k in IterationResults.__dataclass_fields__ if k.startswith("yearly")}
        return IterationResults(**fields, **yearly)

    def put(self, start: int, part: IterationResults) -> None:
        """Copy ``part`` (truncated to fit) into iterations ``start, start + 1, …``."""
        count = min(part.n, self.n - start)
        for k in self.__dataclass_fields__:
            source = getattr(part, k)
            if source is not None:
                if getattr(self, k) is None:  # a ladder's arrays, shaped by its states
                    object.__setattr__(self, k, np.zeros((self.n, *source.shape[1:])))
                getattr(self, k)[start : start + count] = source[:count]


def payback_months(cumulative_net: np.ndarray) -> np.ndarray:
    """docs/model.md: the smallest ``t + 1`` with ``CF(u) ≥ 0`` for every ``u ≥ t``;
    NaN where ``CF(H−1) < 0``. ``cumulative_net`` has shape ``(months, n)``."""
    horizon = cumulative_net.shape[0]
    negative = cumulative_net < 0
    any_negative = negative.any(axis=0)
    last_negative = horizon - 1 - np.argmax(negative[::-1], axis=0)
    out = np.where(any_negative, last_negative + 2, 1).astype(np.float64)
    out[negative[-1]] = np.nan
    return out


def per_iteration(flows: DiscountedFlows, extra_clients_off_benefit: np.ndarray) -> IterationResults:
    """Reduce a strategy's discounted flows (all its parts added) to the per-iteration metrics."""
    investment = flows.investment_by_year.sum(axis=0)
    gross = flows.gross_savings_by_year.sum(axis=0)
    counterfactual = flows.counterfactual_savings_by_year.sum(axis=0)
    subsidies_by_year = flows.part("subsidies_by_year")
    subsidies = subsidies_by_year.sum(axis=0)
    lks_by_year = flows.part("lks_refund_by_year") - subsidies_by_year
    lines = {
        "buig_benefits": flows.part("buig_benefits_by_year"),
        "buig_lks": lks_by_year,
        "execution": flows.part("execution_by_year"),
    }
    totals = {name: by_year.sum(axis=0) for name, by_year in lines.items()}
    # net_savings is the sum of the lines, added in one fixed order in every iteration.
    savings = totals["buig_benefits"] + totals["buig_lks"] + totals["execution"]
    net = savings - investment
    # An investment that rounds to EUR 0.00 (the JSON's precision) counts as nothing invested:
    # dividing by a subnormal one overflowed to inf and squared ratios near 1e300 overflowed
    # the standard error (found by the random-scenario generator, issue 16).
    invested = investment >= INVESTED_EUR
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        bcr = np.where(invested, savings / np.where(invested, investment, 1.0), np.nan)
    value_of_work = flows.part("value_of_work_by_year").sum(axis=0)
    social = flows.part("social_value_by_year").sum(axis=0)
    non_market = flows.part("non_market_time_by_year").sum(axis=0)
    payers = _stakeholders(flows, net, totals["buig_benefits"], subsidies, value_of_work, social - non_market)
    return IterationResults(
        investment=investment,
        gross_savings=gross,
        counterfactual_savings=counterfactual,
        net_savings=net,
        benefit_cost_ratio=bcr,
        roi=bcr - 1.0,
        extra_clients_off_benefit=extra_clients_off_benefit,
        payback_months=payback_months(flows.cumulative_net),
        subsidies=subsidies,
        value_of_work=value_of_work,
        social_value=social,
        # The werkwijzer's MKBA: work (with employer costs, net of displacement) minus lost
        # non-market time, social value, minus programme costs, plus real execution savings.
        societal_net=value_of_work - non_market + social - investment + totals["execution"],
        yearly_investment=flows.investment_by_year.T,
        yearly_savings=(flows.gross_savings_by_year - flows.counterfactual_savings_by_year).T,
        yearly_subsidies=subsidies_by_year.T,
        **totals,
        programme=-investment,
        **{f"yearly_{name}": by_year.T for name, by_year in lines.items()},
        **{f"yearly_real_{name}": flows.part(f"real_{name}_by_year").T for name in _REAL},
        non_market_time=non_market,
        **payers,
        occupancy_programme=None if flows.occupancy_programme is None else np.transpose(flows.occupancy_programme, (2, 0, 1)),
        occupancy_counterfactual=None if flows.occupancy_counterfactual is None else np.transpose(flows.occupancy_counterfactual, (2, 0, 1)),
        rung_years_gained=flows.rung_years,
    )


def _stakeholders(
    flows: DiscountedFlows, municipality: np.ndarray, buig_benefits: np.ndarray, subsidies: np.ndarray,
    value_of_work: np.ndarray, client_welfare: np.ndarray,
) -> dict[str, np.ndarray]:
    """Who pays, who gains (docs/model.md). Every transfer is booked once as a gain and once
    as a loss, so the sum is the MKBA net by construction:

    * municipality: the fiscal net (its budget lines);
    * rijk: the benefit saved it keeps (1 − retention), minus the BLKS refunds it pays, plus
      the tax and premium wedge (employers' wage cost − the client's net wage), minus the tax
      on the benefit it no longer collects (benefit saved − the client's net benefit lost);
      together: wage cost − the client's income change − the municipality's BUIG line − refunds;
    * employer: the value of the work (net of displacement) − the wage cost + the LKS received;
    * client: the change in net income, minus lost non-market time, plus social value;
    * uwv: minus the benefits it pays extra (the ladder's states with ``payer: uwv``; 0 in
      the on/off model); the rijk's line gains them back so that a move from bijstand to
      Wajong is a saving for the municipality, a cost for the UWV and nothing for society.
    """
    wage_cost = flows.part("wage_cost_by_year").sum(axis=0)
    income = flows.part("client_income_by_year").sum(axis=0)
    refunds = flows.part("lks_refund_by_year").sum(axis=0)
    uwv_benefits = flows.part("uwv_benefits_by_year").sum(axis=0)
    out = {
        "municipality": municipality,
        "rijk": wage_cost - income - buig_benefits - refunds + uwv_benefits,
        "uwv": np.zeros_like(municipality) if flows.uwv_benefits_by_year is None else -uwv_benefits,
        "employer": value_of_work - wage_cost + subsidies,
        "client": income + client_welfare,
    }
    # Added in one fixed order, so the identity holds to float rounding in every iteration.
    out["society"] = out["municipality"] + out["rijk"] + out["uwv"] + out["employer"] + out["client"]
    return out


_LADDER_FIELDS = ("occupancy_programme", "occupancy_counterfactual", "rung_years_gained")

#: The undiscounted yearly amounts kept for the nominal budget table.
_REAL = ("investment", "savings", "buig_benefits", "subsidies", "lks_refund", "execution")


@dataclass(frozen=True)
class Summary:
    """Mean, standard error of the mean and the 5th/50th/95th percentiles over iterations."""

    mean: float
    se: float
    p5: float
    p50: float
    p95: float

    def as_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "se": self.se, "p5": self.p5, "p50": self.p50, "p95": self.p95}


def summarize(values: np.ndarray) -> Summary | None:
    """Summary of the finite values (None when there are none, e.g. a ratio with no investment)."""
    ok = np.isfinite(values)
    finite = values if ok.all() else values[ok]
    if finite.size == 0:
        return None
    if finite.size == 1 or (finite == finite[0]).all():
        # Exactly the value, without the rounding noise of a mean of identical numbers. Checked
        # first: half of a run's summaries are constant (an investment, a year with no
        # subsidy), and the percentiles are most of a summary's cost.
        v = float(finite[0])
        return Summary(v, 0.0, v, v, v)
    mean = float(finite.mean())
    se = float(finite.std(ddof=1) / math.sqrt(finite.size))
    p5, p50, p95 = (float(x) for x in percentiles_5_50_95(finite))
    return Summary(mean, se, p5, p50, p95)


_SUMMARY_QUANTILES = np.array([5, 50, 95]) / 100


def percentiles_5_50_95(values: np.ndarray) -> np.ndarray:
    """``np.percentile(values, [5, 50, 95])`` (method "linear"), bit for bit, from one sort.

    numpy's SIMD sort of a block of iterations is about twice as fast as the partitions
    ``np.percentile`` makes for three percentiles, and summaries are a run's last serial
    step; the interpolation below is numpy's own (``_quantile``/``_lerp``), so the numbers
    are the same (tests/test_summary_percentiles.py).
    """
    ordered = np.sort(values)
    n = ordered.size
    q = _SUMMARY_QUANTILES
    virtual = (n - 1) * q
    previous = np.floor(virtual)
    following = previous + 1
    previous[virtual >= n - 1] = -1
    following[virtual >= n - 1] = -1
    previous[virtual < 0] = 0
    following[virtual < 0] = 0
    lo, hi = previous.astype(np.intp), following.astype(np.intp)
    gamma = virtual - lo
    a, b = ordered[lo], ordered[hi]
    diff = b - a
    out = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


@dataclass(frozen=True)
class PaybackSummary:
    """Median payback month (None when more than half never pay back) and the share that do."""

    p50: int | None
    probability_within_horizon: float


def summarize_payback(values: np.ndarray) -> PaybackSummary:
    """Median over all iterations, counting 'never within the horizon' as later than any month."""
    never = np.isnan(values)
    ordered = np.where(never, np.inf, values)
    median = float(np.percentile(ordered, 50, method="inverted_cdf"))
    return PaybackSummary(None if math.isinf(median) else int(median), float(1.0 - never.mean()))


@dataclass(frozen=True)
class YearSummary:
    """One year of the budget table: investment, savings (net of the counterfactual), net, cumulative net."""

    year: int
    investment: Summary
    savings: Summary
    net: Summary
    cumulative_net: Summary
    subsidies: Summary
    #: The fiscal budget lines of the year (issue 14.1): their sum is ``net``.
    lines: dict[str, Summary | None] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionSummary:
    """How sure we are that the programme pays: the spread of E[net | θ] over what we do not
    know (the parameters), without this cohort's luck."""

    expected_net: Summary
    probability_net_positive: float


def summarize_decision(expected: np.ndarray | None) -> DecisionSummary | None:
    s = None if expected is None else summarize(expected)
    if s is None or expected is None:
        return None
    return DecisionSummary(s, float((expected > 0).mean()))


@dataclass(frozen=True)
class StrategySummary:
    """Everything reported for one strategy (docs/contracts.md#json-output)."""

    name: str
    metrics: dict[str, Summary | None]
    probability_net_positive: float
    payback: PaybackSummary
    yearly: tuple[YearSummary, ...]
    #: {"fiscal": {"benefit_savings": …, "subsidies": …, "programme_costs": …, "net": …}, "societal": {…}}
    ledgers: dict[str, dict[str, Summary | None]]
    probability_societal_net_positive: float
    #: Decision uncertainty: E[net | θ] over parameter draws, and P(E[net | θ] > 0).
    decision: DecisionSummary | None = None
    societal_decision: DecisionSummary | None = None
    #: With ``variants``: (variant name, the strategy's figures under that belief).
    by_variant: tuple[tuple[str, StrategySummary], ...] = ()
    #: The fiscal ledger by budget line (:data:`FISCAL_LINES`), each summarised.
    fiscal_lines: dict[str, Summary | None] = field(default_factory=dict)
    #: With a price year: the budget table per begrotingsjaar, nominal and undiscounted
    #: (:func:`roi_sim.model.nominal.nominal_yearly`).
    nominal: tuple[NominalYear, ...] | None = None
    #: Who pays, who gains (:data:`STAKEHOLDERS`), each summarised.
    stakeholders: dict[str, Summary | None] = field(default_factory=dict)
    #: With states (DESIGN.md §10): :class:`roi_sim.model.occupancy.OccupancySummary`.
    occupancy: Any = None


def summarize_strategy(name: str, results: IterationResults) -> StrategySummary:
    """Summaries over iterations of every metric, ledger and year of one strategy."""
    metrics = {m: summarize(getattr(results, m)) for m in METRIC_NAMES}
    yearly_lines = {
        "buig_benefits": results.yearly_buig_benefits,
        "buig_lks": results.yearly_buig_lks,
        "execution": results.yearly_execution,
        "programme": -results.yearly_investment,
    }
    net_yearly = yearly_lines["buig_benefits"] + yearly_lines["buig_lks"] + yearly_lines["execution"] - results.yearly_investment
    cumulative = np.cumsum(net_yearly, axis=1)
    yearly = []
    for y in range(results.yearly_investment.shape[1]):
        inv, sav, net, cum, sub = (
            summarize(a[:, y]) for a in (results.yearly_investment, results.yearly_savings, net_yearly, cumulative, results.yearly_subsidies)
        )
        lines = {name: summarize(a[:, y]) for name, a in yearly_lines.items()}
        yearly.append(YearSummary(y + 1, inv, sav, net, cum, sub, lines=lines))  # type: ignore[arg-type]
    ledgers = {
        "fiscal": {
            "benefit_savings": summarize(results.gross_savings - results.counterfactual_savings),
            "subsidies": summarize(results.subsidies),
            "programme_costs": summarize(results.investment),
            "net": summarize(results.net_savings),
        },
        "societal": {
            "value_of_work": summarize(results.value_of_work),
            "social_value": summarize(results.social_value),
            "programme_costs": summarize(results.investment),
            "net": summarize(results.societal_net),
            "non_market_time": summarize(results.non_market_time),
            "execution": summarize(results.execution),
        },
    }
    return StrategySummary(
        name=name,
        metrics=metrics,
        probability_net_positive=float((results.net_savings > 0).mean()),
        payback=summarize_payback(results.payback_months),
        yearly=tuple(yearly),
        ledgers=ledgers,
        probability_societal_net_positive=float((results.societal_net > 0).mean()),
        decision=summarize_decision(results.expected_net),
        societal_decision=summarize_decision(results.expected_societal_net),
        fiscal_lines={name: summarize(getattr(results, name)) for name in FISCAL_LINES},
        stakeholders={name: summarize(getattr(results, name)) for name in STAKEHOLDERS},
    )
