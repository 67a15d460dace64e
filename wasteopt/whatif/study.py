"""The plans of a what-if study: the base and every variant, each with several seeds.

For each seed ``s`` the base is planned from scratch (its *first plan*). Then, with the warm start
(the default), every variant is re-planned from that first plan with the same seed ``s``, and so is
everything it is compared with (the base, or its baseline): each pair on the same part of the
district. The routes the change does not touch are kept as they are (:mod:`wasteopt.solve.focus`,
:mod:`wasteopt.solve.kept`); the rest is repaired where the change forces it and searched
(:mod:`wasteopt.solve.previous`). What differs between a variant and its reference then comes from
the change rather than from the search's luck on the far side of the district. Where that part is
too narrow (a plan of the seed needs more trucks than the first plan: the neighbours that must take
a closed station's waste were kept), every plan near the same stations with that seed is made again
on a wider part, and each keeps the better of its two. Last, each side of a
pair takes the other's plan of the same seed where that is a plan for it too and costs less
(:func:`_cross_check`): the plan without a new station is also a plan with it, so an opening never
shows as dearer because the search missed something on its side. A change to the
collection fleet touches every route: the pair is then re-planned whole, still from the same start.
Without the warm start (``warm=False``) every plan starts from scratch and variants are compared
with the base's first plans.

Every plan of a batch goes through one executor (:func:`wasteopt.whatif.sweep.run_plans`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from wasteopt.network import network_for
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import validate
from wasteopt.scenario.models import Scenario
from wasteopt.solve.focus import WIDER_CATCHMENT, changed_stations, trucks_to_keep
from wasteopt.whatif.kpis import summarise, worse_served
from wasteopt.whatif.sweep import Job, run_plans
from wasteopt.whatif.tasks import Budget

BASE = "base"
"""The name the base goes by among a study's jobs and references."""


@dataclass(frozen=True)
class BaseRuns:
    """The base's first plans (from scratch), one per seed; ``warm``: whether the study re-plans from them."""

    seeds: tuple[int, ...]
    first: tuple[Plan, ...]
    warm: bool = True


@dataclass(frozen=True)
class Replans:
    """Each job's plans by seed, and for each job the plans of everything it is compared with
    (``paired[job][reference]``, the reference ``"base"`` or another job), re-planned on the same
    part of the district as the job (the base's first plans, or the reference's own, when cold)."""

    plans: dict[str, list[Plan]]
    paired: dict[str, dict[str, list[Plan]]]


STUDY_NOTES = ("plan_of", "wider_catchment")
"""What the study writes into a plan's ``solver`` about how it came by it: the other side of the pair
whose plan it took, and whether a wider part was tried ("tried") or gave this plan ("taken")."""


def study_notes(plan: Plan) -> dict[str, str]:
    """The plan's :data:`STUDY_NOTES` that are set (for the runs of ``comparison.json`` and ``site.json``)."""
    return {key: plan.solver[key] for key in STUDY_NOTES if plan.solver.get(key)}


def seed_list(seed: int, seeds: int) -> tuple[int, ...]:
    """The seeds of a study: ``seed, seed + 1, …`` (``seeds`` of them)."""
    if seeds < 1:
        raise ValueError("a study needs at least one seed")
    return tuple(range(seed, seed + seeds))


def first_plans(scenario: Scenario, budget: Budget, seeds: Sequence[int], *, warm: bool = True,
                executor: Executor | None = None, progress: Callable[[str], None] | None = None) -> BaseRuns:
    """The base planned from scratch once per seed."""
    names = {_named(BASE, s): s for s in seeds}
    done = run_plans({name: (scenario, []) for name in names}, budget, executor=executor, progress=progress, seeds=names)
    return BaseRuns(tuple(seeds), tuple(done[name] for name in names), warm)


def plan_from_base(base: BaseRuns, scenario: Scenario, jobs: Mapping[str, Job], budget: Budget, *,
                   references: Mapping[str, Sequence[str]] | None = None, executor: Executor | None = None,
                   progress: Callable[[str], None] | None = None) -> Replans:
    """Every job planned with each of the base's seeds, and what each is compared with
    (``references[job]``, default the base; names of ``"base"`` or of other jobs) — warm: each pair
    from the base's first plan of that seed, near the change (see the module docstring)."""
    refs = {name: list((references or {}).get(name, [BASE])) for name in jobs}
    every: dict[str, Job] = {BASE: (scenario, []), **jobs}
    if not base.warm:
        done = run_plans({_named(name, s): job for name, job in jobs.items() for s in base.seeds}, budget,
                         executor=executor, progress=progress,
                         seeds={_named(name, s): s for name in jobs for s in base.seeds})
        plans = {name: [done[_named(name, s)] for s in base.seeds] for name in jobs}
        own = {BASE: list(base.first), **plans}
        return Replans(plans, {name: {r: own[r] for r in refs[name]} for name in jobs})
    changes = {name: changed_stations(scenario, job[0]) for name, job in every.items()}
    wanted = {name: (name, changes[name]) for name in jobs}
    pairs = {(name, r): (r, _union(changes[name], changes[r])) for name in jobs for r in refs[name]}
    done = _near(base, scenario, every, {*wanted.values(), *pairs.values()}, budget, executor, progress)
    for (name, ref), pair in pairs.items():
        _cross_check(every[name][0], done[wanted[name]], every[ref][0], done[pair], name, ref)
    return Replans({name: done[key] for name, key in wanted.items()},
                   {name: {r: done[pairs[name, r]] for r in refs[name]} for name in jobs})


Near = tuple[str, "frozenset[str] | None"]
"""A job re-planned near a set of changed stations (None: whole)."""


def _near(base: BaseRuns, scenario: Scenario, every: Mapping[str, Job], wanted: set[Near], budget: Budget,
          executor: Executor | None, progress: Callable[[str], None] | None) -> dict[Near, list[Plan]]:
    """Each (job, changed stations) re-planned from the base's first plan of every seed, keeping the
    trucks the change does not touch. Where a plan near some changed stations needs more trucks than
    the first plan of its seed, every job near those stations is re-planned again with that seed on
    the wider catchment (:data:`~wasteopt.solve.focus.WIDER_CATCHMENT`), and each keeps the better of
    its two plans: both sides of a pair get the same second try, so the pair stays comparable."""
    network = network_for(scenario)
    first = dict(zip(base.seeds, base.first))

    def replan(keeps: dict[tuple[Near, int], frozenset[str]], wider: bool) -> dict[tuple[Near, int], Plan]:
        """Each (job near its stations, seed) re-planned keeping the trucks given."""
        batch: dict[str, Job] = {}
        seed_of: dict[str, int] = {}
        start_of: dict[str, Plan] = {}
        keep_of: dict[str, frozenset[str]] = {}
        label: dict[tuple[Near, int], str] = {}
        for ((name, changed), seed), keep in keeps.items():
            where = "whole" if changed is None else "near " + (",".join(sorted(changed)) or "nothing")
            text = label[(name, changed), seed] = _named(f"{name} ({where}{', wider' if wider else ''})", seed)
            batch[text], seed_of[text], start_of[text], keep_of[text] = every[name], seed, first[seed], keep
        done = run_plans(batch, budget, executor=executor, progress=progress, seeds=seed_of, starts=start_of, keeps=keep_of)
        return {item: done[text] for item, text in label.items()}

    order = sorted(wanted, key=lambda key: (key[0] != BASE, key[0], sorted(key[1] or ["*"])))
    narrow_keep = {(key, seed): trucks_to_keep(scenario, network, first[seed], key[1]) for key in order for seed in base.seeds}
    done = replan(narrow_keep, wider=False)
    crowded = {(key[1], seed) for (key, seed), plan in done.items() if len(plan.routes) > len(first[seed].routes)}
    wide_keep = {(key, seed): trucks_to_keep(scenario, network, first[seed], key[1], WIDER_CATCHMENT)
                 for key, seed in done if key[1] and (key[1], seed) in crowded}
    wide_keep = {item: keep for item, keep in wide_keep.items() if keep != narrow_keep[item]}
    for (key, seed), plan in (replan(wide_keep, wider=True) if wide_keep else {}).items():
        narrow = done[key, seed]
        better = plan if _cheaper(every[key[0]][0], plan, narrow) else narrow
        spent = round(sum(float(p.solver.get("elapsed_s") or 0.0) for p in (narrow, plan)), 2)  # both tries
        solver = {**better.solver, "elapsed_s": spent, "wider_catchment": "taken" if better is plan else "tried"}
        done[key, seed] = better.model_copy(update={"solver": solver})
    return {key: [done[key, s] for s in base.seeds] for key in order}


def _cross_check(scenario: Scenario, plans: list[Plan], other_scenario: Scenario, other_plans: list[Plan], name: str, other: str) -> None:
    """Seed by seed, each side of a pair takes the other side's plan where that is a plan for it too
    (the validator finds nothing wrong) and does at least as much for less: a station opened or a
    truck added cannot make the day dearer, a station closed cannot make it cheaper. So where the
    search happens to do worse on one side, that does not show as a difference."""
    for k, (mine, theirs) in enumerate(zip(list(plans), list(other_plans))):
        plans[k] = _better_for(scenario, mine, theirs, other)
        other_plans[k] = _better_for(other_scenario, theirs, mine, name)


def _better_for(scenario: Scenario, own: Plan, other: Plan, other_name: str) -> Plan:
    """``own``, or ``other`` (named as its own) if it is a plan for ``scenario`` that serves as much for less."""
    if other is own or validate(scenario, other) or not _cheaper(scenario, other, own):
        return own
    solver = {**other.solver, "elapsed_s": own.solver.get("elapsed_s"), "plan_of": other_name}
    return other.model_copy(update={"variant": list(own.variant), "solver": solver})


def _cheaper(scenario: Scenario, plan: Plan, than: Plan) -> bool:
    """Whether ``plan`` serves as much as ``than`` for less, both as the validator finds them."""
    mine, theirs = (summarise(scenario, p, validate(scenario, p)) for p in (than, plan))
    return not worse_served(mine, theirs) and theirs["cost"] < mine["cost"] - COST_EPSILON


COST_EPSILON = 0.005
"""Yuan below which two plans cost the same (costs are rounded to the fen)."""


def _union(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return None if a is None or b is None else a | b


def _named(name: str, seed: int) -> str:
    return f"{name} (seed {seed})"
