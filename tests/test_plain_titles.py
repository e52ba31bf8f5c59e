"""Issue 17.2, honest words in two corners: the who-pays table says "present values" only where
amounts are discounted (as every other title does), and a tiny discount rate is written out in
the settings line, never in e-notation."""

from __future__ import annotations

import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import to_text
from roi_sim.outputs.language import ENGLISH, language
from roi_sim.scenario.spec import parse_scenario

NL = language("nl")
VALUED = """
name: t
horizon_years: 3
cohort_size: 100
cost_per_client: 1000
annual_benefit_cost: 14000
outflow_rate: 0.3
time_out_of_benefits_years: 2
displacement: 0.2
"""


def _text(discount: str, lang: object, deterministic: bool = True) -> str:
    result = run(parse_scenario(VALUED + f"discount_rate: {discount}\n"), deterministic=deterministic, iterations=64)
    # rich wraps a title to its table's width: compare words, not line breaks.
    return " ".join(to_text(result, lang=lang, width=120).split())  # type: ignore[arg-type]


@pytest.mark.parametrize("lang, plain, discounted", [
    (ENGLISH, "Who pays, who gains", "Who pays, who gains (present values)"),
    (NL, "Wie betaalt, wie wint", "Wie betaalt, wie wint (contante waarden)"),
])
def test_the_who_pays_title_says_present_values_only_when_discounted(lang: object, plain: str, discounted: str) -> None:
    undiscounted = _text("0", lang)
    assert plain in undiscounted and discounted not in undiscounted
    assert discounted in _text("0.0225", lang)


def test_the_simulated_who_pays_title_at_rate_zero_says_mean_only() -> None:
    text = _text("0", ENGLISH, deterministic=False)
    assert "Who pays, who gains (mean)" in text and "present values" not in text


@pytest.mark.parametrize("lang, want", [(ENGLISH, "discount rate 0.00001%"), (NL, "0,00001%")])
def test_a_tiny_discount_rate_is_written_out(lang: object, want: str) -> None:
    text = _text("0.0000001", lang)
    assert want in text and "e-0" not in text
