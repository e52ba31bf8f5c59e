"""The participation ladder's cost in cohort size (issue 13.1): tests/data/ladder-nine.yaml
(the six rungs plus three work states) at 300 and at 35,000 clients, the engine as the product
calls it (``roi_sim.simulate``), best of a few repeats, timed in turn so a neighbour's load
skews both alike. Target: 35,000 clients within 1.3 x the time of 300. A report, not a test:
the exit code is 0 whether the target holds or not."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

import roi_sim  # noqa: E402
from roi_sim.model import ladder as ladder_engine  # noqa: E402

SMALL, LARGE = 300, 35_000
TARGET = 1.3


def _scenario(cohort: int) -> roi_sim.Scenario:
    text = (REPO / "tests" / "data" / "ladder-nine.yaml").read_text(encoding="utf-8")
    return roi_sim.load(text.replace("cohort_size: 35000", f"cohort_size: {cohort}"))


def _count_variates(scenario: roi_sim.Scenario, iterations: int) -> int:
    """Binomial variates the engine's multinomials draw with a client to place, counted in an
    untimed replay: a row of ``m`` categories holding ``n > 0`` clients draws one binomial per
    category until every client is placed (numpy's sequential algorithm stops there, and never
    draws the last), so its count is ``min(last non-empty category + 1, m − 1)``."""
    counted = [0]
    original = ladder_engine._LadderPool.step

    class Counting:
        """The generator, counting what its multinomials draw (the engine calls nothing else)."""

        def __init__(self, rng: np.random.Generator) -> None:
            self.rng = rng

        def multinomial(self, count: np.ndarray, probs: np.ndarray) -> np.ndarray:
            moved = self.rng.multinomial(count, probs)
            m = probs.shape[1]
            placed = moved > 0
            last = np.where(placed.any(axis=1), m - 1 - np.argmax(placed[:, ::-1], axis=1), -1)
            counted[0] += int(np.where(count > 0, np.minimum(last + 1, m - 1), 0).sum())
            return moved

    def counting_step(self: ladder_engine._LadderPool, cf, prog, moves, version, rng):  # type: ignore[no-untyped-def]
        return original(self, cf, prog, moves, version, None if rng is None else Counting(rng))  # type: ignore[arg-type]  # a stand-in with the one method step uses

    ladder_engine._LadderPool.step = counting_step  # type: ignore[method-assign]
    try:
        roi_sim.simulate(scenario, iterations=iterations)
    finally:
        ladder_engine._LadderPool.step = original  # type: ignore[method-assign]
    return counted[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one block (4,096 iterations), 2 repeats (CI)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    iterations, repeats = (4096, 2) if args.quick else (8192, 3)
    scenarios = {c: _scenario(c) for c in (SMALL, LARGE)}
    roi_sim.simulate(scenarios[SMALL], iterations=4096)  # imports and first-touch page faults
    best = {c: float("inf") for c in scenarios}
    for _ in range(repeats):
        for cohort, scenario in scenarios.items():
            started = time.perf_counter()
            roi_sim.simulate(scenario, iterations=iterations)
            best[cohort] = min(best[cohort], time.perf_counter() - started)
    ratio = best[LARGE] / best[SMALL]
    held = ratio <= TARGET
    variates = {c: _count_variates(s, iterations) for c, s in scenarios.items()}
    print(f"ladder of nine states, {iterations:,} iterations, best of {repeats}")
    for cohort, seconds in best.items():
        per = seconds / max(variates[cohort], 1) * 1e9
        print(f"  {cohort:>7,} clients  {seconds:6.2f} s  {variates[cohort]:>12,} binomial variates with clients to place  {per:5.0f} ns each")
    print(f"  variates 35,000 / 300: {variates[LARGE] / max(variates[SMALL], 1):.2f}x (more joint states hold clients; the time per variate does not grow)")
    print(f"  target: 35,000 clients <= {TARGET} x 300 clients: {ratio:.2f}x  {'holds' if held else 'FAILS'}")
    if args.json is not None:
        args.json.write_text(json.dumps({"iterations": iterations, "seconds": best, "variates": variates, "ratio": ratio, "held": held}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
