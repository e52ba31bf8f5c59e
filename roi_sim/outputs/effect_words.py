"""The effect guardrail (DESIGN.md §9) in words, in both languages: a strategy that assumes
a net effect above 0.10 at the end of its outflow window is far above the Dutch evidence."""

from __future__ import annotations

from roi_sim.model.effect_summary import GUARDRAIL_NET_EFFECT, EffectSummary
from roi_sim.outputs.language import language

#: The evidence the warning cites (facts.md §5 and §9), by language.
_WORDS = {
    "en": (
        "'{name}' assumes a net effect of {effect} percentage points on the share off benefit at the end of "
        "its outflow window ({programme} with the programme against {baseline} without); the Dutch evidence supports "
        "0 to 5 points for an average bijstand population and about 9 in the best controlled experiment "
        "(SZW beleidsdoorlichting 2008, SZW trials SEOR/Regioplan, CPB 2022): its result rests on that assumption"
    ),
    "nl": (
        "'{name}' gaat uit van een netto-effect van {effect} procentpunt op het aandeel uit de bijstand aan het eind "
        "van de uitstroomperiode ({programme} met het programma tegen {baseline} zonder); het Nederlandse onderzoek "
        "ondersteunt 0 tot 5 procentpunt voor een gemiddelde bijstandspopulatie en ongeveer 9 in het beste "
        "gecontroleerde experiment (SZW-beleidsdoorlichting 2008, SZW-experimenten SEOR/Regioplan, CPB 2022): "
        "de uitkomst staat of valt met die aanname"
    ),
}


#: With states (DESIGN.md §10) the shares are of a closed group making one move into work.
_MOVE_WORDS = {
    "en": ("on the share off benefit at the end of its outflow window", "on the share moving from {source} to {target} by the end of its window"),
    "nl": ("op het aandeel uit de bijstand aan het eind van de uitstroomperiode", "op het aandeel dat binnen de programmaperiode van {source} naar {target} gaat"),
}


def _percent(lang: str, share: float) -> str:
    return language(lang).decimal(100 * share, 0) + "%"


def guardrail_sentences(effects: tuple[EffectSummary, ...], lang: str = "en") -> list[str]:
    """One sentence per strategy whose implied net effect is above the guardrail."""
    out = []
    for e in effects:
        if e.above_evidence:
            points = language(lang).decimal(100 * e.implied_net_effect, 1)
            text = _WORDS[lang].format(name=e.strategy, effect=points, programme=_percent(lang, e.programme_share),
                                       baseline=_percent(lang, e.baseline_share))
            if e.move is not None:
                plain, moved = _MOVE_WORDS[lang]
                text = text.replace(plain, moved.format(source=e.move[0], target=e.move[1]))
            out.append(text)
    return out


__all__ = ["GUARDRAIL_NET_EFFECT", "guardrail_sentences"]
