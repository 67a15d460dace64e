"""Small OpenStreetMap XML files for the road-network tests, written by the tests themselves.

Coordinates sit on the equator, where 0.001° of longitude or latitude is 111.195 m (the Earth's
mean radius, 6,371,008.8 m, times 0.001° in radians), so hand-checked distances are whole steps.
"""

from __future__ import annotations

from pathlib import Path

STEP_DEG = 0.001
STEP_M = 6_371_008.8 * 3.141592653589793 / 180 * STEP_DEG
"""Metres of one grid step (111.195 m)."""


def osm_xml(nodes: dict[int, tuple[float, float]], ways: list[tuple[list[int], dict[str, str]]]) -> str:
    """An OSM XML document with these nodes (id → lat, lon) and ways (node ids, tags)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="wasteopt-tests">']
    for ref, (lat, lon) in sorted(nodes.items()):
        lines.append(f'  <node id="{ref}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>')
    for k, (refs, tags) in enumerate(ways, start=1):
        lines.append(f'  <way id="{k}" version="1">')
        lines += [f'    <nd ref="{r}"/>' for r in refs]
        lines += [f'    <tag k="{key}" v="{value}"/>' for key, value in tags.items()]
        lines.append("  </way>")
    lines.append("</osm>")
    return "\n".join(lines) + "\n"


def grid_nodes(rows: int, cols: int, lat0: float = 0.0, lon0: float = 0.0) -> dict[int, tuple[float, float]]:
    """Node ``r * 100 + c + 1`` at row ``r`` (northward) and column ``c`` (eastward), one step apart."""
    return {r * 100 + c + 1: (lat0 + r * STEP_DEG, lon0 + c * STEP_DEG) for r in range(rows) for c in range(cols)}


def write_osm(path: Path, nodes: dict[int, tuple[float, float]], ways: list[tuple[list[int], dict[str, str]]]) -> Path:
    """Write the document to ``path`` and return it."""
    path.write_text(osm_xml(nodes, ways), encoding="utf-8")
    return path


def scenario_yaml(rooms: dict[str, tuple[float, float]], stations: dict[str, tuple[float, float]],
                  garages: dict[str, tuple[float, float]], classes: tuple[int, ...] = (1,), matrix: str | None = None,
                  roads: str | None = None, counts: dict[int, int] | None = None, cost_per_km: float = 0.0,
                  plants: dict[str, tuple[float, float]] | None = None) -> str:
    """A small scenario with places written inline (one line per field, so each place has its line),
    one truck type per vehicle class (``counts``: trucks per class, default one each; ``cost_per_km``
    for every type), and haversine travel, the matrix file ``matrix`` or the road file ``roads``;
    with ``plants``, a hook-lift truck at the first garage hauls the stations' containers to them."""
    travel = (f"  model: matrix\n  matrix:\n    file: {matrix}\n" if matrix else
              f"  model: roads\n  roads: {roads}\n" if roads else "  model: haversine\n")
    out = [f"name: roads\ntravel:\n{travel}  speed_kmh: 30"]
    for section, places, extra in (("rooms", rooms, "    waste_kg_per_day: 100\n    service_min: 2"),
                                   ("stations", stations, "    capacity_t_per_day: 50"),
                                   ("garages", garages, "")):
        out.append(f"{section}:")
        for pid, (lat, lon) in places.items():
            out.append(f"  - id: {pid}\n    lat: {lat}\n    lon: {lon}" + (f"\n{extra}" if extra else ""))
    out.append("fleet:")
    garage = next(iter(garages))
    for k in classes:
        out.append(f"  - id: class{k}\n    count: {(counts or {}).get(k, 1)}\n    garage: {garage}\n    capacity_kg: 2000\n"
                   f"    vehicle_class: {k}" + (f"\n    cost_per_km: {cost_per_km:g}" if cost_per_km else ""))
    if plants:
        out.append("plants:")
        out += [f"  - id: {pid}\n    lat: {lat}\n    lon: {lon}\n    capacity_t_per_day: 100" for pid, (lat, lon) in plants.items()]
        out.append(f"haul_fleet:\n  - id: hook\n    count: 1\n    garage: {garage}\n    container_payload_t: 9\n    cost_per_km: 1")
    return "\n".join(out) + "\n"
