"""Trouble that is not the job's fault: API-server errors and a full operator. No attempt is used."""

from __future__ import annotations

import kmock

from script_agent.testing.k8s import SCRIPTJOBS
from script_agent.testing.llm_upstream import Fault

from .conftest import job
from .support import checkpoints, states, wait_finished
from .test_lifecycle import STATES


def test_failed_status_patches_are_retried_without_using_attempts(k8s_api, start_operator, redis_prefix):
    start_operator()
    # The API server rejects the next two /status writes (e.g. overloaded), after the job started.
    failing = kmock.action.UPDATE, kmock.resource(SCRIPTJOBS), kmock.subresource("status")
    k8s_api.server.call(lambda emu: emu[failing][:2] << 503)
    k8s_api.create(job("bumpy", backoffLimit=0))
    obj = wait_finished(k8s_api, "bumpy")

    assert obj["status"]["phase"] == "Succeeded" and obj["status"]["attempts"] == 1
    assert states(checkpoints(redis_prefix, obj)) == STATES  # resumed from the checkpoint each time
    patches = k8s_api.requests("PATCH", SCRIPTJOBS, name="bumpy", subresource="status")
    # the two rejected writes, then at most one per state (progress may be coalesced), the end included
    assert 3 <= len(patches) <= len(STATES) + 2
    assert obj["status"]["checkpointVersion"] == len(STATES)


def test_jobs_beyond_the_concurrency_cap_wait_as_pending(k8s_api, start_operator, upstream):
    upstream.script(Fault.slow_first_byte(1.5))  # the first job holds the only slot for a while
    start_operator(OPERATOR_MAX_CONCURRENT_JOBS="1")
    k8s_api.create(job("first"))
    k8s_api.wait_for(lambda: upstream.chat_requests(), 10, "the first job's LLM call")
    k8s_api.create(job("second"))
    pending = k8s_api.wait_for_object(
        SCRIPTJOBS, "second", lambda o: o.get("status", {}).get("phase") == "Pending", timeout=10
    )
    assert pending["status"]["conditions"][0]["reason"] == "Pending"
    assert "OPERATOR_MAX_CONCURRENT_JOBS" in pending["status"]["message"]
    assert wait_finished(k8s_api, "second")["status"]["phase"] == "Succeeded"
    assert wait_finished(k8s_api, "first")["status"]["phase"] == "Succeeded"
