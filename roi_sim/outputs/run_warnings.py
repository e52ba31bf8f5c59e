"""What a reader must see before quoting a run's figures, in both languages: effects far
above the Dutch evidence (DESIGN.md §9) and means whose Monte Carlo error is too large to quote."""

from __future__ import annotations

from roi_sim.model.effect_summary import effect_summaries
from roi_sim.model.simulate import RunResult
from roi_sim.outputs.effect_words import guardrail_sentences
from roi_sim.outputs.language import language

#: A mean is not quotable when its standard error is above this share of it.
RELATIVE_SE = 0.05

_PRECISION = {
    "en": "the Monte Carlo standard error of mean net savings of '{name}' is EUR {se}{share}; "
          "run more iterations (--iterations auto) before quoting it",
    "nl": "de Monte Carlo-standaardfout van de gemiddelde netto besparing van '{name}' is € {se}{share}; "
          "reken met meer iteraties (--iterations auto) voordat u het getal noemt",
}
_SHARE = {"en": " ({p} of the mean)", "nl": " ({p} van het gemiddelde)"}


def precision_sentences(result: RunResult, lang: str = "en") -> list[str]:
    """Strategies whose mean net savings are uncertain by more than 5% of the mean because of
    the simulation itself (its standard error)."""
    if result.settings.deterministic:
        return []
    words = language(lang)
    out = []
    for st in result.strategies:
        net = st.metrics["net_savings"]
        if net is None or net.se == 0:
            continue
        if abs(net.mean) == 0 or net.se > RELATIVE_SE * abs(net.mean):
            share = "" if net.mean == 0 else _SHARE[lang].format(p=words.decimal(100 * net.se / abs(net.mean), 0) + "%")
            se = f"{net.se:,.0f}" if lang == "en" else words.decimal(net.se, 0)
            out.append(_PRECISION[lang].format(name=st.name, se=se, share=share))
    return out


def run_warnings(result: RunResult, lang: str = "en") -> list[str]:
    """The guardrail first (it concerns the assumption), then the precision of the means."""
    return guardrail_sentences(effect_summaries(result.scenario), lang) + precision_sentences(result, lang)
