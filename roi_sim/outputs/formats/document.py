"""The JSON document of a run (the public contract of DESIGN.md §4) as plain Python data,
and the facts about a run the other renderers share: the paired comparisons, how the
strategies' own distributions were drawn, and whether the scenario values work."""

from __future__ import annotations

import math
from typing import Any

from roi_sim import __version__
from roi_sim.decisions.compare import Comparison, compare_paired, comparison_to_dict
from roi_sim.model.effect_summary import EffectSummary, effect_summaries
from roi_sim.model.metrics import FISCAL_LINES, LEDGERS, METRIC_NAMES, STAKEHOLDERS, DecisionSummary, StrategySummary, Summary
from roi_sim.model.nominal import NominalYear
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.safe_text import json_text  # JSON keeps the exact names (its escaping is safe)
from roi_sim.scenario.prices import INDEX_KINDS
from roi_sim.scenario.valuation import societal_valued

SCHEMA_VERSION = 2

# Output precision: euros to the cent, ratios and probabilities to 6 decimals, clients to
# 4 decimals. Finer digits are float noise far below the Monte Carlo error.
_MONEY = {"investment", "gross_savings", "counterfactual_savings", "net_savings", "savings", "net", "cumulative_net"}

_DIGITS = {"benefit_cost_ratio": 6, "roi": 6, "extra_clients_off_benefit": 4}


def _round(x: float | None, digits: int) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    value = round(x, digits)
    return 0.0 if value == 0 else value  # no "-0.0" in the output


def _stat(s: Summary | None, digits: int) -> dict[str, float | None] | None:
    if s is None:
        return None
    return {k: _round(v, digits) for k, v in s.as_dict().items()}


def _decision_values(runs: dict[str, Any], field: str) -> dict[str, Any] | None:
    values = {k: getattr(v, field) for k, v in runs.items()}
    return None if any(v is None for v in values.values()) else values


def _decision(d: DecisionSummary | None, deterministic: bool) -> dict[str, Any] | None:
    """DESIGN.md §7: E[net | θ] over parameter draws and P(E[net | θ] > 0); no probability
    from a single evaluation at the means (deterministic mode)."""
    if d is None:
        return None
    return {
        "expected_net": _stat(d.expected_net, 2),
        "probability_net_positive": None if deterministic else _round(d.probability_net_positive, 6),
    }


def _variant_dict(name: str, st: StrategySummary, deterministic: bool) -> dict[str, Any]:
    """One belief's figures for a strategy (DESIGN.md §8): never ranked, never compared."""
    return {
        "variant": name,
        "metrics": {m: _stat(st.metrics[m], _DIGITS.get(m, 2)) for m in METRIC_NAMES},
        "probability_net_positive": _chance(st.probability_net_positive, deterministic),
        "decision": _decision(st.decision, deterministic),
    }


def _no_chances(comparison: dict[str, Any]) -> dict[str, Any]:
    """A deterministic run compares one evaluation per strategy: no chance applies (null)."""
    for pair in comparison["pairs"]:
        pair["probability_a_beats_b"] = None
        pair["decision_probability_a_beats_b"] = None
    return comparison


def draws_used(result: RunResult) -> dict[str, Any] | None:
    """How strategies' own distributions were drawn (DESIGN.md §7, 'paired where the world is
    shared'): None when no strategy or group sets its own uncertain parameter."""
    own: dict[str, list[str]] = {}
    for spec in result.scenario.strategies:
        names = sorted({k for part in spec.parts for k, src in part.sources.items()
                        if src in ("strategy", "group") and part.params[k].dist != "fixed"})
        if names:
            own[spec.name] = names
    if not own:
        return None
    independent = {s.name: list(s.independent_draws) for s in result.scenario.strategies if s.independent_draws}
    return {"own_distributions": own, "same_quantile": True, "independent": independent}


def _variant_settings(result: RunResult) -> list[dict[str, Any]]:
    variants = result.scenario.variants
    total = sum(v.weight for v in variants)
    return [{"name": v.name, "weight": _round(v.weight / total, 6), "weight_given": v.weight_given} for v in variants]


def _chance(p: float, deterministic: bool) -> float | None:
    # One evaluation at the means has no chance attached: not applicable (null).
    return None if deterministic else _round(p, 6)


def comparisons(result: RunResult) -> dict[str, Comparison] | None:
    """Paired comparisons of the strategies in both ledgers (None for a single strategy)."""
    if len(result.strategies) < 2:
        return None
    runs = result.iterations
    return {
        "fiscal": compare_paired(
            {k: v.net_savings for k, v in runs.items()}, "net_savings", _decision_values(runs, "expected_net")
        ),
        "societal": compare_paired(
            {k: v.societal_net for k, v in runs.items()}, "societal_net", _decision_values(runs, "expected_societal_net")
        ),
    }


def _effect_dict(e: EffectSummary) -> dict[str, Any]:
    """DESIGN.md §9: what the strategy assumes at the means, and whether it is far above the
    evidence (the guardrail); with classes, the participants' mix and each class's baseline."""
    out: dict[str, Any] = {
        "baseline_share_at_window_end": _round(e.baseline_share, 6),
        "programme_share_at_window_end": _round(e.programme_share, 6),
        "implied_net_effect": _round(e.implied_net_effect, 6),
        "above_evidence": e.above_evidence,
    }
    if e.classes:
        out["classes"] = _class_rows(e.classes)
    if e.population_baseline_share is not None and (e.classes or e.population_classes):
        # Beside the participants' mix, the population's: creaming shows as a higher baseline.
        out["population"] = {"baseline_share_at_window_end": _round(e.population_baseline_share, 6)}
        if e.population_classes:
            out["population"]["classes"] = _class_rows(e.population_classes)
    return out


def _class_rows(classes: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "share": _round(c.share, 6), "baseline_share_at_window_end": _round(c.baseline_share, 6),
         "programme_share_at_window_end": _round(c.programme_share, 6)}
        for c in classes
    ]


def _lines(lines: dict[str, Summary | None]) -> dict[str, Any]:
    """The fiscal ledger by budget line (issue 14.1), in the order of FISCAL_LINES."""
    return {name: _stat(lines.get(name), 2) for name in FISCAL_LINES}


def _stakeholders(st: StrategySummary, valued: bool) -> dict[str, Any]:
    """Who pays, who gains (issue 14.2): the employer's line and society's need the value of
    the work, so they are null when the scenario sets no valuation inputs."""
    return {
        name: None if not valued and name in ("employer", "society") else _stat(st.stakeholders.get(name), 2)
        for name in STAKEHOLDERS
    }


def _nominal(year: NominalYear) -> dict[str, Any]:
    """One begrotingsjaar of the budget table: nominal, undiscounted (issue 14.3)."""
    return {
        "budget_year": year.budget_year,
        **{k: _stat(getattr(year, k), 2) for k in ("investment", "savings", "net", "cumulative_net", "subsidies")},
        "lines": _lines(year.lines),
    }


def prices_settings(result: RunResult) -> dict[str, Any]:
    """The price year, the first begrotingsjaar and the indexation the nominal table uses."""
    prices = result.scenario.prices
    assert prices is not None
    return {
        "price_year": prices.price_year,
        "start_year": prices.start_year,
        "indexation": {kind: _round(getattr(prices, kind), 6) for kind in INDEX_KINDS},
    }


def _occupancy(occ: Any) -> dict[str, Any]:
    """``occupancy`` (clients per state at the end of each year, both arms) and ``rung_years_gained``."""
    def arm(years: tuple[dict[str, Summary | None], ...]) -> list[dict[str, Any]]:
        return [{"year": y + 1, **{name: _stat(s, 4) for name, s in row.items()}} for y, row in enumerate(years)]

    return {
        "occupancy": {
            "states": [{"name": name, "rung": rung} for name, rung in occ.states],
            "programme": arm(occ.programme),
            "counterfactual": arm(occ.counterfactual),
        },
        "rung_years_gained": _stat(occ.rung_years_gained, 4),
    }


def to_dict(result: RunResult) -> dict[str, Any]:
    """The JSON document of DESIGN.md §4 as plain Python data, plus the documented
    extensions (``ledgers`` per strategy, ``subsidies`` per year, top-level ``comparisons``)."""
    settings = result.settings
    strategies = []
    effects = effect_summaries(result.scenario)
    valued = societal_valued(result.scenario)
    for st, effect in zip(result.strategies, effects):
        metrics = {m: _stat(st.metrics[m], _DIGITS.get(m, 2)) for m in METRIC_NAMES}
        nominal = st.nominal or ()
        yearly = [
            {
                "year": y.year,
                "investment": _stat(y.investment, 2),
                "savings": _stat(y.savings, 2),
                "net": _stat(y.net, 2),
                "cumulative_net": _stat(y.cumulative_net, 2),
                "subsidies": _stat(y.subsidies, 2),
                "lines": _lines(y.lines),
                # Only with a price year, like the variant keys: never a null to explain.
                **({"nominal": _nominal(nominal[i])} if i < len(nominal) else {}),
            }
            for i, y in enumerate(st.yearly)
        ]
        ledgers = {
            ledger: {item: _stat(st.ledgers[ledger][item], 2) for item in items} for ledger, items in LEDGERS.items()
        }
        det = settings.deterministic
        ledgers["fiscal"]["probability_net_positive"] = _chance(st.probability_net_positive, det)  # type: ignore[assignment]
        ledgers["societal"]["probability_net_positive"] = _chance(st.probability_societal_net_positive, det)  # type: ignore[assignment]
        ledgers["fiscal"]["decision"] = _decision(st.decision, det)
        ledgers["societal"]["decision"] = _decision(st.societal_decision, det)
        ledgers["fiscal"]["lines"] = _lines(st.fiscal_lines)
        if not valued:
            # No societal figure from defaults nobody chose (issue 14.4, docs/contracts.md).
            ledgers["societal"] = None  # type: ignore[assignment]
        strategies.append(
            {
                "name": st.name,
                "metrics": metrics,
                "probability_net_positive": _chance(st.probability_net_positive, det),
                "payback_months": {
                    "p50": st.payback.p50,
                    "probability_within_horizon": _chance(st.payback.probability_within_horizon, det),
                },
                "decision": _decision(st.decision, det),
                "effect": _effect_dict(effect),
                **({"by_variant": [_variant_dict(name, own, det) for name, own in st.by_variant]} if st.by_variant else {}),
                "yearly": yearly,
                "ledgers": ledgers,
                "stakeholders": _stakeholders(st, valued),
                # With states only (DESIGN.md §10): an on/off scenario's document is unchanged.
                **(_occupancy(st.occupancy) if st.occupancy is not None else {}),
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "roi-sim", "version": __version__},
        "scenario": {"name": result.scenario.name, "sha256": result.scenario.sha256},
        "settings": {
            "iterations": settings.iterations,
            "seed": settings.seed,
            "deterministic": settings.deterministic,
            "horizon_years": settings.horizon_years,
            "discount_rate": settings.discount_rate,
            **({"variants": _variant_settings(result)} if result.scenario.variants else {}),
            **({"draws": draws} if (draws := draws_used(result)) else {}),
            **({"prices": prices_settings(result)} if result.scenario.prices is not None else {}),
        },
        "strategies": strategies,
        "comparisons": None if (pairs := comparisons(result)) is None else {
            k: None if k == "societal" and not valued else _no_chances(comparison_to_dict(c)) if settings.deterministic else comparison_to_dict(c)
            for k, c in pairs.items()
        },
    }


def to_json(result: RunResult) -> str:
    """JSON text (stable key order, no timestamps: the same run gives the same bytes)."""
    return json_text(to_dict(result), indent=2, ensure_ascii=False) + "\n"


_ZERO = Summary(0.0, 0.0, 0.0, 0.0, 0.0)


def _any_subsidies(result: RunResult) -> bool:
    return any((st.ledgers["fiscal"]["subsidies"] or _ZERO).mean != 0 for st in result.strategies)


def _any_societal(result: RunResult) -> bool:
    """Show the societal ledger only when the scenario sets a valuation input
    (:data:`~roi_sim.scenario.vocabulary.VALUATION_KEYS`, issue 14.4); JSON
    ``ledgers.societal`` is null otherwise."""
    return societal_valued(result.scenario)
