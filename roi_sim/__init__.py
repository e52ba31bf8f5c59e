"""roi-sim: a Monte Carlo simulator of what re-integration investments earn back in bijstand.

The Python API (see the README, "Python API")::

    import roi_sim
    result = roi_sim.simulate(roi_sim.load("scenarios/lelystad.yaml"), seed=2011)
    result.to_dict(), result.to_frame()

``load``, ``simulate``, ``Result``, ``InputError`` and ``ArgumentError`` live in
:mod:`roi_sim.api`; they are imported on first use so that ``roi-sim --help`` stays quick.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"

__all__ = ["ArgumentError", "InputError", "Result", "__version__", "load", "simulate"]

_API = ("ArgumentError", "InputError", "Result", "load", "simulate", "read_scenario")


def __getattr__(name: str) -> Any:
    if name in _API:
        from roi_sim import api

        return getattr(api, name)
    raise AttributeError(f"module 'roi_sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
