"""Issue 10.5: every error message the command line prints is Dutch under --lang nl and
unchanged in English. The library raises :class:`Msg` texts; the CLI renders them with
roi_sim/outputs/language/errors_nl.py (docs/contracts.md, "Error messages in two languages").

The scans below fail when a ``Msg(...)`` has no Dutch, when a Dutch entry's placeholders
differ from the English, or when a ``raise`` of bad input passes literal English text.
"""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest

from roi_sim.outputs.language.errors_nl import ERRORS
from roi_sim.scenario.errors import ScenarioError
from roi_sim.scenario.message_text import Msg, join_words, message_of
from tests.conftest import LELYSTAD_AS_TOLD

ROOT = Path(__file__).resolve().parents[1] / "roi_sim"

#: Modules whose raises stay English: the outputs' checks of arguments the command line has
#: already checked (format, language) or builds itself (chart data, sheet names). From the
#: command line such an error is a bug, printed as "internal error: …" (its frame in Dutch).
ENGLISH_ONLY: set[str] = {
    "roi_sim/outputs/charts/comparisons.py",
    "roi_sim/outputs/charts/fan.py",
    "roi_sim/outputs/charts/histograms.py",
    "roi_sim/outputs/charts/style.py",
    "roi_sim/outputs/council_report/__init__.py",
    "roi_sim/outputs/council_report/writers.py",
    "roi_sim/outputs/formats/__init__.py",
    "roi_sim/outputs/language/lookup.py",
    "roi_sim/outputs/starter.py",
    "roi_sim/outputs/workbook/__init__.py",
    "roi_sim/outputs/workbook/cells.py",
    "roi_sim/outputs/workbook/iterations.py",
}

#: The exceptions that carry a message for the user, and which argument is the message.
_MESSAGE_ARG = {"ScenarioError": 1, "InputError": 1, "error_at": 3, "ArgumentError": 2, "BadInput": 0, "ValueError": 0,
                "RealisedError": 0, "fail": -1, "_fail": -1}
#: A raise marked with this comment is a bug check, not bad input: it stays English.
INTERNAL = "# internal"


def _sources() -> list[tuple[str, ast.Module, list[str]]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        out.append((str(path.relative_to(ROOT.parent)), ast.parse(text), text.splitlines()))
    return out


def _fields(template: str) -> list[tuple[str, str, str | None]]:
    return sorted((name, spec or "", conv) for _, name, spec, conv in string.Formatter().parse(template) if name is not None)


def _templates() -> list[tuple[str, int, str]]:
    found = []
    for name, tree, _ in _sources():
        for node in ast.walk(tree):
            # Msg("...") in place, or template("...") for a table of templates.
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Msg", "template") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((name, node.lineno, first.value))
                else:
                    assert node.func.id == "Msg", f"{name}:{node.lineno}: template() needs a literal"
    return found


def test_every_message_has_dutch_with_the_same_placeholders() -> None:
    missing = [f"{n}:{line}: {t!r}" for n, line, t in _templates() if t not in ERRORS]
    assert not missing, "no Dutch in roi_sim/outputs/language/errors_nl.py for:\n" + "\n".join(missing)
    for english, dutch in ERRORS.items():
        assert _fields(english) == _fields(dutch), english


def test_the_catalogue_has_no_stale_entries() -> None:
    used = {t for _, _, t in _templates()}
    stale = [t for t in ERRORS if t not in used]
    assert not stale, stale


def _literal_text(node: ast.expr) -> bool:
    """True for English written in place: a string, an f-string, or a sum or ``.format`` of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) or _literal_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_text(node.func.value)
    return False


def test_every_bad_input_raise_passes_a_msg() -> None:
    literal = []
    for name, tree, lines in _sources():
        if name in ENGLISH_ONLY:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            index = _MESSAGE_ARG.get(called)
            if index is None or not -len(node.exc.args) <= index < len(node.exc.args):
                continue
            # fail(...) helpers: any argument of English words (a key name such as "month" is not one)
            args = [a for a in node.exc.args if _literal_text(a) and " " in ast.unparse(a)] if called in ("fail", "_fail") else [
                node.exc.args[index]]
            if any(_literal_text(a) for a in args) and not any(INTERNAL in lines[i - 1] for i in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
                literal.append(f"{name}:{node.lineno}")
    assert not literal, "raises with English text in place of a Msg:\n" + "\n".join(literal)


def test_a_msg_is_its_english_text() -> None:
    m = Msg("must be between {low} and {high}, got {got}", low=0, high=1, got=1.5)
    assert m == "must be between 0 and 1, got 1.5" and isinstance(m, str)
    assert m.template == "must be between {low} and {high}, got {got}" and m.params == {"low": 0, "high": 1, "got": 1.5}
    assert pickle.loads(pickle.dumps(m)).template == m.template
    assert message_of(ValueError(m)) is m
    assert Msg("{n:,} rows", n=1234567).render({"{n:,} rows": "{n:,} rijen"}, grouping=".") == "1.234.567 rijen"


def test_params_in_words_are_rendered_too() -> None:
    listed = join_words(["a", "b", "c"])
    assert listed == "a, b or c"
    assert Msg("one of {x}", x=listed).render({"one of {x}": "een van {x}", "{head} or {last}": "{head} of {last}"}) == "een van a, b of c"


def test_the_where_prefix_in_dutch() -> None:
    error = ScenarioError("s.yaml", Msg("must be a whole number, got {got}", got="1.5"), line=4, column=3, key="seed")
    assert str(error) == "s.yaml, line 4, column 3, key 'seed': must be a whole number, got 1.5"
    assert error.render(ERRORS, grouping=".") == "s.yaml, regel 4, kolom 3, sleutel 'seed': moet een geheel getal zijn; er staat 1.5"


def _line(cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


def test_an_argument_error_in_dutch(cli, write) -> None:
    scenario = write(LELYSTAD_AS_TOLD)
    assert _line(cli, "run", scenario, "--seed", "1.5", "--lang", "nl") == (
        "roi-sim: fout: --seed 1.5: moet een geheel getal van 0 tot 9.223.372.036.854.775.807 zijn, net als de sleutel seed in het scenario")
    assert _line(cli, "run", scenario, "--seed", "1.5") == (
        "roi-sim: error: --seed 1.5: must be a whole number from 0 to 9,223,372,036,854,775,807, as the scenario's seed key")
    assert _line(cli, "run", scenario, "--target-se", "5", "--lang", "nl") == "roi-sim: fout: --target-se hoort bij --iterations auto"


#: A representative message of each room and module: (scenario text or None, arguments, English, Dutch).
#: "{path}" is the scenario file; every line is the whole stderr, with exit code 2.
G = LELYSTAD_AS_TOLD
SCENARIO_CASES = {
    "yaml_reader": (
        G.replace("horizon_years: 6", "horizon_years: 6\nhorizon_years: 7"),
        "{path}, line 3, column 1, key 'horizon_years': duplicate key: 'horizon_years' is already set on line 2; keep one of them",
        "{path}, regel 3, kolom 1, sleutel 'horizon_years': dubbele sleutel: 'horizon_years' staat al op regel 2; houd er één over",
    ),
    "yaml_reader (PyYAML's syntax error)": (
        "name: x\nhorizon_years: [6, 7\n",
        "{path}, line 3, column 1: YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'",
        "{path}, regel 3, kolom 1: YAML-syntaxfout: bij het lezen van een lijst tussen [ ], verwacht ',' of ']', maar gevonden: '<stream end>'",
    ),
    "messages (pydantic, a type)": (
        G.replace("cohort_size: 300", "cohort_size: 1.5e3"),
        "{path}, line 3, column 1, key 'cohort_size': expected a number or a distribution such as {dist: beta, mean: 0.3, sd: 0.05}, "
        "got the text '1.5e3' (YAML reads 1e5 as text: write 100000 or 1.0e+5)",
        "{path}, regel 3, kolom 1, sleutel 'cohort_size': verwacht een getal of een verdeling zoals {dist: beta, mean: 0.3, sd: 0.05}; "
        "er staat de tekst '1.5e3' (YAML leest 1e5 als tekst: schrijf 100000 of 1.0e+5)",
    ),
    "messages (pydantic, a list)": (
        G + "correlations:\n  - [outflow_rate, baseline_outflow_rate, 0.5]\n",
        "{path}, line 12, column 5, key 'correlations[1]': must be a mapping of keys, got a list",
        "{path}, regel 12, kolom 5, sleutel 'correlations[1]': moet een verzameling sleutels met waarden zijn; er staat een lijst",
    ),
    "checks": (
        G.replace("outflow_rate: 0.30", "outflow_rate: 1.5"),
        "{path}, line 6, column 1, key 'outflow_rate': 1.5 is not a rate: a rate is a fraction between 0 and 1; write 0.015 for 1.5%",
        "{path}, regel 6, kolom 1, sleutel 'outflow_rate': 1.5 is geen fractie: een kans of aandeel is een getal tussen 0 en 1; schrijf 0.015 voor 1.5%",
    ),
    "dist_skewed (a validator's ValueError through pydantic)": (
        G.replace("outflow_rate: 0.30", "outflow_rate: {dist: normal, mean: 0.3, sd: -1}"),
        "{path}, line 6, column 41, key 'outflow_rate.sd': normal distribution: sd must be above 0 (got -1); for a known number write the number itself",
        "{path}, regel 6, kolom 41, sleutel 'outflow_rate.sd': verdeling normal: sd moet boven 0 liggen (er staat -1); schrijf voor een bekend getal "
        "het getal zelf",
    ),
    "groups": (
        G.replace("name: Lelystad as the article tells it", "name: x\nstrategies:\n  - name: A\n  - name: A"),
        "{path}, line 4, column 5, key 'strategies[2].name': duplicate strategy name 'A' (also strategy 1); strategy names must be unique",
        "{path}, regel 4, kolom 5, sleutel 'strategies[2].name': dubbele strategienaam 'A' (ook strategie 1); elke strategie heeft een eigen naam nodig",
    ),
    "states": (
        G + "start: {a: 1}\n",
        "{path}, line 11, column 1, key 'start': start needs states: declare the states first (docs/states.md)",
        "{path}, regel 11, kolom 1, sleutel 'start': start vraagt om toestanden: benoem eerst de toestanden (docs/states.md)",
    ),
    "effects": (
        G.replace("outflow_rate: 0.30", "outflow_rate: 0.30\nnet_effect: 0.02"),
        "{path}, line 7, column 1, key 'net_effect': net_effect (line 7) and outflow_rate (line 6) are alternatives; set one: net_effect for the "
        "programme's effect above the baseline, outflow_rate for the share off benefit including those who would have left anyway",
        "{path}, regel 7, kolom 1, sleutel 'net_effect': net_effect (regel 7) en outflow_rate (regel 6) zijn alternatieven; geef er één op: "
        "net_effect voor het effect van het programma bovenop de basis, outflow_rate voor het aandeel dat uit de uitkering gaat, inclusief wie "
        "ook zonder programma was uitgestroomd",
    ),
    "variants": (
        G + "variants:\n  - name: a\n    weight: 1\n  - name: b\n",
        "{path}, line 14, column 5, key 'variants[2]': give every variant a weight, or none (equal weights)",
        "{path}, regel 14, kolom 5, sleutel 'variants[2]': geef elke variant een gewicht, of geen enkele (gelijke gewichten)",
    ),
    "unused": (
        G + "relapse_within_12_months: 0.1\n",
        "{path}, line 11, column 1, key 'relapse_within_12_months': relapse_within_12_months is not used by relapse_model fixed, which uses "
        "time_out_of_benefits_years; remove it, or set relapse_model: levelling",
        "{path}, regel 11, kolom 1, sleutel 'relapse_within_12_months': relapse_within_12_months wordt niet gebruikt door relapse_model fixed, dat "
        "time_out_of_benefits_years gebruikt; haal het weg, of geef relapse_model: levelling op",
    ),
    "classes": (
        G + "classes:\n  - name: a\n    share: 0.5\n  - name: b\n    share: 0.2\n",
        "{path}, line 11, column 1, key 'classes': the class shares add up to 0.7, but they must add up to 1 (each class is that share of the "
        "part's clients)",
        "{path}, regel 11, kolom 1, sleutel 'classes': de aandelen van de klassen tellen op tot 0.7, maar moeten optellen tot 1 (elke klasse is dat "
        "aandeel van de cliënten van het onderdeel)",
    ),
}


@pytest.mark.parametrize("case", list(SCENARIO_CASES))
def test_a_scenario_error_in_both_languages(cli, write, case: str) -> None:
    text, english, dutch = SCENARIO_CASES[case]
    path = write(text)
    assert _line(cli, "run", path) == "roi-sim: error: " + english.replace("{path}", str(path))
    assert _line(cli, "run", path, "--lang", "nl") == "roi-sim: fout: " + dutch.replace("{path}", str(path))


def test_a_missing_file_in_both_languages(cli, tmp_path) -> None:
    path = tmp_path / "nope.yaml"
    assert _line(cli, "validate", path) == f"roi-sim: error: {path}: no such file; check the path (scenario files end in .yaml)"
    assert _line(cli, "validate", path, "--lang", "nl") == (
        f"roi-sim: fout: {path}: bestand bestaat niet; controleer het pad (scenariobestanden eindigen op .yaml)")


def _command_cases(good: Path, tmp: Path) -> list[tuple[list[str], str, str]]:
    """Each command room's messages: (arguments, English, Dutch)."""
    realised = tmp / "realised.csv"
    realised.write_text("month,clients_started,left_benefit,returned\n0,10,1,0\n", encoding="utf-8")
    sweep = tmp / "sweep.yaml"
    sweep.write_text(f"scenario: {good.name}\nrows: []\n", encoding="utf-8")
    missing_dir = tmp / "no" / "out.json"
    return [
        (["run", str(good), "-f", "pdf"],  # cli/app.py
         "--format pdf: unknown format; allowed: table, json, markdown, csv, xlsx",
         "--format pdf: onbekend formaat; toegestaan: table, json, markdown, csv, xlsx"),
        (["run", str(good), "-o", str(missing_dir)],  # cli/files.py
         f"--output {missing_dir}: the directory {missing_dir.parent} does not exist",
         f"--output {missing_dir}: de map {missing_dir.parent} bestaat niet"),
        (["init", str(good)],  # cli/init_command.py
         f"{good}: already exists; choose another name or add --force",
         f"{good}: bestaat al; kies een andere naam of voeg --force toe"),
        (["calibrate", "--successes", "5", "--trials", "3"],  # decisions/calibrate.py
         "successes must lie between 0 and trials (3); got 5",
         "successes moet tussen 0 en trials (3) liggen; er staat 5"),
        (["design", "--baseline", "1.5", "--effect", "0.05"],  # decisions/design.py, named as its option
         "--baseline 1.5: must be a share strictly between 0 and 1",
         "--baseline 1.5: moet een aandeel strikt tussen 0 en 1 zijn"),
        (["track", str(good), "--realised", str(realised)],  # decisions/track.py
         f"{realised}: line 2, column 1 (month): 0 is not a month; months count from 1 (the first intake month)",
         f"{realised}: regel 2, kolom 1 (month): 0 is geen maand; maanden tellen vanaf 1 (de eerste instroommaand)"),
        (["sweep", str(sweep)],  # sweep/spec.py
         f"{sweep}, line 2, column 1, key 'rows': give a list of rows, each {{name: …, <model key>: <value>, …}}",
         f"{sweep}, regel 2, kolom 1, sleutel 'rows': geef een lijst van regels, elk {{name: …, <modelsleutel>: <waarde>, …}}"),
        (["allocate", str(good), "--budget", "100000"],  # decisions/group_pricing.py
         f"{good}: the scenario has no groups; declare target groups under 'groups' to split a budget over them",
         f"{good}: het scenario heeft geen doelgroepen; benoem doelgroepen onder 'groups' om er een budget over te verdelen"),
        (["voi", str(good), "--pilot", "0"],  # model/arguments.py through decisions/voi_analysis.py
         "--pilot 0: must be 1 client or more",
         "--pilot 0: moet 1 cliënt of meer zijn"),
    ]


def test_the_commands_errors_in_both_languages(cli, write, tmp_path) -> None:
    good = write(LELYSTAD_AS_TOLD)
    for args, english, dutch in _command_cases(good, tmp_path):
        assert _line(cli, *args) == "roi-sim: error: " + english, args
        assert _line(cli, *args, "--lang", "nl") == "roi-sim: fout: " + dutch, args


def test_an_unknown_language_keeps_english(cli, write) -> None:
    path = write(LELYSTAD_AS_TOLD)
    assert _line(cli, "run", path, "--lang", "fr") == "roi-sim: error: --lang fr: unknown language; allowed: en, nl"


def test_a_re_raised_error_keeps_its_words() -> None:
    # message_of: a Msg raised in a ValueError, or a ScenarioError's whole line, is said again in Dutch.
    inner = ScenarioError("s.yaml", Msg("a list"), line=3, key="k")
    assert message_of(inner) == str(inner)
    assert Msg("{where}: {reason}", where="rows[1]", reason=message_of(inner)).render(ERRORS) == "rows[1]: s.yaml, regel 3, sleutel 'k': een lijst"
    assert message_of(ValueError("plain")) == "plain"
