"""CLI commands, one module per area so each stays small; :mod:`wasteopt.cli` attaches them.

The command modules import :mod:`wasteopt.commands.common` (exit statuses, bad-input reporting) and the
library, never :mod:`wasteopt.cli`: data flows one way, entry point → commands → library.
"""
