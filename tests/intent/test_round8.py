"""Round-8 families, on sentences in no labelled part: numbered scripts, jargon, plain words,
polite requests, next-product moves and self-corrections (the last said wins, slot by slot)."""

from __future__ import annotations

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session

CUP = Product(name="保温杯", category="家居", selling_points=["316不锈钢内胆", "12小时保温", "一键开盖"])
WRITTEN = (
    ("写个开场", Scene.OPENING),
    ("来段卖点", Scene.SELLING_POINTS),
    ("来段促销", Scene.PROMOTION),
    ("写个收尾", Scene.CLOSING),
)


def _session() -> Session:
    return written_session(CUP, WRITTEN)


async def _said(query: str, session: Session | None = None) -> IntentResult:
    request = ScriptRequest(query=query, product=CUP)
    return await IntentAgent().recognize(request, session or _session())


def _dirs(r: IntentResult) -> set[tuple[K, bool | None]]:
    return {(d.kind, d.positive) for d in r.directives if d.kind is not K.FOCUS}


async def test_a_numbered_script_is_the_one_written_in_that_place() -> None:
    r = await _said("2号再精简点")
    assert (r.kind, r.reference_index, r.scene) == (IntentKind.MODIFY, 2, Scene.SELLING_POINTS)
    r = await _said("3号换套说法再来")
    assert (r.kind, r.reference_index, r.scene) == (IntentKind.CONTINUE, 3, Scene.PROMOTION)


async def test_a_date_is_no_numbered_script() -> None:
    r = await _said("促销写一段，11月3号开播用")
    assert r.kind is IntentKind.GENERATE and r.reference_index is None


async def test_holding_stock_back_is_a_promotion_and_typing_a_word_is_interaction() -> None:
    r = await _said("憋单写一段，人多了再放库存", Session(tenant="t", id="new"))
    assert (r.kind, r.scene, r.needs_clarification) == (IntentKind.GENERATE, Scene.PROMOTION, False)
    r = await _said("开场让家人们扣“暖”", Session(tenant="t", id="new"))
    assert _dirs(r) == {(K.INTERACTION, True)}  # the quoted word asks no warmth


async def test_moving_on_without_naming_the_next_product_asks_which() -> None:
    for query in ("这个讲完了，过款", "下一个吧"):
        r = await _said(query)
        assert (r.kind, r.needs_clarification) == (IntentKind.SWITCH_PRODUCT, True), query


async def test_the_next_product_named_is_switched_to_but_the_next_point_is_not() -> None:
    r = await _said("下一款口红，来个开场")
    assert (r.kind, r.scene) == (IntentKind.SWITCH_PRODUCT, Scene.OPENING)
    r = await _said("下一个卖点写写开盖")
    assert r.kind is not IntentKind.SWITCH_PRODUCT


async def test_a_polite_request_with_a_closing_question_is_written() -> None:
    r = await _said("双十二有满减，帮我写段促销，可以吗", Session(tenant="t", id="new"))
    assert (r.kind, r.scene, r.event) == (IntentKind.GENERATE, Scene.PROMOTION, "双十二")


async def test_a_real_question_stays_a_question() -> None:
    r = await _said("这个杯子能装开水吗")
    assert r.kind is IntentKind.QUERY


async def test_the_last_said_wins_after_a_self_correction() -> None:
    new = Session(tenant="t", id="new")
    r = await _said("写个收尾，哦不对，先写开场", new)
    assert r.scene is Scene.OPENING
    r = await _said("促销来一段，半分钟，算了还是一分钟吧", new)
    assert (r.scene, r.duration_s) == (Scene.PROMOTION, 60)
    r = await _said("开场要年货节的，不对，是春节，我说岔了", new)
    assert r.event == "春节"


async def test_a_correction_of_the_feeling_is_no_self_correction() -> None:
    r = await _said("感觉不对，再改改")
    assert r.kind is IntentKind.MODIFY and r.needs_clarification  # no direction: asked how


async def test_the_offer_weighed_and_put_aside_is_the_price_refused() -> None:
    r = await _said("与其一直喊划算，不如多讲讲保温")
    assert (K.PRICE, False) in _dirs(r)


async def test_plain_words_of_the_scene_and_the_tone() -> None:
    new = Session(tenant="t", id="new")
    assert (await _said("写个跟大家打招呼的", new)).scene is Scene.OPENING
    assert (await _said("再写个讲杯子好处的", new)).scene is Scene.SELLING_POINTS
    r = await _said("你写得文绉绉的，别那么急吼吼")
    assert _dirs(r) == {(K.FORMAL, False), (K.LIVELY, False)}
