"""The one exception a scenario is refused with, and how key paths are written in messages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

from roi_sim.scenario.message_text import Msg

KeyPath = tuple[str | int, ...]


class ScenarioError(Exception):
    """A scenario file that cannot be used, with where and why.

    ``str(error)`` is the one-line message the CLI prints.
    """

    def __init__(self, source: str, message: str, *, line: int | None = None, column: int | None = None, key: str | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.column = column
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        return _one_line(self._text())

    def _text(self) -> str:
        return str(self.as_msg())

    def as_msg(self) -> str:
        """The whole line as a :class:`Msg` (where, then why), for :meth:`render`."""
        where: str = self.source
        if self.line is not None:
            where = Msg("{where}, line {line}", where=where, line=self.line)
            if self.column is not None:
                where = Msg("{where}, column {column}", where=where, column=self.column)
        if self.key:
            where = Msg("{where}, key '{key}'", where=where, key=self.key)
        return Msg("{where}: {message}", where=where, message=self.message)

    def render(self, catalogue: Mapping[str, str] | None = None, *, grouping: str = ",") -> str:
        """The one-line message in a catalogue's language (English without one)."""
        text = self.as_msg()
        return _one_line(text.render(catalogue, grouping=grouping) if isinstance(text, Msg) else text)


def _one_line(text: str) -> str:
    """Escape line breaks and other control characters, so a message stays one line even
    when it quotes text from the file."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def format_path(path: KeyPath) -> str:
    """``('strategies', 0, 'outflow_rate')`` -> ``strategies[1].outflow_rate`` (items count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


class Locates(Protocol):
    def locate(self, path: KeyPath) -> tuple[int | None, int | None]: ...


def error_at(doc: Locates, source: str, path: KeyPath, message: str) -> ScenarioError:
    """A :class:`ScenarioError` placed at the line and column of ``path`` in the file."""
    line, col = doc.locate(path)
    return ScenarioError(source, message, line=line, column=col, key=format_path(path) or None)


# 1.800.000 as a Dutch user types 1.8 million: YAML reads it as text.
_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}")


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace("_", ""))
    except ValueError:
        return False
    return True


def describe_value(value: Any) -> str:
    """A value from the file in words, for "got …" in messages (a :class:`Msg`)."""
    if isinstance(value, str):
        if _looks_numeric(value):
            return Msg("the text '{value}' (YAML reads 1e5 as text: write 100000 or 1.0e+5)", value=value)
        if _GROUPED.fullmatch(value):
            return Msg("the text '{value}' (write {plain}, without thousands separators)", value=value, plain=value.replace(".", ""))
        return Msg("the text '{value}'", value=value)
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return Msg("nothing (an empty value)")
    if isinstance(value, dict):
        return Msg("a mapping")
    if isinstance(value, list):
        return Msg("a list")
    return repr(value)
