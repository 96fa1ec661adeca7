"""Round-5 families, on sentences in no labelled part: each family is read by its structure.

A tone complaint followed by the remedy asked for (the remedy is the direction); cutting verbs on
their own; energy slang; a part refused by its sentences (送的那两句删了); 少 + a causative verb;
a topic fronted before the focus verb, a bare 重点, 讲讲X after a named scene; going on by 续 /
往下; V下 for V一下 (介绍下商品 is no switch); a question about what a script contains; a script
referred to by its product when the session wrote for several.
"""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript
from tests.intent.slots import directions as _dirs
from tests.intent.slots import first_focus as _focus

JACKET = Product(
    name="短款羽绒服", category="服饰", selling_points=["白鸭绒轻薄又保暖", "短款显高", "防泼水"]
)
SCARF = "羊毛围巾"


def _session(*scripts: tuple[Scene, str]) -> Session:
    stored = [
        StoredScript(index=i, text=f"第{i}段", scene=scene, product_name=name, trace_id=f"t{i}")
        for i, (scene, name) in enumerate(scripts, 1)
    ]
    last = stored[-1].scene if stored else None
    return Session(
        tenant="t", id="s", scripts=stored, script_count=len(stored), scene=last,
        product=JACKET if stored else None,
    )  # fmt: skip


ONE_PRODUCT = _session(
    (Scene.OPENING, JACKET.name), (Scene.PROMOTION, JACKET.name), (Scene.SELLING_POINTS, JACKET.name)
)
TWO_PRODUCTS = _session(
    (Scene.OPENING, JACKET.name),
    (Scene.SELLING_POINTS, SCARF),
    (Scene.PROMOTION, JACKET.name),
    (Scene.CLOSING, SCARF),
)


async def _recognize(query: str, session: Session = ONE_PRODUCT) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=JACKET), session)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("读着平淡，塞几个梗进去", {("humor", True)}),  # the remedy, not more energy besides
        ("冷冰冰的，多跟大家互动", {("interaction", True)}),
        ("太单调了", {("lively", True)}),  # no remedy: the complaint itself says livelier
        ("有点干巴，再热情点", {("lively", True)}),
        ("帮我砍一砍", {("length", False)}),
        ("再压压", {("length", False)}),
        ("写得紧凑些", {("length", False)}),
        ("别这么炸", {("lively", False)}),
        ("有点躁", {("lively", False)}),
        ("炸裂一点", {("lively", True)}),
        ("送的那两句删了", {("price", False)}),
        ("互动那句话不要了", {("interaction", False)}),
        ("少叫家人们留言", {("interaction", False)}),
        ("少请观众点关注", {("interaction", False)}),
    ],
)
def test_remedies_cuts_slang_and_refused_sentences_read_in_the_asked_direction(
    text: str, expected: set[tuple[str, bool]]
) -> None:
    assert _dirs(text) == expected


@pytest.mark.parametrize("text", ["砍一下价格", "给炸鸡写个开场"])
def test_words_sharing_a_cut_or_slang_character_ask_for_no_style(text: str) -> None:
    assert not _dirs(text)


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("显高那块多聊两句", "显高"),
        ("重点防泼水，写段卖点", "防泼水"),
        ("写段促销，聊聊保暖", "保暖"),
        ("多讲两句", None),  # an amount is no selling point
        ("这是重点", None),
        ("讲讲保暖", None),  # 讲讲 alone is the product-intro scene, not a focus
        ("写个开场，讲讲送的赠品", None),  # the offer, not a selling point
    ],
)
def test_a_focus_fronted_bare_or_talked_about_after_the_scene(text: str, focus: str | None) -> None:
    assert _focus(text) == focus


@pytest.mark.parametrize("query", ["往下接一段", "顺着上一版往下写"])
async def test_going_on_by_xu_or_wangxia_is_one_more_of_the_last(query: str) -> None:
    r = await _recognize(query)
    assert (r.kind, r.reference_index, r.scene) == (IntentKind.CONTINUE, 3, Scene.SELLING_POINTS)


async def test_a_new_scene_after_jiexialai_and_jokes_asked_for_are_not_another_version() -> None:
    closing = await _recognize("接下来写收尾")
    jokes = await _recognize("来几个梗")
    assert (closing.kind, closing.scene) == (IntentKind.GENERATE, Scene.CLOSING)
    assert jokes.kind is IntentKind.MODIFY and [d.kind for d in jokes.directives] == [K.HUMOR]


async def test_introducing_the_product_is_no_switch_but_the_next_product_is() -> None:
    intro = await _recognize("介绍下商品")
    following = await _recognize("下个产品")
    assert (intro.kind, intro.scene) == (IntentKind.GENERATE, Scene.PRODUCT_INTRO)
    assert intro.product_name == JACKET.name
    assert following.kind is IntentKind.SWITCH_PRODUCT


@pytest.mark.parametrize(
    ("query", "scene"),
    [("第二段里有没有错字", Scene.PROMOTION), ("最开始那版是不是提了价格", Scene.OPENING)],
)
async def test_a_question_about_what_a_script_holds_is_asked_of_that_script(query: str, scene: Scene) -> None:
    r = await _recognize(query)
    assert (r.kind, r.scene, r.needs_clarification) == (IntentKind.QUERY, scene, False)


async def test_asking_whether_there_is_a_script_of_a_scene_asks_for_one() -> None:
    r = await _recognize("有没有羽绒服的收尾")
    assert (r.kind, r.scene) == (IntentKind.GENERATE, Scene.CLOSING)


@pytest.mark.parametrize(
    ("query", "kind", "reference", "scene"),
    [
        ("围巾那段改长点", IntentKind.MODIFY, 4, Scene.CLOSING),  # the scarf's latest, not the session's
        ("羽绒服的第二段改短点", IntentKind.MODIFY, 3, Scene.PROMOTION),  # counted among the jacket's
        ("第二段改短点", IntentKind.MODIFY, 2, Scene.SELLING_POINTS),  # no product named: the session's
        ("围巾第一段里有没有夸大的词", IntentKind.QUERY, None, Scene.SELLING_POINTS),
    ],
)
async def test_a_script_named_by_its_product_is_counted_among_that_products_scripts(
    query: str, kind: IntentKind, reference: int | None, scene: Scene
) -> None:
    r = await _recognize(query, TWO_PRODUCTS)
    assert (r.kind, r.reference_index, r.scene) == (kind, reference, scene)
