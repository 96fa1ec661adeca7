"""The one resume rule (script_agent/orchestrator/runs.py), as the runner follows it.

The operator follows the same rule through the same API: tests/operator/test_resume_rule.py seeds a
job's session with a run this runner finished and shows the operator reporting it, not re-running it.
The runner's own idempotency store would answer a repeated key before the rule is asked, so these
runs go without one (`idempotency=None`): what is left is the checkpoint, as after a crash between a
run's last checkpoint and its idempotency record, or once that record has expired.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import WorkflowState as S
from script_agent.domain.states import status_for
from script_agent.orchestrator.run_data import RunData, request_fingerprint
from script_agent.orchestrator.runs import Start, decide
from script_agent.ports.llm import LLMExhausted
from script_agent.stores.factory import StoreBundle
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.policies_support import good_script
from tests.orchestrator.support import CountingLLM, ScriptedLLM


def record(state: S, data: RunData) -> CheckpointRecord:
    return CheckpointRecord(
        tenant="t1",
        session_id="s1",
        trace_id="tr",
        state=state,
        status=status_for(state),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        payload={},
        version=3,
    )


def rule(state: S, stored: ScriptRequest, asked: ScriptRequest, *, continuing: bool = False) -> Start:
    data = RunData(request=stored, fingerprint=request_fingerprint(stored))
    return decide(
        record(state, data), data, asked, fingerprint=request_fingerprint(asked), continuing=continuing
    )


@pytest.mark.parametrize(
    ("state", "key", "continuing", "expected"),
    [
        # 1. this request's run, unfinished: resumed, with or without a key
        (S.PRODUCT_FETCHING, None, False, Start.RESUMED),
        (S.QUALITY_CHECKING, "k", False, Start.RESUMED),
        # 2. finished: an answer the key keeps is returned ...
        (S.COMPLETED, "k", False, Start.FINISHED),
        (S.DEGRADED, "k", False, Start.FINISHED),
        # ... a failure or a question is not (the key is freed for a retry) ...
        (S.FAILED, "k", False, Start.BEGUN),
        (S.INTENT_CLARIFYING, "k", False, Start.BEGUN),
        # ... unless the caller continues a run under way (Last-Event-ID, a ScriptJob)
        (S.FAILED, "k", True, Start.FINISHED),
        (S.INTENT_CLARIFYING, None, True, Start.FINISHED),
        # 3. without a key, a finished run is the conversation's previous turn: begin the next
        (S.COMPLETED, None, False, Start.BEGUN),
    ],
)
def test_the_rule_on_the_same_request(request_, state, key, continuing, expected) -> None:
    req = request_.model_copy(update={"idempotency_key": key})
    assert rule(state, req, req, continuing=continuing) is expected


@pytest.mark.parametrize("state", [S.PRODUCT_FETCHING, S.COMPLETED, S.FAILED])
@pytest.mark.parametrize("continuing", [False, True])
def test_another_payload_or_key_always_begins(request_, state, continuing) -> None:
    keyed = request_.model_copy(update={"idempotency_key": "k"})
    other_payload = keyed.model_copy(update={"query": "换一个说法"})
    other_key = keyed.model_copy(update={"idempotency_key": "k2"})
    keyless = keyed.model_copy(update={"idempotency_key": None})
    for asked in (other_payload, other_key, keyless):
        assert rule(state, keyed, asked, continuing=continuing) is Start.BEGUN


def test_an_empty_session_begins(request_) -> None:
    fp = request_fingerprint(request_)
    assert decide(None, None, request_, fingerprint=fp, continuing=True) is Start.BEGUN


async def test_a_finished_run_of_a_keyed_request_is_returned_not_rerun(
    settings, stores: StoreBundle, template_llm: CountingLLM, request_
) -> None:
    req = request_.model_copy(update={"idempotency_key": "k-finished"})
    first = await make_orchestrator(settings, stores, template_llm, idempotency=None).run(req)
    again = await make_orchestrator(settings, stores, template_llm, idempotency=None).run(req)
    assert first.state is S.COMPLETED and template_llm.calls == 1
    assert again.replayed and not again.resumed and again.trace_id == first.trace_id
    assert again.result == first.result and again.checkpoint_version == first.checkpoint_version
    session = await stores.sessions.get("t1", "s1")
    assert session is not None and session.script_count == 1


async def test_a_different_fingerprint_starts_fresh(
    settings, stores: StoreBundle, template_llm: CountingLLM, request_
) -> None:
    req = request_.model_copy(update={"idempotency_key": "k-fresh"})
    orchestrator = make_orchestrator(settings, stores, template_llm, idempotency=None)
    first = await orchestrator.run(req)
    other = await orchestrator.run(req.model_copy(update={"query": "帮我写一段卖点介绍"}))
    assert other.state is S.COMPLETED and not other.replayed and not other.resumed
    assert other.trace_id != first.trace_id and template_llm.calls == 2


class Exhausted(ScriptedLLM):
    async def generate(self, request):  # type: ignore[no-untyped-def]
        raise LLMExhausted("all layers failed", ["primary"])


async def test_a_keyed_retry_after_a_failure_runs_again(settings, stores: StoreBundle, request_) -> None:
    req = request_.model_copy(update={"idempotency_key": "k-failed"})
    failed = await make_orchestrator(settings, stores, Exhausted(good_script)).run(req)
    assert failed.state is S.FAILED
    llm = ScriptedLLM(good_script)
    retried = await make_orchestrator(settings, stores, llm).run(req)
    assert retried.state is S.COMPLETED and llm.calls == 1 and retried.trace_id != failed.trace_id


async def test_a_state_without_what_it_needs_fails_typed_not_by_assert(
    settings, stores: StoreBundle, template_llm: CountingLLM, request_
) -> None:
    """A checkpoint at PROFILE_FETCHING without the intent (damaged, or hand-written): the step
    raises IncompleteRunData, recorded as a non-retryable FAILED run, and nothing is called."""
    from script_agent.domain.session import Session
    from script_agent.orchestrator.checkpoints import CheckpointWriter

    data = RunData(
        request=request_,
        fingerprint=request_fingerprint(request_),
        session=Session(tenant="t1", id="s1"),
    )
    await CheckpointWriter(stores.checkpoints).write(data, S.PROFILE_FETCHING, trace_id="tr-x", fence=None)
    outcome = await make_orchestrator(settings, stores, template_llm).run(request_)
    assert outcome.resumed and outcome.state is S.FAILED and outcome.error is not None
    assert outcome.error.code == "run_data_incomplete" and not outcome.error.retryable
    assert "intent" in outcome.error.message and template_llm.calls == 0


def test_the_typed_views_name_what_is_missing(request_) -> None:
    from script_agent.orchestrator.run_data import IncompleteRunData

    data = RunData(request=request_, fingerprint=request_fingerprint(request_))
    for view, missing in ((data.loaded, "session"), (data.understood, "session"), (data.drafted, "session")):
        with pytest.raises(IncompleteRunData) as raised:
            view()
        assert raised.value.detail == {"missing": missing}
