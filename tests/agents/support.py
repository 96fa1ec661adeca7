"""Build a ScriptBrief the way the orchestrator does: intent -> profile -> product."""

from __future__ import annotations

from script_agent.agents.product import ProductAgent
from script_agent.agents.profile import ProfileAgent
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Scene, ScriptRequest
from script_agent.domain.session import Session


async def brief_for(
    repos,
    influencer_id: str | None,
    product_id: str | None,
    scene: Scene,
    *,
    event: str | None = None,
    product_name: str | None = None,
    category: str | None = None,
    length: str = "medium",
) -> ScriptBrief:
    session = Session(tenant="t", id="s")
    request = ScriptRequest(influencer_id=influencer_id, product_id=product_id)
    intent = IntentResult(kind=IntentKind.GENERATE, product_name=product_name, category=category)
    profile = await ProfileAgent(repos[0]).fetch(request, intent, session)
    product = await ProductAgent(repos[1]).build(request, intent, session)
    return ScriptBrief(scene=scene, product=product, influencer=profile, event=event, length=length)
