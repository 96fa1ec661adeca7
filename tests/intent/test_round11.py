"""Round-11 families, on sentences in no labelled part: a bare ask with the product sent, another
product named while one is in play, a focus after a plain 讲, sarcasm carrying its edit, traditional
characters, a line reworded by its place or words, a question with its worry after it, and versions
counted within their scene."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session

BRUSH = Product(
    name="声波电动牙刷", category="家居", selling_points=["五种清洁模式", "充一次用六十天", "软毛不伤牙龈"]
)
WRITTEN = (("写个开场", Scene.OPENING), ("写卖点", Scene.SELLING_POINTS), ("来段促销", Scene.PROMOTION))


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(BRUSH, written)


async def _said(query: str, session: Session | None = None, sent: Product | None = BRUSH) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=sent), session or _session())


def _focus(r: IntentResult) -> list[str]:
    return [d.value or "" for d in r.directives if d.kind is K.FOCUS]


@pytest.mark.parametrize("query", ["写呗", "帮我整点东西", "搞一个吧"])
async def test_a_bare_ask_with_the_product_sent_asks_which_script(query: str) -> None:
    r = await _said(query, _session(()))
    assert r.kind is IntentKind.GENERATE and r.needs_clarification and "哪一段" in (r.clarification or "")


@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("先放一放，切到那个面膜，也来段开场", "美妆"),
        ("回到坚果，写个卖点", "食品"),
        ("卫衣也要一段产品介绍", "服饰"),
        ("待会儿要播蜂蜜，先写收尾", "食品"),
    ],
)
async def test_another_product_named_while_one_is_in_play_is_a_switch(query: str, category: str) -> None:
    r = await _said(query, sent=None)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.category == category


async def test_a_switch_word_on_the_first_turn_only_starts_the_show() -> None:
    r = await _said("下一个品 面膜 写开场", Session(tenant="t", id="s"), sent=None)
    assert r.kind is IntentKind.GENERATE and r.category == "美妆" and r.scene is Scene.OPENING


@pytest.mark.parametrize(
    ("query", "focus"),
    [
        ("写段卖点，讲软毛不伤牙龈", "软毛不伤牙龈"),
        ("讲续航的卖点来一段", "续航"),
        ("卖点写一个，清洁模式那个要讲", "清洁模式"),
        ("卖点写一个，重点放充一次用六十天", "充一次用六十天"),
    ],
)
async def test_a_focus_after_a_plain_jiang_is_read(query: str, focus: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.SELLING_POINTS
    assert any(focus in f or f in focus for f in _focus(r)), r.directives


async def test_one_more_with_its_own_focus_is_a_new_script() -> None:
    r = await _said("再来一段讲五种模式的")
    assert r.kind is IntentKind.GENERATE and r.reference_index is None and _focus(r)
    nxt = await _said("下一段讲软毛 三十秒")
    assert nxt.kind is IntentKind.GENERATE and nxt.duration_s == 30 and _focus(nxt)


@pytest.mark.parametrize(
    ("query", "kind", "positive"),
    [
        ("呵呵，听得我都犯困了，能不能有点精神", K.LIVELY, True),
        ("你是觉得字多显得认真？删一半", K.LENGTH, False),
    ],
)
async def test_sarcasm_carries_its_edit(query: str, kind: K, positive: bool) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and (kind, positive) in {(d.kind, d.positive) for d in r.directives}


async def test_traditional_characters_are_read_and_the_focus_kept_as_typed() -> None:
    r = await _said("幫我寫個產品介紹", _session(()))
    assert r.scene is Scene.PRODUCT_INTRO and not r.needs_clarification
    pitch = await _said("再寫個推介，講下佢點樣唔傷牙齦")
    assert pitch.scene is Scene.SELLING_POINTS and any("唔傷" in f for f in _focus(pitch))
    calm = await _said("唔好咁長")
    assert (K.LENGTH, False) in {(d.kind, d.positive) for d in calm.directives}


@pytest.mark.parametrize(
    "query", ["第一句读着拗口，帮我捋顺", "“刷牙像做SPA”那句念着怪，换成大白话", "末尾补一句明晚八点见"]
)
async def test_a_line_named_by_its_place_or_words_is_edited_without_asking(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and not r.needs_clarification and r.scene is Scene.PROMOTION


async def test_a_note_on_the_data_is_an_edit_not_invented_data() -> None:
    r = await _said("续航数据那句要标注是实验室测试条件")
    assert r.kind is IntentKind.MODIFY and not r.needs_clarification


@pytest.mark.parametrize(
    "query",
    [
        "促销一般多长合适？我担心观众划走",
        "能说成比手动刷干净十倍吗？审核严",
        "品牌方问“医生都推荐”这样说可以吗",
    ],
)
async def test_a_question_with_its_worry_or_a_wording_asked_is_answered(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY


async def test_versions_are_counted_within_their_scene() -> None:
    written = (*WRITTEN, ("卖点再来一版", Scene.SELLING_POINTS), ("促销再来一版", Scene.PROMOTION))
    r = await _said("还是第一版促销好，加点互动", _session(written))
    assert r.kind is IntentKind.MODIFY and r.reference_index == 3
    again = await _said("又要一版开场备选", _session(written))
    assert again.kind is IntentKind.CONTINUE and again.reference_index == 1


async def test_the_last_item_of_a_list_and_dotted_festivals() -> None:
    r = await _said("最后一个，收尾，11.11那场用")
    assert r.kind is IntentKind.GENERATE and r.reference_index is None and r.event == "双十一"


async def test_an_offer_asked_about_is_the_promotions() -> None:
    r = await _said("分期是几期来着", _session(WRITTEN[:1]))
    assert r.kind is IntentKind.QUERY and r.scene is Scene.PROMOTION
