"""Writer agent: the prompt carries everything the brief says, bounded, and the port is called as-is."""

from __future__ import annotations

from script_agent.agents import prompt
from script_agent.agents.writer import WriterAgent
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import LLMOptions, Scene
from script_agent.llm.template import TemplateBackend
from script_agent.ports.llm import LLMDelta, LLMDone
from tests.agents.support import brief_for


async def test_messages_hold_style_facts_points_scene_and_rules(repos) -> None:
    brief = await brief_for(repos, "xiaomei", "lipstick-316", Scene.PROMOTION, event="双十一")
    system, user = WriterAgent(TemplateBackend()).build_messages(brief)
    assert (system.role, user.role) == ("system", "user")
    assert "广告法" in system.content and "只输出" in system.content
    for needle in (
        "宝子们",
        "活泼亲切",
        "绯记",
        "129元",
        "直播间下单送同色系迷你唇釉一支",
        "双十一",
        "促销话术",
    ):
        assert needle in user.content, needle
    for sp in brief.product.selling_points:
        assert sp.text in user.content
    assert prompt.SCENE_REQUIREMENTS[Scene.PROMOTION] in user.content


async def test_inferred_points_are_flagged(repos) -> None:
    brief = await brief_for(repos, "laowang", None, Scene.OPENING, product_name="辣条", category="食品")
    user = WriterAgent(TemplateBackend()).build_messages(brief)[1].content
    assert "品类通用" in user


async def test_examples_feedback_and_modify_context_are_bounded(repos) -> None:
    brief = await brief_for(repos, "xiaomei", "lipstick-316", Scene.OPENING)
    brief = brief.model_copy(
        update={
            "intent": IntentKind.MODIFY,
            "previous_script": "旧" * 5000,
            "modification": "改短一点",
            "examples": ["例" * 1000] * 10,
            "feedback": ["1. 删除“最好”"] * 10,
            "session_digest": "摘" * 5000,
        }
    )
    user = (
        WriterAgent(TemplateBackend(), max_examples=2, max_example_chars=50).build_messages(brief)[1].content
    )
    assert "示例2：" in user and "示例3：" not in user and "例" * 51 not in user
    assert "改短一点" in user and "旧" * (prompt.MAX_PREVIOUS_CHARS + 1) not in user
    assert "摘" * (prompt.MAX_DIGEST_CHARS + 1) not in user
    assert user.count("删除“最好”") == prompt.MAX_FEEDBACK_ITEMS
    assert len(user) < 4000


async def test_request_carries_brief_category_and_options(repos) -> None:
    brief = await brief_for(repos, "ajie", "startrek-x5", Scene.CLOSING)
    req = WriterAgent(TemplateBackend()).build_request(
        brief, LLMOptions(model="m1", max_tokens=300, temperature=0.5), idempotency_key="k", trace_id="t"
    )
    assert req.brief is brief and req.category == "数码"
    assert (req.model, req.max_tokens, req.temperature, req.idempotency_key, req.trace_id) == (
        "m1", 300, 0.5, "k", "t",
    )  # fmt: skip


async def test_write_and_stream_go_through_the_port(repos) -> None:
    brief: ScriptBrief = await brief_for(repos, "laowang", "daily-nuts-750", Scene.SELLING_POINTS)
    writer = WriterAgent(TemplateBackend(chunk_chars=5))
    result = await writer.write(brief, LLMOptions())
    items = [item async for item in writer.stream(brief, LLMOptions())]
    assert isinstance(items[-1], LLMDone) and all(isinstance(i, LLMDelta) for i in items[:-1])
    assert "".join(i.text for i in items[:-1]) == result.text == items[-1].result.text
