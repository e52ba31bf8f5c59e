"""What the council report reads from the scenario file itself: the question in its top
comment, every value with the source comment on its line, and key paths in words."""

from __future__ import annotations

import re
from typing import Any

from roi_sim.scenario.spec import YamlDocument, format_path


def scenario_question(text: str) -> str:
    """The comment block at the top of a scenario file (its question for the council):
    paragraphs split at empty comment lines, each flowing as running text."""
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped.lstrip("#").rstrip()
        if body.strip():
            paragraphs[-1].append(body)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(_flow(p) for p in paragraphs if p)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _flow(lines: list[str]) -> str:
    """A comment paragraph as running text: lines join with a space (the browser wraps
    them), except after a line ending in ':' or ';', before a list item ("-", "1.", "a."),
    and where a list ends: a line indented less than the item before it starts afresh
    (the text after a list written without an empty line)."""
    out = lines[0].strip()
    item_indent: int | None = None
    for line in lines[1:]:
        text = line.strip()
        starts_item = bool(re.match(r"^([-*•]|\d+[.)]|[a-z][.)])\s", text))
        ends_list = item_indent is not None and not starts_item and _indent(line) < item_indent
        out += ("\n" if out.endswith((":", ";")) or starts_item or ends_list else " ") + text
        item_indent = _indent(line) if starts_item else None if ends_list else item_indent
    return out


def assumption_rows(doc: YamlDocument, text: str) -> list[tuple[tuple[Any, ...], Any, str]]:
    """(key path, value as written, source comment) for every model value in the file, in
    file order; a distribution is one row (its mapping), a list or mapping of values gives a
    row per value.

    The source is the comment on the key's line, plus the comments of the lines it spans
    (a distribution written over several lines)."""
    lines = text.splitlines()
    paths = sorted((p for p in doc.positions if p), key=lambda p: doc.positions[p][0])
    out = []
    for i, path in enumerate(paths):
        parent = path[:-1]
        if parent and isinstance(parent[-1], str) and parent[-1] in ("allocation", "budget"):
            continue
        value = _get(doc.data, path)
        # A distribution, or a named prior of net_effect ({prior: name}), is one value.
        if isinstance(value, dict) and "dist" not in value and "prior" not in value or isinstance(value, list):
            continue
        if parent and isinstance(_get(doc.data, parent), dict) and ({"dist", "prior"} & set(_get(doc.data, parent))):
            continue  # a key inside a distribution or prior: part of its parent's row
        start = doc.positions[path][0]
        end = start
        for later in paths[i + 1 :]:
            if later[: len(path)] == path:
                end = max(end, doc.positions[later][0])
            else:
                break
        comments = [_comment(lines[n - 1]) for n in range(start, end + 1) if n - 1 < len(lines)]
        out.append((path, value, " ".join(c for c in comments if c)))
    return out


def assumptions(doc: YamlDocument, text: str, scenario: Any = None) -> list[tuple[str, str, str]]:
    """(key path, value or distribution as written, source comment) for every model value
    in the file: the rows of the report's technical annex."""
    from pydantic import TypeAdapter

    from roi_sim.scenario.distributions import Distribution

    adapter: Any = TypeAdapter(Distribution)
    out = []
    for path, value, source in assumption_rows(doc, text):
        if isinstance(value, dict):
            try:
                shown = adapter.validate_python(value).describe()
            except Exception:  # noqa: BLE001 - show the raw mapping rather than fail the report
                shown = str(value)
        else:
            shown = str(value)
        out.append((format_path(path), shown, source))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _comment(line: str) -> str:
    # A '#' starts a comment when it follows whitespace (YAML's rule), outside quotes.
    in_single = in_double = False
    for i, ch in enumerate(line):
        if ch == "'" and not in_double:
            in_single = not in_single
        elif ch == '"' and not in_single:
            in_double = not in_double
        elif ch == "#" and not in_single and not in_double and (i == 0 or line[i - 1] in " \t"):
            return line[i + 1 :].strip()
    return ""
