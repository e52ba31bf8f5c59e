"""The project's own docs (docs/) keep up with the code.

- Every command of the typer app (those in ``roi_sim/cli/app.py`` and those registered through
  ``COMMAND_MODULES``) has a section in docs/commands.md, and every option of it is named there.
- Every key of a scenario file (the JSON Schema of ``roi-sim schema`` and the parameter table of
  ``roi_sim.scenario.spec``) is in docs/scenario-reference.md.
- Every citation in code, tests, benchmarks, scenarios and the README resolves inside the
  repository: ``facts.md §N`` to a section of docs/facts.md, ``DESIGN.md §N`` to a docs file that
  says it holds that section, ``docs/NAME.md#anchor`` to a file and heading that exist.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Where citations are looked for. Scenario files are included but never edited for a citation:
#: their bytes are hashed into the golden files.
CITING = [ROOT / "roi_sim", ROOT / "tests", ROOT / "benchmarks", ROOT / "scenarios", ROOT / "README.md", DOCS]
SUFFIXES = {".py", ".yaml", ".yml", ".md", ".toml"}


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#+\s+(.+?)\s*$", text, flags=re.M)}


def _sections(text: str, level: str = "##") -> dict[str, str]:
    """Heading text -> body, for headings of exactly ``level``."""
    parts = re.split(rf"^{level}\s+(.+?)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


# ----------------------------------------------------------------------------- commands


def _commands() -> dict[str, Any]:
    import typer
    import typer.main

    from roi_sim.cli.app import COMMAND_MODULES, app

    commands = dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]  # a click Group
    # Each command module again on its own, so a module whose registration silently failed
    # to reach the app is still held to the docs.
    for name in COMMAND_MODULES:
        own = typer.Typer()
        importlib.import_module(f"roi_sim.cli.{name}").register(own)
        own_group = typer.main.get_command(own)
        found = getattr(own_group, "commands", None) or {own_group.name or name: own_group}
        for key, command in found.items():
            commands.setdefault(key, command)
    return commands


def test_the_app_has_the_commands_it_always_had() -> None:
    # A guard for the walk itself: if it found nothing, every test below would pass vacuously.
    assert {"run", "compare", "allocate", "breakeven", "sensitivity", "calibrate", "voi", "report", "validate", "schema"} <= set(
        _commands()
    )


def test_commands_registered_through_command_modules_are_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command in its own module (listed in COMMAND_MODULES) is held to the docs too."""
    import sys
    import types

    # importlib, not `import roi_sim.cli.app`: the package re-exports the typer object as `app`.
    cli_app = importlib.import_module("roi_sim.cli.app")
    probe = types.ModuleType("roi_sim.cli._docs_probe")

    def register(app: Any) -> None:
        @app.command(name="docs-probe")
        def docs_probe(flag: bool = False) -> None:
            """Only for this test."""

    probe.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "roi_sim.cli._docs_probe", probe)
    monkeypatch.setattr(cli_app, "COMMAND_MODULES", ("_docs_probe",))
    assert "docs-probe" in _commands()


def test_every_command_and_option_is_documented() -> None:
    sections = {}
    for heading, body in _sections(_doc("commands.md")).items():
        m = re.fullmatch(r"`roi-sim ([\w-]+)`", heading)
        if m:
            sections[m.group(1)] = body
    missing = []
    for name, command in _commands().items():
        if name not in sections:
            missing.append(f"command {name!r}: no '## `roi-sim {name}`' section in docs/commands.md")
            continue
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else [param.name.upper()]:
                if not re.search(rf"`{re.escape(opt)}`", sections[name]):
                    missing.append(f"command {name!r}: {opt} is not in its section of docs/commands.md")
    assert not missing, "\n".join(missing)


# ----------------------------------------------------------------------------- scenario keys


def _schema_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            yield from props
        for value in node.values():
            yield from _schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_keys(value)


def _scenario_keys() -> set[str]:
    from roi_sim.scenario import spec

    keys = set(_schema_keys(spec.json_schema()))
    keys |= set(getattr(spec, "PARAMETERS", {}))
    keys |= set(getattr(spec, "SCENARIO_ONLY_KEYS", ()))
    keys |= set(getattr(spec, "MODEL_DEFAULTS", {}))
    return keys


def test_every_scenario_key_is_documented() -> None:
    keys = _scenario_keys()
    assert {"horizon_years", "outflow_rate", "strategies", "clients_available", "successes", "rank_correlation"} <= keys
    reference = _doc("scenario-reference.md")
    missing = sorted(k for k in keys if f"`{k}`" not in reference)
    assert not missing, f"scenario keys not in docs/scenario-reference.md: {missing}"


def test_every_distribution_is_documented() -> None:
    from roi_sim.scenario import spec

    schema = spec.json_schema()
    dists = set()
    for definition in schema.get("$defs", {}).values():
        dist = definition.get("properties", {}).get("dist", {})
        dists |= {dist["const"]} if "const" in dist else set(dist.get("enum", []))
    assert {"beta", "normal", "pert"} <= dists
    reference = _sections(_doc("scenario-reference.md"))["Distributions"]
    assert not sorted(d for d in dists if f"| `{d}` |" not in reference)


# ----------------------------------------------------------------------------- citations


def _citing_files() -> Iterator[Path]:
    for place in CITING:
        if place.is_file():
            yield place
        else:
            for path in sorted(place.rglob("*")):
                if path.suffix in SUFFIXES and "golden" not in path.parts and path.name != "test_docs.py":
                    yield path


def _citations(pattern: str) -> list[tuple[str, int, re.Match[str]]]:
    found = []
    for path in _citing_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in re.finditer(pattern, line):
                found.append((f"{path.relative_to(ROOT)}:{number}", number, m))
    return found


def test_the_citations_are_found() -> None:
    # Guard for the scan: the shipped scenarios cite facts.md throughout.
    assert len(_citations(r"facts\.md`?\s*§\s*(\d+)")) > 40


def test_facts_citations_resolve_to_docs_facts() -> None:
    sections = {m.group(1) for m in re.finditer(r"^## (\d+)\. ", _doc("facts.md"), flags=re.M)}
    bad = [f"{where}: facts.md §{m.group(1)}" for where, _, m in _citations(r"(?<![\w-])facts\.md`?\s*§\s*(\d+)") if m.group(1) not in sections]
    assert not bad, "cited sections that docs/facts.md does not have:\n" + "\n".join(bad)


def test_design_citations_resolve_to_a_docs_file_that_holds_the_section() -> None:
    held = set()
    for path in DOCS.glob("*.md"):
        held |= set(re.findall(r"DESIGN\.md §(\d+)", path.read_text(encoding="utf-8")))
    bad = [f"{where}: DESIGN.md §{m.group(1)}" for where, _, m in _citations(r"DESIGN\.md`?\s*§\s*(\d+)") if m.group(1) not in held]
    assert not bad, "cited design sections that no file in docs/ holds:\n" + "\n".join(bad)


def test_docs_links_and_anchors_exist() -> None:
    bad = []
    for where, _, m in _citations(r"(?:docs/)?([\w-]+\.md)(#[\w-]+)?"):
        name, anchor = m.group(1), m.group(2)
        in_docs = where.startswith("docs/")
        if not (m.group(0).startswith("docs/") or in_docs):
            continue  # a bare name outside docs/ (facts.md, DESIGN.md, README.md): checked above
        target = DOCS / name if (DOCS / name).exists() else ROOT / name
        if not target.exists():
            if name not in ("DESIGN.md",):
                bad.append(f"{where}: {m.group(0)}: no such file")
            continue
        if anchor and anchor[1:] not in _anchors(target.read_text(encoding="utf-8")):
            bad.append(f"{where}: {m.group(0)}: no heading with that anchor")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", ["roi_sim", "tests", "benchmarks"])
def test_code_cites_no_file_outside_the_repository(path: str) -> None:
    """Notes that live outside the repository (the design contract, the research notes, the
    performance notes) are cited through docs/, where the next engineer can read them."""
    bad = []
    for where, _, _match in _citations(r"performance-facts\.md"):
        if where.startswith(path + "/"):
            bad.append(f"{where}: performance-facts.md is not in the repository")
    assert not bad, "\n".join(bad)
