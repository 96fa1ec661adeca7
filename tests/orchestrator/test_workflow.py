"""The orchestrator's state machine: order, one checkpoint per transition, sync == stream."""

from __future__ import annotations

from script_agent.domain.checkpoint import verify
from script_agent.domain.states import RunStatus
from script_agent.domain.states import WorkflowState as S
from script_agent.orchestrator.events import DeltaEvent, DoneEvent, StateEvent
from tests.orchestrator.conftest import make_orchestrator

HAPPY_PATH = [
    S.CONTEXT_LOADING,
    S.INTENT_RECOGNIZING,
    S.PROFILE_FETCHING,
    S.PRODUCT_FETCHING,
    S.SCRIPT_GENERATING,
    S.QUALITY_CHECKING,
    S.COMPLETED,
]


async def _collect(orch, request):
    states, deltas, done = [], [], None
    async for ev in orch.stream(request):
        if isinstance(ev, StateEvent):
            states.append(ev.state)
        elif isinstance(ev, DeltaEvent):
            deltas.append(ev.text)
        elif isinstance(ev, DoneEvent):
            done = ev.outcome
    return states, deltas, done


async def test_sync_run_walks_states_in_order_with_one_checkpoint_each(
    settings, stores, template_llm, request_
):
    orch = make_orchestrator(settings, stores, template_llm)
    outcome = await orch.run(request_)
    assert outcome.state is S.COMPLETED and outcome.status is RunStatus.COMPLETED
    history = await stores.checkpoints.list("t1", "s1", limit=50)
    assert [cp.state for cp in reversed(history)] == HAPPY_PATH
    assert [cp.version for cp in reversed(history)] == list(range(1, len(HAPPY_PATH) + 1))
    assert all(verify(cp) for cp in history)
    assert {cp.trace_id for cp in history} == {outcome.trace_id}
    assert outcome.checkpoint_version == len(HAPPY_PATH)
    assert template_llm.calls == 1
    assert outcome.result is not None and outcome.result.backend == "template"
    assert not outcome.result.degraded


async def test_stream_and_sync_give_the_same_result_and_states(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    states, deltas, done = await _collect(orch, request_)
    assert states == HAPPY_PATH
    assert len(deltas) > 1, "the script must arrive in several chunks"
    assert "".join(deltas).strip() == done.result.text
    sync = await orch.run(request_.model_copy(update={"session_id": "s2"}))
    assert sync.result.text == done.result.text
    history = await stores.checkpoints.list("t1", "s2", limit=50)
    assert [cp.state for cp in reversed(history)] == states


async def test_completed_run_is_recorded_in_the_session(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    outcome = await orch.run(request_)
    session = await stores.sessions.get("t1", "s1")
    assert session is not None and session.script_count == 1
    assert session.scripts[0].text == outcome.result.text
    assert [t.role for t in session.turns] == ["user", "assistant"]


async def test_request_without_session_gets_one(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    outcome = await orch.run(request_.model_copy(update={"session_id": None}))
    assert outcome.session_id.startswith("s-")
    assert await stores.sessions.get("t1", outcome.session_id) is not None
