"""Modifications change the text in the asked direction; an edit nobody can honour is said so."""

from __future__ import annotations

import re

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import Directive
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript
from script_agent.domain.writing.timing import spoken_chars
from tests.writing.support import PRODUCTS, brief, modified, product

ASKS = re.compile("公屏|扣1|扣个|评论区|关注")


def test_shorter_and_longer_move_the_length_and_keep_every_point() -> None:
    for key in PRODUCTS:
        base = brief(key, "laowang", Scene.PRODUCT_INTRO)
        before, shorter = modified(base, (K.LENGTH, False))
        assert spoken_chars(shorter) <= 0.85 * spoken_chars(before), (before, shorter)
        _, longer = modified(base, (K.LENGTH, True))
        assert spoken_chars(longer) >= 1.2 * spoken_chars(before)
        for text in (shorter, longer):
            assert all(sp.text in text for sp in base.product.selling_points)


def test_more_formal_drops_exclamations_and_stray_catchphrases() -> None:
    base = brief("lipstick", "xiaomei", Scene.SELLING_POINTS)
    before, formal = modified(base, (K.FORMAL, True))
    assert before.count("！") > 0 and formal.count("！") == 0
    assert "姐妹们冲" in before and "姐妹们冲" not in formal
    assert "首先" in formal and formal != before


def test_the_issue_case_more_professional_is_not_the_same_text() -> None:
    base = brief("lipstick", "laowang", Scene.OPENING)
    before, professional = modified(base, (K.FORMAL, True))
    assert professional != before and professional.count("！") < before.count("！")


def test_more_lively_adds_energy_to_a_formal_host() -> None:
    base = brief("phone", "ajie", Scene.PRODUCT_INTRO)
    before, lively = modified(base, (K.LIVELY, True))
    assert lively.count("！") > before.count("！")


def test_more_and_less_interaction() -> None:
    base = brief("nuts", "ajie", Scene.SELLING_POINTS)
    before, more = modified(base, (K.INTERACTION, True))
    _, less = modified(base, (K.INTERACTION, False))
    assert len(ASKS.findall(more)) > len(ASKS.findall(before)) >= len(ASKS.findall(less))
    assert not ASKS.search(less)


def test_drop_the_price_removes_prices_and_offers() -> None:
    for scene in (Scene.OPENING, Scene.PROMOTION, Scene.CLOSING):
        base = brief("lipstick", "xiaomei", scene)
        before, no_price = modified(base, (K.PRICE, False))
        assert scene is Scene.CLOSING or "迷你唇釉" in before
        assert "129" not in no_price and "迷你唇釉" not in no_price and "元" not in no_price
        if scene is Scene.PROMOTION:
            assert "以直播间购物车页面显示的为准" in no_price  # it still tells where to look


def test_focus_on_one_point_dwells_on_it_and_only_names_the_others() -> None:
    base = brief("phone", "ajie", Scene.SELLING_POINTS)
    points = [sp.text for sp in base.product.selling_points]
    _, focused = modified(base, Directive(kind=K.FOCUS, value="快充"))
    paragraphs = focused.split("\n")
    dwelt = [p for p in paragraphs if points[1] in p and "[展示]" not in p and "对你来说" in p]
    assert dwelt and all("对你来说" not in p for p in paragraphs if points[0] in p and points[1] not in p)
    assert all(p in focused for p in points)  # the others are still named once
    _, by_number = modified(base, Directive(kind=K.FOCUS, value="3"))
    assert sum("对你来说" in p for p in by_number.split("\n")) == 1 and points[2] in by_number


async def test_an_edit_no_writer_can_honour_is_answered_not_ignored() -> None:
    session = Session(tenant="t", id="s", script_count=1, product=product("lipstick"))
    session.scripts = [StoredScript(index=1, text="家人们好", scene=Scene.OPENING, product_name="口红")]
    for query in ("改成英文", "加上销量数据", "和别人家的产品对比一下"):
        r = await IntentAgent().recognize(ScriptRequest(query=query), session)
        assert r.needs_clarification and "做不到" in (r.clarification or ""), query


async def test_focus_on_a_point_the_product_lacks_asks_with_the_real_ones() -> None:
    phone = product("phone")
    session = Session(tenant="t", id="s", script_count=1, product=phone)
    session.scripts = [
        StoredScript(index=1, text="朋友们好", scene=Scene.SELLING_POINTS, product_name=phone.name)
    ]
    r = await IntentAgent().recognize(ScriptRequest(query="只讲防水"), session)
    assert r.needs_clarification and "没有“防水”" in (r.clarification or "")
    assert all(p in (r.clarification or "") for p in phone.selling_points)
    ok = await IntentAgent().recognize(ScriptRequest(query="只讲续航"), session)  # 续航 is the battery point
    assert not ok.needs_clarification


def test_focus_can_name_two_points() -> None:
    base = brief("lipstick", "xiaomei", Scene.SELLING_POINTS)
    points = [sp.text for sp in base.product.selling_points]
    _, focused = modified(base, Directive(kind=K.FOCUS, value="不拔干和显白"))
    worked = [p for p in focused.split("\n") if "对你来说" in p]
    assert len(worked) == 2 and any(points[0] in p for p in worked) and any(points[1] in p for p in worked)
