"""Generate synthetic scenarios that follow the published scale of Zhangdian district (淄博市张店区).

Published (and reproduced by preset ``zhangdian``): 940 collection rooms, 13 compression transfer
stations, 12 towns and subdistricts, 22 rural communities, one treatment plant, about 81,900 rural
residents, a district of about 360 km² around 36.80°N 118.05°E. Everything else is synthetic and
seeded: positions, names, waste per room, station capacities, candidate sites, garages and fleet.

The recipe (all vectorised with numpy, so 100,000 rooms take seconds):

- the district is a square of the published area centred on the published point; ``--rooms N``
  grows the area with N so room density stays the same, and towns, communities, candidate sites,
  garages and trucks scale with N;
- towns sit on a jittered grid; villages are clusters of rooms (3–8 rooms; the rural communities
  larger, near town centres); each village belongs to the nearest town;
- waste comes from the village populations at ~1 kg per person per day;
- existing stations sit near town centres (extra ones, if asked for, where rooms are farthest from a
  station); each gets 1.3–1.6× the waste of the rooms nearest to it as daily capacity;
- candidate sites go where service is thinnest (farthest from any station, weighted by waste);
- the plant sits at the district's east edge; garages are spread over the towns; each garage gets
  small class-1 trucks (narrow lanes) and class-2 compactors, enough to carry 1.6× its daily waste in
  three trips per shift.

Same seed → same scenario → byte-identical files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from wasteopt.scenario.models import (
    Garage,
    HaulTruckType,
    Plant,
    Room,
    Scenario,
    Station,
    Travel,
    Variant,
    VehicleType,
)
from wasteopt.scenario.names import town_names, village_names

DEFAULT_SEED = 1
KM_PER_DEGREE = math.pi * 6371.0088 / 180.0
HOUR = 3600


@dataclass(frozen=True)
class Preset:
    """The published figures a preset reproduces (at its own number of rooms)."""

    name: str
    title: str
    lat: float
    lon: float
    area_km2: float
    rooms: int
    stations: int
    towns: int
    communities: int
    people: int
    candidates: int = 10
    garages: int = 3
    haul_trucks: int = 4


PRESETS = {
    "zhangdian": Preset(
        name="zhangdian", title="Zhangdian district (张店区, Zibo, Shandong)", lat=36.80, lon=118.05, area_km2=360.0, rooms=940, stations=13,
        towns=12, communities=22, people=81_900,
    )
}


@dataclass
class _Layout:
    """Intermediate arrays in km east/north of the district centre."""

    town_xy: np.ndarray
    room_xy: np.ndarray
    room_cluster: np.ndarray
    cluster_xy: np.ndarray
    cluster_town: np.ndarray
    cluster_is_community: np.ndarray
    waste_kg: np.ndarray


def generate(preset: str = "zhangdian", rooms: int | None = None, stations: int | None = None,
             seed: int = DEFAULT_SEED) -> Scenario:
    """A synthetic scenario following ``preset``, optionally scaled to ``rooms`` rooms and
    ``stations`` existing stations (defaults: the published counts, or scaled with ``rooms``)."""
    recipe = PRESETS[preset]
    n_rooms = recipe.rooms if rooms is None else int(rooms)
    if n_rooms < 1:
        raise ValueError("rooms must be at least 1")
    scale = n_rooms / recipe.rooms
    n_stations = max(1, round(recipe.stations * scale)) if stations is None else int(stations)
    if n_stations < 1:
        raise ValueError("stations must be at least 1")
    rng = np.random.default_rng(seed)
    half = math.sqrt(recipe.area_km2 * scale) / 2
    layout = _layout(recipe, n_rooms, scale, half, rng)
    towns = town_names(len(layout.town_xy), rng)
    villages = _cluster_names(layout, rng)
    room_list = _rooms(recipe, layout, towns, villages, rng)
    existing = _existing_stations(recipe, layout, towns, n_stations, rng)
    candidates = _candidate_sites(recipe, layout, villages, existing, max(1, round(recipe.candidates * scale)), rng)
    plant = _plant(recipe, layout, half, rng)
    garages = _garages(recipe, layout, towns, max(1, round(recipe.garages * scale)))
    fleet = _fleet(recipe, layout, garages)
    haul = _haul_fleet(recipe, garages, plant, max(1, math.ceil(recipe.haul_trucks * scale)))
    station_list = existing + candidates
    variants = {
        "new-station": Variant(description=f"open candidate site {candidates[0].id}", open=[candidates[0].id]),
        "repair": Variant(description=f"station {existing[0].id} closed for repair", close=[existing[0].id]),
    }
    label = recipe.name if rooms is None and stations is None else f"{recipe.name}-{n_rooms}"
    return Scenario(
        name=label,
        description=(
            f"Synthetic scenario following the published scale of {recipe.title}: {n_rooms} collection "
            f"rooms, {len(existing)} transfer stations; positions, names, waste and fleet are generated "
            f"(wasteopt generate {recipe.name} --rooms {n_rooms} --stations {n_stations} --seed {seed})."
        ),
        travel=Travel(model="haversine", circuity=1.3, speed_kmh=30.0),
        rooms=room_list,
        stations=station_list,
        plants=[plant],
        garages=garages,
        fleet=fleet,
        haul_fleet=[haul],
        variants=variants,
    )


def _layout(recipe: Preset, n_rooms: int, scale: float, half: float, rng: np.random.Generator) -> _Layout:
    """Towns, village clusters and rooms as km coordinates, and waste per room."""
    n_towns = max(1, round(recipe.towns * scale))
    town_xy = _jittered_grid(n_towns, half, rng)
    n_comm = min(n_rooms, max(1, round(recipe.communities * scale)))
    n_vill = max(0, min(n_rooms - n_comm, round((n_rooms - 13 * n_comm) / 5.2)))
    is_comm = np.r_[np.ones(n_comm, bool), np.zeros(n_vill, bool)]
    weights = np.where(is_comm, 3.0, 1.0)
    sizes = 1 + rng.multinomial(n_rooms - len(is_comm), weights / weights.sum())
    comm_xy = town_xy[np.arange(n_comm) % n_towns] + rng.normal(0.0, 1.2, (n_comm, 2))
    vill_xy = rng.uniform(-half, half, (n_vill, 2))
    cluster_xy = np.clip(np.vstack([comm_xy, vill_xy]), -half, half)
    cluster_town = cKDTree(town_xy).query(cluster_xy)[1]
    order = np.lexsort((np.arange(len(cluster_xy)), cluster_town))  # villages grouped by town
    cluster_xy, cluster_town, is_comm, sizes = cluster_xy[order], cluster_town[order], is_comm[order], sizes[order]
    room_cluster = np.repeat(np.arange(len(cluster_xy)), sizes)
    spread = np.where(is_comm, 0.4, 0.25)[room_cluster]
    room_xy = np.clip(cluster_xy[room_cluster] + rng.normal(0.0, 1.0, (n_rooms, 2)) * spread[:, None], -half, half)
    share = rng.lognormal(0.0, 0.35, n_rooms) * np.where(is_comm[room_cluster], 1.3, 1.0)
    people = share / share.sum() * recipe.people * scale
    per_person = rng.uniform(0.9, 1.1, len(cluster_xy))[room_cluster]
    waste = np.round(people * per_person, 1)
    return _Layout(town_xy, room_xy, room_cluster, cluster_xy, cluster_town, is_comm, waste)


def _jittered_grid(count: int, half: float, rng: np.random.Generator) -> np.ndarray:
    """``count`` points spread over the square: cells of a grid, each point jittered inside its cell."""
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    cells = np.sort(rng.permutation(rows * cols)[:count])
    size = np.array([2 * half / cols, 2 * half / rows])
    centre = np.c_[cells % cols + 0.5, cells // cols + 0.5] * size - half
    return centre + rng.uniform(-0.3, 0.3, (count, 2)) * size


def _to_latlon(recipe: Preset, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """km east/north of the centre → (lat, lon) in degrees, rounded to 6 decimals (~0.1 m)."""
    lat = recipe.lat + xy[:, 1] / KM_PER_DEGREE
    lon = recipe.lon + xy[:, 0] / (KM_PER_DEGREE * math.cos(math.radians(recipe.lat)))
    return np.round(lat, 6), np.round(lon, 6)


def _rooms(recipe: Preset, layout: _Layout, towns: list[str], village: list[str], rng: np.random.Generator) -> list[Room]:
    """Room records with names 村名+编号, 3–6 min service, ~3% time windows, ~5% narrow lanes.

    Built with ``model_construct`` (no per-field validation): the values are valid by construction
    and 100,000 validated rooms would take seconds; loading the written files validates them all."""
    n = len(layout.room_xy)
    lat, lon = _to_latlon(recipe, layout.room_xy)
    service = rng.integers(6, 13, n) / 2.0
    narrow = rng.random(n) < 0.05
    windowed = rng.random(n) < 0.03
    opens = rng.integers(7, 10, n) * HOUR
    closes = opens + rng.integers(2, 4, n) * HOUR
    width = max(4, len(str(n)))
    starts = np.r_[0, np.flatnonzero(np.diff(layout.room_cluster)) + 1]
    number = np.arange(1, n + 1) - np.repeat(starts, np.diff(np.r_[starts, n]))
    records = []
    for k in range(n):
        cluster = layout.room_cluster[k]
        records.append(Room.model_construct(
            id=f"R{k + 1:0{width}d}", name=f"{village[cluster]}{number[k]}号收集房",
            town=towns[layout.cluster_town[cluster]], village=village[cluster],
            lat=float(lat[k]), lon=float(lon[k]), x=None, y=None, waste_kg_per_day=float(layout.waste_kg[k]),
            volume_m3_per_day=None, service_min=float(service[k]),
            tw_open=int(opens[k]) if windowed[k] else None, tw_close=int(closes[k]) if windowed[k] else None,
            max_vehicle_class=1 if narrow[k] else None,
        ))
    return records


def _cluster_names(layout: _Layout, rng: np.random.Generator) -> list[str]:
    """A name for every village cluster, distinct within its town."""
    names = [""] * len(layout.cluster_xy)
    for town in np.unique(layout.cluster_town):
        members = np.flatnonzero(layout.cluster_town == town)
        for index, name in zip(members, village_names(list(layout.cluster_is_community[members]), rng)):
            names[index] = name
    return names


def _farthest_points(points: np.ndarray, weight: np.ndarray, sites: np.ndarray, count: int) -> list[int]:
    """Indices of ``count`` points picked greedily where ``weight × distance to the nearest site`` is
    largest. After each pick only the points within the current largest distance of it can get
    nearer, so a k-d tree limits the update to them."""
    nearest = np.full(len(points), 1e9) if len(sites) == 0 else cKDTree(sites).query(points)[0]
    tree = cKDTree(points)
    chosen = []
    for _ in range(count):
        pick = int(np.argmax(nearest * weight))
        chosen.append(pick)
        near = np.asarray(tree.query_ball_point(points[pick], r=min(float(nearest.max()), 1e6)), dtype=np.int64)
        if len(near):
            nearest[near] = np.minimum(nearest[near], np.hypot(*(points[near] - points[pick]).T))
    return chosen


def _station(recipe: Preset, sid: str, name: str, xy: np.ndarray, capacity: float, rng: np.random.Generator,
             **extra: object) -> Station:
    lat, lon = _to_latlon(recipe, xy[None, :])
    return Station(
        id=sid, name=name, lat=float(lat[0]), lon=float(lon[0]), capacity_t_per_day=capacity,
        open=5 * HOUR, close=20 * HOUR, unload_min=float(rng.integers(8, 13)),
        container_slots=int(rng.integers(3, 6)), swap_min=10.0, **extra,
    )


def _existing_stations(recipe: Preset, layout: _Layout, towns: list[str], count: int,
                       rng: np.random.Generator) -> list[Station]:
    """Stations near the centres of the towns with most waste, then where rooms are farthest away;
    capacity 1.3–1.6× the waste of the rooms nearest to each."""
    town_waste = np.bincount(layout.cluster_town[layout.room_cluster], layout.waste_kg, len(towns))
    by_waste = np.argsort(-town_waste, kind="stable")[: min(count, len(towns))]
    offset = rng.normal(0.0, 0.5, (len(by_waste), 2))
    sites = layout.town_xy[by_waste] + offset
    owner = list(by_waste)
    if count > len(sites):
        extra = _farthest_points(layout.room_xy, np.ones(len(layout.room_xy)), sites, count - len(sites))
        sites = np.vstack([sites, layout.room_xy[extra]])
        owner += list(layout.cluster_town[layout.room_cluster[extra]])
    catchment = cKDTree(sites).query(layout.room_xy)[1]
    load_t = np.bincount(catchment, layout.waste_kg, len(sites)) / 1000.0
    capacity = np.maximum(2.0, np.round(load_t * rng.uniform(1.3, 1.6, len(sites)) * 2) / 2)
    width = max(2, len(str(count)))
    seen: dict[int, int] = {}
    stations = []
    for k, town in enumerate(owner):
        seen[town] = seen.get(town, 0) + 1
        suffix = "" if seen[town] == 1 else f"{seen[town]}号"
        stations.append(_station(recipe, f"S{k + 1:0{width}d}", f"{towns[town]}{suffix}压缩中转站", sites[k],
                                 float(capacity[k]), rng))
    return stations


def _candidate_sites(recipe: Preset, layout: _Layout, names: list[str], existing: list[Station], count: int,
                     rng: np.random.Generator) -> list[Station]:
    """Candidate sites at the villages farthest from any station, weighted by the village's waste."""
    station_xy = _station_xy(recipe, existing)
    cluster_waste = np.bincount(layout.room_cluster, layout.waste_kg, len(layout.cluster_xy))
    picks = _farthest_points(layout.cluster_xy, np.sqrt(cluster_waste), station_xy, min(count, len(layout.cluster_xy)))
    width = max(2, len(str(count)))
    sites = []
    for k, cluster in enumerate(picks):
        xy = layout.cluster_xy[cluster] + rng.normal(0.0, 0.3, 2)
        sites.append(_station(
            recipe, f"C{k + 1:0{width}d}", f"{names[cluster]}候选站址", xy, float(rng.integers(20, 41)), rng,
            status="candidate", build_cost=float(rng.integers(300, 601) * 10_000),
            lifetime_years=float(rng.integers(15, 21)),
        ))
    return sites


def _station_xy(recipe: Preset, stations: list[Station]) -> np.ndarray:
    lat = np.array([s.lat for s in stations], dtype=float)
    lon = np.array([s.lon for s in stations], dtype=float)
    y = (lat - recipe.lat) * KM_PER_DEGREE
    x = (lon - recipe.lon) * KM_PER_DEGREE * math.cos(math.radians(recipe.lat))
    return np.c_[x, y]


def _plant(recipe: Preset, layout: _Layout, half: float, rng: np.random.Generator) -> Plant:
    """One plant at the east edge, with reception capacity ≥ 1.2× the daily waste."""
    xy = np.array([[0.95 * half, rng.uniform(-0.5, 0.5) * half]])
    lat, lon = _to_latlon(recipe, xy)
    capacity = math.ceil(layout.waste_kg.sum() / 1000.0 * 1.2 / 10) * 10
    return Plant(id="P1", name="区生活垃圾焚烧发电厂", lat=float(lat[0]), lon=float(lon[0]),
                 open=6 * HOUR, close=22 * HOUR, capacity_t_per_day=float(capacity), unload_min=15.0)


def _garages(recipe: Preset, layout: _Layout, towns: list[str], count: int) -> list[Garage]:
    """Garages beside town centres spread over the district (farthest-point over the towns)."""
    centre = int(np.argmin(np.hypot(*layout.town_xy.T)))
    picks = [centre] + _farthest_points(layout.town_xy, np.ones(len(towns)), layout.town_xy[[centre]], count - 1)
    picks = list(dict.fromkeys(picks))
    xy = layout.town_xy[picks] + np.array([0.5, -0.5])
    lat, lon = _to_latlon(recipe, xy)
    width = max(2, len(str(count)))
    return [Garage(id=f"G{k + 1:0{width}d}", name=f"{towns[t]}环卫车库", lat=float(lat[k]), lon=float(lon[k]))
            for k, t in enumerate(picks)]


def _fleet(recipe: Preset, layout: _Layout, garages: list[Garage]) -> list[VehicleType]:
    """Per garage: 1.5 t class-1 trucks and 3 t class-2 compactors carrying 1.6× the garage's share of
    the daily waste in three trips (40 % of it on the small trucks)."""
    garage_xy = _station_xy(recipe, garages)  # same projection as stations
    share = np.bincount(cKDTree(garage_xy).query(layout.room_xy)[1], layout.waste_kg, len(garages))
    fleet = []
    for garage, kg in zip(garages, share):
        per_trip = 1.6 * kg / 3
        fleet.append(VehicleType(
            id=f"small-{garage.id}", name="小型收集车（1.5吨）", count=max(1, math.ceil(0.4 * per_trip / 1500)),
            garage=garage.id, capacity_kg=1500.0, vehicle_class=1, shift_start=6 * HOUR, shift_end=14 * HOUR,
            fixed_cost=300.0, cost_per_km=2.0, cost_per_hour=45.0, speed_kmh=35.0, co2_kg_per_km=0.3,
        ))
        fleet.append(VehicleType(
            id=f"compactor-{garage.id}", name="压缩式收集车（3吨）", count=max(1, math.ceil(0.6 * per_trip / 3000)),
            garage=garage.id, capacity_kg=3000.0, vehicle_class=2, shift_start=6 * HOUR, shift_end=14 * HOUR,
            fixed_cost=450.0, cost_per_km=3.2, cost_per_hour=55.0, speed_kmh=30.0, co2_kg_per_km=0.45,
        ))
    return fleet


def _haul_fleet(recipe: Preset, garages: list[Garage], plant: Plant, count: int) -> HaulTruckType:
    """Hook-lift trucks with 9 t containers at the garage nearest the plant."""
    xy = _station_xy(recipe, garages)
    plant_xy = _station_xy(recipe, [plant])[0]
    home = garages[int(np.argmin(np.hypot(*(xy - plant_xy).T)))]
    return HaulTruckType(
        id="hooklift", name="勾臂车（9吨箱）", count=count, garage=home.id, container_payload_t=9.0,
        shift_start=6 * HOUR, shift_end=20 * HOUR, fixed_cost=500.0, cost_per_km=4.0, cost_per_hour=60.0,
        speed_kmh=40.0, co2_kg_per_km=0.8,
    )
