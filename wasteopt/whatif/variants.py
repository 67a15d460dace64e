"""Named what-ifs applied to a scenario: open candidate stations, close stations, change fleets.

A variant is an override on the base scenario (as in Calliope's scenarios): ``apply_variants``
returns a *new* scenario and never touches the base. Variants compose in the order given, so
``a+b`` means "apply a, then b on the result".

Closing a station removes it from ``stations`` altogether rather than re-labelling it: the solver
and the validator both treat exactly the stations with ``status == "existing"`` as usable, and a
closed station must not come back as a "candidate" that a later site search could build (and charge
a build cost for).

Besides the variants a scenario defines, two ad-hoc forms need no definition: ``open:ID`` and
``close:ID`` (a name the scenario defines itself wins). The site search records its selections this
way in ``plan.variant``, so ``wasteopt validate`` can rebuild the scenario any plan was made for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.models import Scenario, Station, Variant

COMPOSE = "+"
"""Joins variant names into one composition on the command line: ``--variant a+b``."""


def split_spec(spec: str) -> list[str]:
    """The variant names of a command-line composition (``"a+b"`` → ``["a", "b"]``)."""
    return [name.strip() for name in spec.split(COMPOSE) if name.strip()]


def spec_label(names: Sequence[str]) -> str:
    """The display name of a composition (the inverse of :func:`split_spec`); ``base`` when empty."""
    return COMPOSE.join(names) if names else "base"


def apply_variants(scenario: Scenario, names: Sequence[str], *, source: str | None = None) -> Scenario:
    """The scenario with the named variants applied in order.

    ``source`` names the scenario file in error messages (default: the scenario's name). Every unknown
    name, and every id a variant refers to that the scenario lacks, is reported at once.
    """
    where = source or scenario.name
    unknown = [n for n in names if resolve(scenario, n) is None]
    if unknown:
        known = ", ".join(sorted(scenario.variants)) or "none defined"
        raise ScenarioError(
            [Problem(where, None, "variant", f"unknown variant {n!r} (known: {known}; or open:ID, close:ID)")
             for n in unknown]
        )
    result = scenario
    for name in names:
        variant = resolve(scenario, name)
        assert variant is not None
        result = apply_variant(result, variant, name=name, source=where)
    return result


def resolve(scenario: Scenario, name: str) -> Variant | None:
    """The variant a name stands for: the scenario's own, an ad-hoc ``open:ID`` / ``close:ID``, or None."""
    if name in scenario.variants:
        return scenario.variants[name]
    action, _, ident = name.partition(":")
    if ident and action == "open":
        return Variant(open=[ident])
    if ident and action == "close":
        return Variant(close=[ident])
    return None


def site_names(station_ids: Iterable[str]) -> list[str]:
    """The ad-hoc variant names that open the given candidate sites (``open:C03``, ...)."""
    return [f"open:{i}" for i in station_ids]


def apply_variant(scenario: Scenario, variant: Variant, *, name: str = "variant", source: str | None = None) -> Scenario:
    """One variant applied to the scenario (see the module docstring for what open and close mean)."""
    where = source or scenario.name
    problems = _check_ids(scenario, variant, name, where)
    if problems:
        raise ScenarioError(problems)
    stations = [_opened(s) if s.id in variant.open else s for s in scenario.stations if s.id not in variant.close]
    fleet = [vt.model_copy(update={"count": variant.fleet[vt.id]}) if vt.id in variant.fleet else vt for vt in scenario.fleet]
    haul = [
        ht.model_copy(update={"count": variant.haul_fleet[ht.id]}) if ht.id in variant.haul_fleet else ht
        for ht in scenario.haul_fleet
    ]
    return scenario.model_copy(update={"stations": stations, "fleet": fleet, "haul_fleet": haul})


def open_sites(scenario: Scenario, station_ids: Iterable[str]) -> Scenario:
    """The scenario with the given candidate stations opened (the site search's variants)."""
    return apply_variants(scenario, site_names(station_ids))


def opened_candidates(base: Scenario, variant: Scenario) -> list[Station]:
    """Stations that are candidates in ``base`` but in use in ``variant`` (the ones to be built)."""
    in_use = {s.id for s in variant.active_stations}
    return [s for s in base.stations if s.status == "candidate" and s.id in in_use]


def _opened(station: Station) -> Station:
    return station if station.status == "existing" else station.model_copy(update={"status": "existing"})


def _check_ids(scenario: Scenario, variant: Variant, name: str, where: str) -> list[Problem]:
    stations = {s.id for s in scenario.stations}
    fleet = {vt.id for vt in scenario.fleet}
    haul = {ht.id for ht in scenario.haul_fleet}
    checks = [
        ("open", variant.open, stations, "station"),
        ("close", variant.close, stations, "station"),
        ("fleet", variant.fleet, fleet, "vehicle type"),
        ("haul_fleet", variant.haul_fleet, haul, "haul truck type"),
    ]
    problems = [
        Problem(where, None, f"variants.{name}.{field}", f"unknown {kind} id {ident!r}")
        for field, ids, known, kind in checks
        for ident in ids
        if ident not in known
    ]
    problems += [
        Problem(where, None, f"variants.{name}", f"station {ident!r} is both opened and closed")
        for ident in sorted(set(variant.open) & set(variant.close))
    ]
    problems += [
        Problem(where, None, f"variants.{name}.{field}.{ident}", f"a fleet count cannot be negative (got {count})")
        for field, counts in (("fleet", variant.fleet), ("haul_fleet", variant.haul_fleet))
        for ident, count in counts.items()
        if count < 0
    ]
    return problems


def opens_candidates(scenario: Scenario, name: str) -> bool:
    """Whether the named variant opens a candidate site of ``scenario`` (it builds a station)."""
    variant = resolve(scenario, name)
    candidates = {s.id for s in scenario.stations if s.status == "candidate"}
    return variant is not None and bool(set(variant.open) & candidates)


def without_openings(scenario: Scenario, names: Sequence[str]) -> list[str] | None:
    """The same composition without what builds stations — the baseline a combined variant's payback
    is measured against ("open C01 + close S01" against "close S01"). A variant that both opens and
    closes stations keeps its closures (as ``close:ID``; its fleet changes are not carried over).
    None when nothing in ``names`` opens a candidate, or nothing is left (the baseline is the base)."""
    if not any(opens_candidates(scenario, n) for n in names):
        return None
    kept: list[str] = []
    for name in names:
        if not opens_candidates(scenario, name):
            kept.append(name)
            continue
        variant = resolve(scenario, name)
        assert variant is not None
        kept += [f"close:{ident}" for ident in variant.close]
    return kept or None
