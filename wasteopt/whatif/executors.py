"""Where what-if tasks run: a local process pool, or an existing Dask distributed cluster.

Both are plain :class:`concurrent.futures.Executor` objects, so ``compare`` and ``site`` submit the
same picklable tasks (:mod:`wasteopt.whatif.tasks`) to either. The Dask path needs the ``cluster``
extra (``pip install "wasteopt[cluster]"``); it is imported only when a cluster address is given.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from wasteopt.scenario.errors import Problem, ScenarioError


def make_executor(cluster: str | None = None, workers: int | None = None) -> Executor:
    """An executor for what-if tasks.

    ``cluster`` is a Dask scheduler address (``tcp://host:8786``); without it, a process pool of
    ``workers`` processes (default: the machine's cores). Processes are started with ``spawn`` so
    no solver threads of the parent are forked into a child.
    """
    if cluster:
        return DaskExecutor(cluster)
    count = max(1, workers or os.cpu_count() or 1)
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))


class DaskExecutor(Executor):
    """``distributed.Client(address).get_executor()`` that also closes its client on shutdown."""

    def __init__(self, address: str, timeout: float = 30) -> None:
        try:  # lazy on purpose: Dask is optional (the ``cluster`` extra), needed only with --cluster
            from distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ScenarioError(
                [Problem("--cluster", None, "cluster", 'needs Dask distributed: pip install "wasteopt[cluster]"')]
            ) from error
        try:
            self._client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise ScenarioError([Problem("--cluster", None, "cluster", f"cannot reach {address}: {error}")]) from error
        self._executor = self._client.get_executor(pure=False)

    @property
    def client(self) -> Any:
        """The Dask client (e.g. for its dashboard link)."""
        return self._client

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run ``fn(*args, **kwargs)`` on a cluster worker."""
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop submitting and close the connection to the cluster (the cluster itself keeps running)."""
        self._executor.shutdown(wait=wait)
        self._client.close()
