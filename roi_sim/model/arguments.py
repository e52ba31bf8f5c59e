"""Checks of the arguments a run or an analysis is given (the ``_iv`` functions of scipy's
style): the Python API and the command line call the same functions, so ``seed=1.5`` in a
notebook and ``--seed 1.5`` on the command line are refused with the same words, and by the
same rule as the scenario file's ``seed`` key.

Every check raises :class:`ArgumentError`, a :class:`InputError` (itself a
:class:`~roi_sim.scenario.spec.ScenarioError`), so one ``except roi_sim.InputError`` catches
every kind of bad input.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Literal

from roi_sim.scenario.message_text import Msg
from roi_sim.scenario.spec import MAX_ITERATIONS, ScenarioError

#: The scenario file's limit on ``seed`` (its schema's ``le``): numpy seeds are unbounded,
#: but a seed must survive JSON and spreadsheets as one whole number.
MAX_SEED = 2**63 - 1
LEDGERS = ("fiscal", "societal")


class InputError(ScenarioError):
    """Bad input the user can fix: a scenario file or an argument.

    Attributes: ``file`` (the scenario's path or label, None for an argument), ``line`` and
    ``column`` (1-based, None when unknown), ``key`` (the key path in the file, or the
    argument's name), ``message`` (what is wrong and what is allowed). ``str(error)`` is the
    one-line text the command line prints after ``roi-sim: error:``.
    """

    @property
    def file(self) -> str | None:
        return self.source or None

    @classmethod
    def wrap(cls, error: ScenarioError) -> InputError:
        """The same error as an :class:`InputError` (same attributes, same text)."""
        if isinstance(error, InputError):
            return error
        return cls(error.source, error.message, line=error.line, column=error.column, key=error.key)


class ArgumentError(InputError):
    """An argument outside what is allowed. ``key`` is its Python name (``seed``); the
    command line names it as its option (``--seed``), the API as the keyword; ``message``
    is the same words for both. Other arguments a message mentions are written ``{name}``
    in a plain ``template``, or as an :class:`ArgName` param of a :class:`Msg` template, and
    filled in the same style."""

    def __init__(self, key: str, value: object, template: str) -> None:
        self.value = value
        self.template = template
        super().__init__("", _styled(template, "api"), key=key)

    def text(self, style: Literal["api", "cli"] = "api", catalogue: Mapping[str, str] | None = None, *, grouping: str = ",") -> str:
        """The one-line message, naming arguments as keywords (api) or as options (cli), in
        the catalogue's language (English without one)."""
        label = option_name(self.key or "") if style == "cli" else self.key
        message = _styled(self.template, style)
        if self.value is None:
            whole = Msg("{label} {message}", label=label, message=message)
        else:
            whole = Msg("{label} {value}: {message}", label=label, value=_show(self.value), message=message)
        return whole.render(catalogue, grouping=grouping)

    def _text(self) -> str:
        return self.text("api")

    def as_msg(self) -> str:
        label = self.key
        message = _styled(self.template, "api")
        if self.value is None:
            return Msg("{label} {message}", label=label, message=message)
        return Msg("{label} {value}: {message}", label=label, value=_show(self.value), message=message)


class ArgName(str):
    """An argument's Python name in a :class:`Msg`: written as ``--option`` on the command line."""


def _styled(template: str, style: str) -> str:
    """``template`` with the arguments it names in ``style``."""
    if isinstance(template, Msg):
        params = {k: (option_name(v) if style == "cli" else str(v)) if isinstance(v, ArgName) else _styled(v, style) if isinstance(v, Msg) else v
                  for k, v in template.params.items()}
        return Msg(template.template, **params)
    return template.format_map(_Names(style))


class _Names(dict):
    def __init__(self, style: str) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, key: str) -> str:
        return option_name(key) if self.style == "cli" else key


def option_name(key: str) -> str:
    """``target_se`` -> ``--target-se``."""
    return "--" + key.replace("_", "-")


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number (an int, an integral float, or the text
    of one as typed on a command line), else None. Booleans are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if text.lstrip("+-").isdigit():
            return int(text)
    return None


def check_seed(seed: object, key: str = "seed") -> int | None:
    """None (the scenario's seed), or a whole number from 0 to :data:`MAX_SEED`."""
    if seed is None:
        return None
    n = _whole(seed)
    if n is None or not 0 <= n <= MAX_SEED:
        raise ArgumentError(key, seed, Msg("must be a whole number from 0 to {most:,}, as the scenario's seed key", most=MAX_SEED))
    return n


def check_iterations(iterations: object, *, auto: bool = True, key: str = "iterations") -> int | Literal["auto"] | None:
    """None (the scenario's count), 'auto' (where allowed) or 1 … :data:`MAX_ITERATIONS`."""
    if iterations is None or (auto and iterations == "auto"):
        return iterations
    n = _whole(iterations)
    if n is None:
        raise ArgumentError(key, iterations, Msg("give a whole number or 'auto'") if auto else Msg("give a whole number"))
    if not 1 <= n <= MAX_ITERATIONS:
        raise ArgumentError(key, n, Msg("must be between 1 and {most:,} (each iteration keeps its results in memory)", most=MAX_ITERATIONS))
    return n


def check_workers(workers: object, key: str = "workers") -> int:
    """0 (one per core) or a whole number of processes."""
    n = _whole(workers)
    if n is None or n < 0:
        raise ArgumentError(key, workers, Msg("must be 0 (one per core) or more"))
    return n


def check_target_se(target_se: object, iterations: object) -> float | None:
    """A positive, finite number of euros, and only with iterations 'auto'."""
    if target_se is None:
        return None
    value = _number(target_se)
    if value is None or not (0 < value < math.inf):
        raise ArgumentError("target_se", target_se, Msg("must be a positive number of euros"))
    if iterations != "auto":
        raise ArgumentError("target_se", None, Msg("goes with {iterations} auto", iterations=ArgName("iterations")))
    return value


def check_ledger(ledger: object) -> str:
    if ledger not in LEDGERS:
        raise ArgumentError("ledger", ledger, Msg("unknown ledger; allowed: {allowed}", allowed=", ".join(LEDGERS)))
    return str(ledger)


def check_societal(scenario: object, ledger: str) -> None:
    """Refuse the societal ledger for a scenario that sets no valuation inputs (issue 14.4):
    its MKBA figure would rest on defaults nobody chose (one line, naming what to set)."""
    from roi_sim.scenario.valuation import NO_VALUATION, societal_valued

    if ledger == "societal" and not societal_valued(scenario):  # type: ignore[arg-type]
        raise ArgumentError("ledger", ledger, NO_VALUATION)


def check_euros(value: object, key: str) -> float:
    """A finite amount of euros, 0 or more."""
    amount = _number(value)
    if amount is None or not (amount >= 0 and math.isfinite(amount)):
        raise ArgumentError(key, value, Msg("must be a number of euros, 0 or more"))
    return amount


def check_count(value: object, key: str, low: int, high: int | None = None, unit: str = "") -> int:
    """A whole number from ``low`` (to ``high``)."""
    n = _whole(value)
    if high is None:
        if n is None or n < low:
            raise ArgumentError(key, value, Msg("must be {low}{unit} or more", low=low, unit=unit))
    elif n is None or not low <= n <= high:
        raise ArgumentError(key, value, Msg("must be between {low:,} and {high:,}", low=low, high=high))
    return n


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        return None
    try:
        return float(value)
    except ValueError:
        return None
