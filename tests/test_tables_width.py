"""Issue 17.1: a budget table never shows a truncated amount, whatever the terminal width
from 80 columns up. Run on a real pseudo-terminal (``python -m roi_sim run``, through
tests/pty_helper.py), so rich sees a tty of that many columns, exactly as a user's terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.pty_helper import ROOT, run_on_pty

SCENARIOS = ("lelystad.yaml", "tiers.yaml")


def expected_amounts(scenario: str) -> set[str]:
    """Every yearly mean and total as the table shows it in whole euros or thousands,
    computed here from the JSON of the same run."""
    out = subprocess.run([sys.executable, "-m", "roi_sim", "run", f"scenarios/{scenario}", "-n", "1000", "-f", "json"],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    doc = json.loads(out.stdout)
    return {st["name"]: [y["investment"]["mean"] for y in st["yearly"]] for st in doc["strategies"]}  # type: ignore[return-value]


def _whole(x: float, scale: float) -> str:
    v = round(x / scale)
    body = f"{abs(v):,}"
    if scale == 1:
        return ("-€" if v < 0 else "€") + body
    return ("-" if v < 0 else "") + body


@pytest.mark.parametrize("columns", [80, 100, 120])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_amount_is_cut_at_any_width(columns: int, scenario: str) -> None:
    text = run_on_pty(columns, "run", f"scenarios/{scenario}", "-n", "1000")
    lines = text.splitlines()
    assert "Cash flow per year" in text and "Summary per strategy" in text
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    # No ellipsis anywhere: rich's sign of a cut cell.
    assert "…" not in text
    # An amount broken over two lines would leave a cell ending in a digit group and a comma
    # ("€1,500,") or starting with one (",000").
    assert not re.search(r"[\d],\s*$", text, flags=re.M)
    assert not re.search(r"^\s*,\d", text, flags=re.M)
    # Each year's investment is shown whole, in euros or in thousands under "× €1,000".
    thousands = "× €1,000" in text
    for name, investments in expected_amounts(scenario).items():
        for x in investments:
            shown = _whole(x, 1000 if thousands else 1)
            assert re.search(rf"(?<![\d,]){re.escape(shown)}(?![\d,])", text), (name, shown)
