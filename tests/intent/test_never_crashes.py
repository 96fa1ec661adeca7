"""The recogniser answers every combination of a complaint and an ask, in either order.

Why: a complaint (太平淡了) followed by a price asked for (价格要说清楚) raised KeyError inside the
directive reading — a 500 for a sentence any host might type. The phrases below are ordinary
complaints and asks, combined exhaustively, so a slot reader that forgets a case fails here.
"""

from __future__ import annotations

import asyncio
import itertools

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript

COMPLAINTS = ("太平淡了", "有点冷冰冰的", "太硬了", "太长了", "太正式了", "没啥意思", "像念稿子")
ASKS = ("价格要说清楚", "记得提一下价格", "别提价格", "加点段子", "多跟观众互动", "短一点", "重点讲保暖")


def _session_with_a_script() -> Session:
    script = StoredScript(
        index=1, scene=Scene.OPENING, product_name="轻暖白鸭绒短款羽绒服", text="家人们晚上好。"
    )
    return Session(tenant="t", id="s", scripts=[script], script_count=1)


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(COMPLAINTS + ASKS, 2)))
def test_every_complaint_and_ask_pair_is_answered(first: str, second: str) -> None:
    agent = IntentAgent()
    for session in (Session(tenant="t", id="s"), _session_with_a_script()):
        result = asyncio.run(agent.recognize(ScriptRequest(query=f"{first}，{second}"), session))
        assert isinstance(result.kind, IntentKind)


def test_a_complaint_then_price_asked_for_keeps_the_complaint() -> None:
    result = asyncio.run(
        IntentAgent().recognize(
            ScriptRequest(query="开场太平淡了，价格要说清楚"), Session(tenant="t", id="s")
        )
    )
    assert [d.kind.value for d in result.directives] == ["lively"]
    assert all(d.positive for d in result.directives)
