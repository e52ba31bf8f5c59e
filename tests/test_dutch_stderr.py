"""Issue 10.5: every word through the language tables, stderr included: with --lang nl the
"wrote" line, the precision warning and calibrate's YAML comment are Dutch; English unchanged."""

from __future__ import annotations

from tests.conftest import LELYSTAD_AS_TOLD


def test_the_wrote_line_follows_the_language(cli, write, tmp_path) -> None:
    scenario = write(LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: 0.10"))
    out = tmp_path / "r.md"
    assert cli("run", scenario, "--deterministic", "-o", out, "--lang", "nl").stderr == f"roi-sim: {out} geschreven\n"
    assert cli("run", scenario, "--deterministic", "-o", out).stderr == f"roi-sim: wrote {out}\n"


def test_the_precision_warning_in_dutch(cli, write) -> None:
    # 16 iterations of one cohort: the standard error of the mean net is far above 5% of it.
    # Near the break-even (0.2083) the mean net is small against the luck of 300 clients.
    scenario = write(LELYSTAD_AS_TOLD.replace("outflow_rate: 0.30", "outflow_rate: 0.21") + "iterations: 16\n")
    nl = cli("run", scenario, "--lang", "nl").stderr
    assert "roi-sim: waarschuwing: de Monte Carlo-standaardfout van de gemiddelde netto besparing van 'Lelystad as the article tells it' is € " in nl
    assert "reken met meer iteraties (--iterations auto) voordat u het getal noemt" in nl
    en = cli("run", scenario).stderr
    assert "roi-sim: warning: the Monte Carlo standard error of mean net savings of 'Lelystad as the article tells it' is EUR " in en


def test_calibrate_comments_its_yaml_in_dutch(cli) -> None:
    out = cli("calibrate", "--successes", "4", "--trials", "75", "--lang", "nl").stdout.splitlines()[-1]
    # Beta(1 + 4, 1 + 71): mean 5/77 = 0.0649; the YAML keeps its points, the comment is Dutch.
    assert out.startswith("outflow_rate: {dist: beta, alpha: 5, beta: 72}   # pilot: 4 van 75 (uniforme verdeling vooraf); gemiddeld 0,065")


def test_the_auto_iterations_line_in_dutch(cli, write) -> None:
    # A fixed outflow far from break-even: one block of 4,096 reaches a target of EUR 20,000.
    scenario = write(LELYSTAD_AS_TOLD)
    nl = cli("run", scenario, "-n", "auto", "--target-se", "20000", "--lang", "nl").stderr.splitlines()[0]
    assert nl == "roi-sim: --iterations auto: 4.096 trekkingen; beoogde standaardfout € 20.000 gehaald"
    en = cli("run", scenario, "-n", "auto", "--target-se", "20000").stderr.splitlines()[0]
    assert en == "roi-sim: --iterations auto: 4,096 iterations; target standard error EUR 20,000 reached"
