"""``classes`` (DESIGN.md §9): hidden heterogeneity within a part, e.g. clients near the labour
market and far from it, each with its own baseline, effect and relapse. The part is the sum
of its classes; the engine splits the cohort over them by largest remainder."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from roi_sim.scenario.checks import model_key_places
from roi_sim.scenario.errors import error_at
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.schema import ModelKeys, ScenarioModel
from roi_sim.scenario.vocabulary import CLASS_FORBIDDEN_KEYS
from roi_sim.scenario.yaml_reader import YamlDocument

#: How far the shares' sum may be from 1 (decimal fractions such as 0.1 + 0.2 are not exact).
SHARE_TOLERANCE = 1e-9
_NOT_MODEL_KEYS = ("name", "share")


def class_keys(entry: ModelKeys) -> dict[str, Any]:
    """The model keys a class sets (its name and share apart)."""
    return {k: getattr(entry, k) for k in type(entry).model_fields if k not in _NOT_MODEL_KEYS and getattr(entry, k) is not None}


def check_classes(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """Each classes list: no forbidden key in a class, unique names, shares in (0, 1] that
    sum to 1."""
    for path, keys in model_key_places(model):
        classes = keys.classes
        if classes is None:
            continue
        seen: dict[str, int] = {}
        for i, entry in enumerate(classes):
            here = (*path, "classes", i)
            for key, why in CLASS_FORBIDDEN_KEYS.items():
                if getattr(entry, key) is not None:
                    raise error_at(doc, source, (*here, key), Msg("{key} cannot be set in a class: {why}", key=key, why=Msg(why)))
            name = unicodedata.normalize("NFC", entry.name).strip()
            if name in seen:
                raise error_at(doc, source, (*here, "name"), Msg("class name '{name}' is used twice (also classes[{seen}])", name=name, seen=seen[name] + 1))
            seen[name] = i
            if not 0 < entry.share <= 1:
                raise error_at(
                    doc, source, (*here, "share"),
                    Msg("share {share:g} is out of range: a class's share of the part's clients must be above 0 and at most 1", share=entry.share),
                )
        total = math.fsum(entry.share for entry in classes)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise error_at(
                doc, source, (*path, "classes"),
                Msg("the class shares add up to {total:.12g}, but they must add up to 1 (each class is that share of the part's clients)", total=total),
            )
