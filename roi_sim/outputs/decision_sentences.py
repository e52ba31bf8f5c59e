"""The sentences of `roi-sim breakeven` and `roi-sim voi` in the output language.

The analyses (:mod:`roi_sim.decisions.breakeven`, :mod:`roi_sim.decisions.voi`,
:mod:`roi_sim.decisions.pilot_evsi`) return their figures with an English ``sentence``,
which the JSON keeps. The tables say the same from the figures, with every word from
:mod:`roi_sim.outputs.language`: in English that is the analysis's sentence, byte for byte
(tests/test_decision_language.py holds the two together), in Dutch a civil servant's.

Numbers are written as the analyses write them (the same digits, so the English stays the
same) and get the Dutch decimal comma and thousands point in Dutch.

Two facts a break-even sentence states are not fields of :class:`BreakEven`: the other
places where the net savings change sign, and the end of the scanned range when they never
do. They are read back from the analysis's own sentence, whose form the analysis fixes.
"""

from __future__ import annotations

import math
import re
from typing import Any

from roi_sim.outputs.language import ENGLISH, Language, localised
from roi_sim.scenario.spec import RELAPSE_KEYS, ParamInfo
from roi_sim.scenario.vocabulary import parameter_info

#: The option "invest nothing" of the value-of-information analysis (its name in the JSON).
DO_NOTHING = "do nothing"


def euros(x: float, lang: Language, cents: bool = False) -> str:
    """``€7,200`` (``€ 7.200``); with ``cents``, ``€12.50``."""
    number = localised(f"{x:,.2f}" if cents else f"{x:,.0f}", lang)
    if lang.code == "nl":
        return "-€ " + number[1:] if number.startswith("-") else "€ " + number
    return "€" + number


def option_name(name: str, lang: Language) -> str:
    """A decision option in words: a strategy's own name, or "do nothing"."""
    return lang.t("do_nothing") if name == DO_NOTHING else name


# --------------------------------------------------------------------------- breakeven


def _info(parameter: str) -> ParamInfo:
    return parameter_info(parameter)


def significant(x: float, digits: int) -> str:
    """``x`` to ``digits`` significant digits as ``f"{x:.{digits}g}"`` writes it, but never in
    e-notation (issue 17.2): ``0.00001``, not ``1e-05``; ``10000``, not ``1e+04``."""
    import numpy as np

    return str(np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-"))


def _pct(x: float, lang: Language) -> str:
    p = 100 * x
    if 0 < abs(p) < 0.05:  # keep a tiny rate visible rather than "0.0%"
        return localised(significant(p, 2), lang) + "%"
    return localised(f"{p:.1f}".removesuffix(".0"), lang) + "%"


def shown_value(parameter: str, x: float, lang: Language = ENGLISH) -> str:
    """A parameter value the way a council reads it: percentages, euros, years, clients."""
    info = _info(parameter)
    if parameter == "net_effect" or parameter.endswith(":net_effect"):  # a difference of two shares: percentage points
        return lang.t("unit_points", x=localised(f"{100 * x:,.1f}", lang))
    if info.kind == "rate":
        return _pct(x, lang)
    if info.kind == "money":
        return euros(x, lang, cents=abs(x) < 100 and not float(x).is_integer())
    if info.kind == "years":
        return lang.t("unit_years", x=localised(f"{x:,.1f}" if x >= 0.1 or x == 0 else significant(x, 2), lang))
    if parameter == "cohort_size":
        return lang.t("unit_client" if x == 1 else "unit_clients", x=localised(f"{x:,.0f}", lang))
    number = localised(f"{x:,.1f}".removesuffix(".0"), lang)
    unit = {"caseload": "unit_caseload", "programme_months": "unit_months"}.get(parameter)
    return number if unit is None else lang.t(unit, x=number)


def _plain(x: float, lang: Language) -> str:
    """The exact figure in the parenthesis: four significant digits, whole numbers in full
    (never e-notation: a cost of €9,999.70 is 10000, not 1e+04)."""
    return localised(significant(x, 4) if abs(x) < 1e4 else f"{x:.0f}", lang)


def _chance(p: float, lang: Language) -> str:
    # A share that is not 0 or 1 must not round to "0%" or "100%": that reads as certainty.
    if 0 < p < 0.005:
        return lang.t("be_below_1")
    if 0.995 < p < 1:
        return lang.t("be_above_99")
    return f"{100 * p:.0f}%"


def pays_when(side: str | None, lang: Language = ENGLISH) -> str:
    """On which side of the break-even the strategy pays: "above" / "hoger"."""
    return "–" if side is None else lang.t("side_" + side)


def _words(parameter: str, ledger: str, lang: Language) -> dict[str, str]:
    society = "_society" if ledger == "societal" else ""
    return {"parameter": parameter, "label": lang.param(parameter),
            "pays": lang.t("be_pays" + society), "not_pays": lang.t("be_not_pays" + society)}


def _condition(parameter: str, value: float, side: str, lang: Language) -> str:
    bound = lang.t("be_at_least" if side == "above" else "be_at_most")
    shown = shown_value(parameter, value, lang)
    if parameter == "outflow_rate":
        return lang.t("be_outflow", bound=bound, shown=shown)
    if parameter == "net_effect":
        return lang.t("be_net_effect", bound=bound, shown=shown)
    if parameter == "cohort_size":
        return lang.t("be_cohort_one" if value == 1 else "be_cohort", bound=bound, shown=shown)
    return lang.t("be_condition", parameter=parameter, label=lang.param(parameter), bound=bound, shown=shown)


def breakeven_sentence(r: Any, ledger: str, scenario: Any, lang: Language = ENGLISH) -> str:
    """What one :class:`roi_sim.decisions.breakeven.BreakEven` says, in ``lang``."""
    words = _words(r.parameter, ledger, lang)
    if r.value is None and math.isnan(r.current_mean):
        return _unused_sentence(r, scenario, words, lang)
    if r.value is None:
        top = r.scanned_high
        if top is None:  # pragma: no cover - every analysis without a crossing sets it
            return str(r.sentence)
        span = {"low": shown_value(r.parameter, _info(r.parameter).low, lang), "high": shown_value(r.parameter, top, lang)}
        return lang.t("be_every" if r.pays_throughout else "be_none", **words, **span)
    sign = "≥" if r.pays_when == "above" else "≤"
    text = lang.t("be_if", **{**words, "condition": _condition(r.parameter, r.value, r.pays_when, lang), "sign": sign,
                              "value": _plain(r.value, lang)})
    others = r.other_crossings
    if others:
        text += lang.t("be_also", values=lang.t("be_join").join(_plain(v, lang) for v in others))
    if r.probability_paying_side is None:
        text += lang.t("be_assumes", shown=shown_value(r.parameter, r.current_mean, lang))
    else:
        text += lang.t("be_chance", p=_chance(r.probability_paying_side, lang))
    return text


def _unused_sentence(r: Any, scenario: Any, words: dict[str, str], lang: Language) -> str:
    spec = next((s for s in scenario.strategies if s.name == r.strategy), None)
    if spec is not None and spec.parts[0].ladder is not None:
        # A ladder rate the strategy's programme lacks, or a key the states replace.
        return lang.t("be_unused" if r.parameter.startswith(("transition:", "programme:")) else "be_unused_states", **words)
    if spec is not None and any(r.parameter in keys for keys in RELAPSE_KEYS.values()):
        model = spec.parts[0].relapse_model
        return lang.t("be_unused_relapse", **words, model=model, model_words=lang.param(model))
    return lang.t("be_unused", **words)


# --------------------------------------------------------------------------- value of information


def evpi_sentence(evpi: Any, lang: Language = ENGLISH) -> str:
    return lang.t("evpi_sentence", x=lang.euro(evpi.evpi))


def evppi_method(method: str, lang: Language = ENGLISH) -> str:
    """How an EVPPI was estimated, in words (the analysis's own text when not recognised)."""
    if method == "parameter is fixed":
        return lang.t("method_fixed")
    if found := re.fullmatch(r"means within (\d+) equal-count bins", method):
        return lang.t("method_bins", n=found.group(1))
    if found := re.fullmatch(r"polynomial regression \(degree (\d+)\)", method):
        return lang.t("method_polynomial", n=found.group(1))
    return method


def pilot_sentence(pilot: Any, pilot_cost: float | None, lang: Language = ENGLISH) -> str:
    """What a pilot is worth: a controlled pilot (programme and control arms, what
    `roi-sim voi --pilot` values) or a pilot that only measures a rate."""
    controlled = hasattr(pilot, "per_arm")
    if controlled:
        text = lang.t("pilot_controlled", n=lang.number(int(pilot.per_arm)), x=lang.euro(pilot.evsi))
    elif lang.code == "en":
        # The analysis names the rate in its own words ("the outflow rate"): its sentence.
        return str(pilot.sentence)
    else:
        key = "pilot_rate_one" if pilot.pilot_clients == 1 else "pilot_rate"
        text = lang.t(key, n=int(pilot.pilot_clients), what=lang.param(pilot.parameter), x=lang.euro(pilot.evsi))
    if pilot_cost is not None:
        verdict = lang.t("pilot_worth" if pilot.evsi > pilot_cost else "pilot_not_worth")
        text += lang.t("pilot_costs", cost=lang.euro(pilot_cost), verdict=verdict)
    return text + lang.t("pilot_end_controlled" if controlled else "pilot_end")
