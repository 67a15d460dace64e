"""CLI commands of the plan area: ``validate`` (and ``plan``, added by the engine's issue).

``validate`` says its verdict in the language of ``--lang`` (:func:`wasteopt.i18n.choose_language`);
each violation line (``rule: subject: message``) stays as the validator words it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from pydantic import ValidationError

import wasteopt
from wasteopt.commands.common import lang_option, reports_bad_input
from wasteopt.i18n import choose_language, plural, text
from wasteopt.plan.models import Plan
from wasteopt.plan.validate import shortfall, validate
from wasteopt.scenario.models import Scenario
from wasteopt.whatif.variants import apply_variants

EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3


# --- wasteopt validate ---------------------------------------------------------------------------


class PlanFileError(Exception):
    """The plan file cannot be read as a plan; the message is one line, naming the file."""


def read_plan_file(path: str) -> Plan:
    """Read ``plan.json``, turning every way it can be unreadable into one :class:`PlanFileError` line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(f"{path}: cannot read the plan: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanFileError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "plan"
        more = len(error.errors()) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise PlanFileError(f"{path}: {where}: {first['msg']}{tail}") from None


def scenario_of_plan(scenario: Scenario, plan: Plan, source: str | None = None) -> Scenario:
    """The scenario the plan was made for: the base with the plan's variants applied, in order
    (an unknown variant is a :class:`ScenarioError` naming ``source``)."""
    if not plan.variant:
        return scenario
    return apply_variants(scenario, plan.variant, source=source)


def load_scenario_and_plan(scenario_path: str, plan_path: str) -> tuple[Scenario, Plan]:
    """The scenario with the plan's variants applied, and the plan. A scenario problem raises
    ScenarioError; an unreadable plan file is one line on stderr and exit status 2."""
    scenario = wasteopt.load_scenario(scenario_path)
    try:
        plan = read_plan_file(plan_path)
    except PlanFileError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_BAD_INPUT)
    return scenario_of_plan(scenario, plan, scenario_path), plan


def plan_summary(plan: Plan, lang: str = "en") -> str:
    """One line: what the plan does (routes, rooms served and unserved, km, cost)."""
    served = sum(s.kind == "room" for r in plan.routes for s in r.stops)
    routes, haul = len(plan.routes), len(plan.haul)
    return text("cli.plan_summary", lang, routes=routes, routes_s=plural(routes), served=served, served_s=plural(served),
                unserved=len(plan.unserved), km=sum(r.distance_km for r in plan.routes),
                cost=sum(r.cost for r in plan.routes), haul=haul, haul_s=plural(haul))


@click.command("validate")
@click.argument("scenario_path", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False))
@lang_option
@reports_bad_input
def validate_command(scenario_path: str, plan_path: str, lang: str | None) -> None:
    """Check PLAN (a plan.json) against SCENARIO, recomputing every figure it states.

    Every rule of the scenario, and every figure of the plan recomputed from the scenario and the
    travel network: each route's km, hours and cost, the haul, every KPI total (cost, cost per tonne,
    CO₂, station loads, ...) and the lower bound (never above the plan). Nothing in the plan, such
    as its diagnostics, excuses a check. Prints each violation as ``rule: subject: message``.

    \b
    Exit status:
      0  valid and complete
      1  a rule broken, or a stated figure that does not match its recomputation
      3  valid but incomplete: rooms unserved, or waste left at a station (to the kg)
      2  either file cannot be read"""
    scenario, plan = load_scenario_and_plan(scenario_path, plan_path)
    lang = choose_language(lang, scenario)
    violations = validate(scenario, plan)
    for violation in violations:
        click.echo(str(violation))
    if violations:
        click.echo(text("cli.violations", lang, n=len(violations), s=plural(len(violations))))
        sys.exit(EXIT_VIOLATIONS)
    undone = shortfall(scenario, plan)
    if undone:
        click.echo(text("cli.valid_incomplete", lang, undone=undone, summary=plan_summary(plan, lang)))
        sys.exit(EXIT_INCOMPLETE)
    click.echo(text("cli.valid", lang, summary=plan_summary(plan, lang)))


COMMANDS: list[click.Command] = [validate_command]
