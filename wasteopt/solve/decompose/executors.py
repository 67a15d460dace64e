"""Where the parts of a decomposed district run, and how the user's Ctrl-C reaches them.

Parts go through a ``concurrent.futures`` executor: the caller's (a Dask client's
``get_executor()`` works the same), else a process pool on all cores whose workers leave Ctrl-C to
the main process (:func:`executor_or_default`); :class:`InlineExecutor` runs them one by one in the
calling thread. An interrupt crosses process boundaries as a stop file (:func:`stop_file_for`,
:class:`StopFlag`), and reaches parts run inline in this process directly.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager


class InlineExecutor(Executor):
    """Runs each task at once in the calling thread: deterministic and cheap for small cases, and
    what a task that is itself running in a pool should use."""

    _max_workers = 1  # read by the decomposition to size its time slots: one task at a time

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: D102 - Executor's contract
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future


def worker_count(executor: Executor | None) -> int:
    """How many tasks an executor runs at once (``None``: the default pool, every core; a guess for
    foreign executors)."""
    if executor is None:
        return os.cpu_count() or 1
    return max(1, int(getattr(executor, "_max_workers", 0) or os.cpu_count() or 1))


@contextmanager
def executor_or_default(executor: Executor | None, abandon: Callable[[], bool] = lambda: False) -> Iterator[Executor]:
    """The caller's executor, or a process pool on all cores that is shut down afterwards — at once,
    its workers stopped, when ``abandon()`` says their work is no longer wanted (the user pressed
    Ctrl-C and the parts were finished here)."""
    if executor is not None:
        yield executor
        return
    pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, initializer=_ignore_ctrl_c)
    try:
        yield pool
    finally:
        if abandon():
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_ctrl_c() -> None:
    """Workers leave Ctrl-C to the main process, which stops handing out parts and keeps the best plan."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_IN_PROCESS: dict[str, threading.Event] = {}


@contextmanager
def stop_file_for(path: str, interrupt: threading.Event | None) -> Iterator[str]:
    """A stop file for parts: created by the caller on interrupt for parts in other processes, and
    tied to ``interrupt`` directly for parts run inline in this process."""
    if interrupt is not None:
        _IN_PROCESS[path] = interrupt
    try:
        yield path
    finally:
        _IN_PROCESS.pop(path, None)


class StopFlag:
    """An interrupt that crosses process boundaries: set once ``path`` exists. Parts run in other
    processes (a pool, or Dask workers on this machine), where the caller's ``threading.Event``
    cannot reach; a file can. Looked at no more than every 50 ms."""

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._seen = False
        self._next_look = 0.0

    def is_set(self) -> bool:
        if self._seen or self._path is None:
            return self._seen
        local = _IN_PROCESS.get(self._path)
        if local is not None and local.is_set():  # a part run inline, in the caller's own process
            self._seen = True
            return True
        now = time.monotonic()
        if now >= self._next_look:
            self._next_look = now + 0.05
            self._seen = os.path.exists(self._path)
        return self._seen
