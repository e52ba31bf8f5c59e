"""The scenario vocabulary: every model key, its meaning, range, random stream and ledgers.

This is the one table the rest of the scenario room is generated from: the pydantic schema
(and so ``roi-sim schema``) takes its fields and descriptions from here, the range checks
take their bounds and kinds, the simulation's parameter stream ids and the ledger names
come from here too. Add a parameter here and it exists everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from roi_sim.scenario.message_text import template

#: Most iterations one run may ask for; each costs memory for its per-iteration results.
MAX_ITERATIONS = 1_000_000
#: Largest cohort: more clients than the Netherlands has on bijstand (about 408,000).
MAX_COHORT_SIZE = 10_000_000
MAX_HORIZON_YEARS = 50
#: Most years on benefit a duration band or a cohort's starting duration may give (a working life).
MAX_DURATION_YEARS = 60

Ledger = Literal["fiscal", "societal"]

#: The two views of a strategy's worth: the figure each is ranked by and what it is called.
LEDGERS: dict[str, tuple[str, str]] = {
    "fiscal": ("net_savings", "net savings for the municipality (fiscal)"),
    "societal": ("societal_net", "societal net (MKBA)"),
}
#: The quantity (per-iteration result field) of each ledger, e.g. for breakeven and allocate.
LEDGER_QUANTITY: dict[str, str] = {name: figure for name, (figure, _) in LEDGERS.items()}
FISCAL: tuple[Ledger, ...] = ("fiscal",)
SOCIETAL: tuple[Ledger, ...] = ("societal",)
BOTH: tuple[Ledger, ...] = ("fiscal", "societal")


@dataclass(frozen=True)
class ParamInfo:
    """What a numeric model parameter means and which values it may take.

    ``stream`` is the parameter's random stream id (part of the reproducibility contract:
    never reuse or renumber one); ``ledgers`` are the ledgers whose figures it moves.
    """

    description: str
    low: float
    high: float
    low_exclusive: bool = False
    kind: Literal["rate", "money", "count", "years"] = "money"
    stream: int = 0
    ledgers: tuple[Ledger, ...] = BOTH


#: Statutory minimum wage 2026 for a year, including 8% holiday pay (facts.md §2: WML
#: referentiemaandloon EUR 2,294.40 x 12 x 1.08 = EUR 29,735.42).
MINIMUM_WAGE_2026 = 29_735.42
#: Employer costs on top of the gross wage: the 23.5% allowance of the Regeling
#: loonkostensubsidie 2021 (facts.md §2), the only sourced figure for them.
EMPLOYER_COST_SHARE = 0.235
#: Net wage a year at the full-time WML 2026 incl. holiday pay (docs/facts.md, "The client's net
#: amounts"): gross EUR 29,735.42 less 35.75% loonheffing in the first bracket (EUR 10,630.41),
#: plus the algemene heffingskorting (EUR 3,115, in full below EUR 29,736) and the
#: arbeidskorting (EUR 5,300 + 1.95% above EUR 25,845 = EUR 5,375.86): EUR 27,595.87. DERIVED
#: from the 2026 rates, no employee pension premium; VERIFY against the Belastingdienst tables.
#: The model computes it (and every part-time net wage) with roi_sim.model.net_wage; this is the
#: documented full-time figure that rule gives at MINIMUM_WAGE_2026 (tests/test_net_wage.py).
CLIENT_NET_WAGE_2026 = 27_595.87
#: Net bijstand a year incl. holiday pay, 1 January 2026, for a single person (alleenstaande,
#: 21 to pension age, no cost-sharers): EUR 1,401.50 a month × 12 (SZW, Normenbrief
#: 1 januari 2026, Bijlage I, art. 21; VERIFY against the Staatscourant mededeling).
CLIENT_NET_BENEFIT_2026 = 16_818.00
#: The same for a couple (gehuwden, both under pension age): EUR 2,002.13 a month × 12.
CLIENT_NET_BENEFIT_COUPLE_2026 = 24_025.56
#: The household the client's net benefit is the norm of (the ``household`` key).
HOUSEHOLDS = ("single", "couple")
#: The default ``client_net_benefit_per_year`` of each household.
CLIENT_NET_BENEFIT_BY_HOUSEHOLD: dict[str, float] = {"single": CLIENT_NET_BENEFIT_2026, "couple": CLIENT_NET_BENEFIT_COUPLE_2026}

#: The model's numeric parameters that may be uncertain, in the order they are drawn.
PARAMETERS: dict[str, ParamInfo] = {
    "cohort_size": ParamInfo("Clients per intake year (draws are rounded to whole clients).", 0, MAX_COHORT_SIZE, kind="count", stream=1, ledgers=BOTH),
    "cost_per_client": ParamInfo("Trajectory cost per client in EUR, paid in the month the cohort starts.", 0, math.inf, stream=2, ledgers=BOTH),
    "annual_benefit_cost": ParamInfo("What one client on benefit costs the municipality per year, in EUR.", 0, math.inf, stream=3, ledgers=FISCAL),
    "outflow_rate": ParamInfo(
        "Share of the cohort off benefit at the end of the outflow window (what a pilot measures; "
        "includes people who would have left anyway). A fraction: 0.30 for 30%.",
        0, 1, kind="rate", stream=4, ledgers=BOTH,
    ),
    "baseline_outflow_rate": ParamInfo(
        "Annual share that leaves benefit without any programme (the counterfactual). A fraction. Default 0.", 0, 1, kind="rate", stream=5, ledgers=BOTH,
    ),
    "time_out_of_benefits_years": ParamInfo(
        "How long a client who leaves stays off benefit, in years: the mean stay (exponential relapse) "
        "or the exact stay (fixed relapse). Not used by levelling relapse.",
        0, math.inf, low_exclusive=True, kind="years", stream=6, ledgers=BOTH,
    ),
    "relapse_within_12_months": ParamInfo(
        "Levelling relapse: share of leavers back on benefit within 12 months (Divosa: about 0.20).", 0, 1, kind="rate", stream=8, ledgers=BOTH,
    ),
    "relapse_ever": ParamInfo(
        "Levelling relapse: share of leavers who ever come back; the rest stay off for good (Divosa: about 0.35 "
        "within five years). At least relapse_within_12_months.",
        0, 1, kind="rate", stream=9, ledgers=BOTH,
    ),
    "subsidised_share": ParamInfo(
        "Share of the programme's leavers who work with wage-cost subsidy (loonkostensubsidie). Default 0.", 0, 1, kind="rate", stream=10, ledgers=FISCAL,
    ),
    "wage_value": ParamInfo(
        "Wage value (loonwaarde) as a fraction of the minimum wage: sets the subsidy, min(1 − wage_value, 0.70), "
        "and the value of the work in the societal ledger. Default 1.",
        0, 1, kind="rate", stream=11, ledgers=BOTH,
    ),
    "benefit_saved_share": ParamInfo(
        "Share of the benefit saved while a client is off benefit: 1 for a full exit, less for part-time work "
        "that reduces the benefit (0.5 halves it). Also the share of full-time work done (the client's gross wage "
        "is minimum_wage_annual × this). Default 1.",
        0, 1, kind="rate", stream=12, ledgers=BOTH,
    ),
    "minimum_wage_annual": ParamInfo(
        "Statutory minimum wage per year including holiday pay, EUR: the full-time gross wage of the subsidy, the "
        "value of work and the client's net wage. Default 29,735.42 (2026, facts.md §2).", 0, math.inf, stream=13, ledgers=BOTH,
    ),
    "caseload": ParamInfo("Clients per FTE of programme staff (klantmanagers).", 0, math.inf, low_exclusive=True, kind="count", stream=14, ledgers=BOTH),
    "annual_cost_per_fte": ParamInfo("Annual cost of one FTE of programme staff, EUR. Default 0.", 0, math.inf, stream=15, ledgers=BOTH),
    "programme_months": ParamInfo("Months a client spends in the programme (staff time and social value). Default 12.", 0, 600, kind="count", stream=16, ledgers=BOTH),
    "fixed_annual_cost": ParamInfo("Fixed team cost per intake year, EUR, paid when the year's cohort starts. Default 0.", 0, math.inf, stream=17, ledgers=BOTH),
    "startup_cost": ParamInfo("One-off start-up cost, EUR, paid in the first month. Default 0.", 0, math.inf, stream=18, ledgers=BOTH),
    "social_value_per_participant_year": ParamInfo(
        "Societal ledger only: social value per participant per year in the programme, EUR (e.g. health, "
        "less isolation, for the 20–50% tier). Default 0.",
        0, math.inf, stream=19, ledgers=SOCIETAL,
    ),
    "net_effect": ParamInfo(
        "The programme's net effect, an alternative to outflow_rate (set one of the two): it raises the share of "
        "a closed group (no relapse) off benefit at the end of the outflow window by this much above the baseline "
        "share. A difference of two shares, -1 to 1 (negative: harm). Dutch evidence (facts.md §5, §9): 0 to 0.05 "
        "typical for bijstand, about 0.09 the best controlled result. A number, a distribution or "
        "{prior: bijstand_average | long_term_clients | best_controlled | mixed_evidence}.",
        -1, 1, kind="rate", stream=20, ledgers=BOTH,
    ),
    "benefit_retention": ParamInfo(
        "Fiscal ledger: share of each euro of benefit saved that the municipality keeps: 1 on an objective BUIG "
        "budget within it, 0.5 or 0 in the vangnet bands (verify the current bands, Stb. 2025, 222). Default 1.",
        0, 1, kind="rate", stream=21, ledgers=FISCAL,
    ),
    "execution_cost_per_client_year": ParamInfo(
        "Fiscal ledger: variable uitvoeringskosten (Gemeentefonds, not BUIG) saved per extra client-year off "
        "benefit, EUR (Berenschot: about 2,883 in all per uitkering, of which only the variable part). Default 0.",
        0, math.inf, stream=22, ledgers=FISCAL,
    ),
    "placement_cost_per_year": ParamInfo(
        "Fiscal ledger: cost per extra subsidised job-year (jobcoach, loonwaardebepaling, aftercare), EUR. Default 0.",
        0, math.inf, stream=23, ledgers=FISCAL,
    ),
    # Issue 14.2 and 14.4: the MKBA per the werkwijzer (facts.md §6) and who pays, who gains.
    "displacement": ParamInfo(
        "Societal ledger (a valuation input): share of the extra work that only displaces work others would have "
        "done (verdringing), so adds no output. A fraction. Default 0, but the societal ledger is only shown when "
        "the scenario sets this or another valuation input.",
        0, 1, kind="rate", stream=24, ledgers=SOCIETAL,
    ),
    "non_market_time_value_per_year": ParamInfo(
        "Societal ledger (a valuation input): value of the non-market time (care, household, leisure) a client gives "
        "up per extra work-year, EUR; subtracted from the value of work (werkwijzer MKBA sociaal domein). Default 0.",
        0, math.inf, stream=25, ledgers=SOCIETAL,
    ),
    "social_value_per_extra_client_year": ParamInfo(
        "Societal ledger (a valuation input): social value (health, less isolation) per extra client-year off "
        "benefit, EUR: attached to the outcome, as the werkwijzer asks. Default 0.",
        0, math.inf, stream=26, ledgers=SOCIETAL,
    ),
    "employer_cost_share": ParamInfo(
        "Employer costs on top of the gross wage, as a share of it: the value of work and the employer's wage cost "
        "are wage × (1 + this). Default 0.235, the statutory allowance for employer costs in the LKS regulation "
        "(Regeling loonkostensubsidie 2021, facts.md §2).",
        0, 1, kind="rate", stream=27, ledgers=SOCIETAL,
    ),
    "client_net_wage_per_year": ParamInfo(
        "Who pays, who gains: the client's net wage per year at full time incl. holiday pay, EUR (for a couple, the "
        "working partner's). Unset (the default): the 2026 rule, loonheffing less the algemene heffingskorting and "
        "arbeidskorting, on the gross wage actually earned, minimum_wage_annual × hours (27,595.87 at the full-time "
        "WML 2026, 14,563.61 at half time; DERIVED, VERIFY against the Belastingdienst tables 2026). Set: this "
        "figure × hours (benefit_saved_share, or a state's hours), without the tax credits' part-time effect.",
        0, math.inf, stream=28, ledgers=(),
    ),
    "client_net_benefit_per_year": ParamInfo(
        "Who pays, who gains: the client's net bijstand per year incl. holiday pay, EUR (the household's norm). "
        "Default by household: 16,818.00 for a single person, 24,025.56 for a couple (the norms of 1 January 2026, "
        "EUR 1,401.50 and 2,002.13 a month, SZW normenbrief; VERIFY against the Staatscourant).",
        0, math.inf, stream=29, ledgers=(),
    ),
}

DISCOUNT_INFO = ParamInfo("Annual discount rate.", 0, 0.2, kind="rate", stream=7, ledgers=BOTH)

#: Stable stream ids of every uncertain parameter, the discount rate included.
PARAMETER_STREAMS: dict[str, int] = dict(
    sorted({**{k: v.stream for k, v in PARAMETERS.items()}, "discount_rate": DISCOUNT_INFO.stream}.items(), key=lambda kv: kv[1])
)

#: Model keys that are not uncertain numbers: (description, default).
STRUCTURAL_KEYS: dict[str, tuple[str, Any]] = {
    "intake_years": ("Number of yearly intake cohorts; cohort k starts in month 12·k. Default 1.", 1),
    "outflow_window_months": ("Months after the start of a cohort during which the programme works. Default 12.", 12),
    "relapse_model": (
        "exponential (default): each month an off-benefit client returns with probability 1/(12·D); "
        "fixed: exactly round(12·D) months off; levelling: a durable share never returns, the others return "
        "at a monthly hazard (relapse_within_12_months, relapse_ever).",
        "exponential",
    ),
    "effect_profile": (
        "How the net effect is spread over the months since intake: a list of {from_month, weight} (piecewise "
        "constant, the first from_month 0, strictly increasing; the last weight holds to the horizon, so end "
        "with weight 0; a negative weight is lock-in), or a named shape: window (weight 1 in the outflow window, "
        "then 0; the default), lock_in (Lammers & Kok, ESB 2014: negative first, positive later, a small lasting "
        "tail) or decay (WerkLoont: the effect fades over two years after the window). Default: window.",
        None,
    ),
    "baseline_outflow_by_duration": (
        "Annual baseline exit rate by years on benefit in the current spell, an alternative to "
        "baseline_outflow_rate: a list of {from_years, rate} (first from_years 0, strictly increasing; rate a "
        "fraction). Long-term clients then leave at the low rate the data show (CBS publishes these rates).",
        None,
    ),
    "years_on_benefit_at_intake": (
        "Years on benefit in the current spell when the cohort starts (picks the starting band of "
        "baseline_outflow_by_duration; used only with it). Default 0.",
        0.0,
    ),
    "classes": (
        "Hidden heterogeneity within a part: a list of {name, share, <model keys>}, e.g. near and far from the "
        "labour market, each with its own baseline, effect and relapse; shares above 0 and summing to 1; clients "
        "are split by largest remainder and the part is the sum of its classes. A class may not set cohort_size, "
        "intake_years, outflow_window_months or classes.",
        None,
    ),
    "lks_refund": (
        "BLKS (Stb. 2021, 442, since 2022): true (default): the loonkostensubsidie paid in a budget year comes back "
        "in the next year's budget (booked in its first month; refunds past the horizon are not counted); false: "
        "the municipality bears it all.",
        True,
    ),
    "household": (
        "Who pays, who gains: single (default) or couple: picks the default client_net_benefit_per_year (the bijstand "
        "norm of a single person or of a couple). For a couple, the net wage is the working partner's at the minimum "
        "wage and the household's other income is unchanged. An explicit client_net_benefit_per_year wins.",
        "single",
    ),
}
RELAPSE_MODELS = ("exponential", "fixed", "levelling")
#: The structural keys that take one of a few words, and the words each allows.
CHOICES: dict[str, tuple[str, ...]] = {"relapse_model": RELAPSE_MODELS, "household": HOUSEHOLDS}

#: The model keys in the order the schema lists them (a strategy or group may set each).
MODEL_KEY_ORDER: tuple[str, ...] = (
    "cohort_size", "intake_years", "cost_per_client", "annual_benefit_cost", "outflow_rate", "net_effect",
    "effect_profile", "outflow_window_months", "baseline_outflow_rate", "baseline_outflow_by_duration",
    "years_on_benefit_at_intake", "time_out_of_benefits_years", "relapse_model",
    "relapse_within_12_months", "relapse_ever", "subsidised_share", "wage_value", "benefit_saved_share",
    "minimum_wage_annual", "caseload", "annual_cost_per_fte", "programme_months", "fixed_annual_cost",
    "startup_cost", "social_value_per_participant_year", "classes",
    "benefit_retention", "execution_cost_per_client_year", "placement_cost_per_year", "lks_refund",
    "displacement", "non_market_time_value_per_year", "social_value_per_extra_client_year", "employer_cost_share",
    "household", "client_net_wage_per_year", "client_net_benefit_per_year",
)

SCENARIO_ONLY_KEYS = ("horizon_years", "discount_rate", "iterations", "seed", "price_year", "start_year", "indexation")
#: Defaults of the optional model keys (a parameter's default is a fixed number).
MODEL_DEFAULTS: dict[str, Any] = {
    "intake_years": 1,
    "outflow_window_months": 12,
    "baseline_outflow_rate": 0.0,
    "relapse_model": "exponential",
    "subsidised_share": 0.0,
    "wage_value": 1.0,
    "benefit_saved_share": 1.0,
    "minimum_wage_annual": MINIMUM_WAGE_2026,
    "caseload": 1.0,  # only used with annual_cost_per_fte, which then requires it to be set
    "annual_cost_per_fte": 0.0,
    "programme_months": 12.0,
    "fixed_annual_cost": 0.0,
    "startup_cost": 0.0,
    "social_value_per_participant_year": 0.0,
    "effect_profile": None,
    "baseline_outflow_by_duration": None,
    "years_on_benefit_at_intake": 0.0,
    "classes": None,
    "benefit_retention": 1.0,
    "execution_cost_per_client_year": 0.0,
    "placement_cost_per_year": 0.0,
    "lks_refund": True,
    "displacement": 0.0,
    "non_market_time_value_per_year": 0.0,
    "social_value_per_extra_client_year": 0.0,
    "employer_cost_share": EMPLOYER_COST_SHARE,
    # No fixed default: the 2026 tax rule on minimum_wage_annual × hours (roi_sim.model.net_wage),
    # EUR 27,595.87 at the full-time WML 2026, unless set.
    "client_net_wage_per_year": None,
    "household": "single",
    # No fixed default: the household's norm (CLIENT_NET_BENEFIT_BY_HOUSEHOLD) unless set.
    "client_net_benefit_per_year": None,
}
#: The keys whose setting (anywhere in the scenario, even to 0) asks for a societal figure:
#: without one of them the MKBA would rest on defaults nobody chose (issue 14.4), so the
#: JSON's ``ledgers.societal`` is null. ``wage_value`` alone does not count: it is set for
#: the loonkostensubsidie, a fiscal input.
VALUATION_KEYS: tuple[str, ...] = (
    "displacement", "non_market_time_value_per_year", "social_value_per_extra_client_year", "social_value_per_participant_year",
)
#: Every part needs these, and exactly one key of :data:`EFFECT_KEYS`.
REQUIRED_MODEL_KEYS = ("cohort_size", "cost_per_client", "annual_benefit_cost")
#: The two ways to give the programme's effect (DESIGN.md §9); exactly one per part.
EFFECT_KEYS = ("outflow_rate", "net_effect")
#: Keys that are alternatives to each other: a more specific level that sets one replaces
#: the other inherited from a less specific level; both at one level is an error.
ALTERNATIVES: tuple[tuple[str, str], ...] = (EFFECT_KEYS, ("baseline_outflow_rate", "baseline_outflow_by_duration"))
#: Keys a class may not set, and why (a class is a share of its part's clients).
CLASS_FORBIDDEN_KEYS: dict[str, str] = {
    "cohort_size": template("a class is a share of its part's clients, so the part's cohort_size (or allocation) sets how many"),
    "intake_years": template("a class is a share of each of its part's intakes, so the part sets the intakes"),
    "outflow_window_months": template("the net effect is measured over the part's outflow window, the same for all its classes"),
    "classes": template("classes cannot be nested; list every class in the one classes list"),
}
#: The relapse keys each relapse model uses (and needs).
RELAPSE_KEYS: dict[str, tuple[str, ...]] = {
    "exponential": ("time_out_of_benefits_years",),
    "fixed": ("time_out_of_benefits_years",),
    "levelling": ("relapse_within_12_months", "relapse_ever"),
}


#: DESIGN.md §10: the ladder's rates as parameters (sensitivity, breakeven, voi), named
#: ``transition:<from>:<to>`` and ``programme:<from>:<to>:<rate|net_effect>``.
LADDER_RATE_INFO = ParamInfo("An annual rate of a move between two states.", 0, 1, kind="rate", ledgers=BOTH)
LADDER_NET_EFFECT_INFO = ParamInfo("The programme's net effect on a move between two states.", -1, 1, kind="rate", ledgers=BOTH)


def is_ladder_parameter(name: str) -> bool:
    return name.startswith(("transition:", "programme:"))


def parameter_info(name: str) -> ParamInfo:
    """What a parameter means and may be: a model key's, the discount rate's or a ladder rate's."""
    if name == "discount_rate":
        return DISCOUNT_INFO
    if is_ladder_parameter(name):
        return LADDER_NET_EFFECT_INFO if name.endswith(":net_effect") else LADDER_RATE_INFO
    return PARAMETERS[name]
