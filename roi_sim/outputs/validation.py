"""`roi-sim validate`: that the scenario is valid, what it holds, and every value as read (so
a misread number shows), with words from :mod:`roi_sim.outputs.language`. The value lines
are a technical readout: in either language they keep the scenario's keys and the notation of
:func:`roi_sim.scenario.spec.describe_values`; only their headers are translated."""

from __future__ import annotations

import re
from typing import Any

from roi_sim.outputs.language import ENGLISH, Language, localised


def validation_text(path: str, loaded: Any, lang: Language = ENGLISH) -> str:
    """The text `roi-sim validate` prints for the valid scenario ``loaded`` read from ``path``."""
    n = len(loaded.strategies)
    names = ", ".join(f"'{s.name}'" for s in loaded.strategies) or lang.t("valid_no_strategies")
    head = lang.t(
        "valid", path=path, name=loaded.name, n=n, strategies=lang.t("strategy_word" if n == 1 else "strategies_word"), names=names,
        h=loaded.horizon_years, iterations=localised(f"{loaded.iterations:,}", lang), seed=loaded.seed,
    )
    return head + "\n" + _values_read(loaded, lang)


def _values_read(loaded: Any, lang: Language) -> str:
    """The values as read; with variants, each belief's own."""
    if not loaded.variants:
        return lang.t("values_read") + "\n" + _lines(loaded, lang)
    out = ""
    total = sum(v.weight for v in loaded.variants)
    for v in loaded.variants:
        out += lang.t("values_read_variant", name=v.name, w=f"{v.weight / total:.0%}") + "\n" + _lines(v.scenario, lang)
    return out


#: The headers describe_values writes above a strategy's and a group's own values.
_HEADER = re.compile(r"^(\s*)(strategy|group) '(.*)':$")


def _lines(scenario: Any, lang: Language) -> str:
    from roi_sim.scenario.spec import describe_values

    out = ""
    for line in describe_values(scenario):
        header = _HEADER.match(line)
        if header:
            line = header.group(1) + lang.t("values_" + header.group(2), name=header.group(3))
        out += f"  {line}\n"
    return out
