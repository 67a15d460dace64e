"""The text catalogue: every key in English and Chinese with the same values to fill in, and the
language a command speaks (``--lang``, ``WASTEOPT_LANG``, the scenario's ``language:``, the locale)."""

from __future__ import annotations

import string
from types import SimpleNamespace

import pytest

from wasteopt.i18n import CATALOGUE, ENV, LANGUAGES, choose_language, language_of, plural, text

PLURAL_ENDINGS = {"s", "routes_s", "served_s", "haul_s"}
"""English plural endings the Chinese texts need not use."""


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_values(key: str) -> None:
    entry = CATALOGUE[key]
    assert len(entry) == len(LANGUAGES) == 2
    en, zh = entry
    assert en.strip() and zh.strip(), key
    assert fields(zh) <= fields(en), key
    assert fields(en) - fields(zh) <= PLURAL_ENDINGS, key


def test_chinese_texts_are_chinese() -> None:
    """Most Chinese entries hold Chinese characters (the rest are units, symbols or figures)."""
    chinese = [key for key, (_, zh) in CATALOGUE.items() if any("\u4e00" <= c <= "\u9fff" for c in zh)]
    assert len(chinese) > 0.8 * len(CATALOGUE)


def test_text_fills_values_and_keeps_number_formats() -> None:
    assert text("cli.plan_written", "en", path="out/plan.json") == "plan written to out/plan.json"
    assert text("cli.plan_written", "zh", path="out/plan.json") == "方案已写入 out/plan.json"
    assert text("summary.cost_per_tonne", "en", value=245.904) == "cost per tonne: 245.90 yuan"
    assert text("summary.cost_per_tonne", "zh", value=245.904) == "吨均成本：245.90 元"
    assert text("cli.violations", "en", n=1, s=plural(1)) == "1 violation"
    assert text("cli.violations", "en", n=3, s=plural(3)) == "3 violations"
    assert text("cli.violations", "zh", n=3, s=plural(3)) == "3 处违规"
    assert text("bound.cost", "en", ratio="2.17") == "collection cost ≤ 2.17 × the lower bound"
    assert text("bound.cost", "zh", ratio="2.17") == "收运成本 ≤ 下界的 2.17 倍"


@pytest.mark.parametrize(("tag", "lang"), [("zh", "zh"), ("ZH", "zh"), ("zh-CN", "zh"), ("zh_CN.UTF-8", "zh"),
                                           ("en", "en"), ("en_US", "en"), ("fr", None), ("", None), (None, None),
                                           ("zhx", None)])
def test_language_tags(tag: str | None, lang: str | None) -> None:
    assert language_of(tag) == lang


def test_the_order_a_language_is_chosen_in() -> None:
    zh_scenario = SimpleNamespace(language="zh")
    en_scenario = SimpleNamespace(language="en")
    old_scenario = SimpleNamespace()  # a scenario model without the field
    assert choose_language("en", zh_scenario, {ENV: "zh", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, en_scenario, {ENV: "zh"}) == "zh"
    assert choose_language(None, zh_scenario, {"LANG": "en_US.UTF-8"}) == "zh"
    assert choose_language(None, en_scenario, {"LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, old_scenario, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert choose_language(None, None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert choose_language(None, None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == "zh"
    assert choose_language(None, None, {ENV: "klingon", "LANG": "zh_CN"}) == "zh"  # an unknown value is passed over
    assert choose_language(None, None, {}) == "en"
