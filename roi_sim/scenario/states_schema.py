"""The pydantic schema of the participation-ladder keys (DESIGN.md §10, docs/states.md):
``states``, ``start``, ``transitions`` and ``programme``. Types and ranges only; what needs the
whole file (known state names, competing rates, shares summing to 1) is checked in
:mod:`roi_sim.scenario.states`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import describe_value

#: The most a state may cost as a share of a full benefit (a WSW place can cost more than bijstand).
MAX_STATE_BENEFIT = 3.0
PAYERS = ("municipality", "uwv", "rijk")
_StateName = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")]


def _share_or_flag(value: Any) -> Any:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    raise PydanticCustomError("share_or_flag", "must be true, false or a share 0..1, got {got}", {"got": describe_value(value)})


def _rate_value(value: Any) -> Any:
    # The same spelling as the model keys' numbers and distributions (schema._number_or_distribution).
    from roi_sim.scenario.schema import _number_or_distribution

    return _number_or_distribution(value)


def _net_effect(value: Any) -> Any:
    from roi_sim.scenario.schema import _net_effect_value

    return _net_effect_value(value)


_Rate = Annotated[Distribution, BeforeValidator(_rate_value)]
_NetEffect = Annotated[Distribution, BeforeValidator(_net_effect)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True, populate_by_name=True)


class StateModel(_Strict):
    """One state of the ladder and what a client-month in it pays and is worth."""

    benefit: float = Field(
        ge=0, le=MAX_STATE_BENEFIT,
        description="Share of a full benefit (annual_benefit_cost) paid to a client in this state, 0..3 (above 1 where "
        "the state costs more than bijstand, e.g. a WSW place).",
    )
    payer: Literal["municipality", "uwv", "rijk"] = Field(
        default="municipality",
        description="Who pays that benefit: municipality (the BUIG, default), uwv (Wajong, WW, WIA) or rijk (a benefit "
        "paid from the national purse elsewhere, e.g. after moving to another municipality).",
    )
    rung: int | None = Field(default=None, ge=1, le=6, description="Participatieladder rung 1..6 (rung-years gained need one on every state).")
    hours: float = Field(default=0.0, ge=0, le=1, description="Share of full-time paid work in this state, 0..1. Default 0 (not working).")
    wage_value: float = Field(default=1.0, ge=0, le=1, description="Loonwaarde of that work, a share of the minimum wage. Default 1.")
    subsidised: Annotated[float, BeforeValidator(_share_or_flag)] = Field(
        default=0.0, ge=0, le=1,
        description="Share of the clients in this state whose job has loonkostensubsidie (true = 1, false = 0). Default 0.",
    )
    social_value_per_year: float = Field(
        default=0.0, ge=0, description="Social value per client-year in this state, EUR (societal ledger only). Default 0."
    )


class TransitionModel(_Strict):
    """An annual rate from one state to another without the programme (both arms)."""

    from_state: _StateName = Field(alias="from", description="The state the clients leave.")
    to: _StateName = Field(description="The state they go to.")
    rate: _Rate = Field(description="Annual rate, a fraction 0..1 (a number or a distribution); monthly 1 - (1 - rate)^(1/12).")


class ProgrammeEntryModel(_Strict):
    """What the programme changes in one transition, inside its window (effect_profile as for net_effect)."""

    from_state: _StateName = Field(alias="from", description="The state the clients leave.")
    to: _StateName = Field(description="The state they go to.")
    net_effect: _NetEffect | None = Field(
        default=None,
        description="Rise of the share of a closed group that has made this move by the end of the window, above the "
        "baseline share (-1..1; needs the transition in transitions).",
    )
    rate: _Rate | None = Field(default=None, description="Annual rate of this move in the programme, 0..1 (may open a new route).")


StatesField = dict[_StateName, StateModel]
StartField = dict[_StateName, float]
TransitionsField = list[TransitionModel]
ProgrammeField = list[ProgrammeEntryModel]
