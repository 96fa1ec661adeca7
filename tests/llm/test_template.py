"""The template backend: a usable, compliant script for every scene x product x influencer, streamed
in chunks that add up to exactly what generate() returns."""

from __future__ import annotations

import itertools

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.agents.product import ProductAgent
from script_agent.agents.quality import QualityAgent
from script_agent.agents.writer import WriterAgent
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import (
    InfluencerProfile,
    InfluencerStyle,
    LLMOptions,
    Product,
    Scene,
    ScriptRequest,
)
from script_agent.domain.session import Session
from script_agent.llm.template import TemplateBackend
from script_agent.ports.health import HealthStatus
from script_agent.ports.llm import ErrorClass, LLMDelta, LLMDone, LLMError, LLMPort, LLMRequest
from script_agent.stores.memory.repositories import default_repositories
from tests.agents.support import brief_for

REPOS = default_repositories()
PRODUCTS = [p.id for p in REPOS[1].all()]
INFLUENCERS = [p.id for p in REPOS[0].all()] + [None]  # None: the generic per-category persona
MATRIX = list(itertools.product(list(Scene), PRODUCTS, INFLUENCERS))


def request_for(brief: ScriptBrief) -> LLMRequest:
    return WriterAgent(TemplateBackend()).build_request(brief, LLMOptions())


def test_catalogue_has_the_example_spread() -> None:
    categories = {p.category for p in REPOS[1].all()}
    assert {"美妆", "食品", "数码"} <= categories and len(INFLUENCERS) >= 3


def test_implements_the_llm_port() -> None:
    assert isinstance(TemplateBackend(), LLMPort)


@pytest.mark.parametrize(("scene", "product_id", "influencer_id"), MATRIX)
@pytest.mark.parametrize("length", ["short", "medium", "long"])
async def test_every_scene_product_and_influencer_passes_quality(
    scene, product_id, influencer_id, length
) -> None:
    brief = await brief_for(REPOS, influencer_id, product_id, scene, length=length)
    result = await TemplateBackend().generate(request_for(brief))
    report = await QualityAgent().check(result.text, brief)
    assert report.passed and not report.blocking, (result.text, report.issues)
    assert report.score >= 90, (result.text, report.issues)
    for sp in brief.product.selling_points:
        assert sp.text in result.text
    assert any(cp in result.text for cp in brief.influencer.style.catchphrases)
    assert (result.backend, result.layer, result.finish_reason) == ("template", "template", "stop")
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0


@pytest.mark.parametrize(("scene", "product_id", "influencer_id"), MATRIX[:: len(INFLUENCERS)])
async def test_stream_concatenation_equals_generate(scene, product_id, influencer_id) -> None:
    brief = await brief_for(REPOS, influencer_id, product_id, scene, event="618")
    backend = TemplateBackend(chunk_chars=7)
    items = [item async for item in backend.stream(request_for(brief))]
    deltas, done = items[:-1], items[-1]
    assert isinstance(done, LLMDone) and all(isinstance(d, LLMDelta) for d in deltas)
    assert len(deltas) > 3 and all(len(d.text) <= 7 for d in deltas)
    generated = await backend.generate(request_for(brief))
    assert "".join(d.text for d in deltas) == generated.text == done.result.text


async def test_deterministic_and_variant_changes_wording() -> None:
    brief = await brief_for(REPOS, "laowang", "daily-nuts-750", Scene.OPENING)
    backend = TemplateBackend()
    first = (await backend.generate(request_for(brief))).text
    assert first == (await backend.generate(request_for(brief))).text
    other = (await backend.generate(request_for(brief.model_copy(update={"variant": 1})))).text
    assert other != first
    again = brief.model_copy(update={"intent": IntentKind.CONTINUE, "previous_script": first})
    assert (await backend.generate(request_for(again))).text != first


async def test_no_invented_price_or_event() -> None:
    brief = await brief_for(REPOS, "xiaomei", None, Scene.PROMOTION, product_name="口红", category="美妆")
    text = (await TemplateBackend().generate(request_for(brief))).text
    assert "元" not in text and "双十一" not in text and "618" not in text
    assert "以直播间购物车页面显示的为准" in text
    assert (await QualityAgent().check(text, brief)).passed


async def test_event_and_real_offer_appear_when_given() -> None:
    brief = await brief_for(REPOS, "xiaomei", "lipstick-316", Scene.PROMOTION, event="双十一")
    text = (await TemplateBackend().generate(request_for(brief))).text
    assert "双十一" in text and "129元" in text and "直播间下单送同色系迷你唇釉一支" in text
    assert "169" not in text  # the original price is not turned into a 原价 comparison


async def test_modify_shorter_livelier_and_more_formal() -> None:
    base = await brief_for(REPOS, "laowang", "startrek-x5", Scene.PRODUCT_INTRO, length="long")
    backend = TemplateBackend()
    original = (await backend.generate(request_for(base))).text

    def modify(hint: str) -> ScriptBrief:
        return base.model_copy(
            update={
                "intent": IntentKind.MODIFY,
                "previous_script": original,
                "modification": hint,
                "style_hint": hint,
            }
        )

    shorter = (await backend.generate(request_for(modify("短一点")))).text
    assert len(shorter) < len(original)
    formal = (await backend.generate(request_for(modify("更正式")))).text
    assert "！" not in formal and formal != original
    lively_base = await brief_for(REPOS, "ajie", "startrek-x5", Scene.PRODUCT_INTRO)
    calm = (await backend.generate(request_for(lively_base))).text
    lively_brief = lively_base.model_copy(update={"intent": IntentKind.MODIFY, "style_hint": "更活泼"})
    lively = (await backend.generate(request_for(lively_brief))).text
    assert lively.count("！") > calm.count("！")
    for text, brief in ((shorter, modify("短一点")), (formal, modify("更正式")), (lively, lively_brief)):
        assert (await QualityAgent().check(text, brief)).passed


async def test_feedback_and_unsafe_product_data_are_honoured() -> None:
    brief = await brief_for(REPOS, "xiaomei", "lipstick-316", Scene.OPENING)
    unsafe = brief.product.model_copy(
        update={
            "product": Product(name="测试口红", selling_points=["全网最好的颜色"], promotion="跳楼价清仓")
        }
    )
    risky = brief.model_copy(update={"product": unsafe, "feedback": ["1. 删除“最好”"]})
    text = (await TemplateBackend().generate(request_for(risky))).text
    report = await QualityAgent().check(text, risky)
    assert not [i for i in report.issues if i.code.startswith("compliance")], text


async def test_without_brief_is_fatal() -> None:
    with pytest.raises(LLMError) as err:
        await TemplateBackend().generate(LLMRequest(messages=[]))
    assert (err.value.error_class, err.value.reason) == (ErrorClass.FATAL, "no_brief")
    with pytest.raises(LLMError):
        async for _ in TemplateBackend().stream(LLMRequest(messages=[])):
            pass


async def test_health_and_close() -> None:
    backend = TemplateBackend()
    (health,) = await backend.health()
    assert health.status is HealthStatus.OK and health.detail["backend"] == "template"
    await backend.aclose()


@pytest.mark.parametrize(("scene", "product_id", "influencer_id"), MATRIX)
async def test_modify_shorter_is_shorter_everywhere(scene, product_id, influencer_id) -> None:
    base = await brief_for(REPOS, influencer_id, product_id, scene)
    backend = TemplateBackend()
    original = (await backend.generate(request_for(base))).text
    update = {"intent": IntentKind.MODIFY, "previous_script": original, "style_hint": "短一点"}
    shorter = (await backend.generate(request_for(base.model_copy(update=update)))).text
    assert len(shorter) < len(original)


STYLES = [
    InfluencerStyle(catchphrases=[]),
    InfluencerStyle(catchphrases=["买它", "OMG"], formality=0.1, humor_level=0.9, interaction_frequency=0.9),
    InfluencerStyle(catchphrases=["各位"], formality=0.9, humor_level=0.0, interaction_frequency=0.0),
]
ODD_PRODUCTS = [
    Product(name="无价格的手工皂", category="家居"),
    Product(name="纸尿裤", category="母婴", selling_points=[f"卖点{i}号设计" for i in range(1, 9)]),
    Product(name="月饼礼盒", selling_points=["流心奶黄馅"], price=9.9, promotion="满199减20"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("product", ODD_PRODUCTS)
@pytest.mark.parametrize("scene", list(Scene))
@pytest.mark.parametrize("hint", [None, "短一点", "更活泼", "更正式", "长一点"])
async def test_unusual_styles_and_products_still_pass(style, product, scene, hint) -> None:
    profile = InfluencerProfile(id="x", name="测试", style=style)
    request = ScriptRequest(product=product, influencer=profile)
    session = Session(tenant="t", id="s")
    intent = await IntentAgent().recognize(request, session)
    pp = await ProductAgent(REPOS[1]).build(request, intent, session)
    brief = ScriptBrief(scene=scene, product=pp, influencer=profile, style_hint=hint)
    text = (await TemplateBackend().generate(request_for(brief))).text
    report = await QualityAgent().check(text, brief)
    assert report.passed and report.score >= 85, (text, report.issues)
    assert all(sp.text in text for sp in pp.selling_points)
