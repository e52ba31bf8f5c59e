"""Issue 17.2, the workbook and `compare`: discounted amounts say "present values at 2.25%"
("contante waarden bij 2,25%"), in both languages; at a discount rate of 0 nothing says
discounted. With budget years the workbook's summary puts the undiscounted, nominal budget
total beside the present values, and a benefit-cost ratio below zero gets a note saying why."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from roi_sim.model.simulate import run
from roi_sim.outputs.formats import comparison_to_markdown, render_comparison_tables, renderables_to_text, to_dict
from roi_sim.outputs.language import ENGLISH, XLSX_LABELS, Language, language
from roi_sim.outputs.workbook import workbook_bytes
from roi_sim.scenario.spec import parse_scenario

NL = language("nl")
WHEN = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
LABELS = {"en": "present values at 2.25%", "nl": "contante waarden bij 2,25%"}
WORDS = ("discounted", "present value", "verdisconteerd", "contante waarde")
from tests.test_present_value_labels import BASE  # noqa: E402  (the same small scenario as the terminal's labels)

# Two strategies and a programme that runs for three intake years, so amounts fall in later
# years, where discounting lowers them.
TWO = """
intake_years: 3
strategies:
  - name: Base
  - name: Cheaper
    cost_per_client: 3000
"""


def _book(text: str, lang: Language, iterations: int | None = None) -> tuple[dict, openpyxl.Workbook]:
    result = run(parse_scenario(text), deterministic=iterations is None, iterations=iterations or 1)
    doc = to_dict(result)
    data = workbook_bytes(doc, None if iterations is None else result.iterations, XLSX_LABELS[lang.code], created=WHEN)
    return doc, openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def _texts(book: openpyxl.Workbook) -> list[str]:
    return [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


@pytest.mark.parametrize("lang", [ENGLISH, NL], ids=["en", "nl"])
def test_workbook_labels_present_values_and_gives_the_undiscounted_total(lang: Language) -> None:
    lab = XLSX_LABELS[lang.code]
    pv = LABELS[lang.code]
    doc, book = _book(BASE + TWO + "discount_rate: 0.0225\nprice_year: 2026\n", lang)
    summary = list(book[lab["summary"]].iter_rows(values_only=True))
    assert summary[0][7] == lab["undiscounted_total"]
    rows = {(r[0], r[1]): r for r in summary[1:]}
    # The same scenario undiscounted: its yearly figures, summed, are the undiscounted totals
    # (no indexation, so nominal is the real amount).
    plain = to_dict(run(parse_scenario(BASE + TWO + "discount_rate: 0\n"), deterministic=True))
    for st, undiscounted in zip(doc["strategies"], plain["strategies"], strict=True):
        for metric, item in (("investment", "investment"), ("net_savings", "net")):
            row = rows[(st["name"], f"{lab[metric]} — {pv}")]
            assert row[2] == st["metrics"][metric]["mean"]
            want = sum(y[item]["mean"] for y in undiscounted["yearly"])
            assert row[7] == pytest.approx(want, abs=0.05)
            assert row[7] == pytest.approx(sum(y["nominal"][item]["mean"] for y in st["yearly"]), abs=0.005)
        # Discounting lowers the later years' amounts: the two columns differ.
        assert rows[(st["name"], f"{lab['investment']} — {pv}")][2] < rows[(st["name"], f"{lab['investment']} — {pv}")][7]
        # Shares and ratios are not amounts: no label.
        assert (st["name"], lab["benefit_cost_ratio"]) in rows
    yearly = next(book[lab["yearly"]].iter_rows(values_only=True))
    assert yearly[2:] == tuple(f"{lab[k]} — {pv}" for k in ("investment", "savings", "subsidies", "net", "cumulative_net"))
    assert next(book[lab["who_pays_sheet"]].iter_rows(values_only=True))[1] == f"{lab['stakeholder']} — {pv}"
    # The budget years stay nominal and undiscounted: no present-value label there.
    assert not any(pv in t for t in next(book[lab["budget_years"]].iter_rows(values_only=True)))


@pytest.mark.parametrize("lang", [ENGLISH, NL], ids=["en", "nl"])
def test_workbook_never_says_discounted_at_a_rate_of_0(lang: Language) -> None:
    _, book = _book(BASE + TWO + "discount_rate: 0\n", lang, iterations=64)
    for text in _texts(book):
        assert not any(w in text.lower() for w in WORDS), text
    # With budget years, the nominal total beside the amounts is not called "undiscounted"
    # either: nothing else is discounted.
    lab = XLSX_LABELS[lang.code]
    _, book = _book(BASE + "discount_rate: 0\nprice_year: 2026\n", lang)
    summary = list(book[lab["summary"]].iter_rows(values_only=True))
    assert summary[0][7] == lab["budget_total"]
    for text in (t for row in summary for t in row if isinstance(t, str)):
        assert not any(w in text.lower() for w in WORDS), text


@pytest.mark.parametrize("lang", [ENGLISH, NL], ids=["en", "nl"])
def test_workbook_explains_a_negative_ratio(lang: Language) -> None:
    lab = XLSX_LABELS[lang.code]
    doc, book = _book(BASE + "discount_rate: 0\nbaseline_outflow_rate: 0.4\n", lang)
    assert doc["strategies"][0]["metrics"]["benefit_cost_ratio"]["mean"] < 0
    summary = list(book[lab["summary"]].iter_rows(values_only=True))
    assert summary[0][-1] == lab["note"]
    notes = {r[1]: r[-1] for r in summary[1:]}
    assert notes[lab["benefit_cost_ratio"]] == lang.t("negative_ratio_fewer")
    assert sum(n is not None for n in notes.values()) == 1
    # A ratio above zero: no note column.
    _, book = _book(BASE + "discount_rate: 0\n", lang)
    assert next(book[lab["summary"]].iter_rows(values_only=True))[-1] == lab["p95"]


def test_the_cli_workbook_speaks_the_language(cli, write, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    done = cli("run", str(write(BASE + "discount_rate: 0.0225\n")), "--deterministic", "--lang", "nl", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    summary = openpyxl.load_workbook(out)[XLSX_LABELS["nl"]["summary"]]
    assert any(r[1] == "Investering — contante waarden bij 2,25%" for r in summary.iter_rows(values_only=True))


@pytest.mark.parametrize("lang", [ENGLISH, NL], ids=["en", "nl"])
def test_compare_labels_present_values(lang: Language) -> None:
    result = run(parse_scenario(BASE + TWO + "discount_rate: 0.0225\n"), iterations=200)
    pv = LABELS[lang.code]
    text = renderables_to_text(render_comparison_tables(result, lang), width=200)
    assert f"{lang.t('cmp_title', ledger=lang.t('ledger_fiscal'))} — {pv}" in text
    markdown = comparison_to_markdown(result, lang)
    heading = lang.t("ledger_fiscal")
    assert f"\n## {heading[:1].upper()}{heading[1:]} — {pv}\n" in markdown


@pytest.mark.parametrize("lang", [ENGLISH, NL], ids=["en", "nl"])
def test_compare_never_says_discounted_at_a_rate_of_0(lang: Language) -> None:
    result = run(parse_scenario(BASE + TWO + "discount_rate: 0\n"), iterations=200)
    text = renderables_to_text(render_comparison_tables(result, lang), width=200)
    assert lang.t("cmp_title", ledger=lang.t("ledger_fiscal")) in text
    for shown in (text, comparison_to_markdown(result, lang)):
        assert not any(w in shown.lower() for w in WORDS)


@pytest.mark.parametrize("lang, words", [(ENGLISH, "Break-even in month 34 (October 2028)."),
                                         (NL, "Terugverdiend in maand 34 (oktober 2028).")], ids=["en", "nl"])
def test_workbook_gives_the_payback_as_a_calendar_month(lang: Language, words: str) -> None:
    lab = XLSX_LABELS[lang.code]
    doc, book = _book(BASE + "discount_rate: 0.0225\nprice_year: 2026\n", lang)
    # Month 34 counted from January 2026 (month 1) is October 2028.
    assert doc["strategies"][0]["payback_months"]["p50"] == 34
    rows = {r[1]: r for r in book[lab["summary"]].iter_rows(min_row=2, values_only=True)}
    assert rows[lab["payback_months"]][-1] == words
    # Without a first budget year: the month number only, no note.
    _, book = _book(BASE + "discount_rate: 0.0225\n", lang)
    assert next(book[lab["summary"]].iter_rows(values_only=True))[-1] == lab["p95"]
