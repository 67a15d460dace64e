"""CLI commands of the what-if area: ``compare`` (variants side by side) and ``site`` (best K sites).

Thin: check the outputs can be written, parse flags, call :func:`wasteopt.whatif.compare.compare` /
:func:`wasteopt.whatif.site.site` through the executor chosen by ``--cluster`` / ``--workers``, print
the table, write the files. Exit status (:func:`study_exit_status`) 0; 1 if some plan has violations
(found by the engine's own check or by the validator run here: a bug, the plans are named); 3 if some
plan leaves rooms unserved or work undone (an error diagnostic, e.g. containers the haul leaves
behind) — everything is still written; 2 on bad input or an output that cannot be written.
Messages and tables (:mod:`wasteopt.whatif.tables`) are in the language of ``--lang``
(:func:`wasteopt.i18n.choose_language`); so are the common problems of a scenario that does not load
(:func:`wasteopt.scenario.messages.problems_in`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import wasteopt
from wasteopt.commands.common import EXIT_INCOMPLETE, EXIT_VIOLATIONS, lang_option, reports_bad_input
from wasteopt.commands.outputs import check_writable, writing
from wasteopt.i18n import choose_language, text
from wasteopt.scenario.messages import problems_in
from wasteopt.whatif.compare import compare, save_comparison
from wasteopt.whatif.executors import make_executor
from wasteopt.whatif.site import save_site, site
from wasteopt.whatif.tables import comparison_table, site_table
from wasteopt.whatif.variants import spec_label, split_spec, without_openings

if TYPE_CHECKING:
    from wasteopt.plan.models import Plan

EXIT_OK = 0
EXIT_UNSERVED = EXIT_INCOMPLETE


def _budget_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options both commands share: budget, seed, output directory, where to run, language."""
    options = [
        click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), help="Seconds per plan (wall clock)."),
        click.option("--iterations", type=click.IntRange(min=1), help="Search iterations per plan (with --seed: reproducible)."),
        click.option("--seed", type=int, default=0, show_default=True, help="First random seed; every plan uses the same seeds."),
        click.option("--seeds", "seeds", type=click.IntRange(min=1), default=3, show_default=True,
                     help="Seeds per plan (SEED, SEED+1, ...): each figure's spread and each difference's interval come from them."),
        click.option("--stability", type=click.FloatRange(min=0), default=0.0, show_default=True,
                     help="Yuan per room a plan must save to move it off its truck in the base plan (as plan --stability)."),
        click.option("--cold", is_flag=True,
                     help="Plan every variant from scratch instead of from the base plan of its seed (for measuring the warm start)."),
        click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
                     help="Directory for the plans and the summary JSON."),
        click.option("--cluster", metavar="ADDRESS", help="Run the plans on a Dask cluster (tcp://HOST:8786)."),
        click.option("--workers", type=click.IntRange(min=1), help="Local worker processes (default: the cores)."),
        click.option("--quiet", is_flag=True, help="Print nothing but errors."),
    ]
    for option in reversed(options):
        command = option(command)
    return lang_option(command)


def plans_with_violations(plans: Iterable[tuple[str, Plan, dict[str, Any]]]) -> dict[str, int]:
    """Name → number of violations, for each ``(name, plan, kpis)`` that has any: the engine's own
    check (``plan.solver["violations"]``) and the validator run by the study (``kpis["violations"]``)
    together, each violation counted once."""
    found = {}
    for name, plan, kpis in plans:
        violations = {str(v) for v in (*(plan.solver.get("violations") or ()), *kpis.get("violations", ()))}
        if violations:
            found[name] = len(violations)
    return found


def study_exit_status(violating: dict[str, int], incomplete: bool) -> int:
    """1 if some plan has violations (a bug outranks an incomplete plan), 3 if some plan is
    incomplete, else 0."""
    if violating:
        return EXIT_VIOLATIONS
    return EXIT_UNSERVED if incomplete else EXIT_OK


def _finish(violating: dict[str, int], incomplete: bool, lang: str = "en") -> None:
    """Name the plans with violations on stderr (even with --quiet) and exit with the study's status."""
    if violating:
        named = ", ".join(f"{name} ({count})" for name, count in violating.items())
        click.echo(text("cli.study_violations", lang, named=named), err=True)
    sys.exit(study_exit_status(violating, incomplete))


def _progress(quiet: bool, lang: str = "en") -> Callable[[str], None] | None:
    """Tell the user which plan just finished, on a terminal only."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda name: click.echo(text("cli.planned", lang, name=name), err=True)


@click.command("compare")
@click.argument("scenario_path", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.option("--variant", "variants", multiple=True, required=True,
              help="A variant to compare with the base; a+b composes (repeatable).")
@_budget_options
@reports_bad_input
def compare_command(scenario_path: str, variants: tuple[str, ...], time_limit: float | None, iterations: int | None,
                    seed: int, seeds: int, stability: float, cold: bool, out_dir: str, cluster: str | None,
                    workers: int | None, quiet: bool, lang: str | None) -> None:
    """Plan SCENARIO and each --variant with the same budget and --seeds seeds, and compare them side by side.

    Each variant starts from the base plan of its seed; each line ends with the difference to what it
    is compared with (the base; for "open + close", the same closing without the opening), its 95 %
    interval and a verdict. Writes OUT/<name>/plan.json for every plan (the first seed's) and
    OUT/comparison.json."""
    out = Path(out_dir)
    names = ["base", *(spec_label(split_spec(v)) for v in variants)]
    check_writable(folders=[out], files=[out / "comparison.json", *(out / name / "plan.json" for name in names)])
    with problems_in(choose_language(lang)):
        scenario = wasteopt.load_scenario(scenario_path)
    lang = choose_language(lang, scenario)
    baselines = [without_openings(scenario, split_spec(v)) for v in variants]
    check_writable(files=[out / spec_label(names) / "plan.json" for names in baselines if names is not None])
    executor = make_executor(cluster, workers or _cores())
    try:
        result = compare(scenario, list(variants), time_limit=time_limit, iterations=iterations, seed=seed, seeds=seeds,
                         warm=not cold, stability=stability, executor=executor, source=scenario_path, progress=_progress(quiet, lang))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    with writing(out_dir):
        save_comparison(result, out_dir)
    if not quiet:
        click.echo(comparison_table(result, lang))
        click.echo(text("cli.study_written", lang, file="comparison.json", folder=out))
    _finish(plans_with_violations((o.name, o.plan, _all_runs(o.runs)) for o in result.outcomes), result.any_incomplete, lang)


@click.command("site")
@click.argument("scenario_path", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.option("--open", "k", type=click.IntRange(min=1), required=True, help="How many candidate sites to open.")
@click.option("--candidates", help="Comma-separated candidate station ids to choose from (default: all).")
@click.option("--top", type=click.IntRange(min=1), default=3, show_default=True,
              help="Selections to re-plan with the real engine (more when the estimate cannot tell the next ones apart: within 1 % of the base's cost).")
@click.option("--model-time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds for the facility-location model (all its solves together).")
@click.option("--estimate", type=click.Choice(["routes", "stem"]), default="routes", show_default=True,
              help="How the location model prices sites: the base plan's unloads moved (routes) or villages' round trips (stem).")
@_budget_options
@reports_bad_input
def site_command(scenario_path: str, k: int, candidates: str | None, top: int, model_time_limit: float, estimate: str,
                 time_limit: float | None, iterations: int | None, seed: int, seeds: int, stability: float, cold: bool,
                 out_dir: str,
                 cluster: str | None, workers: int | None, quiet: bool, lang: str | None) -> None:
    """Choose the best K candidate sites for new transfer stations in SCENARIO.

    A facility-location model proposes the best --top selections (and any within 1 % of the base's
    daily cost of the last of them, up to twice --top); each is re-planned with the real
    engine with --seeds seeds (from the base plan of each seed) and ranked by mean full-chain daily
    cost plus annualised build cost; each saving comes with its 95 % interval and a verdict. Writes
    OUT/site.json and OUT/<selection>/plan.json."""
    out = Path(out_dir)
    check_writable(folders=[out], files=[out / "site.json", out / "base" / "plan.json"])
    with problems_in(choose_language(lang)):
        scenario = wasteopt.load_scenario(scenario_path)
    lang = choose_language(lang, scenario)
    wanted = [c.strip() for c in candidates.split(",") if c.strip()] if candidates else None
    executor = make_executor(cluster, workers or _cores())
    try:
        result = site(scenario, k, candidates=wanted, time_limit=time_limit, iterations=iterations, seed=seed,
                      seeds=seeds, warm=not cold, stability=stability, executor=executor, top=top, model_time_limit=model_time_limit, estimate=estimate, source=scenario_path,
                      progress=_progress(quiet, lang))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    with writing(out_dir):
        save_site(result, out_dir)
    if not quiet:
        click.echo(site_table(result, lang))
        click.echo(text("cli.study_written", lang, file="site.json", folder=out))
    plans = [("base", result.base_plan, _all_runs(result.base_run_kpis or [result.base_kpis])),
             *((c.name, c.plan, _all_runs(c.runs)) for c in result.choices)]
    _finish(plans_with_violations(plans), result.any_incomplete, lang)


def _all_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The validator's findings over every seed's plan, as one plan's figures carry them."""
    return {"violations": list(dict.fromkeys(v for run in runs for v in run["violations"]))}


def _cores() -> int:
    return os.cpu_count() or 1


COMMANDS: list[click.Command] = [compare_command, site_command]
