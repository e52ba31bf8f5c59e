"""A validated scenario, resolved into what is simulated: strategies made of parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from roi_sim.scenario.distributions import Distribution
from roi_sim.scenario.prices import Prices
from roi_sim.scenario.variants import Variant


@dataclass(frozen=True)
class StateInfo:
    """One state of the participation ladder (DESIGN.md §10) and its attributes."""

    name: str
    benefit: float
    payer: Literal["municipality", "uwv", "rijk"]
    rung: int | None
    hours: float
    wage_value: float
    subsidised: float
    social_value_per_year: float


@dataclass(frozen=True)
class LadderSpec:
    """The states of a part's clients: the world's states and transitions (both arms) and
    this strategy's intake and programme (programme arm, inside its window).

    ``transitions`` are (from index, to index, annual rate); ``programme`` entries are
    (from index, to index, "rate" or "net_effect", value); ``programme_source`` is "base"
    where the strategy inherits the top level's programme, "strategy" where it sets its own.
    """

    states: tuple[StateInfo, ...]
    start: tuple[float, ...]
    transitions: tuple[tuple[int, int, Distribution], ...]
    programme: tuple[tuple[int, int, str, Distribution], ...]
    programme_source: str = "base"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    @property
    def has_rungs(self) -> bool:
        return all(s.rung is not None for s in self.states)

    def transition_name(self, i: int, j: int) -> str:
        return f"{self.states[i].name}>{self.states[j].name}"


@dataclass(frozen=True)
class PartSpec:
    """One simulated unit of a strategy: the whole plan, or the clients it takes from one group.

    ``sources`` says where each uncertain parameter's draw comes from, for common random
    numbers: ``"base"`` (shared by everyone who inherits it), ``"group"`` (shared by every
    strategy investing in that group), ``"strategy"`` (the strategy's own draw, shared by its
    parts), ``"class"`` (a class's own value, in :attr:`ClassSpec.part`) or ``"fixed"`` (a number
    set by the part itself, e.g. clients from an allocation).
    """

    group: str | None
    params: dict[str, Distribution]
    sources: dict[str, str]
    intake_years: int
    outflow_window_months: int
    relapse_model: Literal["exponential", "fixed", "levelling"]
    #: ((from_month, weight), ...) from month 0 since intake; None: weight 1 in the window, 0 after.
    effect_profile: tuple[tuple[int, float], ...] | None = None
    #: ((from_years, annual_rate), ...) from 0 years on benefit; when set, params has no baseline_outflow_rate.
    baseline_by_duration: tuple[tuple[float, float], ...] | None = None
    #: Years on benefit in the current spell at intake (picks the starting band).
    years_on_benefit_at_intake: float = 0.0
    #: Hidden heterogeneity: the part is the sum of its classes (clients split by largest remainder).
    classes: tuple[ClassSpec, ...] = ()
    #: Set on the parts the model simulates for a class (its own random stream, its row in
    #: the output's participants' mix); None for a part that is not a class.
    class_name: str | None = None
    #: BLKS (issue 14.1): LKS paid in a budget year comes back in the next one.
    lks_refund: bool = True
    #: DESIGN.md §10: the participation ladder; None for the two-state (on/off) model.
    ladder: LadderSpec | None = None


@dataclass(frozen=True)
class ClassSpec:
    """One class of a part's clients: its share and the part as the class has it (the parent's
    keys with the class's applied, ``sources[key] == "class"`` for those; no classes of its own)."""

    name: str
    share: float
    part: PartSpec


@dataclass(frozen=True)
class StrategySpec:
    """A strategy resolved into the parts that are simulated and added up."""

    name: str
    parts: tuple[PartSpec, ...]
    #: Parameters this strategy sets itself and draws independently of the base's quantile.
    independent_draws: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupSpec:
    """A target group as declared in the scenario."""

    name: str
    clients_available: int | None
    #: Parameters the group sets itself (drawn from the group's own streams).
    params: dict[str, Distribution]
    #: The group on its own (base < group), as a part: what `roi-sim allocate` prices.
    part: PartSpec | None = None


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, ready to simulate."""

    name: str
    source: str
    sha256: str
    horizon_years: int
    discount_rate: Distribution
    iterations: int
    seed: int
    strategies: tuple[StrategySpec, ...]
    #: Parameters set (or defaulted) at the top level; the draws every part inherits.
    base_params: dict[str, Distribution]
    groups: dict[str, GroupSpec] = field(default_factory=dict)
    #: Parameters drawn jointly (Gaussian copula) and the normal-scale correlation matrix.
    correlated: tuple[str, ...] = ()
    copula_matrix: tuple[tuple[float, ...], ...] = ()
    #: Rival beliefs (DESIGN.md §8), each a resolved scenario without variants.
    variants: tuple[Variant, ...] = ()
    #: Price year, first begrotingsjaar and indexation (issue 14.3); None without price_year.
    prices: Prices | None = None
    #: The top level on its own (DESIGN.md §9: the population beside each strategy's
    #: participants); None where the top level alone is not a plan.
    population: StrategySpec | None = None

    @property
    def horizon_months(self) -> int:
        return 12 * self.horizon_years
