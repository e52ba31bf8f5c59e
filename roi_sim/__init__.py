"""roi-sim: a Monte Carlo simulator of what re-integration investments earn back in bijstand."""

__version__ = "0.1.0"
