"""Run the CLI on a real pseudo-terminal of a given width, so rich sees a tty of that many
columns exactly as on a user's terminal (shared by the width tests of the budget tables,
the who-pays table and the ladder table)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_pty(columns: int, *args: str, timeout: float = 60) -> str:
    """Output of ``python -m roi_sim *args`` on a pseudo-terminal ``columns`` wide (50 lines),
    run from the repository's root, escape sequences and carriage returns removed; stderr is
    dropped."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "PYTHONPATH": str(ROOT), "TERM": "dumb"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "roi_sim", *args], stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            proc.kill()
            raise AssertionError(f"no output within {timeout:g} s")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=timeout)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")
