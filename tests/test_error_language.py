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

from roi_sim.outputs.language.errors_nl import ERRORS
from roi_sim.scenario.errors import ScenarioError
from roi_sim.scenario.message_text import Msg, join_words, message_of
from tests.conftest import LELYSTAD_AS_TOLD

ROOT = Path(__file__).resolve().parents[1] / "roi_sim"

#: Modules whose raises are not yet all Msg texts (their errors print in English under --lang nl).
NOT_YET_CONVERTED: set[str] = {
    "roi_sim/decisions/allocate.py",
    "roi_sim/decisions/breakeven.py",
    "roi_sim/decisions/calibrate.py",
    "roi_sim/decisions/compare.py",
    "roi_sim/decisions/design.py",
    "roi_sim/decisions/group_pricing.py",
    "roi_sim/decisions/pilot_evsi.py",
    "roi_sim/decisions/sensitivity.py",
    "roi_sim/decisions/track.py",
    "roi_sim/decisions/voi.py",
    "roi_sim/decisions/voi_analysis.py",
    "roi_sim/decisions/voi_inputs.py",
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
    "roi_sim/sweep/plot.py",
    "roi_sim/sweep/shards.py",
    "roi_sim/sweep/spec.py",
    "roi_sim/sweep/tasks.py",
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
        if name in NOT_YET_CONVERTED:
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
