"""What-if studies on Zhangdian: the noise of "variant minus base", the site choice, and time per variant.

    python benchmarks/whatif_zhangdian.py [--iterations 1000 | --time-limit 60] [--seeds 5] [--seed 1]
        [--workers 2] [--variants repair,new-station+repair,close:S03] [--candidates C01,C02,...] [--top 3]
        [--stability W] [--modes cold,warm] [--no-site] [--rooms N]     # --rooms: a generated district of N rooms instead (a quick end-to-end check)

1. **Noise, with and without the warm start.** The base is planned once per seed (``--seeds``, from
   ``--seed`` on). Each variant is then planned with the same seeds twice: from scratch (``cold``, the
   old way: compared with the base's first plans) and from the base's plan of its seed (``warm``:
   the routes near the change re-planned, the rest kept, and compared with the base re-planned on
   the same routes). Per variant and mode: "variant minus base" cost
   by seed, its mean, min–max and spread (max − min), sd, the 95 % paired t-interval and the verdict;
   then the warm spread over the cold spread (target: 1/3 or less), and trucks / km likewise. With
   ``--stability W`` a third mode, ``steady``, warm-starts with that stability weight (a plan moves a
   room off its base truck only for more than W yuan), the lever if the plain warm start falls short.
2. **Time per variant**: the engine's seconds per plan (mean over seeds) and the wall time per batch.
3. **Site, exhaustively.** ``site --open 1`` with every candidate re-planned (``top`` = all, same
   seeds, warm): the exhaustive pick is its rank 1; what ``site --top T`` picks is the best-ranked
   among the estimate's first T and those within ``ESTIMATE_TIE`` of the T-th (plans are
   deterministic per seed and start, so they are the same
   plans ``site --top T`` would make). Spearman and Kendall between the estimate and the full plans
   over all candidates (the issue's target, τ ≥ 0.8, is for the site estimate's own work).
"""

from __future__ import annotations

import argparse
import statistics
import time
from operator import attrgetter

from _common import load_note, table, zhangdian

from wasteopt.whatif.compare import compare
from wasteopt.whatif.executors import make_executor
from wasteopt.whatif.agreement import rank_agreement
from wasteopt.whatif.location import best_selections
from wasteopt.whatif.estimate import build_cost_model
from wasteopt.whatif.site import ESTIMATE_TIE, _base_problem, _calibrate, site, within_reach
from wasteopt.whatif.study import BaseRuns, first_plans, seed_list
from wasteopt.whatif.tasks import Budget
from wasteopt.whatif.variants import apply_variants, split_spec

TARGET_RATIO = 1 / 3
"""The warm start's spread of "variant minus base" should be at most this share of the cold one."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, help="seconds per full plan")
    parser.add_argument("--iterations", type=int, help="search iterations per full plan (default 1000 without --time-limit)")
    parser.add_argument("--seeds", type=int, default=5, help="seeds per plan")
    parser.add_argument("--seed", type=int, default=1, help="first seed")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--variants", help="comma-separated variants (default: the scenario's own and close:S03)")
    parser.add_argument("--candidates", help="comma-separated candidate ids for the site study (default: all)")
    parser.add_argument("--top", type=int, default=3, help="the --top of the site pick compared with the exhaustive one")
    parser.add_argument("--rooms", type=int, help="a generated district of this many rooms instead of Zhangdian")
    parser.add_argument("--stability", type=float, default=0.0,
                        help="also measure the warm start with this stability weight (yuan per room moved; mode 'steady')")
    parser.add_argument("--modes", default="cold,warm",
                        help="comma-separated starts to measure besides 'steady' (cold, warm; the ratios need cold)")
    parser.add_argument("--no-site", action="store_true", help="skip the exhaustive site study")
    args = parser.parse_args()
    if args.time_limit is None and args.iterations is None:
        args.iterations = 1000
    scenario, source = _scenario(args.rooms)
    variants = split_list(args.variants) or [*scenario.variants, *(["close:S03"] if any(s.id == "S03" for s in scenario.stations) else [])]
    for spec in variants:
        apply_variants(scenario, split_spec(spec))  # a bad name fails before hours of planning
    budget = Budget(args.time_limit, args.iterations, args.seed)
    seeds = seed_list(args.seed, args.seeds)
    limit = f"{args.time_limit:g} s" if args.time_limit else f"{args.iterations} iterations"
    print(f"scenario: {source}; {len(scenario.rooms)} rooms; {load_note()}")
    print(f"budget: {limit} per plan, seeds {', '.join(map(str, seeds))}, {args.workers} worker processes\n")
    executor = make_executor(None, args.workers)
    try:
        started = time.monotonic()
        base = first_plans(scenario, budget, seeds, warm=True, executor=executor)
        base_wall = time.monotonic() - started
        print(f"## base: {len(seeds)} first plans in {base_wall:.0f} s wall; cost by seed: "
              + ", ".join(f"{p.kpis['cost']:,.2f}" for p in base.first) + "\n")
        runs = {}
        wanted = split_list(args.modes)
        modes = [(mode, runs_base, 0.0) for mode, runs_base in
                 (("cold", BaseRuns(base.seeds, base.first, warm=False)), ("warm", base)) if mode in wanted]
        if args.stability > 0:
            modes.append(("steady", base, args.stability))
        for mode, runs_base, stability in modes:
            started = time.monotonic()
            runs[mode] = compare(scenario, variants, time_limit=args.time_limit, iterations=args.iterations,
                                 seed=args.seed, seeds=args.seeds, stability=stability, executor=executor, base=runs_base)
            runs[mode].wall = time.monotonic() - started  # type: ignore[attr-defined]
        print_noise(runs)
        print_times(runs)
        if not args.no_site:
            print_site(scenario, args, executor, base)
    finally:
        executor.shutdown(wait=True)


def _scenario(rooms: int | None):
    if rooms is None:
        return zhangdian()
    from wasteopt.scenario.generate import generate

    return generate("zhangdian", rooms=rooms, seed=7), f"generate('zhangdian', rooms={rooms}, seed=7)"


def split_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def spread_of(values: list[float]) -> float:
    return max(values) - min(values)


def print_noise(runs: dict) -> None:
    """Per variant and mode: variant minus base by seed, its spread, interval and verdict; the ratios."""
    print('## noise: "variant minus base" by seed (cost yuan/day; trucks; km)\n')
    rows, ratios = [], []
    by_mode = {mode: {o.name: o for o in comparison.variants} for mode, comparison in runs.items()}
    for name in by_mode[next(iter(runs))]:
        cold = by_mode.get("cold", {}).get(name)
        for mode in runs:
            o = by_mode[mode][name]
            d = o.difference["cost"]
            interval = "-" if d["low"] is None else f"[{d['low']:+,.1f}, {d['high']:+,.1f}]"
            rows.append([o.name, mode, o.baseline, ", ".join(f"{x:+,.0f}" for x in d["per_seed"]), f"{d['mean']:+,.1f}",
                         f"{spread_of(d['per_seed']):,.1f}", f"{statistics.stdev(d['per_seed']) if d['n'] > 1 else 0:,.1f}",
                         interval, o.verdict, _range(o.difference["trucks"]["per_seed"]),
                         _range(o.difference["distance_km"]["per_seed"]), _valid(o),
                         " · ".join(_wider(x.runs) for x in (o, o.compared_with) if x is not None)])
        if cold is None:
            continue
        cold_spread = spread_of(cold.difference["cost"]["per_seed"])
        for mode in runs:
            if mode == "cold":
                continue
            spread = spread_of(by_mode[mode][name].difference["cost"]["per_seed"])
            ratio = spread / cold_spread if cold_spread > 0 else float("nan")
            ratios.append([name, mode, f"{cold_spread:,.1f}", f"{spread:,.1f}", f"{ratio:.2f}",
                           "met" if ratio <= TARGET_RATIO else "NOT met"])
    print(table(["variant", "start", "vs", "Δ cost by seed", "mean", "spread", "sd", "95 % interval", "verdict",
                 "Δ trucks min..max", "Δ km min..max", "valid", "wider tried/taken: variant · base"], rows), "\n")
    print(table(["variant", "start", "cold spread", "spread", "spread / cold", f"target ≤ {TARGET_RATIO:.2f}"], ratios), "\n")


def _wider(runs: list[dict]) -> str:
    """Seeds re-planned again on the wider catchment / seeds whose plan that gave."""
    notes = [run.get("wider_catchment") for run in runs]
    return f"{sum(n is not None for n in notes)}/{notes.count('taken')}"


def print_times(runs: dict) -> None:
    """Engine seconds per plan, mean over the seeds, per variant and mode; wall time per batch."""
    rows = []
    for mode, comparison in runs.items():
        for o in comparison.outcomes:
            rows.append([o.name, mode, f"{statistics.fmean(o.elapsed_s):.1f}", f"{max(o.elapsed_s):.1f}", len(o.elapsed_s)])
        plans = sum(len(o.elapsed_s) for o in comparison.variants) + (len(comparison.base.elapsed_s) if mode != "cold" else 0)
        rows.append(["(batch)", mode, f"wall {comparison.wall:.0f} s", f"{comparison.wall / max(plans, 1):.1f} s/plan", plans])
    print("## time per variant (engine seconds per plan: mean and max over the seeds; wall time per batch)\n")
    print(table(["plan", "start", "mean s", "max s", "plans"], rows), "\n")


def print_site(scenario, args, executor, base: BaseRuns) -> None:
    """Every candidate re-planned: the exhaustive pick against site's pick at --top, and rank agreement."""
    wanted = split_list(args.candidates) or [s.id for s in scenario.stations if s.status == "candidate"]
    started = time.monotonic()
    result = site(scenario, 1, candidates=wanted, time_limit=args.time_limit, iterations=args.iterations,
                  seed=args.seed, seeds=args.seeds, executor=executor, top=len(wanted), base=base)
    wall = time.monotonic() - started
    stem = stem_estimates(scenario, base.first[0], wanted)
    rows = []
    for c in result.choices:
        s = c.saving or {}
        interval = "-" if s.get("low") is None else f"[{s['low']:,.1f}, {s['high']:,.1f}]"
        rows.append([",".join(c.sites), f"{c.estimated_cost:,.2f}", c.estimate_rank, f"{stem[c.sites[0]]:,.2f}",
                     f"{c.full_cost:,.2f}", c.rank, f"{c.saving_per_day:,.1f}", interval, c.verdict, c.payback_years,
                     c.within_life, f"{c.plan.solver.get('elapsed_s', float('nan')):.1f}", _valid(c)])
    exhaustive = result.choices[0]
    by_estimate = sorted(result.choices, key=lambda c: c.estimate_rank)  # what site --top T re-plans: its best T and ties
    shortlist = within_reach(by_estimate, args.top, ESTIMATE_TIE * float(base.first[0].kpis["cost"]), attrgetter("estimated_cost"))
    pick = min(shortlist, key=lambda c: c.rank)
    a = result.agreement
    print(f"## site --open 1, every candidate re-planned ({len(wanted)}; {wall:.0f} s wall)\n")
    print(table(["site", "estimate/day", "est. rank", "stem est./day", "actual/day", "actual rank", "saving/day", "95 % interval",
                 "verdict", "payback y", "within life", "engine s", "valid"], rows), "\n")
    print(f"exhaustive pick: {','.join(exhaustive.sites)}; site --top {args.top} re-plans {len(shortlist)} "
          f"({', '.join(','.join(c.sites) for c in shortlist)}) and picks: {','.join(pick.sites)} "
          f"({'same' if pick is exhaustive else 'DIFFERENT'}); estimate's first: "
          f"{','.join(min(result.choices, key=lambda c: c.estimate_rank).sites)}")
    print(f"route estimate (the default) vs full plans over all {a['n']} candidates: Spearman {a['spearman']}, Kendall {a['kendall']} "
          f"(target τ ≥ 0.8)")
    r = rank_agreement([stem[c.sites[0]] for c in result.choices], [c.full_cost for c in result.choices])
    print(f"stem estimate (site --estimate stem) vs full plans: Spearman {r['spearman']}, Kendall {r['kendall']}\n")


def stem_estimates(scenario, base_plan, wanted: list[str]) -> dict[str, float]:
    """Candidate → the stem estimate of opening it alone (``site --estimate stem``)."""
    sites = [s for s in scenario.stations if s.id in wanted]
    costs = build_cost_model(scenario, sites)
    alpha, _ = _calibrate(costs, base_plan)
    ids = [s.id for s in (*scenario.active_stations, *sites)]
    return {ids[sel.opened[0]]: sel.estimate for sel in best_selections(_base_problem(costs, alpha), 1, top=len(sites))}


def _range(values: list[float]) -> str:
    return f"{min(values):+.1f}..{max(values):+.1f}"


def _valid(outcome) -> str:
    """Whether the validator (run by the study on every seed's plan) found nothing."""
    return "yes" if all(not r["violations"] for r in outcome.runs) else "NO"


if __name__ == "__main__":
    main()
