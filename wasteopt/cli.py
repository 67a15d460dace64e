"""The ``wasteopt`` command line: thin click commands that call the library and format its results.

Exit status: 0 success, 1 a plan with violations (``validate``), 2 bad input, 3 a plan that leaves
rooms unserved (it is still written), 130 interrupted before anything could be written.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from wasteopt.scenario.errors import ScenarioError

EXIT_BAD_INPUT = 2


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`ScenarioError` into one line per problem on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ScenarioError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


class _CommandsFromModules(click.Group):
    """A group whose commands live in ``wasteopt.commands`` (one module per area), attached on first
    use so that those modules can import this one without a cycle."""

    _attached = False

    def _attach(self) -> None:
        if not self._attached:
            from wasteopt import commands

            for command in commands.ALL:
                self.add_command(command)
            self._attached = True

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._attach()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._attach()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_CommandsFromModules)
@click.version_option(package_name="wasteopt")
def main() -> None:
    """Plan rural waste collection: rooms → transfer stations → treatment plant."""


if __name__ == "__main__":  # pragma: no cover
    main()
