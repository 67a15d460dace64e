"""The plan: output model, JSON I/O and the independent validator."""

from wasteopt.plan.models import (
    Diagnostic,
    HaulTrip,
    LowerBound,
    Plan,
    Route,
    Stop,
    Unserved,
    load_plan,
    save_plan,
)

__all__ = ["Diagnostic", "HaulTrip", "LowerBound", "Plan", "Route", "Stop", "Unserved", "load_plan", "save_plan"]
