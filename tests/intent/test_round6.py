"""Round-6 families, on sentences in no labelled part: each family is read by its structure.

Whether a phrase may be said on stream is a question in the scene in force, the quoted words no
slot; 换个产品 naming none asks which; 换回 X switches back; a verdict on a scene written names no
scene; the duration a correction sets; what is said not to be the issue, weighed and put aside, or
kept; 少说点X; offer wording is no selling point; a script referred to by what it talks about; the
room's energy and calm; typed-by-sound scene names and durations.
"""

from __future__ import annotations

import pytest

from script_agent.agents.intent import ASK_SWITCH, IntentAgent
from script_agent.agents.intent_slots import read_slots
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from tests.intent.sessions import written_session
from tests.intent.slots import directions as _dirs
from tests.intent.slots import first_focus as _focus

JACKET = Product(
    name="短款羽绒服", category="服饰", selling_points=["白鸭绒轻薄又保暖", "短款显高", "防泼水"]
)
SCARF = Product(name="羊毛围巾", category="服饰", selling_points=["羊毛亲肤不扎"])
WRITTEN = (
    ("写个开场", Scene.OPENING),
    ("写段卖点，只讲防泼水", Scene.SELLING_POINTS),
    ("来段促销", Scene.PROMOTION),
)


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(JACKET, written)


async def _recognize(
    query: str, session: Session | None = None, product: Product | None = JACKET
) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=product), session or _session())


@pytest.mark.parametrize(
    ("query", "scene"),
    [
        ("说“穿上就不冷”合规吗", Scene.PROMOTION),  # the scene in force: the last script's
        ("能不能说“三分钟上身就暖”", Scene.PROMOTION),
        ("“零差评”这个词会不会被罚", Scene.PROMOTION),
        ("开场里能提“买一送一”吗", Scene.OPENING),  # a scene named is the one asked about
        ("能不能说销量第一", Scene.PROMOTION),  # a question, not an impossible edit
    ],
)
async def test_whether_a_phrase_may_be_said_is_asked_in_the_scene_in_force(query: str, scene: Scene) -> None:
    r = await _recognize(query)
    assert (r.kind, r.scene, r.needs_clarification) == (IntentKind.QUERY, scene, False)
    assert r.duration_s is None and r.directives == []  # the quoted words are asked about, not asked for


@pytest.mark.parametrize("query", ["这款羽绒服适合什么人穿", "能讲讲它保暖在哪吗"])
async def test_a_question_about_the_product_stays_a_product_question(query: str) -> None:
    r = await _recognize(query)
    assert (r.kind, r.scene) == (IntentKind.QUERY, Scene.PRODUCT_INTRO)


async def test_a_phrase_asked_about_before_anything_is_written_is_a_product_question() -> None:
    r = await _recognize("能说“防风”吗", Session(tenant="t", id="s"))
    assert (r.kind, r.scene) == (IntentKind.QUERY, Scene.PRODUCT_INTRO)


@pytest.mark.parametrize("query", ["咱们换一款吧", "下一个品", "换个产品写写别的"])
async def test_switching_to_a_product_not_named_asks_which_though_the_current_one_is_sent(query: str) -> None:
    r = await _recognize(query)
    assert (r.kind, r.needs_clarification, r.clarification) == (IntentKind.SWITCH_PRODUCT, True, ASK_SWITCH)


async def test_the_product_sent_or_named_with_a_switch_is_the_answer() -> None:
    sent = await _recognize("那换个商品", product=SCARF)
    named = await _recognize("换个产品，卖保温杯", product=None)
    assert (sent.needs_clarification, sent.product_name) == (False, SCARF.name)
    assert (named.needs_clarification, named.product_name, named.category) == (False, "保温杯", "家居")


async def test_going_back_to_a_product_is_a_switch_and_going_back_to_wording_is_not() -> None:
    back = await _recognize("切回保温杯写个收尾", product=None)
    assert (back.kind, back.scene, back.product_name) == (IntentKind.SWITCH_PRODUCT, Scene.CLOSING, "保温杯")
    for query in ("把语气换回来", "换回原来那种说法"):
        assert (await _recognize(query)).kind is not IntentKind.SWITCH_PRODUCT, query


@pytest.mark.parametrize(
    ("query", "scene"),
    [("开场OK，接着来段收尾", Scene.CLOSING), ("卖点写得不错 再写个产品介绍", Scene.PRODUCT_INTRO)],
)
async def test_a_verdict_on_a_scene_written_names_no_scene(query: str, scene: Scene) -> None:
    r = await _recognize(query)
    assert (r.kind, r.scene) == (IntentKind.GENERATE, scene)


async def test_a_scene_that_could_be_better_is_an_edit_of_it() -> None:
    r = await _recognize("开场可以再热闹点")
    assert (r.kind, r.scene, r.reference_index) == (IntentKind.MODIFY, Scene.OPENING, 1)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("一分半太长了改成五十秒", 50),  # the time set, not the one complained of
        ("别两分钟了，一分钟足够", 60),
        ("从九十秒缩到一分钟", 60),
        ("不要超过四十秒", 40),  # a limit is the duration
        ("三分种的开场", 180),
        ("一分中的促销", 60),
        ("十分中意这个颜色", None),
    ],
)
def test_the_duration_asked_for(text: str, seconds: int | None) -> None:
    assert read_slots(text).duration_s == seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("缩到三十秒", {("length", False)}),  # cutting to a time is shorter
        ("控制在三十秒", set()),  # setting one says only the time
        ("不是俏不俏皮的问题，是太长", {("length", False)}),
        ("跟正不正式没关系，多点互动", {("interaction", True)}),
        ("与其加段子，不如短一点", {("length", False)}),
        ("互动这块不用动，稳一点", {("lively", False)}),
        ("和观众互动的事多说点", {("interaction", True), ("length", True)}),  # no aside here
        ("少提点赠品", {("price", False)}),
        ("少讲些互动", {("interaction", False)}),
        ("气氛搞热烈些", {("lively", True)}),
        ("把场子带起来", {("lively", True)}),
        ("安静点", {("lively", False)}),
        ("忒官方了", {("formal", False)}),
        ("空气炸锅写个开场", set()),  # 炸 of a fryer is no energy slang
    ],
)
def test_directives_by_what_is_said_to_matter(text: str, expected: set[tuple[str, bool]]) -> None:
    assert _dirs(text) == expected


@pytest.mark.parametrize("text", ["别报价，就说性价比高", "重点说特别实惠"])
def test_wording_the_offer_names_no_selling_point(text: str) -> None:
    assert _focus(text) is None


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("讲防泼水那个改活泼点", 2),  # the script whose request talked about it
        ("刚才那段改短点", 3),  # a word of place is no topic
        ("羽绒服那段改短点", 3),  # a product is no topic: its latest script
    ],
)
async def test_a_script_referred_to_by_what_it_talks_about(query: str, reference: int) -> None:
    r = await _recognize(query)
    assert (r.kind, r.reference_index) == (IntentKind.MODIFY, reference)


async def test_the_same_tone_as_another_script_is_no_edit_verb() -> None:
    r = await _recognize("写个收尾，跟开场一个调调")
    assert (r.kind, r.scene, r.needs_clarification) == (IntentKind.GENERATE, Scene.CLOSING, False)


@pytest.mark.parametrize(
    ("query", "scene"), [("写个买点", Scene.SELLING_POINTS), ("促消来一段", Scene.PROMOTION)]
)
async def test_scene_names_typed_by_sound(query: str, scene: Scene) -> None:
    assert (await _recognize(query)).scene is scene


@pytest.mark.parametrize("text", ["让家人们多买点", "买点零食囤着"])
def test_buying_some_is_no_selling_points_typo(text: str) -> None:
    assert read_slots(text).scene is not Scene.SELLING_POINTS


async def test_an_edit_that_quotes_words_keeps_them_for_the_writer() -> None:
    r = await _recognize("把“全网第一”换成不违规的说法")
    assert r.kind is IntentKind.MODIFY and "全网第一" in (r.modification or "")
