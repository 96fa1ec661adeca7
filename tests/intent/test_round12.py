"""Round-12 families, on sentences in no labelled part: regional Mandarin (嘞 / 额 / 伐 / 摆一哈 / 唠唠 /
忒 / 一眼 / 板), a reason first and the ask after 所以, questions with no question word or about the
tool, may-this-be-said without 能说, a bare 再来, a persona's tone, content added into a script, the
offer spelled out in a promotion, and the written register (另拟 / 篇幅从简)."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session

KETTLE = Product(
    name="恒温电热水壶", category="家居", selling_points=["五档控温", "304不锈钢内胆", "保温十二小时"]
)
WRITTEN = (("写个开场", Scene.OPENING), ("写卖点", Scene.SELLING_POINTS))


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(KETTLE, written)


async def _said(query: str, session: Session | None = None, sent: Product | None = KETTLE) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=sent), session or _session())


def _dirs(r: IntentResult) -> set[tuple[K, bool]]:
    return {(d.kind, d.positive) for d in r.directives if d.kind is not K.FOCUS}


def _focus(r: IntentResult) -> list[str]:
    return [d.value or "" for d in r.directives if d.kind is K.FOCUS]


@pytest.mark.parametrize(
    ("query", "category"), [("阿拉卖羊绒披肩额，写只开场好伐", "服饰"), ("卖雪地靴嘞，先整段开场", "服饰")]
)
async def test_a_closing_particle_leaves_the_product_head_readable(query: str, category: str) -> None:
    r = await _said(query, Session(tenant="t", id="s"), sent=None)
    assert r.kind is IntentKind.GENERATE and not r.needs_clarification and r.category == category


@pytest.mark.parametrize(
    ("query", "kind", "positive"),
    [
        ("忒拖沓了，短一眼", K.LENGTH, False),
        ("太板了嘛，要巴适点", K.FORMAL, False),
        ("长点嘛，再多摆两句", K.LENGTH, True),
        ("整得热乎点", K.WARM, True),
    ],
)
async def test_regional_edits_are_read(query: str, kind: K, positive: bool) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and (kind, positive) in _dirs(r), r


@pytest.mark.parametrize("query", ["卖点摆一哈五档控温", "卖点唠唠保温十二小时"])
async def test_a_regional_verb_of_telling_names_the_focus(query: str) -> None:
    r = await _said(query, _session(WRITTEN[:1]))
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.SELLING_POINTS and _focus(r), r


async def test_the_reason_first_fills_no_slot_and_the_ask_after_so_does() -> None:
    r = await _said("宝妈们最怕烫手，所以卖点那段请重点讲保温十二小时", _session(WRITTEN[:1]))
    assert r.kind is IntentKind.GENERATE and any("保温" in f for f in _focus(r))
    edit = await _said("领导嫌它太像说明书了，所以请改得口语化点")
    assert edit.kind is IntentKind.MODIFY and edit.reference_index == 2 and (K.FORMAL, False) in _dirs(edit)


@pytest.mark.parametrize(
    "query",
    [
        "促销一般写多长合适？你给我讲讲",
        "这个壶耗电大不大",
        "你一次最多能写几段",
        "我能不能让你写个粤语版的？",
        "你给我讲讲，为什么不能说秒开",
    ],
)
async def test_questions_without_a_question_word_or_about_the_tool_are_answered(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and not r.needs_clarification, r


@pytest.mark.parametrize(
    "query",
    [
        "能不能跟家人们说烧水特别快",
        "可不可以直接说成“永不生锈”嘛？",
        "“水壶天花板”这个说法能用不",
        "功率在话术里要不要提",
    ],
)
async def test_may_it_be_said_is_asked_of_the_scene_in_force(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and r.scene is Scene.SELLING_POINTS, r


@pytest.mark.parametrize("query", ["好 再来", "行，再来", "再来嘛"])
async def test_a_bare_again_is_one_more_of_the_last(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.CONTINUE and r.reference_index == 2


async def test_a_persona_is_a_tone() -> None:
    r = await _said("写段促销，像李佳琦那种的")
    assert r.scene is Scene.PROMOTION and (K.LIVELY, True) in _dirs(r)


async def test_content_added_into_a_script_is_more_of_it() -> None:
    r = await _said("卖点里面加上304不锈钢内胆")
    assert r.kind is IntentKind.MODIFY and r.reference_index == 2 and any("304" in f for f in _focus(r))
    more = await _said("这版再加点五档控温的内容")
    assert more.kind is IntentKind.MODIFY and any("控温" in f for f in _focus(more))


async def test_the_offer_spelled_out_in_a_promotion_is_no_focus() -> None:
    r = await _said("来段促销，把第二件半价讲透")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION and not r.needs_clarification
    assert not _focus(r)


async def test_the_written_register() -> None:
    r = await _said("烦请另拟一版，语气稍显亲和。")
    assert r.kind is IntentKind.CONTINUE and (K.WARM, True) in _dirs(r)
    closing = await _said("恳请拟一段结束语，篇幅从简。")
    assert closing.kind is IntentKind.GENERATE and closing.scene is Scene.CLOSING
    assert (K.LENGTH, False) in _dirs(closing)


async def test_thanking_the_brand_is_no_switch() -> None:
    r = await _said("收尾写一段，感谢一下品牌方")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.CLOSING
