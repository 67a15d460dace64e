"""Synthetic Chinese place names for generated scenarios (plausible, not real places).

Names are built from two-character stems so that any number of towns and villages gets distinct,
readable names; a stem is never a real town of the district on purpose (positions are synthetic too).
"""

from __future__ import annotations

import numpy as np

_FIRST = "东西南北中前后上下大小新石柳杨桃李王张刘马白青金龙凤双三五河泉"
_SECOND = "庄家营桥店岭坡屯集坊湾沟堡园台寨峪洼铺河岗"
STEMS = [a + b for a in _FIRST for b in _SECOND if a != b]
"""Two-character name stems (e.g. 柳家, 石桥), 600-odd of them."""


def town_names(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct town names; about a third are subdistricts (街道), the rest towns (镇)."""
    order = rng.permutation(len(STEMS))
    names = []
    for k in range(count):
        stem = STEMS[order[k % len(STEMS)]] + ("" if k < len(STEMS) else str(k // len(STEMS) + 1))
        names.append(stem + ("街道" if k % 3 == 2 else "镇"))
    return names


def village_names(kinds: list[bool], rng: np.random.Generator) -> list[str]:
    """Distinct names for the villages of one town; ``True`` marks a rural community (社区)."""
    order = rng.permutation(len(STEMS))
    names = []
    for k, community in enumerate(kinds):
        stem = STEMS[order[k % len(STEMS)]] + ("" if k < len(STEMS) else str(k // len(STEMS) + 1))
        names.append(stem + ("社区" if community else "村"))
    return names
