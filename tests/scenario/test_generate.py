"""The generator: published counts of Zhangdian, determinism, scaling, and the shipped files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from wasteopt.network import network_for
from wasteopt.scenario.generate import PRESETS, generate
from wasteopt.scenario.loader import load_scenario
from wasteopt.scenario.models import Scenario
from wasteopt.scenario.writer import save_scenario

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "zhangdian"


@pytest.fixture(scope="module")
def zhangdian():
    return generate("zhangdian")


def test_published_counts(zhangdian) -> None:
    assert len(zhangdian.rooms) == 940
    assert len(zhangdian.active_stations) == 13
    assert len({r.town for r in zhangdian.rooms}) == 12
    assert len({(r.town, r.village) for r in zhangdian.rooms if r.village.endswith("社区")}) == 22
    assert len(zhangdian.plants) == 1
    assert len(zhangdian.garages) == 3


def test_synthetic_figures_follow_the_recipe(zhangdian) -> None:
    waste_t = sum(r.waste_kg_per_day for r in zhangdian.rooms) / 1000
    assert 78 <= waste_t <= 86  # ~81,900 people at ~1 kg per person per day
    existing_t = sum(s.capacity_t_per_day for s in zhangdian.active_stations)
    assert 1.3 <= existing_t / waste_t <= 1.6
    candidates = [s for s in zhangdian.stations if s.status == "candidate"]
    assert len(candidates) == 10
    assert all(3e6 <= s.build_cost <= 6e6 and 15 <= s.lifetime_years <= 20 and 20 <= s.capacity_t_per_day <= 40
               for s in candidates)
    per_trip_t = sum(v.count * v.capacity_kg for v in zhangdian.fleet) / 1000
    assert 3 * per_trip_t >= 1.6 * waste_t
    assert zhangdian.plants[0].capacity_t_per_day >= waste_t
    assert {v.vehicle_class for v in zhangdian.fleet} == {1, 2}
    narrow = sum(r.max_vehicle_class == 1 for r in zhangdian.rooms) / 940
    windowed = sum(r.tw_open is not None for r in zhangdian.rooms) / 940
    assert 0.02 <= narrow <= 0.08 and 0.01 <= windowed <= 0.06
    assert all(3 <= r.service_min <= 6 for r in zhangdian.rooms)
    assert zhangdian.travel.model == "haversine" and zhangdian.travel.circuity == 1.3


def test_inside_the_published_district(zhangdian) -> None:
    lat = np.array([r.lat for r in zhangdian.rooms])
    lon = np.array([r.lon for r in zhangdian.rooms])
    height_km = (lat.max() - lat.min()) * 111.195
    width_km = (lon.max() - lon.min()) * 111.195 * math.cos(math.radians(36.8))
    assert 15 <= height_km <= 19.5 and 15 <= width_km <= 19.5
    assert abs(lat.mean() - 36.80) < 0.03 and abs(lon.mean() - 118.05) < 0.03


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        save_scenario(generate(rooms=300, seed=seed), tmp_path / name)
    for table in ("scenario.yaml", "rooms.csv", "stations.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()
    assert (tmp_path / "a" / "rooms.csv").read_bytes() != (tmp_path / "c" / "rooms.csv").read_bytes()


def test_shipped_files_are_the_generators_output(tmp_path: Path) -> None:
    save_scenario(generate("zhangdian"), tmp_path)
    for table in ("scenario.yaml", "rooms.csv", "stations.csv"):
        assert (tmp_path / table).read_bytes() == (SHIPPED / table).read_bytes(), table


def test_generated_files_load_back_equal(tmp_path: Path, zhangdian) -> None:
    assert load_scenario(save_scenario(zhangdian, tmp_path)) == zhangdian


def test_scales_with_rooms_at_constant_density() -> None:
    big = generate(rooms=5000, seed=3)
    assert len(big.rooms) == 5000
    assert len(big.active_stations) == round(13 * 5000 / 940)
    assert len({r.town for r in big.rooms}) == round(12 * 5000 / 940)
    assert len(big.garages) == round(3 * 5000 / 940)
    lat = np.array([r.lat for r in big.rooms])
    assert 2.0 <= (lat.max() - lat.min()) / (17.5 / 111.195) <= 2.6  # side grows with sqrt(5000/940) ≈ 2.3
    waste_t = sum(r.waste_kg_per_day for r in big.rooms) / 1000
    assert 3 * sum(v.count * v.capacity_kg for v in big.fleet) / 1000 >= 1.6 * waste_t
    assert len({r.id for r in big.rooms}) == 5000


def test_station_count_option() -> None:
    scenario = generate(rooms=200, stations=7, seed=1)
    assert len(scenario.active_stations) == 7
    assert len({s.id for s in scenario.stations}) == len(scenario.stations)


def haul_shifts(sc: Scenario) -> list[dict[str, float]]:
    """Per plant, the container work of its stations and what its hook-lift trucks can do, in truck hours.

    Arithmetic, not a solve. The haul takes each station's containers to its nearest plant by road. A
    container trip is a cycle plant → station → plant (both drives at the hook-lift's speed, the swap,
    tipping). The trucks counted for a plant are those based at a garage whose nearest plant it is;
    each of their shifts loses the drive garage → plant → garage.
    - day: every container a station can fill (capacity / payload, rounded up), within the haul shift;
    - evening: each station's last container is full only after its last unload — at worst when the
      collection shift ends — so one cycle per station must fit between then and the haul shift's end.
    """
    net = network_for(sc)
    stations, plants, haul = sc.active_stations, sc.plants, sc.haul_fleet
    to_plant_km = net.distance_m([s.id for s in stations], [p.id for p in plants]) / 1000
    garage_km = net.distance_m([h.garage for h in haul], [p.id for p in plants]) / 1000
    plant_of, home_plant = to_plant_km.argmin(axis=1), garage_km.argmin(axis=1)
    capacity = np.array([s.capacity_t_per_day for s in stations])
    swap_h = np.array([s.swap_min for s in stations]) / 60
    collection_end = max(vt.shift_end for vt in sc.fleet)
    rows = []
    for k, plant in enumerate(plants):
        mine = plant_of == k
        trucks = [(h, garage_km[i, k]) for i, h in enumerate(haul) if home_plant[i] == k and h.count]
        speed, payload = trucks[0][0].speed_kmh, trucks[0][0].container_payload_t
        cycle_h = 2 * to_plant_km[mine, k] / speed + swap_h[mine] + plant.unload_min / 60
        rows.append({
            "farthest_km": float(to_plant_km[mine, k].max(initial=0.0)),
            "day_need": float((np.ceil(capacity[mine] / payload) * cycle_h).sum()),
            "day_have": sum(h.count * ((h.shift_end - h.shift_start) / 3600 - 2 * km / h.speed_kmh) for h, km in trucks),
            "evening_need": float(cycle_h.sum()),
            "evening_have": sum(h.count * ((h.shift_end - collection_end) / 3600 - 2 * km / h.speed_kmh) for h, km in trucks),
            "can_receive": float(min(capacity[mine].sum(), sum(r.waste_kg_per_day for r in sc.rooms) / 1000)),
            "capacity": float(plant.capacity_t_per_day),
        })
    return rows


@pytest.mark.parametrize("rooms", [20_000, 100_000])
def test_a_large_district_can_haul_all_its_waste(rooms: int) -> None:
    sc = generate(rooms=rooms, seed=1)
    reach_km = PRESETS["zhangdian"].plant_reach_km * sc.travel.circuity
    plants = haul_shifts(sc)
    assert len(plants) > 1
    for plant, row in zip(sc.plants, plants):
        assert row["farthest_km"] <= reach_km * 1.01, plant.id  # every station within a reasonable haul
        assert row["day_need"] <= row["day_have"], (plant.id, row)
        assert row["evening_need"] <= row["evening_have"], (plant.id, row)
        assert row["capacity"] >= row["can_receive"], (plant.id, row)


def test_the_published_district_hauls_with_its_four_trucks(zhangdian) -> None:
    [row] = haul_shifts(zhangdian)
    assert [(h.id, h.count) for h in zhangdian.haul_fleet] == [("hooklift", 4)]
    assert row["day_need"] <= row["day_have"] and row["evening_need"] <= row["evening_have"], row
