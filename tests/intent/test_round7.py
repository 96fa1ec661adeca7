"""Round-7 families, on sentences in no labelled part: the fast-typing and dictation registers.

English tone and scene words, 嗯 and 在 for 再 read in the tables' words; a space ends a clause unless
a cue before it waits for its word; a negation in one unpunctuated run covers the word it names
first; bare edit fragments; a product said as a switch; questions with no question mark; 倒数第N个;
a topic fronted bare before 多讲讲; X介绍 as the scene named; warmth by degree; a stiffness complaint
answered by its remedy; 就说 + a message; 压到 a time under the scene's usual length.
"""

from __future__ import annotations

import pytest

from script_agent.agents.intent import ASK_SWITCH, IntentAgent
from script_agent.agents.intent_register import normalized
from script_agent.agents.intent_slots import read_slots
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, Turn
from tests.intent.sessions import written_session
from tests.intent.slots import directions as _dirs
from tests.intent.slots import first_focus as _focus

SCARF = Product(name="羊毛围巾", category="服饰", selling_points=["羊毛亲肤不扎", "加长款怎么系都好看"])
WRITTEN = (
    ("写个开场", Scene.OPENING),
    ("写段产品介绍", Scene.PRODUCT_INTRO),
    ("来段促销", Scene.PROMOTION),
)


def _session(asked_which: bool = False, written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    """A session as the orchestrator stores it; asked_which: the last reply asked which product to
    switch to (a switch turn whose trace wrote no script)."""
    session = written_session(SCARF, written)
    asked = [
        Turn(role="user", text="换个产品", intent="switch_product"),
        Turn(role="assistant", text=ASK_SWITCH, intent="trace:t9"),
    ]
    return session.model_copy(
        update={
            "turns": [*session.turns, *(asked if asked_which else [])],
            "scene": Scene.PROMOTION,
            "product": SCARF,
        }
    )


async def _recognize(query: str, session: Session | None = None) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query), session or _session())


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("太Formal了 casual点", "太正式了 口语点"),
        ("写个Product Intro", "写个产品介绍"),
        ("嗯那个嗯再热闹点", "那个 再热闹点"),
        ("在来一个", "再来一个"),
        ("现在来一段促销", "现在来一段促销"),  # 现在 keeps its 在
        ("在直播间说", "在直播间说"),
        ("iPhone的开场", "iPhone的开场"),  # no tone word inside a name
    ],
)
def test_the_register_is_read_in_the_tables_words(said: str, read: str) -> None:
    assert normalized(said) == read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("别堆术语了 说大白话", {("formal", False)}),  # the negation stops at the space
        ("不要那么嗨 安静点", {("lively", False)}),
        ("别 太长", {("length", False)}),  # a cue before the space waits for its word
        ("不要那么 正式", {("formal", False)}),
        ("互动 少点", {("interaction", False)}),  # a bare topic takes the comment after it
        ("价格 别提了", {("price", False)}),
        ("别那么官方你随意一点", {("formal", False)}),  # a fresh start asks anew
        ("别太闹腾稳一点", {("lively", False)}),  # X一点 after the refused word asks anew
        ("不要提价格和优惠", {("price", False)}),  # one negation over two words of one kind
        ("别太正式像念稿一样", {("formal", False)}),  # a simile of what is refused stays refused
    ],
)
def test_a_space_and_a_fresh_start_end_a_negations_reach(text: str, expected: set[tuple[str, bool]]) -> None:
    assert _dirs(text) == expected


def test_a_refusal_with_its_own_object_is_not_a_comment_on_the_topic_before() -> None:
    slots = read_slots("围巾 卖点 不要提价钱")
    assert slots.scene is Scene.SELLING_POINTS and _dirs("围巾 卖点 不要提价钱") == {("price", False)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("再短呀", (K.LENGTH, False)),
        ("更长", (K.LENGTH, True)),
        ("短 四十秒", (K.LENGTH, False)),
        ("别这么长", (K.LENGTH, False)),
        ("这么啰嗦 听不下去", (K.LENGTH, False)),
    ],
)
async def test_a_bare_fragment_after_a_script_edits_it(query: str, expected: tuple[K, bool]) -> None:
    r = await _recognize(query)
    assert (r.kind, r.reference_index) == (IntentKind.MODIFY, 3)
    assert [(d.kind, d.positive) for d in r.directives if d.kind is K.LENGTH] == [expected]


@pytest.mark.parametrize("text", ["短款显高多讲讲", "写个卖点 讲续航更长", "短视频同款开场"])
def test_short_and_long_inside_a_phrase_are_no_length(text: str) -> None:
    assert not any(d.kind is K.LENGTH for d in read_slots(text).directives)


@pytest.mark.parametrize(
    ("query", "product", "category"),
    [("那就保温杯吧", "保温杯", "家居"), ("耳机吧 也写促销", "耳机", "数码")],
)
async def test_a_product_answering_which_one_is_the_switch(query: str, product: str, category: str) -> None:
    r = await _recognize(query, _session(asked_which=True))
    assert (r.kind, r.product_name, r.category) == (IntentKind.SWITCH_PRODUCT, product, category)
    assert r.needs_clarification is False


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("推一款保温杯", IntentKind.GENERATE),  # a request opening with its verb writes for it
        ("保温杯能说保温24小时吗", IntentKind.QUERY),  # a question stays a question
    ],
)
async def test_a_request_or_a_question_after_which_one_is_not_an_answer(query: str, kind: IntentKind) -> None:
    assert (await _recognize(query, _session(asked_which=True))).kind is kind


@pytest.mark.parametrize("query", ["换保温杯 也写开场", "换 蓝牙音箱", "保温杯 一样写促销"])
async def test_a_product_after_a_bare_swap_or_named_first_with_the_same_is_a_switch(query: str) -> None:
    r = await _recognize(query)
    assert (r.kind, r.needs_clarification) == (IntentKind.SWITCH_PRODUCT, False)


@pytest.mark.parametrize("query", ["重点换成保暖", "换个写法再来", "围巾 一样的感觉再来一段"])
async def test_no_switch_without_another_product(query: str) -> None:
    assert (await _recognize(query)).kind is not IntentKind.SWITCH_PRODUCT


@pytest.mark.parametrize(
    ("query", "scene"),
    [
        ("这条围巾多长来着", Scene.PRODUCT_INTRO),
        ("围巾是啥材质", Scene.PRODUCT_INTRO),
        ("一条几克", Scene.PRODUCT_INTRO),
        ("现在活动价是多少", Scene.PROMOTION),
    ],
)
async def test_a_question_typed_without_a_question_mark(query: str, scene: Scene) -> None:
    r = await _recognize(query)
    assert (r.kind, r.scene) == (IntentKind.QUERY, scene)


async def test_a_script_counted_back_from_the_latest() -> None:
    r = await _recognize("倒数第三个 再热情点")
    assert (r.kind, r.reference_index, r.scene) == (IntentKind.MODIFY, 1, Scene.OPENING)
    far = await _recognize("倒数第五段改短")
    assert far.needs_clarification and "倒数第五段" in (far.clarification or "")


@pytest.mark.parametrize(
    ("text", "focus", "longer"),
    [
        ("亲肤多讲讲", "亲肤", False),
        ("羊毛多说点", "羊毛", False),  # the amount of the topic, not a longer script
        ("第二段多说点", None, True),  # a script is no topic
        ("开场多讲点", None, True),  # nor a scene
    ],
)
def test_a_topic_fronted_bare_before_more_talk(text: str, focus: str | None, longer: bool) -> None:
    slots = read_slots(text)
    assert _focus(text) == focus
    assert any(d.kind is K.LENGTH and d.positive for d in slots.directives) is longer


async def test_an_intro_named_as_a_noun_is_the_scene_asked_for() -> None:
    r = await _recognize("围巾介绍 重点讲亲肤 一分钟", _session(written=WRITTEN[:1]))
    assert (r.kind, r.scene, r.duration_s) == (IntentKind.GENERATE, Scene.PRODUCT_INTRO, 60)
    assert [d.value for d in r.directives if d.kind is K.FOCUS] == ["亲肤"]
    assert read_slots("介绍一下亲肤").named_scene is False  # the verb names no scene


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("温度再高点", {("warm", True)}),
        ("零下的温度也扛得住", set()),
        ("太硬了 俏皮点", {("humor", True)}),  # the remedy after the complaint says the way
        ("有点机械 走心一点", {("warm", True)}),
        ("太硬了", {("formal", False)}),  # without a remedy the complaint stands
        ("温暖一些，别那么硬", {("warm", True), ("formal", False)}),  # no remedy after it
    ],
)
def test_warmth_by_degree_and_a_stiffness_complaint(text: str, expected: set[tuple[str, bool]]) -> None:
    assert _dirs(text) == expected


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("收尾 就说明晚八点不见不散", None),
        ("就说下回见", None),
        ("就说亲肤", "亲肤"),
        ("重点说保暖 别报价", "保暖"),
    ],
)
def test_a_message_to_read_out_is_no_selling_point(text: str, focus: str | None) -> None:
    assert _focus(text) == focus


@pytest.mark.parametrize(("query", "shorter"), [("促销那段压到二十秒", True), ("介绍那段压到一分钟", False)])
async def test_compressing_under_the_scenes_usual_length_is_shorter(query: str, shorter: bool) -> None:
    r = await _recognize(query)
    assert r.kind is IntentKind.MODIFY and r.duration_s in (20, 60)
    assert any(d.kind is K.LENGTH and not d.positive for d in r.directives) is shorter


async def test_english_and_dictation_turns_read_as_their_chinese() -> None:
    edit = await _recognize("vibe不太对 太high了")
    assert edit.kind is IntentKind.MODIFY and [(d.kind, d.positive) for d in edit.directives] == [
        (K.LIVELY, False)
    ]
    closing = await _recognize("嗯closing也来一个嗯温柔点")
    assert (closing.kind, closing.scene) == (IntentKind.GENERATE, Scene.CLOSING)
    assert closing.modification is None and [d.kind for d in closing.directives] == [K.WARM]
