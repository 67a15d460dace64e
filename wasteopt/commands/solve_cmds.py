"""``wasteopt plan``: tomorrow's plan from a scenario, written atomically, with a summary.

The output is checked writable before the scenario is even loaded; Ctrl-C stops the search and the
best plan so far is written (exit 130); a plan the engine's own check found violations in is written
and flagged (exit 1). :func:`exit_status` holds the order of the exit codes. The plan is written with
its ``lower_bound.ratio`` stated, the figure the summary words the bound by; the summary and messages
are in the language of ``--lang`` (:func:`wasteopt.i18n.choose_language`).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

import wasteopt
from wasteopt.commands.common import EXIT_INCOMPLETE, EXIT_INTERRUPTED, EXIT_VIOLATIONS, lang_option, reports_bad_input
from wasteopt.commands.outputs import check_writable, writing
from wasteopt.commands.plan_cmds import PlanFileError, read_plan_file
from wasteopt.i18n import choose_language, text
from wasteopt.plan.models import save_plan
from wasteopt.plan.models import Plan
from wasteopt.plan.summary import summary_lines
from wasteopt.network import network_for
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.solve.focus import trucks_to_keep
from wasteopt.whatif.variants import apply_variants

if TYPE_CHECKING:
    from wasteopt.scenario.models import Scenario

EXIT_OK = 0
EXIT_UNSERVED = EXIT_INCOMPLETE


class ProgressLine:
    """A live line (elapsed, best cost so far) on a terminal; silent otherwise."""

    def __init__(self, enabled: bool, lang: str = "en") -> None:
        self.enabled = enabled
        self.lang = lang
        self._shown = False

    def __call__(self, elapsed: float, best_cost: float) -> None:
        if self.enabled:
            best = text("cli.searching", self.lang) if math.isnan(best_cost) else f"{best_cost:,.2f}"
            click.echo(f"\r  {elapsed:6.1f} s   {text('cli.progress', self.lang)} {best:>14}", nl=False, err=True)
            self._shown = True

    def close(self) -> None:
        """End the live line so the summary starts on a fresh one."""
        if self._shown:
            click.echo("", err=True)


def process_start() -> float:
    """When this process started, on the ``time.monotonic()`` clock, so that ``--time-limit`` also
    counts Python's start-up and imports (Linux; elsewhere: now)."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            age = float(uptime.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")
        return time.monotonic() - max(0.0, age)
    except (OSError, ValueError, IndexError):
        return time.monotonic()


@contextmanager
def interrupt_on_ctrl_c() -> Iterator[threading.Event]:
    """While inside: the first Ctrl-C sets the event (the solver stops and keeps its best plan), a
    second one aborts (KeyboardInterrupt). The previous handler is restored on leaving.

    Aborting first ends this process's own worker processes (the engine's pool ignores Ctrl-C so
    that the first one can keep the best plan), since unwinding would otherwise wait for them.
    This needs the handler to stay installed: a CP-SAT solve left with its default
    ``catch_sigint_signal`` replaces it with its own and leaves SIG_DFL behind."""
    event = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if event.is_set():
            for child in multiprocessing.active_children():
                child.terminate()
            raise KeyboardInterrupt
        event.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)


def exit_status(plan: Plan) -> int:
    """The exit status of ``wasteopt plan`` for a written plan, most urgent first: 130 the search was
    interrupted (Ctrl-C), 1 the engine's own check found violations (a bug), 3 rooms unserved or an
    error diagnostic (work left undone), 0 a complete plan. (2, bad input or an unwritable output,
    is decided before there is a plan.)"""
    if plan.solver.get("interrupted"):
        return EXIT_INTERRUPTED
    if plan.solver.get("violations"):
        return EXIT_VIOLATIONS
    if plan.unserved or any(d.level == "error" for d in plan.diagnostics):
        return EXIT_INCOMPLETE
    return EXIT_OK


@click.command("plan")
@click.argument("scenario_path", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), help="Seconds, wall clock, start to plan written.")
@click.option("--iterations", type=click.IntRange(min=1), help="Search iterations (with --seed: reproducible).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--variant", "variants", multiple=True, help="Apply a named variant of the scenario (repeatable).")
@click.option("--from", "from_path", type=click.Path(dir_okay=False),
              help="Re-plan from an earlier plan.json: keep its rooms on their trucks, in order, where the scenario allows.")
@click.option("--stability", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="With --from: yuan per room moved to another truck that a new plan must save to be used.")
@click.option("--replan-near", "near", metavar="IDS",
              help="With --from: re-plan only the routes near these stations (comma-separated ids, e.g. one closed "
                   "for the day); every other truck keeps its route exactly.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True, help="Directory for plan.json.")
@click.option("--quiet", is_flag=True, help="No progress line and no summary.")
@lang_option
@reports_bad_input
def plan_command(
    scenario_path: str,
    time_limit: float | None,
    iterations: int | None,
    seed: int,
    variants: tuple[str, ...],
    from_path: str | None,
    stability: float,
    near: str | None,
    out_dir: str,
    quiet: bool,
    lang: str | None,
) -> None:
    """Plan tomorrow's collection (and haul) for SCENARIO; writes OUT/plan.json.

    Exit status 0 when every room is served; 3 when some are left unserved (the plan is still
    written); 1 when the engine's own check finds a violation (a bug; the plan is still written);
    2 on bad input or when OUT/plan.json cannot be written (checked before planning); 130 when
    Ctrl-C stopped the search: the best plan found so far is written. Ctrl-C twice aborts.

    With --from, the search starts from an earlier plan's routes (repaired where the scenario no longer
    allows them) and each truck keeps its id; the summary says how many rooms changed truck. With
    --replan-near, only the trucks that unload at those stations or serve rooms nearest to them are
    re-planned; the others keep their routes stop for stop."""
    started = process_start()
    target = Path(out_dir) / "plan.json"
    check_writable(files=[target])
    previous = read_previous(from_path) if from_path else None
    stations = tuple(s.strip() for s in (near or "").split(",") if s.strip())
    if near is not None and (previous is None or not stations):
        why = "needs --from (the plan whose other routes are kept)" if previous is None else "names no station"
        raise ScenarioError([Problem(scenario_path, None, "--replan-near", why)])
    with interrupt_on_ctrl_c() as interrupt:  # from here on, Ctrl-C means "stop and keep the best plan"
        scenario, plan, lang = make_plan(scenario_path, list(variants), time_limit, iterations, seed, quiet, interrupt,
                                         started, lang, Restart(previous, stability, from_path, stations))
        write_and_report(scenario, plan, target, quiet, lang)
    sys.exit(exit_status(plan))


@dataclass(frozen=True)
class Restart:
    """``--from``: the earlier plan to re-plan from (None: plan afresh), the stability weight, its file."""

    previous: Plan | None = None
    stability: float = 0.0
    path: str | None = None
    near: tuple[str, ...] = ()  # --replan-near: only the routes near these stations move


def read_previous(path: str) -> Plan:
    """The plan of ``--from``; an unreadable file is one line naming it (exit status 2)."""
    try:
        return read_plan_file(path)
    except PlanFileError as error:  # "PATH: message" or "PATH:LINE: message"
        line, _, message = str(error).removeprefix(f"{path}:").lstrip().partition(": ")
        if not line.isdigit():
            line, message = "", str(error).removeprefix(f"{path}: ")
        raise ScenarioError([Problem(path, int(line) if line else None, "--from", message)]) from None


def check_previous(scenario: Scenario, restart: Restart) -> None:
    """A ``--from`` plan must share rooms with the scenario: else it is some other district's plan."""
    if restart.previous is None:
        return
    rooms = {room.id for room in scenario.rooms}
    if not any(stop.kind == "room" and stop.id in rooms for route in restart.previous.routes for stop in route.stops):
        raise ScenarioError([Problem(restart.path or "--from", None, "--from",
                                     f"the plan serves none of the rooms of scenario {scenario.name!r} (a plan of another district?)")])


def trucks_near(scenario: Scenario, scenario_path: str, restart: Restart) -> frozenset[str]:
    """The earlier plan's trucks that keep their routes under ``--replan-near`` (every truck the named
    stations do not touch, judged on the scenario file before its variants, where a closed station is
    still known); none without it. An unknown station id is bad input naming the option."""
    if not restart.near or restart.previous is None:
        return frozenset()
    known = {s.id for s in scenario.stations}
    unknown = [sid for sid in restart.near if sid not in known]
    if unknown:
        raise ScenarioError([Problem(scenario_path, None, "--replan-near", f"unknown station id {sid!r}") for sid in unknown])
    return trucks_to_keep(scenario, network_for(scenario), restart.previous, set(restart.near))


def make_plan(scenario_path: str, variants: list[str], time_limit: float | None, iterations: int | None, seed: int,
              quiet: bool, interrupt: threading.Event, started: float, lang: str | None = None,
              restart: Restart = Restart()) -> tuple[Scenario, Plan, str]:
    """Load the scenario (with its variants) and solve it, showing progress on a terminal; also the
    language to report in (``lang`` when given, else chosen from the environment and the scenario).
    A plan whose run saw Ctrl-C is marked ``solver["interrupted"]`` even if the engine had finished
    searching, and its bound's ratio is stated. ``restart``: the earlier plan to start from (``--from``)."""
    loaded = scenario = wasteopt.load_scenario(scenario_path)
    if variants:
        scenario = apply_variants(scenario, variants)
    check_previous(scenario, restart)
    keep = trucks_near(loaded, scenario_path, restart)
    lang = choose_language(lang, scenario)
    progress = ProgressLine(enabled=not quiet and sys.stderr.isatty(), lang=lang)
    plan = wasteopt.solve(scenario, time_limit=time_limit, iterations=iterations, seed=seed,
                          options=wasteopt.SolveOptions(progress=progress, interrupt=interrupt, started=started,
                                                        start_from=restart.previous, stability=restart.stability,
                                                        keep_trucks=keep))
    progress.close()
    if variants:
        plan = plan.model_copy(update={"variant": variants})
    if interrupt.is_set() and not plan.solver.get("interrupted"):
        plan.solver["interrupted"] = True  # e.g. Ctrl-C during the haul: the user still asked to stop
    return scenario, plan, lang


def write_and_report(scenario: Scenario, plan: Plan, target: Path, quiet: bool, lang: str = "en") -> None:
    """Write the plan and print its summary (also when writing fails, so the figures are not all
    lost); a write failure is :class:`~wasteopt.commands.common.UnwritableOutput`."""
    summary = [] if quiet else summary_lines(scenario, plan, lang)
    try:
        with writing(target):
            save_plan(plan, target)
    finally:
        for line in summary:
            click.echo(line)
    if not quiet:
        click.echo(text("cli.plan_written", lang, path=target))
    if plan.solver.get("interrupted"):
        click.echo(text("cli.interrupted", lang, path=target), err=True)
    sys.stdout.flush()  # all said while Ctrl-C is still ours: a late one cannot lose buffered output


COMMANDS: list[click.Command] = [plan_command]
