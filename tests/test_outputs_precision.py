"""Issue 17.2/17.3: headline amounts rounded to what the Monte Carlo error supports (said
so), exact euros kept in the tables and JSON; discounted amounts said to be discounted;
never e-notation in decision tables."""

from __future__ import annotations

from pathlib import Path

from roi_sim.model.simulate import run
from roi_sim.outputs.decision_outputs import plain_number
from roi_sim.outputs.formats import headline, mc_round, spec_of, to_dict, to_text
from roi_sim.outputs.language import ENGLISH, language
from roi_sim.scenario.spec import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def test_mc_round_steps() -> None:
    assert mc_round(3_614_405.2, 49_299) == 3_610_000
    assert mc_round(3_614_405.2, 5_000) == 3_614_000
    assert mc_round(3_614_405.2, 0.0) == 3_614_405.2  # a deterministic or exact figure
    assert mc_round(-963_797, 19_747) == -960_000


def test_headline_rounded_tables_exact() -> None:
    result = run(load_scenario(ROOT / "scenarios" / "tiers.yaml"), iterations=2000)
    st = result.strategies[0]
    net = st.metrics["net_savings"]
    step = 10 ** (len(str(int(net.se))) - 1)  # the leading digit's place of the SE
    rounded = round(abs(net.mean) / step) * step
    text = headline(st, 6, False, ENGLISH, spec_of(result, st.name))
    assert f"€{rounded:,}" in text and ENGLISH.euro(abs(net.mean)) not in text
    table = to_text(result)
    assert ENGLISH.euro(to_dict(result)["strategies"][0]["metrics"]["net_savings"]["mean"]) in table
    assert "rounded to what the simulation supports" in table
    assert "present values, discounted at 2.25% a year" in table  # tiers discounts at 2.25%
    assert "contante waarden, verdisconteerd tegen 2,25% per jaar" in to_text(result, lang=language("nl"))


def test_undiscounted_run_says_nothing_of_discounting() -> None:
    result = run(load_scenario(ROOT / "scenarios" / "lelystad-as-told.yaml"), deterministic=True)
    text = to_text(result)
    assert "discounted at" not in text and "rounded to what" not in text


def test_no_e_notation() -> None:
    assert plain_number(14_470.3) == "14,470"
    assert plain_number(0.0225) == "0.0225"
    assert plain_number(0.2368123) == "0.2368"
    assert plain_number(1.447e4, language("nl")) == "14.470"
    assert "e+" not in plain_number(1e9) and "e-" not in plain_number(1.5e-5)
