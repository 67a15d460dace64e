"""Both cores on one district below the decomposition threshold (issue 14, part 2): which wins?

A generated district of ``--rooms`` rooms (below ``DECOMPOSE_ABOVE``) planned at each ``--limits``
and ``--seeds`` three ways, one run at a time:

- ``one search``: a single PyVRP search in the planning process (one core);
- ``shared``: the default from ``SHARE_CORES_FROM_S``: the district as one region searched on every
  core, independent searches first, then their best re-solved with a new seed beside a try with
  one truck fewer;
- ``two regions``: the district cut into two regions routed in parallel, then re-solved as a pair
  (the path above the threshold, forced).

    python benchmarks/cores.py --rooms 600 --limits 30 60 --seeds 0 1 2
"""

from __future__ import annotations

import argparse
import functools
import math
import statistics
import time

from _common import completed, load_note, sized, table, validated
from wasteopt.solve import engine
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions

MODES = ("one search", "shared", "two regions")


def plan_with(mode: str, scenario, limit: float, seed: int):  # type: ignore[no-untyped-def]
    """One plan of ``scenario`` by ``mode``, and its wall seconds."""
    share, route, above = engine.SHARE_CORES, engine.route_decomposed, None
    try:
        engine.SHARE_CORES = mode == "shared"
        if mode == "two regions":
            above = 0
            engine.route_decomposed = functools.partial(route, region_size=math.ceil(len(scenario.rooms) / 2))
        started = time.monotonic()
        plan = solve(scenario, time_limit=limit, seed=seed, options=SolveOptions(decompose_above=above))
        return plan, time.monotonic() - started
    finally:
        engine.SHARE_CORES, engine.route_decomposed = share, route


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=600)
    parser.add_argument("--stations", type=int, default=0, help="stations (default: Zhangdian's ratio)")
    parser.add_argument("--limits", type=float, nargs="+", default=[60])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    args = parser.parse_args()
    scenario, source = sized(args.rooms, args.stations or max(2, round(args.rooms * 13 / 940)))
    print(f"# {source}: {len(scenario.rooms)} rooms — {load_note()}")
    rows, costs = [], {}
    for limit in args.limits:
        for seed in args.seeds:
            for mode in args.modes:
                plan, wall = plan_with(mode, scenario, limit, seed)
                k = plan.kpis
                costs.setdefault((limit, mode), []).append(k["collection_cost"])
                rows.append([f"{limit:.0f}", seed, mode, f"{k['collection_cost']:,.2f}", f"{k['distance_km']:.1f}",
                             k["vehicles_used"], f"{wall:.1f}", validated(scenario, plan), completed(scenario, plan)])
    print(table(["limit s", "seed", "mode", "collection cost", "km", "trucks", "wall s", "valid", "complete"], rows))
    print(table(["limit s", "mode", "median collection cost", "min", "max"],
                [[f"{limit:.0f}", mode, f"{statistics.median(c):,.2f}", f"{min(c):,.2f}", f"{max(c):,.2f}"]
                 for (limit, mode), c in costs.items()]))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
