"""Scaling series: generated districts of growing size, each solved once within a wall-clock limit.

Each size runs in a fresh process, so its peak memory is its own: the solving process's maximum
resident set and the largest of its worker processes (the default process pool) are reported, and
their sum with one worker per core as a safe upper bound of the machine's peak.

    python benchmarks/scaling.py                      # 940, 2000, 5000, 20000 rooms
    python benchmarks/scaling.py --sizes 940 5000 --limits 60 300
"""

from __future__ import annotations

import argparse
from collections import Counter
import json
import os
import resource
import subprocess
import sys
import time

from _common import completed, load_note, sized, table, validated

DEFAULT_SIZES = [940, 2000, 5000, 20000]
DEFAULT_LIMITS = [60, 120, 300, 600]
STATIONS_PER_ROOM = 13 / 940


def one(rooms: int, limit: float, seed: int) -> dict:
    """Solve one generated district and measure it (runs in its own process)."""
    from wasteopt.solve.engine import solve

    started = time.monotonic()
    scenario, source = sized(rooms, max(2, round(rooms * STATIONS_PER_ROOM)), seed=seed)
    made = time.monotonic() - started
    start = time.monotonic()
    plan = solve(scenario, time_limit=limit, seed=seed)
    wall = time.monotonic() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    served = plan.kpis["rooms_served"]
    return {
        "rooms": rooms,
        "source": source,
        "limit_s": limit,
        "wall_s": round(wall, 1),
        "generate_s": round(made, 1),
        "rss_mib": round(own),
        "worker_rss_mib": round(kids),
        "cost": plan.kpis["cost"],
        "collection_cost": plan.kpis.get("collection_cost", plan.kpis["cost"]),
        "km": plan.kpis["distance_km"],
        "trucks": plan.kpis["vehicles_used"],
        "served": served,
        "unserved": len(plan.unserved),
        "lb_km": plan.lower_bound.distance_km,
        "lb_cost": plan.lower_bound.cost,
        "decomposed": plan.solver.get("decomposed"),
        "valid": validated(scenario, plan),
        "complete": completed(scenario, plan),
        "phases": plan.solver.get("phases", {}),
        "unserved_why": dict(Counter(u.reason for u in plan.unserved).most_common()),
        "diagnostics": dict(Counter(f"{d.level}:{d.code}" for d in plan.diagnostics).most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--limits", type=float, nargs="+", default=DEFAULT_LIMITS, help="seconds, one per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.limit, args.seed)))
        return
    print(f"# scaling — {load_note()}")
    rows, notes = [], []
    for rooms, limit in zip(args.sizes, args.limits):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(rooms), "--limit", str(limit), "--seed", str(args.seed)],
            capture_output=True, text=True, check=False,
        )
        if out.returncode != 0:
            print(f"{rooms} rooms failed:\n{out.stderr[-2000:]}", file=sys.stderr)
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append([
            r["rooms"], f"{r['limit_s']:.0f}", r["wall_s"], f"{100 * r['wall_s'] / r['limit_s'] - 100:+.1f} %",
            f"{r['rss_mib']} + {os.cpu_count()}×{r['worker_rss_mib']}", f"{r['cost']:.0f}",
            f"{r['cost'] / max(1, r['served']):.2f}", f"{r['collection_cost'] / max(1, r['served']):.2f}", f"{r['km'] / max(1, r['served']):.3f}", r["trucks"], r["unserved"],
            f"{100 * (r['km'] / r['lb_km'] - 1):.0f} %", f"{100 * (r['collection_cost'] / r['lb_cost'] - 1):.0f} %",
            "yes" if r["decomposed"] else "no", r["valid"], r["complete"],
        ])
        notes.append(f"- {rooms} rooms: phases {r['phases']}; unserved by reason {r['unserved_why'] or '{}'}; diagnostics {r['diagnostics'] or '{}'}")
        print(f"  {rooms} rooms done ({r['source']}, generated in {r['generate_s']} s)", file=sys.stderr, flush=True)
    print(table(
        ["rooms", "limit s", "wall s", "over limit", "peak MiB (main + workers)", "chain cost", "chain cost/room", "collection cost/room", "km/room", "trucks",
         "unserved", "km gap to LB", "cost gap to LB", "decomposed", "valid", "complete"],
        rows,
    ))
    print("\n".join(notes))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
