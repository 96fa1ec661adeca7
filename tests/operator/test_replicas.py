"""Two operator replicas on the same jobs (no peering at all): the per-job session lock alone keeps
every state to one run — one LLM call per job, one checkpoint per state, one Started event."""

from __future__ import annotations

from .conftest import job
from .support import checkpoints, reasons, states, wait_finished, wait_reasons
from .test_lifecycle import STATES

JOBS = [f"twin-{i}" for i in range(4)]


def test_two_standalone_replicas_never_run_a_job_twice(k8s_api, start_operator, upstream, redis_prefix):
    first, second = start_operator(), start_operator()
    for name in JOBS:
        k8s_api.create(job(name))
    finished = [wait_finished(k8s_api, name) for name in JOBS]

    assert all(obj["status"]["phase"] == "Succeeded" for obj in finished)
    for obj in finished:
        assert states(checkpoints(redis_prefix, obj)) == STATES
    assert len(upstream.chat_requests()) == len(JOBS)
    for name in JOBS:
        wait_reasons(k8s_api, name, "Completed")
        assert reasons(k8s_api, name).count("Started") == 1
        assert reasons(k8s_api, name).count("Completed") == 1
    assert first.driver is not second.driver
