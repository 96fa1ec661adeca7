"""The operator follows the orchestrator's one resume rule (script_agent/orchestrator/runs.py).

The job's session is seeded, before any operator runs, by the orchestrator's own runner (the path the
gateway and the CLI take) running the job's request; tests/orchestrator/test_resume_rule.py shows
the runner keeping the same rule. A finished run with the job's fingerprint and key is reported, not
run again; a run of another payload in the same session does not count, and the job starts fresh.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scriptjob_operator.spec import parse_spec, to_request

from script_agent.bootstrap import build_container
from script_agent.config import Settings
from script_agent.domain.models import ScriptRequest
from script_agent.orchestrator.events import RunOutcome
from script_agent.testing.k8s import SCRIPTJOBS
from script_agent.testing.k8s.samples import EXAMPLE
from script_agent.testing.llm_upstream import FakeLLMUpstream

from .conftest import job
from .support import checkpoints, states, wait_finished
from .test_lifecycle import STATES


def job_request(obj: dict[str, Any]) -> ScriptRequest:
    """The request the operator builds for this job (the namespace grants the example's tenant)."""
    meta = obj["metadata"]
    return to_request(
        parse_spec(obj["spec"]),
        namespace=meta["namespace"],
        name=meta["name"],
        uid=meta["uid"],
        tenant=EXAMPLE["spec"]["tenant"],
    )


def run_with_the_runner(request: ScriptRequest) -> RunOutcome:
    """One run through the orchestrator's runner, on the operator's settings (same Redis prefix)."""

    async def go() -> RunOutcome:
        container = build_container(Settings(), use_memory=False)
        try:
            return await container.orchestrator.run(request)
        finally:
            await container.aclose()

    return asyncio.run(go())


@pytest.fixture
def seeded_env(op_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in op_env.items():
        monkeypatch.setenv(key, value)


@pytest.mark.usefixtures("seeded_env")
def test_a_finished_run_of_the_jobs_request_is_reported_not_rerun(
    k8s_api, start_operator, upstream: FakeLLMUpstream, redis_prefix: str
) -> None:
    created = k8s_api.create(job("seeded"))
    seeded = run_with_the_runner(job_request(created))
    assert str(seeded.state) == "COMPLETED" and len(upstream.chat_requests()) == 1

    start_operator()
    obj = wait_finished(k8s_api, "seeded")

    assert obj["status"]["phase"] == "Succeeded"
    assert obj["status"]["traceId"] == seeded.trace_id  # the seeded run, reported
    assert obj["status"]["checkpointVersion"] == seeded.checkpoint_version
    assert states(checkpoints(redis_prefix, obj)) == STATES  # nothing ran again
    assert len(upstream.chat_requests()) == 1


@pytest.mark.usefixtures("seeded_env")
def test_a_run_of_another_payload_in_the_session_does_not_count(
    k8s_api, start_operator, upstream: FakeLLMUpstream, redis_prefix: str
) -> None:
    created = k8s_api.create(job("other-payload"))
    mine = job_request(created)
    other = mine.model_copy(update={"llm": mine.llm.model_copy(update={"temperature": 0.05})})
    seeded = run_with_the_runner(other)
    assert str(seeded.state) == "COMPLETED" and len(upstream.chat_requests()) == 1

    start_operator()
    obj = wait_finished(k8s_api, "other-payload")

    assert obj["status"]["phase"] == "Succeeded" and obj["status"]["traceId"] != seeded.trace_id
    history = checkpoints(redis_prefix, obj)
    assert states(history) == STATES + STATES  # the seeded run, then the job's own
    assert {r.trace_id for r in history[len(STATES) :]} == {obj["status"]["traceId"]}
    assert len(upstream.chat_requests()) == 2
    assert k8s_api.get(SCRIPTJOBS, "other-payload")["status"]["attempts"] == 1
