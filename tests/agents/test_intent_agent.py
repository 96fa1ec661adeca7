"""Intent rules: kinds, slots and references, and clarification instead of guessing."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session

agent = IntentAgent()


async def test_generate_from_query_keyword_resolves_category_scene_and_product(
    empty_session: Session,
) -> None:
    r = await agent.recognize(ScriptRequest(query="帮我写一段这款口红的开场话术"), empty_session)
    assert r.kind is IntentKind.GENERATE
    assert (r.category, r.product_name, r.scene) == ("美妆", "口红", Scene.OPENING)
    assert not r.needs_clarification


@pytest.mark.parametrize(
    ("query", "scene"),
    [
        ("写一段开场", Scene.OPENING),
        ("来一段产品介绍", Scene.PRODUCT_INTRO),
        ("写写卖点介绍", Scene.SELLING_POINTS),
        ("帮我写个逼单的话术", Scene.PROMOTION),
        ("写一段促销话术", Scene.PROMOTION),
        ("下播前的收尾怎么说", Scene.CLOSING),
    ],
)
async def test_scene_keywords(query: str, scene: Scene, lipstick: Product, empty_session: Session) -> None:
    r = await agent.recognize(ScriptRequest(query=query, product=lipstick), empty_session)
    assert r.scene is scene


async def test_explicit_scene_wins_over_keywords(lipstick: Product, empty_session: Session) -> None:
    req = ScriptRequest(query="写一段开场", scene=Scene.CLOSING, product=lipstick)
    assert (await agent.recognize(req, empty_session)).scene is Scene.CLOSING


@pytest.mark.parametrize("query", ["帮我写一段直播话术", "写个话术", "弄一个"])
async def test_a_generic_ask_with_the_scene_field_set_is_written_not_asked_back(
    query: str, lipstick: Product, empty_session: Session
) -> None:
    # the studio's form sends its scene with a generic request: nothing is left to ask
    r = await agent.recognize(
        ScriptRequest(query=query, scene=Scene.OPENING, product=lipstick), empty_session
    )
    assert not r.needs_clarification and r.scene is Scene.OPENING
    asked = await agent.recognize(ScriptRequest(query=query, product=lipstick), empty_session)
    assert asked.needs_clarification  # without the field, which script is still unsaid


async def test_scene_defaults_to_session_then_opening(
    lipstick: Product, session_with_scripts: Session
) -> None:
    assert (
        await agent.recognize(ScriptRequest(product=lipstick), session_with_scripts)
    ).scene is Scene.PROMOTION
    fresh = Session(tenant="t", id="x")
    assert (await agent.recognize(ScriptRequest(product=lipstick), fresh)).scene is Scene.OPENING


async def test_no_product_and_no_category_asks_instead_of_guessing(empty_session: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="帮我写一段开场话术"), empty_session)
    assert r.needs_clarification
    assert r.clarification and "哪款商品" in r.clarification


async def test_product_from_request_and_id(lipstick: Product, empty_session: Session) -> None:
    r = await agent.recognize(ScriptRequest(product=lipstick), empty_session)
    assert (r.product_name, r.product_id, r.category) == (lipstick.name, "lipstick-316", "美妆")
    r = await agent.recognize(ScriptRequest(product_id="phone-1"), empty_session)
    assert r.product_id == "phone-1" and not r.needs_clarification


async def test_session_product_is_used_for_this_product(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="这款再写一段卖点"), session_with_scripts)
    assert r.product_name == session_with_scripts.product.name  # type: ignore[union-attr]
    assert r.category == "美妆" and not r.needs_clarification


@pytest.mark.parametrize("query", ["再来一段", "再写一个", "换个说法", "再来一版吧"])
async def test_continue(query: str, session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query=query), session_with_scripts)
    assert r.kind is IntentKind.CONTINUE
    assert r.reference_index == 3
    assert r.scene is Scene.PROMOTION  # the scene of the script being continued


async def test_modify_last_script_with_style_hint(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="把刚才那段改短一点"), session_with_scripts)
    assert r.kind is IntentKind.MODIFY
    assert (r.reference_index, r.style_hint) == (3, "短一点")
    assert r.modification == "把刚才那段改短一点"


async def test_modify_second_script_by_ordinal(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="把第二段改得更活泼"), session_with_scripts)
    assert (r.kind, r.reference_index, r.style_hint) == (IntentKind.MODIFY, 2, "更活泼")
    assert r.scene is Scene.SELLING_POINTS


async def test_style_hint_alone_modifies_previous(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="正式一点"), session_with_scripts)
    assert (r.kind, r.style_hint, r.reference_index) == (IntentKind.MODIFY, "更正式", 3)


async def test_unknown_ordinal_asks(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="把第五段改短一点"), session_with_scripts)
    assert r.needs_clarification and "第五段" in (r.clarification or "")


@pytest.mark.parametrize("query", ["再来一段", "把刚才那段改短一点"])
async def test_continue_or_modify_without_previous_script_asks(query: str, lipstick: Product) -> None:
    fresh = Session(tenant="t", id="x", product=lipstick)
    r = await agent.recognize(ScriptRequest(query=query), fresh)
    assert r.needs_clarification and "还没有生成过话术" in (r.clarification or "")


async def test_switch_product_by_keyword(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="换成这款坚果"), session_with_scripts)
    assert r.kind is IntentKind.SWITCH_PRODUCT
    assert (r.product_name, r.category) == ("坚果", "食品")


async def test_switch_product_without_new_product_asks(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="换一个商品"), session_with_scripts)
    assert r.kind is IntentKind.SWITCH_PRODUCT
    assert r.needs_clarification and "换成哪款" in (r.clarification or "")


async def test_switch_product_with_inline_product(session_with_scripts: Session) -> None:
    phone = Product(name="星途 X5 手机", category="数码")
    r = await agent.recognize(ScriptRequest(query="换成这款", product=phone), session_with_scripts)
    assert (r.kind, r.product_name, r.category) == (IntentKind.SWITCH_PRODUCT, "星途 X5 手机", "数码")


@pytest.mark.parametrize(
    ("query", "scene"), [("这款多少钱？", Scene.PROMOTION), ("这个怎么用?", Scene.PRODUCT_INTRO)]
)
async def test_query(query: str, scene: Scene, session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query=query), session_with_scripts)
    assert (r.kind, r.scene) == (IntentKind.QUERY, scene)
    assert r.product_name == session_with_scripts.product.name  # type: ignore[union-attr]


async def test_query_without_product_asks(empty_session: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="多少钱？"), empty_session)
    assert r.kind is IntentKind.QUERY and r.needs_clarification


@pytest.mark.parametrize(
    ("query", "event"),
    [("写一段618的促销", "618"), ("双11促销话术", "双十一"), ("年货节开场", "年货节"), ("双12收尾", "双十二"),
     ("38节的开场", "38节")],
)  # fmt: skip
async def test_events(query: str, event: str, lipstick: Product, empty_session: Session) -> None:
    r = await agent.recognize(ScriptRequest(query=query, product=lipstick), empty_session)
    assert r.event == event


async def test_explicit_event_wins(lipstick: Product, empty_session: Session) -> None:
    req = ScriptRequest(query="双11促销话术", event="周年庆", product=lipstick)
    assert (await agent.recognize(req, empty_session)).event == "周年庆"


async def test_generate_with_style_hint_stays_generate(
    lipstick: Product, session_with_scripts: Session
) -> None:
    r = await agent.recognize(ScriptRequest(query="帮我写一段活泼一点的开场"), session_with_scripts)
    assert (r.kind, r.style_hint, r.scene) == (IntentKind.GENERATE, "更活泼", Scene.OPENING)


async def test_previous_reference_on_generate(session_with_scripts: Session) -> None:
    r = await agent.recognize(ScriptRequest(query="参考上上段写一段收尾"), session_with_scripts)
    assert (r.kind, r.reference_index, r.scene) == (IntentKind.GENERATE, 2, Scene.CLOSING)


async def test_the_issues_negation_cases(lipstick: Product, session_with_scripts: Session) -> None:
    """不要写得太正式 asks for less formality; 写一段，别提价格 is not a promotion request."""
    from script_agent.domain.intent import DirectiveKind

    r = await agent.recognize(ScriptRequest(query="不要写得太正式"), session_with_scripts)
    assert r.kind is IntentKind.MODIFY and r.style_hint == "不要太正式"
    assert [(d.kind, d.positive) for d in r.directives] == [(DirectiveKind.FORMAL, False)]
    fresh = Session(tenant="t", id="fresh")
    r = await agent.recognize(ScriptRequest(query="写一段，别提价格", product=lipstick), fresh)
    assert r.kind is IntentKind.GENERATE and r.scene is not Scene.PROMOTION
    assert [(d.kind, d.positive) for d in r.directives] == [(DirectiveKind.PRICE, False)]


async def test_one_clarifying_question_for_contradictions_and_bare_changes(
    session_with_scripts: Session,
) -> None:
    for query in ("短一点，但是要详细", "换一下"):
        r = await agent.recognize(ScriptRequest(query=query), session_with_scripts)
        assert r.needs_clarification and (r.clarification or "").count("？") == 1, query
