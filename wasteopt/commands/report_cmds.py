"""CLI commands (filled in by the issue that owns them)."""

import click

COMMANDS: list[click.Command] = []
