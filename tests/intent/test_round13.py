"""Round-13 families, on sentences in no labelled part: pinyin typed when the input method broke,
whether a claim should go in, a countdown to going live, the tool asked about first, a wrong fact put
right, versions named by letter or for another host, a verdict before another take, a section
dropped, the classical register, learner and regional words, a festival named after a season or
over, an offer in a promotion, and a place inside a version."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session

COOKER = Product(name="智能电饭煲", category="家居", selling_points=["一键预约", "三升容量", "陶瓷釉内胆"])
WRITTEN = (("写个开场", Scene.OPENING), ("写卖点", Scene.SELLING_POINTS))
THREE_OPENINGS = (("写个开场", Scene.OPENING), ("再来一版", Scene.OPENING), ("再来一版", Scene.OPENING))


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(COOKER, written)


async def _said(query: str, session: Session | None = None, sent: Product | None = COOKER) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=sent), session or _session())


def _dirs(r: IntentResult) -> set[tuple[K, bool]]:
    return {(d.kind, d.positive) for d in r.directives if d.kind is not K.FOCUS}


def _focus(r: IntentResult) -> list[str]:
    return [d.value or "" for d in r.directives if d.kind is K.FOCUS]


async def test_pinyin_is_read_as_the_words_it_spells() -> None:
    r = await _said("bang wo xie ge cuxiao")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION, r
    edit = await _said("zai duan yidian")
    assert edit.kind is IntentKind.MODIFY and (K.LENGTH, False) in _dirs(edit), edit
    closing = await _said("shouwei xie yi ge, 45 miao")
    assert closing.scene is Scene.CLOSING and closing.duration_s == 45, closing


async def test_english_is_not_taken_for_pinyin() -> None:
    r = await _said("太formal了")
    assert r.kind is IntentKind.MODIFY and (K.FORMAL, False) in _dirs(r), r


@pytest.mark.parametrize("query", ["“一键预约”要不要写上？", "保修期要不要在话术里带一句？我拿不准"])
async def test_whether_a_claim_goes_in_is_asked_of_the_scene_in_force(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and r.scene is Scene.SELLING_POINTS and not r.directives, r


async def test_a_countdown_to_going_live_is_no_length() -> None:
    r = await _said("还剩四十分钟！卖点再来一版")
    assert r.kind is IntentKind.CONTINUE and r.duration_s is None, r
    timed = await _said("二十分钟了，收尾写一个，半分钟")
    assert timed.scene is Scene.CLOSING and timed.duration_s == 30, timed


@pytest.mark.parametrize("query", ["你好，先问一下，你会写促销吗？最长能写多久？", "开场能写得带点悬念不？"])
async def test_the_tool_asked_about_before_anything_is_written(query: str) -> None:
    r = await _said(query, Session(tenant="t", id="s"))
    assert r.kind is IntentKind.QUERY and not r.directives, r


@pytest.mark.parametrize("query", ["容量写错了吧，是四升不是三升", "赠的是量杯，不是饭勺，重改"])
async def test_a_wrong_fact_put_right_is_an_edit_with_no_direction(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and r.reference_index == 2 and not r.needs_clarification, r
    assert not r.directives


async def test_a_caution_not_to_get_it_wrong_refuses_nothing() -> None:
    r = await _said("促销写一段，赠品和价格别再写错了")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION and not r.directives, r


@pytest.mark.parametrize("query", ["拿掉吧，换个保守点的说法", "我都想换个软件了。短点"])
async def test_another_wording_or_tool_is_no_switch(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and not r.needs_clarification, r


async def test_versions_named_by_letter() -> None:
    named = await _said("写个开场，这个记作A", Session(tenant="t", id="s"))
    assert named.kind is IntentKind.GENERATE and named.scene is Scene.OPENING
    b = await _said("把B拿出来改短点", _session(THREE_OPENINGS))
    assert b.kind is IntentKind.MODIFY and b.reference_index == 2 and (K.LENGTH, False) in _dirs(b), b
    c = await _said("C里段子太多了，收一收", _session(THREE_OPENINGS))
    assert c.reference_index == 3 and _dirs(c) == {(K.HUMOR, False)}, c
    again = await _said("这个算A，再来个B")
    assert again.kind is IntentKind.CONTINUE and again.reference_index == 2, again


async def test_one_more_version_for_another_host_is_another_take() -> None:
    r = await _said("一样的这段，再给主播阿杰也出一版，他稳一点")
    assert r.kind is IntentKind.CONTINUE and r.reference_index == 2, r


@pytest.mark.parametrize("query", ["不满意，换一版", "还是不喜欢，再来"])
async def test_a_verdict_before_another_take_rejects_the_last(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.CONTINUE and r.reference_index == 2 and not r.needs_clarification, r


async def test_a_section_dropped_refers_to_no_script() -> None:
    r = await _said("介绍那段不要了，直接写收尾")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.CLOSING and r.reference_index is None, r


async def test_the_classical_register() -> None:
    r = await _said("烦请为敝店电饭煲撰开场之辞一则", Session(tenant="t", id="s"), sent=None)
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.OPENING and r.category == "家居", r
    cut = await _said("文辞冗长，删其半")
    assert cut.kind is IntentKind.MODIFY and (K.LENGTH, False) in _dirs(cut), cut
    asked = await _said("此篇可否言“米饭更香”？")
    assert asked.kind is IntentKind.QUERY and asked.scene is Scene.SELLING_POINTS, asked
    again = await _said("然则另撰一篇，勿用此语")
    assert again.kind is IntentKind.CONTINUE and again.reference_index == 2, again


async def test_learner_and_regional_words() -> None:
    focus = await _said("再写一段卖点，重点说它能预约")
    assert focus.kind is IntentKind.GENERATE and any("预约" in f for f in _focus(focus)), focus
    praised = await _said("想好好夸夸陶瓷釉内胆这一点，写一段", _session(WRITTEN[:1]))
    assert praised.scene is Scene.SELLING_POINTS and any("陶瓷釉" in f for f in _focus(praised)), praised
    asked = await _said("港“三分钟出饭”要得不")
    assert asked.kind is IntentKind.QUERY and asked.scene is Scene.SELLING_POINTS, asked
    sweet = await _said("收尾写得甜甜的")
    assert sweet.scene is Scene.CLOSING and (K.WARM, True) in _dirs(sweet), sweet
    talk = await _said("我想多一点跟观众聊天")
    assert talk.kind is IntentKind.MODIFY and (K.INTERACTION, True) in _dirs(talk), talk


async def test_a_festival_named_after_a_season_or_over() -> None:
    named = await _said("快过年了，来个年货节的促销")
    assert named.scene is Scene.PROMOTION and named.event == "年货节", named
    over = await _said("双十一已经过去了，按平常写个开场")
    assert over.scene is Scene.OPENING and over.event is None, over


async def test_an_offer_in_a_promotion_is_no_focus() -> None:
    r = await _said("促销，满三百减五十，让大家扣1")
    assert r.kind is IntentKind.GENERATE and not r.needs_clarification and not _focus(r), r
    assert (K.INTERACTION, True) in _dirs(r)


async def test_a_place_inside_a_version_is_no_scene() -> None:
    r = await _said("把第一版结尾改成让大家扣1")
    assert r.kind is IntentKind.MODIFY and r.reference_index == 1 and r.scene is Scene.OPENING, r


async def test_telling_of_this_item_is_its_introduction() -> None:
    r = await _said("说说这款电饭煲，重点讲一键预约")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PRODUCT_INTRO, r


async def test_pressed_to_a_time_after_a_complaint_is_shorter() -> None:
    r = await _said("长了，弄到二十秒")
    assert r.kind is IntentKind.MODIFY and r.duration_s == 20 and (K.LENGTH, False) in _dirs(r), r
