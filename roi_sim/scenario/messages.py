"""Pydantic's validation errors in the tool's own words: one line, the key path, a hint."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from roi_sim.scenario.distributions import DIST_KEYS, DIST_NAMES
from roi_sim.scenario.errors import KeyPath, ScenarioError, describe_value, format_path
from roi_sim.scenario.message_text import Msg, template
from roi_sim.scenario.profiles import PROFILE_NAMES
from roi_sim.scenario.schema import ClassModel, DurationBand, GroupModel, ProfileStep, ScenarioModel, StrategyModel
from roi_sim.scenario.yaml_reader import YamlDocument

#: The mappings listed under a model key: what keys each entry may have.
_LIST_ITEMS: dict[str, type[BaseModel]] = {"classes": ClassModel, "effect_profile": ProfileStep, "baseline_outflow_by_duration": DurationBand}


def _allowed_keys(model_path: KeyPath, data: Any) -> tuple[str, ...]:
    """Keys allowed in the mapping at ``model_path``, for "did you mean" hints."""
    if not model_path:
        return tuple(ScenarioModel.model_fields)
    if len(model_path) == 2 and model_path[0] == "strategies":
        return tuple(StrategyModel.model_fields)
    if len(model_path) == 2 and model_path[0] == "groups":
        return tuple(GroupModel.model_fields)
    if len(model_path) >= 2 and isinstance(model_path[-1], int) and model_path[-2] in _LIST_ITEMS:
        return tuple(_LIST_ITEMS[str(model_path[-2])].model_fields)
    if isinstance(data, dict) and data.get("dist") in DIST_KEYS:
        return DIST_KEYS[data["dist"]]
    return ()


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, Any, list[Any]]:
    """Follow a pydantic error location through the data; pydantic inserts union tags
    (e.g. 'beta') that are not in the file, so those are skipped."""
    path: list[Any] = []
    node = data
    rest: list[Any] = []
    tagged = False
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in DIST_NAMES and node.get("dist") == part and loc[i - 1 : i] != (part,) and not tagged:
            # The union tag right after the parameter: a beta's own `beta` key comes after it.
            tagged = True
            continue
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
            tagged = False
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
            tagged = False
        elif isinstance(node, list) and isinstance(part, str):
            # A union's branch name (effect_profile: a list or a shape's name): not in the file.
            continue
        else:
            rest = list(loc[i:])
            break
    return tuple(path), node, rest


def _translate(exc: ValidationError, doc: YamlDocument, source: str) -> ScenarioError:
    """Turn the most useful pydantic error into a one-line :class:`ScenarioError`."""
    errors = exc.errors(include_url=False)
    # Unknown keys first: a typo explains the 'missing' error that often comes with it.
    order = {"extra_forbidden": 0, "union_tag_invalid": 1, "union_tag_not_found": 1}
    err = sorted(errors, key=lambda e: order.get(e["type"], 2))[0]
    path, node, rest = _walk(doc.data, tuple(err["loc"]))
    kind = err["type"]
    if kind == "extra_forbidden":
        msg = _unknown_key(doc, path, rest)
    elif kind == "missing":
        key = rest[0] if rest else (path[-1] if path else "?")
        path = path + (key,) if rest else path
        where = format_path(path[:-1])
        msg = Msg("'{key}' is required in {where} but missing", key=key, where=where) if where else Msg("'{key}' is required but missing", key=key)
    elif kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        guess = difflib.get_close_matches(str(tag), DIST_NAMES, n=1, cutoff=0.5)
        allowed = ", ".join(DIST_NAMES)
        msg = (Msg("unknown distribution '{tag}'; did you mean '{guess}'? allowed: {allowed}", tag=tag, guess=guess[0], allowed=allowed) if guess
               else Msg("unknown distribution '{tag}'; allowed: {allowed}", tag=tag, allowed=allowed))
        path = path + ("dist",) if isinstance(node, dict) and "dist" in node else path
    else:
        msg = _value_message(err, node, path)
        path = path + _key_named(err, node)
    line, col = doc.locate(path)
    return ScenarioError(source, msg, line=line, column=col, key=format_path(path) or None)


def _key_named(err: Any, node: Any) -> KeyPath:
    """The distribution key a distribution's own check is about (``alpha`` in "alpha must be
    above 0"), so the message points at that key's line and column."""
    if err["type"] != "value_error" or not (isinstance(node, dict) and node.get("dist")):
        return ()
    words = err["msg"].removeprefix("Value error, ").split()
    if len(words) > 1 and words[0] in node and words[0] != "dist" and words[1] != "and":
        return (words[0],)
    return ()


def _unknown_key(doc: YamlDocument, path: KeyPath, rest: list[Any]) -> str:
    key = path[-1] if path else (rest[0] if rest else "?")
    parent_path = path[:-1]
    _, parent, _ = _walk(doc.data, parent_path)
    allowed = list(_allowed_keys(parent_path, parent))
    unused = [k for k in allowed if k not in (parent or {})]
    guess = difflib.get_close_matches(str(key), unused, n=1, cutoff=0.6)
    listing = ", ".join(sorted(allowed)) if allowed else Msg("none")
    if guess:
        return Msg("unknown key '{key}'; did you mean '{guess}'? (allowed here: {listing})", key=key, guess=guess[0], listing=listing)
    return Msg("unknown key '{key}' (allowed here: {listing})", key=key, listing=listing)


_TYPE_WORDS = {
    "int_type": template("must be a whole number, got {got}"),
    "int_from_float": template("must be a whole number, got {got}"),
    "float_type": template("must be a number, got {got}"),
    "string_type": template("must be text, got {got}; put it in quotes"),
    "list_type": template("must be a list (entries starting with '- '), got {got}"),
    "model_type": template("must be a mapping of keys, got {got}"),
    "model_attributes_type": template("must be a mapping of keys, got {got}"),
    "dict_type": template("must be a mapping of keys, got {got}"),
}
#: "must be at least 1 (got 0)"; without a number, "must be at least 1".
_BOUND_WORDS = {
    "greater_than_equal": (template("must be at least {bound:,} (got {value:,})"), template("must be at least {bound}")),
    "less_than_equal": (template("must be at most {bound:,} (got {value:,})"), template("must be at most {bound}")),
    "greater_than": (template("must be above {bound:,} (got {value:,})"), template("must be above {bound}")),
    "less_than": (template("must be below {bound:,} (got {value:,})"), template("must be below {bound}")),
}


def _value_message(err: Any, node: Any, path: KeyPath) -> str:
    """The message for an error about one value (its type, range or allowed words)."""
    kind, value, msg = err["type"], err.get("input"), err["msg"]
    if kind in ("list_type", "string_type") and path and path[-1] == "effect_profile":
        return Msg("must be a list of {{from_month, weight}} or the name of a shape ({shapes}), got {got}",
                   shapes=", ".join(PROFILE_NAMES), got=describe_value(value))
    if kind in _TYPE_WORDS:
        return Msg(_TYPE_WORDS[kind], got=describe_value(value))
    if kind in _CUSTOM_WORDS:  # the schema's own checks (schema.py, states_schema.py): the same words, said in the language
        return _custom_message(kind, err, value)
    if kind == "union_tag_not_found":
        return Msg("a distribution needs a 'dist' key, one of: {names} (or write a plain number)", names=", ".join(DIST_NAMES))
    if kind == "value_error":
        msg = _raised(err)
        return Msg("{dist} distribution: {msg}", dist=node["dist"], msg=msg) if isinstance(node, dict) and node.get("dist") else msg
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return Msg("must not be empty") if least <= 1 else Msg("must have {least} entries (got {actual})", least=least,
                                                               actual=err["ctx"].get("actual_length"))
    if kind == "too_long":
        return Msg("must have at most {most} entries (got {actual})", most=err["ctx"]["max_length"], actual=err["ctx"]["actual_length"])
    if kind == "string_too_short":
        return Msg("must not be empty; give some text")
    if kind == "finite_number":
        return Msg("must be a finite number (NaN and infinity are not allowed)")
    if kind == "literal_error":
        expected = err["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        guess = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        allowed = expected.replace(" or ", ", ")
        if guess:
            return Msg("{value} is not allowed; did you mean '{guess}'? (allowed: {allowed})", value=describe_value(value), guess=guess[0],
                       allowed=allowed)
        return Msg("{value} is not allowed (allowed: {allowed})", value=describe_value(value), allowed=allowed)
    if kind in _BOUND_WORDS:
        bound = next(iter(err["ctx"].values()))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        with_value, without = _BOUND_WORDS[kind]
        msg = Msg(with_value, bound=bound, value=value) if isinstance(value, (int, float)) else Msg(without, bound=bound)
        if path and path[-1] == "iterations" and kind == "less_than_equal":
            msg = Msg("{msg}: each iteration keeps its results in memory; run fewer iterations", msg=msg)
        return msg
    return msg


_CUSTOM_WORDS = {
    "number_or_distribution": (template("expected a number or a distribution, got {got}"),
                               template("expected a number or a distribution such as {example}, got {got}")),
    "true_or_false": (template("must be true or false, got {got}"),),
    "share_or_flag": (template("must be true, false or a share 0..1, got {got}"),),
}


def _custom_message(kind: str, err: Any, value: Any) -> str:
    """A PydanticCustomError of the schema, with its ``got`` in words again (pydantic keeps
    only the text)."""
    ctx = err.get("ctx") or {}
    if isinstance(value, bool):
        got: str = str(value).lower()
    elif kind == "number_or_distribution" and not isinstance(value, str):
        got = repr(value)
    else:
        got = describe_value(value)
    if "example" in ctx:
        return Msg(_CUSTOM_WORDS[kind][1], example=ctx["example"], got=got)
    return Msg(_CUSTOM_WORDS[kind][0], got=got)


def _raised(err: Any) -> str:
    """The message a validator raised: its :class:`Msg` when it raised one (so it is said
    in the command's language), else pydantic's text without its "Value error, " prefix."""
    error = err.get("ctx", {}).get("error")
    if isinstance(error, BaseException) and len(error.args) == 1 and isinstance(error.args[0], Msg):
        return error.args[0]
    return str(err["msg"]).removeprefix("Value error, ")
