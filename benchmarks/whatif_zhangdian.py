"""What-if studies on Zhangdian: time per variant, and how well the site estimate ranks selections.

    python benchmarks/whatif_zhangdian.py [--iterations 1000 | --time-limit 60] [--top 4] [--workers 2]

1. ``compare``: the base and the scenario's variants (plus ``close:S03``), each planned with the same
   time limit in a process pool; prints per plan the engine time, cost, km, unserved, validity.
   The base is also planned with two more seeds: the spread of its cost is the engine's run-to-run
   noise at this budget, the yardstick for every difference below.
2. ``site`` for K = 1 and K = 2: the facility-location model's best ``--top`` selections re-planned in
   full; prints per selection the estimated and actual daily cost (full chain + annualised build
   cost), both ranks, and the Spearman / Kendall agreement. The base plan of step 1 is reused.
"""

from __future__ import annotations

import argparse

from _common import load_note, table, timed, validated, zhangdian

from wasteopt.whatif.compare import compare
from wasteopt.whatif.executors import make_executor
from wasteopt.whatif.site import site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, help="seconds per full plan")
    parser.add_argument("--iterations", type=int, help="search iterations per full plan (default 1000 without --time-limit)")
    parser.add_argument("--top", type=int, default=4, help="selections re-planned per K")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.time_limit is None and args.iterations is None:
        args.iterations = 1000
    budget = {"time_limit": args.time_limit, "iterations": args.iterations, "seed": args.seed}
    scenario, source = zhangdian()
    print(f"scenario: {source}; {len(scenario.rooms)} rooms; {load_note()}")
    limit = f"{args.time_limit:g} s" if args.time_limit else f"{args.iterations} iterations"
    print(f"budget: {limit} per plan, seed {args.seed}, {args.workers} worker processes\n")
    executor = make_executor(None, args.workers)
    try:
        variants = [*scenario.variants, "close:S03"]
        comparison, wall = timed(compare, scenario, variants, executor=executor, **budget)
        print(f"## compare: {len(comparison.outcomes)} plans in {wall:.0f} s wall\n")
        rows = [[o.name, o.plan.solver.get("elapsed_s"), f"{o.kpis['cost']:.2f}", f"{o.kpis['distance_km']:.1f}",
                 o.kpis["trucks"], o.kpis["unserved"], len(o.kpis["errors"]), validated(o.scenario, o.plan)]
                for o in comparison.outcomes]
        print(table(["plan", "engine s", "cost/day", "collection km", "trucks", "unserved", "errors", "valid"], rows),
              "\n")
        noise = _seed_spread(scenario, executor, budget, [args.seed, args.seed + 1, args.seed + 2],
                             comparison.base.plan)
        print("## engine noise: base cost/day by seed: " + ", ".join(f"seed {s}: {c:.2f}" for s, c in noise)
              + f"; spread {max(c for _, c in noise) - min(c for _, c in noise):.2f}\n")
        for k in (1, 2):
            result, wall = timed(site, scenario, k, executor=executor, top=args.top,
                                 base_plan=comparison.base.plan, **budget)
            a, cal = result.agreement, result.calibration
            print(f"## site --open {k}: {wall:.0f} s wall (base plan reused); alpha {cal['alpha']:.3f}, "
                  f"{cal['units']} village units; Spearman {a['spearman']}, Kendall {a['kendall']} (n={a['n']})\n")
            rows = [[",".join(c.sites), f"{c.estimated_cost:.2f}", f"{c.full_cost:.2f}",
                     f"{c.full_cost - c.estimated_cost:+.2f}", c.estimate_rank, c.rank,
                     f"{c.saving_per_day:.2f}", c.payback_years, c.kpis["trucks"], len(c.kpis["errors"]),
                     c.plan.solver.get("elapsed_s"), validated(_varied(scenario, c.plan), c.plan)] for c in result.choices]
            print(table(["sites", "estimate/day", "actual/day", "actual − est.", "est. rank", "actual rank",
                         "saving/day", "payback y", "trucks", "errors", "engine s", "valid"], rows), "\n")
    finally:
        executor.shutdown(wait=True)


def _seed_spread(scenario, executor, budget, seeds, first_plan):
    """The base plan's cost for each seed (the first seed's plan is already made)."""
    from wasteopt.whatif.tasks import Budget, plan_task

    futures = {s: executor.submit(plan_task, scenario, [], Budget(budget["time_limit"], budget["iterations"], s))
               for s in seeds[1:]}
    costs = [(seeds[0], first_plan.kpis["cost"])]
    return costs + [(s, f.result().kpis["cost"]) for s, f in futures.items()]


def _varied(scenario, plan):
    from wasteopt.whatif.variants import apply_variants

    return apply_variants(scenario, plan.variant)


if __name__ == "__main__":
    main()
