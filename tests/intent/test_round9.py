"""Round-9 families, on sentences in no labelled part: switches said by the selling verb, scene
jargon, focuses as a wish or a core, length complaints, order words, questions and requests without
their usual marks, regional words, and the words that name a script or a medium rather than a slot."""

from __future__ import annotations

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from script_agent.testing.intent_dataset import Dialogue, replay
from script_agent.testing.intent_dataset import Turn as LabelledTurn
from tests.intent.sessions import written_session
from tests.intent.slots import directions, first_focus

CUP = Product(name="保温杯", category="家居", selling_points=["316不锈钢内胆", "12小时保温", "一键开盖"])
WRITTEN = (
    ("写个开场", Scene.OPENING),
    ("再来一个开场", Scene.OPENING),
    ("来段促销", Scene.PROMOTION),
    ("写个收尾，90秒", Scene.CLOSING),
)


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(CUP, written)


async def _said(query: str, session: Session | None = None, product: Product | None = CUP) -> IntentResult:
    request = ScriptRequest(query=query, product=product)
    return await IntentAgent().recognize(request, session or _session())


def _focus(r: IntentResult) -> str | None:
    return next((d.value for d in r.directives if d.kind is K.FOCUS), None)


async def test_a_switch_said_by_the_selling_verb_takes_the_product_after_it() -> None:
    r = await _said("保温杯卖完了，换去卖电热毯，写个开场", product=None)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.category == "家居"
    assert r.product_name is not None and "电热毯" in r.product_name and not r.needs_clarification
    again = await _said("电热毯不卖了，改卖蓝牙喇叭", product=None)
    assert again.kind is IntentKind.SWITCH_PRODUCT and again.category == "数码"


async def test_a_switch_away_from_the_product_sent_does_not_ask_about_the_old_ones_points() -> None:
    r = await _said("换卖蓝牙音箱，也写卖点，主打低音")
    assert r.kind is IntentKind.SWITCH_PRODUCT and not r.needs_clarification
    assert r.product_name is not None and "音箱" in r.product_name and _focus(r) == "低音"


async def test_after_a_switch_the_replay_sends_the_new_product_not_the_old() -> None:
    dialogue = Dialogue("switch", "phone", [LabelledTurn("换卖耳机吧，写个卖点", {}, 1),
                                            LabelledTurn("耳机这段主打降噪", {}, 2)])  # fmt: skip
    (_, switched), (_, edited) = await replay(dialogue)
    assert switched.kind is IntentKind.SWITCH_PRODUCT and switched.product_name == "耳机"
    assert edited.product_name == "耳机" and not edited.needs_clarification  # 降噪: the earphones'


async def test_promotion_and_closing_jargon_name_their_scenes() -> None:
    assert (await _said("促单来一条")).scene is Scene.PROMOTION
    r = await _said("收口写一个，20秒")
    assert r.scene is Scene.CLOSING and r.duration_s == 20


def test_a_focus_said_as_a_wish_a_core_or_a_direction() -> None:
    assert first_focus("开场里特别想强调一键开盖") == "一键开盖"
    assert first_focus("卖点核心就是保温久") == "保温久"
    assert first_focus("整段往保温上带") == "保温"
    assert first_focus("核心是316内胆，整段都围绕它写") == "316内胆"  # 它 points back


def test_a_bare_topic_after_a_bare_scene_word_is_its_focus_but_filler_is_not() -> None:
    assert first_focus("卖点 保温") == "保温"
    assert first_focus("开场 嘿嘿") is None
    assert first_focus("收尾 两分钟") is None


def test_length_complaints_and_wishes() -> None:
    assert directions("写得拖拖拉拉的") == {("length", False)}
    assert directions("字太多了，看着累") == {("length", False)}
    assert directions("开头铺垫偏长") == {("length", False)}
    assert directions("这段偏短了") == {("length", True)}
    assert directions("与其铺垫太多，不如写精一点") == {("length", False)}


def test_the_proposal_put_to_the_writer_is_turned_down_not_asked() -> None:
    assert directions("不是要你改长，是要更活泼") == {("lively", True)}
    assert directions("不是让你写得多专业，而是亲切点") == {("warm", True)}


async def test_order_words_and_measure_words_find_the_script() -> None:
    assert (await _said("头一个开场改热闹点")).reference_index == 1
    assert (await _said("开场那支短一点")).reference_index == 2


async def test_a_scenes_script_not_yet_written_is_asked_for() -> None:
    r = await _said("产品介绍那段来一个")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PRODUCT_INTRO and r.reference_index is None


async def test_a_measure_asked_with_no_question_mark_is_a_question() -> None:
    assert (await _said("这杯子多重，容量多少毫升")).kind is IntentKind.QUERY
    about = await _said("刚写好的那个有多长")
    assert about.kind is IntentKind.QUERY and about.scene is Scene.CLOSING


async def test_a_request_put_as_a_question_is_a_request() -> None:
    r = await _said("能帮我想想下播咋说吗")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.CLOSING


async def test_whether_quoted_words_may_be_said_asks_in_the_scene_in_force() -> None:
    for query in ("收尾里说“今晚最后一波”可以吗", "能在直播间里讲“零差评”吗"):
        r = await _said(query)
        assert r.kind is IntentKind.QUERY and r.scene is Scene.CLOSING, query


async def test_regional_and_english_words_read_as_the_tables_words() -> None:
    said = {
        "价格莫讲了": {(K.PRICE, False)},
        "节奏有点赶": {(K.LIVELY, False)},
        "整体 lively 一点": {(K.LIVELY, True)},
        "讯息塞太多了": {(K.LENGTH, False)},
    }
    for query, wanted in said.items():
        r = await _said(query)
        assert {(d.kind, d.positive) for d in r.directives} == wanted, query


async def test_a_promotion_tactic_is_no_stock_figure_and_we_compare_ourselves() -> None:
    assert not (await _said("促销写成限时限量的感觉")).needs_clarification
    assert not (await _said("开场那段再来一个，我对比一下")).needs_clarification


async def test_products_the_tables_lacked_and_the_phone_as_a_medium() -> None:
    empty = _session(())
    assert (await _said("卖核桃，写个开场", empty, None)).category == "食品"
    assert (await _said("卖咸鸭蛋，写个卖点", empty, None)).category == "食品"
    asked = await _said("写个在手机上念的开场", empty, None)
    assert asked.needs_clarification and asked.category is None
    generic = await _said("写个通用的收尾，不针对哪个产品", empty, None)
    assert not generic.needs_clarification


def test_words_naming_the_script_referred_to_ask_for_nothing() -> None:
    assert directions("加互动那段，互动少一点") == {("interaction", False)}
    assert directions("我自己写的太平淡了，你帮我写个开场") == set()
    assert directions("像在念稿，口语点") == {("formal", False)}


async def test_a_refused_money_word_asks_no_question() -> None:
    r = await _said("写段促销，别提多少钱")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION
    assert directions("写段促销，别提多少钱") == {("price", False)}


async def test_compressing_is_measured_against_the_length_the_script_was_asked() -> None:
    r = await _said("收尾压到40秒")  # the closing was asked at 90 s, the scene's usual is 30 s
    assert r.kind is IntentKind.MODIFY and r.duration_s == 40
    assert any(d.kind is K.LENGTH and not d.positive for d in r.directives)


async def test_an_intro_named_by_its_verb_and_another_of_a_judged_scene() -> None:
    intro = await _said("再来个介绍保温杯的")
    assert intro.kind is IntentKind.GENERATE and intro.scene is Scene.PRODUCT_INTRO
    again = await _said("促销可以再来一个不同的吗")
    assert again.kind is IntentKind.CONTINUE and again.reference_index == 3
