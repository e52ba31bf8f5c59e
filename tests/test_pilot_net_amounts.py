"""scenarios/lelystad-pilot.yaml uses the sourced 2026 net amounts (docs/facts.md, "The client's net amounts").

The file sets no ``client_net_*`` key, so the defaults apply: net bijstand single €16,818.00 (SZW
normenbrief 1 January 2026) and the net wage from the 2026 tax rule on ``minimum_wage_annual`` × hours
(roi_sim/model/net_wage.py). Its ``seconded`` state (half time, on a bijstand top-up) must then carry the
benefit share 1 − NW(0.5 × 29,735.42) / 16,818.00, with the half-time net wage worked out here by hand
from the 2026 brackets, as tests/test_net_wage.py does: 35.75% loonheffing to €38,883, the algemene
heffingskorting €3,115 (in full to €29,736), the arbeidskorting €996 + 31.009% above €11,965 (to
€25,845), and net = gross − max(0, tax − credits).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from roi_sim.model.net_wage import net_wage_2026
from roi_sim.scenario.vocabulary import CLIENT_NET_BENEFIT_BY_HOUSEHOLD, MODEL_DEFAULTS
from tests.test_net_wage import SINGLE

PILOT = Path(__file__).resolve().parent.parent / "scenarios" / "lelystad-pilot.yaml"
WML = 29_735.42  # facts.md §2: WML 2026, €2,294.40 × 12 × 1.08, the file's minimum_wage_annual


def _doc() -> dict:
    return yaml.safe_load(PILOT.read_text(encoding="utf-8"))


def _half_time_net_wage_by_hand() -> float:
    # Gross 0.5 × 29,735.42 = 14,867.71; tax 0.3575 × 14,867.71 = 5,315.21; AHK 3,115;
    # AK 996 + 0.31009 × (14,867.71 − 11,965) = 1,896.10; due 5,315.21 − 3,115 − 1,896.10 = 304.10 (> 0);
    # net 14,867.71 − 304.10 = 14,563.61.
    gross = 0.5 * WML
    tax = 0.3575 * gross
    ahk = 3_115.0
    ak = 996.0 + 0.31009 * (gross - 11_965.0)
    return round(gross - max(0.0, tax - ahk - ak), 2)


def test_the_file_sets_no_client_net_amount() -> None:
    doc = _doc()
    keys = [k for k in doc if k.startswith("client_net_")]
    for strategy in doc.get("strategies", []):
        keys += [f"strategies[{strategy['name']}].{k}" for k in strategy if k.startswith("client_net_")]
    assert keys == []
    assert "household" not in doc  # so the single norm is the default
    assert doc["minimum_wage_annual"] == WML
    # The defaults the file relies on are the documented ones.
    assert MODEL_DEFAULTS["client_net_wage_per_year"] is None  # the 2026 tax rule
    assert CLIENT_NET_BENEFIT_BY_HOUSEHOLD["single"] == SINGLE == pytest.approx(16_818.00)


def test_the_seconded_benefit_is_the_2026_bijstand_top_up() -> None:
    by_hand = _half_time_net_wage_by_hand()
    assert by_hand == 14_563.61
    assert float(net_wage_2026(0.5 * WML)) == by_hand  # the model's rule agrees with the hand arithmetic
    seconded = _doc()["states"]["seconded"]
    assert seconded["hours"] == 0.5
    top_up = 1.0 - by_hand / 16_818.00  # 1 − 14,563.61 / 16,818.00 = 0.13405
    # The file's stated precision: the decimals of the benefit as written in the YAML.
    written = re.search(r"^\s*seconded:\s*\{benefit:\s*([0-9.]+)", PILOT.read_text(encoding="utf-8"), re.M)
    assert written is not None
    decimals = len(written.group(1).partition(".")[2])
    assert decimals >= 3
    assert seconded["benefit"] == round(top_up, decimals)
