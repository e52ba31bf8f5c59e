"""The tracking page of the council report (issue 15): plan against realised, the updated
belief, the re-forecast and the verdict, as report pieces (see council_report.to_html)."""

from __future__ import annotations

from typing import Any

from roi_sim.outputs.language import Language


def tracking_pieces(payload: dict[str, Any], chart: bytes | None, lang: Language) -> list[tuple[str, Any]]:
    """``payload`` is :func:`roi_sim.outputs.evaluation_outputs.track_payload`."""
    from roi_sim.outputs.council_report import Cell
    from roi_sim.outputs.evaluation_outputs import _t

    code = lang.code
    cols = ("month", "planned_started", "started", "planned_left", "left", "planned_returned", "returned")
    pieces: list[tuple[str, Any]] = [("h2", _t(code, "track_title", strategy=payload["strategy"], month=payload["last_month"]))]
    rows = [[Cell(lang.decimal(float(r[c]), 1 if c.startswith("planned") else 0), float(r[c])) for c in cols] for r in payload["plan_vs_realised"]]
    pieces.append(("table", ([_t(code, c) for c in cols], rows)))
    if chart is not None:
        pieces.append(("img", ("tracking", chart)))
    header = [_t(code, "parameter"), _t(code, "method"), _t(code, "prior"), _t(code, "posterior"), _t(code, "interval")]
    belief = [
        [Cell(lang.param(name) if hasattr(lang, "param") else name), Cell(p["method"]), Cell(lang.percent(p["prior_mean"]), p["prior_mean"]),
         Cell(lang.percent(p["mean"]), p["mean"]), Cell(f"{lang.percent(p['p5'])} – {lang.percent(p['p95'])}")]
        for name, p in payload["posterior"].items()
    ]
    pieces.append(("table", (header, belief)))
    f, pl = payload["forecast"]["net_savings"], payload["plan"]["net_savings"]
    forecast = [[Cell(label), *[Cell(lang.euro(s[k]), s[k]) for k in ("mean", "p5", "p95")]]
                for label, s in ((_t(code, "plan"), pl), (_t(code, "reforecast"), f))]
    pieces.append(("table", ([_t(code, "forecast"), lang.t("mean") if "mean" in getattr(lang, "labels", {}) else "mean", "p5", "p95"], forecast)))
    verdict = _t(code, "verdict", verdict=_t(code, payload["verdict"]["status"]), chance=lang.percent(payload["forecast"]["chance_pays"]),
                 plan_chance=lang.percent(payload["plan"]["chance_pays"]))
    pieces.append(("strong", verdict))
    return pieces
