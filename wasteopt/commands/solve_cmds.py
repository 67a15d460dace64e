"""``wasteopt plan``: tomorrow's plan from a scenario, written atomically, with a summary."""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
from pathlib import Path

import click

from wasteopt.cli import reports_bad_input

EXIT_UNSERVED = 3


class ProgressLine:
    """A live line (elapsed, best cost so far) on a terminal; silent otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._shown = False

    def __call__(self, elapsed: float, best_cost: float) -> None:
        if self.enabled:
            best = "searching…" if math.isnan(best_cost) else f"{best_cost:,.2f}"
            click.echo(f"\r  {elapsed:6.1f} s   best cost {best:>14}", nl=False, err=True)
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


def interrupt_on_ctrl_c() -> threading.Event:
    """First Ctrl-C asks the solver to stop and keep its best plan; a second one aborts."""
    event = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if event.is_set():
            raise KeyboardInterrupt
        event.set()

    signal.signal(signal.SIGINT, handler)
    return event


@click.command("plan")
@click.argument("scenario_path", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), help="Seconds, wall clock, start to plan written.")
@click.option("--iterations", type=click.IntRange(min=1), help="Search iterations (with --seed: reproducible).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--variant", "variants", multiple=True, help="Apply a named variant of the scenario (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True, help="Directory for plan.json.")
@click.option("--quiet", is_flag=True, help="No progress line and no summary.")
@reports_bad_input
def plan_command(
    scenario_path: str,
    time_limit: float | None,
    iterations: int | None,
    seed: int,
    variants: tuple[str, ...],
    out_dir: str,
    quiet: bool,
) -> None:
    """Plan tomorrow's collection (and haul) for SCENARIO; writes OUT/plan.json.

    Exit status 0 when every room is served, 3 when some are left unserved (the plan is still
    written), 2 on bad input. Ctrl-C stops the search and writes the best plan found so far."""
    started = process_start()
    import wasteopt
    from wasteopt.plan.models import save_plan
    from wasteopt.plan.summary import summary_lines

    scenario = wasteopt.load_scenario(scenario_path)
    if variants:
        from wasteopt.whatif.variants import apply_variants

        scenario = apply_variants(scenario, list(variants))
    progress = ProgressLine(enabled=not quiet and sys.stderr.isatty())
    plan = wasteopt.solve(
        scenario,
        time_limit=time_limit,
        iterations=iterations,
        seed=seed,
        progress=progress,
        interrupt=interrupt_on_ctrl_c(),
        started=started,
    )
    if variants:
        plan = plan.model_copy(update={"variant": list(variants)})
    progress.close()
    target = Path(out_dir) / "plan.json"
    save_plan(plan, target)
    if not quiet:
        for line in summary_lines(scenario, plan):
            click.echo(line)
        click.echo(f"plan written to {target}")
    if plan.unserved or any(d.level == "error" for d in plan.diagnostics):
        sys.exit(EXIT_UNSERVED)


COMMANDS: list[click.Command] = [plan_command]
