"""Where output goes: files written atomically (or through a device), output paths checked
before anything is simulated, standard output that may be full or closed, and the time a
document is dated with."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from roi_sim.cli.errors import BadInput
from roi_sim.scenario.message_text import Msg

#: Temporary files are named ``.<start of the name>.<random>.tmp``; a bounded start keeps
#: the temporary name legal wherever the target name is.
_TMP_NAME_PART = 40


def _name_max(directory: Path) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def check_output_path(output: Path, scenario: Path | None, option: str = "--output") -> None:
    """Refuse, before simulating, an output that could not be written: a directory, a
    missing or unwritable directory, a name too long, the scenario itself, a block device."""
    parent = output.parent if str(output.parent) else Path(".")
    if len(os.fsencode(output.name)) > _name_max(parent) or len(os.fsencode(str(output))) > 4095:
        raise BadInput(Msg("{option} {output}: the name is too long for the file system; give a shorter file name", option=option, output=output))
    if output.is_dir():
        raise BadInput(Msg("{option} {output}: is a directory; give a file name such as results.json", option=option, output=output))
    if not parent.is_dir():
        raise BadInput(Msg("{option} {output}: the directory {parent} does not exist", option=option, output=output, parent=parent))
    if scenario is not None and output.exists() and scenario.exists() and output.resolve() == scenario.resolve():
        raise BadInput(Msg("{option} {output}: that is the scenario file itself; it is never overwritten", option=option, output=output))
    try:
        mode = os.stat(output).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        _check_special(output, mode, option)
        return
    target = Path(os.path.realpath(output))
    try:
        fd, probe = tempfile.mkstemp(dir=target.parent, prefix=".roi-sim-probe.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BadInput(Msg("{option} {output}: cannot write in {parent}: {reason}", option=option, output=output, parent=target.parent, reason=str(exc.strerror or exc))) from None


def _check_special(output: Path, mode: int, option: str) -> None:
    """A character device (/dev/null, /dev/stdout, a terminal) or a pipe is written
    through, never replaced; anything else that is not a regular file is refused."""
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise BadInput(Msg("{option} {output}: is a {kind}; give the name of a regular file", option=option, output=output, kind=Msg("block device") if stat.S_ISBLK(mode) else Msg("socket or special file")))
    if not os.access(output, os.W_OK):
        raise BadInput(Msg("{option} {output}: cannot be written (permission denied)", option=option, output=output))


def check_distinct(first: tuple[str, Path | None], second: tuple[str, Path | None]) -> None:
    """Two outputs of one command must be two files."""
    (name_a, a), (name_b, b) = first, second
    if a is None or b is None:
        return
    same = os.path.realpath(a) == os.path.realpath(b)
    if not same and a.exists() and b.exists():
        same = os.path.samefile(a, b)
    if same:
        raise BadInput(Msg("{name_b} {b}: is the same file as {name_a}; give the two different names", name_b=name_b, b=b, name_a=name_a))


def write_atomically(path: Path, text: str | bytes, binary: bool = False, option: str = "--output") -> None:
    """Write ``text`` (or bytes) to ``path`` through a temporary file and a rename, so an
    interrupted run never leaves a half-written file behind. A device or pipe (e.g.
    /dev/null, /dev/stdout) is written through instead: renaming onto it would replace the
    device with a regular file. An error writing becomes :class:`BadInput` naming ``option``."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    try:
        if mode is not None and not stat.S_ISREG(mode):
            _check_special(path, mode, option)
            with open(path, "wb") as fh:
                fh.write(data)
            return
        _replace(Path(os.path.realpath(path)), data)
    except OSError as exc:
        raise BadInput(Msg("{option} {path}: cannot write: {reason}", option=option, path=path, reason=str(exc.strerror or exc))) from None


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:_TMP_NAME_PART]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class StdoutClosed(Exception):
    """Standard output cannot take more (a closed pipe, a full disk)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.broken_pipe = error.errno == errno.EPIPE


def write_stdout(text: str) -> None:
    """Print ``text`` and flush it now, so a full or closed standard output is reported
    here, in one line, rather than as a traceback when Python exits."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        silence_stdout()
        raise StdoutClosed(exc) from None


def silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. under a test runner)
        pass


def document_time() -> Any:
    """When a report or workbook was made: now, or SOURCE_DATE_EPOCH when set (the usual
    convention for reproducible documents: whole seconds since 1970-01-01 UTC)."""
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC)
    try:
        if not epoch.isdigit():
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        shown = epoch if len(epoch) <= 40 else epoch[:40] + "…"
        raise BadInput(
            Msg("SOURCE_DATE_EPOCH={shown}: not a date roi-sim can use; give whole seconds since 1970-01-01 UTC (up to 253402300799, the end of year 9999), or unset it", shown=shown)
        ) from None


def wrote(path: object, lang: str = "en", after: str = "") -> str:
    """The stderr line after a file is written, in the output's language (issue 10.5)."""
    return f"roi-sim: {path} geschreven{after}\n" if lang == "nl" else f"roi-sim: wrote {path}{after}\n"
