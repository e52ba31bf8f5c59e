"""SIGTERM and SIGHUP end a run the way Ctrl-C does: the worker processes are ended, no
partial or temporary file is left, and the exit code is 128 + the signal (143, 129).

Without this the default action kills the parent at once, and forked workers live on
holding the caller's pipes open (``$(roi-sim …)`` would hang).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

HANDLED = (signal.SIGTERM, signal.SIGHUP)
_received: list[int] = []


class Terminated(KeyboardInterrupt):
    """A SIGTERM or SIGHUP, raised where the program is, like KeyboardInterrupt for SIGINT."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def end_workers() -> None:
    """Kill this process's worker processes (those multiprocessing started, if any)."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return
    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, ValueError):  # already gone
            pass


def received() -> int | None:
    """The signal handled, if one was."""
    return _received[0] if _received else None


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _received:  # a second signal while cleaning up: let the clean-up finish
        return
    _received.append(signum)
    end_workers()
    raise Terminated(signum)


def _reset_in_child() -> None:
    # A forked worker must die of SIGTERM as usual: its parent ends it with this signal.
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_DFL)


def install() -> None:
    """Handle SIGTERM and SIGHUP in this (main) process; forked workers keep the defaults."""
    for signum in HANDLED:
        signal.signal(signum, _on_signal)
    os.register_at_fork(after_in_child=_reset_in_child)
