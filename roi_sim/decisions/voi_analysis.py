"""The value-of-information analysis of a scenario, end to end: simulate with the parameter
draws kept, then EVPI, an EVPPI per uncertain parameter the strategies share, and the EVSI
of a pilot (the measures themselves are in :mod:`roi_sim.decisions.voi`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from roi_sim.decisions.pilot_evsi import ControlledPilot
from roi_sim.decisions.voi import Evpi, Evppi, PilotValue, evpi, evppi
from roi_sim.model.arguments import (
    ArgumentError,
    InputError,
    check_count,
    check_euros,
    check_iterations,
    check_ledger,
    check_seed,
    check_societal,
    check_workers,
)
from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import PARAMETERS, Scenario

#: Value of information is a property of the decision, so it is computed on E[net | θ]
#: (DESIGN.md §7), never on the simulated net with this cohort's luck in it: without any
#: uncertain parameter EVPI is then exactly 0.
LEDGER_FIELDS = {"fiscal": "expected_net", "societal": "expected_societal_net"}


@dataclass(frozen=True)
class VoiAnalysis:
    """What ``roi-sim voi`` reports: the settings used and the three measures."""

    settings: dict[str, Any]
    evpi: Evpi
    evppis: tuple[Evppi, ...]
    pilot: PilotValue | ControlledPilot | None
    #: Uncertain parameters not valued because the strategies draw them apart.
    skipped: tuple[str, ...]


def check_voi_arguments(
    ledger: str, pilot: int | None, pilot_cost: float | None, pilot_param: str, iterations: object, seed: object, workers: object
) -> tuple[int | None, int | None, int]:
    """Refuse bad arguments before anything is simulated; the checked iterations, seed, workers."""
    check_ledger(ledger)
    if pilot is not None:
        check_count(pilot, "pilot", 1, unit=Msg(" client"))
    if pilot_cost is not None:
        check_euros(pilot_cost, "pilot_cost")
    # Shares of clients on [0, 1]; net_effect, a difference of two shares, is what a
    # controlled pilot measures through both of its arms, not a share of one.
    from roi_sim.decisions.calibrate import RATE_PARAMETERS

    rates = list(RATE_PARAMETERS)
    if pilot_param not in rates:
        why = Msg("is not a rate") if pilot_param in PARAMETERS else Msg("unknown parameter")
        raise ArgumentError("pilot_param", pilot_param, Msg("{why}; a pilot measures a share of its clients: one of {rates}", why=why, rates=', '.join(rates)))
    n_iter = check_iterations(iterations, auto=False)
    return n_iter, check_seed(seed), check_workers(workers)  # type: ignore[return-value]


def value_of_information(
    scenario: Scenario, *, ledger: str = "fiscal", pilot: int | None = None, pilot_cost: float | None = None,
    pilot_param: str = "outflow_rate", iterations: int | None = None, seed: int | None = None, workers: int = 1,
) -> VoiAnalysis:
    """EVPI, EVPPIs and (with ``pilot`` clients) the EVSI of a pilot, in ``ledger``.
    Raises :class:`InputError` for bad arguments or a scenario without strategies."""
    from roi_sim.model import simulate as model

    n_iter, seed, n_workers = check_voi_arguments(ledger, pilot, pilot_cost, pilot_param, iterations, seed, workers)
    check_societal(scenario, ledger)
    if not scenario.strategies:
        raise InputError(scenario.source, Msg("the scenario has groups but no strategies; add strategies with an allocation or a budget"))
    if pilot is not None and any(p.ladder is not None for s in scenario.strategies for p in s.parts):
        raise ArgumentError(
            "pilot", pilot,
            Msg("a controlled pilot is valued on the share leaving benefit of an on/off scenario; this scenario has states (the participation ladder), whose moves a pilot does not yet inform"),
        )
    result = model.run(scenario, iterations=n_iter, seed=seed, workers=n_workers or model.cpu_count(), keep_parameters=True)
    nb = {name: getattr(res, LEDGER_FIELDS[ledger]) for name, res in result.iterations.items()}
    assert result.parameters is not None
    per_strategy = list(result.parameters.values())
    evppis, skipped = _evppis(nb, per_strategy)
    pilot_value = None
    if pilot is not None:
        from roi_sim.decisions.pilot_evsi import controlled_pilot_evsi

        if ledger != "fiscal":
            raise ArgumentError("ledger", ledger, Msg("a controlled pilot is valued on the fiscal net savings; use --ledger fiscal"))
        # A controlled pilot (pilot clients per arm) on E[net | θ]: it measures the net effect.
        pilot_value = controlled_pilot_evsi(scenario, result.parameters, pilot, seed=result.settings.seed, pilot_cost=pilot_cost)
    settings = {"ledger": ledger, "iterations": result.settings.iterations, "seed": result.settings.seed,
                "pilot_clients": pilot, "pilot_cost": pilot_cost, "pilot_parameter": pilot_param if pilot else None}
    return VoiAnalysis(settings, evpi(nb), tuple(evppis), pilot_value, tuple(skipped))


def _evppis(nb: dict[str, np.ndarray], per_strategy: list[dict[str, np.ndarray]]) -> tuple[list[Evppi], list[str]]:
    """An EVPPI for each uncertain parameter all strategies draw as one quantity; the
    names of those they draw apart (their EVPPI would not be one parameter's value)."""
    evppis, skipped = [], []
    for name, values in per_strategy[0].items():
        if not np.all(np.isfinite(values)):
            skipped.append(name)  # not a parameter of every variant
            continue
        if np.all(values == values[0]):
            continue  # a fixed number: nothing to learn
        order = np.argsort(values, kind="stable")
        # Strategies that set their own distribution draw the same quantile (paired): the
        # same information, so one EVPPI; independently drawn ones are skipped.
        if all(name in p and np.all(np.diff(p[name][order]) >= 0) for p in per_strategy):
            evppis.append(evppi(nb, values, name))
        else:
            skipped.append(name)
    return evppis, skipped
