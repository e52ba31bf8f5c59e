"""Languages of the human-readable output: English (default) and Dutch (`--lang nl`).

Every label, heading and sentence a table, report or chart shows lives in this package,
in both languages: :mod:`.english` and :mod:`.dutch` hold the words, :mod:`.lookup` looks
them up and formats numbers and euros with babel (CLDR locale data) rather than by hand:
`€1,234,568` in English, `€ 1.234.568` in Dutch. JSON and CSV keep their language-neutral
keys.
"""

from __future__ import annotations

from roi_sim.outputs.language.lookup import (
    DIST_LABELS,
    ENGLISH,
    LABELS,
    LANGUAGES,
    PARAM_LABELS,
    XLSX_LABELS,
    Language,
    compact_euro,
    language,
    localised,
)

__all__ = ["DIST_LABELS", "ENGLISH", "LABELS", "LANGUAGES", "PARAM_LABELS", "XLSX_LABELS", "Language", "compact_euro", "language", "localised"]
