"""Driver breaks as the outputs show them: when, how long, and where the truck stands.

A break is a stop of kind ``break`` in ``route.stops`` (``break-1``, ``break-2``, … ; ``arrive`` its
start, ``depart`` its end, ``at`` the place the truck stands at, or empty when it stops en route). It
is not a place: nothing that draws or measures the route's legs may look it up as one, so those use
:func:`place_stops`. Every output words a break with :func:`where_text` and :func:`span_text`, so the
sheets, the report and the exports say the same thing (in English or Chinese: ``lang``).
"""

from __future__ import annotations

from dataclasses import dataclass

from wasteopt.i18n import text
from wasteopt.plan.models import Route, Stop, clock_seconds
from wasteopt.scenario.models import format_clock

KIND = "break"


@dataclass(frozen=True)
class RouteBreak:
    """One break on a route: its position ``seq`` in ``route.stops``, its times (seconds after
    midnight, None when the plan gives none), and the places around it."""

    seq: int
    id: str
    start: int | None
    end: int | None
    at: str | None
    before: str | None
    """The nearest place stop before the break (not a break), if any."""
    after: str | None
    """The nearest place stop after the break, if any."""

    @property
    def minutes(self) -> float | None:
        """Length in minutes, from the plan's start and end."""
        return None if self.start is None or self.end is None else (self.end - self.start) / 60

    @property
    def en_route(self) -> bool:
        """Taken on the way between two places, not standing at one."""
        return self.at is None


def is_break(stop: Stop) -> bool:
    """Whether the stop is a driver break (not a room, station or garage)."""
    return stop.kind == KIND


def place_stops(stops: list[Stop] | tuple[Stop, ...]) -> list[Stop]:
    """The stops that are places (rooms, stations, garages), in order: the legs the truck drives."""
    return [s for s in stops if not is_break(s)]


def route_breaks(route: Route) -> list[RouteBreak]:
    """The route's breaks in stop order."""
    found = []
    for seq, stop in enumerate(route.stops):
        if not is_break(stop):
            continue
        before = next((s.id for s in reversed(route.stops[:seq]) if not is_break(s)), None)
        after = next((s.id for s in route.stops[seq + 1 :] if not is_break(s)), None)
        found.append(RouteBreak(seq, stop.id, _seconds(stop.arrive), _seconds(stop.depart), stop.at, before, after))
    return found


def break_minutes(route: Route) -> float:
    """Minutes of break on the route, all breaks together."""
    return sum(b.minutes or 0.0 for b in route_breaks(route))


def where_text(item: RouteBreak, names: dict[str, str] | None = None, lang: str = "en") -> str:
    """``at R0123`` (``at R0123 name`` when ``names`` are given) or ``en route R0123 → R0124``."""
    if item.at is not None:
        name = (names or {}).get(item.at, "")
        return text("break.at", lang, place=f"{item.at} {name}".rstrip())
    return text("break.en_route", lang, before=item.before or "?", after=item.after or "?")


def span_text(item: RouteBreak, lang: str = "en") -> str:
    """``11:00–12:00 (60 min)``; only what the plan gives."""
    if item.start is None:
        return ""
    times = f"{_hhmm(item.start)}–{_hhmm(item.end)}" if item.end is not None else _hhmm(item.start)
    minutes = item.minutes
    return text("break.span", lang, times=times, minutes=f"{round(minutes, 1):g}") if minutes is not None else times


def break_text(item: RouteBreak, names: dict[str, str] | None = None, lang: str = "en") -> str:
    """The whole break in one phrase: ``BREAK 11:00–12:00 (60 min), at R0123``."""
    span = span_text(item, lang)
    where = where_text(item, names, lang)
    return text("break.text", lang, span=span, where=where) if span else text("break.text_untimed", lang, where=where)


def _hhmm(seconds: int) -> str:
    text = format_clock(seconds)
    return text[:-3] if text.endswith(":00") else text


def _seconds(text: str | None) -> int | None:
    return None if not text else clock_seconds(text)
