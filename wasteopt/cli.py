"""The ``wasteopt`` command line: thin click commands that call the library and format its results.

Exit status: 0 success; 1 a plan with violations (``validate``; ``plan``, ``compare`` and ``site``
when the engine's own check finds one — the plan is still written); 2 bad input or an output that
cannot be written (checked before any work); 3 a plan that leaves rooms unserved or work undone (it
is still written); 130 interrupted (Ctrl-C; ``plan`` still writes the best plan found so far).
"""

from __future__ import annotations

import signal
import sys
from typing import Any, NoReturn

import click

from wasteopt.commands.common import EXIT_INTERRUPTED


def _caused_by_ctrl_c(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt is among the causes of ``error``."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


class _Main(click.Group):
    """The top-level group; its commands live in ``wasteopt.commands`` (one module per area), which
    never import this module."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; Ctrl-C that reaches here (e.g. pressed twice during ``plan``) is one line
        and exit status 130 instead of click's "Aborted!" with status 1 — also when it surfaces as
        another error it caused (a C extension's import interrupted by it fails with ImportError)."""
        try:
            return super().invoke(ctx)
        except Exception as error:
            if not _caused_by_ctrl_c(error):
                raise
            self._aborted()
        except KeyboardInterrupt:
            self._aborted()

    @staticmethod
    def _aborted() -> NoReturn:
        """One line on stderr, exit status 130."""
        if sys.stderr.isatty():
            click.echo("", err=True)  # end the live line or the echoed ^C
        click.echo("interrupted (Ctrl-C): aborted; nothing further was written", err=True)
        sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Main)
@click.version_option(package_name="wasteopt")
def main() -> None:
    """Plan rural waste collection: rooms → transfer stations → treatment plant."""


try:  # the commands load the engines (seconds of CPU): Ctrl-C meanwhile is the same one line and 130
    from wasteopt.commands import plan_cmds, report_cmds, scenario_cmds, solve_cmds, whatif_cmds
except BaseException as error:
    if not _caused_by_ctrl_c(error):
        raise
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # aborting: a second Ctrl-C must not end it with a traceback
    _Main._aborted()

for _module in (scenario_cmds, solve_cmds, plan_cmds, whatif_cmds, report_cmds):
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
