"""Idempotency dedup, quality regeneration, degradation, failures, clarification, locking."""

from __future__ import annotations

import pytest

from script_agent.domain.errors import IdempotencyMismatch, LockTimeout
from script_agent.domain.states import RunStatus
from script_agent.domain.states import WorkflowState as S
from script_agent.orchestrator.events import DoneEvent, ErrorEvent, ResetEvent, StateEvent
from script_agent.ports.llm import LLMExhausted
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.policies_support import good_script
from tests.orchestrator.support import ScriptedLLM


async def test_idempotency_key_replays_without_calling_the_llm(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    req = request_.model_copy(update={"idempotency_key": "k-1"})
    first = await orch.run(req)
    again = await orch.run(req)
    assert template_llm.calls == 1
    assert again.replayed and again.result == first.result and again.trace_id == first.trace_id
    with pytest.raises(IdempotencyMismatch):
        await orch.run(req.model_copy(update={"query": "换一个说法"}))


async def test_quality_failure_regenerates_with_feedback(settings, stores, request_):
    def write(brief, n):
        return "全网最低价！错过再也没有！" + good_script(brief, n) if n == 1 else good_script(brief, n)

    llm = ScriptedLLM(write)
    outcome = await make_orchestrator(settings, stores, llm).run(request_)
    assert outcome.state is S.COMPLETED and outcome.result.attempts == 2
    assert llm.calls == 2
    assert llm.briefs[1].feedback, "the second attempt must carry the quality feedback"
    history = [cp.state for cp in reversed(await stores.checkpoints.list("t1", "s1", limit=50))]
    assert history.count(S.SCRIPT_GENERATING) == 2 and history.count(S.QUALITY_CHECKING) == 2


async def test_persistent_violations_end_degraded_via_the_last_resort(settings, stores, request_):
    llm = ScriptedLLM(lambda b, n: "全网最低价，绝对第一！" + good_script(b, n))
    outcome = await make_orchestrator(settings, stores, llm).run(request_)
    assert llm.calls == 1 + settings.orchestrator.quality_max_retries
    assert outcome.state is S.DEGRADED and outcome.status is RunStatus.DEGRADED
    assert outcome.result.degraded and outcome.result.backend == "template"
    assert "全网最低" not in outcome.result.text


async def test_without_last_resort_persistent_violations_fail(settings, stores, request_):
    llm = ScriptedLLM(lambda b, n: "全网最低价，绝对第一！" + good_script(b, n))
    orch = make_orchestrator(settings, stores, llm, last_resort=None)
    outcome = await orch.run(request_)
    assert outcome.state is S.FAILED and outcome.error.code == "quality_failed"
    assert outcome.result is None


class Exhausted(ScriptedLLM):
    async def generate(self, request):
        raise LLMExhausted("all layers failed", ["primary", "fallback"])


async def test_llm_exhaustion_fails_the_run_with_the_layers_tried(settings, stores, request_):
    outcome = await make_orchestrator(settings, stores, Exhausted(good_script)).run(request_)
    assert outcome.state is S.FAILED
    assert outcome.error.code == "llm_unavailable" and outcome.error.detail["layers"] == [
        "primary",
        "fallback",
    ]
    session = await stores.sessions.get("t1", "s1")
    assert session is None or session.script_count == 0


async def test_stream_that_keeps_breaking_resets_once_then_errors_never_a_truncated_script(
    settings, stores, request_
):
    # The port ignores skip_layers and breaks again on the same layer: one reset, then an error.
    llm = ScriptedLLM(good_script, break_stream=True)
    events = [ev async for ev in make_orchestrator(settings, stores, llm).stream(request_)]
    errors = [e for e in events if isinstance(e, ErrorEvent)]
    done = next(e for e in events if isinstance(e, DoneEvent)).outcome
    assert len([e for e in events if isinstance(e, ResetEvent)]) == 1 and llm.calls == 2
    assert errors and errors[0].code == "llm_stream_broken"
    assert done.state is S.FAILED and done.result is None
    assert [e.state for e in events if isinstance(e, StateEvent)][-1] is S.FAILED
    session = await stores.sessions.get("t1", "s1")
    assert session is None or session.script_count == 0


async def test_no_product_or_category_asks_instead_of_guessing(settings, stores, template_llm, request_):
    req = request_.model_copy(update={"product": None, "query": "帮我写一段开场话术", "scene": None})
    outcome = await make_orchestrator(settings, stores, template_llm).run(req)
    assert outcome.state is S.INTENT_CLARIFYING and outcome.status is RunStatus.NEEDS_INPUT
    assert outcome.clarification
    assert template_llm.calls == 0


async def test_multi_turn_continue_and_modify(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    first = await orch.run(request_)
    follow = request_.model_copy(update={"product": None, "scene": None, "query": "再来一段"})
    second = await orch.run(follow)
    assert second.state is S.COMPLETED and second.result.text != first.result.text
    shorter = await orch.run(follow.model_copy(update={"query": "把第一段改短一点"}))
    assert shorter.state is S.COMPLETED
    assert len(shorter.result.text) < len(first.result.text)
    session = await stores.sessions.get("t1", "s1")
    assert session.script_count == 3


async def test_a_held_session_lock_times_out_clearly(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm, lock_wait_s=0.1)
    lease = await stores.lock.acquire("t1", "s1", wait_s=1)
    try:
        with pytest.raises(LockTimeout):
            await orch.run(request_)
    finally:
        await stores.lock.release(lease)
    assert template_llm.calls == 0


async def test_follow_up_turn_keeps_an_inline_or_generic_voice(settings, stores, template_llm, request_):
    orch = make_orchestrator(settings, stores, template_llm)
    inline = request_.influencer.model_copy(update={"id": "not-in-any-catalogue"})
    await orch.run(request_.model_copy(update={"influencer": inline}))
    follow = request_.model_copy(
        update={"influencer": None, "product": None, "scene": None, "query": "再来一段"}
    )
    again = await orch.run(follow)
    assert again.state is S.COMPLETED and again.result.influencer_id == "not-in-any-catalogue"
    generic = request_.model_copy(update={"influencer": None, "session_id": "g1"})
    first = await orch.run(generic)
    assert first.result.influencer_id.startswith("generic:")
    second = await orch.run(follow.model_copy(update={"session_id": "g1"}))
    assert second.state is S.COMPLETED and second.result.influencer_id == first.result.influencer_id


class LosesLeaseAfter:
    """Session lock stand-in whose renewal 'finds the lease gone' after n checks."""

    def __init__(self, inner, n: int) -> None:
        self.inner, self.n, self.checks = inner, n, 0

    def is_lost(self, lease) -> bool:
        self.checks += 1
        return self.checks > self.n

    def __getattr__(self, name):
        return getattr(self.inner, name)


async def test_a_lost_lease_stops_the_run_before_the_next_state(settings, stores, template_llm, request_):
    from script_agent.domain.errors import LockLost

    orch = make_orchestrator(settings, stores, template_llm, lock=LosesLeaseAfter(stores.lock, 2))
    with pytest.raises(LockLost):
        await orch.run(request_)
    history = await stores.checkpoints.list("t1", "s1", limit=50)
    assert [cp.state for cp in reversed(history)] == [
        S.CONTEXT_LOADING,
        S.INTENT_RECOGNIZING,
        S.PROFILE_FETCHING,
    ]
    assert template_llm.calls == 0
    lease = await stores.lock.acquire("t1", "s1", wait_s=1)  # released on the way out
    await stores.lock.release(lease)
