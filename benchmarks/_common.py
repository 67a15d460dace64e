"""Shared helpers of the benchmarks: scenarios, peak memory, tables, validation.

Benchmarks are scripts, not tests: they measure (wall time, memory, cost) and print tables.
Scenarios come from the project's generator (``wasteopt.scenario.generate``) when it is present;
otherwise from :func:`synthetic`, a fixed recipe close to the one the issue measured (clustered
villages, 13 stations per 940 rooms, 3 garages, 2.5 t trucks, 8 h shifts), whose district area grows
with the number of rooms so that density — and so km per room — stays the same.
"""

from __future__ import annotations

import math
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from wasteopt.scenario.models import Garage, Room, Scenario, Station, Travel, VehicleType  # noqa: E402

CENTRE = (36.80, 118.05)
KM_PER_DEG_LAT = 111.2


def zhangdian(seed: int = 0) -> tuple[Scenario, str]:
    """The shipped Zhangdian scenario if present, else the generator's, else the synthetic recipe."""
    path = ROOT / "scenarios" / "zhangdian" / "scenario.yaml"
    if path.exists():
        from wasteopt.scenario.loader import load_scenario

        return load_scenario(path), str(path.relative_to(ROOT))
    try:
        from wasteopt.scenario.generate import generate

        return generate("zhangdian", seed=seed), f"generate('zhangdian', seed={seed})"
    except ImportError:
        return synthetic(940, 13, seed=seed), f"synthetic(940, 13, seed={seed})"


def sized(rooms: int, stations: int, seed: int = 0) -> tuple[Scenario, str]:
    """A generated district of ``rooms`` rooms and ``stations`` stations."""
    try:
        from wasteopt.scenario.generate import generate

        return generate(rooms=rooms, stations=stations, seed=seed), f"generate(rooms={rooms}, stations={stations})"
    except ImportError:
        return synthetic(rooms, stations, seed=seed), f"synthetic({rooms}, {stations})"


def synthetic(rooms: int, stations: int, seed: int = 0, garages: int | None = None) -> Scenario:
    """A clustered rural district at Zhangdian's density (940 rooms on 360 km²)."""
    rng = np.random.default_rng(seed)
    side_km = math.sqrt(360.0 * rooms / 940)
    garages = garages or max(3, round(3 * rooms / 940))
    villages = max(1, rooms // 12)
    centres = rng.uniform(0, side_km, size=(villages, 2))
    which = rng.integers(0, villages, size=rooms)
    xy = np.clip(centres[which] + rng.normal(0, 0.6, size=(rooms, 2)), 0, side_km)

    def latlon(p: np.ndarray) -> dict:
        lat = CENTRE[0] + (p[1] - side_km / 2) / KM_PER_DEG_LAT
        lon = CENTRE[1] + (p[0] - side_km / 2) / (KM_PER_DEG_LAT * math.cos(math.radians(CENTRE[0])))
        return {"lat": round(float(lat), 6), "lon": round(float(lon), 6)}

    waste = np.clip(rng.lognormal(math.log(80), 0.4, size=rooms), 15, 400)
    room_list = [Room(id=f"R{k + 1:05d}", waste_kg_per_day=round(float(waste[k]), 1), service_min=4.0, **latlon(xy[k])) for k in range(rooms)]
    from scipy.cluster.vq import kmeans2

    site_xy, _ = kmeans2(xy, stations, seed=seed, minit="++")
    total_t = waste.sum() / 1000
    cap = round(1.4 * total_t / stations, 1)
    station_list = [Station(id=f"S{k + 1:03d}", capacity_t_per_day=cap, open=6 * 3600, close=18 * 3600, unload_min=10.0, **latlon(site_xy[k])) for k in range(stations)]
    garage_xy, _ = kmeans2(xy, garages, seed=seed + 1, minit="++")
    garage_list = [Garage(id=f"G{k + 1:02d}", **latlon(garage_xy[k])) for k in range(garages)]
    per_garage = math.ceil(1.6 * rooms / 940 * 30 / garages)
    fleet = [
        VehicleType(
            id=f"T{k + 1:02d}", count=per_garage, garage=g.id, capacity_kg=2500, shift_start=6 * 3600, shift_end=14 * 3600,
            fixed_cost=100.0, cost_per_km=1.0, speed_kmh=30.0,
        )
        for k, g in enumerate(garage_list)
    ]
    return Scenario(
        name=f"synthetic-{rooms}", rooms=room_list, stations=station_list, garages=garage_list, fleet=fleet,
        travel=Travel(model="haversine", circuity=1.3, speed_kmh=30.0),
    )


def peak_rss_mib() -> float:
    """Peak resident memory of this process and of its finished children, MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def timed(fn: Callable, *args, **kwargs):
    """Result of ``fn`` and its wall time in seconds."""
    start = time.monotonic()
    out = fn(*args, **kwargs)
    return out, time.monotonic() - start


def validated(scenario: Scenario, plan) -> str:
    """'yes', or the number of violations and the first rule codes."""
    from wasteopt.plan.validate import validate

    violations = validate(scenario, plan)
    if not violations:
        return "yes"
    rules = sorted({v.rule for v in violations})
    return f"no ({len(violations)}: {', '.join(rules[:3])})"


def completed(scenario: Scenario, plan) -> str:
    """'yes' when every room is served and every kilogram hauled to a plant, else what is missing."""
    from wasteopt.plan.validate import shortfall

    missing = shortfall(scenario, plan)
    return "yes" if not missing else f"no ({missing})"


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    text = [[str(c) for c in row] for row in rows]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in text]
    return "\n".join(lines)


def load_note() -> str:
    """The machine's load average, for the record (2 cores shared with other work)."""
    import os

    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} (1 min) / {five:.2f} (5 min)"
