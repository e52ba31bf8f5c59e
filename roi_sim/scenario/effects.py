"""Checks and resolution of the net-effect keys (DESIGN.md §9): ``net_effect`` beside
``outflow_rate``, ``effect_profile``, ``baseline_outflow_by_duration`` and
``years_on_benefit_at_intake``.

Every check raises a one-line :class:`ScenarioError` at the key it is about. Alternatives
(``outflow_rate``/``net_effect``, ``baseline_outflow_rate``/``baseline_outflow_by_duration``)
follow one rule: a more specific level that sets one replaces the other inherited from a
less specific level, and one level may not set both.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from roi_sim.scenario.checks import model_key_places
from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import KeyPath, ScenarioError, error_at
from roi_sim.scenario.message_text import Msg, did_you_mean, template
from roi_sim.scenario.profiles import (
    NAMED_PROFILES,
    PROFILE_NAMES,
    Bands,
    Profile,
    baseline_hazards,
    baseline_share,
    named_profile,
)
from roi_sim.scenario.schema import ModelKeys, ScenarioModel
from roi_sim.scenario.vocabulary import ALTERNATIVES
from roi_sim.scenario.yaml_reader import YamlDocument

_WHY = {
    "outflow_rate": template("net_effect for the programme's effect above the baseline, outflow_rate for the share off benefit "
                             "including those who would have left anyway"),
    "baseline_outflow_rate": template("baseline_outflow_by_duration for rates by years on benefit, baseline_outflow_rate for one "
                                      "rate for everyone"),
}


def all_places(model: ScenarioModel) -> list[tuple[KeyPath, ModelKeys]]:
    """Every mapping holding model keys: the top level, groups, strategies and their classes."""
    places = model_key_places(model)
    for path, keys in list(places):
        places += [((*path, "classes", i), c) for i, c in enumerate(keys.classes or [])]
    return places


def merge_layers(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """The layers merged, least specific first; a layer that sets one key of an alternative
    pair drops the other one inherited from before it (a net_effect in a strategy replaces
    the top level's outflow_rate)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for a, b in ALTERNATIVES:
            if layer.get(a) is not None and layer.get(b) is None:
                merged.pop(b, None)
            elif layer.get(b) is not None and layer.get(a) is None:
                merged.pop(a, None)
        merged.update(layer)
    return merged


def check_alternatives(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """One level may not set both keys of an alternative pair; the error names both lines."""
    for path, keys in all_places(model):
        for a, b in ALTERNATIVES:
            if getattr(keys, a) is None or getattr(keys, b) is None:
                continue
            line_a, _ = doc.locate((*path, a))
            line_b, _ = doc.locate((*path, b))
            later, other, later_line, other_line = (b, a, line_b, line_a) if (line_b or 0) >= (line_a or 0) else (a, b, line_a, line_b)
            raise error_at(
                doc, source, (*path, later),
                Msg("{later} (line {later_line}) and {other} (line {other_line}) are alternatives; set one: {why}", later=later, later_line=later_line, other=other, other_line=other_line, why=Msg(_WHY[a])),
            )


def check_steps(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """Effect profiles (a known shape, or steps from month 0 up) and duration bands (from 0
    years up, rates between 0 and 1), wherever they are set."""
    for path, keys in all_places(model):
        if keys.effect_profile is not None:
            _check_profile(keys.effect_profile, (*path, "effect_profile"), doc, source)
        if keys.baseline_outflow_by_duration is not None:
            _check_bands(keys.baseline_outflow_by_duration, (*path, "baseline_outflow_by_duration"), doc, source)


def _allowed_shapes() -> str:
    return Msg("{names}, or a list of {{from_month, weight}}", names=", ".join(PROFILE_NAMES))


def _check_profile(value: Any, path: KeyPath, doc: YamlDocument, source: str) -> None:
    if isinstance(value, str):
        if value not in NAMED_PROFILES:
            guess = difflib.get_close_matches(value, PROFILE_NAMES, n=1, cutoff=0.5)
            raise error_at(doc, source, path, Msg("unknown effect profile '{value}'{hint} (allowed: {allowed})", value=value, hint=did_you_mean(guess),
                                                  allowed=_allowed_shapes()))
        return
    if not value:
        raise error_at(doc, source, path, Msg("must not be empty; give steps from from_month 0 (allowed: {allowed})", allowed=_allowed_shapes()))
    _check_increasing(
        [step.from_month for step in value], path, "from_month", doc, source,
        first=Msg("the profile starts at intake: the first step must have from_month 0"),
        order=Msg("steps out of order"),
    )


def _check_increasing(starts: list[float], path: KeyPath, key: str, doc: YamlDocument, source: str, *, first: str, order: str) -> None:
    if starts[0] != 0:
        raise error_at(doc, source, (*path, 0, key), Msg("{first} (got {start:g})", first=first, start=starts[0]))
    for i in range(1, len(starts)):
        if not starts[i] > starts[i - 1]:
            raise error_at(
                doc, source, (*path, i, key),
                Msg("{order}: {key} {start:g} is not after the one before ({key} {start2:g}); each {key} must be larger than the one before it", order=order, key=key, start=starts[i], start2=starts[i - 1]),
            )


def _check_bands(bands: Any, path: KeyPath, doc: YamlDocument, source: str) -> None:
    _check_increasing(
        [band.from_years for band in bands], path, "from_years", doc, source,
        first=Msg("the bands start at the beginning of a spell: the first band must have from_years 0"),
        order=Msg("bands out of order"),
    )
    for i, band in enumerate(bands):
        if not 0 <= band.rate <= 1:
            pct = Msg("; write {fraction:g} for {rate:g}%", fraction=band.rate / 100, rate=band.rate) if 1 < band.rate <= 100 else ""
            raise error_at(
                doc, source, (*path, i, "rate"),
                Msg("rate {rate:g} is out of range: an annual exit rate is a fraction between 0 and 1{pct}", rate=band.rate, pct=pct),
            )


# --------------------------------------------------------------------------- resolution


def resolve_profile(value: Any, window_months: int) -> Profile | None:
    """``((from_month, weight), ...)`` of a part (None: no profile, the window)."""
    if value is None:
        return None
    if isinstance(value, str):
        return named_profile(value, window_months)
    return tuple((int(step.from_month), float(step.weight)) for step in value)


def resolve_bands(value: Any) -> Bands | None:
    """``((from_years, annual_rate), ...)`` of a part (None: one baseline rate)."""
    if value is None:
        return None
    return tuple((float(band.from_years), float(band.rate)) for band in value)


def check_reachable(
    fail: Any, params: Mapping[str, Distribution], profile: Profile | None, bands: Bands | None,
    years_at_intake: float, window: int, where: Iterable[KeyPath], what: str,
) -> None:
    """Refuse a net effect no programme hazard ``h_m = clip(b_m + e·w(m), 0, 1)`` can give:
    no month of the window with a positive weight, or a target share off benefit at the
    means outside 0..1. ``fail(path, message)`` raises; ``where`` is (net_effect's path,
    effect_profile's path); ``what`` names the part ("strategy 'A', class 'far'")."""
    effect = params.get("net_effect")
    if effect is None:
        return
    effect_at, profile_at = where
    lo, hi = effect.support()
    if (lo != 0 or hi != 0) and profile is not None and not any(w > 0 for m, w in _window_weights(profile, window)):
        raise fail(
            profile_at,
            Msg("no month of the outflow window (months 0 to {last}) has a positive weight for {what}, so net_effect ({effect}) cannot be reached: "
                "the programme adds its effect through positive weights; give a month before month {window} a positive weight",
                last=window - 1, what=what, effect=_describe(effect), window=window),
        )
    rate = params["baseline_outflow_rate"].mean() if bands is None else 0.0
    base = baseline_share(baseline_hazards(window, rate, bands, years_at_intake))
    target = base + effect.mean()
    if 0 <= target <= 1:
        return
    if target > 1:
        message = Msg("net_effect {effect:g} on top of the baseline share off benefit after {window} months ({base:.4g}) gives {target:.4g} "
                      "for {what}, more than a share can be (at most 1); lower net_effect or change the baseline",
                      effect=effect.mean(), window=window, base=base, target=target, what=what)
    else:
        message = Msg("net_effect {effect:g} on top of the baseline share off benefit after {window} months ({base:.4g}) gives {target:.4g} "
                      "for {what}, less than a share can be (at least 0); raise net_effect or change the baseline",
                      effect=effect.mean(), window=window, base=base, target=target, what=what)
    raise fail(effect_at, message)


def _window_weights(profile: Profile, window: int) -> list[tuple[int, float]]:
    """The steps that apply to some month before ``window``."""
    return [(m, w) for m, w in profile if m < window]


def _describe(dist: Distribution) -> str:
    return f"{dist.mean():g}" if dist.is_fixed else dist.describe()


def unused_years_error(doc: YamlDocument, source: str, path: KeyPath) -> ScenarioError:
    """``years_on_benefit_at_intake`` where no part inheriting it has duration bands."""
    return error_at(
        doc, source, (*path, "years_on_benefit_at_intake"),
        Msg("years_on_benefit_at_intake is not used without baseline_outflow_by_duration, whose starting band it picks; remove it, or set baseline_outflow_by_duration"),
    )
