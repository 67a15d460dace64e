"""The road profile: defaults, a YAML file overriding part of it, and its problems named."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasteopt.network.osm_profile import DEFAULT_SPEEDS_KMH, RoadProfile, load_profile
from wasteopt.scenario.errors import ScenarioError


def test_defaults_and_overrides(tmp_path: Path) -> None:
    default = load_profile(None)
    assert default.speed("residential") == DEFAULT_SPEEDS_KMH["residential"]
    assert default.speed("footway") is None and default.speed("no-such-class") is None
    assert default.vehicle_class(7) == default.vehicle_classes[3] and default.vehicle_class(0) == default.vehicle_classes[1]
    (tmp_path / "p.yaml").write_text("speeds_kmh: {track: 6, footway: 5}\nmax_snap_m: 200\n"
                                     "vehicle_classes:\n  1: {width_m: 1.8, weight_t: 3}\n")
    profile = load_profile(tmp_path / "p.yaml")
    assert profile.speed("track") == 6 and profile.speed("tertiary") == DEFAULT_SPEEDS_KMH["tertiary"]
    assert profile.speed("footway") is None  # closed whatever its speed
    assert profile.max_snap_m == 200 and list(profile.vehicle_classes) == [1]
    assert profile.digest() != default.digest() and RoadProfile().digest() == default.digest()


def test_problems_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("max_snap: 200\n")
    with pytest.raises(ScenarioError) as caught:
        load_profile(tmp_path / "p.yaml")
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path / 'p.yaml'}: max_snap: Extra inputs are not permitted"]
    with pytest.raises(ScenarioError, match="no such file"):
        load_profile(tmp_path / "none.yaml")


def test_a_profile_saved_in_gbk_is_read(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_bytes("# 乡村道路\nmax_snap_m: 300\n".encode("gbk"))
    assert load_profile(tmp_path / "p.yaml").max_snap_m == 300
