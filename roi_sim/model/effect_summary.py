"""What each strategy assumes about its effect, at the parameters' means (DESIGN.md §9):
the share of a closed group off benefit at the end of the outflow window with and without the
programme, the net effect that implies, the participants' mix of classes — and the guardrail
against effects far above the Dutch evidence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi_sim.model.blocks import part_shape
from roi_sim.model.draws import mean_inputs
from roi_sim.model.effects import baseline_share, closed_group_baseline, target_share
from roi_sim.scenario.spec import Scenario

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
            b = closed_group_baseline(inputs, shape, window)
            n = float(inputs.cohort_size[0])
            s_cf = float(baseline_share(b, window, 1)[0])
            s_p = float(target_share(inputs, b, window)[0])
            clients, base, prog = clients + n, base + n * s_cf, prog + n * s_p
            name = getattr(part, "class_name", None)
            if name is not None:
                classes.append(ClassEffect(name, n, s_cf, s_p))
        total = clients or 1.0
        out.append((base / total, prog / total, [ClassEffect(c.name, c.share / total, c.baseline_share, c.programme_share) for c in classes]))
    return out


def effect_summaries(scenario: Scenario) -> tuple[EffectSummary, ...]:
    """Per strategy; with variants, their weighted average (classes from the first variant)."""
    if not scenario.variants:
        return tuple(EffectSummary(spec.name, b, p, tuple(c)) for spec, (b, p, c) in zip(scenario.strategies, _one_scenario(scenario)))
    total = sum(v.weight for v in scenario.variants)
    per_variant = [(v.weight / total, _one_scenario(v.scenario)) for v in scenario.variants]
    out = []
    for s, spec in enumerate(scenario.strategies):
        b = float(np.sum([w * rows[s][0] for w, rows in per_variant]))
        p = float(np.sum([w * rows[s][1] for w, rows in per_variant]))
        out.append(EffectSummary(spec.name, b, p, tuple(per_variant[0][1][s][2])))
    return tuple(out)
