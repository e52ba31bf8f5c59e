"""The workbook's zip archive made reproducible: every entry dated and with fixed attributes,
the formulas' values cached, and the iterations spliced in, streamed."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Mapping

from roi_sim.outputs.workbook.iterations import _IterationRows


def _utc_naive(created: datetime.datetime) -> datetime.datetime:
    """``created`` in UTC without a time zone (the form of the core properties); a naive
    value is taken to be UTC already."""
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    return created.replace(microsecond=0)


def _cache_formula_values(xml: bytes, values: Mapping[str, float]) -> bytes:
    """Store the computed value of each formula cell (openpyxl leaves it empty), so that
    readers that do not calculate (previews, pandas) see the numbers too. Excel still
    recalculates on opening (fullCalcOnLoad)."""
    text = xml.decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(r'(<c r="' + ref + r'"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)')
        text, count = pattern.subn(lambda m: f"{m.group(1)}<v>{value!r}</v>", text, count=1)  # noqa: B023 (called at once)
        if count != 1:  # pragma: no cover - openpyxl changed how it writes formulas
            raise RuntimeError(f"formula cell {ref} not found in the yearly sheet")
    return text.encode("utf-8")


def _normalise_zip(
    raw: bytes,
    date_time: tuple[int, int, int, int, int, int],
    patches: Mapping[str, Callable[[bytes], bytes]],
    rows: tuple[str, _IterationRows] | None = None,
) -> bytes:
    """The same archive with every entry dated ``date_time`` and fixed attributes, so the
    bytes depend on the content only; ``patches`` rewrite entries, and ``rows`` (sheet
    path, rows) splices the iterations into that sheet, streamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in patches:
                data = patches[info.filename](data)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            if rows is not None and info.filename == rows[0]:
                head, tail = data.split(b"</sheetData>", 1)
                with dst.open(entry, "w", force_zip64=rows[1].size_estimate() > 2**30) as stream:
                    stream.write(head)
                    for chunk in rows[1].chunks():
                        stream.write(chunk.encode("utf-8"))
                    stream.write(b"</sheetData>" + tail)
            else:
                dst.writestr(entry, data)
    return out.getvalue()
