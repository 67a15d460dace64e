"""The scenario: everything the planner knows about a district on one day.

Plain data (pydantic v2, frozen, ``extra="forbid"`` so that a typo in a field name is an error, not a
silently ignored column). Units are named in the field (``waste_kg_per_day``, ``unload_min``); the
solver converts to integer metres / seconds / kilograms once, at its boundary.

Clock times are written ``"HH:MM"`` or ``"HH:MM:SS"`` in files and held as seconds after midnight of
the planning day (values past 24 h mean the next morning, e.g. ``"25:30"``).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)


def parse_clock(value: object) -> int:
    """Accept ``"HH:MM"`` / ``"HH:MM:SS"`` (or seconds as an int) and return seconds after midnight."""
    if isinstance(value, bool):
        raise ValueError("expected a clock time like '06:30'")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("a clock time cannot be negative")
        if value >= 48 * 3600:
            raise ValueError("a clock time must be before 48:00 (the morning after the planning day)")
        return value
    if not isinstance(value, str):
        raise ValueError("expected a clock time like '06:30'")
    parts = value.strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"expected a clock time like '06:30', got {value!r}")
    hours, minutes = int(parts[0]), int(parts[1])
    seconds = int(parts[2]) if len(parts) == 3 else 0
    if minutes >= 60 or seconds >= 60 or hours >= 48:
        raise ValueError(f"not a valid clock time: {value!r}")
    return hours * 3600 + minutes * 60 + seconds


def format_clock(seconds: int | float) -> str:
    """Seconds after midnight as ``"HH:MM:SS"`` (hours may exceed 23 for the next morning)."""
    total = int(round(seconds))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _format_clock_short(seconds: int) -> str:
    text = format_clock(seconds)
    return text[:-3] if text.endswith(":00") else text


ClockTime = Annotated[
    int,
    BeforeValidator(parse_clock),
    PlainSerializer(_format_clock_short, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$", "examples": ["06:00"]}),
]
"""A clock time on the planning day, held as seconds after midnight."""


def _finite(value: float) -> float:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number (not NaN or infinity)")
    return value


PositiveFloat = Annotated[float, Field(gt=0), BeforeValidator(lambda v: _finite(float(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)]
NonNegativeFloat = Annotated[float, Field(ge=0), BeforeValidator(lambda v: _finite(float(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s,]+$")]
"""A user-chosen id (``R0001``, ``S07``): no spaces or commas, so it survives CSV and command lines."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Located(_Frozen):
    """A place given either as WGS84 ``lat``/``lon`` or as projected ``x``/``y`` in metres."""

    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude, WGS84 degrees.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude, WGS84 degrees.")
    x: float | None = Field(default=None, description="Projected easting in metres (e.g. CGCS2000 / UTM).")
    y: float | None = Field(default=None, description="Projected northing in metres.")

    @field_validator("lat", "lon", "x", "y")
    @classmethod
    def _finite_coordinate(cls, value: float | None) -> float | None:
        return None if value is None else _finite(value)

    @model_validator(mode="after")
    def _one_coordinate_system(self) -> "Located":
        geographic = self.lat is not None or self.lon is not None
        projected = self.x is not None or self.y is not None
        if geographic and projected:
            raise ValueError("give lat/lon or x/y, not both")
        if geographic and (self.lat is None or self.lon is None):
            raise ValueError("lat and lon must be given together")
        if projected and (self.x is None or self.y is None):
            raise ValueError("x and y must be given together")
        if not geographic and not projected:
            raise ValueError("a location needs lat/lon or x/y")
        return self

    @property
    def is_geographic(self) -> bool:
        """Whether this place is given in lat/lon (otherwise projected x/y)."""
        return self.lat is not None


class Room(Located):
    """A collection room (垃圾收集房) that households bring waste to; emptied once a day."""

    id: Identifier = Field(description="The room's id (R0001): unique among all places.")
    name: str = Field(default="", description="Display name, UTF-8 (Chinese names are kept as written).")
    town: str = Field(default="", description="Town or subdistrict (镇/街道).")
    village: str = Field(default="", description="Village or rural community (村/社区).")
    waste_kg_per_day: NonNegativeFloat = Field(description="Waste to collect per day, kg.")
    volume_m3_per_day: NonNegativeFloat | None = Field(default=None, description="Waste volume per day, m³ (optional).")
    service_min: NonNegativeFloat = Field(default=5.0, description="Minutes to empty the room.")
    tw_open: ClockTime | None = Field(default=None, description="Earliest time the room may be emptied.")
    tw_close: ClockTime | None = Field(default=None, description="Latest time emptying may start.")
    max_vehicle_class: int | None = Field(
        default=None, ge=1, description="Largest vehicle class that can reach the room (narrow lanes); empty = any."
    )

    @model_validator(mode="after")
    def _window_in_order(self) -> "Room":
        if self.tw_open is not None and self.tw_close is not None and self.tw_close < self.tw_open:
            raise ValueError("tw_close is before tw_open")
        return self


class Station(Located):
    """A compression transfer station (压缩式中转站), existing or a candidate site."""

    id: Identifier = Field(description="The station's id (S01): unique among all places.")
    name: str = Field(default="", description="Display name.")
    capacity_t_per_day: PositiveFloat = Field(description="Daily throughput limit, tonnes.")
    open: ClockTime = Field(default=0, description="Opening time for unloading trucks.")
    close: ClockTime = Field(default=24 * 3600, description="Closing time (last unload must start by then).")
    unload_min: NonNegativeFloat = Field(default=10.0, description="Minutes for a collection truck to unload.")
    status: Literal["existing", "candidate"] = Field(
        default="existing", description="existing: in use today; candidate: a possible site that only a variant opens.")
    build_cost: NonNegativeFloat | None = Field(default=None, description="Candidate sites: build cost, yuan.")
    lifetime_years: PositiveFloat | None = Field(default=None, description="Candidate sites: service life, years.")
    container_slots: int = Field(default=4, ge=1, description="Containers the station can hold (full + being filled).")
    swap_min: NonNegativeFloat = Field(default=10.0, description="Minutes for a hook-lift truck to swap a container.")

    @model_validator(mode="after")
    def _hours_in_order(self) -> "Station":
        if self.close <= self.open:
            raise ValueError("close is not after open")
        return self


class Plant(Located):
    """A treatment plant (incinerator or landfill) that receives the containers."""

    id: Identifier = Field(description="The plant's id: unique among all places.")
    name: str = Field(default="", description="Display name.")
    open: ClockTime = Field(default=0, description="Reception opens.")
    close: ClockTime = Field(default=24 * 3600, description="Reception closes.")
    capacity_t_per_day: PositiveFloat | None = Field(default=None, description="Daily reception limit, tonnes.")
    unload_min: NonNegativeFloat = Field(default=15.0, description="Minutes to tip a container.")

    @model_validator(mode="after")
    def _hours_in_order(self) -> "Plant":
        if self.close <= self.open:
            raise ValueError("close is not after open")
        return self


class Garage(Located):
    """A vehicle depot where trucks start and end their shift."""

    id: Identifier = Field(description="The garage's id: unique among all places.")
    name: str = Field(default="", description="Display name.")


class _Shift(_Frozen):
    shift_start: ClockTime = Field(default=6 * 3600, description="Leaves the garage at.")
    shift_end: ClockTime = Field(default=14 * 3600, description="Back at the garage by.")
    fixed_cost: NonNegativeFloat = Field(default=0.0, description="Cost per vehicle used per day, yuan.")
    cost_per_km: NonNegativeFloat = Field(default=0.0, description="Yuan per km driven.")
    cost_per_hour: NonNegativeFloat = Field(default=0.0, description="Yuan per hour on duty (driver, fuel idle).")
    speed_kmh: PositiveFloat | None = Field(default=None, description="Average speed; empty = the travel model's.")
    co2_kg_per_km: NonNegativeFloat = Field(default=0.0, description="Emission factor, kg CO₂ per km.")

    @model_validator(mode="after")
    def _shift_in_order(self) -> "_Shift":
        if self.shift_end <= self.shift_start:
            raise ValueError("shift_end is not after shift_start")
        return self


class Break(_Frozen):
    """A driver break: ``duration_min`` long, starting between ``earliest`` and ``latest``.

    Owed by every truck of the type still out (not back at its garage) at ``earliest``: a crew on
    duty when the break may begin takes it. It is taken after a room's service, at a station after
    unloading, waiting at the next stop, or en route (the truck stops on the way).
    """

    duration_min: PositiveFloat = Field(description="Length of the break, minutes.")
    earliest: ClockTime = Field(description="Earliest start of the break.")
    latest: ClockTime = Field(description="Latest start of the break.")

    @model_validator(mode="after")
    def _window_in_order(self) -> "Break":
        if self.latest < self.earliest:
            raise ValueError("latest is before earliest")
        return self


class VehicleType(_Shift):
    """A type of collection truck; ``count`` identical trucks based at one garage.

    Daily limits (empty = none) hold for each truck's whole day, across all its trips.
    """

    id: Identifier = Field(description="The vehicle type's id; its trucks are named {id}-01, {id}-02, ...")
    name: str = Field(default="", description="Display name.")
    count: int = Field(ge=0, description="Trucks of this type available.")
    garage: Identifier = Field(description="Garage id the trucks start from and return to.")
    capacity_kg: PositiveFloat = Field(description="Payload by weight, kg.")
    capacity_m3: PositiveFloat | None = Field(default=None, description="Payload by volume, m³ (optional).")
    vehicle_class: int = Field(default=1, ge=1, description="Size class; rooms with max_vehicle_class below it are out of reach.")
    breaks: tuple[Break, ...] = Field(default=(), description="Driver breaks every shift (YAML only).")
    max_trips: int | None = Field(default=None, ge=1, description="Unloads per day at most (the last one included).")
    max_kg_per_day: PositiveFloat | None = Field(default=None, description="Waste collected per day at most, kg, all trips together.")
    max_stops: int | None = Field(default=None, ge=1, description="Rooms emptied per day at most.")
    max_km_per_day: PositiveFloat | None = Field(default=None, description="Distance driven per day at most, km.")
    max_duty_hours: PositiveFloat | None = Field(default=None, description="Hours from leaving the garage to being back at most, breaks included.")

    @model_validator(mode="after")
    def _breaks_in_order(self) -> "VehicleType":
        starts = [b.earliest for b in self.breaks]
        if starts != sorted(starts):
            raise ValueError("breaks are not in order of their earliest start")
        return self

    def vehicle_ids(self) -> list[str]:
        """The ids of the individual trucks of this type, in order (``{type}-01``, ``{type}-02``, ...)."""
        return [f"{self.id}-{k:02d}" for k in range(1, self.count + 1)]


class HaulTruckType(_Shift):
    """Hook-lift trucks (勾臂车) that carry full containers from stations to the plant."""

    id: Identifier = Field(description="The haul truck type's id; its trucks are named {id}-01, {id}-02, ...")
    name: str = Field(default="", description="Display name.")
    count: int = Field(ge=0, description="Hook-lift trucks of this type available.")
    garage: Identifier = Field(description="Garage id the trucks start from and return to.")
    container_payload_t: PositiveFloat = Field(description="Waste one container holds, tonnes.")

    def vehicle_ids(self) -> list[str]:
        """The ids of the individual trucks of this type."""
        return [f"{self.id}-{k:02d}" for k in range(1, self.count + 1)]


class MatrixSource(_Frozen):
    """Travel distances/durations read from a file keyed by location ids."""

    file: str = Field(description="CSV (from,to,distance_km,duration_min) or NPZ (ids, distance_km, duration_min).")


class Travel(_Frozen):
    """How travel distance and time between two places are computed."""

    model: Literal["haversine", "euclidean", "manhattan", "matrix", "roads"] = "haversine"
    circuity: PositiveFloat = Field(default=1.3, description="Road distance / straight-line distance.")
    speed_kmh: PositiveFloat = Field(default=30.0, description="Average speed where a vehicle type gives none.")
    matrix: MatrixSource | None = None
    roads: str | None = Field(
        default=None,
        description="roads.npz written by 'wasteopt network build' (model roads): travel on the road graph, computed on demand.",
    )

    @model_validator(mode="after")
    def _matrix_given(self) -> "Travel":
        if self.model == "matrix" and self.matrix is None:
            raise ValueError("model 'matrix' needs a matrix: {file: ...}")
        if self.model == "roads" and not self.roads:
            raise ValueError("model 'roads' needs roads: the roads.npz file 'wasteopt network build' wrote")
        if self.model != "roads" and self.roads:
            raise ValueError(f"roads: is read with model 'roads' only (the model is '{self.model}')")
        return self


class Objective(_Frozen):
    """Weights of the daily cost terms; 1 means the cost as given."""

    fixed_cost: NonNegativeFloat = 1.0
    distance_cost: NonNegativeFloat = 1.0
    time_cost: NonNegativeFloat = 1.0


class Planning(_Frozen):
    """The day being planned and how plans are scored."""

    day: date | None = None
    objective: Objective = Objective()
    discount_rate: float = Field(
        default=0.08, ge=0, lt=1,
        description="Yearly discount rate for station build costs (annualised cost, payback); 0.08 = 8 %.",
    )


class Variant(_Frozen):
    """A named what-if: stations opened or closed, fleet counts changed."""

    description: str = ""
    open: list[Identifier] = Field(default_factory=list, description="Candidate station ids to open.")
    close: list[Identifier] = Field(default_factory=list, description="Station ids to close.")
    fleet: dict[Identifier, int] = Field(default_factory=dict, description="Vehicle type id -> new count.")
    haul_fleet: dict[Identifier, int] = Field(default_factory=dict, description="Haul truck type id -> new count.")


class Scenario(_Frozen):
    """A whole planning scenario. ``stations`` includes candidate sites (``status: candidate``),
    which the solver ignores unless a variant opens them."""

    name: str = Field(min_length=1)
    description: str = ""
    language: Literal["zh", "en"] | None = Field(
        default=None, description="Language of the outputs for people (zh or en); --lang and WASTEOPT_LANG come first."
    )
    planning: Planning = Planning()
    travel: Travel = Travel()
    rooms: list[Room]
    stations: list[Station]
    plants: list[Plant] = Field(default_factory=list)
    garages: list[Garage]
    fleet: list[VehicleType]
    haul_fleet: list[HaulTruckType] = Field(default_factory=list)
    variants: dict[Identifier, Variant] = Field(default_factory=dict)

    @property
    def active_stations(self) -> list[Station]:
        """Stations that trucks may unload at today (existing ones)."""
        return [s for s in self.stations if s.status == "existing"]

    def locations(self) -> dict[str, Located]:
        """Every place by id (rooms, stations, plants, garages)."""
        places: dict[str, Located] = {}
        for group in (self.rooms, self.stations, self.plants, self.garages):
            for item in group:
                places[item.id] = item
        return places

    @property
    def vehicle_ids(self) -> dict[str, VehicleType]:
        """Each collection truck's id and its type."""
        return {vid: vt for vt in self.fleet for vid in vt.vehicle_ids()}
