"""Round-10 families, on sentences in no labelled part: an edit of one line, a running order read out
item by item, the next product named with the script to write, questions that go on after their mark,
a price asked, Cantonese typed as said, and a value corrected in the same message."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session

KETTLE = Product(name="电热水壶", category="家居", selling_points=["304不锈钢内胆", "五分钟烧开", "防干烧"])
WRITTEN = (("写个开场", Scene.OPENING), ("写卖点", Scene.SELLING_POINTS), ("来段促销", Scene.PROMOTION))


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(KETTLE, written)


async def _said(query: str, session: Session | None = None) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=KETTLE), session or _session())


@pytest.mark.parametrize(
    ("query", "index"),
    [("卖点里补一句底座能三百六十度转", 2), ("“秒开”那句拿掉吧", 3), ("在第一版上面加一句今晚包邮", 1)],
)
async def test_an_edit_of_one_line_is_done_without_asking_which_way(query: str, index: int) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and not r.needs_clarification and r.reference_index == index


async def test_the_words_of_a_line_taken_out_fill_no_slot() -> None:
    r = await _said("促销里“扣1抢福利”这句删掉")  # 扣1 is the line's, not a wish for interaction
    assert r.kind is IntentKind.MODIFY and r.reference_index == 3 and r.directives == []


async def test_a_word_swapped_for_a_given_one_is_still_asked_back() -> None:
    r = await _said("开场里“宝子们”全都改成“姐妹们”")
    assert r.kind is IntentKind.MODIFY and r.needs_clarification


@pytest.mark.parametrize(
    ("query", "scene"),
    [
        ("第4项：收尾，带一句明天见", Scene.CLOSING),
        ("开场就这样。下一步：产品介绍", Scene.PRODUCT_INTRO),
        ("下单福利：前五十单送杯垫", Scene.PROMOTION),
    ],
)
async def test_an_item_of_a_running_order_asks_for_a_new_script_of_its_scene(
    query: str, scene: Scene
) -> None:
    r = await _said(query, _session(WRITTEN[:2]))
    assert r.kind is IntentKind.GENERATE and r.scene is scene and r.reference_index is None


@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("再来个空气炸锅，写开场", "家居"),
        ("接着上儿童牙刷，卖点", "母婴"),
        ("轮到羊毛围巾了，介绍来一个", "服饰"),
    ],
)
async def test_the_next_product_named_with_a_script_is_a_switch(query: str, category: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.category == category and r.product_name != KETTLE.name


async def test_one_more_of_the_same_is_no_switch() -> None:
    r = await _said("再来个开场")  # a script named, no product: the opening anew
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.OPENING
    take = await _said("再换一个，这回从租房党的角度讲")
    assert take.kind is IntentKind.CONTINUE and take.reference_index == 3


@pytest.mark.parametrize(
    "query",
    ["这壶能烧牛奶吗，评论区一直有人问", "水垢好清理吗？我自己得先弄清楚", "能写十年不坏吗 会不会被罚"],
)
async def test_a_question_with_its_reason_after_it_is_answered(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and not any(d.kind is K.INTERACTION for d in r.directives)


async def test_a_price_asked_is_a_question_of_the_promotion_with_no_edit() -> None:
    r = await _said("现在拍要几块钱", _session(WRITTEN[:1]))
    assert r.kind is IntentKind.QUERY and r.scene is Scene.PROMOTION and r.directives == []


async def test_cantonese_typed_as_said_is_read_in_the_tables_words() -> None:
    again = await _said("再嚟一段")
    assert again.kind is IntentKind.CONTINUE and again.reference_index == 3
    shorter = await _said("开场嗰段短啲")
    assert shorter.kind is IntentKind.MODIFY and shorter.reference_index == 1
    assert {(d.kind, d.positive) for d in shorter.directives} == {(K.LENGTH, False)}
    asked = await _said("一个几多钱")
    assert asked.kind is IntentKind.QUERY


async def test_the_value_said_after_a_correction_wins() -> None:
    r = await _said("写段收尾，一分钟，不对，四十秒")
    assert r.duration_s == 40
    e = await _said("写个国庆的促销，说错了，是中秋")
    assert e.event == "中秋"


async def test_a_time_slot_of_the_show_is_no_length() -> None:
    r = await _said("最后二十分钟那块讲卖点", _session(WRITTEN[:1]))
    assert r.scene is Scene.SELLING_POINTS and r.duration_s is None
