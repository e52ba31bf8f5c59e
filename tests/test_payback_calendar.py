"""Issue 17.2: the payback month as a calendar month where the scenario gives its first
begrotingsjaar (month 1 is January of start_year), in both languages."""

from __future__ import annotations

import pytest

from tests.conftest import LELYSTAD_AS_TOLD


@pytest.mark.parametrize(("lang", "words"), [("en", "Break-even in month 22 (October 2012)."), ("nl", "Terugverdiend in maand 22 (oktober 2012).")])
def test_calendar_month_with_a_start_year(cli, write, lang: str, words: str) -> None:
    # Month 22 from January 2011: 2011 has 12 months, the 10th of 2012 is October.
    result = cli("run", write(LELYSTAD_AS_TOLD + "price_year: 2011\n"), "--deterministic", "--lang", lang, "--format", "markdown")
    assert result.exit_code == 0
    assert words in result.stdout


def test_no_calendar_without_one(cli, write) -> None:
    result = cli("run", write(LELYSTAD_AS_TOLD), "--deterministic", "--format", "markdown")
    assert "Break-even in month 22." in result.stdout
