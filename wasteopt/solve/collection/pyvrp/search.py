"""Run PyVRP's iterated local search with penalties suited to our cost units.

``pyvrp.solve`` starts penalties at the midpoint of [min, max]. Our costs are in 1e-5 yuan, so the
default cap (1e5 per kg of overload or second of lateness, i.e. 1 yuan) can leave an overloaded route
cheaper than leaving a room out, while raising the cap also raises the midpoint start and makes the
search timid. So: PyVRP's default starting values, a much higher cap, and otherwise exactly the
same assembly of PyVRP's components as ``pyvrp.solve``.
"""

from __future__ import annotations

import pyvrp
from pyvrp.search import LocalSearch, PerturbationManager, compute_neighbours

MAX_PENALTY = 1e9
START_PENALTY = 5e4


def run_search(
    data: pyvrp.ProblemData,
    stop,
    seed: int,
    callbacks: pyvrp.IteratedLocalSearchCallbacks | None = None,
    initial: pyvrp.Solution | None = None,
    polish: bool = False,
) -> pyvrp.Result:
    """Best solution PyVRP finds before ``stop`` says enough, warm-started from ``initial`` if given
    (after a full local search of it with ``polish``; from a random one, always so, without)."""
    params = pyvrp.SolveParams(ils=pyvrp.IteratedLocalSearchParams(callbacks=callbacks))
    penalty_params = pyvrp.PenaltyParams(max_penalty=MAX_PENALTY)
    rng = pyvrp.RandomNumberGenerator(seed=seed)
    neighbours = compute_neighbours(data, params.neighbourhood)
    search = LocalSearch(data, rng, neighbours, PerturbationManager(params.perturbation))
    for operator in params.operators:
        if operator.supports(data):
            search.add_operator(operator(data))
    start = ([START_PENALTY] * data.num_load_dimensions, START_PENALTY, START_PENALTY)
    penalties = pyvrp.PenaltyManager(start, penalty_params)
    if initial is None or polish:
        start = pyvrp.Solution.make_random(data, rng) if initial is None else initial
        initial = search(start, penalties.max_cost_evaluator(), exhaustive=True)
    algorithm = pyvrp.IteratedLocalSearch(data, penalties, search, initial, params.ils)
    return algorithm.run(stop, collect_stats=False, display=False)
