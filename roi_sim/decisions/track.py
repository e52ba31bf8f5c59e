"""Is the programme on track? Realised monthly counts against the plan, the updated belief in
the uncertain rates, a re-forecast of the net savings and a plain verdict.

The realised file (CSV, one row per month, months counted from 1 = the first intake month)::

    month,clients_started,left_benefit,returned[,control_started,control_left_benefit]

``left_benefit`` counts participants who left benefit that month *within their outflow
window* (what ``outflow_rate`` measures); ``returned`` those back on benefit. The control
columns count a control group the same way (what ``baseline_outflow_rate`` measures).

Belief update. A client who started ``e`` months ago (``e`` counted up to the last reported
month) counts for the share of a full window's leavers the plan expects by then (at the
prior mean, see :func:`exposure`); the exposure of all starters is ``n`` and the leavers
``k``; the observation is treated as ``k ~ Binomial(n, θ)`` (exact once every window is
complete; while windows run it is an actuarial exposure approximation). With a beta prior this is conjugate: ``Beta(a + k, b + n − k)``. Otherwise
(any other prior, or the baseline when the window is not 12 months) the scenario's own draws
are reweighted by the likelihood (importance sampling). The re-forecast of the net savings
always reweights the scenario's iterations by the likelihood of both rates, so it carries
every other uncertainty along unchanged.

Pure apart from :func:`read_realised` (which reads a file).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np

from roi_sim.decisions.design import window_share
from roi_sim.scenario.message_text import Msg, template

REQUIRED = ("month", "clients_started", "left_benefit", "returned")
OPTIONAL = ("control_started", "control_left_benefit")
VERDICTS = ("too early", "behind", "on track", "ahead")
#: |z| beyond this (two-sided 95%) of the leavers against the plan's rate is behind/ahead.
Z_VERDICT = 1.959963984540054


class RealisedError(ValueError):
    """Impossible or malformed realised data; the message names file, line and column."""


@dataclass(frozen=True)
class Realised:
    """The realised file, validated: one entry per reported month (months 1-based)."""

    source: str
    months: tuple[int, ...]
    started: tuple[int, ...]
    left: tuple[int, ...]
    returned: tuple[int, ...]
    control_started: tuple[int, ...] | None = None
    control_left: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Plan:
    """The plan's expected monthly counts at the parameter means (index 0 = month 1)."""

    started: np.ndarray
    left: np.ndarray
    returned: np.ndarray


@dataclass(frozen=True)
class Posterior:
    parameter: str
    method: str  # "conjugate beta", "importance reweighting" or "fixed"
    prior_mean: float
    mean: float
    sd: float
    p5: float
    p95: float
    exposure: float
    observed: int
    alpha: float | None = None
    beta: float | None = None


@dataclass(frozen=True)
class Summary:
    mean: float
    se: float
    p5: float
    p50: float
    p95: float


@dataclass(frozen=True)
class Tracking:
    strategy: str
    last_month: int
    planned_left: float
    realised_left: int
    z: float
    verdict: str
    posterior: dict[str, Posterior]
    forecast_net_savings: Summary
    plan_net_savings: Summary
    chance_pays: float
    plan_chance_pays: float
    effective_sample_size: float


# --------------------------------------------------------------------------- reading


def _fail(source: str, line: int, message: str, column: int | None = None, name: str | None = None) -> RealisedError:
    where = Msg("line {line}", line=line) if column is None else Msg("line {line}, column {column} ({name})", line=line, column=column, name=name)
    return RealisedError(Msg("{source}: {where}: {message}", source=source, where=where, message=message))


def read_realised(path: str | Path, horizon_months: int) -> Realised:
    """Read and validate a realised CSV file; :class:`RealisedError` on anything impossible."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RealisedError(Msg("{path}: no such file", path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RealisedError(Msg("{path}: cannot be read as UTF-8 text ({name})", path=path, name=type(exc).__name__)) from None
    return parse_realised(text, str(path), horizon_months)


def _header(rows: list[list[str]], source: str) -> list[str]:
    if not rows or not any(c.strip() for c in rows[0]):
        raise _fail(source, 1, Msg("the file is empty; the first line must name the columns {columns}", columns=",".join(REQUIRED)))
    names = [c.strip() for c in rows[0]]
    for j, name in enumerate(names, start=1):
        if name not in REQUIRED + OPTIONAL:
            raise _fail(source, 1, Msg("unknown column; allowed: {allowed}", allowed=", ".join(REQUIRED + OPTIONAL)), j, name)
        if names.index(name) != j - 1:
            raise _fail(source, 1, Msg("column given twice"), j, name)
    for name in REQUIRED:
        if name not in names:
            raise _fail(source, 1, Msg("missing column {name}; required: {required} (optional: {optional})", name=name, required=', '.join(REQUIRED), optional=', '.join(OPTIONAL)))
    if (OPTIONAL[0] in names) != (OPTIONAL[1] in names):
        raise _fail(source, 1, Msg("control_started and control_left_benefit go together; give both or neither"))
    return names


def parse_realised(text: str, source: str, horizon_months: int) -> Realised:
    """Validate realised CSV text (see the module docstring for the columns)."""
    lines = [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text)), start=1)]
    lines = [(i, row) for i, row in lines if any(c.strip() for c in row) or i == 1]
    names = _header([row for _, row in lines[:1]], source)
    if len(lines) < 2:
        raise _fail(source, 2, Msg("no monthly rows; give at least one month"))
    cols: dict[str, list[int]] = {name: [] for name in names}
    totals = {name: 0 for name in names}
    previous: tuple[int, int] | None = None
    for line, row in lines[1:]:
        if len(row) != len(names):
            raise _fail(source, line, Msg("{n_row} values for {n_names} columns ({names})", n_row=len(row), n_names=len(names), names=','.join(names)))
        values = {}
        for j, (name, raw) in enumerate(zip(names, row), start=1):
            raw = raw.strip()
            try:
                v = int(raw)
            except ValueError:
                raise _fail(source, line, Msg("'{raw}' is not a whole number", raw=raw), j, name) from None
            if v < 0:
                raise _fail(source, line, Msg("{v} is negative; counts are 0 or more", v=v), j, name)
            values[name] = v
        j_month = names.index("month") + 1
        m = values["month"]
        if m < 1:
            raise _fail(source, line, Msg("0 is not a month; months count from 1 (the first intake month)"), j_month, "month")
        if m > horizon_months:
            raise _fail(source, line, Msg("month {m} is beyond the horizon ({horizon_months} months)", m=m, horizon_months=horizon_months), j_month, "month")
        if previous is not None and m <= previous[0]:
            raise _fail(source, line, Msg("month {m} does not come after month {before} (line {line}); months must increase", m=m, before=previous[0], line=previous[1]),
                        j_month, "month")
        previous = (m, line)
        for name in names:
            totals[name] += values[name]
            cols[name].append(values[name])
        _check_flows(totals, names, source, line, m)
    ctrl = "control_started" in names
    return Realised(
        source, tuple(cols["month"]), tuple(cols["clients_started"]), tuple(cols["left_benefit"]), tuple(cols["returned"]),
        tuple(cols["control_started"]) if ctrl else None, tuple(cols["control_left_benefit"]) if ctrl else None,
    )


def _check_flows(totals: Mapping[str, int], names: Sequence[str], source: str, line: int, month: int) -> None:
    """Running totals must be possible: leavers come from starters, returners from leavers."""
    pairs = [("left_benefit", "clients_started", template("{n} participants have left benefit by month {month}, but only {of} have started")),
             ("returned", "left_benefit", template("{n} participants are back on benefit by month {month}, but only {of} have left"))]
    if "control_started" in names:
        pairs.append(("control_left_benefit", "control_started",
                      template("{n} control clients have left benefit by month {month}, but only {of} have started")))
    for name, of, words in pairs:
        if totals[name] > totals[of]:
            raise _fail(
                source, line, Msg(words, n=totals[name], month=month, of=totals[of]),
                names.index(name) + 1, name,
            )


# --------------------------------------------------------------------------- plan


def planned_counts(
    cohort: float, intake_years: int, window: int, outflow_rate: float, horizon_months: int,
    relapse_model: str, time_out_years: float | None = None, relapse_within_12: float = 0.0, relapse_ever: float = 0.0,
) -> Plan:
    """Expected monthly starters, in-window leavers and returners of the plan (the engine's
    hazards: ``outflow_rate`` of a cohort leaves within the window)."""
    from roi_sim.model.engine import levelling_hazard, monthly_hazard, relapse_lag_months, relapse_probability

    started, left, returned = (np.zeros(horizon_months) for _ in range(3))
    h = float(monthly_hazard(np.asarray(outflow_rate), float(window)))
    for k in range(intake_years):
        s = 12 * k
        if s >= horizon_months:
            break
        started[s] += cohort
        on = cohort
        for t in range(s, min(s + window, horizon_months)):
            left[t] += on * h
            on -= on * h
    if relapse_model == "fixed":
        lag = int(relapse_lag_months(np.asarray([time_out_years]), horizon_months)[0])
        returned[lag:] = left[: horizon_months - lag]
    else:
        if relapse_model == "levelling":
            r = float(levelling_hazard(np.asarray(relapse_within_12), np.asarray(relapse_ever)))
            share = relapse_ever
        else:
            r, share = float(relapse_probability(np.asarray(time_out_years))), 1.0
        pool = 0.0
        for t in range(horizon_months):
            pool += share * left[t]
            returned[t] = pool * r
            pool -= returned[t]
    return Plan(started, left, returned)


# --------------------------------------------------------------------------- belief


def exposure(months: Sequence[int], started: Sequence[int], window: int, rate: float = 0.0) -> float:
    """Window-equivalent clients: a starter ``e`` months in counts for the share of a full
    window's leavers the plan expects by then, ``(1 − (1 − r)^(min(e, w)/w)) / r`` at the
    prior mean ``r`` (``min(1, e/w)`` when ``r`` is 0), so counts that follow the plan
    leave the belief where it was."""
    last = months[-1]

    def share(e: int) -> float:
        f = min(1.0, e / window)
        return f if rate <= 0.0 else (1.0 - (1.0 - rate) ** f) / rate

    return float(sum(n * share(last - m + 1) for m, n in zip(months, started)))


def log_likelihood(theta: np.ndarray, k: float, n: float) -> np.ndarray:
    """``k·log θ + (n − k)·log(1 − θ)`` (the binomial coefficient cancels in every use)."""
    t = np.clip(np.asarray(theta, dtype=float), 1e-300, 1.0 - 1e-16)
    return k * np.log(t) + (n - k) * np.log1p(-t)


def beta_update(a: float, b: float, k: float, n: float) -> tuple[float, float]:
    """The conjugate update of a Beta(a, b) prior by k successes in n trials."""
    return a + k, b + n - k


def weighted_summary(x: np.ndarray, w: np.ndarray) -> Summary:
    """Mean, self-normalised importance-sampling standard error and percentiles."""
    w = w / w.sum()
    mean = float(w @ x)
    se = float(math.sqrt(float((w * w) @ ((x - mean) ** 2))))
    order = np.argsort(x, kind="stable")
    cum = np.cumsum(w[order])
    pick = lambda q: float(x[order][min(int(np.searchsorted(cum, q)), x.size - 1)])  # noqa: E731
    return Summary(mean, se, pick(0.05), pick(0.50), pick(0.95))


def _posterior(parameter: str, prior: object, draws: np.ndarray | None, w: np.ndarray, k: int, n: float, conjugate: bool) -> Posterior:
    from roi_sim.scenario.distributions import Beta, Fixed

    if isinstance(prior, Fixed) or draws is None or np.ptp(draws) == 0.0:
        v = float(prior.mean())  # type: ignore[attr-defined]
        return Posterior(parameter, "fixed", v, v, 0.0, v, v, n, k)
    if conjugate and isinstance(prior, Beta):
        from scipy.stats import beta as beta_dist

        a0, b0 = prior.shape()
        a, b = beta_update(a0, b0, k, n)
        d = beta_dist(a, b)
        return Posterior(parameter, "conjugate beta", a0 / (a0 + b0), float(d.mean()), float(d.std()),
                         float(d.ppf(0.05)), float(d.ppf(0.95)), n, k, a, b)
    s = weighted_summary(draws, w)
    sd = math.sqrt(float((w / w.sum()) @ ((draws - s.mean) ** 2)))
    return Posterior(parameter, "importance reweighting", float(draws.mean()), s.mean, sd, s.p5, s.p95, n, k)


# --------------------------------------------------------------------------- tracking


def _mean(part: object, name: str, default: float = 0.0) -> float:
    d = part.params.get(name)  # type: ignore[attr-defined]
    return default if d is None else float(d.mean())


def untrackable(scenario: object, strategy: str) -> str | None:
    """Why ``strategy`` cannot be tracked, or None. Tracking compares a pilot's outflow with
    ``outflow_rate`` against a constant ``baseline_outflow_rate``; the effects of DESIGN.md §9
    (a net effect, a profile, duration bands, classes) are not read by it yet."""
    spec = next(s for s in scenario.strategies if s.name == strategy)  # type: ignore[attr-defined]
    part = spec.parts[0]
    if part.ladder is not None:
        return Msg("strategy '{strategy}' has states (the participation ladder); track compares a pilot's outflow with "
                   "outflow_rate and a constant baseline_outflow_rate of an on/off scenario only (docs/evaluation.md)", strategy=strategy)
    if "outflow_rate" in part.params and not (part.classes or part.baseline_by_duration or part.effect_profile):
        return None
    return Msg("strategy '{strategy}' states its effect as a net effect, an effect profile, duration bands or classes; "
               "track compares a pilot's outflow with outflow_rate and a constant baseline_outflow_rate only (docs/evaluation.md)", strategy=strategy)


def plan_for(scenario: object, strategy: str) -> Plan:
    """The plan of ``strategy`` (its first part) at the parameter means."""
    spec = next(s for s in scenario.strategies if s.name == strategy)  # type: ignore[attr-defined]
    part = spec.parts[0]
    return planned_counts(
        _mean(part, "cohort_size"), part.intake_years, part.outflow_window_months, _mean(part, "outflow_rate"),
        scenario.horizon_months, part.relapse_model, _mean(part, "time_out_of_benefits_years", 1.0),  # type: ignore[attr-defined]
        _mean(part, "relapse_within_12_months"), _mean(part, "relapse_ever"),
    )


def track(result: object, realised: Realised, strategy: str) -> Tracking:
    """Update the belief and re-forecast ``strategy`` of a run kept with its parameters.

    ``result`` is a :class:`roi_sim.model.simulate.RunResult` from ``run(...,
    keep_parameters=True)``; its iterations are the prior sample that is reweighted.
    """
    scenario = result.scenario  # type: ignore[attr-defined]
    spec = next(s for s in scenario.strategies if s.name == strategy)
    part = spec.parts[0]
    window = part.outflow_window_months
    draws = (result.parameters or {}).get(strategy, {})  # type: ignore[attr-defined]
    net: np.ndarray = np.asarray(result.iterations[strategy].net_savings, dtype=float)  # type: ignore[attr-defined]
    n_out = exposure(realised.months, realised.started, window, float(part.params["outflow_rate"].mean()))
    k_out = sum(realised.left)
    n_out = max(n_out, float(k_out))  # early leavers beyond the exposure: trust the count
    logw = np.zeros(net.size)
    theta = draws.get("outflow_rate")
    if theta is not None and np.ptp(theta) > 0:
        logw += log_likelihood(theta, k_out, n_out)
    base_draws = None
    if realised.control_started is not None:
        b_mean = window_share(_mean(part, "baseline_outflow_rate"), window)
        n_c = max(exposure(realised.months, realised.control_started, window, b_mean), float(sum(realised.control_left or ())))
        k_c = sum(realised.control_left or ())
        b = draws.get("baseline_outflow_rate")
        if b is not None and np.ptp(b) > 0:
            base_draws = cast(np.ndarray, window_share(b, window))
            logw += log_likelihood(base_draws, k_c, n_c)
    w = np.exp(logw - logw.max())
    w /= w.sum()
    posterior = {"outflow_rate": _posterior("outflow_rate", part.params["outflow_rate"], theta, w, k_out, n_out, True)}
    if realised.control_started is not None:
        # The prior is on the annual rate: conjugate only when the window is a year.
        posterior["baseline_outflow_rate"] = _posterior(
            "baseline_outflow_rate", part.params["baseline_outflow_rate"],
            draws.get("baseline_outflow_rate"), w, k_c, n_c, window == 12,
        )
    _plan = plan_for(scenario, strategy)
    prior_rate = posterior["outflow_rate"].prior_mean
    planned = prior_rate * n_out
    z = (k_out - planned) / math.sqrt(n_out * prior_rate * (1 - prior_rate)) if n_out > 0 and 0 < prior_rate < 1 else 0.0
    verdict = "too early" if n_out == 0 else ("behind" if z < -Z_VERDICT else "ahead" if z > Z_VERDICT else "on track")
    uniform = np.full(net.size, 1.0 / net.size)
    return Tracking(
        strategy=strategy, last_month=realised.months[-1], planned_left=float(planned), realised_left=int(k_out),
        z=float(z), verdict=verdict, posterior=posterior,
        forecast_net_savings=weighted_summary(net, w), plan_net_savings=weighted_summary(net, uniform),
        chance_pays=float(w @ (net > 0)), plan_chance_pays=float(np.mean(net > 0)),
        effective_sample_size=float(1.0 / (w @ w)),
    )
