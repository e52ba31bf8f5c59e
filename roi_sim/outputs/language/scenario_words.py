"""Scenario keys and values in words, for the tables a policy officer reads (issue 17.8).

A key path such as ``("strategies", 1, "cost_per_client")`` becomes "trajectkosten per
cliënt (strategie Korf's mix)"; a value is formatted as what it is: an amount in euros
("€ 5.000"), a share as a percentage ("2,25%"), a distribution with its parameters in words
("bètaverdeling: gemiddeld 30%, standaardafwijking 5 procentpunt"). The keys as written stay
for the report's technical annex only.

What kind of number a key holds comes from the scenario vocabulary (``PARAMETERS`` and the
discount rate) where the key is a model parameter, and from :data:`KINDS` for the rest.
"""

from __future__ import annotations

import math
from typing import Any

from roi_sim.outputs.language.lookup import DIST_LABELS, PARAM_LABELS, Language

KeyPath = tuple[str | int, ...]

#: The kind of number of keys outside ``PARAMETERS``: "rate" (a fraction shown as a
#: percentage), "money" (euros), "plain" (a year or seed: digits without grouping), or
#: "number" (a count or a duration, grouped as the language groups thousands).
KINDS: dict[str, str] = {
    "discount_rate": "rate", "seed": "plain", "price_year": "plain", "start_year": "plain",
    "net_effect": "rate", "rate": "rate", "share": "rate", "benefit_retention": "rate", "displacement": "rate",
    "rank_correlation": "number", "benefits": "rate", "wages": "rate", "costs": "rate", "hours": "rate",
    "employer_costs": "rate", "execution_cost_per_client_year": "money", "placement_cost_per_year": "money",
    "non_market_time_value_per_year": "money", "budget": "money",
}  # fmt: skip

#: Lists whose items have names, and the word for one item.
_ITEM_WORDS = {"strategies": "strategy_word", "groups": "group_word", "variants": "variant_word", "classes": "class_word"}


def key_kind(name: str) -> str:
    """The kind of number the key ``name`` holds (see :data:`KINDS`)."""
    from roi_sim.scenario.vocabulary import PARAMETERS

    if name in PARAMETERS:
        kind = PARAMETERS[name].kind
        return "money" if kind == "money" else "rate" if kind == "rate" else "number"
    return KINDS.get(name, "number")


def key_label(path: KeyPath, data: Any, lang: Language) -> str:
    """The key at ``path`` (0-based list indices) of the scenario ``data`` in words, with
    where it sits in brackets: the strategy, group, belief or class by its name, a row of a
    list without names by its number (counted from 1)."""
    where: list[str] = []
    node = data
    names = [p for p in path if isinstance(p, str)]
    leaf = names[-1] if names else ""
    for i, part in enumerate(path[:-1]):
        child = _child(node, part)
        following = path[i + 1]
        if isinstance(part, str) and isinstance(following, int):
            where.append(_item_words(part, following, _child(child, following), path[i + 2 :], lang))
        elif isinstance(part, str) and i > 0 and path[i - 1] == "groups":
            where.append(f"{lang.t('group_word')} {part}")  # groups: a mapping by name
        elif isinstance(part, str) and part != "groups" and isinstance(child, dict):
            where.append(lang.param(part))  # e.g. indexation.benefits
        node = child
    label = lang.param(leaf) if leaf else ""
    place = ", ".join(w for w in where if w)
    if not place:
        return label
    # "loonwaarde (deel van het minimumloon; doelgroep 0-20%)": one pair of brackets.
    return f"{label[:-1]}; {place})" if label.endswith(")") else f"{label} ({place})"


def _item_words(kind: str, index: int, item: Any, rest: KeyPath, lang: Language) -> str:
    """One list item in words: by its name where it has one (its own name row by number,
    which the value then gives), a correlation by its two parameters, else by row number."""
    if kind in _ITEM_WORDS:
        name = item.get("name") if isinstance(item, dict) else None
        if name and rest != ("name",):
            return f"{lang.t(_ITEM_WORDS[kind])} {name}"
        return f"{lang.t(_ITEM_WORDS[kind])} {index + 1}"
    if kind == "correlations" and isinstance(item, dict) and len(item.get("between") or []) == 2:
        a, b = item["between"]
        return lang.t("correlation_between", a=lang.param(str(a)), b=lang.param(str(b)))
    return lang.t("row_of", what=lang.param(kind), n=index + 1)


def _child(node: Any, part: str | int) -> Any:
    try:
        return node[part]
    except (KeyError, IndexError, TypeError):
        return None


def number_words(x: float, kind: str, lang: Language) -> str:
    """A number of the given kind in the language's format: euros, a percentage, digits."""
    if not math.isfinite(x):
        return lang.decimal(x)
    if kind == "money":
        return lang.euro(x) if float(x).is_integer() else lang.euro_cents(x)
    if kind == "rate":
        # round(..., 10): 0.0117 * 100 is 1.1700000000000002, shown as 1,17%.
        return lang.number(round(x * 100, 10)) + "%"
    if kind == "plain" and float(x).is_integer():
        return str(int(x))
    return lang.number(x)


def value_words(value: Any, name: str, lang: Language) -> str:
    """The value of the key ``name`` as written in the scenario (a number, a word, a boolean,
    or a distribution as a mapping), in words and numbers of the language."""
    kind = key_kind(name)
    if isinstance(value, bool):
        return lang.t("yes" if value else "no")
    if isinstance(value, (int, float)):
        return number_words(float(value), kind, lang)
    if isinstance(value, dict) and "dist" in value:
        return dist_words(value, kind, lang)
    if isinstance(value, dict) and isinstance(value.get("prior"), str):
        return prior_words(value["prior"], kind, lang)
    text = str(value)
    return PARAM_LABELS[lang.code].get(text, text)


#: The named priors of net_effect (roi_sim/scenario/priors.py) in words.
PRIOR_WORDS: dict[str, dict[str, str]] = {
    "en": {"bijstand_average": "the Dutch evidence for an average bijstand population",
           "long_term_clients": "the Dutch evidence for long-term clients",
           "best_controlled": "the best Dutch controlled result",
           "mixed_evidence": "a programme without evidence of its own"},
    "nl": {"bijstand_average": "het Nederlandse onderzoek voor een gemiddelde bijstandspopulatie",
           "long_term_clients": "het Nederlandse onderzoek voor langdurig uitkeringsgerechtigden",
           "best_controlled": "het beste Nederlandse gecontroleerde resultaat",
           "mixed_evidence": "een programma zonder eigen bewijs"},
}


def prior_words(name: str, kind: str, lang: Language) -> str:
    """A named prior: what it stands for, then its distribution in words."""
    from roi_sim.scenario.priors import PRIORS

    if name not in PRIORS:
        return name
    said = PRIOR_WORDS[lang.code].get(name, name)
    return f"{said} ({dist_words(PRIORS[name].distribution.model_dump(by_alias=True, exclude_none=True), kind, lang)})"


def dist_words(value: dict[str, Any], kind: str, lang: Language) -> str:
    """A distribution (the mapping as written) in words: its name, then each parameter; a
    spread (sd) of a share in percentage points. A mapping the loader would refuse is shown
    as written rather than failing the report."""
    from pydantic import TypeAdapter

    from roi_sim.scenario.distributions import Distribution

    words = DIST_LABELS[lang.code]
    try:
        dist: Any = TypeAdapter(Distribution).validate_python(value)
    except Exception:  # noqa: BLE001 - show the mapping rather than fail the report
        return str(value)
    fields = {k: v for k, v in dist.model_dump(by_alias=True, exclude_none=True).items() if k != "dist"}
    if dist.dist == "fixed":
        return number_words(float(fields["value"]), kind, lang)
    title = words.get(dist.dist, dist.dist)
    if "successes" in fields:
        return f"{title}: " + words["from_counts"].format(successes=lang.decimal(fields["successes"], 0), trials=lang.decimal(fields["trials"], 0))
    parts = []
    for field, x in fields.items():
        label = words.get("beta_" if field == "beta" else field, field)
        if field == "sd" and kind == "rate":
            shown = lang.t("percentage_points", x=lang.number(round(x * 100, 10)))
        elif field in ("alpha", "beta"):
            shown = lang.number(x)  # shape parameters: plain numbers whatever the key
        else:
            shown = number_words(float(x), kind, lang)
        parts.append(f"{label} {shown}")
    return f"{title}: " + ", ".join(parts)
