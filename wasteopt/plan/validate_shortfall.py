"""Completeness: what a valid plan leaves undone, apart from the rules it keeps.

A plan that breaks no rule may still not do the whole day's work: rooms it lists unserved, and waste
the stations received that the haul does not take to a plant (transferred − delivered per station,
to the kilogram). Neither is a violation — the plan says so openly — but such a plan is
*incomplete* (``wasteopt validate`` exit status 3). When the scenario has no haul fleet at all, the
plan legitimately ends at the stations, and what they hold is not left behind.

Nothing in the plan (diagnostics, flags) changes the answer. Waste received per station is
recomputed from the rooms each route serves before unloading, not read from the plan's figures.

Said in English (``str()``) or Chinese (:meth:`Shortfall.words`; ``format(shortfall, "zh")``, so the
catalogue's ``{undone:zh}`` says it in Chinese wherever a text is filled in with the shortfall).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from wasteopt.i18n import LANGUAGES, plural, text
from wasteopt.plan.models import Plan
from wasteopt.scenario.models import Scenario


@dataclass(frozen=True)
class Shortfall:
    """What a plan leaves undone. Falsy when the plan is complete, so ``if shortfall(s, p):`` reads
    "if something is left undone"; ``str()`` is the one-line reason (``2 rooms unserved; 9,120 kg
    left at S03, 12,000 kg at S05``)."""

    rooms_unserved: list[str] = field(default_factory=list)
    """Ids of the rooms the plan lists unserved, each once, in the plan's order."""
    left_kg: dict[str, int] = field(default_factory=dict)
    """Station id → whole kilograms received and not hauled away (only stations with ≥ 1 kg left)."""

    @property
    def complete(self) -> bool:
        """Whether the plan does the whole day's work."""
        return not self.rooms_unserved and not self.left_kg

    def __bool__(self) -> bool:
        return not self.complete

    def reasons(self, lang: str = "en") -> list[str]:
        """Each thing left undone, in words: rooms first, then each station."""
        found = []
        if self.rooms_unserved:
            n = len(self.rooms_unserved)
            found.append(text("undone.rooms", lang, n=n, s=plural(n)))
        found += [text("undone.left", lang, kg=f"{kg:,}", station=station) for station, kg in self.left_kg.items()]
        return found

    def words(self, lang: str = "en") -> str:
        """The one-line reason in ``lang`` (``2 个收集房未收运；S03 滞留 9,120 公斤，S05 12,000 公斤``)."""
        parts = []
        if self.rooms_unserved:
            parts.append(self.reasons(lang)[0])
        if self.left_kg:
            stations = [text("undone.left" if k == 0 else "undone.more_left", lang, kg=f"{kg:,}", station=sid)
                        for k, (sid, kg) in enumerate(self.left_kg.items())]
            parts.append(text("join.list", lang).join(stations))
        return text("join.parts", lang).join(parts) if parts else text("undone.nothing", lang)

    def __str__(self) -> str:
        return self.words("en")

    def __format__(self, spec: str) -> str:
        """``format(shortfall, "zh")``: :meth:`words` in that language; no spec: ``str()``."""
        if spec in LANGUAGES:
            return self.words(spec)
        return format(str(self), spec)


def shortfall(scenario: Scenario, plan: Plan) -> Shortfall:
    """What the plan leaves undone (meaningful for a plan :func:`~wasteopt.plan.validate.validate`
    finds valid)."""
    unserved = list(dict.fromkeys(u.id for u in plan.unserved))
    if not scenario.haul_fleet:
        return Shortfall(unserved, {})
    received = received_kg(scenario, plan)
    delivered: dict[str, float] = defaultdict(float)
    for trip in plan.haul:
        delivered[trip.station] += trip.payload_kg
    left = {}
    for station in scenario.stations:
        kg = math.floor(received.get(station.id, 0.0) - delivered[station.id] + 0.5)
        if kg >= 1:
            left[station.id] = kg
    return Shortfall(unserved, left)


def received_kg(scenario: Scenario, plan: Plan) -> dict[str, float]:
    """Waste each station receives: at each unload, the waste of the rooms served since the last one."""
    waste = {r.id: r.waste_kg_per_day for r in scenario.rooms}
    received: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        on_board = 0.0
        for stop in route.stops:
            if stop.kind == "room":
                on_board += waste.get(stop.id, 0.0)
            elif stop.kind == "station":
                received[stop.id] += on_board
                on_board = 0.0
    return dict(received)
