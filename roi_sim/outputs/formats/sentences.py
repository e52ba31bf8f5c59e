"""A run in a council member's words: the headline per strategy, what it was corrected for,
the notes under the tables, the best strategy, and the settings line. Every word comes from
:mod:`roi_sim.outputs.language`."""

from __future__ import annotations

import math
from typing import Any

from roi_sim import __version__
from roi_sim.model.metrics import StrategySummary, Summary
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.formats.document import _any_societal, comparisons
from roi_sim.outputs.language import ENGLISH, Language


def euro(x: float | None, lang: Language = ENGLISH) -> str:
    """``€1,234,568`` (whole euros), ``-€54,000`` for negatives, ``–`` for no value."""
    return lang.euro(x)


def ratio(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.decimal(x, 2)


def percent(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.percent(x)


def clients(x: float | None, lang: Language = ENGLISH) -> str:
    return lang.decimal(x, 0)


def _fmt_metric(name: str, x: float | None, lang: Language) -> str:
    if name == "benefit_cost_ratio":
        return ratio(x, lang)
    if name == "roi":
        return percent(x, lang)
    if name == "extra_clients_off_benefit":
        return clients(x, lang)
    return lang.euro(x)


def _interval(name: str, s: Summary | None, lang: Language) -> str:
    if s is None or s.p5 == s.p95:
        return ""
    return lang.t("interval", a=_fmt_metric(name, s.p5, lang), b=_fmt_metric(name, s.p95, lang))


def _part_mean(spec: Any, key: str) -> float | None:
    """The mean of ``key`` over a strategy's parts when they agree, else the largest."""
    means = [part.params[key].mean() for part in spec.parts if key in part.params]
    return max(means) if means else None


def has_counterfactual(spec: Any) -> bool:
    """Whether any part of the strategy has clients who would leave benefit without the
    programme: a constant baseline above 0, or a duration band (DESIGN.md §9) above 0, in the
    part or in one of its classes."""
    ladder = getattr(spec.parts[0], "ladder", None)
    if ladder is not None:  # DESIGN.md §10: the counterfactual arm moves at the transitions' rates
        return bool(ladder.transitions)
    parts = [cls.part for part in spec.parts for cls in getattr(part, "classes", ())] or list(spec.parts)
    for part in [*spec.parts, *parts]:
        bands = getattr(part, "baseline_by_duration", None)
        if bands and any(rate > 0 for _, rate in bands):
            return True
        dist = part.params.get("baseline_outflow_rate")
        if dist is not None and dist.mean() > 0:
            return True
    return False


def caveats(spec: Any, lang: Language = ENGLISH) -> list[str]:
    """What the strategy's figures were and were not corrected for, from what its scenario
    contains: the counterfactual (baseline outflow), relapse and wage-cost subsidies."""
    ladder = getattr(spec.parts[0], "ladder", None)
    if ladder is not None:
        return _ladder_caveats(ladder, spec, lang)
    out = []
    if not has_counterfactual(spec):
        out.append(lang.t("no_counterfactual"))
    models = {part.relapse_model for part in spec.parts}
    if models == {"levelling"}:
        out.append(lang.t("relapse_levelling", a=lang.percent(_part_mean(spec, "relapse_within_12_months")), b=lang.percent(_part_mean(spec, "relapse_ever"))))
    elif models == {"fixed"}:
        out.append(lang.t("relapse_fixed", y=lang.decimal(_part_mean(spec, "time_out_of_benefits_years"), 1)))
    elif models == {"exponential"}:
        out.append(lang.t("relapse_exponential", y=lang.decimal(_part_mean(spec, "time_out_of_benefits_years"), 1)))
    subsidised = (_part_mean(spec, "subsidised_share") or 0) > 0
    out.append(lang.t("subsidies_deducted" if subsidised else "no_subsidies"))
    if subsidised and any(getattr(part, "lks_refund", False) for part in spec.parts):
        out.append(lang.t("blks_refunded"))
    return out


def _ladder_caveats(ladder: Any, spec: Any, lang: Language) -> list[str]:
    """With states (DESIGN.md §10): the counterfactual is the same clients moving at the rates
    without the programme; relapse is a move back to a state with more benefit; LKS where a
    state is subsidised."""
    def paid(s: Any) -> float:
        return s.benefit if s.payer == "municipality" else 0.0

    out = [lang.t("ladder_counterfactual", k=len(ladder.states))]
    back = any(paid(ladder.states[j]) > paid(ladder.states[i]) for i, j, _ in ladder.transitions)
    out.append(lang.t("ladder_relapse" if back else "ladder_no_relapse"))
    subsidised = any(s.subsidised > 0 for s in ladder.states)
    out.append(lang.t("subsidies_deducted" if subsidised else "no_subsidies"))
    if subsidised and any(getattr(part, "lks_refund", False) for part in spec.parts):
        out.append(lang.t("blks_refunded"))
    return out


def payback_month_words(month: int, start_year: int | None, lang: Language) -> str:
    """``month`` (1 = the first month of the first intake) as itself, and, when the scenario
    gives its first begrotingsjaar, as a calendar month: "22 (October 2012)"."""
    if start_year is None:
        return str(month)
    import datetime as dt

    from babel.dates import format_date

    year, index = start_year + (month - 1) // 12, (month - 1) % 12 + 1
    locale = "en_GB" if lang.code == "en" else "nl_NL"
    return f"{month} ({format_date(dt.date(year, index, 1), format='MMMM y', locale=locale)})"


def _fewer_off_benefit(st: StrategySummary) -> bool:
    """Whether the benefits saved are themselves below what would have been saved anyway
    (the programme keeps clients on benefit), the other reason a ratio is below zero."""
    gross, anyway = st.metrics.get("gross_savings"), st.metrics.get("counterfactual_savings")
    return gross is not None and anyway is not None and gross.mean is not None and anyway.mean is not None and gross.mean < anyway.mean


def headline(
    st: StrategySummary, horizon_years: int, deterministic: bool, lang: Language = ENGLISH, spec: Any = None,
    start_year: int | None = None,
) -> str:
    """The strategy's result in a council member's words. With the strategy's ``spec``
    the sentences say only what the scenario supports (a return "beyond what would have
    happened anyway" only when a counterfactual was modelled) and what was left out."""
    bcr = st.metrics["benefit_cost_ratio"]
    net = st.metrics["net_savings"]
    counterfactual = spec is None or has_counterfactual(spec)
    parts = []
    if bcr is None:
        parts.append(lang.t("no_investment"))
    else:
        line = lang.t("returns" if counterfactual else "returns_gross", x=lang.euro_cents(bcr.mean))
        if not deterministic and bcr.p5 != bcr.p95:
            line += lang.t("returns_interval", a=lang.euro_cents(bcr.p5), b=lang.euro_cents(bcr.p95))
        parts.append(line + ".")
        if bcr.mean < 0:
            parts.append(lang.t("negative_ratio_fewer" if _fewer_off_benefit(st) else "negative_ratio"))
    if net is not None:
        shown = abs(net.mean) if deterministic else mc_round(abs(net.mean), net.se)
        parts.append(lang.t("gains" if net.mean >= 0 else "loses", h=horizon_years, x=lang.euro(shown)))
    if deterministic:
        parts.append(lang.t("earns_back" if st.probability_net_positive > 0 else "not_earns_back"))
    else:
        parts.append(lang.t("chance_back", p=lang.percent(st.probability_net_positive), h=horizon_years))
    if st.payback.p50 is not None:
        parts.append(lang.t("break_even" if deterministic else "break_even_median", m=payback_month_words(st.payback.p50, start_year, lang)))
    if spec is not None:
        parts += caveats(spec, lang)
    return " ".join(parts)


def mc_round(x: float, se: float | None) -> float:
    """``x`` rounded to what a Monte Carlo standard error ``se`` supports: to the power of
    ten at or below the error (SE €49,299 -> tens of thousands). Exact euros stay in the
    JSON, the tables and the workbook."""
    if se is None or not math.isfinite(se) or se <= 0:
        return x
    step = 10 ** math.floor(math.log10(se))
    return round(x / step) * step


def uncertainty_note(result: RunResult, lang: Language = ENGLISH) -> str:
    """Which chance is which (DESIGN.md §7): the decision apart from the budget risk."""
    return lang.t("deterministic_note" if result.settings.deterministic else "uncertainty_note")


def variants_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The rival beliefs the figures average over, with their weights (DESIGN.md §8)."""
    variants = result.scenario.variants
    if not variants:
        return None
    total = sum(v.weight for v in variants)
    listed = "; ".join(f"{v.name} ({lang.percent(v.weight / total)})" for v in variants)
    key = "variants_note" if variants[0].weight_given else "variants_note_equal"
    return lang.t(key, n=len(variants), listed=listed)


def rounding_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The sentence saying headline amounts are rounded (None for a deterministic run)."""
    if result.settings.deterministic:
        return None
    ses = [st.metrics["net_savings"].se for st in result.strategies if st.metrics["net_savings"] is not None]
    return lang.t("rounded_note", se=lang.euro(max(ses))) if ses else None


def discount_note(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """The sentence saying amounts are discounted (None when they are not)."""
    rate = result.settings.discount_rate
    if isinstance(rate, (int, float)) and rate == 0:
        return None
    text = lang.number(100 * rate) + "%" if isinstance(rate, (int, float)) else lang.t("uncertain")
    return lang.t("discounted_note", r=text)


def present_value_label(result: RunResult, lang: Language = ENGLISH) -> str | None:
    """"present values at 2.25%" / "contante waarden bij 2,25%" for a title above discounted
    amounts (issue 17.2); None when nothing is discounted (a discount rate of 0)."""
    return present_value_at(result.settings.discount_rate, lang)


def present_value_at(rate: Any, lang: Language = ENGLISH) -> str | None:
    """The label for a discount ``rate`` (a number, a run's settings entry or the scenario's
    distribution); None for a rate of 0."""
    from roi_sim.scenario.distributions import Fixed

    if isinstance(rate, Fixed):
        rate = float(rate.value)
    if isinstance(rate, (int, float)) and rate == 0:
        return None
    text = lang.number(100 * rate) + "%" if isinstance(rate, (int, float)) else lang.t("uncertain")
    return lang.t("present_values_at", r=text)


def with_present_value(title: str, result: RunResult, lang: Language = ENGLISH) -> str:
    """``title`` with the present-value label after it, where amounts are discounted."""
    label = present_value_label(result, lang)
    return title if label is None else f"{title} — {label}"


def start_year_of(result: RunResult) -> int | None:
    """The scenario's first begrotingsjaar (its ``start_year``, or ``price_year``), if it gives one."""
    prices = getattr(result.scenario, "prices", None)
    return None if prices is None else prices.start_year


def spec_of(result: RunResult, name: str) -> Any:
    """The scenario's strategy called ``name`` (None when absent, and with variants, whose
    beliefs differ in what a sentence about the strategy would describe)."""
    if result.scenario.variants:
        return None
    return next((s for s in result.scenario.strategies if s.name == name), None)


def _rounded(s: Summary | None, result: RunResult) -> float | None:
    if s is None:
        return None
    return s.mean if result.settings.deterministic else mc_round(s.mean, s.se)


def best_sentence(result: RunResult, lang: Language = ENGLISH) -> str:
    """Which strategy is best for the municipality and which for society: by E[net | θ], the
    decision figure (DESIGN.md §7), and how sure that is over the parameter draws."""

    def mean(s: Summary | None) -> float:
        return -math.inf if s is None else s.mean

    def decided(st: StrategySummary, ledger: str) -> float:
        d = st.decision if ledger == "fiscal" else st.societal_decision
        if d is not None:
            return d.expected_net.mean
        return mean(st.metrics["net_savings"] if ledger == "fiscal" else st.ledgers["societal"]["net"])

    fiscal = max(result.strategies, key=lambda st: decided(st, "fiscal"))
    societal = max(result.strategies, key=lambda st: decided(st, "societal"))
    text = lang.t(
        "best",
        a=fiscal.name, x=lang.euro(_rounded(fiscal.metrics["net_savings"], result)),
        b=societal.name, y=lang.euro(_rounded(societal.ledgers["societal"]["net"], result)),
    )
    if not _any_societal(result):
        # The scenario says nothing about the value of the work: leave society out.
        text = text.split(". ")[0] + "."
    pairs = comparisons(result)
    if pairs is not None and not result.settings.deterministic:
        # How sure: the least share of parameter draws under which the best is expected to
        # beat one of the others (the decision, not this cohort's luck).
        shares = [
            p.decision_probability_a_beats_b if p.a == fiscal.name else 1 - p.decision_probability_a_beats_b
            for p in pairs["fiscal"].pairs if fiscal.name in (p.a, p.b) and p.decision_probability_a_beats_b is not None
        ]
        if shares:
            sure = min(shares)
            text += " " + lang.t("best_sure" if sure >= 0.9 else "best_unsure", p=lang.percent(sure), a=fiscal.name)
    return text


def euro_cents(x: float) -> str:
    return ENGLISH.euro_cents(x)


def _plain_percent(rate: float) -> str:
    """100 × rate to six significant digits, never in e-notation (1e-07 is 0.00001%)."""
    import numpy as np

    return np.format_float_positional(100 * rate, precision=6, unique=True, fractional=False, trim="-") + "%"


def _settings_line(result: RunResult, lang: Language = ENGLISH) -> str:
    s = result.settings
    rate = s.discount_rate
    rate_text = lang.percent(rate) if isinstance(rate, float) and (100 * rate).is_integer() else (
        _plain_percent(rate).replace(".", "," if lang.code == "nl" else ".") if isinstance(rate, float) else lang.t("uncertain")
    )
    mode = lang.t("settings_det") if s.deterministic else lang.t("settings_mc", n=lang.decimal(s.iterations, 0), seed=s.seed)
    return f"{mode} · " + lang.t("settings_rest", h=s.horizon_years, r=rate_text, version=__version__, sha=result.scenario.sha256)
