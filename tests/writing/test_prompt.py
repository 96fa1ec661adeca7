"""The prompt a real model receives: roles, rules, beats and duration as targets, sampling per scene."""

from __future__ import annotations

from script_agent.agents import prompt
from script_agent.agents.writer import WriterAgent
from script_agent.config.writing import WritingSettings
from script_agent.domain.intent import Directive, IntentKind
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import LLMOptions, Scene
from script_agent.domain.writing.beats import beats_for
from script_agent.llm.template import TemplateBackend
from tests.writing.support import brief


def _writer(**settings: object) -> WriterAgent:
    return WriterAgent(TemplateBackend(), writing=WritingSettings(**settings))


def test_system_holds_the_rules_and_user_holds_this_scripts_facts() -> None:
    system, user = _writer().build_messages(brief("lipstick", "xiaomei", Scene.PROMOTION))
    assert (system.role, user.role) == ("system", "user")
    assert "广告法" in system.content and "资料里没有的就不说" in system.content
    assert "结束" in system.content  # a stop condition, not an open-ended "write something"
    assert "129元" in user.content and "丝绒雾面不拔干" in user.content and "129元" not in system.content


def test_beats_in_order_and_duration_as_a_character_budget() -> None:
    b = brief("phone", "ajie", Scene.SELLING_POINTS, duration_s=60)
    user = _writer().build_messages(b)[1].content
    section = user.split(prompt.LABEL_STRUCTURE, 1)[1]
    positions = [section.index(beat.zh) for beat in beats_for(Scene.SELLING_POINTS, with_optional=False)]
    assert positions == sorted(positions)
    assert "口播约60秒" in section and "230-310字" in section  # 270 characters at 4.5/s, ±15%


def test_examples_are_style_references_and_a_modification_carries_the_previous_script() -> None:
    b = brief("nuts", "laowang", Scene.OPENING, examples=["家人们，上次那款坚果卖爆了"])
    b = b.model_copy(
        update={
            "intent": IntentKind.MODIFY,
            "previous_script": "家人们好，今天这款坚果……",
            "directives": [Directive(kind=K.FORMAL, positive=False), Directive(kind=K.PRICE, positive=False)],
        }
    )
    user = _writer().build_messages(b)[1].content
    assert "只学习语气，不要照抄" in user
    assert prompt.LABEL_PREVIOUS in user and "家人们好，今天这款坚果" in user
    assert "不要太正式" in user and "不提价格和优惠" in user


def test_max_tokens_follow_the_target_length() -> None:
    writer = _writer()
    short = writer.build_request(brief("nuts", "laowang", Scene.OPENING, duration_s=20), LLMOptions())
    long = writer.build_request(brief("nuts", "laowang", Scene.OPENING, duration_s=200), LLMOptions())
    assert short.max_tokens is not None and long.max_tokens is not None
    assert long.max_tokens > 5 * short.max_tokens
    explicit = writer.build_request(brief("nuts", "laowang", Scene.OPENING), LLMOptions(max_tokens=999))
    assert explicit.max_tokens == 999


def test_temperature_and_seed_per_scene_and_the_request_wins() -> None:
    writer = _writer(scene_temperatures={"promotion": 0.3, "opening": 1.1}, scene_seeds={"promotion": 7})
    promo = writer.build_request(brief("nuts", "laowang", Scene.PROMOTION), LLMOptions())
    opening = writer.build_request(brief("nuts", "laowang", Scene.OPENING), LLMOptions())
    assert (promo.temperature, promo.seed) == (0.3, 7) and (opening.temperature, opening.seed) == (1.1, None)
    asked = writer.build_request(brief("nuts", "laowang", Scene.PROMOTION), LLMOptions(temperature=0.9))
    assert asked.temperature == 0.9


def test_stage_cues_follow_the_setting_for_every_layer() -> None:
    b = brief("phone", "ajie", Scene.PROMOTION)
    on = _writer(stage_cues=True).build_request(b, LLMOptions())
    off = _writer().build_request(b, LLMOptions())
    assert on.brief.stage_cues and not off.brief.stage_cues
    assert "[上链接]" in on.messages[0].content and "[上链接]" not in off.messages[0].content
