"""Reading a scenario file: bytes, UTF-8, YAML composed with PyYAML's *safe* machinery.

Plain Python values are built while recording where every key stands (for messages that
name the line). Refused here: what PyYAML would silently accept (duplicate keys) or must
never do (tags that construct objects), and alias expansion beyond a cap ("alias bombs").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roi_sim.scenario.errors import KeyPath, ScenarioError, format_path
from roi_sim.scenario.message_text import Msg, template

#: Largest scenario file read, in bytes: scenarios are a few kB; this is a guard, not a need.
MAX_FILE_BYTES = 1_000_000
#: Most YAML nodes a file may expand to (aliases included): stops "billion laughs" files.
MAX_YAML_NODES = 100_000

_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class YamlDocument:
    """Plain Python data from a YAML file, with the (line, column) of every key path.

    Lines and columns are 1-based. The position of a mapping entry is that of its key.
    """

    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: Every number as written in the file (``5.000``), for checks that YAML's reading hides.
    texts: dict[KeyPath, str] = field(default_factory=dict)
    #: Where each of those numbers stands (the value, not its key).
    text_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        """Position of the deepest prefix of ``path`` present in the file."""
        for n in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:n]))
            if pos is not None:
                return pos
        return None, None


class _Builder:
    """Turns composed YAML nodes into Python values, recording positions and refusing
    duplicate keys, foreign tags and runaway alias expansion."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes = 0
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.texts: dict[KeyPath, str] = {}
        self.text_positions: dict[KeyPath, tuple[int, int]] = {}
        self._constructor = yaml.constructor.SafeConstructor()

    def refuse_tag(self, node: yaml.Node, path: KeyPath) -> ScenarioError:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.fail(
            node,
            Msg("the YAML tag '{tag}' is not allowed: scenario files hold plain numbers, text, lists and mappings "
                "(nothing in them is ever executed)", tag=tag),
            path,
        )

    def fail(self, node: yaml.Node, message: str, path: KeyPath) -> ScenarioError:
        return ScenarioError(
            self.source, message, line=node.start_mark.line + 1, column=node.start_mark.column + 1, key=format_path(path) or None
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise self.fail(
                node,
                Msg("the file expands to more than {most:,} YAML values (through anchors and aliases); "
                    "refusing to expand it further", most=MAX_YAML_NODES),
                path,
            )
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.refuse_tag(node, path)
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, Msg("YAML merge keys (<<) are not supported; write the keys out"), path)
                # A key is always a name: YAML 1.1 reads a plain `on:` or `off:` (state names,
                # DESIGN.md §10) as true/false, so a plain boolean-looking key is kept as its text.
                as_text = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _BOOL_TAG and key_node.style is None
                if not (isinstance(key_node, yaml.ScalarNode) and (key_node.tag == "tag:yaml.org,2002:str" or as_text)):
                    raise self.fail(key_node, Msg("keys must be plain text names, such as outflow_rate"), path)
                key = key_node.value
                if key in out:
                    first = self.positions[path + (key,)]
                    raise self.fail(key_node, Msg("duplicate key: '{key}' is already set on line {line}; keep one of them", key=key, line=first[0]), path + (key,))
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.refuse_tag(node, path)
            items = []
            for i, item in enumerate(node.value):
                self.positions.setdefault(path + (i,), (item.start_mark.line + 1, item.start_mark.column + 1))
                items.append(self.build(item, path + (i,)))
            return items
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag == _BOOL_TAG and node.style is None and _names_a_state(path):
            return node.value  # `from: on`: a state's name, which YAML 1.1 would read as true
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date-like value: keep the text the user wrote
        if node.tag not in _SCALAR_TAGS:
            raise self.refuse_tag(node, path)
        try:
            value = self._constructor.construct_object(node)
        except (ValueError, IndexError, KeyError, TypeError, yaml.YAMLError):
            # e.g. `0b_` or `!!int abc`: YAML calls it a number but it is none.
            kind = {"int": Msg("a whole number"), "float": Msg("a number"), "bool": Msg("true or false")}.get(
                node.tag.rsplit(":", 1)[-1], Msg("a value"))
            raise self.fail(node, Msg("cannot read '{value}' as {kind}; write a plain number or plain text", value=node.value, kind=kind),
                            path) from None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            problem = _misread_number(node.value, value) if node.style is None else None
            if problem:
                raise self.fail(node, problem, path)
            self.texts[path] = node.value
            self.text_positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        return value


_BOOL_TAG = "tag:yaml.org,2002:bool"


def _names_a_state(path: KeyPath) -> bool:
    """``transitions[k].from`` / ``.to`` and ``programme[k].from`` / ``.to`` (top level or a strategy's)."""
    return len(path) >= 3 and path[-1] in ("from", "to") and isinstance(path[-2], int) and path[-3] in ("transitions", "programme")


# YAML 1.1 reads these plain scalars as numbers a person rarely means (PyYAML's resolver).
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def _misread_number(text: str, value: float) -> str | None:
    """Why YAML's reading of ``text`` as ``value`` is not what was written (None when it is)."""
    if _OCTAL.fullmatch(text):
        digits = text.lstrip("+-").lstrip("0_") or "0"
        sign = "-" if text.startswith("-") else ""
        return Msg("'{text}' starts with 0, which YAML reads as the octal number {value:g}; write {plain} without the leading zero",
                   text=text, value=value, plain=sign + digits.replace("_", ""))
    if _SEXAGESIMAL.fullmatch(text):
        return Msg("'{text}' is read by YAML as a base-60 (hours:minutes) number, {value:g}; "
                   "write plain digits, such as {plain}, or put text in quotes", text=text, value=value,
                   plain=text.replace(":", "").replace("_", ""))
    return None


def read_bytes(source: str | os.PathLike[str]) -> bytes:
    """The bytes of a scenario file; :class:`ScenarioError` for a missing, unreadable,
    directory or oversized path."""
    label = str(source)
    path = Path(source)
    if not path.exists():
        raise ScenarioError(label, Msg("no such file; check the path (scenario files end in .yaml)"))
    if path.is_dir():
        raise ScenarioError(label, Msg("is a directory, not a scenario file; give the path of a .yaml file"))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(label, Msg("the file is {size:,} bytes; scenario files may be at most {most:,} bytes", size=size, most=MAX_FILE_BYTES))
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grows after stat() is still caught.
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(label, Msg("cannot be read: {reason}", reason=str(exc.strerror or exc))) from None


def _decode(label: str, raw: bytes | str) -> str:
    """The file's text: refuses oversized, binary and non-UTF-8 content and empty files."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ScenarioError(label, Msg("the file is {size:,} bytes; scenario files may be at most {most:,} bytes", size=len(raw), most=MAX_FILE_BYTES))
        if b"\x00" in raw:
            raise ScenarioError(label, Msg("this is a binary file, not a YAML text file"))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1  # type: ignore[arg-type]
            raise ScenarioError(label, Msg("the file is not UTF-8 text; save it as UTF-8"), line=line) from None
    content: str = raw
    if content.lstrip("\ufeff").strip() == "" or all(
        ln.strip() == "" or ln.lstrip().startswith("#") for ln in content.splitlines()
    ):
        raise ScenarioError(label, _EMPTY)
    return content


_EMPTY = Msg("the file is empty; a scenario needs at least horizon_years and the model keys (see `roi-sim schema`)")


#: PyYAML's words for the common syntax errors, said in the command's language too (a token
#: it quotes, such as '<block mapping start>', stays as PyYAML writes it).
_YAML_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), words) for pattern, words in (
    ("while scanning a simple key", template("while scanning a simple key")),
    ("could not find expected ':'", template("could not find expected ':'")),
    ("mapping values are not allowed here", template("mapping values are not allowed here")),
    ("sequence entries are not allowed here", template("sequence entries are not allowed here")),
    ("mapping keys are not allowed here", template("mapping keys are not allowed here")),
    ("while parsing a block mapping", template("while parsing a block mapping")),
    ("while parsing a block collection", template("while parsing a block collection")),
    ("while parsing a flow sequence", template("while parsing a flow sequence")),
    ("while parsing a flow mapping", template("while parsing a flow mapping")),
    ("while parsing a node", template("while parsing a node")),
    ("while scanning a quoted scalar", template("while scanning a quoted scalar")),
    ("while scanning a double-quoted scalar", template("while scanning a double-quoted scalar")),
    ("while scanning a block scalar", template("while scanning a block scalar")),
    ("while scanning for the next token", template("while scanning for the next token")),
    ("while scanning an alias", template("while scanning an alias")),
    ("while scanning an anchor", template("while scanning an anchor")),
    ("found unexpected end of stream", template("found unexpected end of stream")),
    ("invalid indentation or unclosed '\\[' or '\\{'", template("invalid indentation or unclosed '[' or '{{'")),
    ("did not find expected key", template("did not find expected key")),
    ("did not find expected '-' indicator", template("did not find expected '-' indicator")),
    ("expected <block end>, but found (?P<token>.+)", template("expected <block end>, but found {token}")),
    ("expected ',' or '\\]', but got (?P<token>.+)", template("expected ',' or ']', but got {token}")),
    ("expected ',' or '\\}', but got (?P<token>.+)", template("expected ',' or '}}', but got {token}")),
    ("expected the node content, but found (?P<token>.+)", template("expected the node content, but found {token}")),
    ("expected alphabetic or numeric character, but found (?P<token>.+)", template("expected alphabetic or numeric character, but found {token}")),
    ("expected a comment or a line break, but found (?P<token>.+)", template("expected a comment or a line break, but found {token}")),
    ("found character (?P<token>.+) that cannot start any token", template("found character {token} that cannot start any token")),
    ("found undefined alias (?P<token>.+)", template("found undefined alias {token}")),
    ("found unknown escape character (?P<token>.+)", template("found unknown escape character {token}")),
    ("expected a single document in the stream", template("expected a single document in the stream")),
    ("but found another document", template("but found another document")),
))


def _yaml_words(text: str) -> str:
    """PyYAML's ``problem`` or ``context`` as a :class:`Msg` when it is a common one, else as it is."""
    for pattern, words in _YAML_WORDS:
        match = pattern.fullmatch(text)
        if match:
            return Msg(words, **match.groupdict())
    return text


def _compose(label: str, content: str) -> yaml.Node:
    """The YAML node tree, with PyYAML's errors turned into one-line messages."""
    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _yaml_words(exc.problem) if exc.problem else Msg("invalid YAML")
        if exc.context:
            problem = Msg("{context}, {problem}", context=_yaml_words(exc.context), problem=problem)
        raise ScenarioError(
            label, Msg("YAML syntax error: {problem}", problem=problem), line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None
        ) from None
    except yaml.reader.ReaderError as exc:
        line = content[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise ScenarioError(
            label, Msg("the file contains a control character ({char}) that YAML does not allow; remove it", char=char), line=line
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(label, Msg("YAML error: {reason}", reason=str(exc))) from None
    except RecursionError:
        raise ScenarioError(label, Msg("the YAML is nested too deeply")) from None
    if node is None:
        raise ScenarioError(label, _EMPTY)
    return node


def read_yaml(source: str | Path, text: bytes | str | None = None) -> YamlDocument:
    """Read a scenario file (or ``text`` labelled ``source``) into a :class:`YamlDocument`.

    Raises :class:`ScenarioError` for a missing or unreadable file, non-UTF-8 or binary
    content, a file over :data:`MAX_FILE_BYTES`, YAML syntax errors, an empty file,
    duplicate keys, tags and alias bombs.
    """
    label = str(source)
    node = _compose(label, _decode(label, read_bytes(source) if text is None else text))
    builder = _Builder(label)
    builder.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise ScenarioError(label, Msg("the YAML is nested too deeply")) from None
    except yaml.YAMLError as exc:  # a scalar the safe constructor cannot read
        raise ScenarioError(label, Msg("YAML error: {reason}", reason=str(exc))) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            label,
            Msg("the top level must be a mapping of keys (name: …, horizon_years: …), not {what}",
                what={list: Msg("a list"), str: Msg("a single text value")}.get(type(data), Msg("a single value"))),  # type: ignore[call-overload]
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
    return YamlDocument(data, builder.positions, builder.texts, builder.text_positions)
