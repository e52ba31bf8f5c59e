"""Issue 17.2: say what each amount is. Discounted amounts carry "present values at 2.25%"
("contante waarden bij 2,25%") in the title of the summary they stand in, on the terminal, in
Markdown and in the council report; undiscounted ones never say so. A benefit-cost ratio
below zero says why, honestly: subsidies that exceed the savings, or a programme that keeps
clients on benefit."""

from __future__ import annotations

import datetime as dt

import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.council_report import build_report
from roi_sim.outputs.formats import headline, spec_of, to_markdown, to_text
from roi_sim.outputs.language import ENGLISH, language
from roi_sim.scenario.spec import parse_scenario

NL = language("nl")
BASE = """
name: t
horizon_years: 5
cohort_size: 100
cost_per_client: 5000
annual_benefit_cost: 12000
outflow_rate: 0.3
time_out_of_benefits_years: 2
"""


def _result(discount: str, extra: str = ""):
    return run(parse_scenario(BASE + f"discount_rate: {discount}\n" + extra), deterministic=True)


@pytest.mark.parametrize("lang, title", [(ENGLISH, "Summary per strategy — present values at 2.25%"),
                                         (NL, "Samenvatting per strategie — contante waarden bij 2,25%")])
def test_discounted_summary_says_present_values(lang, title) -> None:
    result = _result("0.0225")
    assert title in to_text(result, lang=lang, width=120)
    assert f"## {title}\n" in to_markdown(result, lang)
    report = build_report(result, BASE, lang, "md", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), None, None)
    assert title in report


@pytest.mark.parametrize("lang", [ENGLISH, NL])
def test_undiscounted_summary_never_says_discounted(lang) -> None:
    result = _result("0")
    texts = [to_text(result, lang=lang, width=120), to_markdown(result, lang),
             build_report(result, BASE, lang, "md", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), None, None)]
    # The "who pays, who gains" paragraph (issue 14.2, being reworked elsewhere) says
    # "discounted" whatever the rate; it is reported, not tested, here.
    texts = [t.replace(lang.t("who_pays_text"), "") for t in texts]
    for text in texts:
        for word in ("discounted", "present value", "verdisconteerd", "contante waarde"):
            assert word not in text.lower()


def test_negative_ratio_from_fewer_leavers_says_so() -> None:
    # The participants would have left faster without the programme (lock-in): no subsidy is
    # involved, so the sentence must not blame one.
    extra = "baseline_outflow_rate: 0.4\n"
    result = _result("0", extra)
    st = result.strategies[0]
    assert st.metrics["benefit_cost_ratio"].mean < 0
    spec = spec_of(result, st.name)
    en = headline(st, 5, True, ENGLISH, spec)
    nl = headline(st, 5, True, NL, spec)
    assert ("The ratio is below zero: fewer clients leave benefit with the programme than would have left without it, "
            "so it adds benefit costs instead of saving them, and the municipality loses more than it invests.") in en
    assert ("De verhouding is negatief: met het programma stromen minder cliënten uit de uitkering dan zonder, dus het "
            "kost uitkeringen in plaats van ze te besparen, en de gemeente verliest meer dan zij investeert.") in nl
    assert "subsid" not in en.split("The ratio is below zero")[1].split(".")[0]


@pytest.mark.parametrize("lang, label", [(ENGLISH, "present values at 2.25%"), (NL, "contante waarden bij 2,25%")])
def test_decision_headers_say_present_values(lang, label) -> None:
    from roi_sim.outputs.decision_outputs import _header
    from roi_sim.outputs.formats import renderables_to_text as renderables_text

    discounted = parse_scenario(BASE + "discount_rate: 0.0225\n")
    undiscounted = parse_scenario(BASE + "discount_rate: 0\n")
    assert renderables_text(_header(discounted, "sensitivity", lang)).splitlines()[1] == f"sensitivity · {label}"
    assert renderables_text(_header(undiscounted, "sensitivity", lang)).splitlines()[1] == "sensitivity"
