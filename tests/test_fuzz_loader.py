"""A bounded fuzz of the scenario loader, :func:`roi_sim.scenario.spec.parse_scenario`.

For every input — random bytes, random text, deeply nested YAML, and mutations of a valid
scenario (lines deleted, duplicated, swapped or re-indented, random characters inserted,
values replaced by random YAML scalars) — the loader either returns a Scenario or raises
:class:`ScenarioError` whose message is one line starting with the source name. Nothing
else may escape: no ValueError, no RecursionError, no yaml error. A handful of the refused
inputs also go through the CLI: exit code 2 and nothing on stdout.

Regressions this fuzz found, now fixed, are pinned at the end: scalars YAML calls numbers
but cannot convert (``0b_``, ``!!int abc``), control characters (PyYAML's two-line
ReaderError), and quoted text with line breaks echoed into a message.

The hypothesis profile ``roi-sim-ci`` (derandomised, no database, no deadline) is applied
per test, so other modules keep their own settings.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from roi_sim.scenario.spec import Scenario, ScenarioError, parse_scenario
from tests.conftest import Cli

settings.register_profile(
    "roi-sim-ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
CI = settings.get_profile("roi-sim-ci")

#: A valid scenario that uses every kind of value the loader knows: comments, block and
#: flow mappings, every distribution and beta form, strategies with overrides, quoting.
BASE = """\
# Fuzz base: everything the loader reads
name: "Fuzz — basis 2024"
horizon_years: 5
discount_rate: 0.0225
iterations: 100
seed: 7
cohort_size: {dist: pert, low: 100, mode: 150, high: 200}
intake_years: 2
cost_per_client: 5000  # EUR
annual_benefit_cost: {dist: normal, mean: 14000, sd: 1000, low: 10000}
outflow_rate:
  dist: beta
  mean: 0.3
  sd: 0.05
outflow_window_months: 12
baseline_outflow_rate: {dist: uniform, low: 0.02, high: 0.1}
time_out_of_benefits_years: {dist: triangular, low: 2, mode: 2.5, high: 3}
relapse_model: fixed
strategies:
  - name: Base
  - name: Intensive
    cost_per_client: {dist: gamma, mean: 8000, sd: 1500}
    outflow_rate: {dist: beta, successes: 40, trials: 100}
    relapse_model: exponential
  - name: 'Light, caseload 150'
    cost_per_client: {dist: lognormal, mean: 1500, sd: 300}
    outflow_rate: {dist: beta, alpha: 3, beta: 12}
    time_out_of_benefits_years: {dist: fixed, value: 1.5}
    intake_years: 1
"""

SOURCES = st.sampled_from(["fuzz.yaml", "<scenario>", "dir/sub dir/scénario 1.yaml", "C:\\gemeente\\plan.yaml"])


# --------------------------------------------------------------------------- the property


def check_loader(text: str | bytes, source: str) -> Scenario | ScenarioError:
    """parse_scenario returns a Scenario or raises a ScenarioError with a one-line message
    starting with the source name; anything else fails."""
    try:
        return parse_scenario(text, source)
    except ScenarioError as exc:
        message = str(exc)
        note(f"message: {message!r}")
        assert message.startswith(source), message
        assert exc.source == source
        assert message.splitlines() == [message], f"message is not one line: {message!r}"
        return exc
    except Exception as exc:  # noqa: BLE001 - RecursionError, yaml errors, pydantic errors...
        raise AssertionError(f"{type(exc).__name__} escaped the loader: {exc!r}") from exc


def test_the_base_scenario_is_valid() -> None:
    """The fuzz starts from a valid scenario: BASE parses, with its three strategies."""
    scenario = parse_scenario(BASE, "fuzz.yaml")
    assert [s.name for s in scenario.strategies] == ["Base", "Intensive", "Light, caseload 150"]


# --------------------------------------------------------------------------- (a) random input


@settings(CI, max_examples=300)
@given(data=st.binary(max_size=600), source=SOURCES)
def test_random_bytes_never_crash_the_loader(data: bytes, source: str) -> None:
    """(a) Random bytes: a Scenario or a one-line ScenarioError naming the source."""
    check_loader(data, source)


YAMLISH = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\\ \t\n\r") + ["\x85", "\u2028", "\ufeff", "\x01", "\x7f", "é", "—"])
CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"]) | YAMLISH | st.sampled_from(list("abc019._~"))


@settings(CI, max_examples=200)
@given(text=st.text(CHARS, max_size=300), source=SOURCES, as_bytes=st.booleans())
def test_random_text_never_crashes_the_loader(text: str, source: str, as_bytes: bool) -> None:
    """(a) Random text, rich in YAML syntax characters, as str and as UTF-8 bytes: a
    Scenario or a one-line ScenarioError naming the source."""
    check_loader(text.encode("utf-8") if as_bytes else text, source)


@settings(CI, max_examples=12)
@given(
    depth=st.integers(1, 3000),
    opener=st.sampled_from(["[", "{a: ", "- ", "? "]),
    where=st.sampled_from(["top", "value"]),
)
def test_deep_nesting_never_escapes_as_recursion_error(depth: int, opener: str, where: str) -> None:
    """(a) Nesting up to 3000 levels deep (flow lists, flow mappings, block sequences,
    complex keys) gives a ScenarioError, never a RecursionError."""
    closer = {"[": "]", "{a: ": "}"}.get(opener, "")
    if opener == "- ":
        body = "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "1\n"
    else:
        body = opener * depth + "1" + closer * depth + "\n"
    text = body if where == "top" else "horizon_years: 2\ncohort_size: " + body.replace("\n", " ").strip() + "\n"
    result = check_loader(text, "deep.yaml")
    assert isinstance(result, ScenarioError)


# --------------------------------------------------------------------------- (b) mutations

#: Scalars YAML 1.1 reads in surprising ways, and tags, anchors and collections.
SPECIAL_SCALARS = [
    "", "~", "null", "Null", "NULL", "true", "false", "yes", "no", "on", "off", "y", "n", "Yes",
    ".inf", "-.inf", "+.inf", ".nan", ".NaN", "0", "-0", "+1", "0x1F", "0x_", "0o17", "017", "0b101", "0b_",
    "1_000", "1:30", "1:30.5", "190:20:30", "1e3", "1.0e+3", "1.0e400", "-1.0e400", "1e-400", "3.",
    ".5", "._", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12,000", "€5000", "30%",
    '"quoted"', "'single'", '""', "''", '"a\\nb"', '"\\x01"', '"\\u2028"', '"tab\\there"',
    "!!int 3", "!!int abc", "!!int", "!!float 1", "!!float .", "!!float abc", "!!bool yes", "!!bool maybe",
    "!!str 3", "!!null ~", "!!binary aGVsbG8=", "!!timestamp 2001-12-14", "!!set {a, b}", "!!omap [a: 1]",
    "!!python/name:os.system", "!custom 3", "!<tag:yaml.org,2002:int> 5",
    "&a 1", "*a", "*undefined", "[1, 2]", "[]", "{}", "{a: 1}", "{dist: beta}", "{dist: fixed, value: 1}",
    "{dist: normal, mean: 0.3, sd: 0.1}", "[*a, *a]", "|\n  block\n  text", ">\n  folded", "- 1", "? x",
    "<<: {a: 1}", "%YAML 1.1", "---", "...", "#comment", "12000 # comment", "1" + "0" * 40, "-" + "9" * 30,
]

scalar_values = st.one_of(
    st.sampled_from(SPECIAL_SCALARS),
    st.integers(-(10**25), 10**25).map(str),
    st.floats().map(repr),
    st.text(CHARS, max_size=12),
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """BASE after 1..6 random edits of its lines."""
    lines = BASE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            lines = [""]
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "replace", "replace", "replace"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            pos = draw(st.integers(0, len(line)))
            lines[i] = line[:pos] + draw(st.text(CHARS, min_size=1, max_size=5)) + line[pos:]
        elif op == "indent":
            stripped = line.lstrip(" ")
            new = draw(st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t"]))
            lines[i] = new + stripped
        else:  # replace the value after "key:" (or the whole line) by a random YAML scalar
            value = draw(scalar_values)
            head, sep, _ = line.partition(": ")
            end = "\n" if line.endswith("\n") else ""
            lines[i] = (head + sep + value if sep else value) + end
    return "".join(lines)


@settings(CI, max_examples=400)
@given(text=mutated(), source=SOURCES)
def test_mutated_scenarios_never_crash_the_loader(text: str, source: str) -> None:
    """(b) Mutations of a valid scenario (lines deleted, duplicated, swapped, re-indented,
    random characters inserted, values replaced by random YAML scalars): a Scenario or a
    one-line ScenarioError naming the source, and never any other exception."""
    note(text)
    check_loader(text, source)


@st.composite
def one_value_replaced(draw: st.DrawFn) -> str:
    """BASE with the value of one ``key: value`` line replaced by a random YAML scalar: the
    file stays well-formed far more often, so the schema checks and their messages are
    exercised rather than the YAML parser."""
    lines = BASE.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    i = draw(st.sampled_from(candidates))
    head, _, _ = lines[i].partition(": ")
    lines[i] = f"{head}: {draw(scalar_values)}\n"
    return "".join(lines)


@settings(CI, max_examples=200)
@given(text=one_value_replaced(), source=SOURCES)
def test_one_replaced_value_never_crashes_the_loader(text: str, source: str) -> None:
    """(b) One value of a valid scenario replaced by a random YAML scalar (YAML 1.1
    oddities, tags, anchors, collections, text): a Scenario or a one-line ScenarioError."""
    note(text)
    check_loader(text, source)


SCHEMA_KEYS = [
    "name", "horizon_years", "discount_rate", "iterations", "seed", "strategies", "cohort_size", "intake_years",
    "cost_per_client", "annual_benefit_cost", "outflow_rate", "outflow_window_months", "baseline_outflow_rate",
    "time_out_of_benefits_years", "relapse_model", "dist", "value", "low", "mode", "high", "mean", "sd", "alpha",
    "beta", "successes", "trials",
]
DIST_NAMES = ["fixed", "uniform", "triangular", "pert", "normal", "lognormal", "gamma", "beta", "betta", "Beta"]
plain_data = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=8) | st.sampled_from(DIST_NAMES + ["fixed", "exponential"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(SCHEMA_KEYS) | st.text(max_size=6), children, max_size=5),
    max_leaves=12,
)


@st.composite
def grafted(draw: st.DrawFn) -> str:
    """The data of BASE with 1..3 random subtrees replaced by random YAML data whose keys
    are mostly schema keys (a structure-aware fuzz of the schema checks and of the
    translation of pydantic errors into messages)."""
    doc = yaml.safe_load(BASE)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = doc
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                node = child
                continue
            if draw(st.integers(0, 4)) == 0 and isinstance(node, dict):
                del node[key]
            else:
                node[key] = draw(plain_data)
            break
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=draw(st.sampled_from([False, None])))


@settings(CI, max_examples=250)
@given(text=grafted(), source=SOURCES)
def test_grafted_random_data_never_crashes_the_loader(text: str, source: str) -> None:
    """(b) A valid scenario with random subtrees (numbers, text, booleans, nulls, lists and
    mappings keyed by schema names) grafted in or deleted: a Scenario or a one-line
    ScenarioError naming the source, never any other exception."""
    note(text)
    check_loader(text, source)


@settings(CI, max_examples=10)
@given(text=mutated())
def test_refused_mutations_exit_2_through_the_cli(text: str) -> None:
    """(b) Through the CLI, a refused mutated scenario gives exit code 2, a message on
    stderr that names the file, and nothing on stdout."""
    assume(isinstance(check_loader(text, "fuzz.yaml"), ScenarioError))
    with tempfile.TemporaryDirectory(prefix="roi-sim-fuzz-") as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        result = Cli()("run", path, "--format", "json")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"roi-sim: error: {path}")
    assert "Traceback" not in result.stderr


@settings(CI, max_examples=5)
@given(data=st.binary(min_size=1, max_size=300))
def test_random_bytes_exit_2_through_the_cli(data: bytes) -> None:
    """(a) Through the CLI, random bytes give exit code 2 (or 0 if they happen to be a
    valid scenario) and nothing on stdout when refused."""
    outcome = check_loader(data, "bytes.yaml")
    with tempfile.TemporaryDirectory(prefix="roi-sim-fuzz-") as tmp:
        path = Path(tmp) / "bytes.yaml"
        path.write_bytes(data)
        result = Cli()("run", path, "--format", "json")
    if isinstance(outcome, ScenarioError):
        assert result.exit_code == 2, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith(f"roi-sim: error: {path}")
    else:
        assert result.exit_code == 0


# --------------------------------------------------------------------------- regressions (fixed)


def _one_line_error(text: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "repro.yaml")
    message = str(info.value)
    assert message.startswith("repro.yaml") and message.splitlines() == [message], message


BAD_SCALARS = ["horizon_years: 0b_\n", "horizon_years: 0x_\n", "horizon_years: !!int abc\n", "horizon_years: !!float .\n", "horizon_years: !!bool maybe\n", "horizon_years: !!int\n"]


@pytest.mark.parametrize("text", BAD_SCALARS)
def test_scalars_yaml_cannot_convert_are_scenario_errors(text: str) -> None:
    """A number/boolean scalar PyYAML cannot convert is a ScenarioError (exit 2), not a
    ValueError/IndexError/KeyError escaping as an internal error."""
    _one_line_error(text)


@pytest.mark.parametrize("text", ["horizon_years: 6\nname: a\x01b\n", "horizon_years: 6\x07\n", "name: \x7f\n"])
def test_control_characters_give_one_line_with_the_line_number(text: str) -> None:
    """A control character gives a one-line message."""
    _one_line_error(text)


@pytest.mark.parametrize(
    "text",
    [
        'horizon_years: "six\\nseven"\n',
        "horizon_years: |\n  six\n  seven\n",
        'horizon_years: 6\n"bad\\nkey": 1\n',
        'horizon_years: 6\nrelapse_model: "fi\\nxed"\n',
        'horizon_years: 6\ncohort_size: 1\ncost_per_client: 1\nannual_benefit_cost: 1\noutflow_rate: 0.1\n'
        'time_out_of_benefits_years: 1\nstrategies:\n  - name: "a\\nb"\n  - name: "a\\nb"\n',
    ],
)
def test_line_breaks_in_echoed_text_are_escaped(text: str) -> None:
    """A value, key or strategy name containing a line break does not break the one-line
    message: it is echoed with escapes."""
    _one_line_error(text)


def test_control_character_message_names_its_line() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("horizon_years: 6\nname: a\x01b\n", "repro.yaml")
    assert str(info.value) == "repro.yaml, line 2: the file contains a control character (#x0001) that YAML does not allow; remove it"


def test_unconvertible_number_message() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("horizon_years: 0b_\n", "repro.yaml")
    assert str(info.value) == (
        "repro.yaml, line 1, column 16, key 'horizon_years': cannot read '0b_' as a whole number; write a plain number or plain text"
    )


def test_echoed_line_break_is_escaped() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario('horizon_years: "six\\nseven"\n', "repro.yaml")
    assert str(info.value) == "repro.yaml, line 1, column 1, key 'horizon_years': must be a whole number, got the text 'six\\nseven'"


def test_empty_value_is_an_error_not_the_default() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("horizon_years: 6\nintake_years:\n", "repro.yaml")
    assert str(info.value) == "repro.yaml, line 2, column 1, key 'intake_years': has no value; give one, or remove the key to use the default"


def test_scientific_notation_hint() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("horizon_years: 6\ncost_per_client: 1e5\n", "repro.yaml")
    assert str(info.value).endswith("got the text '1e5' (YAML reads 1e5 as text: write 100000 or 1.0e+5)")
