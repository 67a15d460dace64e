"""The shipped Zhangdian scenario planned at several wall-clock limits and seeds.

The default path for 940 rooms is one search of the whole district, on both cores under a time limit
of 20 s or more (``DECOMPOSE_ABOVE`` = 1,200). ``--decomposed`` also plans by regions at the limits
given, so the two paths can be compared at the same budget; ``--whole`` forces the whole-district
path (here the default already). ``--lunch`` also plans each run with a 60-minute lunch for every
crew, starting 11:00–13:00 (issue 13), and prints what the lunch costs. ``--generated N`` plans a
generated district of N rooms (generator seed 1) instead of Zhangdian. Each limit's median and
spread over its seeds close the table.

    python benchmarks/plan_zhangdian.py --limits 10 60 600 --seeds 0 1 2 3 4 --long-seeds 5 --decomposed 60
    python benchmarks/plan_zhangdian.py --limits 60 --seeds 1 --whole --lunch
    python benchmarks/plan_zhangdian.py --generated 3000 --limits 120 1200 --seeds 0 1 2 3 4 --long-seeds 1
"""

from __future__ import annotations

import argparse
import statistics
import time

from _common import completed, load_note, table, validated, zhangdian
from wasteopt.scenario.generate import generate
from wasteopt.scenario.models import Break, Scenario
from wasteopt.solve.engine import solve
from wasteopt.solve.options import SolveOptions

LUNCH = Break(duration_min=60, earliest="11:00", latest="13:00")


def with_lunch(scenario: Scenario) -> Scenario:
    """Every crew takes a 60-minute lunch starting between 11:00 and 13:00."""
    return scenario.model_copy(update={"fleet": [vt.model_copy(update={"breaks": (LUNCH,)}) for vt in scenario.fleet]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[10, 60, 300])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--long-seeds", type=int, default=1, help="seeds to run at limits of 300 s or more")
    parser.add_argument("--decomposed", type=float, nargs="*", default=[], help="limits to run with regions forced too")
    parser.add_argument("--whole", type=float, nargs="*", default=[], help="limits to run as one whole-district model too")
    parser.add_argument("--lunch", action="store_true", help="plan every run with a lunch for every crew too")
    parser.add_argument("--generated", type=int, default=None, metavar="ROOMS", help="plan a generated district of this many rooms")
    args = parser.parse_args()
    if args.generated:
        scenario, source = generate(rooms=args.generated, seed=1), "generated, seed 1"
    else:
        scenario, source = zhangdian()
    print(f"# {'District' if args.generated else 'Zhangdian'} ({source}: {len(scenario.rooms)} rooms) — {load_note()}")
    runs = [(limit, seed, None) for limit in args.limits for seed in (args.seeds[: args.long_seeds] if limit >= 300 else args.seeds)]
    runs += [(limit, seed, 0) for limit in args.decomposed for seed in args.seeds]
    runs += [(limit, seed, 10**9) for limit in args.whole for seed in args.seeds]
    variants = [("no", scenario)] + ([("60 min", with_lunch(scenario))] if args.lunch else [])
    rows, costs = [], {}
    for (limit, seed, above), (lunch, planned) in ((run, variant) for run in runs for variant in variants):
        start = time.monotonic()
        plan = solve(planned, time_limit=limit, seed=seed, options=SolveOptions(decompose_above=above))
        wall = time.monotonic() - start
        k = plan.kpis
        costs[(limit, seed, above, lunch)] = k["collection_cost"]
        rows.append([
            f"{limit:.0f}", seed, lunch, "decomposed" if plan.solver.get("decomposed") else "whole", f"{k['collection_cost']:.2f}",
            f"{k['cost']:.2f}", f"{k['distance_km']:.1f}", k["vehicles_used"], plan.solver.get("trucks_trimmed", "-"), k["unload_trips"], len(plan.unserved),
            f"{wall:.1f}", f"{100 * (1 - plan.lower_bound.cost / k['collection_cost']):.0f} %", validated(planned, plan),
            completed(planned, plan),
        ])
    print(table(
        ["limit s", "seed", "lunch", "path", "collection cost", "chain cost", "km", "trucks", "trimmed", "unload trips", "unserved", "wall s",
         "gap to LB (cost)", "valid", "complete"],
        rows,
    ))
    for limit in args.limits:
        seen = [cost for (lim, _, above, lunch), cost in costs.items() if lim == limit and above is None and lunch == "no"]
        print(f"# {limit:.0f} s: median {statistics.median(seen):.2f} over {len(seen)} seeds, spread {100 * (max(seen) / min(seen) - 1):.1f} %")
    if args.lunch:
        extra = [costs[(*run, "60 min")] / costs[(*run, "no")] - 1 for run in runs]
        print(f"# the lunch costs {100 * statistics.median(extra):+.1f} % (median over {len(extra)} runs; "
              f"{100 * min(extra):+.1f} % to {100 * max(extra):+.1f} %)")
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
