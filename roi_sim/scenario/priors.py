"""Named priors for ``net_effect`` (DESIGN.md §9): ``net_effect: {prior: bijstand_average}``.

A council rarely has its own controlled estimate of a programme's net effect; these priors
put the Dutch evidence (facts.md §5 and §9) into a distribution it can start from and
cite. Each is a PERT distribution, because PERT takes a negative low (harm, lock-in) where
a beta cannot. The lows, modes and highs are read off the lines cited in ``source``; where
a number is a judgement rather than a figure, the source says so (ASSUMPTION).

A prior resolves to its distribution before the schema, so the rest of the tool sees an
ordinary PERT; :func:`prior_name` finds the name again for ``roi-sim validate``.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass
from typing import Any

from roi_sim.scenario.distributions import Distribution, Pert
from roi_sim.scenario.errors import KeyPath, error_at
from roi_sim.scenario.message_text import Msg, did_you_mean
from roi_sim.scenario.vocabulary import PARAMETERS
from roi_sim.scenario.yaml_reader import YamlDocument

#: The only key a named prior may be given for.
PRIOR_KEY = "net_effect"


@dataclass(frozen=True)
class Prior:
    """A named prior: its distribution, where its numbers come from and what it means."""

    name: str
    distribution: Distribution
    source: str
    meaning: str


def _pert(low: float, mode: float, high: float) -> Pert:
    return Pert(dist="pert", low=low, mode=mode, high=high)


PRIORS: dict[str, Prior] = {
    p.name: p
    for p in (
        Prior(
            "bijstand_average",
            _pert(0.0, 0.02, 0.05),
            "facts.md §9: 'A defensible prior for an average bijstand population: 0–5 pp net on the share off "
            "benefit'; mode 2 pp: 'slechts met enkele procenten' (NRC 2006) and a 'klein, positief effect' "
            "(SZW Beleidsdoorlichting 2008), facts.md §5",
            "an average bijstand population: a small positive effect, 0 to 5 points, most likely 2",
        ),
        Prior(
            "long_term_clients",
            _pert(-0.01, 0.01, 0.03),
            "facts.md §9: 'lower for long-term clients' (ASSUMPTION: the bijstand_average range shifted down by "
            "2 points, its low a point of harm) and Lammers & Kok (ESB 2014): 'small or even negative effect'",
            "clients long on benefit: about 1 point, possibly slightly negative",
        ),
        Prior(
            "best_controlled",
            _pert(0.03, 0.09, 0.10),
            "facts.md §9: 'about 9 pp as a best case' (CPB 2022, Utrecht: 24% vs 15% working > 12 h a week, "
            "facts.md §5); high 10 points: 'maximaal 10 procent bijkomende tewerkstelling' (Marx, facts.md §5)",
            "a programme as good as the best Dutch controlled result: about 9 points, at most 10",
        ),
        Prior(
            "mixed_evidence",
            _pert(-0.02, 0.01, 0.05),
            "facts.md §9: only 2 of 6 SZW randomised trials significant (SEOR/Regioplan), effects 'veelal met veel "
            "onzekerheid omgeven' (CPB 2022), small or negative at 12–24 months (Lammers & Kok, ESB 2014); "
            "ASSUMPTION: harm down to 2 points",
            "a programme without its own evidence: the sign itself uncertain, -2 to 5 points, most likely 1",
        ),
    )
}


def prior_name(dist: Distribution) -> str | None:
    """The name of the prior ``dist`` is (None for any other distribution)."""
    return next((p.name for p in PRIORS.values() if p.distribution == dist), None)


def _allowed() -> str:
    return ", ".join(PRIORS)


def prior_problem(key: str, value: dict[str, Any]) -> tuple[KeyPath, str] | None:
    """Why ``{prior: ...}`` given for ``key`` is refused: the sub-path to point at and the
    message (None when it names a prior of net_effect and nothing else)."""
    if key != PRIOR_KEY:
        return ("prior",), Msg("a named prior is available only for {prior_key} (priors: {allowed}); give {key} a number or a distribution",
                               prior_key=PRIOR_KEY, allowed=_allowed(), key=key)
    extra = [k for k in value if k != "prior"]
    if extra:
        return (extra[0],), Msg("a named prior stands alone: remove '{extra}', or give a distribution without prior", extra=extra[0])
    name = value["prior"]
    if not isinstance(name, str) or name not in PRIORS:
        guess = difflib.get_close_matches(str(name), list(PRIORS), n=1, cutoff=0.5)
        return ("prior",), Msg("unknown prior '{name}'{hint} (allowed: {allowed})", name=name, hint=did_you_mean(guess), allowed=_allowed())
    return None


def _places(data: dict[str, Any]) -> list[tuple[KeyPath, dict[str, Any]]]:
    """Every mapping of the raw file that may hold model keys, classes included."""
    places: list[tuple[KeyPath, dict[str, Any]]] = [((), data)]
    groups = data.get("groups")
    if isinstance(groups, dict):
        places += [(("groups", g), m) for g, m in groups.items() if isinstance(m, dict)]
    for name in ("strategies", "variants"):
        entries = data.get(name)
        if isinstance(entries, list):
            places += [((name, i), m) for i, m in enumerate(entries) if isinstance(m, dict)]
    for path, mapping in list(places):
        classes = mapping.get("classes")
        if isinstance(classes, list):
            places += [((*path, "classes", i), c) for i, c in enumerate(classes) if isinstance(c, dict)]
    return places


def resolve_priors(doc: YamlDocument, source: str) -> YamlDocument:
    """The document with every ``net_effect: {prior: name}`` replaced by the prior's
    distribution; refuses a prior on another key, an unknown name or a prior with other keys.
    Runs before the schema, so that every later step sees an ordinary distribution."""
    if not isinstance(doc.data, dict):
        return doc
    data = copy.deepcopy(doc.data)  # the caller's document stays as read
    replaced = False
    for path, mapping in _places(data):
        for key, value in list(mapping.items()):
            if not (isinstance(value, dict) and "prior" in value and (key in PARAMETERS or key == "discount_rate")):
                continue
            problem = prior_problem(key, value)
            if problem is not None:
                raise error_at(doc, source, (*path, key, *problem[0]), problem[1])
            mapping[key] = PRIORS[value["prior"]].distribution.model_dump()
            replaced = True
    return doc if not replaced else YamlDocument(data, doc.positions, doc.texts, doc.text_positions)


def describe_prior_use(dist: Distribution) -> str:
    """``pert(low 0, mode 0.02, high 0.05), prior bijstand_average`` for a prior, else the distribution."""
    name = prior_name(dist)
    text = dist.describe()
    return f"{text}, prior {name}" if name else text
