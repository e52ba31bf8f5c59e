"""What each strategy assumes about its effect, at the parameters' means (DESIGN.md §9):
the share of a closed group off benefit at the end of the outflow window with and without the
programme, the net effect that implies, the participants' mix of classes — and the guardrail
against effects far above the Dutch evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from roi_sim.model.blocks import part_shape
from roi_sim.model.draws import mean_inputs
from roi_sim.model.effects import baseline_share, closed_group_baseline, target_share, window_share
from roi_sim.model.engine import ModelShape, StrategyInputs
from roi_sim.model.ladder_run import ladder_rates
from roi_sim.scenario.spec import PartSpec, Scenario

#: Above this implied net effect the tool warns: facts.md §5 and §9 put the evidence for an
#: average bijstand population at 0–0.05 and the best controlled result at about 0.09
#: (CPB 2022, Utrecht, work over 12 hours a week).
GUARDRAIL_NET_EFFECT = 0.10


@dataclass(frozen=True)
class ClassEffect:
    """One class of a part's participants (hidden heterogeneity)."""

    name: str
    share: float
    baseline_share: float
    programme_share: float


@dataclass(frozen=True)
class EffectSummary:
    """A strategy's effect at the means, client-weighted over its parts (and classes)."""

    strategy: str
    baseline_share: float
    programme_share: float
    classes: tuple[ClassEffect, ...] = ()
    #: The top level on its own (the population the participants come from), if it is a plan:
    #: its baseline share at the window's end and its mix of classes. A strategy whose
    #: baseline is above the population's selects those who would have left anyway.
    population_baseline_share: float | None = None
    population_classes: tuple[ClassEffect, ...] = ()

    @property
    def implied_net_effect(self) -> float:
        return self.programme_share - self.baseline_share

    @property
    def above_evidence(self) -> bool:
        return self.implied_net_effect > GUARDRAIL_NET_EFFECT + 1e-12


def _one_scenario(scenario: Scenario) -> list[tuple[float, float, list[ClassEffect]]]:
    out = []
    for parts in mean_inputs(scenario):
        clients = base = prog = 0.0
        classes: list[ClassEffect] = []
        for part, inputs in parts:
            window = part.outflow_window_months
            shape = part_shape(scenario, part)
            n = float(inputs.cohort_size[0])
            if part.ladder is not None:
                s_cf, s_p = _ladder_work_effect(part, inputs, shape)
            else:
                b = closed_group_baseline(inputs, shape, window)
                s_cf = float(baseline_share(b, window, 1)[0])
                s_p = float(target_share(inputs, b, window)[0])
            clients, base, prog = clients + n, base + n * s_cf, prog + n * s_p
            name = getattr(part, "class_name", None)
            if name is not None:
                classes.append(ClassEffect(name, n, s_cf, s_p))
        total = clients or 1.0
        out.append((base / total, prog / total, [ClassEffect(c.name, c.share / total, c.baseline_share, c.programme_share) for c in classes]))
    return out


def _ladder_work_effect(part: PartSpec, inputs: StrategyInputs, shape: ModelShape) -> tuple[float, float]:
    """With states (DESIGN.md §10): of the programme's moves into a working state (hours above
    0; the evidence of facts.md §5 is about work), the one with the largest implied net effect —
    the share of a closed group that has made it by the end of the window, without and with the
    programme. (0, 0) where the programme moves nobody into work."""
    assert part.ladder is not None
    rates = ladder_rates(part.ladder, inputs, shape)
    window = shape.outflow_window_months
    best = (0.0, 0.0)
    for i, j, scale in rates.extra:
        if part.ladder.states[j].hours <= 0:
            continue
        b = rates.baseline[i, j]
        s_cf = float(baseline_share(b[None, :], window, 1)[0])
        s_p = float(window_share(b[None, :], rates.weights[:window], scale)[0])
        if s_p - s_cf > best[1] - best[0]:
            best = (s_cf, s_p)
    return best


def _population(scenario: Scenario) -> tuple[float | None, tuple[ClassEffect, ...]]:
    pop = scenario.population
    if pop is None:
        return None, ()
    b, _, classes = _one_scenario(replace(scenario, strategies=(pop,), variants=()))[0]
    return b, tuple(classes)


def effect_summaries(scenario: Scenario) -> tuple[EffectSummary, ...]:
    """Per strategy; with variants, their weighted average (classes and the population from
    the first variant)."""
    pop_b, pop_c = _population(scenario.variants[0].scenario if scenario.variants else scenario)
    if not scenario.variants:
        return tuple(EffectSummary(spec.name, b, p, tuple(c), pop_b, pop_c)
                     for spec, (b, p, c) in zip(scenario.strategies, _one_scenario(scenario)))
    total = sum(v.weight for v in scenario.variants)
    per_variant = [(v.weight / total, _one_scenario(v.scenario)) for v in scenario.variants]
    out = []
    for s, spec in enumerate(scenario.strategies):
        b = float(np.sum([w * rows[s][0] for w, rows in per_variant]))
        p = float(np.sum([w * rows[s][1] for w, rows in per_variant]))
        out.append(EffectSummary(spec.name, b, p, tuple(per_variant[0][1][s][2]), pop_b, pop_c))
    return tuple(out)
