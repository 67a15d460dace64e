"""Standard CVRP instances (Uchoa et al.'s X set) solved by the routing core the engine wraps.

Instances are read with the ``vrplib`` package from ``benchmarks/data/`` (X-n101-k25, X-n125-k30,
copied from a public instance collection; their optimal values, 27591 and 55539, are in the files'
COMMENT lines). They are solved by PyVRP directly (``pyvrp.solve``, the iterated local search our
engine wraps) rather than through a wasteopt scenario: a plain CVRP has no stations, shifts or
haul, so converting it would only add a reload-depot copy of the depot. Distances are rounded
Euclidean (``EUC_2D``), the X set's convention.

The literature's time limit for the X set (e.g. HGS-CVRP: n × 240 / 100 s) is 4–5 minutes per
instance here; on this shared 2-core machine we use ``--per-client`` seconds per customer (default
0.2 s, i.e. 20–25 s) and say so in the table.

    python benchmarks/vrplib.py --per-client 0.2 --seeds 0 1
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # this file is named like the package
import pyvrp  # noqa: E402
import vrplib as vrplib_reader  # noqa: E402
from pyvrp.stop import MaxRuntime  # noqa: E402

sys.path.append(str(HERE))
from _common import load_note, table  # noqa: E402

DATA = HERE / "data"


def best_known(path: Path) -> float | None:
    """The optimal / best-known value from a ``.sol`` beside the instance, else from its COMMENT."""
    sol = path.with_suffix(".sol")
    if sol.exists():
        return float(vrplib_reader.read_solution(str(sol))["cost"])
    comment = str(vrplib_reader.read_instance(str(path)).get("comment", ""))
    match = re.search(r"(?:Optimal value|Best value)\s*:\s*(\d+)", comment)
    return float(match.group(1)) if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-client", type=float, default=0.2, help="seconds per customer")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = parser.parse_args()
    print(f"# VRPLIB X set with PyVRP {version('pyvrp')} (iterated local search, called directly), {args.per_client} s per customer — {load_note()}")
    rows = []
    for path in sorted(DATA.glob("*.vrp")):
        data = pyvrp.read(str(path), round_func="round")
        bks = best_known(path)
        limit = args.per_client * data.num_clients
        for seed in args.seeds:
            start = time.monotonic()
            result = pyvrp.solve(data, stop=MaxRuntime(limit), seed=seed, display=False)
            wall = time.monotonic() - start
            cost = result.cost()
            gap = f"{100 * (cost / bks - 1):.2f} %" if bks else "-"
            rows.append([path.stem, data.num_clients, f"{limit:.0f}", seed, f"{cost:.0f}", f"{bks:.0f}" if bks else "-", gap,
                         result.best.num_routes(), "yes" if result.best.is_feasible() else "no", f"{wall:.1f}"])
    print(table(["instance", "customers", "limit s", "seed", "cost", "optimum / BKS", "gap", "routes", "feasible", "wall s"], rows))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
