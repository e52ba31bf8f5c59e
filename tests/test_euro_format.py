"""Whole euros are written as babel writes them with the tool's patterns (the fast path of
Language.euro is checked against babel itself, both languages, signs, rounding and size)."""

from __future__ import annotations

import numpy as np
from babel.numbers import format_currency
from hypothesis import given, settings
from hypothesis import strategies as st

from roi_sim.outputs.language.lookup import _EURO_PATTERNS, _LOCALES, Language


def _babel(x: float, code: str) -> str:
    whole = float(round(x)) or 0.0
    return format_currency(whole, "EUR", format=_EURO_PATTERNS[code], locale=_LOCALES[code], currency_digits=False)


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1e16, max_value=1e16, allow_nan=False), st.sampled_from(["en", "nl"]))
def test_euro_is_babels(x: float, code: str) -> None:
    assert Language(code).euro(x) == _babel(x, code)


def test_euro_by_hand_and_at_the_edges() -> None:
    en, nl = Language("en"), Language("nl")
    assert en.euro(3614405.4) == "€3,614,405"
    assert nl.euro(-2584200.0) == "-€ 2.584.200"
    assert en.euro(-0.4) == "€0" and nl.euro(0.5) == "€ 0"  # half to even, and no "-€0"
    assert en.euro(999.5) == "€1,000"
    rng = np.random.default_rng(5)
    for x in [*rng.normal(0, 1e6, 500), *(10.0 ** rng.uniform(0, 17, 300)), -1e15 + 1, 1e15 - 1, 1e15, 2.5e16]:
        for code in ("en", "nl"):
            assert Language(code).euro(float(x)) == _babel(float(x), code)
