"""The pydantic schema of a scenario file, generated from :mod:`roi_sim.scenario.vocabulary`.

The models check keys and types only (unknown keys are errors, never ignored); what needs
the whole file is checked afterwards in :mod:`roi_sim.scenario.checks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.errors import describe_value
from roi_sim.scenario.priors import PRIORS
from roi_sim.scenario.profiles import PROFILE_NAMES
from roi_sim.scenario.states_schema import ProgrammeField, StartField, StatesField, TransitionsField
from roi_sim.scenario.vocabulary import (
    CHOICES,
    CLASS_FORBIDDEN_KEYS,
    MAX_DURATION_YEARS,
    MAX_HORIZON_YEARS,
    MAX_ITERATIONS,
    MODEL_KEY_ORDER,
    PARAMETERS,
    STRUCTURAL_KEYS,
)


def _number_or_distribution(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("number_or_distribution", "expected a number or a distribution, got {got}", {"got": str(value).lower()})
    if isinstance(value, (int, float)):
        return {"dist": "fixed", "value": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "number_or_distribution",
        "expected a number or a distribution such as {example}, got {got}",
        {"example": "{dist: beta, mean: 0.3, sd: 0.05}", "got": repr(value) if not isinstance(value, str) else describe_value(value)},
    )


def _true_or_false(value: Any) -> Any:
    if not isinstance(value, bool):
        raise PydanticCustomError("true_or_false", "must be true or false, got {got}", {"got": describe_value(value)})
    return value


Uncertain = Annotated[
    Distribution,
    BeforeValidator(_number_or_distribution, json_schema_input_type=Union[float, Distribution]),  # noqa: UP007 (a runtime value)
]


class PriorRef(BaseModel):
    """A named prior of net_effect (roi_sim/scenario/priors.py), e.g. {prior: bijstand_average}."""

    model_config = ConfigDict(extra="forbid")

    prior: Literal[tuple(PRIORS)]  # type: ignore[valid-type]


def _net_effect_value(value: Any) -> Any:
    # Priors are resolved before the schema (priors.resolve_priors); this keeps a model
    # validated directly from data working the same way.
    if isinstance(value, dict) and set(value) == {"prior"} and value["prior"] in PRIORS:
        return PRIORS[value["prior"]].distribution.model_dump()
    return _number_or_distribution(value)


NetEffect = Annotated[
    Distribution,
    BeforeValidator(_net_effect_value, json_schema_input_type=Union[float, Distribution, PriorRef]),  # noqa: UP007 (a runtime value)
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class ProfileStep(_Strict):
    """One step of an effect profile: the weight from this month since intake on."""

    from_month: int = Field(ge=0, le=12 * MAX_HORIZON_YEARS, description="Months since intake from which the weight holds (first 0).")
    weight: float = Field(description="The effect's weight from this month on (1: full effect, 0: none, negative: lock-in).")


class DurationBand(_Strict):
    """One band of the baseline by duration: the annual exit rate from this many years on benefit on."""

    from_years: float = Field(ge=0, le=MAX_DURATION_YEARS, description="Years on benefit (current spell) from which the rate holds (first 0).")
    # Checked after the schema, to say what a rate is (a fraction, not a percentage).
    rate: float = Field(json_schema_extra={"minimum": 0, "maximum": 1}, description="Annual baseline exit rate, a fraction 0..1.")


_ShapeName = Annotated[str, Field(json_schema_extra={"enum": list(PROFILE_NAMES)})]


def _structural_field(name: str) -> tuple[Any, Any]:
    description = STRUCTURAL_KEYS[name][0]
    if name == "effect_profile":
        return list[ProfileStep] | _ShapeName | None, Field(default=None, description=description)
    if name == "baseline_outflow_by_duration":
        return list[DurationBand] | None, Field(default=None, min_length=1, description=description)
    if name == "years_on_benefit_at_intake":
        return float | None, Field(default=None, ge=0, le=MAX_DURATION_YEARS, description=description)
    if name == "classes":
        return list[ClassModel] | None, Field(default=None, min_length=1, description=description)
    if name == "intake_years":
        return int | None, Field(default=None, ge=1, le=MAX_HORIZON_YEARS, description=description)
    if name == "outflow_window_months":
        return int | None, Field(default=None, ge=1, le=12 * MAX_HORIZON_YEARS, description=description)
    if name == "lks_refund":
        return Annotated[bool, BeforeValidator(_true_or_false)] | None, Field(default=None, description=description)
    if name in CHOICES:  # relapse_model, household: one of the words of the vocabulary
        return Literal[CHOICES[name]] | None, Field(default=None, description=description)
    raise KeyError(f"structural key {name!r} has no field type in the schema")


def _model_key_fields(in_class: bool = False) -> dict[str, Any]:
    """One field per model key, in the vocabulary's order, described by the vocabulary.
    In a class, the keys a class may not set take any value: refused after the schema, saying why."""
    fields: dict[str, Any] = {}
    for name in MODEL_KEY_ORDER:
        if in_class and name in CLASS_FORBIDDEN_KEYS:
            # Any value: refused after the schema, saying why (classes.check_classes).
            fields[name] = (Any, Field(default=None, description=f"Not allowed in a class: {CLASS_FORBIDDEN_KEYS[name]}."))
        elif name == "net_effect":
            fields[name] = (NetEffect | None, Field(default=None, description=PARAMETERS[name].description))
        elif name in PARAMETERS:
            fields[name] = (Uncertain | None, Field(default=None, description=PARAMETERS[name].description))
        else:
            fields[name] = _structural_field(name)
    return fields


_CLASS_FIELDS: dict[str, Any] = {
    "name": (str, Field(min_length=1, description="Name of the class, unique in its list (e.g. 'near the labour market').")),
    "share": (float, Field(json_schema_extra={"exclusiveMinimum": 0, "maximum": 1}, description="Share of the part's clients in this class; the shares sum to 1.")),
}

if TYPE_CHECKING:  # the fields are generated; to a type checker they are plain attributes

    class ClassModel(_Strict):
        """One class of clients within a part (hidden heterogeneity)."""

        def __getattr__(self, name: str) -> Any: ...

    class ModelKeys(_Strict):
        """The model keys a strategy may override."""

        def __getattr__(self, name: str) -> Any: ...

else:
    ClassModel = create_model("ClassModel", __base__=_Strict, __module__=__name__, **_CLASS_FIELDS, **_model_key_fields(in_class=True))
    ClassModel.__doc__ = "One class of clients within a part (hidden heterogeneity): its name, share and the model keys where it differs."
    ModelKeys = create_model("ModelKeys", __base__=_Strict, __module__=__name__, **_model_key_fields())
    ModelKeys.__doc__ = "The model keys a strategy may override."


_GroupName = Annotated[str, Field(min_length=1)]


class GroupModel(ModelKeys):
    """A target group (e.g. a wage-value tier): model keys that differ from the base, and how many clients it has."""

    clients_available: int | None = Field(
        default=None, ge=0, description="Clients in this group; what strategies take in over all intake years may not exceed it."
    )


class StrategyModel(ModelKeys):
    """One strategy: the base scenario with some model keys overridden."""

    name: str = Field(min_length=1, description="Unique name of the strategy.")
    independent_draws: list[str] | None = Field(
        default=None,
        description="Parameters this strategy sets itself whose uncertainty is unrelated to the base's: drawn "
        "independently. By default a strategy's own distribution is drawn at the same quantile as the base's "
        "(paired where the world is shared).",
    )
    allocation: dict[_GroupName, Annotated[int, Field(ge=0)]] | None = Field(
        default=None, description="Clients per intake year taken in from each named group."
    )
    budget: dict[_GroupName, Annotated[float, Field(ge=0)]] | None = Field(
        default=None,
        description="EUR per intake year spent on each named group; buys clients at the group's mean cost per client "
        "(trajectory plus staff), rounded down.",
    )
    start: StartField | None = Field(
        default=None, description="With states: this strategy's intake by state (shares summing to 1), instead of the top level's."
    )
    programme: ProgrammeField | None = Field(
        default=None, description="With states: what this strategy's programme changes, instead of the top level's (docs/states.md)."
    )


class CorrelationModel(_Strict):
    """A rank (Spearman) correlation between two uncertain top-level parameters."""

    between: list[str] = Field(min_length=2, max_length=2, description="The two parameters, e.g. [cost_per_client, outflow_rate].")
    rank_correlation: float = Field(gt=-1, lt=1, description="Spearman rank correlation, strictly between -1 and 1.")


class VariantModel(ModelKeys):
    """One rival belief: the base scenario with some model keys set otherwise."""

    name: str = Field(min_length=1, description="Unique name of the variant (a belief, e.g. 'national re-inflow').")
    weight: float | None = Field(
        default=None, gt=0, description="Relative weight (probability) of this belief; give every variant one, or none."
    )


class ScenarioModel(ModelKeys):
    """A roi-sim scenario file. Model keys at the top level are the base every strategy starts from."""

    name: str | None = Field(default=None, min_length=1, description="Name of the scenario; default the file name.")
    horizon_years: int = Field(ge=1, le=MAX_HORIZON_YEARS, description="Years simulated from the first intake (1..50).")
    discount_rate: Uncertain | None = Field(
        default=None, description="Annual discount rate, 0..0.2 (Dutch MKBA standard: 0.0225). Default 0."
    )
    iterations: int = Field(default=20_000, ge=1, le=MAX_ITERATIONS, description="Monte Carlo iterations. Default 20000.")
    seed: int = Field(default=0, ge=0, le=2**63 - 1, description="Random seed: same seed, same numbers. Default 0.")
    correlations: list[CorrelationModel] | None = Field(
        default=None,
        description="Rank correlations between uncertain top-level parameters, sampled through a Gaussian copula "
        "(each parameter keeps its own distribution).",
    )
    groups: dict[_GroupName, GroupModel] | None = Field(
        default=None, description="Target groups (e.g. wage-value tiers), each with the model keys where it differs from the base."
    )
    strategies: list[StrategyModel] | None = Field(
        default=None, min_length=1, description="Strategies to compare; each overrides model keys of the base."
    )
    variants: list[VariantModel] | None = Field(
        default=None,
        min_length=2,
        description="Rival beliefs about the world (not choices): each iteration lives in one variant, drawn with "
        "its weight (default equal weights); figures are the model average, and each variant's apart. A key is "
        "set by variants or by strategies, not both.",
    )
    price_year: int | None = Field(
        default=None, description="The year whose prices all amounts are in (1900..2200); needed by indexation."
    )
    start_year: int | None = Field(
        default=None, description="The first begrotingsjaar (simulation year 1), 1900..2200. Default price_year."
    )
    # A mapping checked in roi_sim.scenario.prices, so its messages name the allowed sub-keys.
    indexation: dict[str, Any] | None = Field(
        default=None,
        description="Annual rates (-0.5..0.5) by kind, {benefits, wages, costs} (each default 0), that turn amounts "
        "into nominal euros per begrotingsjaar for the budget table (yearly[].nominal); the NPV stays real. Needs price_year.",
    )
    states: StatesField | None = Field(
        default=None,
        description="The participation ladder and exit routes (DESIGN.md §10, docs/states.md): state name -> {benefit, "
        "payer, rung, hours, wage_value, subsidised, social_value_per_year}; replaces the on/off model.",
    )
    start: StartField | None = Field(default=None, description="With states: each intake's clients by state, shares summing to 1.")
    transitions: TransitionsField | None = Field(
        default=None, description="With states: [{from, to, rate}], annual rates without the programme, in both arms."
    )
    programme: ProgrammeField | None = Field(
        default=None,
        description="With states: [{from, to, net_effect | rate}], what the programme changes inside its window "
        "(outflow_window_months, effect_profile).",
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (for editors' completion and checking)."""
    schema = ScenarioModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "roi-sim scenario"
    return schema
