"""Road networks from OpenStreetMap (issue 16): build time and memory, on-demand rows, plans on roads.

Synthetic road grids stand in for a county extract: a generated district (``wasteopt.scenario.generate``)
is covered by a grid of about ``--nodes`` nodes, written as ``.osm.pbf`` with pyosmium. Every 10th
row and column is a tertiary road, every 50th a secondary one; the other streets are unclassified
(70 %), residential (20 %, a quarter of them one-way) or tracks (10 %); 10 % of the street segments
are missing, so routes detour as on real roads. Three tables:

1. graph size: for each ``--nodes``, ``wasteopt network build``'s work for a district of ``--places``
   rooms, in its own process each (peak memory: the maximum resident set, Python and the imported
   libraries included, plus the largest worker's when ``--workers`` share large searches): the full build (read, graph, snap, Dijkstra from every place for each
   vehicle class, trees, files) and the on-demand build (graph and hub tables, as above 1,200 rooms),
   then one region's table on demand (``--region`` rooms nearest one room, with every hub);
2. places: the same for each ``--place-counts`` on the first graph size;
3. the scale target, measured whole: a district of ``--target-places`` on a ``--target-nodes`` grid,
   the on-demand build, then the tables of every region the engine's decomposition cuts (its own
   :func:`~wasteopt.solve.decompose.regions.cluster`, :data:`REGION_SIZE` rooms), each region's
   rooms to and from its rooms and every hub, for every vehicle class, regions shared among
   ``--workers`` processes as the regional solve shares them; the build and the regions each in
   their own process tree (as ``wasteopt network build`` and ``wasteopt plan`` run), with wall time
   and peak memory (all their processes' resident memory together, sampled);
4. plans: the district of ``--plan-rooms`` rooms planned with ``--iterations`` on roads (the build's
   matrix) and on haversine × 1.3: cost, km, trucks, validator verdict.

Each table's rows are printed as they finish.

Smallest case (a few seconds)::

    python benchmarks/road.py --nodes 10000 --places 100 --place-counts 100 --plan-rooms 10 --iterations 100

The issue's table::

    python benchmarks/road.py --nodes 10000 100000 500000 1000000 --places 1000 --place-counts 100 1000 5000 \
        --target-places 20000 --target-nodes 500000 --plan-rooms 200 --iterations 2000
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import osmium
import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import wasteopt  # noqa: E402
from benchmarks._common import completed, load_note, table, validated  # noqa: E402
from wasteopt.network.osm_build import build_network  # noqa: E402
from wasteopt.network.osm_files import MATRIX, ROADS, read_roads  # noqa: E402
from wasteopt.network.osm_network import RoadNetwork  # noqa: E402
from wasteopt.network.osm_profile import RoadProfile  # noqa: E402
from wasteopt.scenario.generate import generate  # noqa: E402
from wasteopt.solve.decompose.coordinate import REGION_SIZE  # noqa: E402
from wasteopt.solve.decompose.regions import cluster  # noqa: E402
from wasteopt.scenario.models import MatrixSource, Scenario, Travel  # noqa: E402

EARTH_M_PER_DEG = 111_195.0
MARGIN = 0.03


def district(rooms: int, seed: int) -> Scenario:
    """The generated district of ``rooms`` rooms (stations scale with rooms)."""
    return generate("zhangdian", rooms=rooms, stations=max(2, round(rooms * 13 / 940)), seed=seed)


def places_of(scenario: Scenario) -> list[tuple[str, float, float]]:
    return [(pid, float(p.lat), float(p.lon)) for pid, p in scenario.locations().items()]  # type: ignore[arg-type]


def write_grid(path: Path, places: list[tuple[str, float, float]], nodes: int, seed: int) -> tuple[int, float]:
    """A street grid of about ``nodes`` nodes over the places' box, as .osm.pbf; (nodes, spacing m)."""
    lat = np.array([p[1] for p in places])
    lon = np.array([p[2] for p in places])
    south, north = lat.min(), lat.max()
    west, east = lon.min(), lon.max()
    pad_lat, pad_lon = (north - south) * MARGIN + 1e-3, (east - west) * MARGIN + 1e-3
    south, north, west, east = south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon
    height = (north - south) * EARTH_M_PER_DEG
    width = (east - west) * EARTH_M_PER_DEG * math.cos(math.radians((north + south) / 2))
    spacing = math.sqrt(height * width / nodes)
    rows, cols = max(2, round(height / spacing) + 1), max(2, round(width / spacing) + 1)
    rng = np.random.default_rng(seed)
    path.unlink(missing_ok=True)
    writer = osmium.SimpleWriter(str(path))
    node_id = lambda r, c: r * cols + c + 1  # noqa: E731
    lats = np.linspace(south, north, rows)
    lons = np.linspace(west, east, cols)
    for r in range(rows):
        for c in range(cols):
            writer.add_node(osmium.osm.mutable.Node(id=node_id(r, c), location=(float(lons[c]), float(lats[r]))))
    way = 0
    for lines, length, along in ((rows, cols, True), (cols, rows, False)):
        for k in range(lines):
            tags = _street_tags(k, rng)
            keep = rng.random(length - 1) >= 0.1 if tags["highway"] not in ("tertiary", "secondary") else np.ones(length - 1, bool)
            run = [node_id(k, 0) if along else node_id(0, k)]
            for step in range(1, length):
                here = node_id(k, step) if along else node_id(step, k)
                if keep[step - 1]:
                    run.append(here)
                    continue
                way = _add_way(writer, way, run, tags)
                run = [here]
            way = _add_way(writer, way, run, tags)
    writer.close()
    return rows * cols, spacing


def _street_tags(k: int, rng: np.random.Generator) -> dict[str, str]:
    if k % 50 == 0:
        return {"highway": "secondary"}
    if k % 10 == 0:
        return {"highway": "tertiary"}
    draw = rng.random()
    if draw < 0.7:
        return {"highway": "unclassified"}
    if draw < 0.9:
        return {"highway": "residential", **({"oneway": "yes"} if rng.random() < 0.25 else {})}
    return {"highway": "track"}


def _add_way(writer: osmium.SimpleWriter, way: int, run: list[int], tags: dict[str, str]) -> int:
    if len(run) < 2:
        return way
    writer.add_way(osmium.osm.mutable.Way(id=way + 1, nodes=run, tags=tags))
    return way + 1


def measure_build(osm: str, places: list[tuple[str, float, float]], classes: list[int], out: str, workers: int) -> dict[str, float]:
    """In its own process: the full build (tables for every place); peak memory of it and its workers."""
    started = time.perf_counter()
    result = build_network(places, Path(osm), RoadProfile(), Path(out), classes, workers=workers)
    return {
        "nodes": result.nodes, "edges": result.edges, "joined": result.joined_edges, "build_s": time.perf_counter() - started,
        "peak_mib": _peak_mib(),
        "matrix_mb": (Path(out) / MATRIX).stat().st_size / 1e6, "roads_mb": (Path(out) / ROADS).stat().st_size / 1e6,
    }


def measure_on_demand(osm: str, places: list[tuple[str, float, float]], hubs: list[str], classes: list[int],
                      out: str, region: int, workers: int) -> dict[str, float]:
    """In its own process: the on-demand build (graph + hub tables), then a region's table among its
    ``region`` rooms nearest one room, as a decomposed plan would ask it; the process's peak memory."""
    started = time.perf_counter()
    build_network(places, Path(osm), RoadProfile(), Path(out), classes, full=False, hubs=hubs, workers=workers)
    build_s = time.perf_counter() - started
    network = RoadNetwork(_FakeScenario(places), read_roads(Path(out) / ROADS))  # type: ignore[arg-type]
    rooms = [p for p in places if p[0] not in set(hubs)]
    centre = np.array(rooms[0][1:])
    nearest = np.argsort(np.hypot(*(np.array([p[1:] for p in rooms]) - centre).T))[:region]
    ids = [rooms[k][0] for k in nearest]
    started = time.perf_counter()
    network.distance_m(ids, ids + hubs)
    network.duration_s(hubs, ids)
    region_s = time.perf_counter() - started
    return {"build_s": build_s, "region_s": region_s, "sources": network.dijkstra_runs, "rooms": len(ids),
            "peak_mib": _peak_mib()}


def _peak_mib() -> float:
    """This process's peak resident memory plus its largest worker's (an upper bound of the total)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + kids) / 1024


class _FakeScenario:
    """Just what :class:`RoadNetwork` reads of a scenario (ids and lat/lon, the travel settings)."""

    def __init__(self, places: list[tuple[str, float, float]]) -> None:
        self._places = {pid: _Place(lat, lon) for pid, lat, lon in places}
        self.travel = Travel()

    def locations(self) -> dict[str, "_Place"]:
        return self._places


class _Place:
    def __init__(self, lat: float, lon: float) -> None:
        self.lat, self.lon, self.is_geographic = lat, lon, True


def in_process(fn, *args):  # type: ignore[no-untyped-def]
    """Run ``fn`` in a fresh spawned process (its own peak memory)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def build_row(work: Path, nodes: int, rooms: int, seed: int, region: int, workers: int) -> list[object]:
    scenario = district(rooms, seed)
    places = places_of(scenario)
    hubs = [pid for pid in scenario.locations() if pid not in {r.id for r in scenario.rooms}]
    osm = work / f"grid-{nodes}-{rooms}.osm.pbf"
    started = time.perf_counter()
    real_nodes, spacing = write_grid(osm, places, nodes, seed)
    write_s = time.perf_counter() - started
    classes = sorted({vt.vehicle_class for vt in scenario.fleet})
    full = in_process(measure_build, str(osm), places, classes, str(Path(tempfile.mkdtemp(prefix="full-", dir=work))), workers)
    lazy = in_process(measure_on_demand, str(osm), places, hubs, classes, str(Path(tempfile.mkdtemp(prefix="lazy-", dir=work))),
                      region, workers)
    per_source = lazy["region_s"] / max(lazy["sources"], 1)
    return [f"{real_nodes:,}", f"{full['edges']:,}", f"{full['joined']:,}", f"{spacing:.0f}", len(places), f"{write_s:.1f}", f"{full['build_s']:.1f}",
            f"{full['peak_mib']:.0f}", f"{full['matrix_mb']:.2f}", f"{full['roads_mb']:.1f}", len(hubs), f"{lazy['build_s']:.1f}",
            f"{lazy['peak_mib']:.0f}", f"{lazy['rooms']}", f"{per_source * 1000:.1f}"]


BUILD_HEADERS = ["graph nodes", "edges", "edges joined", "spacing m", "places", "write .pbf s", "full build s", "full peak MiB", "matrix MB",
                 "roads MB", "hubs", "on-demand build s", "on-demand peak MiB", "region rooms", "ms per room source"]


def target_build(osm: str, places: list[tuple[str, float, float]], hubs: list[str], classes: list[int], out: str,
                 workers: int) -> float:
    """In its own process, as ``wasteopt network build`` runs: the on-demand build; its seconds."""
    started = time.perf_counter()
    build_network(places, Path(osm), RoadProfile(), Path(out), classes, full=False, hubs=hubs, workers=workers)
    return time.perf_counter() - started


def target_regions(out: str, places: list[tuple[str, float, float]], hubs: list[str], classes: list[int], workers: int,
                   seed: int) -> dict[str, float]:
    """In its own process, as a plan of the district asks them: the tables of every region of the
    engine's decomposition, regions shared among ``workers`` processes; seconds and Dijkstra runs."""
    hub_set = set(hubs)
    rooms = [p for p in places if p[0] not in hub_set]
    lat = np.array([p[1] for p in rooms])
    lon = np.array([p[2] for p in rooms])
    points = np.column_stack([lon * 111.2 * math.cos(math.radians(float(lat.mean()))), lat * 111.2])
    labels = cluster(points, REGION_SIZE, seed)
    regions = [[rooms[k][0] for k in np.flatnonzero(labels == c)] for c in range(int(labels.max()) + 1)]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_open_roads,
                             initargs=(out, places)) as pool:
        runs = list(pool.map(region_tables, regions, [hubs] * len(regions), [classes] * len(regions)))
    return {"regions": len(regions), "largest": max(map(len, regions)), "regions_s": time.perf_counter() - started,
            "runs": sum(runs)}


class TreePeak:
    """The largest total resident memory of this process's children and their descendants (sampled
    every 0.2 s while the ``with`` block runs): the real peak of work spread over processes."""

    def __enter__(self) -> "TreePeak":
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_mib = max(self.peak_mib, total / 2**20)


_ROADS: dict[str, object] = {}


def _open_roads(out: str, places: list[tuple[str, float, float]]) -> None:
    """A worker's road file and place table, read once."""
    _ROADS["roads"] = read_roads(Path(out) / ROADS)
    _ROADS["scenario"] = _FakeScenario(places)


def region_tables(region: list[str], hubs: list[str], classes: list[int]) -> int:
    """A region's tables as its router asks them, for every class: its rooms to its rooms and every
    hub, every hub to its rooms (metres and seconds); the Dijkstra runs it took."""
    runs = 0
    for vehicle_class in classes:
        network = RoadNetwork(_ROADS["scenario"], _ROADS["roads"], vehicle_class)  # type: ignore[arg-type]
        network.distance_m(region, region + hubs)
        network.duration_s(region, region + hubs)
        network.distance_m(hubs, region)
        network.duration_s(hubs, region)
        runs += network.dijkstra_runs
    return runs


def target_row(work: Path, nodes: int, rooms: int, seed: int, workers: int) -> list[object]:
    scenario = district(rooms, seed)
    places = places_of(scenario)
    hubs = [pid for pid in scenario.locations() if pid not in {r.id for r in scenario.rooms}]
    osm = work / f"target-{nodes}-{rooms}.osm.pbf"
    real_nodes, spacing = write_grid(osm, places, nodes, seed)
    classes = sorted({vt.vehicle_class for vt in scenario.fleet})
    out = str(Path(tempfile.mkdtemp(prefix="target-", dir=work)))
    with TreePeak() as build_peak:
        build_s = in_process(target_build, str(osm), places, hubs, classes, out, workers)
    with TreePeak() as region_peak:
        done = in_process(target_regions, out, places, hubs, classes, workers, seed)
    total = build_s + done["regions_s"]
    return [f"{real_nodes:,}", f"{spacing:.0f}", len(places), len(hubs), len(classes), f"{build_s:.1f}", f"{build_peak.peak_mib:,.0f}",
            done["regions"], done["largest"], f"{done['runs']:,}", f"{done['regions_s']:.1f}", f"{region_peak.peak_mib:,.0f}",
            f"{total:.1f}", f"{total / 60:.1f}", f"{max(build_peak.peak_mib, region_peak.peak_mib) / 1024:.2f}"]


TARGET_HEADERS = ["graph nodes", "spacing m", "places", "hubs", "classes", "on-demand build s", "build peak MiB (all processes)",
                  "regions", "largest region", "Dijkstra runs", "region tables s", "regions peak MiB (all processes)",
                  "total s", "total min", "peak GiB"]


def print_table(headers: list[str], rows: Iterable[list[object]]) -> None:
    """A Markdown table, each row printed as soon as it is measured."""
    print(table(headers, []), flush=True)
    for row in rows:
        print(table(headers, [row]).splitlines()[-1], flush=True)


def plan_rows(work: Path, nodes: int, rooms: int, iterations: int, seed: int) -> Iterable[list[object]]:
    scenario = district(rooms, seed)
    osm = work / f"plan-grid-{nodes}.osm.pbf"
    write_grid(osm, places_of(scenario), nodes, seed)
    out = Path(tempfile.mkdtemp(prefix="plan-roads-", dir=work))
    build_network(places_of(scenario), osm, RoadProfile(), out, sorted({vt.vehicle_class for vt in scenario.fleet}))
    on_roads = scenario.model_copy(update={"travel": Travel(model="matrix", matrix=MatrixSource(file=str(out / MATRIX)))})
    for name, case in (("haversine × 1.3", scenario), ("roads (grid)", on_roads)):
        started = time.perf_counter()
        plan = wasteopt.solve(case, iterations=iterations, seed=seed)
        seconds = time.perf_counter() - started
        yield [name, len(case.rooms), iterations, f"{plan.kpis['cost']:,.0f}", f"{plan.kpis['distance_km']:.1f}",
               plan.kpis["vehicles_used"], f"{seconds:.1f}", validated(case, plan), completed(case, plan)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--places", type=int, default=100, help="Rooms of the district for the graph-size table.")
    parser.add_argument("--place-counts", type=int, nargs="*", default=[100], help="Rooms for the places table.")
    parser.add_argument("--region", type=int, default=600, help="Rooms of the region whose table is timed on demand.")
    parser.add_argument("--workers", type=int, default=2, help="Processes for the builds' large searches.")
    parser.add_argument("--target-places", type=int, default=0, help="Places of the scale target's district (0: skip it).")
    parser.add_argument("--target-nodes", type=int, default=500_000, help="Nodes of the scale target's grid.")
    parser.add_argument("--plan-rooms", type=int, default=10, help="Rooms of the planned district (0: skip the plans).")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="Folder for the grids and builds (default: a temporary one).")
    args = parser.parse_args()
    print(load_note())
    with tempfile.TemporaryDirectory(prefix="road-bench-") as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        print("\n## Build against graph size\n")
        print_table(BUILD_HEADERS, (build_row(work, n, args.places, args.seed, args.region, args.workers) for n in args.nodes))
        if args.place_counts:
            print(f"\n## Build against places ({args.nodes[0]:,}-node grid)\n")
            print_table(BUILD_HEADERS, (build_row(work, args.nodes[0], r, args.seed, args.region, args.workers) for r in args.place_counts))
        if args.target_places:
            print(f"\n## Scale target: {args.target_places:,} places, {args.target_nodes:,}-node grid, by regions on {args.workers} processes\n")
            print_table(TARGET_HEADERS, [target_row(work, args.target_nodes, args.target_places, args.seed, args.workers)])
        if args.plan_rooms:
            print(f"\n## Plans on roads against haversine × 1.3 ({args.nodes[0]:,}-node grid)\n")
            print_table(["travel", "rooms", "iterations", "cost", "km", "trucks", "plan s", "valid", "complete"],
                        plan_rows(work, args.nodes[0], args.plan_rooms, args.iterations, args.seed))
    print(load_note())


if __name__ == "__main__":
    main()
