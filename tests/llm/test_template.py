"""The template backend as an LLM port adapter: streaming, usage, errors, health.

What it writes is tested by behaviour in tests/writing (beats, duration, meaning, modifications,
variation) and reviewed as real scripts in examples/gallery.
"""

from __future__ import annotations

import pytest

from script_agent.agents.writer import WriterAgent
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import LLMOptions, Scene
from script_agent.domain.writing.compose import write_script
from script_agent.domain.writing.template import MODEL, TemplateWriter, estimate_tokens
from script_agent.llm.template import TemplateBackend
from script_agent.ports.health import HealthStatus
from script_agent.ports.llm import ErrorClass, LLMDelta, LLMDone, LLMError, LLMPort, LLMRequest
from tests.writing.support import brief


def request_for(b: ScriptBrief) -> LLMRequest:
    return WriterAgent(TemplateBackend()).build_request(b, LLMOptions())


def test_implements_the_llm_port() -> None:
    assert isinstance(TemplateBackend(), LLMPort)


@pytest.mark.parametrize("scene", list(Scene))
async def test_stream_concatenation_equals_generate(scene: Scene) -> None:
    b = brief("nuts", "laowang", scene, event="618")
    backend = TemplateBackend(chunk_chars=7)
    items = [item async for item in backend.stream(request_for(b))]
    deltas, done = items[:-1], items[-1]
    assert isinstance(done, LLMDone) and all(isinstance(d, LLMDelta) for d in deltas)
    assert len(deltas) > 3 and all(len(d.text) <= 7 for d in deltas)
    generated = await backend.generate(request_for(b))
    assert "".join(d.text for d in deltas) == generated.text == done.result.text


async def test_result_is_the_domain_writer_with_usage_and_identity() -> None:
    b = brief("lipstick", "xiaomei", Scene.OPENING)
    result = await TemplateBackend().generate(request_for(b))
    assert result.text == write_script(b)
    assert (result.backend, result.layer, result.finish_reason) == ("template", "template", "stop")
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens == estimate_tokens(result.text)
    assert result.model == MODEL


async def test_the_backend_only_adapts_the_writer_it_is_given() -> None:
    b = brief("nuts", "laowang", Scene.PROMOTION)
    result = await TemplateBackend(writer=TemplateWriter(model="template-test")).generate(request_for(b))
    assert (result.text, result.model) == (write_script(b), "template-test")


async def test_a_dict_brief_from_a_checkpoint_is_accepted() -> None:
    b = brief("phone", "ajie", Scene.CLOSING)
    request = LLMRequest(messages=[], brief=b.model_dump(mode="json"))
    assert (await TemplateBackend().generate(request)).text == write_script(b)


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
