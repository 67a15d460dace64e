"""Ctrl-C that ends a command early: one line on stderr and exit status 130, never a traceback.

It lives apart from :mod:`wasteopt.cli` because the package's own ``__init__`` loads the engines
(seconds of CPU) before the command line's code runs, and a Ctrl-C then must end the same way. It
imports nothing of wasteopt's, so it is loaded first.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell reports for a program stopped by Ctrl-C."""
ABORT_LINE = "interrupted (Ctrl-C): aborted; nothing further was written"


def caused_by_ctrl_c(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt is ``error`` or among its causes (a C extension's import
    interrupted by Ctrl-C fails with ImportError)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def abort(*, loading: bool = False) -> NoReturn:
    """The one line on stderr and exit status 130; a second Ctrl-C meanwhile is ignored. While the
    modules load (``loading``) nothing has started that needs tidying, and the process ends at once:
    unwinding an interrupted import can meet a second Ctrl-C still pending."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.stderr.isatty():
        print(file=sys.stderr)  # end the live line or the echoed ^C
    print(ABORT_LINE, file=sys.stderr, flush=True)
    if loading:
        os._exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_INTERRUPTED)


def guard_loading() -> None:
    """In the command line, make Ctrl-C end the process at once (the one line, 130) until
    :func:`loaded`: a KeyboardInterrupt raised inside an import may be swallowed by a third-party
    module's ``except ImportError`` or end in a traceback; a handler that exits cannot."""
    if started_from_the_command_line():
        signal.signal(signal.SIGINT, lambda signum, frame: abort(loading=True))


def loaded() -> None:
    """Everything is loaded: Ctrl-C raises KeyboardInterrupt again, for the commands to handle."""
    if started_from_the_command_line():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def started_from_the_command_line() -> bool:
    """Whether this process is the ``wasteopt`` command (or ``python -m wasteopt.cli``, whose
    ``sys.argv[0]`` is ``-m`` while the package loads) and not one of its worker processes (a
    spawned worker inherits the command's ``sys.argv``): only then is Ctrl-C while loading turned
    into :func:`abort`; a library caller gets its KeyboardInterrupt as usual."""
    is_command = bool(sys.argv) and Path(sys.argv[0]).name in {"wasteopt", "-m"}
    return is_command and multiprocessing.parent_process() is None
