"""Round-4 families, on sentences in neither labelled part: each family is read by its structure.

Tone words the tables lacked (逗, 暖, 冷冰冰, 死板) without catching product words (保暖, 不拔干,
暖场); an answer to a clarifying question completing the request asked back — through the real
orchestrator, whose session view keeps the last turn pair for it; festival names kept as said;
an edit naming the scene of the script it edits (促销那段); questions about the script itself; an
edit whose one direction is an event.
"""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.config import Settings
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript, Turn
from script_agent.llm.template import TemplateBackend
from script_agent.stores.factory import build_stores
from tests.intent.slots import directions as _dirs
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.support import CountingLLM

JACKET = Product(
    name="短款羽绒服", category="服饰", selling_points=["白鸭绒轻薄又保暖", "短款显高", "防泼水"]
)
SCENES = (Scene.OPENING, Scene.PROMOTION, Scene.SELLING_POINTS)


def _session(*scenes: Scene, turns: list[Turn] | None = None) -> Session:
    scripts = [
        StoredScript(index=i, text=f"第{i}段", scene=s, product_name=JACKET.name, trace_id=f"t{i}")
        for i, s in enumerate(scenes, 1)
    ]
    last = scenes[-1] if scenes else None
    product = JACKET if scenes else None
    return Session(
        tenant="t", id="s", scripts=scripts, script_count=len(scripts), scene=last, product=product,
        turns=turns or [],
    )  # fmt: skip


async def _recognize(query: str, session: Session, product: Product | None = JACKET) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=product), session)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("稍微逗一点", {("humor", True)}),
        ("多埋几个笑点", {("humor", True)}),
        ("别整那么多梗", {("humor", False)}),
        ("语气暖暖的", {("warm", True)}),
        ("听着有点冰冷", {("warm", True)}),
        ("别那么高冷", {("warm", True)}),
        ("写得灵动些", {("lively", True)}),
        ("读着太刻板了", {("lively", True)}),
        ("太干了，没法念", {("lively", True)}),
    ],
)
def test_tone_words_and_complaints_read_in_the_asked_direction(
    text: str, expected: set[tuple[str, bool]]
) -> None:
    assert _dirs(text) == expected


@pytest.mark.parametrize("text", ["重点讲保暖", "穿着很暖和", "帮我暖暖场", "不拔干", "擦得很干净"])
def test_product_words_that_share_a_tone_character_ask_for_no_tone(text: str) -> None:
    assert not _dirs(text)


async def test_an_answer_completes_the_request_that_was_asked_back() -> None:
    asked = [
        Turn(role="user", text="来一段女王节的促销，别提赠品，两分钟", intent="generate"),
        Turn(role="assistant", text="请问要为哪款商品写话术？", intent="trace:t9"),
    ]
    r = await _recognize("卖羊毛围巾的", _session(turns=asked), product=None)
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION and not r.needs_clarification
    assert (r.event, r.duration_s, r.category) == ("女王节", 120, "服饰")
    assert [(d.kind, d.positive) for d in r.directives] == [(K.PRICE, False)]


async def test_a_reply_that_wrote_a_script_is_not_a_question_to_complete() -> None:
    answered = [
        Turn(role="user", text="写一段促销", intent="generate"),
        Turn(role="assistant", text="第1段", intent="trace:t1"),
    ]
    r = await _recognize("换个开场", _session(Scene.PROMOTION, turns=answered))
    assert r.scene is not Scene.PROMOTION


async def test_the_answer_is_completed_through_the_orchestrator_across_runs() -> None:
    settings = Settings()
    stores = build_stores(
        settings.model_copy(update={"redis": settings.redis.model_copy(update={"url": None})})
    )
    orch = make_orchestrator(settings, stores, CountingLLM(TemplateBackend()))
    first = await orch.run(ScriptRequest(tenant="t1", session_id="r4", query="帮我写一段收尾，三十秒"))
    assert first.clarification and first.result is None
    second = await orch.run(ScriptRequest(tenant="t1", session_id="r4", query="卖蜂蜜柚子茶的"))
    assert second.result is not None and second.result.scene is Scene.CLOSING


@pytest.mark.parametrize(
    ("query", "event"), [("女神节开场", "女神节"), ("双十二的收尾", "双十二"), ("三八节促销", "38节")]
)
async def test_a_festival_keeps_the_name_it_was_called_by(query: str, event: str) -> None:
    assert (await _recognize(query, _session())).event == event


@pytest.mark.parametrize(
    ("query", "ref"), [("开场那版加点互动", 4), ("促销的那段短一点", 2), ("卖点这段别提价格", 3)]
)
async def test_an_edit_naming_a_scene_edits_that_scenes_last_script(query: str, ref: int) -> None:
    r = await _recognize(query, _session(*SCENES, Scene.OPENING))  # scripts: 开场 促销 卖点 开场
    assert r.kind is IntentKind.MODIFY and r.reference_index == ref


@pytest.mark.parametrize("query", ["这段一共多少字", "第二段读完要几秒", "这一段有多长"])
async def test_a_question_about_the_script_asks_of_it_and_edits_nothing(query: str) -> None:
    r = await _recognize(query, _session(*SCENES))
    assert r.kind is IntentKind.QUERY and r.reference_index is None and not r.needs_clarification
    assert r.scene is (Scene.PROMOTION if "第二段" in query else Scene.SELLING_POINTS)


async def test_an_event_is_a_direction_for_an_edit() -> None:
    r = await _recognize("把这段调整成618用的", _session(*SCENES))
    assert r.kind is IntentKind.MODIFY and r.event == "618" and not r.needs_clarification
    assert r.reference_index == 3


async def test_a_focus_that_was_asked_about_is_not_carried_into_the_answer() -> None:
    asked = [
        Turn(role="user", text="写段卖点，只讲续航", intent="generate"),
        Turn(role="assistant", text="这款商品的卖点里没有“续航”…", intent="trace:t9"),
    ]
    r = await _recognize("那算了，正常来吧", _session(turns=asked))
    assert r.scene is Scene.SELLING_POINTS and not r.needs_clarification
    assert not [d for d in r.directives if d.kind is K.FOCUS]
