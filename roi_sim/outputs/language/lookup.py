"""How the words of :mod:`.english` and :mod:`.dutch` are looked up, and how numbers and
euros are formatted in each language (babel, CLDR locale data)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from roi_sim.outputs.language import dutch, english

LANGUAGES = ("en", "nl")

LABELS: dict[str, dict[str, str]] = {"en": english.LABELS, "nl": dutch.LABELS}
#: The workbook's label sets: its own names, then every output label.
XLSX_LABELS: dict[str, dict[str, str]] = {code: {**LABELS[code], **own} for code, own in (("en", english.XLSX), ("nl", dutch.XLSX))}
PARAM_LABELS: dict[str, dict[str, str]] = {"en": english.PARAMS, "nl": dutch.PARAMS}
DIST_LABELS: dict[str, dict[str, str]] = {"en": english.DISTS, "nl": dutch.DISTS}

_LOCALES = {"en": "en_GB", "nl": "nl_NL"}
# Whole euros, the minus sign before the symbol: "-€54,000", "-€ 54.000" (the CLDR nl
# pattern "€ -54.000" reads as a typo in a raadsvoorstel).
_EURO_PATTERNS = {"en": "¤#,##0;-¤#,##0", "nl": "¤ #,##0;-¤ #,##0"}
#: The symbol as the whole-euro patterns write it; below the limit a float holds every whole
#: euro exactly, so the digits are those babel prints.
_EURO_SYMBOL = {"en": "€", "nl": "€ "}
_PLAIN_EURO_LIMIT = 1e15
_CENT_PATTERNS = {"en": "¤#,##0.00;-¤#,##0.00", "nl": "¤ #,##0.00;-¤ #,##0.00"}


@dataclass(frozen=True)
class Language:
    """Labels and number formats of one output language."""

    code: str

    def t(self, key: str, **values: object) -> str:
        """The label ``key``, with ``{placeholders}`` filled in."""
        text = LABELS[self.code][key]
        return text.format(**values) if values else text

    def param(self, key: str) -> str:
        """A scenario key in words: ``outflow_rate`` -> "share leaving benefit"; a path such
        as ``strategies[2].cost_per_client`` keeps its place in brackets."""
        import re

        if key.startswith(("transition:", "programme:")):
            return self._ladder_param(key)
        match = re.match(r"^(.*?)([A-Za-z_][A-Za-z0-9_]*)$", key)
        if not match or match.group(2) not in PARAM_LABELS[self.code]:
            return key
        where, name = match.group(1).rstrip("."), match.group(2)
        label = PARAM_LABELS[self.code][name]
        return f"{label} ({where})" if where else label

    def _ladder_param(self, key: str) -> str:
        """``transition:a:b`` and ``programme:a:b:<rate|net_effect>`` (DESIGN.md §10) in words."""
        parts = key.split(":")
        kind = parts[0] if parts[0] == "transition" else f"programme_{parts[-1]}"
        return LABELS[self.code][f"ladder_param_{kind}"].format(source=parts[1], target=parts[2])

    def number(self, x: float) -> str:
        """A scenario number as written, in this language's format, never in e-notation."""
        if float(x).is_integer():
            return self.decimal(x, 0)
        digits = min(6, max(0, len(repr(float(x)).split(".")[1].rstrip("0"))))
        return self.decimal(x, digits)

    def value(self, text: str) -> str:
        """A value or distribution of the scenario in words: ``pert(low 0.2, mode 0.25,
        high 0.3)`` -> "PERT-verdeling: laagste 0,2, meest waarschijnlijk 0,25, hoogste 0,3"."""
        import re

        words = DIST_LABELS[self.code]
        match = re.match(r"^([a-z]+)\((.*)\)$", text.strip())
        if match:
            parts = []
            for piece in match.group(2).split(", "):
                k, _, v = piece.partition(" ")
                parts.append(f"{words.get(k, k)} {self._num(v)}")
            return f"{words.get(match.group(1), match.group(1))}: " + ", ".join(parts)
        if text in PARAM_LABELS[self.code]:
            return PARAM_LABELS[self.code][text]
        return self._num(text)

    def _num(self, text: str) -> str:
        try:
            return self.number(float(text))
        except ValueError:
            return text

    def euro(self, x: float | None) -> str:
        """Whole euros with thousands separators; ``–`` for no value."""
        if x is None or not math.isfinite(x):
            return "–"
        whole = float(round(x)) or 0.0  # no "-€0"
        if abs(whole) < _PLAIN_EURO_LIMIT:
            # What babel writes for these patterns, without its pattern parsing (a budget
            # table prints a thousand amounts); tests/test_euro_format.py checks it against babel.
            digits = f"{abs(int(whole)):,}"
            if self.code == "nl":
                digits = digits.replace(",", ".")
            return ("-" if whole < 0 else "") + _EURO_SYMBOL[self.code] + digits
        from babel.numbers import format_currency

        return format_currency(whole, "EUR", format=_EURO_PATTERNS[self.code], locale=_LOCALES[self.code], currency_digits=False)

    def euro_cents(self, x: float) -> str:
        """Euros and cents: the return per euro invested."""
        from babel.numbers import format_currency

        return format_currency(x, "EUR", format=_CENT_PATTERNS[self.code], locale=_LOCALES[self.code], currency_digits=False)

    def decimal(self, x: float | None, digits: int = 2) -> str:
        """A plain number with ``digits`` decimals (``1.44`` / ``1,44``)."""
        if x is None or not math.isfinite(x):
            return "–"
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(x, format=pattern, locale=_LOCALES[self.code])

    def percent(self, x: float | None) -> str:
        """A share as a whole percentage (``44%``)."""
        if x is None or not math.isfinite(x):
            return "–"
        from babel.numbers import format_percent

        return format_percent(x, format="#,##0%", locale=_LOCALES[self.code])


def language(code: str) -> Language:
    """The :class:`Language` for ``code``; ValueError for an unknown one."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; allowed: {', '.join(LANGUAGES)}")
    return Language(code)


ENGLISH = Language("en")


def localised(text: str, lang: Language) -> str:
    """A number Python formatted (``f"{x:,.1f}"``: ``1,234.5``) in the language's format
    (``1.234,5``): for figures whose digits must match an English text exactly."""
    return text.translate(str.maketrans(",.", ".,")) if lang.code == "nl" else text


def compact_euro(x: float, lang: Language) -> str:
    """Short euros for chart axes: ``€1.5M`` / ``€ 1,5 mln``, ``€250k`` / ``€ 250.000``."""
    from babel.numbers import format_decimal

    loc = _LOCALES[lang.code]
    sign = "-" if x < 0 else ""
    a = abs(x)
    if a >= 1e6:
        num, unit = format_decimal(a / 1e6, format="#,##0.#", locale=loc), ("M" if lang.code == "en" else " mln")
    elif a >= 1e3 and lang.code == "en":
        num, unit = format_decimal(a / 1e3, format="#,##0", locale=loc), "k"
    else:
        num, unit = format_decimal(a, format="#,##0", locale=loc), ""
    return f"{sign}€{num}{unit}" if lang.code == "en" else f"{sign}€ {num}{unit}"
