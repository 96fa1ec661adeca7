"""Negation and contrast scope, on sentences of the kind users type (not the labelled set's)."""

from __future__ import annotations

import pytest

from script_agent.agents.intent_slots import read_slots
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import Scene
from tests.intent.slots import directions as _dirs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不要写得太正式", {("formal", False)}),
        ("正式一点", {("formal", True)}),
        ("不够正式", {("formal", True)}),
        ("别太活泼了", {("lively", False)}),
        ("不是活泼，而是稳重", {("lively", False), ("formal", True)}),
        ("不是活泼而是稳重", {("lively", False), ("formal", True)}),
        ("互动少一点", {("interaction", False)}),
        ("少一点互动", {("interaction", False)}),
        ("不必那么长", {("length", False)}),
        ("写得太短了", {("length", True)}),
        ("别提价格", {("price", False)}),
        ("不用说优惠", {("price", False)}),
    ],
)
def test_polarity_of_style_and_content_slots(text: str, expected: set[tuple[str, bool]]) -> None:
    assert _dirs(text) == expected


def test_a_refused_scene_is_not_chosen_and_the_contrasted_one_is() -> None:
    slots = read_slots("别写开场了，写个收尾")
    assert slots.scene is Scene.CLOSING and Scene.OPENING in slots.refused_scenes
    assert read_slots("写一段，别提价格").scene is None  # price refused: not a promotion request


def test_contradictory_asks_are_flagged_for_one_question() -> None:
    assert read_slots("短一点，但是要详细").conflict is K.LENGTH
    assert read_slots("不要太长，正式一点").conflict is None


def test_focus_by_number_and_by_words() -> None:
    by_number = [d for d in read_slots("只讲第二个卖点").directives if d.kind is K.FOCUS]
    by_words = [d for d in read_slots("重点讲一下续航").directives if d.kind is K.FOCUS]
    assert [d.value for d in by_number] == ["2"] and [d.value for d in by_words] == ["续航"]


def test_durations_in_seconds_and_minutes() -> None:
    assert read_slots("写个30秒的开场").duration_s == 30
    assert read_slots("两分钟的卖点").duration_s == 120
    assert read_slots("一分半钟").duration_s == 90


def test_edits_nobody_can_honour_are_named() -> None:
    assert read_slots("改成英文").unsupported and read_slots("加上销量数据").unsupported
    assert read_slots("不要编销量数据").unsupported is None  # refusing it is fine


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("重心放在显白上", "显白"),
        ("篇幅都放在续航上面", "续航"),
        ("着重讲一下保暖", "保暖"),
        ("侧重于防泼水", "防泼水"),
        ("就挑颜色来说", "颜色"),
        ("只选保鲜写", "保鲜"),
        ("写卖点，把笔墨集中在高刷屏", "高刷屏"),
    ],
)
def test_focus_said_by_placing_the_weight_or_by_choosing(text: str, value: str) -> None:
    """重点放在X上 / 只挑X讲 name the point as surely as 只讲X; the locative and verb are not in it."""
    focus = [d.value for d in read_slots(text).directives if d.kind is K.FOCUS]
    assert focus == [value]


@pytest.mark.parametrize(
    "text", ["满减那块不用讲了", "优惠券别提了", "赠品不要说", "送的东西就不提了", "分期免息别说", "价格不说"]
)
def test_every_money_part_of_the_offer_refused_after_it_is_named(text: str) -> None:
    """Free gifts, coupons and instalments are the offer too; a refusal may follow the words it refuses."""
    assert _dirs(text) == {("price", False)}
    assert read_slots(text).scene is not Scene.PROMOTION


def test_asking_about_the_gift_is_not_an_edit() -> None:
    assert _dirs("讲讲赠品") == set()
    assert _dirs("互动的部分太多了") == {("interaction", False)}
