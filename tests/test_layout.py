"""README "Development": data flows one way, and a room imports only from the rooms before
it. Every import in the package, including those inside functions, is checked."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "roi_sim"
#: The rooms in the order data flows through them; api.py may use every room but cli.
RANK = {"scenario": 0, "model": 1, "decisions": 2, "outputs": 3, "sweep": 4, "api": 5, "cli": 6}


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "roi_sim" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_every_import_points_to_an_earlier_room() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        mine = _room(".".join(rel.parts))
        if mine is None:
            continue
        for line, module in _imports(path):
            theirs = _room(module)
            if theirs is not None and RANK[theirs] > RANK[mine]:
                wrong.append(f"{rel}.py:{line} ({mine}) imports {module} ({theirs})")
    assert wrong == []


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("def f():\n    from roi_sim.cli.app import app\n", encoding="utf-8")
    assert _imports(bad) == [(2, "roi_sim.cli.app")]
    assert RANK[_room("roi_sim.cli.app") or ""] > RANK["model"]
