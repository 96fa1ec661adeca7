"""Profile and product agents: precedence, repository merge, generic fallbacks and clear errors."""

from __future__ import annotations

import pytest

from script_agent.agents.product import ProductAgent
from script_agent.agents.profile import ProfileAgent
from script_agent.domain.errors import InvalidInput, NotFound
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import InfluencerProfile, InfluencerStyle, Product, ScriptRequest
from script_agent.domain.session import Session

GEN = IntentResult(kind=IntentKind.GENERATE)


async def test_inline_profile_wins(repos, empty_session: Session) -> None:
    inline = InfluencerProfile(id="x", name="临时主播", style=InfluencerStyle(catchphrases=["老铁们"]))
    req = ScriptRequest(influencer=inline, influencer_id="xiaomei")
    assert (await ProfileAgent(repos[0]).fetch(req, GEN, empty_session)).name == "临时主播"


async def test_profile_by_id_then_session(repos, empty_session: Session) -> None:
    agent = ProfileAgent(repos[0])
    assert (await agent.fetch(ScriptRequest(influencer_id="laowang"), GEN, empty_session)).name == "老王"
    session = empty_session.model_copy(update={"influencer_id": "ajie"})
    assert (await agent.fetch(ScriptRequest(), GEN, session)).name == "阿杰"


async def test_unknown_influencer_id_is_not_found(repos, empty_session: Session) -> None:
    with pytest.raises(NotFound) as err:
        await ProfileAgent(repos[0]).fetch(ScriptRequest(influencer_id="nobody"), GEN, empty_session)
    assert err.value.code == "not_found" and "nobody" in err.value.message


@pytest.mark.parametrize(("category", "phrase"), [("美妆", "姐妹们"), ("食品", "家人们"), (None, "家人们")])
async def test_generic_profile_per_category(repos, empty_session: Session, category, phrase) -> None:
    intent = IntentResult(kind=IntentKind.GENERATE, category=category)
    profile = await ProfileAgent(repos[0]).fetch(ScriptRequest(), intent, empty_session)
    assert profile.generic and phrase in profile.style.catchphrases


async def test_product_from_repository(repos, empty_session: Session) -> None:
    pp = await ProductAgent(repos[1]).build(ScriptRequest(product_id="startrek-x5"), GEN, empty_session)
    assert pp.product.price == 2499 and pp.category == "数码"
    assert [sp.inferred for sp in pp.selling_points] == [False, False, False]


async def test_request_fields_win_over_repository(repos, empty_session: Session) -> None:
    inline = Product(name="星途 X5 5G 手机 12GB+256GB", price=2299, promotion="今晚直降200元")
    req = ScriptRequest(product_id="startrek-x5", product=inline)
    pp = await ProductAgent(repos[1]).build(req, GEN, empty_session)
    assert (pp.product.price, pp.product.promotion, pp.product.brand) == (2299, "今晚直降200元", "星途")
    assert len(pp.product.features) == 4  # not wiped by the inline product's empty default


async def test_unknown_product_id_is_not_found(repos, empty_session: Session) -> None:
    with pytest.raises(NotFound):
        await ProductAgent(repos[1]).build(ScriptRequest(product_id="nope"), GEN, empty_session)


async def test_unknown_product_id_with_inline_product_uses_inline(repos, empty_session: Session) -> None:
    req = ScriptRequest(product_id="nope", product=Product(name="新品面膜", category="美妆"))
    assert (await ProductAgent(repos[1]).build(req, GEN, empty_session)).product.name == "新品面膜"


async def test_missing_selling_points_are_filled_and_marked_inferred(repos, empty_session: Session) -> None:
    req = ScriptRequest(product=Product(name="保湿面膜", category="化妆品", selling_points=["补水保湿"]))
    pp = await ProductAgent(repos[1]).build(req, GEN, empty_session)
    assert pp.category == "美妆"  # alias normalised
    assert pp.selling_points[0].text == "补水保湿" and not pp.selling_points[0].inferred
    assert len(pp.selling_points) >= 3 and all(sp.inferred for sp in pp.selling_points[1:])


async def test_features_are_used_before_inferred_points(repos, empty_session: Session) -> None:
    req = ScriptRequest(product=Product(name="坚果", category="食品", features=["每袋25g", "六种搭配"]))
    pp = await ProductAgent(repos[1]).build(req, GEN, empty_session)
    assert [(sp.text, sp.inferred) for sp in pp.selling_points[:2]] == [
        ("每袋25g", False),
        ("六种搭配", False),
    ]
    assert pp.selling_points[2].inferred


async def test_session_product_for_continue_but_not_for_switch(repos, session_with_scripts: Session) -> None:
    agent = ProductAgent(repos[1])
    cont = IntentResult(kind=IntentKind.CONTINUE)
    pp = await agent.build(ScriptRequest(query="再来一段"), cont, session_with_scripts)
    assert pp.product.name == session_with_scripts.product.name  # type: ignore[union-attr]
    switch = IntentResult(kind=IntentKind.SWITCH_PRODUCT, product_name="坚果", category="食品")
    pp = await agent.build(ScriptRequest(query="换成坚果"), switch, session_with_scripts)
    assert (pp.product.name, pp.category) == ("坚果", "食品")
    assert all(sp.inferred for sp in pp.selling_points)


async def test_category_only_builds_generic_product(repos, empty_session: Session) -> None:
    intent = IntentResult(kind=IntentKind.GENERATE, product_name="口红", category="美妆")
    pp = await ProductAgent(repos[1]).build(ScriptRequest(query="写口红开场"), intent, empty_session)
    assert pp.product.name == "口红" and pp.product.price is None and len(pp.selling_points) == 3


async def test_no_product_data_at_all_is_invalid_input(repos, empty_session: Session) -> None:
    with pytest.raises(InvalidInput):
        await ProductAgent(repos[1]).build(ScriptRequest(), GEN, empty_session)
