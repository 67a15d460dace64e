"""What every command shares: the exit statuses, the one-line report of bad input, and ``--lang``.

The statuses are described in :mod:`wasteopt.cli`, the ``wasteopt`` entry point that attaches the
commands; the commands import this module, never the entry point.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from wasteopt.ctrl_c import EXIT_INTERRUPTED  # noqa: F401  (one of the statuses every command uses)
from wasteopt.i18n import LANGUAGES, choose_language, text
from wasteopt.scenario.errors import ScenarioError
from wasteopt.scenario.messages import problem_in

EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3


class UnwritableOutput(Exception):
    """An output file or folder that cannot be written; shown as one line ``PATH: cannot write: REASON``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`ScenarioError` into one line per problem on stderr (in the command's ``--lang``,
    or the environment's: the scenario's own ``language:`` cannot be read from a scenario that fails
    to load), and an :class:`UnwritableOutput` into its one line; exit status 2 for both."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ScenarioError as error:
            lang = choose_language(kwargs.get("lang"))
            for problem in error.problems:
                click.echo(str(problem_in(problem, lang) if lang != "en" else problem), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except UnwritableOutput as error:
            click.echo(str(error), err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


def lang_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--lang zh|en`` option (``lang``, None when not given: then
    :func:`wasteopt.i18n.choose_language` decides from the environment, the scenario and the locale)."""
    return click.option("--lang", "lang", type=click.Choice(LANGUAGES), default=None, help=text("cli.lang_help", "en"))(command)
