"""Variants: open, close, fleet changes, composition, and the errors for bad names and ids."""

from __future__ import annotations

import pytest

from wasteopt.scenario.errors import ScenarioError
from wasteopt.scenario.models import Variant
from wasteopt.whatif.variants import apply_variant, apply_variants, open_sites, opened_candidates, split_spec


def test_open_makes_a_candidate_existing_and_leaves_the_base_alone(far_village):
    varied = apply_variants(far_village, ["east"])
    assert [s.id for s in varied.active_stations] == ["S1", "C1"]
    assert [s.id for s in far_village.active_stations] == ["S1"]
    assert [s.id for s in opened_candidates(far_village, varied)] == ["C1"]


def test_close_removes_the_station_from_use(two_stations):
    varied = apply_variants(two_stations, ["s2-closed"])
    assert [s.id for s in varied.active_stations] == ["S1", "S3"]
    assert "S2" not in {s.id for s in varied.stations}


def test_fleet_counts_are_replaced_and_variants_compose_in_order(far_village):
    varied = apply_variants(far_village, ["more-trucks", "east"])
    assert varied.fleet[0].count == 5
    assert {s.id for s in varied.active_stations} == {"S1", "C1"}
    assert far_village.fleet[0].count == 3


def test_split_spec_reads_compositions():
    assert split_spec("a+b") == ["a", "b"]
    assert split_spec(" a ") == ["a"]


def test_unknown_variant_names_the_scenario_file(two_stations):
    with pytest.raises(ScenarioError) as caught:
        apply_variants(two_stations, ["s2-closed", "nope", "nada"], source="scen/scenario.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "scen/scenario.yaml: variant: unknown variant 'nope' (known: one-truck, s1-closed, s2-and-s3-closed, s2-closed; or open:ID, close:ID)",
        "scen/scenario.yaml: variant: unknown variant 'nada' (known: one-truck, s1-closed, s2-and-s3-closed, s2-closed; or open:ID, close:ID)",
    ]


def test_unknown_ids_inside_a_variant_are_all_reported(two_stations):
    bad = Variant(open=["S9"], close=["S8"], fleet={"X": 2}, haul_fleet={"H": 1})
    with pytest.raises(ScenarioError) as caught:
        apply_variant(two_stations, bad, name="bad", source="s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml: variants.bad.open: unknown station id 'S9'",
        "s.yaml: variants.bad.close: unknown station id 'S8'",
        "s.yaml: variants.bad.fleet: unknown vehicle type id 'X'",
        "s.yaml: variants.bad.haul_fleet: unknown haul truck type id 'H'",
    ]


def test_negative_fleet_and_open_plus_close_are_errors(two_stations):
    with pytest.raises(ScenarioError) as caught:
        apply_variant(two_stations, Variant(open=["S1"], close=["S1"], fleet={"V": -1}), name="odd", source="s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml: variants.odd: station 'S1' is both opened and closed",
        "s.yaml: variants.odd.fleet.V: a fleet count cannot be negative (got -1)",
    ]


def test_a_closed_station_cannot_be_reopened_by_a_later_variant(two_stations):
    closed = apply_variants(two_stations, ["s2-closed"])
    with pytest.raises(ScenarioError):
        open_sites(closed, ["S2"])


def test_ad_hoc_open_and_close_names_need_no_definition(far_village):
    varied = apply_variants(far_village, ["open:C2", "close:S1"])
    assert [s.id for s in varied.active_stations] == ["C2"]
    with pytest.raises(ScenarioError) as caught:
        apply_variants(far_village, ["open:C9"], source="s.yaml")
    assert [str(p) for p in caught.value.problems] == ["s.yaml: variants.open:C9.open: unknown station id 'C9'"]


def test_the_baseline_of_a_combined_variant_is_it_without_the_opening(far_village):
    from wasteopt.scenario.models import Variant
    from wasteopt.whatif.variants import opens_candidates, without_openings

    scenario = far_village.model_copy(update={"variants": {
        **far_village.variants, "swap": Variant(open=["C1"], close=["S1"]), "reopen": Variant(open=["S1"])}})
    assert opens_candidates(scenario, "east") and opens_candidates(scenario, "open:C2")
    assert not opens_candidates(scenario, "more-trucks") and not opens_candidates(scenario, "reopen")  # S1 is no candidate
    assert without_openings(scenario, ["east", "more-trucks"]) == ["more-trucks"]
    assert without_openings(scenario, ["more-trucks", "open:C2"]) == ["more-trucks"]
    assert without_openings(scenario, ["east"]) is None  # the base
    assert without_openings(scenario, ["more-trucks"]) is None  # builds nothing: compared with the base
    assert without_openings(scenario, ["swap", "more-trucks"]) == ["close:S1", "more-trucks"]
