"""Rival beliefs (DESIGN.md §8): ``variants: [{name, weight?, <model keys>}]``.

A variant is a belief about the world (which counterfactual, which relapse, which effect
study), never a choice: it is not ranked, not compared and not valued as a decision. Each
variant is the scenario with the variant's keys set at the top level; a key may be set by
variants or by strategies, not both (the error names both lines).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from roi_sim.scenario.errors import KeyPath, ScenarioError, error_at, format_path
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.vocabulary import ALTERNATIVES
from roi_sim.scenario.yaml_reader import YamlDocument

if TYPE_CHECKING:
    from roi_sim.scenario.spec import Scenario


@dataclass(frozen=True)
class Variant:
    """One belief: its name, its weight (probability, normalised to sum to 1) and the
    scenario as that belief has it (without variants)."""

    name: str
    weight: float
    scenario: Scenario
    #: False when the scenario gave no weights (equal weights, said in the output).
    weight_given: bool = True


# --------------------------------------------------------------------------- resolution

_NOT_MODEL_KEYS = ("name", "weight")
_ALTERNATIVE: dict[str, tuple[str]] = {a: (b,) for a, b in ALTERNATIVES} | {b: (a,) for a, b in ALTERNATIVES}


def variant_documents(doc: YamlDocument, source: str) -> list[tuple[str, float | None, YamlDocument, dict[str, str]]]:
    """Each variant as a document of its own: the file without ``variants``, the variant's
    keys set at the top level (positions pointing at the variant's lines), and the key paths
    to name in messages. Refuses a key set by a variant and by a strategy or group."""
    data = doc.data
    variants = data["variants"]
    _check_names(doc, source, variants)
    _check_not_also_chosen(doc, source, data)
    weights = [v.get("weight") for v in variants]
    if any(w is None for w in weights) and any(w is not None for w in weights):
        missing = next(i for i, w in enumerate(weights) if w is None)
        raise error_at(doc, source, ("variants", missing), Msg("give every variant a weight, or none (equal weights)"))
    if all(w is not None for w in weights) and not math.isfinite(sum(float(w) for w in weights)):
        largest = max(range(len(weights)), key=lambda i: float(weights[i]))
        raise error_at(
            doc, source, ("variants", largest, "weight"),
            Msg("the weights add up to more than can be computed with; weights are relative (1 and 3 mean 25% and 75%), so use smaller numbers"),
        )
    out = []
    for i, entry in enumerate(variants):
        keys = {k: v for k, v in entry.items() if k not in _NOT_MODEL_KEYS}
        positions = {p: pos for p, pos in doc.positions.items() if not (p and p[0] == "variants")}
        renames: dict[str, str] = {}
        for path, pos in doc.positions.items():
            if len(path) >= 3 and path[0] == "variants" and path[1] == i and path[2] in keys:
                positions[tuple(path[2:])] = pos
                renames[format_path(tuple(path[2:]))] = format_path(path)
        own = {k: v for k, v in data.items() if k != "variants"}
        for a, b in ALTERNATIVES:
            # The variant's net_effect replaces the top level's outflow_rate (and so on), as a
            # strategy's would; a variant with both is refused at its own lines.
            if (a in keys) != (b in keys):
                own.pop(b if a in keys else a, None)
        own |= keys
        out.append((entry["name"], entry.get("weight"), YamlDocument(own, positions), renames))
    return out


def _check_names(doc: YamlDocument, source: str, variants: list[dict[str, Any]]) -> None:
    seen: dict[str, int] = {}
    for i, entry in enumerate(variants):
        name = unicodedata.normalize("NFC", str(entry["name"])).strip()
        if name in seen:
            raise error_at(doc, source, ("variants", i, "name"), Msg("variant name '{name}' is used twice (also variants[{seen}])", name=name, seen=seen[name] + 1))
        seen[name] = i


def _check_not_also_chosen(doc: YamlDocument, source: str, data: dict[str, Any]) -> None:
    """A key belongs to the beliefs (variants) or to the choices (strategies, groups)."""
    others: list[tuple[KeyPath, dict[str, Any]]] = [(("strategies", j), s) for j, s in enumerate(data.get("strategies") or [])]
    others += [(("groups", g), m) for g, m in (data.get("groups") or {}).items() if isinstance(m, dict)]
    for i, entry in enumerate(data["variants"]):
        for key in entry:
            if key in _NOT_MODEL_KEYS:
                continue
            for path, other in others:
                # An alternative (net_effect for outflow_rate) is the same belief written otherwise.
                same = [k for k in (key, *_ALTERNATIVE.get(key, ())) if isinstance(other, dict) and k in other]
                if same:
                    line, _ = doc.locate((*path, same[0]))
                    vline, vcol = doc.locate(("variants", i, key))
                    by = "" if same[0] == key else f"{same[0]} "  # a key name: the same in every language
                    raise ScenarioError(
                        source,
                        Msg("'{key}' is set by variant '{entry}' (line {vline}) and {by}by {path} (line {line}): a key is a belief (variants) or a choice (strategies, groups), not both", key=key, entry=entry['name'], vline=vline, by=by, path=format_path(path), line=line),
                        line=vline, column=vcol, key=format_path(("variants", i, key)),
                    )


def with_variant_paths(error: ScenarioError, renames: dict[str, str]) -> ScenarioError:
    """An error found while resolving a variant, naming the variant's own key path."""
    if error.key is None:
        return error
    for short, full in renames.items():
        if error.key == short or error.key.startswith((short + ".", short + "[")):
            return ScenarioError(error.source, error.message, line=error.line, column=error.column, key=full + error.key[len(short):])
    return error
