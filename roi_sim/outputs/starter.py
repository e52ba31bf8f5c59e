"""The commented starting scenario written by `roi-sim init`: sourced 2026 defaults, each
line saying where its number comes from and what to change (English or Dutch comments;
the keys are the scenario's, the same in both languages).

Sources are the project's domain facts (docs: facts.md): Berenschot via Consultancy.nl for
the benefit cost, Divosa's re-inflow benchmark for relapse, CBS for the baseline outflow,
the Rijkswaterstaat/werkgroep discontovoet 2020 for the MKBA discount rate, the 2026 WML.
"""

from __future__ import annotations

# (key line, English comment, Dutch comment); "" for a comment-only line, None for a blank.
_LINES: tuple[tuple[str | None, str, str], ...] = (
    ("", "What does re-integration earn back for the municipality, and how sure is that?",
     "Wat levert re-integratie de gemeente op, en hoe zeker is dat?"),
    ("", "Write your council's question here: it opens the council report (roi-sim report).",
     "Schrijf hier de vraag van de raad: die opent de raadsrapportage (roi-sim report)."),
    (None, "", ""),
    ("name: My municipality — re-integration plan 2026", "change to your plan's name", "vervang door de naam van uw plan"),
    ("horizon_years: 5", "the period the sums cover, in years; 5 is common in a raadsvoorstel",
     "de rekenperiode in jaren; 5 is gebruikelijk in een raadsvoorstel"),
    ("discount_rate: 0.0225", "facts.md §6: the Dutch MKBA standard discount rate, 2.25% real (werkgroep discontovoet 2020, in force since 2021); 0 for undiscounted budget sums",
     "facts.md §6: de standaard disconteringsvoet voor een MKBA, 2,25% reëel (werkgroep discontovoet 2020, sinds 2021); 0 voor niet-contant gemaakte begrotingsbedragen"),
    ("seed: 2026", "any whole number: the same seed gives the same numbers", "een willekeurig geheel getal: dezelfde seed geeft dezelfde uitkomsten"),
    (None, "", ""),
    ("cohort_size: 100", "clients who start a trajectory per intake year: your own plan's number",
     "cliënten die per instroomjaar een traject beginnen: het getal uit uw eigen plan"),
    ("intake_years: 1", "how many years a new group starts", "hoeveel jaar er een nieuwe groep begint"),
    ("cost_per_client: 2000", "facts.md §3: Almere's intensive guidance, maatwerkbudget up to EUR 2,000 per client; put in your own trajectory price",
     "facts.md §3: intensieve begeleiding in Almere, maatwerkbudget tot € 2.000 per cliënt; vul uw eigen trajectprijs in"),
    ("annual_benefit_cost:", "what one client on benefit costs the municipality per year, EUR",
     "wat één cliënt in de bijstand de gemeente per jaar kost, in euro"),
    ("  dist: triangular", "uncertain: the mix of households is not known in advance", "onzeker: de mix van huishoudens ligt niet vast"),
    ("  low: 14000", "facts.md §1: Berenschot, average all-in cost of one bijstandsuitkering, about EUR 14,000 a year (2018 prices)",
     "facts.md §1: Berenschot, gemiddelde kosten van een bijstandsuitkering, ongeveer € 14.000 per jaar (prijzen 2018)"),
    ("  mode: 16429", "facts.md §1: single person, net norm x 12 incl. holiday allowance, EUR 16,429 (July 2025)",
     "facts.md §1: alleenstaande, netto norm x 12 incl. vakantiegeld, € 16.429 (juli 2025)"),
    ("  high: 23470", "facts.md §1: couple, net norm x 12 incl. holiday allowance, EUR 23,470 (July 2025)",
     "facts.md §1: gehuwden/samenwonenden, netto norm x 12 incl. vakantiegeld, € 23.470 (juli 2025)"),
    ("outflow_rate:", "share of the group off benefit within the outflow window, programme and all",
     "aandeel van de groep dat binnen de uitstroomperiode uit de uitkering is, programma inbegrepen"),
    ("  dist: pert", "uncertain; replace with your pilot's result (roi-sim calibrate turns counts into a distribution)",
     "onzeker; vervang door de uitkomst van uw pilot (roi-sim calibrate maakt van tellingen een verdeling)"),
    ("  low: 0.12", "facts.md §4: CBS, about 12% of the bijstand stock leaves for a job each year", "facts.md §4: CBS, ongeveer 12% van het bijstandsbestand vindt per jaar werk"),
    ("  mode: 0.16", "facts.md §5: trajectories add a few percentage points (0-9 pp in Dutch trials)", "facts.md §5: trajecten voegen een paar procentpunten toe (0-9 procentpunt in Nederlandse proeven)"),
    ("  high: 0.21", "facts.md §5: the best Dutch trial, +9 pp (Utrecht)", "facts.md §5: de beste Nederlandse proef, +9 procentpunt (Utrecht)"),
    ("outflow_window_months: 12", "months in which the outflow above happens", "maanden waarin de uitstroom hierboven plaatsvindt"),
    ("baseline_outflow_rate: 0.12", "facts.md §4: CBS, 12% a year leave for a job without any programme (the counterfactual); about 0.08 for people over 3 years on benefit",
     "facts.md §4: CBS, 12% per jaar vindt ook zonder programma werk (wat toch gebeurt); ongeveer 0,08 voor wie langer dan 3 jaar een uitkering heeft"),
    ("relapse_model: levelling", "re-inflow that levels off: many come back in the first year, few after", "terugval die afvlakt: velen komen het eerste jaar terug, daarna weinigen"),
    ("relapse_within_12_months: 0.20", "facts.md §4: Divosa benchmark, 20% back on benefit within 1 year", "facts.md §4: Divosa-benchmark, 20% binnen 1 jaar terug in de bijstand"),
    ("relapse_ever: 0.35", "facts.md §4: Divosa benchmark, 35% back within 5 years", "facts.md §4: Divosa-benchmark, 35% binnen 5 jaar terug"),
    ("subsidised_share: 0", "share working with wage-cost subsidy (LKS); raise it for people below full wage value",
     "aandeel dat met loonkostensubsidie (LKS) werkt; verhoog dit voor mensen onder de volle loonwaarde"),
    ("minimum_wage_annual: 29735.42", "facts.md §2: 2026 statutory minimum wage per year incl. 8% holiday pay", "facts.md §2: wettelijk minimumloon 2026 per jaar incl. 8% vakantiegeld"),
    (None, "", ""),
    ("strategies:", "what you compare; each strategy changes only what it names", "wat u vergelijkt; iedere strategie wijzigt alleen wat ze noemt"),
    ("  - name: The plan", "the plan as above", "het plan zoals hierboven"),
    ("  - name: The plan with half the trajectory cost", "an example of a second option: change or delete it",
     "een voorbeeld van een tweede keuze: pas aan of verwijder"),
    ("    cost_per_client: 1000", "", ""),
)

LANGUAGES = ("en", "nl")


def starter_scenario(lang: str = "en") -> str:
    """The YAML text of the starting scenario, commented in ``lang`` (en or nl)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    pick = 1 if lang == "en" else 2
    width = max(len(line[0]) for line in _LINES if line[0])
    out = []
    for line in _LINES:
        key, comment = line[0], line[pick]
        if key is None:
            out.append("")
        elif key == "":
            out.append(f"# {comment}")
        elif comment:
            out.append(f"{key.ljust(width)}  # {comment}")
        else:
            out.append(key)
    return "\n".join(out) + "\n"
