"""Issue 17.7: the council report printed to PDF by a real browser (headless Chromium):
A4 pages, the first page holds the question, the answer and how sure it is, no heading
left alone at a page foot, yearly tables with a Total column. CI installs Chromium
(.ci/run), so this runs there rather than skipping."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEEDED = ("chromium", "pdftotext", "pdfinfo")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in NEEDED), reason="Chromium or poppler-utils is not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, object]:
    from typer.testing import CliRunner

    from roi_sim.cli.app import app

    out = tmp_path_factory.mktemp("print")
    page = out / "tiers.html"
    res = CliRunner().invoke(app, ["report", str(ROOT / "scenarios" / "tiers.yaml"), "-o", str(page), "--lang", "nl", "-n", "2000"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    pdf = out / "tiers.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={out / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", "file://" + str(page)],
        check=True, capture_output=True, timeout=180,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    pages = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
             for i in range(1, n + 1)]
    html = page.read_text(encoding="utf-8")
    # Headings followed by text (a chart's words are pixels, invisible to pdftotext).
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23]>(.*?)</h[23]>(?!\s*<img)", html)]
    return {"info": info, "pages": pages, "headings": headings, "html": html}


def test_a4_pages(printed) -> None:
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", printed["info"])  # type: ignore[arg-type]
    assert size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2  # A4: 210 × 297 mm


def test_first_page_holds_question_answer_and_how_sure(printed) -> None:
    first = " ".join(printed["pages"][0].split())  # type: ignore[index]
    assert "De vraag" in first and "In het kort" in first
    assert "Beste voor de gemeente" in first
    assert "van de doorgerekende aannames beter dan" in first  # how sure the best is (decision, DESIGN.md §7)


def test_no_heading_alone_at_a_page_foot(printed) -> None:
    headings = [" ".join(h.split()) for h in printed["headings"]]  # type: ignore[union-attr]
    assert len(headings) > 8
    for number, text in enumerate(printed["pages"], 1):  # type: ignore[arg-type]
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        if not lines:
            continue
        for h in headings:
            # A heading (perhaps wrapped over two lines), or a heading and its one-line
            # introduction, as the last thing on a page.
            for k in (1, 2, 3, 4):
                tail = " ".join(lines[-k:])
                assert tail != h, (number, h)
                assert not (tail.startswith(h + " ") and k <= 3 and number < len(printed["pages"]) and _intro_only(tail, h)), (number, h)


def test_yearly_tables_have_a_total_column(printed) -> None:
    html = printed["html"]
    tables = re.findall(r"<h3>Kasstroom per jaar.*?</h3>.*?<thead><tr>(.*?)</tr></thead>", html, flags=re.S)  # type: ignore[arg-type]
    assert tables and all("<th>Totaal</th>" in head for head in tables)
    assert "thead{display:table-header-group}" in html and "@page{size:A4" in html


def _intro_only(tail: str, heading: str) -> bool:
    """The text after the heading is a sentence of prose, not a table row or chart."""
    rest = tail[len(heading):].strip()
    return bool(rest) and rest.endswith(".") and "€" not in rest
