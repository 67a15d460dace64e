"""Validator rules for the haul (stations → plant); owned by the haul issue."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wasteopt.network.travel import TravelNetwork
    from wasteopt.plan.models import Plan
    from wasteopt.scenario.models import Scenario


def check_haul(scenario: "Scenario", plan: "Plan", network: "TravelNetwork") -> list:
    """Violations of the haul rules (containers, storage, plant hours, truck shifts, mass balance)."""
    return []
