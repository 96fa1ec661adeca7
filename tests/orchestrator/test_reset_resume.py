"""A crash between the `reset` checkpoint and the regeneration: the resumed run starts the new
attempt on the next layer and never repeats the attempt that broke (real LLM client, fake upstream)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from script_agent.bootstrap import Container, build_container
from script_agent.config import Settings
from script_agent.config.llm import LLMSettings
from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import WorkflowState as S
from script_agent.orchestrator.events import DeltaEvent, ResetEvent, StateEvent
from script_agent.orchestrator.runner import Orchestrator
from script_agent.stores.factory import StoreBundle
from script_agent.testing.llm_faults import Fault
from script_agent.testing.llm_upstream import FakeLLMUpstream


class SimulatedCrash(BaseException):
    """BaseException, like a process kill: nothing in the run may swallow it."""


class CrashAfterReset:
    """Checkpoint store that dies right after durably writing a checkpoint that recorded a partial."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        record = await self.inner.append(draft)  # type: ignore[attr-defined]
        if draft.payload.get("partials"):
            raise SimulatedCrash(f"killed after checkpoint {record.version}")
        return record

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


@pytest.fixture
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(chunk_chars=8) as up:
        up.model_replies = {"base": "第一次尝试的文字" * 8}
        yield up


def layered(settings: Settings, url: str) -> Settings:
    llm = LLMSettings(
        primary_base_url=url,
        primary_model="base",
        fallback_backend="openai",
        fallback_base_url=url,
        fallback_model="fb",
        max_retries=0,
        stream_idle_timeout_s=0.5,
        breaker_min_calls=10_000,
    )
    return settings.model_copy(update={"llm": llm})


@pytest.fixture
async def containers() -> AsyncIterator[list[Container]]:
    built: list[Container] = []
    yield built
    for container in built:
        await container.aclose()  # the LLM client's connection pools


async def test_resume_after_a_crash_at_the_reset_does_not_repeat_the_failed_attempt(
    settings: Settings,
    stores: StoreBundle,
    request_: ScriptRequest,
    upstream: FakeLLMUpstream,
    containers: list[Container],
) -> None:
    settings = layered(settings, upstream.url)

    def orchestrator() -> Orchestrator:
        containers.append(build_container(settings, stores=stores, use_memory=False))
        return containers[-1].orchestrator

    upstream.script(Fault.cut(after_chunks=3))
    crashing = Orchestrator(replace(orchestrator().deps, checkpoints=CrashAfterReset(stores.checkpoints)))
    seen = []
    with pytest.raises(SimulatedCrash):
        async for event in crashing.stream(request_):
            seen.append(event)
    assert sum(isinstance(e, DeltaEvent) for e in seen) == 3  # the broken attempt did stream text
    latest = await stores.checkpoints.latest("t1", "s1")
    assert latest is not None and latest.state is S.SCRIPT_GENERATING
    assert [p["layer"] for p in latest.payload["partials"]] == ["primary-general"]
    assert [r.body["model"] for r in upstream.chat_requests()] == ["base"]

    resumed = [event async for event in orchestrator().stream(request_)]
    first = resumed[0]
    assert isinstance(first, StateEvent) and first.version == latest.version and first.attempt == 2
    assert not any(isinstance(e, ResetEvent) for e in resumed)  # nothing broke in this run
    models = [r.body["model"] for r in upstream.chat_requests()]
    assert models[0] == "base" and "base" not in models[1:] and models[1] == "fb"
    outcome = resumed[-1].outcome  # type: ignore[union-attr]
    assert outcome.resumed and outcome.state in (S.COMPLETED, S.DEGRADED)
    assert outcome.result is not None and "第一次尝试" not in outcome.result.text
    attempts = [p["attempt"] for p in (await stores.checkpoints.latest("t1", "s1")).payload["partials"]]
    assert attempts == [1]
