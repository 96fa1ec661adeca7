"""Crash at every state, resume, and never re-run a finished state or call the LLM again."""

from __future__ import annotations

import pytest

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.models import Scene
from script_agent.domain.states import WorkflowState as S
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.support import CountingLLM


class SimulatedCrash(BaseException):
    """BaseException, like a process kill: no step handler may swallow it."""


class CrashAfter:
    """Checkpoint store that dies right after its n-th append has been written durably."""

    def __init__(self, inner, n: int) -> None:
        self.inner, self.n, self.appends = inner, n, 0

    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        record = await self.inner.append(draft)
        self.appends += 1
        if self.appends == self.n:
            raise SimulatedCrash(f"killed after checkpoint {record.version} ({record.state})")
        return record

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize("crash_after", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("streaming", [False, True])
async def test_resume_after_crash_at_every_state(settings, stores, request_, crash_after, streaming):
    from script_agent.llm.template import TemplateBackend

    llm = CountingLLM(TemplateBackend())
    crashing = make_orchestrator(
        settings, stores, llm, checkpoints=CrashAfter(stores.checkpoints, crash_after)
    )
    with pytest.raises(SimulatedCrash):
        if streaming:
            async for _ in crashing.stream(request_):
                pass
        else:
            await crashing.run(request_)
    calls_before = llm.calls
    restarted = make_orchestrator(settings, stores, llm)
    outcome = await restarted.run(request_)
    assert outcome.state is S.COMPLETED and outcome.resumed
    assert llm.calls == 1, f"LLM called {llm.calls} times (crash at {crash_after}, {calls_before} before)"
    history = [cp.state for cp in reversed(await stores.checkpoints.list("t1", "s1", limit=50))]
    assert len(history) == len(set(history)) == 7, f"a state ran twice: {history}"
    session = await stores.sessions.get("t1", "s1")
    assert session.script_count == 1


async def test_new_request_does_not_resume_a_different_unfinished_run(settings, stores, request_):
    from script_agent.llm.template import TemplateBackend

    llm = CountingLLM(TemplateBackend())
    crashing = make_orchestrator(settings, stores, llm, checkpoints=CrashAfter(stores.checkpoints, 3))
    with pytest.raises(SimulatedCrash):
        await crashing.run(request_)
    other = request_.model_copy(update={"query": "帮我写一段卖点介绍", "scene": Scene.SELLING_POINTS})
    outcome = await make_orchestrator(settings, stores, llm).run(other)
    assert not outcome.resumed and outcome.state is S.COMPLETED
