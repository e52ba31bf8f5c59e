"""Text from the scenario made safe to show: a strategy, group or variant name such as
``"\\e]2;pwned\\a"`` must not retitle the terminal (issue 16.10).

The escape is the one scenario error messages use (:func:`roi_sim.scenario.errors._one_line`):
a control character is shown as its Python escape, ``\\x1b``. Every renderer but JSON
passes its text through here: terminal tables, warnings, Markdown, CSV, the council report
and workbook cells. JSON keeps the exact name: ``json.dumps`` writes C0 controls as
``\\u001b``, and :func:`json_text` writes DEL and the C1 controls the same way.
"""

from __future__ import annotations

import json
import re
from typing import Any

from roi_sim.scenario.errors import _one_line as printable

__all__ = ["json_text", "printable", "safe_json", "safe_renderables", "safe_text", "shown"]

# Control characters (C0, DEL, C1) except the line feed and the tab a document is made of,
# and a carriage return that ends a line (\r\n).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def safe_text(text: str) -> str:
    """A whole document with every control character escaped (as :func:`printable` does)
    except line breaks and tabs."""
    return _CONTROL.sub(lambda m: printable(m.group()), text)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` whose text holds no raw control character: DEL and C1 (which
    ``ensure_ascii=False`` leaves raw) as ``\\u00XX``. The parsed value, names included, is exact."""
    return safe_json(json.dumps(value, **kwargs))


def safe_json(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with DEL and C1 written as ``\\u00XX``: they can
    stand only inside strings, so the parsed value is the same."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_renderables(items: list[Any]) -> list[Any]:
    """Rich renderables (tables, texts) with the control characters of their text escaped,
    before they are printed: rich would pass ESC to the terminal."""
    return [_safe(item) for item in items]


def _safe(item: Any) -> Any:
    from rich.table import Table
    from rich.text import Text

    if isinstance(item, str):
        return safe_text(item)
    if isinstance(item, Text):
        escaped = safe_text(item.plain)
        if escaped != item.plain:
            item.plain = escaped
        return item
    if isinstance(item, Table):
        item.title = None if item.title is None else _safe(item.title)
        item.caption = None if item.caption is None else _safe(item.caption)
        for column in item.columns:
            column.header = _safe(column.header)
            column._cells = [_safe(cell) for cell in column._cells]
        return item
    return item


def shown(text: str, style: str = "") -> Any:
    """A rich ``Text`` of ``text`` with its control characters escaped first (rich itself
    would drop BEL and pass ESC on)."""
    from rich.text import Text

    return Text(safe_text(text), style=style)
