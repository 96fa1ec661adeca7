"""The writer and the quality agent judged together: what the template writes passes the checker
honestly, across unusual products and voices, and the checker still catches unsafe product data."""

from __future__ import annotations

from script_agent.agents.intent import IntentAgent
from script_agent.agents.product import ProductAgent
from script_agent.agents.quality import QualityAgent
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import Directive
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import InfluencerProfile, InfluencerStyle, Product, Scene, ScriptRequest
from script_agent.domain.session import Session
from script_agent.domain.writing.compose import write_script
from script_agent.stores.memory.repositories import default_repositories
from tests.writing.support import INFLUENCERS, PRODUCTS, brief

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


async def test_example_scripts_pass_the_quality_agent() -> None:
    failed = []
    for product in PRODUCTS:
        for influencer in INFLUENCERS:
            for scene in Scene:
                b = brief(product, influencer, scene)
                report = await QualityAgent().check(write_script(b), b)
                if not report.passed:
                    failed.append((product, influencer, scene.value, [i.message for i in report.issues]))
    assert not failed


async def test_unusual_products_and_voices_still_write_usable_scripts() -> None:
    repos = default_repositories()
    failed = []
    for style in STYLES:
        for product in ODD_PRODUCTS:
            profile = InfluencerProfile(id="x", name="测试", style=style)
            request = ScriptRequest(product=product, influencer=profile)
            session = Session(tenant="t", id="s")
            intent = await IntentAgent().recognize(request, session)
            pp = await ProductAgent(repos[1]).build(request, intent, session)
            for scene in Scene:
                for asked in ([], [Directive(kind=K.LENGTH, positive=False)], [Directive(kind=K.FORMAL)]):
                    b = ScriptBrief(scene=scene, product=pp, influencer=profile, directives=asked)
                    text = write_script(b)
                    report = await QualityAgent().check(text, b)
                    if not report.passed or not all(sp.text in text for sp in pp.selling_points):
                        failed.append((product.name, scene.value, text, [i.message for i in report.issues]))
    assert not failed, failed[:3]
