"""The plan: the product's main output (``plan.json``), read by other tools.

The core fields follow the contract in DESIGN.md §6 and must not be renamed; new fields may be
added. Times are ``"HH:MM:SS"`` on the planning day (``"25:10:00"`` past midnight), distances km,
weights kg. Plain data: no solver imports.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wasteopt.files import write_atomic
from wasteopt.scenario.models import format_clock, parse_clock


class _PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stop(_PlanModel):
    """One visit on a route. ``load_kg`` is the load on board after the stop.

    A driver break is a stop of kind ``break`` (``id`` ``break-1``, ``break-2``, … in the order of the
    vehicle type's breaks), with ``arrive``/``depart`` its start and end and ``at`` where it is taken.
    """

    kind: Literal["garage", "room", "station", "break"]
    id: str
    at: str | None = Field(
        default=None,
        description="Breaks: the place the truck stands at (the stop before, after its service or unload; or the "
        "next stop, waiting for it); empty = en route between the stops before and after.",
    )
    arrive: str | None = None
    depart: str | None = None
    load_kg: float = 0.0
    collected_kg: float | None = Field(default=None, description="Rooms: waste taken on here.")
    unloaded_kg: float | None = Field(default=None, description="Stations: waste unloaded here.")
    load_m3: float | None = Field(default=None, description="Volume on board after the stop, where volumes are given.")


class Route(_PlanModel):
    """One truck's day: garage → rooms → station (unload) → ... → station → garage."""

    vehicle: str
    vehicle_type: str
    garage: str
    distance_km: float
    duration_h: float
    cost: float
    stops: list[Stop]
    unload_trips: int = 0
    co2_kg: float | None = None


class HaulTrip(_PlanModel):
    """One container carried from a station to a plant (and the empty brought back)."""

    truck: str
    station: str
    plant: str
    depart: str
    arrive: str
    payload_kg: float
    truck_type: str | None = None
    container: int | None = Field(default=None, description="Sequence number of the container at its station.")
    pickup: str | None = Field(default=None, description="Time the full container is picked up at the station.")
    unload: str | None = Field(default=None, description="Time the container is tipped at the plant.")
    back: str | None = Field(default=None, description="Time the empty container is back at the station.")
    distance_km: float | None = None


class Unserved(_PlanModel):
    """A room the plan leaves unemptied, and why."""

    id: str
    reason: str


class LowerBound(_PlanModel):
    """A bound that no feasible plan can beat, so a user sees how far from optimal the plan may be.

    ``ratio`` states it in one figure, worded the same everywhere ("collection cost ≤ 2.17 × the lower
    bound"): the plan's collection cost over ``cost``, or its collection km over ``distance_km`` when
    there is no cost bound (:attr:`basis`), rounded *up* to two decimals so the statement holds."""

    distance_km: float = 0.0
    cost: float | None = None
    method: str = ""
    ratio: float | None = Field(
        default=None,
        description="collection cost ≤ ratio × cost (collection km ≤ ratio × distance_km when cost is not given), "
        "rounded up to 2 decimals; empty when the plan does not state it.",
    )

    @property
    def basis(self) -> Literal["cost", "km"] | None:
        """What the ratio compares: ``cost`` when the bound has a positive cost, else ``km`` when it has a
        positive distance, else None (no ratio)."""
        if self._positive(self.cost):
            return "cost"
        if self._positive(self.distance_km):
            return "km"
        return None

    @staticmethod
    def _positive(value: object) -> bool:
        """A finite number above zero (not a bool)."""
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0

    def ratio_for(self, collection_cost: float | None, collection_km: float) -> float | None:
        """The ratio the plan with these collection figures states: its figure over the bound's, on
        :attr:`basis`, rounded up to two decimals; None without a bound (or a cost to compare)."""
        basis = self.basis
        if basis == "cost":
            return None if collection_cost is None else self.round_up(collection_cost / float(self.cost))  # type: ignore[arg-type]
        if basis == "km":
            return self.round_up(collection_km / self.distance_km)
        return None

    @staticmethod
    def round_up(value: float) -> float:
        """``value`` rounded up to two decimals (2.1701 → 2.18; 2.17 stays 2.17 despite float noise)."""
        return math.ceil(value * 100 - 1e-6) / 100


class Diagnostic(_PlanModel):
    """A finding about the plan a planner should read (e.g. the haul cannot keep up, and the fix)."""

    level: Literal["info", "warning", "error"] = "warning"
    code: str
    message: str
    subject: str | None = None
    fix: str | None = None


class Plan(_PlanModel):
    """A day's plan for the whole chain: collection routes, haul trips, what is left undone."""

    scenario: str
    routes: list[Route] = Field(default_factory=list)
    haul: list[HaulTrip] = Field(default_factory=list)
    unserved: list[Unserved] = Field(default_factory=list)
    kpis: dict[str, Any] = Field(default_factory=dict)
    lower_bound: LowerBound = Field(default_factory=LowerBound)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    solver: dict[str, Any] = Field(default_factory=dict, description="How the plan was made: engine, seed, budget, time.")
    variant: list[str] = Field(default_factory=list, description="Variants applied to the scenario, in order.")


def clock_seconds(text: str) -> int:
    """A plan time (``"HH:MM:SS"``) as seconds after midnight."""
    return parse_clock(text)


def clock_text(seconds: float) -> str:
    """Seconds after midnight as a plan time."""
    return format_clock(seconds)


def save_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan.json`` atomically with ordinary permissions (UTF-8, Chinese kept as written); an
    :class:`OSError` names ``path``."""
    write_atomic(path, json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")


def load_plan(path: str | Path) -> Plan:
    """Read a plan file written by :func:`save_plan` (or any tool following the contract)."""
    return Plan.model_validate_json(Path(path).read_text(encoding="utf-8"))
