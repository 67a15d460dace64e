"""The ``wasteopt`` command line: thin click commands that call the library and format its results.

Exit status: 0 success; 1 a plan with violations (``validate``; ``plan``, ``compare`` and ``site``
when the engine's own check finds one — the plan is still written); 2 bad input or an output that
cannot be written (checked before any work); 3 a plan that leaves rooms unserved or work undone (it
is still written); 130 interrupted (Ctrl-C; ``plan`` still writes the best plan found so far).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from wasteopt.scenario.errors import ScenarioError

EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell reports for a program stopped by Ctrl-C."""


class UnwritableOutput(Exception):
    """An output file or folder that cannot be written; shown as one line ``PATH: cannot write: REASON``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`ScenarioError` into one line per problem on stderr, and an
    :class:`UnwritableOutput` into its one line; exit status 2 for both."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ScenarioError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except UnwritableOutput as error:
            click.echo(str(error), err=True)
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


@click.group(cls=_CommandsFromModules)
@click.version_option(package_name="wasteopt")
def main() -> None:
    """Plan rural waste collection: rooms → transfer stations → treatment plant."""


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


if __name__ == "__main__":  # pragma: no cover
    main()
