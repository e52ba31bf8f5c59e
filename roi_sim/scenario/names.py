"""Names that only look different, or are empty (issue 16.4): strategy and group names must
differ in more than Unicode normalisation or spaces at the ends, and must not be blank."""

from __future__ import annotations

import unicodedata

from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.schema import ScenarioModel
from roi_sim.scenario.yaml_reader import YamlDocument


def name_key(name: str) -> str:
    """What two names are compared by: NFC-normalised, without spaces at the ends."""
    return unicodedata.normalize("NFC", name).strip()


def _check_distinct(doc: YamlDocument, source: str, what: str, named: list[tuple[KeyPath, str]]) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for n, (path, name) in enumerate(named):
        if not name.strip():
            raise error_at(doc, source, path, Msg("the {what} name {name!r} is blank; give a name with letters or digits", what=what, name=name))
        key = name_key(name)
        if key in seen and seen[key][1] != name:  # exact repeats get their own message later
            first_n, first = seen[key]
            if name.strip() != first.strip():  # only normalisation differs: show the code points
                name, first = name.encode("ascii", "backslashreplace").decode(), first.encode("ascii", "backslashreplace").decode()
            raise error_at(
                doc, source, path,
                Msg("{what} name '{name}' is the same as {what} {first_n}'s '{first}' once spaces at the ends are trimmed and Unicode is normalised (NFC); names must differ in more than that", what=what, name=name, first_n=first_n + 1, first=first),
            )
        seen.setdefault(key, (n, name))


def check_names(model: ScenarioModel, doc: YamlDocument, source: str) -> None:
    """Scenario, group and strategy names are not blank and do not only look different."""
    if model.name is not None and not model.name.strip():
        raise error_at(doc, source, ("name",), Msg("the scenario name {name!r} is blank; give a name or remove the key", name=model.name))
    _check_distinct(doc, source, Msg("group"), [(("groups", g), g) for g in (model.groups or {})])
    _check_distinct(doc, source, Msg("strategy"), [(("strategies", i, "name"), s.name) for i, s in enumerate(model.strategies or [])])
