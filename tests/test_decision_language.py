"""Issue 10.5: the words of `breakeven`, `voi`, `sensitivity`, `calibrate`, `compare` and
`allocate` go through the language tables. In English the tables say exactly what they said
(the analyses' own sentences, byte for byte); in Dutch what a civil servant writes in a
raadsvoorstel; `--lang` is taken as by `run` and `report`."""

from __future__ import annotations

import pytest

from roi_sim.decisions.breakeven import BreakEven, _Crossing, _sentence, breakeven
from roi_sim.decisions.pilot_evsi import ControlledPilot
from roi_sim.decisions.voi import Evpi, evppi, evsi_pilot
from roi_sim.outputs.decision_sentences import breakeven_sentence, evpi_sentence, evppi_method, pays_when, pilot_sentence
from roi_sim.outputs.language import ENGLISH, LABELS, language
from roi_sim.scenario.spec import PARAMETERS, parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD, with_line

NL = language("nl")
STARTUP = with_line("startup_cost: 100000")
UNCERTAIN_COHORT = with_line("cohort_size: {dist: uniform, low: 40, high: 52}", STARTUP)
CASELOAD = with_line("caseload: 40", with_line("annual_cost_per_fte: 80000"))
TWO_UNCERTAIN = LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0.2, high: 0.4}").replace(
    "cost_per_client: 5000", "cost_per_client: {dist: uniform, low: 4000, high: 6000}"
)
TWO_STRATEGIES = TWO_UNCERTAIN + "iterations: 2000\nstrategies:\n  - name: Plan\n  - name: Dearer\n    cost_per_client: 7000\n"

# (scenario, parameter, ledger, the Dutch sentence): every form a break-even sentence takes.
DUTCH = [
    (LELYSTAD_AS_TOLD, "outflow_rate", "fiscal",
     "verdient zich terug als minstens 20,8% van de deelnemers uitstroomt (outflow_rate ≥ 0,2083); het scenario gaat uit van 30%"),
    # The societal ledger needs a valuation input (issue 14.4); work × 1.235 employer costs.
    (LELYSTAD_AS_TOLD + "displacement: 0\n", "outflow_rate", "societal",
     "verdient zich maatschappelijk terug als minstens 6,8% van de deelnemers uitstroomt (outflow_rate ≥ 0,06808); "
     "het scenario gaat uit van 30%"),
    (LELYSTAD_AS_TOLD, "cost_per_client", "fiscal",
     "verdient zich terug bij trajectkosten per cliënt van hooguit € 7.200 (cost_per_client ≤ 7200); het scenario gaat uit van € 5.000"),
    (LELYSTAD_AS_TOLD, "time_out_of_benefits_years", "fiscal",
     "verdient zich terug bij jaren uit de uitkering van minstens 1,4 jaar (time_out_of_benefits_years ≥ 1,375); "
     "het scenario gaat uit van 2,0 jaar"),
    (STARTUP, "cohort_size", "fiscal",
     "verdient zich terug als per instroomjaar minstens 46 cliënten starten (cohort_size ≥ 46); het scenario gaat uit van 300 cliënten"),
    (UNCERTAIN_COHORT, "cohort_size", "fiscal",
     "verdient zich terug als per instroomjaar minstens 46 cliënten starten (cohort_size ≥ 46); "
     "de kans daarop is 55%, gezien de onzekerheid in het scenario"),
    (CASELOAD, "caseload", "fiscal",
     "verdient zich terug bij cliënten per klantmanager van minstens 36,4 cliënten per fte (caseload ≥ 36,36); "
     "het scenario gaat uit van 40 cliënten per fte"),
    (with_line("cost_per_client: 7000"), "discount_rate", "fiscal",
     "verdient zich terug bij disconteringsvoet van hooguit 2,1% (discount_rate ≤ 0,02058); het scenario gaat uit van 0%"),
    (with_line("cost_per_client: 50000"), "outflow_rate", "fiscal",
     "verdient zich niet terug, bij welke waarde van aandeel dat uitstroomt tussen 0% en 100% ook"),
    (LELYSTAD_AS_TOLD, "subsidised_share", "fiscal",
     "verdient zich terug bij elke waarde van aandeel dat met loonkostensubsidie werkt tussen 0% en 100%: de netto besparing wordt nergens nul"),
    (LELYSTAD_AS_TOLD, "programme_months", "fiscal",
     "verdient zich terug bij elke waarde van maanden in het programma tussen 0 maanden en 600 maanden: de netto besparing wordt nergens nul"),
    (LELYSTAD_AS_TOLD, "relapse_ever", "fiscal",
     "hangt niet af van ooit terug in de uitkering: de strategie rekent met het terugvalmodel vast (iedereen blijft precies zo lang uit de uitkering)"),
]


def _only(text: str, parameter: str, ledger: str = "fiscal") -> tuple[BreakEven, object]:
    scenario = parse_scenario(text)
    (result,) = breakeven(scenario, parameter, ledger=ledger, samples=20_000)
    return result, scenario


@pytest.mark.parametrize(("text", "parameter", "ledger", "dutch"), DUTCH)
def test_breakeven_sentence_in_english_is_the_analysis_and_in_dutch_reads_as_written(text, parameter, ledger, dutch) -> None:
    result, scenario = _only(text, parameter, ledger)
    assert breakeven_sentence(result, ledger, scenario, ENGLISH) == result.sentence
    assert breakeven_sentence(result, ledger, scenario, NL) == dutch


@pytest.mark.parametrize("parameter", [*PARAMETERS, "discount_rate"])
@pytest.mark.parametrize("ledger", ["fiscal", "societal"])
def test_every_parameter_in_english_is_the_analysis_sentence(parameter: str, ledger: str) -> None:
    text = TWO_UNCERTAIN + "relapse_model: levelling\nrelapse_within_12_months: 0.2\nrelapse_ever: 0.3\ndisplacement: 0\n"
    text = text.replace("relapse_model: fixed\n", "").replace("time_out_of_benefits_years: 2\n", "")
    scenario = parse_scenario(text)
    for result in breakeven(scenario, parameter, ledger=ledger, samples=2_000):
        assert breakeven_sentence(result, ledger, scenario, ENGLISH) == result.sentence


def test_more_than_one_sign_change_is_said_in_both_languages() -> None:
    # Built with the analysis's own sentence: a net that pays between 0.2 and 0.61.
    crossings = [_Crossing(0.2, 0.2, "above"), _Crossing(0.61, 0.61, "below")]
    info = PARAMETERS["outflow_rate"]
    english = _sentence("outflow_rate", info, crossings[0], crossings, 0.5, 0.3, "fiscal")
    # The other crossing is a field of the result (issue 10.5: sentences are never parsed back).
    result = BreakEven("A", "outflow_rate", 0.2, "above", 0.5, 0.3, english, other_crossings=(0.61,))
    scenario = parse_scenario(LELYSTAD_AS_TOLD)
    assert breakeven_sentence(result, "fiscal", scenario, ENGLISH) == english
    assert breakeven_sentence(result, "fiscal", scenario, NL) == (
        "verdient zich terug als minstens 20% van de deelnemers uitstroomt (outflow_rate ≥ 0,2); "
        "de netto besparing wisselt ook van teken bij 0,61; de kans daarop is 50%, gezien de onzekerheid in het scenario"
    )


def test_a_chance_near_certainty_is_not_rounded_to_it() -> None:
    for p, english, dutch in ((0.001, "below 1%", "minder dan 1%"), (0.999, "above 99%", "meer dan 99%")):
        result = BreakEven("A", "outflow_rate", 0.2, "above", p, 0.3, "")
        scenario = parse_scenario(LELYSTAD_AS_TOLD)
        assert breakeven_sentence(result, "fiscal", scenario, ENGLISH).endswith(f"; chance {english} under the scenario's uncertainty")
        assert breakeven_sentence(result, "fiscal", scenario, NL).endswith(f"; de kans daarop is {dutch}, gezien de onzekerheid in het scenario")


def test_pays_when_in_words() -> None:
    assert [pays_when(s) for s in ("above", "below", None)] == ["above", "below", "–"]
    assert [pays_when(s, NL) for s in ("above", "below", None)] == ["hoger", "lager", "–"]


def test_breakeven_table_in_dutch(cli, write) -> None:
    done = cli("breakeven", write(LELYSTAD_AS_TOLD), "--param", "outflow_rate", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "omslagpunt van aandeel dat uitstroomt in het rekenmodel met verwachte waarden · netto besparing voor de gemeente" in flat
    assert "Strategie Waarde in het scenario Omslagpunt Loont als Kans dat het loont" in flat
    assert "Lelystad as the article tells it 0,3 0,2083 hoger –" in flat
    assert ("• Lelystad as the article tells it: verdient zich terug als minstens 20,8% van de deelnemers uitstroomt "
            "(outflow_rate ≥ 0,2083); het scenario gaat uit van 30%.") in flat
    assert ("De kans dat het loont telt alleen de onzekerheid over aandeel dat uitstroomt: "
            "alle andere aannames staan op hun gemiddelde.") in flat


# --------------------------------------------------------------------------- voi


def test_evpi_and_evppi_methods_in_both_languages() -> None:
    evpi = Evpi(("A", "do nothing"), "A", 10.0, 12_345.4, 12_335.4, "")
    assert evpi_sentence(evpi) == "Knowing everything before deciding is worth at most €12,335 (expected value of perfect information)."
    assert evpi_sentence(evpi, NL) == "Alles vooraf zeker weten is hooguit € 12.335 waard (de waarde van volledige informatie)."
    methods = {"parameter is fixed": "de aanname ligt vast", "means within 20 equal-count bins": "gemiddelden binnen 20 even grote groepen",
               "polynomial regression (degree 3)": "polynoomregressie (graad 3)", "something new": "something new"}
    for english, dutch in methods.items():
        assert evppi_method(english) == english
        assert evppi_method(english, NL) == dutch


def test_evpi_and_evppi_sentences_match_the_analysis() -> None:
    import numpy as np

    from roi_sim.decisions.voi import evpi as compute_evpi

    rng = np.random.default_rng(1)
    theta = rng.uniform(0.2, 0.4, 4000)
    nb = {"A": 1e6 * (theta - 0.3), "B": 5e5 * (theta - 0.25)}
    result = compute_evpi(nb)
    assert evpi_sentence(result) == result.sentence
    for bins in (0, 20):
        e = evppi(nb, theta, "outflow_rate", bins=bins)
        assert evppi_method(e.method, NL) != e.method
    pilot = evsi_pilot(nb, theta, 75, pilot_cost=1_000)
    assert pilot_sentence(pilot, 1_000) == pilot.sentence
    assert pilot_sentence(pilot, 1_000, NL).startswith("Een pilot met 75 cliënten die het aandeel dat uitstroomt meet, is € ")


@pytest.mark.parametrize(("cost", "english", "dutch"), [
    (None, "", ""),
    (1_000.0, "; it costs €1,000, so it is worth running", "; hij kost € 1.000, dus de pilot is de moeite waard"),
    (90_000.0, "; it costs €90,000, so it is not worth running", "; hij kost € 90.000, dus de pilot is het geld niet waard"),
])
def test_controlled_pilot_sentence(cost, english, dutch) -> None:
    pilot = ControlledPilot(75, 4_321.2, 9_000.0, "A", 4000, "")
    assert pilot_sentence(pilot, cost) == (
        f"A controlled pilot of 75 clients per arm (programme and control) is worth €4,321{english} "
        "(expected value of sample information on the net effect)."
    )
    assert pilot_sentence(pilot, cost, NL) == (
        f"Een gecontroleerde pilot met 75 cliënten per groep (deelnemers en controlegroep) is € 4.321 waard{dutch} "
        "(wat een pilot oplevert: wat hij ons naar verwachting leert over het netto effect, in euro's)."
    )


def test_voi_in_dutch(cli, write) -> None:
    path = write(TWO_STRATEGIES)
    english = cli("voi", path, "--pilot", "40", "--pilot-cost", "90000")
    done = cli("voi", path, "--pilot", "40", "--pilot-cost", "90000", "--lang", "nl")
    assert english.exit_code == done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "waarde van extra informatie · netto besparing voor de gemeente · 2.000 gesimuleerde toekomsten, seed 0 · keuzes: Plan, Dearer, niets doen" in flat
    assert "Beste keuze met wat we nu weten: Plan (verwacht € " in flat
    assert "Alles vooraf zeker weten is hooguit € " in flat and " waard (de waarde van volledige informatie)." in flat
    assert "Wat het hooguit waard is om één aanname vooraf zeker te weten" in flat
    assert "aandeel dat uitstroomt" in flat and "polynoomregressie (graad 3)" in flat
    assert "Een gecontroleerde pilot met 40 cliënten per groep (deelnemers en controlegroep) is € " in flat
    assert "; hij kost € 90.000, dus de pilot is het geld niet waard (wat een pilot oplevert:" in flat
    for word in ("Knowing", "worth", "iterations", "do nothing", "polynomial", "Best decision"):
        assert word not in done.stdout, word
    assert "Knowing everything before deciding is worth at most €" in english.stdout


# --------------------------------------------------------------------------- the other commands


def test_sensitivity_in_dutch(cli, write) -> None:
    done = cli("sensitivity", write(TWO_UNCERTAIN), "--points", "64", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "gevoeligheid van de netto besparing voor de gemeente" in flat
    assert "iedere onzekere aanname van haar 10e tot haar 90e percentiel" in flat
    assert "0,22 → 0,38 € 84.000 € 1.236.000 € 1.152.000" in flat
    assert "(Sobol-indices, 64 punten)" in flat and "Eerste-orde-index" in flat


def test_calibrate_in_dutch(cli) -> None:
    done = cli("calibrate", "--successes", "25", "--trials", "75", "--prior", "0.5,0.5", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith(
        "Pilot: 25 van de 75 deelnemers. Met Beta(0,5; 0,5) als verdeling vooraf wordt outflow_rate (aandeel dat uitstroomt) "
        "na de pilot Beta(25,5; 50,5): gemiddeld 0,3355, 90%-interval 0,2495 tot 0,4265.\nPlak in een scenario:\n"
        "outflow_rate: {dist: beta, alpha: 25.5, beta: 50.5}"
    )
    english = cli("calibrate", "--successes", "25", "--trials", "75", "--prior", "0.5,0.5").stdout
    assert english.startswith(
        "Pilot: 25 of 75. With a Beta(0.5, 0.5) prior the outflow_rate is Beta(25.5, 50.5): mean 0.3355, "
        "90% interval 0.2495 to 0.4265.\nPaste into a scenario:\n"
    )


def test_compare_in_dutch(cli, write) -> None:
    # Without valuation inputs compare shows no societal ledger (issue 14.4); with one it does.
    plain = " ".join(cli("compare", write(TWO_STRATEGIES, "plain.yaml"), "-n", "300", "--lang", "nl").stdout.split())
    assert "netto besparing voor de gemeente" in plain and "maatschappelijk saldo" not in plain
    path = write(TWO_STRATEGIES.replace("iterations: 2000\n", "iterations: 2000\ndisplacement: 0\n"))
    done = cli("compare", path, "-n", "300", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "300 gesimuleerde toekomsten, seed 0 · rekenperiode 6 jaar · disconteringsvoet 0%" in flat
    assert "A tegenover B, per gesimuleerde toekomst: netto besparing voor de gemeente" in flat
    assert "A tegenover B, per gesimuleerde toekomst: maatschappelijk saldo (MKBA)" in flat
    assert "Gerangschikt naar verwachte netto besparing: Plan > Dearer." in flat
    assert "Gerangschikt naar de kans op een positieve netto besparing: Plan > Dearer." in flat
    assert "Gerangschikt naar verwacht maatschappelijk saldo: Plan > Dearer." in flat
    markdown = cli("compare", path, "-n", "300", "--lang", "nl", "-f", "markdown").stdout
    assert markdown.startswith("# Lelystad as the article tells it: strategieën vergeleken\n\n_300 gesimuleerde toekomsten, seed 0 ·")
    assert "| A | B | A − B (gemiddeld) | 90%-interval | A wint naar verwachting van B (aannames) | A wint van B (incl. het toeval in de groep) |" in markdown
    assert "## Netto besparing voor de gemeente" in markdown and " tot € " in markdown
    alone = cli("compare", write(LELYSTAD_AS_TOLD, "one.yaml"), "-n", "100", "--lang", "nl").stdout
    assert "Er is maar één strategie: er valt niets te vergelijken. Voeg strategieën toe aan het scenario." in " ".join(alone.split())


GROUPS = """\
name: Two groups
horizon_years: 6
annual_benefit_cost: 12000
outflow_window_months: 12
relapse_model: fixed
baseline_outflow_rate: 0
groups:
  A:
    clients_available: 400
    cost_per_client: 5000
    outflow_rate: 0.30
    time_out_of_benefits_years: 2
  B:
    clients_available: 100
    cost_per_client: 4000
    outflow_rate: 0.20
    time_out_of_benefits_years: 3
"""


def test_allocate_in_dutch(cli, write) -> None:
    done = cli("allocate", write(GROUPS), "--budget", "1000000", "--deterministic", "--steps", "2", "--lang", "nl")
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "doel: zo veel mogelijk verwacht rendement (netto besparing voor de gemeente) · doelgroepen geprijsd met verwachte waarden (deterministisch)" in flat
    assert "Wat één cliënt per jaar kost en oplevert, per doelgroep" in flat
    assert "Doelgroep Kosten per cliënt Verwachte opbrengst per cliënt Opbrengst per euro Beschikbare cliënten per jaar" in flat
    assert "A € 5.000 € 2.200 0,44 400 B € 4.000 € 3.200 0,80 100" in flat
    assert "Beste verdeling van € 1.000.000 per jaar: 120 cliënten in A, 100 cliënten in B; besteed € 1.000.000, verwachte opbrengst € 584.000." in flat
    assert "Efficiënte grens: de hoogste verwachte opbrengst bij elk budget" in flat
    assert "Budget per jaar Cliënten in A Cliënten in B Besteed Verwachte opbrengst" in flat


# --------------------------------------------------------------------------- --lang everywhere


COMMANDS = [
    ["breakeven", "{path}", "--param", "outflow_rate"],
    ["voi", "{path}", "-n", "200"],
    ["sensitivity", "{path}", "--points", "64"],
    ["calibrate", "-s", "2", "-t", "5"],
    ["compare", "{path}", "-n", "200"],
    ["allocate", "{groups}", "--budget", "100000", "--deterministic"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_lang_en_is_the_default_and_an_unknown_language_is_refused(cli, write, command) -> None:
    args = [a.format(path=write(TWO_STRATEGIES), groups=write(GROUPS, "groups.yaml")) for a in command]
    default, english = cli(*args), cli(*args, "--lang", "en")
    assert default.exit_code == english.exit_code == 0, default.stderr
    assert english.stdout == default.stdout
    refused = cli(*args, "--lang", "de")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr == "roi-sim: error: --lang de: unknown language; allowed: en, nl\n"


def test_every_new_label_has_its_own_dutch_text() -> None:
    new = [k for k in LABELS["en"] if k.startswith(("be_", "cmp_", "alloc_", "pilot_", "method_", "unit_", "side_", "gsa_"))]
    assert len(new) > 60
    for key in new:
        assert LABELS["nl"][key] != LABELS["en"][key], key
