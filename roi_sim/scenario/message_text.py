"""Error messages that can be said in another language (issue 10.5): :class:`Msg`.

The library raises plain exceptions whose message is a :class:`Msg`: a ``str`` that *is* the
formatted English text (so every caller and test that treats a message as text keeps
working) and carries its English ``template`` and ``params``. Only the command line knows
the language at print time: it renders the message with :meth:`Msg.render` and a catalogue
of English template -> template in that language (``roi_sim/outputs/language/errors_nl.py``).
A param that is itself English words (``describe_value``'s "a list", a "did you mean" hint,
a list joined with "or") is a :class:`Msg` too, rendered the same way.

This module imports nothing of roi_sim: every room can use it (docs/contracts.md, "Error
messages in two languages").
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any


class Msg(str):
    """``Msg("must be between {low} and {high}, got {got}", low=0, high=1, got=1.5)``: the
    English text, with ``.template`` and ``.params`` for :meth:`render`."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, _Filler(None, False).format(template, **params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.params))

    def render(self, catalogue: Mapping[str, str] | None = None, *, grouping: str = ",") -> str:
        """The message in the catalogue's language (its own template when the catalogue has
        none); ``grouping`` is the thousands separator of ``{n:,}`` for whole numbers."""
        if catalogue is None:
            return str(self)
        template = catalogue.get(self.template, self.template)
        return _Filler(catalogue, grouping == ".").format(template, **self.params)


def template(text: str) -> str:
    """Marks a template kept in a table (``Msg(TABLE[kind], ...)``) for the catalogue test,
    as ``Msg(...)`` with a literal marks one in place; returns ``text``."""
    return text


def _rebuild(template: str, params: dict[str, Any]) -> Msg:
    return Msg(template, **params)


class _Filler(string.Formatter):
    def __init__(self, catalogue: Mapping[str, str] | None, dutch_grouping: bool) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.dutch_grouping = dutch_grouping

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg) and self.catalogue is not None:
            value = value.render(self.catalogue, grouping="." if self.dutch_grouping else ",")
        text = format(value, format_spec)
        if self.dutch_grouping and "," in format_spec and not isinstance(value, bool):
            # Dutch groups thousands with a point: 1.000.000, and EUR 1.234,50 (a value as
            # written in the file, {got:,} of 1.5, keeps its point).
            if isinstance(value, int):
                text = text.replace(",", ".")
            elif isinstance(value, float) and "." in format_spec:
                text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text


def render(text: object, catalogue: Mapping[str, str] | None = None, *, grouping: str = ",") -> str:
    """``text`` in the catalogue's language if it is a :class:`Msg`, else as it is."""
    if isinstance(text, Msg):
        return text.render(catalogue, grouping=grouping)
    return str(text)


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with: its :class:`Msg` when it has one (so a
    re-raised error keeps its translation), else ``str(exc)``."""
    as_msg = getattr(exc, "as_msg", None)  # a ScenarioError: its whole line
    if callable(as_msg):
        return as_msg()
    if len(exc.args) == 1 and isinstance(exc.args[0], Msg):
        return exc.args[0]
    return str(exc)


def did_you_mean(guesses: list[str]) -> str:
    """``; did you mean 'x'?`` for the first of ``guesses`` (from difflib), or nothing."""
    return Msg("; did you mean '{guess}'?", guess=guesses[0]) if guesses else ""


def join_words(items: Iterable[object], last: str = "or") -> str:
    """``a, b or c`` (``last`` is "or" or "and"), translated with the rest of a message."""
    words: list[str] = [i if isinstance(i, Msg) else str(i) for i in items]
    if len(words) < 2:
        return words[0] if words else ""
    head: str = ", ".join(words[:-1])
    if any(isinstance(i, Msg) for i in words[:-1]):
        head = words[0]
        for item in words[1:-1]:
            head = Msg("{first}, {second}", first=head, second=item)
    tail = words[-1]
    if last == "and":
        return Msg("{head} and {last}", head=head, last=tail)
    return Msg("{head} or {last}", head=head, last=tail)
