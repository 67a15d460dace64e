"""wasteopt: plan rural waste collection (rooms → transfer stations → plant) and study what-ifs.

Library use, without the CLI::

    import wasteopt
    scenario = wasteopt.load_scenario("scenarios/zhangdian/scenario.yaml")
    plan = wasteopt.solve(scenario, time_limit=30, seed=1)
    assert wasteopt.validate(scenario, plan) == []
    print(wasteopt.shortfall(scenario, plan) or "complete")

Each name below is the function itself, with its real signature (``help(wasteopt.solve)``).
"""

from __future__ import annotations

__version__ = "0.1.0"

# ``wasteopt.solve`` is both the engines' subpackage and the public function. Importing the
# subpackage sets the attribute to the module once, when it is first loaded; binding the function
# afterwards, here, keeps ``wasteopt.solve`` the function for good.
from wasteopt import ctrl_c

ctrl_c.guard_loading()  # seconds of CPU follow: Ctrl-C meanwhile is the command line's one line and 130

from wasteopt.plan.validate import shortfall, validate  # noqa: E402
from wasteopt.scenario.loader import load_scenario  # noqa: E402
from wasteopt.solve.engine import solve  # noqa: E402
from wasteopt.solve.options import SolveOptions  # noqa: E402
from wasteopt.whatif.compare import compare  # noqa: E402
from wasteopt.whatif.site import site  # noqa: E402

__all__ = ["SolveOptions", "compare", "load_scenario", "shortfall", "site", "solve", "validate"]
