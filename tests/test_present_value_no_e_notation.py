"""Issue 17.2: never print euros (or any figure a council reads) in e-notation. The breakeven
sentence's exact figure used ``f"{x:.4g}"``, which writes a cost of €9,999.70 as ``1e+04``;
tiny rates and periods used ``.2g`` (``1e-05``)."""

from __future__ import annotations

import re

import pytest

from roi_sim.decisions import breakeven
from roi_sim.outputs import decision_sentences
from roi_sim.outputs.language import ENGLISH, language

E_NOTATION = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize("x, en, nl", [(9999.7, "10000", "10000"), (0.0000123, "0.0000123", "0,0000123"),
                                       (0.225, "0.225", "0,225"), (701.84, "701.8", "701,8"), (123456.4, "123456", "123456")])
def test_the_breakeven_figure_is_never_in_e_notation(x: float, en: str, nl: str) -> None:
    assert decision_sentences._plain(x, ENGLISH) == en
    assert decision_sentences._plain(x, language("nl")) == nl
    assert breakeven._plain(x) == en


@pytest.mark.parametrize("lang", [ENGLISH, language("nl")], ids=["en", "nl"])
def test_tiny_rates_and_periods_are_written_out(lang) -> None:
    for text in (decision_sentences.shown_value("outflow_rate", 1e-9, lang),
                 decision_sentences.shown_value("time_out_of_benefits_years", 1e-6, lang),
                 decision_sentences.shown_value("cost_per_client", 9999.7, lang),
                 breakeven._formatted("outflow_rate", breakeven.parameter_info("outflow_rate"), 1e-9),
                 breakeven._formatted("time_out_of_benefits_years", breakeven.parameter_info("time_out_of_benefits_years"), 1e-6)):
        assert not E_NOTATION.search(text), text
    assert decision_sentences.shown_value("outflow_rate", 1e-9, lang) == ("0.0000001%" if lang.code == "en" else "0,0000001%")
