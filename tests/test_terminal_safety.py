"""Issue 16.10: control characters in names from the scenario (strategy, group, variant,
scenario name) reach no output raw; every format but JSON shows them escaped as error
messages do (``\\x1b``), JSON keeps the exact name."""

from __future__ import annotations

import json

import openpyxl
import pytest

from roi_sim.outputs.safe_text import json_text, safe_text
from tests.conftest import LELYSTAD_AS_TOLD

HOSTILE = "\x1b]2;x\x07A"  # retitles an xterm, then rings the bell
SHOWN = "\\x1b]2;x\\x07A"
YAML_NAME = '"\\e]2;x\\aA"'  # the same name in YAML's double-quoted escapes

SCENARIO = (
    LELYSTAD_AS_TOLD.replace("name: Lelystad as the article tells it", f"name: {YAML_NAME}")
    .replace("outflow_rate: 0.30", "outflow_rate: {dist: uniform, low: 0.2, high: 0.4}")
    + f"strategies:\n  - name: {YAML_NAME}\n  - name: Dearer\n    cost_per_client: 7000\n"
)
GROUPS = f"""\
name: {YAML_NAME}
horizon_years: 6
annual_benefit_cost: 12000
outflow_window_months: 12
relapse_model: fixed
baseline_outflow_rate: 0
groups:
  {YAML_NAME}:
    clients_available: 400
    cost_per_client: 5000
    outflow_rate: 0.30
    time_out_of_benefits_years: 2
  B:
    clients_available: 100
    cost_per_client: 4000
    outflow_rate: 0.20
    time_out_of_benefits_years: 3
"""


def _safe(text: str, *, escaped: bool = True) -> None:
    assert "\x1b" not in text and "\x07" not in text
    if escaped:
        assert "\\x1b" in text


@pytest.fixture
def path(write):
    return write(SCENARIO)


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_run_text_formats_escape_the_name(cli, path, fmt) -> None:
    done = cli("run", path, "-n", "300", "-f", fmt)
    assert done.exit_code == 0, done.stderr
    _safe(done.stdout + done.stderr)
    assert SHOWN in done.stdout


def test_run_table_to_file_and_dutch(cli, path, tmp_path) -> None:
    out = tmp_path / "out.txt"
    done = cli("run", path, "-n", "300", "--lang", "nl", "-o", out)
    assert done.exit_code == 0, done.stderr
    _safe(out.read_text(encoding="utf-8"))


def test_json_keeps_the_exact_name(cli, path) -> None:
    text = cli("run", path, "-n", "300", "-f", "json").stdout
    _safe(text, escaped=False)
    doc = json.loads(text)
    assert doc["scenario"]["name"] == HOSTILE
    assert doc["strategies"][0]["name"] == HOSTILE


def test_workbook_cells_show_the_escaped_name(cli, path, tmp_path) -> None:
    out = tmp_path / "out.xlsx"
    done = cli("run", path, "-n", "300", "-o", out)
    assert done.exit_code == 0, done.stderr
    wb = openpyxl.load_workbook(out)
    texts = [str(c.value) for ws in wb.worksheets if ws.title != wb.sheetnames[2] for row in ws.iter_rows() for c in row if c.value]
    joined = "\n".join(texts)
    _safe(joined)
    assert SHOWN in joined


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_council_report_escapes_the_name(cli, path, tmp_path, name) -> None:
    out = tmp_path / name
    done = cli("report", path, "-n", "300", "-o", out)
    assert done.exit_code == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    _safe(text)
    assert SHOWN in text


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "-n", "300"),
        ("compare", "-n", "300", "-f", "markdown"),
        ("breakeven", "--param", "cost_per_client"),
        ("voi", "-n", "400"),
        ("sensitivity", "--points", "64"),
        ("validate",),
    ],
)
def test_other_commands_escape_the_name(cli, path, args) -> None:
    done = cli(args[0], path, *args[1:])
    assert done.exit_code == 0, done.stderr
    _safe(done.stdout + done.stderr)


def test_group_names_in_allocate(cli, write) -> None:
    done = cli("allocate", write(GROUPS), "--budget", "1000000", "--deterministic")
    assert done.exit_code == 0, done.stderr
    _safe(done.stdout)
    assert SHOWN in done.stdout


def test_error_messages_escape_a_name_from_the_command_line(cli, path, tmp_path) -> None:
    realised = tmp_path / "r.csv"
    realised.write_text("month,clients_started,left_benefit,returned\n1,10,1,0\n", encoding="utf-8")
    done = cli("report", path, "-n", "300", "-o", tmp_path / "r.html", "--realised", realised, "--strategy", HOSTILE + "?")
    assert done.exit_code == 2
    _safe(done.stderr)


def test_helpers() -> None:
    assert safe_text(f"a\tb\n{HOSTILE}\r\n\x9b") == f"a\tb\n{SHOWN}\r\n\\x9b"
    assert json.loads(json_text({"n": HOSTILE + "\x9b\x7f"}, ensure_ascii=False)) == {"n": HOSTILE + "\x9b\x7f"}
    assert "\x9b" not in json_text("\x9b", ensure_ascii=False)


def test_sweep_row_names(cli, tmp_path) -> None:
    (tmp_path / "base.yaml").write_text(LELYSTAD_AS_TOLD, encoding="utf-8")
    rows = tmp_path / "rows.yaml"
    rows.write_text(f"scenario: base.yaml\nrows:\n  - name: {YAML_NAME[:-1]}\\x9b\"\n    cohort_size: 120\n", encoding="utf-8")
    csv_text = cli("sweep", rows, "--deterministic", "-f", "csv").stdout
    _safe(csv_text)
    assert "\x9b" not in csv_text and SHOWN + "\\x9b" in csv_text
    json_out = cli("sweep", rows, "--deterministic", "-f", "json").stdout
    _safe(json_out, escaped=False)
    assert "\x9b" not in json_out
    assert json.loads(json_out)["runs"][0]["name"] == HOSTILE + "\x9b"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_track_escapes_the_name(cli, path, tmp_path, fmt) -> None:
    realised = tmp_path / "r.csv"
    realised.write_text("month,clients_started,left_benefit,returned\n1,300,10,0\n2,0,12,1\n", encoding="utf-8")
    done = cli("track", path, "--realised", realised, "-n", "300", "-f", fmt)
    assert done.exit_code == 0, done.stderr
    _safe(done.stdout + done.stderr, escaped=False)
