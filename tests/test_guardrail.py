"""DESIGN.md §9 guardrail: an implied net effect above 0.10 at the end of the outflow window
is warned about on stderr (naming the strategy and the Dutch range) and shown in JSON.

Expected shares are computed by hand: an annual baseline rate r over a 12-month window
leaves exactly r of a closed group (1 − (1 − b)^12 with b = 1 − (1 − r)^(1/12)), so the
implied net effect of ``outflow_rate`` p is p − r.
"""

from __future__ import annotations

import pytest

from tests.conftest import LELYSTAD_AS_TOLD, with_line

EN = (
    "roi-sim: warning: 'Lelystad as the article tells it' assumes a net effect of {points} percentage points on the "
    "share off benefit at the end of its outflow window ({p} with the programme against {b} without); the Dutch "
    "evidence supports 0 to 5 points for an average bijstand population and about 9 in the best controlled "
    "experiment (SZW beleidsdoorlichting 2008, SZW trials SEOR/Regioplan, CPB 2022): its result rests on that assumption"
)


def test_article_arithmetic_is_warned_about(cli, write) -> None:
    # 30% off benefit against a baseline of 0: 30 points, three times the guardrail.
    result = cli("run", write(LELYSTAD_AS_TOLD), "--deterministic")
    assert result.exit_code == 0
    assert EN.format(points="30.0", p="30%", b="0%") in result.stderr.splitlines()


def test_dutch_warning(cli, write) -> None:
    result = cli("run", write(with_line("baseline_outflow_rate: 0.08")), "--deterministic", "--lang", "nl")
    line = next(x for x in result.stderr.splitlines() if "netto-effect" in x)
    assert line.startswith("roi-sim: waarschuwing: 'Lelystad as the article tells it' gaat uit van een netto-effect van 22,0 procentpunt")
    assert "(30% met het programma tegen 8% zonder)" in line


@pytest.mark.parametrize(("baseline", "warned"), [("0.20", False), ("0.19", True)])
def test_threshold_is_ten_points(cli, write, baseline: str, warned: bool) -> None:
    # 0.30 − 0.20 = 0.10 exactly is at the guardrail, not above it; 0.11 is above.
    result = cli("run", write(with_line(f"baseline_outflow_rate: {baseline}")), "--deterministic")
    assert ("assumes a net effect" in result.stderr) is warned


def test_json_carries_the_effect(cli, write) -> None:
    doc = cli.json("run", write(with_line("baseline_outflow_rate: 0.08")), "--deterministic")
    effect = doc["strategies"][0]["effect"]
    assert effect["baseline_share_at_window_end"] == pytest.approx(0.08, abs=1e-6)
    assert effect["programme_share_at_window_end"] == pytest.approx(0.30, abs=1e-6)
    assert effect["implied_net_effect"] == pytest.approx(0.22, abs=1e-6)
    assert effect["above_evidence"] is True


def test_the_report_says_it_on_its_first_page(cli, write, tmp_path) -> None:
    out = tmp_path / "r.md"
    result = cli("report", write(LELYSTAD_AS_TOLD), "--deterministic", "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    sentence = "'Lelystad as the article tells it' assumes a net effect of 30.0 percentage points"
    assert sentence in text
    # Before the summary table: with the answer, not in an annex.
    assert text.index(sentence) < text.index("Summary")


def test_an_evidence_based_scenario_is_not_warned_about(cli) -> None:
    result = cli("run", "scenarios/lelystad.yaml", "--deterministic")
    assert result.exit_code == 0 and "net effect of" not in result.stderr
