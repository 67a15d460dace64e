"""Outputs checked before any work, and write failures as one line.

A user who points ``--out`` at a read-only folder should learn it in a second, not after a
60-second search whose plan is then lost. So every command that writes files calls
:func:`check_writable` on its outputs before it loads or plans anything: each folder is created if
missing and a probe file is written into it and removed; an output file that exists but is read-only,
or a path that is a folder where a file is expected, is refused. Folders the check created are
removed again, so a command that then fails on bad input leaves nothing behind (the writers create
them for real). Failures raise :class:`~wasteopt.commands.common.UnwritableOutput`: one line, exit status 2.

The check makes a failure at write time rare (a full disk still can), and :func:`writing` turns such
an :class:`OSError` into the same one line.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from wasteopt.commands.common import UnwritableOutput


def check_writable(files: Iterable[str | Path] = (), folders: Iterable[str | Path] = ()) -> None:
    """Raise :class:`UnwritableOutput` for the first of ``files`` (to be written) or ``folders`` (to be
    filled) that cannot be; the error names that file or folder and the reason."""
    checked: set[Path] = set()
    for folder in folders:
        _check_folder(Path(folder), Path(folder), checked)
    for file in files:
        path = Path(file)
        if path.is_dir():
            raise UnwritableOutput(str(path), os.strerror(errno.EISDIR))
        _check_folder(path.parent, path, checked)
        if path.exists() and not os.access(path, os.W_OK):
            raise UnwritableOutput(str(path), f"{os.strerror(errno.EACCES)} (read-only file)")


@contextmanager
def writing(default_path: str | Path) -> Iterator[None]:
    """Turn an :class:`OSError` raised while writing into :class:`UnwritableOutput` naming the file
    (the error's own file name when it has one, else ``default_path``)."""
    try:
        yield
    except OSError as error:
        path = error.filename if isinstance(error.filename, str) and error.filename else str(default_path)
        raise UnwritableOutput(path, error.strerror or str(error)) from None


def _check_folder(folder: Path, named: Path, checked: set[Path]) -> None:
    """Create ``folder`` if missing and write a probe file into it; ``named`` is what an error names."""
    folder = folder if str(folder) else Path(".")
    if folder in checked:
        return
    created: list[Path] = []
    try:
        _make_folders(folder, created)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".wasteopt-probe-", suffix=".tmp")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise UnwritableOutput(str(named), error.strerror or str(error)) from None
    finally:
        for made in reversed(created):
            try:
                made.rmdir()
            except OSError:
                pass
    checked.add(folder)


def _make_folders(folder: Path, created: list[Path]) -> None:
    """``mkdir -p folder``, recording each folder it made (outermost first)."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            if not candidate.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{candidate} is a file, not a folder", str(candidate))
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir()
        created.append(candidate)
