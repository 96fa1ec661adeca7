"""Round-3 families, on sentences in neither labelled part: each family is read by its structure.

Continuations by structure (another + measure word, another version, same meaning other words),
proposals turned down (不是要更X), A-not-A questions that do not negate (能不能), refusing an amount
(不必那么频繁), contrast edits of the focus, edits with no direction (asked back once), spoken
durations (两分半), and products whose name is not listed, read by the head of the noun.
"""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.agents.intent_category import product_by_head, product_in_text
from script_agent.agents.intent_slots import read_slots
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript
from tests.intent.slots import directions as _dirs

LIPSTICK = Product(
    name="丝绒口红", category="美妆", selling_points=["丝绒雾面不拔干", "黄皮也显白", "能当腮红"]
)


def _session_with_one_script(scene: Scene = Scene.OPENING) -> Session:
    script = StoredScript(index=1, text="第1段", scene=scene, product_name=LIPSTICK.name)
    return Session(tenant="t", id="s", scripts=[script], script_count=1, scene=scene, product=LIPSTICK)


async def _recognize(query: str, session: Session | None = None) -> IntentResult:
    request = ScriptRequest(query=query, product=LIPSTICK)
    return await IntentAgent().recognize(request, session or _session_with_one_script())


def _focus(text: str) -> str | None:
    values = [d.value for d in read_slots(text).directives if d.kind is K.FOCUS]
    return values[-1] if values else None


@pytest.mark.parametrize(
    "query", ["再帮我出一条", "再做一个别的", "来个新的版本", "意思别变，换些措辞", "换个路子写", "再弄一篇"]
)
async def test_another_one_is_a_continuation_whatever_the_words(query: str) -> None:
    r = await _recognize(query)
    assert r.kind is IntentKind.CONTINUE and r.reference_index == 1 and not r.needs_clarification


async def test_going_on_to_a_named_new_scene_is_a_new_script_not_one_more() -> None:
    r = await _recognize("再来一段收尾")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.CLOSING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不是要更搞笑，是要更温柔", {("warm", True)}),
        ("倒不是嫌啰嗦，是不够热情", {("lively", True)}),
        ("可不可以热情点", {("lively", True)}),
        ("用不用加点互动", {("interaction", True)}),
        ("评论区互动不用那么多", {("interaction", False)}),
        ("优惠暂时不提", {("price", False)}),
        ("赠品的事一个字也别说", {("price", False)}),
        ("太端着了", {("formal", False)}),
        ("整体再燃一点", {("lively", True)}),
        ("字数砍掉一些", {("length", False)}),
        ("多写几句，别那么亢奋", {("length", True), ("lively", False)}),
    ],
)
def test_proposals_questions_and_amounts_keep_their_polarity(
    text: str, expected: set[tuple[str, bool]]
) -> None:
    assert _dirs(text) == expected


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("重点不是显白，而是不拔干", "不拔干"),
        ("核心别放在颜色上，放在质地上", "质地"),
        ("不讲显白了，换成讲当腮红", "当腮红"),
        ("主要围绕不拔干来写", "不拔干"),
        ("把显白讲清楚", "显白"),
    ],
)
def test_a_refused_focus_is_replaced_by_the_contrasted_one(text: str, focus: str) -> None:
    assert _focus(text) == focus


def test_a_contrast_that_names_a_style_is_no_focus() -> None:
    assert _focus("别讲价格，要热闹一点") is None
    assert _dirs("别讲价格，要热闹一点") == {("price", False), ("lively", True)}


@pytest.mark.parametrize("query", ["帮我再优化优化", "你看着弄一下", "这段再打磨打磨", "润色一下", "改一下"])
async def test_an_edit_with_no_direction_is_asked_back_once(query: str) -> None:
    r = await _recognize(query)
    assert r.kind is IntentKind.MODIFY and r.needs_clarification
    assert "改短" in (r.clarification or "")  # the question offers what can be done


async def test_an_edit_with_a_direction_is_not_asked_back() -> None:
    r = await _recognize("你看着调整下，短一点")
    assert r.kind is IntentKind.MODIFY and not r.needs_clarification


@pytest.mark.parametrize(
    ("text", "seconds"), [("一分半", 90), ("两分半的收尾", 150), ("篇幅减三分之一", None)]
)
def test_spoken_minutes_and_a_half(text: str, seconds: int | None) -> None:
    assert read_slots(text).duration_s == seconds


@pytest.mark.parametrize(
    ("text", "name", "category"),
    [
        ("给一款荞麦枕写开场", "荞麦枕", "家居"),
        ("写段珊瑚绒毛毯的卖点", "珊瑚绒毛毯", "家居"),
        ("这个是降噪头戴式音响", "降噪头戴式音响", "数码"),
        ("羊毛衫开场来一段", "羊毛衫", "服饰"),  # the script word glued to the name ends it
        ("写一段玻尿酸身体乳的介绍", "玻尿酸身体乳", "美妆"),
        ("来段桂花乌龙茶的促销", "桂花乌龙茶", "食品"),
        ("推一双加绒马丁靴", "加绒马丁靴", "服饰"),
        ("新生儿包被的开场", "新生儿包被", "母婴"),
        ("咖啡杯的开场", "咖啡杯", "家居"),  # a cup, though 咖啡 is a listed food word
    ],
)
def test_an_unlisted_product_is_read_by_its_head(text: str, name: str, category: str) -> None:
    assert product_in_text(text) == (name, category)


@pytest.mark.parametrize("text", ["先做个铺垫再讲", "主打无糖", "写个开场", "不拔干这一点多讲讲"])
def test_words_that_only_end_like_a_product_name_none(text: str) -> None:
    assert product_by_head(text) is None


async def test_a_head_word_inside_an_edit_never_replaces_the_product() -> None:
    session = _session_with_one_script().model_copy(
        update={"product": Product(name="乳胶枕", category="家居")}
    )
    r = await IntentAgent().recognize(ScriptRequest(query="开头先做个铺垫，短一点"), session)
    assert r.product_name == "乳胶枕" and r.category == "家居" and r.kind is IntentKind.MODIFY


async def test_a_rewrite_with_no_direction_is_one_more_version_and_with_one_an_edit() -> None:
    plain = await _recognize("把第一段重写")
    assert plain.kind is IntentKind.CONTINUE and plain.reference_index == 1
    directed = await _recognize("第一段重新写，正式一点")
    assert directed.kind is IntentKind.MODIFY and not directed.needs_clarification


async def test_moving_the_focus_with_huan_cheng_is_no_product_switch() -> None:
    r = await _recognize("重点换成能当腮红")
    assert r.kind is IntentKind.MODIFY and r.product_name == LIPSTICK.name
    assert [d.value for d in r.directives if d.kind is K.FOCUS] == ["能当腮红"]


async def test_a_complaint_asked_as_a_question_is_an_edit() -> None:
    r = await _recognize("能不能别这么吵")
    assert r.kind is IntentKind.MODIFY and _dirs("能不能别这么吵") == {("lively", False)}


async def test_another_product_without_a_name_is_a_switch_that_asks_which() -> None:
    session = _session_with_one_script().model_copy(
        update={"product": Product(name="乳胶枕", category="家居")}
    )
    r = await IntentAgent().recognize(ScriptRequest(query="聊聊另一款产品"), session)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.needs_clarification


async def test_an_edit_naming_an_earlier_scene_refers_to_that_script() -> None:
    opening = StoredScript(index=1, text="第1段", scene=Scene.OPENING, product_name=LIPSTICK.name)
    closing = StoredScript(index=2, text="第2段", scene=Scene.CLOSING, product_name=LIPSTICK.name)
    session = _session_with_one_script().model_copy(update={"scripts": [opening, closing], "script_count": 2})
    r = await _recognize("开场白太长了，砍掉一半", session)
    assert r.kind is IntentKind.MODIFY and r.reference_index == 1 and r.scene is Scene.OPENING
    first = await _recognize("最开始那版改正式些", session)
    assert first.reference_index == 1


@pytest.mark.parametrize(
    "query", ["卖点顺序换一下", "前两段合成一段", "把“家人们”换成“姐妹们”", "还是不太满意"]
)
async def test_an_order_or_wording_edit_is_asked_back_not_taken_for_a_switch(query: str) -> None:
    r = await _recognize(query)
    assert r.kind is IntentKind.MODIFY and r.needs_clarification and r.product_name == LIPSTICK.name


async def test_order_words_in_a_first_request_are_no_edit() -> None:
    r = await _recognize("写卖点，按顺序讲，把价格放到最后说", Session(tenant="t", id="fresh"))
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.SELLING_POINTS and not r.needs_clarification


def test_a_head_inside_a_longer_failed_head_is_still_found_and_the_user_counts() -> None:
    assert product_in_text("今天卖一款折叠晾衣架") == ("折叠晾衣架", "家居")  # 晾衣 fails, 衣架 is tried
    assert product_in_text("推一款吸管杯，宝宝用的") == ("吸管杯", "母婴")
    assert _focus("那就写个玩具积木的开场") is None  # 就写个 writes a script, it names no focus
