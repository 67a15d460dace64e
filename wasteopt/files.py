"""Writing output files so that nothing is lost: atomically, with ordinary permissions.

Every file wasteopt writes (plans, reports, sheets, exports, comparisons, plots) goes through
:func:`write_atomic`: the bytes go to a temporary file next to the target, which is then renamed over
it, so a reader (or a crash, or Ctrl-C) never leaves half a file. The temporary file is created with
mode ``0o666`` and the kernel applies the umask, so the result has the permissions any other program
would give it (0644 under the usual umask 022) — unlike :func:`tempfile.mkstemp`, which makes 0600.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ORDINARY_MODE = 0o666
"""Mode asked for when creating a file; the process umask takes away from it, as for ``open()``."""


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text is encoded UTF-8, newlines kept as given) to ``path`` through a temporary
    file in the same folder and a rename; the folder is created if missing.

    An :class:`OSError` names ``path`` (not the temporary file) as its ``filename``, so the caller
    can tell the user which output could not be written; the temporary file is removed."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp, handle = _create_temporary(target)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(tmp, target)
    except OSError as error:
        _remove(tmp)
        raise type(error)(error.errno, error.strerror or str(error), str(target)) from error
    except BaseException:
        _remove(tmp)
        raise


def _create_temporary(target: Path) -> tuple[Path, int]:
    """A new hidden file next to ``target``, opened for writing, created with :data:`ORDINARY_MODE`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return tmp, os.open(tmp, flags, ORDINARY_MODE)
        except FileExistsError:
            continue


def _remove(tmp: Path | None) -> None:
    if tmp is not None:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
