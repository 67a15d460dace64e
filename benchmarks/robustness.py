"""Hostile variants of Zhangdian and of a generated 3,000-room district, planned by both paths.

Why: a manager must be able to trust every plan written (issue 11) — valid always, and complete
whenever the fleet allows it, on a short limit and a busy machine too. Each variant makes the day
harder in one way: half of the stations closing early (09:00, 10:00, 11:00) or opening late (08:00,
09:00), a share of the rooms with a morning window (06:00–09:00), a share of the rooms behind narrow
lanes (the fleet's smallest class only), a truck lost, a station closed. Variants are built in code,
deterministically from ``--seed``, and written to ``OUT/scenarios/NAME/`` so any run can be repeated
with ``wasteopt plan``.

Each run is its own process (``--run-one``, below), optionally pinned to core 0 with
``taskset -c 0`` (``--core``): it plans the variant by the path asked (``whole``: the district as one model,
``regions``: decomposition forced), writes ``plan.json``, checks it with ``wasteopt.validate`` and
``wasteopt.shortfall`` and prints one JSON line; every line also goes to ``OUT/runs.jsonl``, so
``--report OUT/runs.jsonl`` prints the tables again without planning.

How a run is judged:

- **invalid**: the project's validator (or the engine's own check) finds a violation.
- **incomplete**: rooms unserved or waste left at stations (``wasteopt.shortfall``).
- **needlessly incomplete**: an incomplete plan that the fleet could have made complete. A room the
  engine's reachability screen sets aside can never be served (its reason names distance, hours,
  service time or access), so it is excused. A room left with a *search* reason — "fleet too small",
  "not fitted in the time given", "station capacity" — counts, unless the reference run (the same
  variant by the *other* path, 60 s, unpinned) left it unserved too: then nothing shows a plan serving
  it exists. Waste left at stations counts unless the reference left waste too. Without a
  reference run (limits without 60, or one path only) every room with a search reason counts.
- **exit**: in the order of ``wasteopt plan``: 1 violations (the validator's or the engine's), 3 rooms
  unserved / waste left / an error diagnostic, 0 complete; a run without a verdict shows its process
  status (or ``timeout``, after 3 × limit + 10 min).
- **cost ratio**: chain cost against the same variant and path at 60 s unpinned.
- **wall**: the child process from start to exit, Python start-up and writing included.

    python benchmarks/robustness.py --list
    python benchmarks/robustness.py --districts zhangdian gen3000 --limits 10 60 --paths whole regions --pinning pinned both
    python benchmarks/robustness.py --report out/robustness/runs.jsonl [more runs.jsonl …]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from _common import ROOT, load_note, table, zhangdian
from wasteopt.scenario.models import Room, Scenario, Station

PATHS = {"whole": 10**9, "regions": 0}
"""``decompose_above`` for each path: never split, always split."""
SEARCH_REASONS = ("fleet too small", "not fitted in the time given", "station capacity")
"""Unserved reasons that say the search, not the scenario, left the room out."""
REFERENCE = (60.0, "both")
"""(limit, pinning) of the run a variant's costs are compared with and its shortfalls checked against."""
HOUR = 3600


@dataclass(frozen=True)
class Hostile:
    """A named hostile variant: what it changes, in words, and the change itself."""

    name: str
    what: str
    build: Callable[[Scenario], Scenario]


@dataclass(frozen=True)
class Run:
    """One planning run of the benchmark."""

    district: str
    variant: str
    path: str
    limit: float
    pinning: str


# --- variants -------------------------------------------------------------------------------------


def existing_stations(scenario: Scenario) -> list[Station]:
    """The stations in use, by id (candidate sites are not planned, so changing them proves nothing)."""
    return sorted(scenario.active_stations, key=lambda s: s.id)


def with_stations(scenario: Scenario, ids: set[str], change: dict[str, int]) -> Scenario:
    """The scenario with the given fields changed on stations ``ids``; an hour moved past the other end
    of the station's hours drags it along by an hour, so the station stays valid."""
    def changed(st: Station) -> Station:
        hours = {"open": st.open, "close": st.close, **change}
        if "close" in change:
            hours["open"] = min(hours["open"], hours["close"] - HOUR)
        else:
            hours["close"] = max(hours["close"], hours["open"] + HOUR)
        return st.model_copy(update=hours)

    return scenario.model_copy(update={"stations": [changed(s) if s.id in ids else s for s in scenario.stations]})


def with_rooms(scenario: Scenario, ids: set[str], change: dict[str, int]) -> Scenario:
    """The scenario with the given fields changed on rooms ``ids``."""
    rooms = [r.model_copy(update=change) if r.id in ids else r for r in scenario.rooms]
    return scenario.model_copy(update={"rooms": rooms})


def station_hours(base: Scenario, prefix: str, parity: str, field: str, hour: int) -> Hostile:
    """Every other station (``even``: 1st, 3rd, … by id; ``odd``: 2nd, 4th, …) closes or opens at ``hour``."""
    stations = existing_stations(base)[{"even": 0, "odd": 1}[parity]::2]
    ids = {s.id for s in stations}
    what = f"{len(ids)} of {len(existing_stations(base))} stations ({', '.join(sorted(ids)[:3])}, …) {field} at {hour:02d}:00"
    return Hostile(f"{prefix}-{field}{hour:02d}-{parity}", what, lambda s: with_stations(s, ids, {field: hour * HOUR}))


def sample_rooms(rooms: list[Room], share: float, rng: np.random.Generator, total: int) -> set[str]:
    """``share`` of ``total`` rooms drawn from ``rooms`` (all of them if fewer are eligible)."""
    k = min(len(rooms), round(share * total))
    return {str(i) for i in rng.choice([r.id for r in rooms], size=k, replace=False)}


def morning_windows(base: Scenario, prefix: str, percent: int, rng: np.random.Generator) -> Hostile:
    """``percent`` % of the rooms may only be emptied 06:00–09:00 (a market street, a school)."""
    ids = sample_rooms(base.rooms, percent / 100, rng, len(base.rooms))
    what = f"{len(ids)} rooms ({percent} %) emptied 06:00–09:00 only"
    return Hostile(f"{prefix}-morning{percent}", what, lambda s: with_rooms(s, ids, {"tw_open": 6 * HOUR, "tw_close": 9 * HOUR}))


def narrow_lanes(base: Scenario, prefix: str, percent: int, rng: np.random.Generator) -> Hostile:
    """``percent`` % of the rooms admit only the fleet's smallest class; drawn among rooms whose waste
    such a truck carries (a heavier one would be a load error, not a hard day)."""
    small = [vt for vt in base.fleet if vt.count > 0]
    smallest = min(vt.vehicle_class for vt in small)
    carry = max(vt.capacity_kg for vt in small if vt.vehicle_class == smallest)
    fits = [r for r in base.rooms if r.waste_kg_per_day <= carry]
    ids = sample_rooms(fits, percent / 100, rng, len(base.rooms))
    what = f"{len(ids)} rooms ({percent} %) reachable by class {smallest} trucks only"
    return Hostile(f"{prefix}-narrow{percent}", what, lambda s: with_rooms(s, ids, {"max_vehicle_class": smallest}))


def truck_lost(base: Scenario, prefix: str, which: str) -> Hostile:
    """One truck fewer of the type with most trucks (``most``) or of the largest trucks' type with
    most trucks (``big``)."""
    rank = {"most": lambda vt: (vt.count, vt.capacity_kg), "big": lambda vt: (vt.capacity_kg, vt.count)}[which]
    lost = max((vt for vt in base.fleet if vt.count > 0), key=rank).id
    what = f"one {lost} truck fewer"

    def build(s: Scenario) -> Scenario:
        fleet = [vt.model_copy(update={"count": vt.count - 1}) if vt.id == lost else vt for vt in s.fleet]
        return s.model_copy(update={"fleet": fleet})

    return Hostile(f"{prefix}-lose1-{which}", what, build)


def station_shut(base: Scenario, prefix: str, which: str, rng: np.random.Generator) -> Hostile:
    """One station closed for the day: the largest (``big``) or one drawn at random (``rand``). The
    scenario's own variants are dropped: one of them may name the closed station, which the loader
    would reject when the variant is read back."""
    stations = existing_stations(base)
    largest = max(stations, key=lambda s: s.capacity_t_per_day)
    others = [s for s in stations if s.id != largest.id]
    shut = largest if which == "big" else others[int(rng.integers(len(others)))]
    what = f"station {shut.id} closed ({shut.capacity_t_per_day:g} t/day)"

    def build(s: Scenario) -> Scenario:
        return s.model_copy(update={"stations": [x for x in s.stations if x.id != shut.id], "variants": {}})

    return Hostile(f"{prefix}-shut-{shut.id}", what, build)


def catalogue(base: Scenario, prefix: str, seed: int) -> list[Hostile]:
    """Every hostile variant of a district (20), the kinds interleaved so that the first few
    variants already cover every kind. Random draws depend on the seed and the variant's kind only."""
    def rng(tag: str) -> np.random.Generator:
        return np.random.default_rng([seed, zlib.crc32(tag.encode())])

    kinds = [
        [station_hours(base, prefix, p, "close", h) for h in (10, 9, 11) for p in ("even", "odd")],
        [station_hours(base, prefix, p, "open", h) for h in (9, 8) for p in ("even", "odd")],
        [morning_windows(base, prefix, pct, rng(f"morning{pct}")) for pct in (20, 10, 30)],
        [narrow_lanes(base, prefix, pct, rng(f"narrow{pct}")) for pct in (15, 10, 20)],
        [truck_lost(base, prefix, which) for which in ("big", "most")],
        [station_shut(base, prefix, which, rng("shut")) for which in ("big", "rand")],
    ]
    return interleave(kinds)


def interleave(groups: list[list[Hostile]]) -> list[Hostile]:
    """First of each group, then second of each, …"""
    longest = max(len(g) for g in groups)
    return [g[k] for k in range(longest) for g in groups if k < len(g)]


def district(name: str, seed: int) -> tuple[Scenario, str, str]:
    """A district by name — ``zhangdian`` (the shipped file) or ``genN`` (generated, N rooms) — with the
    prefix of its variants' names and where it came from."""
    if name == "zhangdian":
        scenario, source = zhangdian(seed)
        return scenario, "zd", source
    match = re.fullmatch(r"gen(\d+)", name)
    if not match:
        raise SystemExit(f"unknown district {name!r} (zhangdian or genN, e.g. gen3000)")
    from wasteopt.scenario.generate import generate

    rooms = int(match.group(1))
    return generate(rooms=rooms, seed=seed), f"g{rooms}", f"generate(rooms={rooms}, seed={seed})"


# --- one run, in its own process ------------------------------------------------------------------


def run_one(scenario_dir: str, path: str, time_limit: float, seed: int, out: str) -> int:
    """Plan a scenario on disk by the path given, write ``plan.json``, print the verdict as one JSON
    line; the exit status is the one ``wasteopt plan`` would give."""
    started = time.monotonic()
    import wasteopt
    from wasteopt.plan.models import save_plan
    from wasteopt.solve.engine import solve
    from wasteopt.solve.options import SolveOptions

    scenario = wasteopt.load_scenario(str(Path(scenario_dir) / "scenario.yaml"))
    plan = solve(scenario, time_limit=time_limit, seed=seed, options=SolveOptions(decompose_above=PATHS[path], started=started))
    Path(out).mkdir(parents=True, exist_ok=True)
    save_plan(plan, Path(out) / "plan.json")
    verdict = judge(scenario, plan)
    verdict["solve_s"] = round(time.monotonic() - started, 2)
    print(json.dumps(verdict, ensure_ascii=False))
    return verdict["exit"]


def judge(scenario: Scenario, plan) -> dict:
    """Cost, trucks, rooms unserved with reasons, violations (ours and the engine's), what is left
    undone, and the exit status (1 violations, 3 incomplete or an error diagnostic, 0 complete)."""
    import wasteopt

    violations = [str(v) for v in wasteopt.validate(scenario, plan)]
    engine = list(plan.solver.get("violations") or [])
    undone = wasteopt.shortfall(scenario, plan)
    errors = any(d.level == "error" for d in plan.diagnostics)
    code = 1 if violations or engine else 3 if (undone or plan.unserved or errors) else 0
    return {
        "cost": plan.kpis["cost"], "trucks": plan.kpis["vehicles_used"],
        "unserved": [[u.id, u.reason] for u in plan.unserved], "left_kg": sum(undone.left_kg.values()),
        "shortfall": str(undone) if undone else "", "violations": (violations or engine)[:3],
        "n_violations": len(violations), "engine_violations": len(engine), "exit": code,
    }


# --- launching runs ------------------------------------------------------------------------------


def pin_prefix(pinning: str, core: int) -> list[str]:
    """The command prefix that pins a run to one core (none for runs on every core)."""
    return ["taskset", "-c", str(core)] if pinning == "pinned" else []


def launch(run: Run, scenario_dir: Path, out: Path, seed: int, core: int = 0) -> dict:
    """Run one plan in a child process (its own process group, so a timeout stops its workers too) and
    return its record: the run, the child's JSON verdict or why there is none, status and wall time."""
    cmd = [*pin_prefix(run.pinning, core), sys.executable, str(Path(__file__).resolve()), "--run-one", str(scenario_dir),
           "--path", run.path, "--time-limit", f"{run.limit:g}", "--seed", str(seed), "--out", str(out)]
    record = {**asdict(run), "load1": round(os.getloadavg()[0], 2)}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=3 * run.limit + 600)
        record["rc"] = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        record["rc"] = "timeout"
    record["process_s"] = round(time.monotonic() - start, 2)
    return {**record, **verdict_line(stdout, stderr), "written": (out / "plan.json").exists()}


def verdict_line(stdout: str, stderr: str) -> dict:
    """The child's JSON verdict (its last line), or its last line of error output."""
    lines = stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": tail[:300]}


def plan_runs(names: list[str], args: argparse.Namespace) -> list[Run]:
    """Every run of the benchmark, the variant outermost (so a variant's runs finish together)."""
    pinnings = [p for p in args.pinning if p != "pinned" or shutil.which("taskset")]
    return [
        Run(name.split("/")[0], name.split("/")[1], path, float(limit), pinning)
        for name in names for path in args.paths for limit in args.limits for pinning in pinnings
    ]


def benchmark(args: argparse.Namespace) -> list[dict]:
    """Write every variant, run every run, append each record to ``OUT/runs.jsonl`` as it finishes."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dirs = write_variants(args, out / "scenarios")
    records = []
    with open(out / "runs.jsonl", "w", encoding="utf-8") as log:
        for run in plan_runs(list(dirs), args):
            target = out / "runs" / run.variant / f"{run.path}-{run.limit:g}s-{run.pinning}"
            record = launch(run, dirs[f"{run.district}/{run.variant}"], target, args.seed, args.core)
            records.append(record)
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
            log.flush()
            print(progress_line(record), flush=True)
    return records


def write_variants(args: argparse.Namespace, root: Path) -> dict[str, Path]:
    """Each selected variant written as a scenario directory; ``district/variant`` → directory."""
    from wasteopt.scenario.writer import save_scenario

    dirs = {}
    for name in args.districts:
        base, prefix, _ = district(name, args.seed)
        for hostile in catalogue(base, prefix, args.seed)[: args.variants]:
            dirs[f"{name}/{hostile.name}"] = root / hostile.name
            save_scenario(hostile.build(base), root / hostile.name)
    return dirs


def progress_line(r: dict) -> str:
    """One line per finished run, so a long benchmark shows it is alive."""
    what = r.get("error") or r.get("shortfall") or "complete"
    return (f"# {r['variant']} {r['path']} {r['limit']:g}s {r['pinning']}: exit {r.get('exit', r['rc'])}, "
            f"{r['process_s']:.1f} s, {what}{' — INVALID' if r.get('violations') else ''}")


# --- report ----------------------------------------------------------------------------------------


def key(r: dict, path: str | None = None, limit: float | None = None, pinning: str | None = None) -> tuple:
    """A run's identity; the arguments swap one part (to find a reference run)."""
    return (r["district"], r["variant"], path or r["path"], limit or r["limit"], pinning or r["pinning"])


def other_path(path: str) -> str:
    """The path a run's shortfalls are checked against."""
    return "regions" if path == "whole" else "whole"


def invalid(r: dict) -> bool:
    """Whether the validator or the engine's own check found a violation."""
    return bool(r.get("n_violations") or r.get("engine_violations"))


def needless(r: dict, runs: dict[tuple, dict]) -> str:
    """Why the run is needlessly incomplete (see the module docstring), or ``""``."""
    if "cost" not in r:
        return ""
    ref = runs.get(key(r, other_path(r["path"]), *REFERENCE))
    excused = {rid for rid, _ in ref["unserved"]} if ref and "cost" in ref else set()
    rooms = [(rid, why) for rid, why in r["unserved"] if why.startswith(SEARCH_REASONS) and rid not in excused]
    if rooms:
        return f"{len(rooms)} room{'s' if len(rooms) != 1 else ''}, e.g. {rooms[0][0]}: {rooms[0][1]}"
    if r["left_kg"] and not (ref and ref.get("left_kg")):
        return r["shortfall"]
    return ""


def cost_ratio(r: dict, runs: dict[tuple, dict]) -> float | None:
    """Cost against the same variant and path at 60 s unpinned (None without both costs)."""
    ref = runs.get(key(r, None, *REFERENCE))
    if "cost" not in r or not ref or not ref.get("cost"):
        return None
    return r["cost"] / ref["cost"]


def exit_histogram(records: Iterable[dict]) -> str:
    """Exit statuses with counts, e.g. ``0×18 3×2``; a run without a verdict shows its process status."""
    counts = Counter(str(r["exit"]) if "exit" in r else f"{r['rc']} (no verdict)" for r in records)
    return " ".join(f"{code}×{n}" for code, n in sorted(counts.items()))


def summary_row(group: tuple, records: list[dict], runs: dict[tuple, dict]) -> list:
    """One row of the main table: a (district, path, limit, pinning) group."""
    ratios = [x for x in (cost_ratio(r, runs) for r in records) if x is not None]
    walls = [r["process_s"] for r in records]
    return [
        *group[:2], f"{group[2]:g}", group[3], len(records), sum(bool(r["written"]) for r in records),
        sum(invalid(r) for r in records), sum(bool(needless(r, runs)) for r in records), exit_histogram(records),
        f"{statistics.median(ratios):.3f}" if ratios else "–", f"{max(ratios):.3f}" if ratios else "–",
        f"{statistics.median(walls):.1f} / {max(walls):.1f}",
    ]


def report(records: list[dict]) -> str:
    """The summary table and the table of every failing run."""
    runs = {key(r): r for r in records}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        groups[(r["district"], r["path"], r["limit"], r["pinning"])].append(r)
    headers = ["district", "path", "limit s", "pinning", "runs", "plans written", "invalid", "needlessly incomplete",
               "exit codes", "cost / 60 s unpinned (median)", "(max)", "wall s (median / max)"]
    text = table(headers, [summary_row(g, rs, runs) for g, rs in sorted(groups.items())])
    failing = failures(records, runs)
    if failing:
        text += "\n\nFailing runs:\n\n" + table(["run", "exit", "verdict", "first violation / reason"], failing)
    return text


def failures(records: list[dict], runs: dict[tuple, dict]) -> list[list]:
    """Every run with no plan, an invalid plan or a needlessly incomplete one, with what to look at."""
    rows = []
    for r in records:
        name = f"{r['variant']} {r['path']} {r['limit']:g}s {r['pinning']}"
        why = needless(r, runs)
        if "cost" not in r:
            rows.append([name, r["rc"], "no verdict" if r["written"] else "no plan", r.get("error", "")])
        elif invalid(r):
            rows.append([name, r["exit"], "invalid", (r["violations"] or [""])[0]])
        elif why:
            rows.append([name, r["exit"], "needlessly incomplete", why])
    return [[cell.replace("|", "/") if isinstance(cell, str) else cell for cell in row] for row in rows]


# --- command line -----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    """The options; ``--run-one``, ``--path`` and ``--time-limit`` are the child process's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", nargs="+", default=["zhangdian", "gen3000"], help="zhangdian and/or genN")
    parser.add_argument("--variants", type=int, default=20, help="variants per district (20 exist)")
    parser.add_argument("--limits", type=float, nargs="+", default=[10, 60])
    parser.add_argument("--paths", nargs="+", choices=list(PATHS), default=list(PATHS))
    parser.add_argument("--pinning", nargs="+", choices=["pinned", "both"], default=["pinned", "both"],
                        help="pinned: taskset -c CORE; both: every core")
    parser.add_argument("--core", type=int, default=0,
                        help="the core pinned runs use (two benchmarks pinned to different cores can run at once)")
    parser.add_argument("--seed", type=int, default=1, help="variants, generated districts and the solver")
    parser.add_argument("--out", default=str(ROOT / "out" / "robustness"))
    parser.add_argument("--list", action="store_true", help="print the variants and exit")
    parser.add_argument("--report", metavar="RUNS_JSONL", nargs="+",
                        help="print the tables of earlier benchmarks (their runs together) and exit")
    parser.add_argument("--run-one", metavar="SCENARIO_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--path", choices=list(PATHS), help=argparse.SUPPRESS)
    parser.add_argument("--time-limit", type=float, help=argparse.SUPPRESS)
    return parser.parse_args()


def list_variants(args: argparse.Namespace) -> None:
    """Print each district's selected variants: name and what it changes."""
    for name in args.districts:
        base, prefix, source = district(name, args.seed)
        chosen = catalogue(base, prefix, args.seed)[: args.variants]
        print(f"# {name} ({source}: {len(base.rooms)} rooms, {len(existing_stations(base))} stations): {len(chosen)} variants")
        for hostile in chosen:
            print(f"{hostile.name:24} {hostile.what}")


def main() -> None:
    """A child's run, the variant list, a re-printed report, or the whole benchmark."""
    args = parse_args()
    if args.run_one:
        sys.exit(run_one(args.run_one, args.path, args.time_limit, args.seed, args.out))
    if args.list:
        return list_variants(args)
    if args.report:
        records = [json.loads(line) for runs_file in args.report
                   for line in Path(runs_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        return print(report(records))
    if "pinned" in args.pinning and not shutil.which("taskset"):
        print("# taskset not found: the pinned runs are skipped")
    print(f"# robustness, seed {args.seed} — {load_note()}")
    records = benchmark(args)
    print(report(records))
    print(f"# after: {load_note()}")


if __name__ == "__main__":
    main()
