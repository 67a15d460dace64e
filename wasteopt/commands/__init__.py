"""CLI commands, one module per area so each stays small; ``wasteopt.cli`` attaches them."""

from wasteopt.commands import plan_cmds, report_cmds, scenario_cmds, solve_cmds, whatif_cmds

ALL = [*scenario_cmds.COMMANDS, *solve_cmds.COMMANDS, *plan_cmds.COMMANDS, *whatif_cmds.COMMANDS, *report_cmds.COMMANDS]
