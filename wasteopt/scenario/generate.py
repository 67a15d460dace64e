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
- the first treatment plant sits at the district's east edge; as the district grows, more plants
  are added until every existing station lies within ``plant_reach_km`` (straight line) of one, each
  with reception capacity for what its stations can send;
- garages are spread over the towns; each garage gets small class-1 trucks (narrow lanes) and class-2
  compactors, enough to carry 1.6× its daily waste in three trips per shift;
- hook-lift trucks are based at the garage nearest each plant, enough for that plant's container
  trips with a margin (:func:`_hook_lifts`); at the published size that is the recipe's 4.

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
CIRCUITY = 1.3
"""Road km / straight-line km of the generated travel model."""
COLLECTION_SHIFT = (6 * HOUR, 14 * HOUR)
HAUL_SHIFT = (6 * HOUR, 20 * HOUR)
CONTAINER_T = 9.0
HAUL_SPEED_KMH = 40.0
HAUL_MARGIN = 1.25
"""Hook-lift trucks per plant: this many times the trucks its container trips need (see
:func:`_hook_lifts`)."""


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
    plant_reach_km: float = 40.0
    """Straight-line km from any existing station to its nearest plant (≈ 52 km by road at circuity
    1.3, 80 min for a hook-lift at 40 km/h): beyond it a container trip eats too much of a shift."""


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
    plants = _plants(recipe, layout, towns, existing, half, rng)
    garages = _garages(recipe, layout, towns, max(1, round(recipe.garages * scale)))
    fleet = _fleet(recipe, layout, garages)
    haul = _haul_fleet(recipe, layout, garages, plants, existing, max(1, math.ceil(recipe.haul_trucks * scale)))
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
        travel=Travel(model="haversine", circuity=CIRCUITY, speed_kmh=30.0),
        rooms=room_list,
        stations=station_list,
        plants=plants,
        garages=garages,
        fleet=fleet,
        haul_fleet=haul,
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


def _plants(recipe: Preset, layout: _Layout, towns: list[str], stations: list[Station], half: float,
            rng: np.random.Generator) -> list[Plant]:
    """The first plant at the east edge, then more until every existing station lies within the
    recipe's plant reach of one (:func:`_cover`). A plant's reception capacity is 1.2× what its
    stations can send it: the district's daily waste or, if less, the capacity of the stations whose
    nearest plant it is (the haul takes each station's containers to its nearest plant)."""
    first = np.array([0.95 * half, rng.uniform(-0.5, 0.5) * half])
    station_xy = _station_xy(recipe, stations)
    sites = _cover(station_xy, first, recipe.plant_reach_km)
    lat, lon = _to_latlon(recipe, sites)
    waste_t = layout.waste_kg.sum() / 1000.0
    station_t = np.bincount(_nearest(station_xy, sites), [s.capacity_t_per_day for s in stations], len(sites))
    town = cKDTree(layout.town_xy).query(sites)[1]
    plants = []
    for k in range(len(sites)):
        capacity = math.ceil(min(waste_t, float(station_t[k])) * 1.2 / 10) * 10
        plants.append(Plant(
            id=f"P{k + 1}", name="区生活垃圾焚烧发电厂" if k == 0 else f"{towns[town[k]]}生活垃圾焚烧发电厂",
            lat=float(lat[k]), lon=float(lon[k]), open=6 * HOUR, close=22 * HOUR,
            capacity_t_per_day=float(capacity), unload_min=15.0,
        ))
    return plants


def _cover(points: np.ndarray, first: np.ndarray, reach: float) -> np.ndarray:
    """Sites, ``first`` and as many more as it takes for every point to lie within ``reach`` of one.
    Each new site is the centroid of the uncovered points within ``reach`` of the farthest uncovered
    point: that point is then covered (the centroid of points in a disc lies in the disc), and the
    site leans into the uncovered area rather than sitting on its edge."""
    sites = [first]
    gap = np.hypot(*(points - first).T)
    while len(points) and gap.max() > reach:
        far = points[int(np.argmax(gap))]
        near = (np.hypot(*(points - far).T) <= reach) & (gap > reach)
        sites.append(points[near].mean(axis=0))
        gap = np.minimum(gap, np.hypot(*(points - sites[-1]).T))
    return np.array(sites)


def _nearest(points: np.ndarray, sites: np.ndarray) -> np.ndarray:
    """Index of each point's nearest site (straight line)."""
    return np.asarray(cKDTree(sites).query(points)[1], dtype=np.int64)


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
            garage=garage.id, capacity_kg=1500.0, vehicle_class=1, shift_start=COLLECTION_SHIFT[0], shift_end=COLLECTION_SHIFT[1],
            fixed_cost=300.0, cost_per_km=2.0, cost_per_hour=45.0, speed_kmh=35.0, co2_kg_per_km=0.3,
        ))
        fleet.append(VehicleType(
            id=f"compactor-{garage.id}", name="压缩式收集车（3吨）", count=max(1, math.ceil(0.6 * per_trip / 3000)),
            garage=garage.id, capacity_kg=3000.0, vehicle_class=2, shift_start=COLLECTION_SHIFT[0], shift_end=COLLECTION_SHIFT[1],
            fixed_cost=450.0, cost_per_km=3.2, cost_per_hour=55.0, speed_kmh=30.0, co2_kg_per_km=0.45,
        ))
    return fleet


def _haul_fleet(recipe: Preset, layout: _Layout, garages: list[Garage], plants: list[Plant],
                stations: list[Station], total: int) -> list[HaulTruckType]:
    """Hook-lift trucks with 9 t containers, one type per plant based at the garage nearest it (one
    plant: the single type ``hooklift``). Each plant gets its share of the recipe's ``total`` (by the
    waste its stations expect) or, where more, what its container trips need (:func:`_hook_lifts`)."""
    garage_xy = _station_xy(recipe, garages)
    plant_xy = _station_xy(recipe, plants)
    station_xy = _station_xy(recipe, stations)
    plant_of = _nearest(station_xy, plant_xy)
    expected = np.bincount(plant_of[_nearest(layout.room_xy, station_xy)], layout.waste_kg, len(plants))
    share = _apportion(total, expected)
    capacity = np.array([s.capacity_t_per_day for s in stations])
    swap = np.array([s.swap_min for s in stations])
    fleet = []
    for k, plant in enumerate(plants):
        home = int(np.argmin(np.hypot(*(garage_xy - plant_xy[k]).T)))
        mine = plant_of == k
        trip_km = np.hypot(*(station_xy[mine] - plant_xy[k]).T) * CIRCUITY
        garage_km = float(np.hypot(*(garage_xy[home] - plant_xy[k]))) * CIRCUITY
        need = _hook_lifts(trip_km, capacity[mine], swap[mine], garage_km, plant.unload_min)
        fleet.append(HaulTruckType(
            id="hooklift" if len(plants) == 1 else f"hooklift-{plant.id}", name="勾臂车（9吨箱）",
            count=max(1, int(share[k]), need), garage=garages[home].id, container_payload_t=CONTAINER_T,
            shift_start=HAUL_SHIFT[0], shift_end=HAUL_SHIFT[1], fixed_cost=500.0, cost_per_km=4.0,
            cost_per_hour=60.0, speed_kmh=HAUL_SPEED_KMH, co2_kg_per_km=0.8,
        ))
    return fleet


def _hook_lifts(trip_km: np.ndarray, capacity_t: np.ndarray, swap_min: np.ndarray, garage_km: float,
                tip_min: float) -> int:
    """Hook-lift trucks a plant needs for its stations (road km ``trip_km`` away): ``HAUL_MARGIN`` ×
    the larger of two loads, in truck shifts. A container trip is a cycle plant → station → plant
    (both drives, the swap, tipping); a truck's day also drives from its garage and back.

    - the day: every container a station can fill (its capacity over the container payload, rounded
      up) is one cycle, within the haul shift;
    - the evening: a station's last container is full only after its last unload, at worst when the
      collection shift ends; one cycle per station between then and the haul shift's end."""
    cycle_h = 2 * trip_km / HAUL_SPEED_KMH + (swap_min + tip_min) / 60
    garage_h = 2 * garage_km / HAUL_SPEED_KMH
    day_h = max(1.0, (HAUL_SHIFT[1] - HAUL_SHIFT[0]) / HOUR - garage_h)  # floors: a garage hours from its
    evening_h = max(1.0, (HAUL_SHIFT[1] - COLLECTION_SHIFT[1]) / HOUR - garage_h)  # plant is no recipe of ours
    day = float(np.sum(np.ceil(capacity_t / CONTAINER_T) * cycle_h)) / day_h
    evening = float(np.sum(cycle_h)) / evening_h
    return math.ceil(HAUL_MARGIN * max(day, evening))


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """``total`` split in proportion to ``weights`` by largest remainders (the parts sum to ``total``)."""
    exact = total * weights / weights.sum() if weights.sum() > 0 else np.full(len(weights), total / len(weights))
    part = np.floor(exact).astype(np.int64)
    part[np.argsort(-(exact - part), kind="stable")[: total - int(part.sum())]] += 1
    return part
