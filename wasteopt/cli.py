"""The ``wasteopt`` command line: thin click commands that call the library and format its results.

Exit status: 0 success; 1 a plan with violations (``validate``; ``plan``, ``compare`` and ``site``
when the engine's own check finds one — the plan is still written); 2 bad input or an output that
cannot be written (checked before any work); 3 a plan that leaves rooms unserved or work undone (it
is still written); 130 interrupted (Ctrl-C; ``plan`` still writes the best plan found so far).
"""

from __future__ import annotations

from typing import Any

import click

from wasteopt import ctrl_c
from wasteopt.commands import network_cmds, plan_cmds, report_cmds, scenario_cmds, solve_cmds, whatif_cmds
from wasteopt.ctrl_c import abort, caused_by_ctrl_c

ctrl_c.loaded()  # from here on Ctrl-C is the commands' to handle (plan writes its best plan)


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
            if not caused_by_ctrl_c(error):
                raise
            abort()
        except KeyboardInterrupt:
            abort()


@click.group(cls=_Main)
@click.version_option(package_name="wasteopt")
def main() -> None:
    """Plan rural waste collection: rooms → transfer stations → treatment plant."""


for _module in (scenario_cmds, network_cmds, solve_cmds, plan_cmds, whatif_cmds, report_cmds):
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
