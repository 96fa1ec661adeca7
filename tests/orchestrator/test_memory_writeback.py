"""Long-term memory in the workflow: recall feeds the prompt; only good model output is written back."""

from __future__ import annotations

from script_agent.domain.states import WorkflowState as S
from script_agent.memory.factory import build_memory
from script_agent.ports.memory import MemoryItem, MemoryQuery
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.policies_support import good_script
from tests.orchestrator.support import ScriptedLLM


async def _items(memory, request_) -> list[MemoryItem]:
    await memory.flush()  # write-back runs behind the request (memory/write_behind.py)
    query = MemoryQuery(tenant="t1", text=request_.product.name + " 开场", top_k=10)
    return await memory.recall(query)


async def test_completed_model_output_is_written_back_once(settings, stores, request_):
    memory = build_memory(settings)
    orch = make_orchestrator(settings, stores, ScriptedLLM(good_script), memory=memory)
    first = await orch.run(request_)
    assert first.state is S.COMPLETED
    await memory.flush()
    await orch.run(request_.model_copy(update={"session_id": "s2"}))  # same text again: no duplicate
    items = await _items(memory, request_)
    assert [i.text for i in items] == [first.result.text]


async def test_recalled_examples_reach_the_writer(settings, stores, request_):
    memory = build_memory(settings)
    llm = ScriptedLLM(good_script)
    orch = make_orchestrator(settings, stores, llm, memory=memory)
    first = await orch.run(request_)
    await memory.flush()  # write-back is queued; recall sees it once the queue has drained
    await orch.run(request_.model_copy(update={"session_id": "s2"}))
    assert llm.briefs[0].examples == []
    assert first.result.text in llm.briefs[1].examples


async def test_template_and_degraded_output_is_not_written_back(settings, stores, request_, template_llm):
    memory = build_memory(settings)
    outcome = await make_orchestrator(settings, stores, template_llm, memory=memory).run(request_)
    assert outcome.state is S.COMPLETED and outcome.result.backend == "template"
    bad = ScriptedLLM(lambda b, n: "全网最低价，绝对第一！" + good_script(b, n))
    degraded = await make_orchestrator(settings, stores, bad, memory=memory).run(
        request_.model_copy(update={"session_id": "s3"})
    )
    assert degraded.state is S.DEGRADED
    assert await _items(memory, request_) == []


async def test_recall_is_tenant_scoped(settings, stores, request_):
    memory = build_memory(settings)
    orch = make_orchestrator(settings, stores, ScriptedLLM(good_script), memory=memory)
    await orch.run(request_)
    other = await memory.recall(MemoryQuery(tenant="t2", text=request_.product.name + " 开场", top_k=10))
    assert other == []
