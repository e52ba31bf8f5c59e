"""The unit of work a worker runs: one seed block of one row, from the row's YAML text.

Workers get the scenario's YAML text and its sha256, never a pickled Scenario: a worker
only needs ``roi_sim`` importable, the payload is a few kilobytes, and the hash proves the
text arrived intact. The seed stays the block's ``SeedSequence(seed, spawn_key=(b,))``
(see roi_sim.model.simulate), so no scheduler ever touches NumPy's random state.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from roi_sim import __version__
from roi_sim.scenario.message_text import Msg

_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 64
_ALLOCATOR_TUNED = False


@dataclass(frozen=True)
class ConstantArray:
    """An array whose elements are all bitwise equal, sent as one element and its shape.

    Many per-iteration arrays of a block are constant (the investment of a fixed plan, zero
    subsidies, the variant index of a scenario without variants): sending them whole made a
    Lelystad block 2.1 MB on the wire; packed it is a fraction of that. Expanding copies the
    element's bytes, so the unpacked block is bit for bit the block that was simulated.
    """

    first: np.ndarray  # shape (1,)
    shape: tuple[int, ...]

    def expand(self) -> np.ndarray:
        return np.broadcast_to(self.first, self.shape).copy()


def _constant(a: np.ndarray) -> bool:
    if a.size < 2 or a.dtype.hasobject:
        return False
    flat = np.ascontiguousarray(a).reshape(-1)
    rows = flat.view(np.uint8).reshape(flat.size, flat.itemsize)
    return bool((rows == rows[0]).all())


def pack(obj: Any) -> Any:
    """``obj`` (a BlockOutput and what it holds) with every constant array a :class:`ConstantArray`."""
    if isinstance(obj, np.ndarray):
        return ConstantArray(obj.reshape(-1)[:1].copy(), tuple(obj.shape)) if _constant(obj) else obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return replace(obj, **{f.name: pack(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
    if isinstance(obj, list):
        return [pack(x) for x in obj]
    if isinstance(obj, dict):
        return {k: pack(v) for k, v in obj.items()}
    return obj


def unpack(obj: Any) -> Any:
    """The inverse of :func:`pack`: the block exactly as it was simulated."""
    if isinstance(obj, ConstantArray):
        return obj.expand()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return replace(obj, **{f.name: unpack(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
    if isinstance(obj, list):
        return [unpack(x) for x in obj]
    if isinstance(obj, dict):
        return {k: unpack(v) for k, v in obj.items()}
    return obj


def _tune_once() -> None:
    # A worker process is not started by the CLI, which tunes its own process; without this
    # a Dask worker page-faults every block's buffers in again (about 10% of a block).
    global _ALLOCATOR_TUNED
    if not _ALLOCATOR_TUNED:
        from roi_sim.model.simulate import tune_allocator

        tune_allocator()
        _ALLOCATOR_TUNED = True


class VersionMismatch(RuntimeError):
    """A worker runs another numpy or roi-sim than the machine that started the sweep."""


def versions() -> dict[str, str]:
    """What must be equal on every worker for the numbers to be equal."""
    return {"numpy": np.__version__, "roi-sim": __version__}


def describe(v: dict[str, str]) -> str:
    return f"numpy {v.get('numpy')} and roi-sim {v.get('roi-sim')}"


def check_versions(expected: dict[str, str], actual: dict[str, str], where: str) -> None:
    if expected != actual:
        raise VersionMismatch(
            f"{where} has {describe(actual)}, this machine has {describe(expected)}; "
            "install the same versions on every worker (the same numpy gives the same numbers)"
        )


def _scenario(yaml_text: str, sha256: str) -> Any:
    from roi_sim.scenario.spec import parse_scenario

    if sha256 in _CACHE:
        _CACHE.move_to_end(sha256)
        return _CACHE[sha256]
    if hashlib.sha256(yaml_text.encode("utf-8")).hexdigest() != sha256:
        raise ValueError(Msg("the scenario text arrived damaged (its sha256 does not match)"))
    scenario = parse_scenario(yaml_text, "<sweep row>")
    _CACHE[sha256] = scenario
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return scenario


def simulate_task(yaml_text: str, sha256: str, seed: int | None, block: int | None, expected: dict[str, str]) -> Any:
    """Block ``block`` of the row (a BlockOutput packed by :func:`pack`), or with ``block``
    None the whole deterministic run as its JSON text."""
    check_versions(expected, versions(), "a worker")
    _tune_once()
    scenario = _scenario(yaml_text, sha256)
    if seed is not None:
        scenario = replace(scenario, seed=seed)
    if block is None:
        from roi_sim.model.simulate import run
        from roi_sim.outputs.formats import to_json

        return to_json(run(scenario, deterministic=True))
    from roi_sim.model.simulate import simulate_block

    return pack(simulate_block(scenario, block))


def dask_worker_versions(client: Any) -> None:
    """Refuse a Dask cluster with any worker on another numpy or roi-sim, naming both."""
    expected = versions()
    found = client.run(versions)
    if not found:
        raise VersionMismatch("the Dask cluster has no workers; start some with `dask worker <scheduler address>`")
    for address, actual in sorted(found.items()):
        check_versions(expected, actual, f"Dask worker {address}")
