"""Languages of the human-readable output: English (default) and Dutch (`--lang nl`).

Every label, heading and sentence a table, report or chart shows lives here, in both
languages, and numbers and euros are formatted with babel (CLDR locale data) rather than
by hand: `€1,234,568` in English, `€ 1.234.568` in Dutch. JSON and CSV keep their
language-neutral keys.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LANGUAGES = ("en", "nl")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # summary rows
        "investment": "Investment",
        "gross_savings": "Gross savings (benefits not paid)",
        "counterfactual_savings": "Would have been saved anyway",
        "net_savings": "Net savings (after investment)",
        "benefit_cost_ratio": "Benefit-cost ratio",
        "roi": "Return on investment",
        "extra_clients_off_benefit": "Extra clients off benefit at the end",
        "subsidies_row": "Wage-cost subsidies paid (LKS)",
        "chance_positive": "Budget risk: chance this cohort's net savings are positive",
        "decision_positive": "How sure we are it pays: chance the expected net is positive",
        "uncertainty_note": "Two kinds of uncertainty, reported apart. 'How sure we are it pays' counts only what we do not know (the uncertain assumptions): the share of assumption draws under which the programme is expected to pay. 'Budget risk' adds this cohort's luck (who happens to leave and return): how much the budget can move even if the assumptions are right.",
        "variants_note": "Figures average over {n} rival beliefs, weighted as the scenario says: {listed}. Each belief's own figures are in the JSON (by_variant); beliefs are never ranked as choices.",
        "variants_note_equal": "Figures average over {n} rival beliefs with equal weights (the scenario gives none): {listed}. Each belief's own figures are in the JSON (by_variant); beliefs are never ranked as choices.",
        "deterministic_note": "Deterministic run: every assumption at its mean, one evaluation; chances do not apply (–).",
        "payback_median": "Payback month (median)",
        "payback": "Payback month",
        "never": "never within the horizon",
        "pays_back_in": "pays back in {p}",
        "interval": "90%: {a} to {b}",
        "societal_work": "Societal: value of the extra work",
        "societal_social": "Societal: social value",
        "societal_net": "Societal net (MKBA)",
        "summary_title": "Summary per strategy",
        "summary_title_mc": "Summary per strategy (mean; 90% interval below)",
        "summary_note_mc": "Mean over iterations; the 90% interval runs from the 5th to the 95th percentile.",
        # yearly table
        "yearly_title": "Cash flow per year — {name}",
        "yearly_title_mc": "Cash flow per year — {name} (mean over iterations)",
        "amounts": "Amounts (€)",
        "year": "Year",
        "year_n": "Year {n}",
        "total": "Total",
        "thousands": "amounts × €1,000",
        "yearly_investment": "Investment",
        "yearly_savings": "Savings (net of counterfactual)",
        "yearly_subsidies": "Subsidies (LKS)",
        "yearly_net": "Net",
        "yearly_cumulative": "Cumulative net",
        # settings line
        "settings_mc": "{n} iterations, seed {seed}",
        "settings_det": "deterministic (expected values)",
        "settings_rest": "horizon {h} years · discount rate {r} · roi-sim {version} · scenario sha256 {sha}",
        "uncertain": "uncertain",
        # sentences
        "no_investment": "Nothing is invested, so there is no return per euro.",
        "returns": "Each euro invested returns {x} in benefit savings beyond what would have happened anyway",
        "returns_interval": " (90% interval {a} to {b})",
        "returns_gross": "Each euro invested returns {x} in benefit savings",
        "negative_ratio": "The ratio is below zero: after the correction the benefits saved do not even cover the wage-cost "
        "subsidies paid, so the municipality loses more than it invests.",
        "no_counterfactual": "No counterfactual was modelled: the savings count every client who leaves benefit, "
        "including those who would have left without the programme.",
        "relapse_levelling": "Relapse is included: {a} of leavers are back on benefit within a year, {b} ever.",
        "relapse_fixed": "Every leaver is assumed to stay off benefit for exactly {y} years, then return; no one comes back earlier.",
        "relapse_exponential": "Relapse is included: leavers stay off benefit {y} years on average.",
        "subsidies_deducted": "Wage-cost subsidies (LKS) paid are deducted.",
        "no_subsidies": "No wage-cost subsidy (LKS) is assumed.",
        "gains": "Over {h} years the municipality gains {x} net.",
        "loses": "Over {h} years the municipality loses {x} net.",
        "earns_back": "It earns the investment back.",
        "not_earns_back": "It does not earn the investment back.",
        "chance_back": "Chance of earning the investment back within the horizon: {p}.",
        "break_even": "Break-even in month {m}.",
        "break_even_median": "Median break-even in month {m}.",
        "best": "Best for the municipality (highest expected net savings): {a} ({x}). "
        "Best for society (highest expected societal net, MKBA): {b} ({y}).",
        "best_sure": "{a} is expected to do better than each of the others under at least {p} of the uncertain assumptions' draws: a firm result.",
        "best_unsure": "{a} is expected to do better than the next best under only {p} of the uncertain assumptions' draws: not a firm recommendation.",
        "rounded_note": "Amounts in these sentences are rounded to what the simulation supports "
        "(standard error of the mean up to {se}); the tables, JSON and workbook keep whole euros.",
        "discounted_note": "All amounts are present values, discounted at {r} a year (the investment too), "
        "so they are lower than the budget lines they come from.",
        # council report
        "report_title": "Council report",
        "made": "Made on {date} with roi-sim {version} · scenario sha256 {sha} · seed {seed} · {n} iterations",
        "made_det": "Made on {date} with roi-sim {version} · scenario sha256 {sha} · deterministic (expected values)",
        "question": "The question",
        "default_question": "What does this investment in re-integration earn back in benefit payments, how sure is that, and which strategy is the better investment?",
        "headline": "In short",
        "correction": "Gross savings and the correction",
        "correction_text": "Back-of-envelope arithmetic counts every client who leaves benefit. Some of them would have left anyway; "
        "only the rest is the programme's merit.",
        "savings_net_cf": "Savings net of the counterfactual",
        "charts": "Charts",
        "assumptions": "Assumptions",
        "assumptions_text": "Every parameter of the scenario, its value or distribution, and its source as noted in the scenario file.",
        "parameter": "Parameter",
        "value": "Value or distribution",
        "source": "Source",
        "no_source": "(no source given)",
        "comparison": "Strategies compared, future by future",
        "ranked_fiscal": "Ranked by expected net savings (municipality): {order}.",
        "ranked_societal": "Ranked by expected societal net (MKBA): {order}.",
        "pair_header": "A against B",
        "pair_diff": "A − B (mean)",
        "pair_beats": "A beats B",
        "sensitivity": "Which assumption matters most",
        "sensitivity_text": "Each uncertain parameter from its 10th to its 90th percentile, the others at their means: the swing of the expected net savings.",
        "swing": "Swing",
        "net_at_low": "Net at p10",
        "net_at_high": "Net at p90",
        "strategy": "Strategy",
        # charts
        "fan_title": "Cumulative net cash flow",
        "month_axis": "Months since the first intake",
        "money_axis": "Euros (discounted)",
        "median": "median",
        "band_90": "90% of outcomes",
        "band_50": "50% of outcomes",
        "histogram_title": "Net savings over all simulated futures",
        "histogram_axis": "Net savings",
        "frequency_axis": "Share of simulated futures",
        "zero_line": "break-even (0)",
        "comparison_title": "Net savings per strategy: mean and 90% interval",
        "strategy_axis": "Strategy",
        "annex": "Technical annex: the scenario keys",
        "annex_text": "The same assumptions as written in the scenario file, for whoever edits it.",
        "key": "Key",
        "value_as_written": "As written",
        "strategy_word": "strategy",
        "group_word": "group",
        # decision support (breakeven, voi, sensitivity)
        "ledger_fiscal": "net savings for the municipality (fiscal)",
        "ledger_societal": "societal net (MKBA)",
        "breakeven_line": "break-even of {p} on the deterministic model · {ledger}",
        "scenario_value": "Scenario value",
        "breakeven": "Break-even",
        "pays_when": "Pays when",
        "chance_paying": "Chance on the paying side",
        "breakeven_one_parameter": "The chance on the paying side counts the uncertainty of {p} only: every other assumption is held at its mean.",
        "voi_line": "value of information · {ledger} · {n} iterations, seed {seed} · options: {options}",
        "voi_best": "Best decision on current knowledge: {option} (expected {x}).",
        "evppi_title": "Knowing one parameter before deciding is worth at most (EVPPI)",
        "evppi": "Worth at most",
        "method": "Method",
        "voi_skipped": "Not assessed (drawn separately per strategy, so not one quantity): ",
        "sensitivity_line": "sensitivity of the {ledger}",
        "tornado_title": "{name}: each uncertain parameter from its p10 to its p90, the others at their means (expected net at the means {x})",
        "p10_p90": "p10 → p90",
        "no_uncertain": "(no uncertain parameters)",
        "global_title": "{name}: what drives the spread of the net ({method}, {n} points)",
        "first_order": "First-order index",
        "total_order": "Total index",
        "rank_correlation": "Rank correlation with the net",
    },
    "nl": {
        "investment": "Investering",
        "gross_savings": "Bruto besparing (niet betaalde uitkeringen)",
        "counterfactual_savings": "Was ook zonder programma bespaard",
        "net_savings": "Netto besparing (na investering)",
        "benefit_cost_ratio": "Baten-kostenverhouding",
        "roi": "Rendement op de investering",
        "extra_clients_off_benefit": "Extra cliënten uit de uitkering aan het eind",
        "subsidies_row": "Betaalde loonkostensubsidie (LKS)",
        "chance_positive": "Begrotingsrisico: kans dat deze groep netto besparing oplevert",
        "decision_positive": "Hoe zeker het rendeert: kans dat de verwachte netto besparing positief is",
        "uncertainty_note": "Twee soorten onzekerheid, apart vermeld. 'Hoe zeker het rendeert' telt alleen wat we niet weten (de onzekere aannames): het deel van de aannames waarbij het programma naar verwachting rendeert. 'Begrotingsrisico' telt daarbij het toeval in deze groep (wie toevallig uitstroomt en terugkeert): hoeveel de begroting kan afwijken, ook als de aannames kloppen.",
        "variants_note": "De bedragen zijn een gewogen gemiddelde over {n} verschillende opvattingen, met de gewichten uit het scenario: {listed}. De uitkomst per opvatting staat in de JSON (by_variant); opvattingen worden nooit als keuzes gerangschikt.",
        "variants_note_equal": "De bedragen zijn een gemiddelde over {n} verschillende opvattingen met gelijke gewichten (het scenario geeft er geen): {listed}. De uitkomst per opvatting staat in de JSON (by_variant); opvattingen worden nooit als keuzes gerangschikt.",
        "deterministic_note": "Deterministische berekening: elke aanname op haar gemiddelde, één doorrekening; kansen zijn niet van toepassing (–).",
        "payback_median": "Terugverdientijd in maanden (mediaan)",
        "payback": "Terugverdientijd in maanden",
        "never": "niet binnen de rekenperiode",
        "pays_back_in": "verdient zich terug in {p}",
        "interval": "90%: {a} tot {b}",
        "societal_work": "Maatschappelijk: waarde van het extra werk",
        "societal_social": "Maatschappelijk: sociale waarde",
        "societal_net": "Maatschappelijk saldo (MKBA)",
        "summary_title": "Samenvatting per strategie",
        "summary_title_mc": "Samenvatting per strategie (gemiddelde; 90%-interval eronder)",
        "summary_note_mc": "Gemiddelde over alle gesimuleerde toekomsten; in 90% daarvan ligt de uitkomst binnen het interval (5e tot 95e percentiel).",
        "yearly_title": "Kasstroom per jaar — {name}",
        "yearly_title_mc": "Kasstroom per jaar — {name} (gemiddelde over de gesimuleerde toekomsten)",
        "amounts": "Bedragen (€)",
        "year": "Jaar",
        "year_n": "Jaar {n}",
        "total": "Totaal",
        "thousands": "bedragen × € 1.000",
        "yearly_investment": "Investering",
        "yearly_savings": "Besparing (na aftrek van wat toch gebeurde)",
        "yearly_subsidies": "Loonkostensubsidie (LKS)",
        "yearly_net": "Netto",
        "yearly_cumulative": "Cumulatief netto",
        "settings_mc": "{n} gesimuleerde toekomsten, seed {seed}",
        "settings_det": "deterministisch (verwachte waarden)",
        "settings_rest": "rekenperiode {h} jaar · disconteringsvoet {r} · roi-sim {version} · scenario-sha256 {sha}",
        "uncertain": "onzeker",
        "no_investment": "Er wordt niets geïnvesteerd, dus er is geen opbrengst per euro.",
        "returns": "Elke geïnvesteerde euro levert {x} op aan bespaarde uitkeringen, bovenop wat zonder programma ook was gebeurd",
        "returns_interval": " (90%-interval {a} tot {b})",
        "returns_gross": "Elke geïnvesteerde euro levert {x} op aan bespaarde uitkeringen",
        "negative_ratio": "De verhouding is negatief: na de correctie dekt de besparing op uitkeringen niet eens de betaalde "
        "loonkostensubsidie, dus de gemeente verliest meer dan zij investeert.",
        "no_counterfactual": "Er is niet gecorrigeerd voor wie ook zonder programma was uitgestroomd: de besparing telt "
        "iedere cliënt die uitstroomt.",
        "relapse_levelling": "Terugval is meegenomen: {a} van de uitstromers zit binnen een jaar weer in de uitkering, {b} ooit.",
        "relapse_fixed": "Aangenomen is dat iedere uitstromer precies {y} jaar uit de uitkering blijft en dan terugkeert; niemand valt eerder terug.",
        "relapse_exponential": "Terugval is meegenomen: uitstromers blijven gemiddeld {y} jaar uit de uitkering.",
        "subsidies_deducted": "Betaalde loonkostensubsidie (LKS) is afgetrokken.",
        "no_subsidies": "Er is geen loonkostensubsidie (LKS) aangenomen.",
        "gains": "Binnen de rekenperiode van {h} jaar levert dit de gemeente netto {x} op.",
        "loses": "Binnen de rekenperiode van {h} jaar kost dit de gemeente netto {x}.",
        "earns_back": "De investering wordt terugverdiend.",
        "not_earns_back": "De investering wordt niet terugverdiend.",
        "chance_back": "Kans dat de investering binnen de rekenperiode wordt terugverdiend: {p}.",
        "break_even": "Terugverdiend in maand {m}.",
        "break_even_median": "Mediaan: terugverdiend in maand {m}.",
        "best": "Beste voor de gemeente (hoogste verwachte netto besparing): {a} ({x}). "
        "Beste voor de samenleving (hoogste verwacht maatschappelijk saldo, MKBA): {b} ({y}).",
        "best_sure": "{a} doet het naar verwachting bij minstens {p} van de doorgerekende aannames beter dan elk van de andere: een stevige uitkomst.",
        "best_unsure": "{a} doet het naar verwachting bij maar {p} van de doorgerekende aannames beter dan de op één na beste: geen stellige aanbeveling.",
        "rounded_note": "De bedragen in deze zinnen zijn afgerond op wat de simulatie kan onderbouwen "
        "(standaardfout van het gemiddelde tot {se}); de tabellen, JSON en het werkboek geven hele euro's.",
        "discounted_note": "Alle bedragen zijn contante waarden, verdisconteerd tegen {r} per jaar (ook de investering), "
        "en dus lager dan de begrotingsbedragen waar ze vandaan komen.",
        "report_title": "Raadsrapportage",
        "made": "Gemaakt op {date} met roi-sim {version} · scenario-sha256 {sha} · seed {seed} · {n} gesimuleerde toekomsten",
        "made_det": "Gemaakt op {date} met roi-sim {version} · scenario-sha256 {sha} · deterministisch (verwachte waarden)",
        "question": "De vraag",
        "default_question": "Wat levert deze investering in re-integratie op aan uitkeringslasten, hoe zeker is dat, en welke strategie is de betere investering?",
        "headline": "In het kort",
        "correction": "Bruto besparing en de correctie",
        "correction_text": "Een bierviltjesberekening telt iedere cliënt die uitstroomt. Een deel van hen was ook "
        "zonder programma uitgestroomd; alleen de rest is de verdienste van het programma.",
        "savings_net_cf": "Besparing na aftrek van wat toch gebeurde",
        "charts": "Grafieken",
        "assumptions": "Aannames",
        "assumptions_text": "Iedere parameter van het scenario, de waarde of verdeling, en de bron zoals vermeld in het scenariobestand.",
        "parameter": "Parameter",
        "value": "Waarde of verdeling",
        "source": "Bron",
        "no_source": "(geen bron vermeld)",
        "comparison": "Strategieën vergeleken in dezelfde gesimuleerde toekomsten",
        "ranked_fiscal": "Gerangschikt naar verwachte netto besparing (gemeente): {order}.",
        "ranked_societal": "Gerangschikt naar verwacht maatschappelijk saldo (MKBA): {order}.",
        "pair_header": "A tegenover B",
        "pair_diff": "A − B (gemiddeld)",
        "pair_beats": "A wint van B",
        "sensitivity": "Welke aanname het zwaarst weegt",
        "sensitivity_text": "Iedere onzekere parameter van zijn 10e tot zijn 90e percentiel, de andere op hun gemiddelde: de uitslag van de verwachte netto besparing.",
        "swing": "Uitslag",
        "net_at_low": "Netto bij p10",
        "net_at_high": "Netto bij p90",
        "strategy": "Strategie",
        "fan_title": "Cumulatieve netto kasstroom",
        "month_axis": "Maanden na de eerste instroom",
        "money_axis": "Euro's (contant gemaakt)",
        "median": "mediaan",
        "band_90": "90% van de uitkomsten",
        "band_50": "50% van de uitkomsten",
        "histogram_title": "Netto besparing over alle gesimuleerde toekomsten",
        "histogram_axis": "Netto besparing",
        "frequency_axis": "Aandeel van de gesimuleerde toekomsten",
        "zero_line": "omslagpunt (0)",
        "comparison_title": "Netto besparing per strategie: gemiddelde en 90%-interval",
        "strategy_axis": "Strategie",
        "annex": "Technische bijlage: de sleutels van het scenario",
        "annex_text": "Dezelfde aannames zoals ze in het scenariobestand staan, voor wie het bestand aanpast.",
        "key": "Sleutel",
        "value_as_written": "Zoals geschreven",
        "strategy_word": "strategie",
        "group_word": "doelgroep",
        "ledger_fiscal": "netto besparing voor de gemeente",
        "ledger_societal": "maatschappelijk saldo (MKBA)",
        "breakeven_line": "omslagpunt van {p} in het rekenmodel met verwachte waarden · {ledger}",
        "scenario_value": "Waarde in het scenario",
        "breakeven": "Omslagpunt",
        "pays_when": "Loont als",
        "chance_paying": "Kans dat het loont",
        "breakeven_one_parameter": "De kans dat het loont telt alleen de onzekerheid over {p}: alle andere aannames staan op hun gemiddelde.",
        "voi_line": "waarde van extra informatie · {ledger} · {n} gesimuleerde toekomsten, seed {seed} · keuzes: {options}",
        "voi_best": "Beste keuze met wat we nu weten: {option} (verwacht {x}).",
        "evppi_title": "Wat het hooguit waard is om één aanname vooraf zeker te weten",
        "evppi": "Hooguit waard",
        "method": "Methode",
        "voi_skipped": "Niet beoordeeld (per strategie apart getrokken, dus niet één grootheid): ",
        "sensitivity_line": "gevoeligheid van de {ledger}",
        "tornado_title": "{name}: iedere onzekere aanname van haar 10e tot haar 90e percentiel, de andere op hun gemiddelde (verwacht netto bij de gemiddelden {x})",
        "p10_p90": "p10 → p90",
        "no_uncertain": "(geen onzekere aannames)",
        "global_title": "{name}: wat de spreiding van het netto bepaalt ({method}, {n} punten)",
        "first_order": "Eerste-orde-index",
        "total_order": "Totale index",
        "rank_correlation": "Rangcorrelatie met het netto",
    },
}

# The workbook's own names (sheets, statistics, provenance), then every output label.
_XLSX_EN = {
    "summary": "Summary", "yearly": "Yearly", "iterations": "Iterations", "provenance": "Provenance",
    "strategy": "Strategy", "metric": "Metric", "mean": "Mean", "se": "Standard error",
    "p5": "P5", "p50": "P50 (median)", "p95": "P95", "year": "Year",
    "investment": "Investment",
    "gross_savings": "Gross savings (benefits not paid)",
    "counterfactual_savings": "Would have been saved anyway",
    "net_savings": "Net savings (after investment)",
    "benefit_cost_ratio": "Benefit-cost ratio",
    "roi": "Return on investment",
    "extra_clients_off_benefit": "Extra clients off benefit at the end",
    "savings": "Savings (net of counterfactual)", "subsidies": "Subsidies (LKS)",
    "net": "Net", "cumulative_net": "Cumulative net",
    "probability_net_positive": "Chance net savings are positive",
    "payback_p50": "Payback month (median)",
    "payback_within_horizon": "Chance of paying back within the horizon",
    "iteration": "Iteration",
    "payback_months": "Payback month", "value_of_work": "Societal: value of the extra work",
    "social_value": "Societal: social value", "societal_net": "Societal net (MKBA)",
    "key": "Item", "value": "Value", "tool": "Tool", "version": "Version", "schema_version": "JSON schema version",
    "scenario": "Scenario", "sha256": "Scenario sha256", "seed": "Seed",
    "deterministic": "Deterministic (expected values)", "horizon_years": "Horizon (years)",
    "discount_rate": "Discount rate", "created": "Created",
    "iterations_sheet_rows": "Iterations per strategy in the iterations sheet", "note": "Note",
    "iterations_capped": "The iterations sheet is capped at max_rows = {max_rows}: it holds the first {rows} of {n} iterations of every strategy.",
    "iterations_omitted": "The iterations sheet is left empty (it is optional; {n} iterations per strategy were simulated): the summary and yearly sheets hold every figure.",
}  # fmt: skip
_XLSX_NL = {
    "summary": "Samenvatting", "yearly": "Per jaar", "iterations": "Gesimuleerde toekomsten", "provenance": "Herkomst",
    "strategy": "Strategie", "metric": "Grootheid", "mean": "Gemiddelde", "se": "Standaardfout",
    "p5": "P5", "p50": "P50 (mediaan)", "p95": "P95", "year": "Jaar",
    "investment": "Investering",
    "gross_savings": "Bruto besparing (niet betaalde uitkeringen)",
    "counterfactual_savings": "Was ook zonder programma bespaard",
    "net_savings": "Netto besparing (na investering)",
    "benefit_cost_ratio": "Baten-kostenverhouding",
    "roi": "Rendement op de investering",
    "extra_clients_off_benefit": "Extra cliënten uit de uitkering aan het eind",
    "savings": "Besparing (na aftrek van wat toch gebeurde)", "subsidies": "Loonkostensubsidie (LKS)",
    "net": "Netto", "cumulative_net": "Cumulatief netto",
    "probability_net_positive": "Kans op een positieve netto besparing",
    "payback_p50": "Terugverdientijd in maanden (mediaan)",
    "payback_within_horizon": "Kans op terugverdienen binnen de rekenperiode",
    "iteration": "Toekomst nr.",
    "payback_months": "Terugverdientijd in maanden", "value_of_work": "Maatschappelijk: waarde van het extra werk",
    "social_value": "Maatschappelijk: sociale waarde", "societal_net": "Maatschappelijk saldo (MKBA)",
    "key": "Onderdeel", "value": "Waarde", "tool": "Programma", "version": "Versie", "schema_version": "Versie JSON-schema",
    "scenario": "Scenario", "sha256": "Scenario-sha256", "seed": "Seed",
    "deterministic": "Deterministisch (verwachte waarden)", "horizon_years": "Rekenperiode (jaren)",
    "discount_rate": "Disconteringsvoet", "created": "Gemaakt op",
    "iterations_sheet_rows": "Gesimuleerde toekomsten per strategie in het blad", "note": "Opmerking",
    "iterations_capped": "Het blad met gesimuleerde toekomsten is begrensd op max_rows = {max_rows}: het bevat de eerste {rows} van {n} per strategie.",
    "iterations_omitted": "Het blad met gesimuleerde toekomsten is leeg gelaten (het is optioneel; er zijn {n} toekomsten per strategie gesimuleerd): de bladen samenvatting en per jaar bevatten alle cijfers.",
}  # fmt: skip

XLSX_LABELS: dict[str, dict[str, str]] = {code: {**LABELS[code], **own} for code, own in (("en", _XLSX_EN), ("nl", _XLSX_NL))}

#: Every scenario key in words, for tables a policy officer reads (the key itself only in
#: a technical annex).
PARAM_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "cohort_size": "clients per intake year", "cost_per_client": "trajectory cost per client",
        "annual_benefit_cost": "benefit cost per client per year", "outflow_rate": "share leaving benefit",
        "baseline_outflow_rate": "share leaving benefit without the programme (per year)",
        "time_out_of_benefits_years": "years off benefit", "relapse_within_12_months": "back on benefit within 12 months",
        "relapse_ever": "ever back on benefit", "subsidised_share": "share working with wage-cost subsidy",
        "wage_value": "wage value (share of minimum wage)", "benefit_saved_share": "share of the benefit saved",
        "minimum_wage_annual": "minimum wage per year", "caseload": "clients per staff member",
        "annual_cost_per_fte": "annual cost per staff member (FTE)", "programme_months": "months in the programme",
        "fixed_annual_cost": "fixed team cost per year", "startup_cost": "start-up cost",
        "social_value_per_participant_year": "social value per participant per year",
        "horizon_years": "period (years)", "discount_rate": "discount rate", "iterations": "simulated futures", "seed": "seed",
        "intake_years": "intake years", "outflow_window_months": "months to leave benefit", "relapse_model": "relapse model",
        "name": "name", "strategies": "strategies", "groups": "groups", "clients_available": "clients available",
        "exponential": "exponential (leavers return at a steady rate)", "fixed": "fixed (everyone stays off exactly that long)",
        "levelling": "levelling (returns level off over time)",
    },
    "nl": {
        "cohort_size": "cliënten per instroomjaar", "cost_per_client": "trajectkosten per cliënt",
        "annual_benefit_cost": "uitkeringslast per cliënt per jaar", "outflow_rate": "aandeel dat uitstroomt",
        "baseline_outflow_rate": "aandeel dat zonder programma uitstroomt (per jaar)",
        "time_out_of_benefits_years": "jaren uit de uitkering", "relapse_within_12_months": "binnen 12 maanden terug in de uitkering",
        "relapse_ever": "ooit terug in de uitkering", "subsidised_share": "aandeel dat met loonkostensubsidie werkt",
        "wage_value": "loonwaarde (deel van het minimumloon)", "benefit_saved_share": "deel van de uitkering dat vervalt",
        "minimum_wage_annual": "minimumloon per jaar", "caseload": "cliënten per klantmanager",
        "annual_cost_per_fte": "jaarkosten per fte klantmanager", "programme_months": "maanden in het programma",
        "fixed_annual_cost": "vaste teamkosten per jaar", "startup_cost": "opstartkosten",
        "social_value_per_participant_year": "sociale waarde per deelnemer per jaar",
        "horizon_years": "rekenperiode (jaren)", "discount_rate": "disconteringsvoet", "iterations": "gesimuleerde toekomsten", "seed": "seed",
        "intake_years": "instroomjaren", "outflow_window_months": "maanden om uit te stromen", "relapse_model": "model voor terugval",
        "name": "naam", "strategies": "strategieën", "groups": "doelgroepen", "clients_available": "beschikbare cliënten",
        "exponential": "exponentieel (uitstromers keren in een vast tempo terug)", "fixed": "vast (iedereen blijft precies zo lang uit de uitkering)",
        "levelling": "afvlakkend (terugkeer vlakt in de tijd af)",
    },
}
#: Distribution names and their parameters in words.
DIST_LABELS: dict[str, dict[str, str]] = {
    "en": {"pert": "PERT", "triangular": "triangular", "uniform": "uniform", "normal": "normal", "lognormal": "lognormal",
           "beta": "beta", "fixed": "fixed", "low": "lowest", "mode": "most likely", "high": "highest", "mean": "mean",
           "sd": "standard deviation", "alpha": "α", "beta_": "β", "value": "value", "gamma": "gamma",
           "successes": "successes", "trials": "trials"},
    "nl": {"pert": "PERT-verdeling", "triangular": "driehoeksverdeling", "uniform": "uniforme verdeling", "normal": "normale verdeling",
           "lognormal": "lognormale verdeling", "beta": "bètaverdeling", "fixed": "vast", "low": "laagste", "mode": "meest waarschijnlijk",
           "high": "hoogste", "mean": "gemiddeld", "sd": "standaardafwijking", "alpha": "α", "beta_": "β", "value": "waarde",
           "gamma": "gammaverdeling", "successes": "geslaagd", "trials": "deelnemers"},
}

_LOCALES = {"en": "en_GB", "nl": "nl_NL"}
# Whole euros, the minus sign before the symbol: "-€54,000", "-€ 54.000" (the CLDR nl
# pattern "€ -54.000" reads as a typo in a raadsvoorstel).
_EURO_PATTERNS = {"en": "¤#,##0;-¤#,##0", "nl": "¤ #,##0;-¤ #,##0"}
_CENT_PATTERNS = {"en": "¤#,##0.00;-¤#,##0.00", "nl": "¤ #,##0.00;-¤ #,##0.00"}


@dataclass(frozen=True)
class Language:
    """Labels and number formats of one output language."""

    code: str

    def t(self, key: str, **values: object) -> str:
        """The label ``key``, with ``{placeholders}`` filled in."""
        text = LABELS[self.code][key]
        return text.format(**values) if values else text

    def param(self, key: str) -> str:
        """A scenario key in words: ``outflow_rate`` -> "share leaving benefit"; a path such
        as ``strategies[2].cost_per_client`` keeps its place in brackets."""
        import re

        match = re.match(r"^(.*?)([A-Za-z_][A-Za-z0-9_]*)$", key)
        if not match or match.group(2) not in PARAM_LABELS[self.code]:
            return key
        where, name = match.group(1).rstrip("."), match.group(2)
        label = PARAM_LABELS[self.code][name]
        return f"{label} ({where})" if where else label

    def number(self, x: float) -> str:
        """A scenario number as written, in this language's format, never in e-notation."""
        if float(x).is_integer():
            return self.decimal(x, 0)
        digits = min(6, max(0, len(repr(float(x)).split(".")[1].rstrip("0"))))
        return self.decimal(x, digits)

    def value(self, text: str) -> str:
        """A value or distribution of the scenario in words: ``pert(low 0.2, mode 0.25,
        high 0.3)`` -> "PERT-verdeling: laagste 0,2, meest waarschijnlijk 0,25, hoogste 0,3"."""
        import re

        words = DIST_LABELS[self.code]
        match = re.match(r"^([a-z]+)\((.*)\)$", text.strip())
        if match:
            parts = []
            for piece in match.group(2).split(", "):
                k, _, v = piece.partition(" ")
                parts.append(f"{words.get(k, k)} {self._num(v)}")
            return f"{words.get(match.group(1), match.group(1))}: " + ", ".join(parts)
        if text in PARAM_LABELS[self.code]:
            return PARAM_LABELS[self.code][text]
        return self._num(text)

    def _num(self, text: str) -> str:
        try:
            return self.number(float(text))
        except ValueError:
            return text

    def euro(self, x: float | None) -> str:
        """Whole euros with thousands separators; ``–`` for no value."""
        if x is None or not math.isfinite(x):
            return "–"
        from babel.numbers import format_currency

        whole = float(round(x)) or 0.0  # no "-€0"
        return format_currency(whole, "EUR", format=_EURO_PATTERNS[self.code], locale=_LOCALES[self.code], currency_digits=False)

    def euro_cents(self, x: float) -> str:
        """Euros and cents: the return per euro invested."""
        from babel.numbers import format_currency

        return format_currency(x, "EUR", format=_CENT_PATTERNS[self.code], locale=_LOCALES[self.code], currency_digits=False)

    def decimal(self, x: float | None, digits: int = 2) -> str:
        """A plain number with ``digits`` decimals (``1.44`` / ``1,44``)."""
        if x is None or not math.isfinite(x):
            return "–"
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(x, format=pattern, locale=_LOCALES[self.code])

    def percent(self, x: float | None) -> str:
        """A share as a whole percentage (``44%``)."""
        if x is None or not math.isfinite(x):
            return "–"
        from babel.numbers import format_percent

        return format_percent(x, format="#,##0%", locale=_LOCALES[self.code])


def language(code: str) -> Language:
    """The :class:`Language` for ``code``; ValueError for an unknown one."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; allowed: {', '.join(LANGUAGES)}")
    return Language(code)


ENGLISH = Language("en")


def compact_euro(x: float, lang: Language) -> str:
    """Short euros for chart axes: ``€1.5M`` / ``€ 1,5 mln``, ``€250k`` / ``€ 250.000``."""
    from babel.numbers import format_decimal

    loc = _LOCALES[lang.code]
    sign = "-" if x < 0 else ""
    a = abs(x)
    if a >= 1e6:
        num, unit = format_decimal(a / 1e6, format="#,##0.#", locale=loc), ("M" if lang.code == "en" else " mln")
    elif a >= 1e3 and lang.code == "en":
        num, unit = format_decimal(a / 1e3, format="#,##0", locale=loc), "k"
    else:
        num, unit = format_decimal(a, format="#,##0", locale=loc), ""
    return f"{sign}€{num}{unit}" if lang.code == "en" else f"{sign}€ {num}{unit}"
