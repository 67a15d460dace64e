"""Kim, Kim & Sahoo (2006) waste-collection VRPTW instances, converted to scenarios and planned by the CLI.

The ten real-world instances (99 to 2,092 stops, 1 to 19 disposal facilities) are read from
``../shared/kim/NNN_stop.txt`` (beside the repository; ``--kim-dir`` elsewhere; format and best
published results in that folder's README.md and benchmark.html). Each is written as a scenario in
the public format (``OUT/NNN/scenario.yaml`` + CSV), planned with ``wasteopt plan`` and checked with
``wasteopt validate``, each in its own process, exactly as a user would.

How an instance becomes a scenario:

- places: x/y in **metres** (feet × 0.3048); travel ``manhattan`` with circuity 1.0, speed the file's
  mph in km/h (× 1.609344), so a leg is Kim's |dx| + |dy| at Kim's speed (the engine rounds each leg
  to whole metres and seconds: stop 0 → 1 of 102 is 4,690 m and 262 s, Kim 15,387 ft and 262.3 s);
- loads: cubic yards as a **scaled load, 1 yd³ = 1,000 kg**: ``waste_kg_per_day``, ``capacity_kg``
  and ``max_kg_per_day`` are yd³ × 1,000 (so a "tonne" in the plan is a cubic yard);
- stops → rooms (``S<id>``): window → ``tw_open``/``tw_close`` (latest *start*, as in Kim), service
  seconds → ``service_min``; "2400" is 24:00; HHMM with minutes ≥ 60 (``0775`` in 2100, ``875`` in
  1932) is read as HH h + MM min (07:75 = 08:15), the plain arithmetic, and listed as an oddity;
- disposal facilities → stations (``F<id>``) with their window and their service time as
  ``unload_min``; daily capacity the instance's whole yardage (+1), so never binding;
- the depot → the garage (``D<id>``); its window is the trucks' shift (leave from, back by);
- one vehicle type ``truck``: capacity, daily yardage (``max_kg_per_day``), daily stops
  (``max_stops``), the lunch as ``breaks: [{duration_min: lunch/60, earliest: 11:00, latest: 12:00}]``;
  ``count`` = 2 × the best published vehicle count + 5 (the number of stops when none is published):
  the engine picks how many it uses;
- objective vehicles first, then distance: ``fixed_cost`` 10,000 a truck, ``cost_per_km`` 1,
  ``cost_per_hour`` 0 (a truck saved is worth more than any instance's whole mileage: ≤ 3,622 km);
- no plants and no haul fleet: Kim's day ends at the disposal facility, and a scenario without a
  haul fleet legitimately ends at the stations (nothing counts as left there). "Empty at the depot"
  is the engine's rule that every route ends with an unload before going home.

The table: vehicles used, trips (unloads), miles (collection km / 1.609344), rooms served / total,
the exit statuses of ``wasteopt plan`` and ``wasteopt validate`` (0 valid and complete, 1 a rule
broken, 3 incomplete, 2 unreadable) with the validator's violations by rule, and the best published
vehicles / miles with Δ miles at the *same* vehicle count (``-`` when no published result has our
count). Each run appends one JSON line to ``OUT/runs.jsonl``; ``--report`` reprints the table from it.

    python benchmarks/kim.py --instances 102 277 --time-limit 60 --seeds 1 2 3
    python benchmarks/kim.py --instances 102 --iterations 200            # a quick end-to-end check
    python benchmarks/kim.py --report                                     # reprint OUT/runs.jsonl
    python benchmarks/kim.py --convert-only                               # write the scenarios, list oddities
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from _common import ROOT, load_note, table
from wasteopt.scenario.models import (
    Break,
    Garage,
    Objective,
    Planning,
    Room,
    Scenario,
    Station,
    Travel,
    VehicleType,
)

KIM_DIR = ROOT.parent / "shared" / "kim"
INSTANCES = [102, 277, 335, 444, 804, 1051, 1351, 1599, 1932, 2100]
M_PER_FT = 0.3048
KM_PER_MILE = 1.609344
KG_PER_YD3 = 1000.0
"""The scaled load: one cubic yard is written as 1,000 kg (a "tonne" in the plan is a cubic yard)."""
FIXED_COST = 10_000.0
LUNCH = (11 * 3600, 12 * 3600)
"""Lunch must start between 11:00 and 12:00 (Kim's header, line 4)."""

BEST: dict[int, list[tuple[int, float]]] = {
    102: [(3, 174.5)],
    277: [(3, 447.6)],
    335: [(6, 182.1)],
    444: [(11, 78.3)],
    804: [(5, 586.2)],
    1051: [(17, 2250.5)],
    1351: [(7, 1011.9), (8, 828.1)],
    1599: [(13, 1170.2)],
    1932: [(16, 1128.7)],
    2100: [(16, 1749.0), (17, 1594.2)],
}
"""Best published (vehicles, total miles) per instance, copied from the table in
``../shared/kim/README.md`` (Buhrkal, Larsen & Ropke 2012; Benjamin & Beasley 2010)."""

HEADER = ("vehicle capacity (yd³)", "daily yardage per vehicle (yd³)", "stops per vehicle per day",
          "lunch duration (s)", "speed (mph)")
COLUMNS = "id, X ft, Y ft, earliest start HHMM, latest start HHMM, service s, load yd³, type"
TYPES = {0: "depot", 1: "stop", 2: "disposal facility"}


class KimFormatError(ValueError):
    """A file that is not a Kim instance; the message starts with ``FILE:LINE:``."""


@dataclass(frozen=True)
class Site:
    """One data row: a place in feet, a window in seconds after midnight, service s, load yd³."""

    id: str
    x_ft: float
    y_ft: float
    early_s: int
    late_s: int
    service_s: float
    load_yd3: float
    type: int
    line: int


@dataclass
class Instance:
    """A Kim instance as read: the five header values and the rows, by type."""

    number: int
    path: Path
    capacity_yd3: float
    daily_yd3: float
    max_stops: int
    lunch_s: float
    speed_mph: float
    depot: Site
    stops: list[Site]
    facilities: list[Site]
    oddities: list[str] = field(default_factory=list)

    @property
    def total_load_yd3(self) -> float:
        return sum(s.load_yd3 for s in self.stops)

    def travel_s(self, a: Site, b: Site) -> float:
        """Kim's travel time: Manhattan feet at the given speed."""
        feet = abs(a.x_ft - b.x_ft) + abs(a.y_ft - b.y_ft)
        return feet / 5280 / self.speed_mph * 3600


# --- reading ---------------------------------------------------------------------------------------


def hhmm(text: str, where: str, oddities: list[str]) -> int:
    """``HHMM`` (``0400``, ``400``, ``2400``) as seconds after midnight; minutes ≥ 60 are added as
    minutes (``0775`` = 08:15) and noted."""
    if not text.isdigit():
        raise KimFormatError(f"{where}: not a time HHMM: {text!r}")
    value = int(text)
    hours, minutes = divmod(value, 100)
    seconds = hours * 3600 + minutes * 60
    if seconds > 24 * 3600:
        raise KimFormatError(f"{where}: time {text} is after 24:00")
    if minutes >= 60:
        oddities.append(f"{where}: time {text} has {minutes} minutes; read as {seconds // 3600:02d}:{seconds % 3600 // 60:02d}")
    return seconds


def number(text: str, where: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise KimFormatError(f"{where}: {what}: not a number: {text!r}") from None
    if not math.isfinite(value):
        raise KimFormatError(f"{where}: {what}: not a finite number: {text!r}")
    return value


def instance_path(number_: int, kim_dir: Path) -> Path:
    return Path(kim_dir) / f"{number_}_stop.txt"


def read_instance(path: str | Path) -> Instance:
    """Read ``NNN_stop.txt``: five header values (each before a ``//`` comment), the column header line,
    then one row of eight whitespace-separated values per place. Tabs or spaces, CRLF or LF, trailing
    tabs, empty cells between values and a missing final newline are all accepted. Raises
    :class:`KimFormatError` naming the file and line for anything else (a truncated file, a short row,
    a bad number, no depot, no facility, a repeated id)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise KimFormatError(f"{path}: cannot read: {error.strerror or error}") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: list[float] = []
    row_start = None
    for index, line in enumerate(lines):
        content = line.split("//", 1)[0].split()
        if len(header) < len(HEADER):
            if not content:
                continue
            header.append(number(content[0], f"{path}:{index + 1}", HEADER[len(header)]))
            continue
        if content and not _is_number(content[0]):  # the column header line
            row_start = index + 1
        else:
            row_start = index
        break
    if len(header) < len(HEADER):
        raise KimFormatError(
            f"{path}:{len(lines)}: file ends after {len(header)} of the {len(HEADER)} header values "
            f"({', '.join(HEADER)}); is it truncated?")
    if row_start is None:
        raise KimFormatError(f"{path}:{len(lines)}: file ends after the header, before any row; is it truncated?")
    oddities: list[str] = []
    sites: list[Site] = []
    seen: dict[str, int] = {}
    for index in range(row_start, len(lines)):
        where = f"{path}:{index + 1}"
        cells = lines[index].split("//", 1)[0].split()
        if not cells:
            continue
        if len(cells) != 8:
            raise KimFormatError(f"{where}: row has {len(cells)} values, expected 8 ({COLUMNS}); is the file truncated?")
        ident = cells[0]
        if not ident.isdigit():
            raise KimFormatError(f"{where}: id: not a whole number: {ident!r}")
        if ident in seen:
            raise KimFormatError(f"{where}: id {ident} given twice (first on line {seen[ident]})")
        seen[ident] = index + 1
        kind = number(cells[7], where, "type")
        if kind not in TYPES:
            raise KimFormatError(f"{where}: type: {cells[7]} is none of 0 (depot), 1 (stop), 2 (disposal facility)")
        early = hhmm(cells[3], where, oddities)
        late = hhmm(cells[4], where, oddities)
        if late < early:
            raise KimFormatError(f"{where}: latest start {cells[4]} is before earliest start {cells[3]}")
        service = number(cells[5], where, "service time")
        load = number(cells[6], where, "load")
        if service < 0 or load < 0:
            raise KimFormatError(f"{where}: service time and load cannot be negative")
        sites.append(Site(ident, number(cells[1], where, "X"), number(cells[2], where, "Y"), early, late,
                          service, load, int(kind), index + 1))
    depots = [s for s in sites if s.type == 0]
    stops = [s for s in sites if s.type == 1]
    facilities = [s for s in sites if s.type == 2]
    last = f"{path}:{len(lines)}"
    if len(depots) != 1:
        raise KimFormatError(f"{last}: {len(depots)} depots (type 0) in the file, expected 1" + (
            "; is the file truncated?" if not depots else ""))
    if not facilities:
        raise KimFormatError(f"{last}: no disposal facility (type 2) in the file; is it truncated?")
    if not stops:
        raise KimFormatError(f"{last}: no stops (type 1) in the file; is it truncated?")
    capacity, daily, max_stops, lunch, speed = header
    for value, name, where in ((capacity, HEADER[0], 1), (daily, HEADER[1], 2), (max_stops, HEADER[2], 3), (speed, HEADER[4], 5)):
        if value <= 0:
            raise KimFormatError(f"{path}:{where}: {name} must be positive, got {value:g}")
    if lunch < 0 or max_stops != int(max_stops):
        raise KimFormatError(f"{path}: lunch must be ≥ 0 s and the stop limit a whole number")
    stem = path.name.split("_")[0]
    return Instance(int(stem) if stem.isdigit() else 0, path, capacity, daily, int(max_stops), lunch, speed,
                    depots[0], stops, facilities, oddities)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- what looks odd --------------------------------------------------------------------------------


def questionable(inst: Instance) -> list[str]:
    """What in an instance a reader should know before trusting a comparison: times read with minute
    overflow, stops no truck can serve within the depot's window (even alone, ignoring lunch and
    limits), facilities outside the depot's hours, zero loads, places sharing coordinates."""
    notes = list(inst.oddities)
    depot = inst.depot
    for stop in inst.stops:
        arrive = depot.early_s + inst.travel_s(depot, stop)
        if arrive > stop.late_s + 1e-6:
            notes.append(f"stop {stop.id} (line {stop.line}): earliest arrival from the depot "
                         f"{_clock(arrive)} is after its latest start {_clock(stop.late_s)}")
            continue
        done = max(arrive, stop.early_s) + stop.service_s
        home = [max(done + inst.travel_s(stop, f), f.early_s) + f.service_s + inst.travel_s(f, depot)
                for f in inst.facilities if done + inst.travel_s(stop, f) <= f.late_s + 1e-6]
        if not home or min(home) > depot.late_s + 1e-6:
            back = f"{_clock(min(home))}" if home else "never (every facility closed by then)"
            notes.append(f"stop {stop.id} (line {stop.line}): served alone, the truck is back empty at "
                         f"{back}, after the depot closes at {_clock(depot.late_s)}")
    for f in inst.facilities:
        if f.late_s < depot.early_s or f.early_s > depot.late_s:
            notes.append(f"facility {f.id} (line {f.line}): open {_clock(f.early_s)}–{_clock(f.late_s)}, "
                         f"outside the depot's {_clock(depot.early_s)}–{_clock(depot.late_s)}")
    zero = [s.id for s in inst.stops if s.load_yd3 == 0]
    if zero:
        notes.append(f"{len(zero)} stops with zero load ({', '.join(zero[:5])}{', …' if len(zero) > 5 else ''})")
    places: dict[tuple[float, float], list[str]] = {}
    for site in [depot, *inst.facilities]:
        places.setdefault((site.x_ft, site.y_ft), []).append("depot" if site is depot else site.id)
    shared = [" = ".join(group) for group in places.values() if len(group) > 1]
    if shared:
        notes.append(f"facilities at the same place (other windows or service): {'; '.join(shared)}")
    return notes


def _clock(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- converting ------------------------------------------------------------------------------------


def fleet_count(inst: Instance) -> int:
    """Trucks offered: 2 × the best published count + 5 (the number of stops without one), at most one
    per stop; the engine chooses how many it uses."""
    best = BEST.get(inst.number)
    count = 2 * max(v for v, _ in best) + 5 if best else len(inst.stops)
    return max(1, min(count, len(inst.stops)))


def to_scenario(inst: Instance) -> Scenario:
    """The instance as a scenario in the public format (units and mapping: the module docstring)."""
    def xy(site: Site) -> dict:
        return {"x": round(site.x_ft * M_PER_FT, 6), "y": round(site.y_ft * M_PER_FT, 6)}

    total_t = inst.total_load_yd3 * KG_PER_YD3 / 1000
    rooms = [
        Room(id=f"S{s.id}", waste_kg_per_day=s.load_yd3 * KG_PER_YD3, service_min=s.service_s / 60,
             tw_open=s.early_s, tw_close=s.late_s, **xy(s))
        for s in inst.stops
    ]
    stations = [
        Station(id=f"F{f.id}", capacity_t_per_day=math.ceil(total_t) + 1, open=f.early_s, close=f.late_s,
                unload_min=f.service_s / 60, **xy(f))
        for f in inst.facilities
    ]
    garage = Garage(id=f"D{inst.depot.id}", name="depot", **xy(inst.depot))
    speed_kmh = inst.speed_mph * KM_PER_MILE
    truck = VehicleType(
        id="truck", count=fleet_count(inst), garage=garage.id, capacity_kg=inst.capacity_yd3 * KG_PER_YD3,
        shift_start=inst.depot.early_s, shift_end=inst.depot.late_s, fixed_cost=FIXED_COST, cost_per_km=1.0,
        cost_per_hour=0.0, speed_kmh=speed_kmh,
        breaks=(Break(duration_min=inst.lunch_s / 60, earliest=LUNCH[0], latest=LUNCH[1]),) if inst.lunch_s > 0 else (),
        max_kg_per_day=inst.daily_yd3 * KG_PER_YD3, max_stops=inst.max_stops,
    )
    return Scenario(
        name=f"kim-{inst.number}",
        description=(f"Kim, Kim & Sahoo (2006) instance {inst.path.name}, converted by benchmarks/kim.py: "
                     "x/y in metres (feet x 0.3048), Manhattan; loads in yd3 x 1000 (1 yd3 written as 1,000 kg); "
                     "no haul (Kim's day ends at the disposal facility)."),
        planning=Planning(objective=Objective(fixed_cost=1.0, distance_cost=1.0, time_cost=1.0)),
        travel=Travel(model="manhattan", circuity=1.0, speed_kmh=speed_kmh),
        rooms=rooms, stations=stations, garages=[garage], fleet=[truck],
    )


def write_instance(inst: Instance, directory: Path) -> Path:
    """Write the scenario to ``directory``; returns the path of ``scenario.yaml``."""
    from wasteopt.scenario.writer import save_scenario

    return save_scenario(to_scenario(inst), directory)


# --- running ---------------------------------------------------------------------------------------


def wasteopt_cli() -> list[str]:
    """The ``wasteopt`` command of this interpreter's environment."""
    beside = Path(sys.executable).parent / "wasteopt"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("wasteopt")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from wasteopt.cli import main; sys.exit(main())"]


def call(cmd: list[str], timeout: float | None) -> tuple[int | str, str, str, float]:
    """Run ``cmd`` in its own session; (status or ``"timeout"``, stdout, stderr, wall seconds)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        status: int | str = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        status = "timeout"
    return status, out, err, time.monotonic() - start


def run_one(inst: Instance, scenario_yaml: Path, out: Path, limit: float | None, iterations: int | None, seed: int) -> dict:
    """Plan one instance with one seed through the CLI, validate the plan, and return the record."""
    cli = wasteopt_cli()
    cmd = [*cli, "plan", str(scenario_yaml), "--seed", str(seed), "--out", str(out), "--quiet"]
    if limit is not None:
        cmd += ["--time-limit", f"{limit:g}"]
    if iterations is not None:
        cmd += ["--iterations", str(iterations)]
    record: dict = {
        "instance": inst.number, "stops": len(inst.stops), "facilities": len(inst.facilities), "limit_s": limit,
        "iterations": iterations, "seed": seed, "offered": fleet_count(inst), "load1": round(os.getloadavg()[0], 2),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    status, _, err, wall = call(cmd, timeout=(3 * limit + 600) if limit else 3600)
    record.update(plan_exit=status, wall_s=round(wall, 1))
    plan_path = out / "plan.json"
    if status == "timeout" or not plan_path.exists():
        record["error"] = (err.strip().splitlines() or ["no plan written"])[-1][:300]
        return record
    record["plan"] = str(plan_path)
    v_status, v_out, v_err, _ = call([*cli, "validate", str(scenario_yaml), str(plan_path)], timeout=600)
    lines = v_out.splitlines()[:-1] if v_status == 1 else []  # "rule: subject: message", then the count
    rules = Counter(line.split(":", 1)[0].strip() for line in lines if line.count(": ") >= 2)
    record.update(validate_exit=v_status, violations=dict(rules.most_common()))
    if v_status == 2:
        record["error"] = (v_err.strip().splitlines() or ["unreadable"])[-1][:300]
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    kpis = plan.get("kpis", {})
    unserved = {u["id"] for u in plan.get("unserved", [])}
    km = sum(r["distance_km"] for r in plan.get("routes", []))
    record.update(
        vehicles=sum(any(s["kind"] not in ("garage", "break") for s in r["stops"]) for r in plan.get("routes", [])),
        trips=kpis.get("unload_trips", sum(r.get("unload_trips", 0) for r in plan.get("routes", []))),
        km=round(km, 3), miles=round(km / KM_PER_MILE, 1), served=len(inst.stops) - len(unserved),
    )
    return record


def delta(record: dict) -> tuple[str, str]:
    """(best published text, Δ miles % at the same vehicle count or ``-``)."""
    best = BEST.get(record["instance"], [])
    text = " · ".join(f"{v} / {m:.1f}" for v, m in best) or "-"
    same = [m for v, m in best if v == record.get("vehicles")]
    if not same or record.get("miles") is None:
        return text, "-"
    return text, f"{100 * (record['miles'] / same[0] - 1):+.1f} %"


def report(records: list[dict]) -> str:
    """The table of runs."""
    rows = []
    for r in records:
        best, gap = delta(r)
        budget = " + ".join(x for x in (f"{r['limit_s']:g} s" if r.get("limit_s") else "",
                                        f"{r['iterations']} it" if r.get("iterations") else "") if x)
        viol = ", ".join(f"{k} {n}" for k, n in (r.get("violations") or {}).items()) or "-"
        rows.append([
            r["instance"], r["stops"], r["facilities"], budget, r["seed"], r.get("vehicles", "-"), r.get("trips", "-"),
            f"{r['miles']:.1f}" if r.get("miles") is not None else "-", f"{r.get('served', '-')} / {r['stops']}",
            r["plan_exit"], r.get("validate_exit", "-"), viol if not r.get("error") else f"{viol} ({r['error']})",
            best, gap, r.get("wall_s", "-"),
        ])
    return table(["instance", "stops", "facilities", "limit", "seed", "vehicles", "trips", "miles", "served",
                  "plan exit", "valid (exit)", "violations", "best published veh / mi", "Δ miles", "wall s"], rows)


def read_runs(paths: list[Path]) -> list[dict]:
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines if line.strip()]
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, nargs="+", default=INSTANCES)
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per plan (default 60 unless --iterations)")
    parser.add_argument("--iterations", type=int, default=None, help="search iterations per plan")
    parser.add_argument("--seed", type=int, default=None, help="one seed (default 1)")
    parser.add_argument("--seeds", type=int, nargs="+", default=None, help="several seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "kim")
    parser.add_argument("--kim-dir", type=Path, default=KIM_DIR)
    parser.add_argument("--report", type=Path, nargs="*", default=None, help="reprint the table from runs.jsonl files (default OUT/runs.jsonl)")
    parser.add_argument("--convert-only", action="store_true", help="write the scenarios and list the oddities, plan nothing")
    args = parser.parse_args()
    if args.report is not None:
        print(report(read_runs(args.report or [args.out / "runs.jsonl"])))
        return
    seeds = args.seeds or [args.seed if args.seed is not None else 1]
    limit = args.time_limit if args.time_limit is not None or args.iterations is not None else 60.0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"# Kim, Kim & Sahoo 2006 via `wasteopt plan` / `wasteopt validate` — {load_note()}")
    prepared = []
    for number_ in args.instances:
        try:
            inst = read_instance(instance_path(number_, args.kim_dir))
        except KimFormatError as error:
            sys.exit(str(error))
        yaml_path = write_instance(inst, args.out / str(number_))
        notes = questionable(inst)
        print(f"# {number_}: {len(inst.stops)} stops, {len(inst.facilities)} facilities, {inst.total_load_yd3:g} yd³, "
              f"{fleet_count(inst)} trucks offered → {yaml_path}" + (f"; {len(notes)} notes:" if notes else ""))
        for note in notes[:20]:
            print(f"#   {note}")
        if len(notes) > 20:
            print(f"#   … and {len(notes) - 20} more")
        prepared.append((inst, yaml_path))
    if args.convert_only:
        return
    records = []
    with open(args.out / "runs.jsonl", "a", encoding="utf-8") as log:
        for inst, yaml_path in prepared:
            for seed in seeds:
                record = run_one(inst, yaml_path, yaml_path.parent / f"seed{seed}", limit, args.iterations, seed)
                records.append(record)
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
                log.flush()
                print(f"# {inst.number} seed {seed}: plan exit {record['plan_exit']}, validate {record.get('validate_exit', '-')}, "
                      f"{record.get('vehicles', '-')} vehicles, {record.get('miles', '-')} mi, {record['wall_s']} s", flush=True)
    print(report(records))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
