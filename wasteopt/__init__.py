"""wasteopt: plan rural waste collection (rooms → transfer stations → plant) and study what-ifs.

Library use, without the CLI::

    import wasteopt
    scenario = wasteopt.load_scenario("scenarios/zhangdian/scenario.yaml")
    plan = wasteopt.solve(scenario, time_limit=30, seed=1)
    assert wasteopt.validate(scenario, plan) == []
    print(wasteopt.shortfall(scenario, plan) or "complete")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The engines live in the subpackage ``wasteopt.solve``; importing it *before* defining the function
# ``solve`` below keeps ``wasteopt.solve`` the function (Python sets a parent package's attribute only
# when a subpackage is first loaded, which would otherwise replace the function with the module).
import wasteopt.solve  # noqa: E402,F401  (cheap: the subpackage's __init__ is empty)

if TYPE_CHECKING:
    from wasteopt.plan.models import Plan
    from wasteopt.plan.validate_shortfall import Shortfall
    from wasteopt.scenario.models import Scenario
    from wasteopt.whatif.compare import Comparison
    from wasteopt.whatif.site import SiteResult


def load_scenario(path: str) -> "Scenario":
    """Read and check a scenario (``scenario.yaml`` and the CSV tables it names)."""
    from wasteopt.scenario.loader import load_scenario as _load

    return _load(path)


def solve(scenario: "Scenario", **options: Any) -> "Plan":
    """Plan the day for a scenario; see :func:`wasteopt.solve.engine.solve` for the options."""
    from wasteopt.solve.engine import solve as _solve

    return _solve(scenario, **options)


def validate(scenario: "Scenario", plan: "Plan") -> list:
    """Every way the plan breaks the scenario's rules (empty list: the plan is valid)."""
    from wasteopt.plan.validate import validate as _validate

    return _validate(scenario, plan)


def shortfall(scenario: "Scenario", plan: "Plan") -> "Shortfall":
    """What a valid plan leaves undone: rooms unserved, waste left at stations (falsy when complete)."""
    from wasteopt.plan.validate import shortfall as _shortfall

    return _shortfall(scenario, plan)


def compare(scenario: "Scenario", variants: list, **options: Any) -> "Comparison":
    """Plan the base and each variant with the same budget and compare them;
    see :func:`wasteopt.whatif.compare.compare` for the options."""
    from wasteopt.whatif.compare import compare as _compare

    return _compare(scenario, variants, **options)


def site(scenario: "Scenario", k: int, **options: Any) -> "SiteResult":
    """The best ``k`` candidate sites for new stations, checked with full plans;
    see :func:`wasteopt.whatif.site.site` for the options."""
    from wasteopt.whatif.site import site as _site

    return _site(scenario, k, **options)
