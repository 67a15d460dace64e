"""The facility-location solves of ``wasteopt site``: time and optimality at twice ``--top``.

``site`` asks CP-SAT for up to 2 × ``--top`` selections (the best ``--top`` and the near-ties after
them), sharing ``--model-time-limit`` between the solves. This measures, for the route estimate and
the stem one, how long the solves take together and whether each was proved optimal within its
share, on Zhangdian or a generated district (``--rooms``)::

    python benchmarks/site_model.py                 # Zhangdian, k = 1, 2, 3 (≈ 1 min)
    python benchmarks/site_model.py --rooms 3000    # generated, 32 candidates (≈ 4 min)
"""

from __future__ import annotations

import argparse
import time

from _common import load_note, table, zhangdian

from wasteopt.solve.engine import solve
from wasteopt.whatif.location import best_selections
from wasteopt.whatif.site import _base_problem, _calibrate, _candidates, _route_problem, build_cost_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rooms", type=int, help="a generated district of this many rooms instead of Zhangdian")
    parser.add_argument("--iterations", type=int, default=200, help="search iterations of the base plan")
    parser.add_argument("--top", type=int, default=3, help="site's --top (the solves ask for twice as many)")
    parser.add_argument("--open", type=int, nargs="+", default=[1, 2, 3], help="values of k (sites to open)")
    parser.add_argument("--model-time-limit", type=float, default=60.0)
    args = parser.parse_args()
    if args.rooms is None:
        scenario, source = zhangdian()
    else:
        from wasteopt.scenario.generate import generate

        scenario, source = generate("zhangdian", rooms=args.rooms, seed=7), f"generate('zhangdian', rooms={args.rooms}, seed=7)"
    print(f"scenario: {source}; {len(scenario.rooms)} rooms; {load_note()}")
    plan = solve(scenario, iterations=args.iterations, seed=1)
    sites = _candidates(scenario, None, 1, scenario.name)
    routes, _ = _route_problem(scenario, plan, sites)
    costs = build_cost_model(scenario, sites)
    stem = _base_problem(costs, _calibrate(costs, plan)[0])
    print(f"candidates {len(sites)}; units: routes {len(routes.demand_kg)}, stem {len(stem.demand_kg)}; "
          f"{2 * args.top} selections sharing {args.model_time_limit:g} s\n")
    rows = []
    for k in args.open:
        row: list = [k]
        for problem in (routes, stem):
            started = time.monotonic()
            found = best_selections(problem, k, top=2 * args.top, time_limit=args.model_time_limit, seed=1)
            row += [f"{time.monotonic() - started:.1f}", f"{sum(s.optimal for s in found)}/{len(found)}"]
        rows.append(row)
    print(table(["k", "routes s", "routes optimal", "stem s", "stem optimal"], rows))
    print(f"\n{load_note()}")


if __name__ == "__main__":
    main()
