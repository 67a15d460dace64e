"""Settings of a solve that most callers leave alone: where the work runs, how it is watched and
stopped, and the engine's internal thresholds. The user's own choices (time limit, iterations,
seed) are :func:`wasteopt.solve`'s keywords."""

from __future__ import annotations

import threading
from concurrent.futures import Executor
from dataclasses import dataclass

from wasteopt.network.travel import TravelNetwork
from wasteopt.plan.models import Plan
from wasteopt.solve.budget import ProgressCallback


@dataclass(frozen=True)
class SolveOptions:
    """How a solve runs, beyond its budget and seed.

    - ``executor``: where the regions of a large district are routed (default: a process pool on
      every core; an inline executor, a process pool or a Dask client's executor give the same plan);
    - ``progress``: called with (seconds elapsed, best cost so far in yuan) about twice a second;
    - ``interrupt``: an event that, once set (Ctrl-C), stops the search; the best plan so far is
      finished and returned within seconds;
    - ``network``: the travel network, when the caller has built it already (default: from the
      scenario);
    - ``started``: a ``time.monotonic()`` reading from which the time limit counts, so a caller's
      own preparation (loading the scenario) counts against it (default: the call to solve);
    - ``decompose_above``: servable rooms above which the district is routed by regions (default:
      :data:`wasteopt.solve.decompose.coordinate.DECOMPOSE_ABOVE`; 0 forces regions, a huge value
      forbids them);
    - ``start_from``: an earlier plan to re-plan from (:mod:`wasteopt.solve.previous`): its routes,
      repaired where the scenario no longer allows them, start the search, and trucks keep their ids;
    - ``stability``: with ``start_from``, yuan per room moved to another truck that a re-plan must
      save to replace the (repaired) earlier routes (0: the cheaper plan wins);
    - ``keep_trucks``: with ``start_from``, the trucks whose earlier routes are kept exactly where
      the scenario still allows them; only the rest of the district is re-routed
      (:mod:`wasteopt.solve.kept`).
    """

    executor: Executor | None = None
    progress: ProgressCallback | None = None
    interrupt: threading.Event | None = None
    network: TravelNetwork | None = None
    started: float | None = None
    decompose_above: int | None = None
    start_from: Plan | None = None
    stability: float = 0.0
    keep_trucks: frozenset[str] = frozenset()
