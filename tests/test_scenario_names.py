"""Issue 16.4 (scenario side): names equal after NFC normalisation or trimming, and blank names."""

from __future__ import annotations

import pytest

from roi_sim.scenario.spec import ScenarioError, parse_scenario
from tests.conftest import LELYSTAD_AS_TOLD as GOOD


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.yaml")
    return str(info.value)


def test_names_equal_once_trimmed() -> None:
    text = GOOD + 'strategies:\n  - name: Plan A\n  - name: "Plan A "\n'
    assert _error(text) == (
        "s.yaml, line 13, column 5, key 'strategies[2].name': strategy name 'Plan A ' is the same as strategy 1's "
        "'Plan A' once spaces at the ends are trimmed and Unicode is normalised (NFC); names must differ in more than that"
    )


def test_names_equal_after_nfc() -> None:
    # "é" as one code point (U+00E9) and as e + combining acute (U+0065 U+0301): NFC makes them equal.
    text = GOOD + "strategies:\n  - name: \"Caf\u00e9\"\n  - name: \"Cafe\u0301\"\n"
    # They look the same, so the message shows the code points.
    assert "strategy name 'Cafe\\u0301' is the same as strategy 1's 'Caf\\xe9' once spaces" in _error(text)
    groups = (
        "groups:\n  \"80\u2013100%\":\n    outflow_rate: 0.2\n  \" 80\u2013100%\":\n    outflow_rate: 0.3\n"
    )
    assert _error(GOOD + groups).startswith("s.yaml, line 14, column 3, key 'groups. 80–100%': group name ' 80–100%' is the same as group 1's")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('strategies:\n  - name: "   "\n', "s.yaml, line 12, column 5, key 'strategies[1].name': the strategy name '   ' is blank; "
         "give a name with letters or digits"),
        ('groups:\n  " ":\n    outflow_rate: 0.2\n', "s.yaml, line 12, column 3, key 'groups. ': the group name ' ' is blank; "
         "give a name with letters or digits"),
    ],
)
def test_blank_names(extra: str, message: str) -> None:
    assert _error(GOOD + extra) == message


def test_blank_scenario_name() -> None:
    text = GOOD.replace("name: Lelystad as the article tells it", 'name: "\t "')
    assert _error(text) == "s.yaml, line 1, column 1, key 'name': the scenario name '\\t ' is blank; give a name or remove the key"


def test_distinct_names_pass() -> None:
    text = GOOD + "strategies:\n  - name: Plan A\n  - name: Plan B\n"
    assert [s.name for s in parse_scenario(text, "s.yaml").strategies] == ["Plan A", "Plan B"]
