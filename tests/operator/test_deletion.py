"""ttlSecondsAfterFinished, and deleting a job while it runs (its lock is released)."""

from __future__ import annotations

import time

from scriptjob_operator.resource import FINALIZER

from script_agent.testing.k8s import SCRIPTJOBS
from script_agent.testing.llm_upstream import Fault

from .conftest import job
from .support import lock_held, wait_finished


def test_finished_job_is_deleted_after_its_ttl(k8s_api, start_operator):
    app = start_operator()
    k8s_api.create(job("short-lived", ttlSecondsAfterFinished=2))
    obj = wait_finished(k8s_api, "short-lived")
    assert obj["status"]["phase"] == "Succeeded"
    assert FINALIZER in obj["metadata"]["finalizers"]  # kept while the TTL is pending
    finished_at = time.monotonic()

    k8s_api.wait_gone(SCRIPTJOBS, "short-lived", timeout=10)
    assert time.monotonic() - finished_at >= 0.5  # not deleted before its time (second-precision clock)
    assert app.kube.calls["delete"] == 1


def test_job_without_ttl_is_kept(k8s_api, start_operator):
    app = start_operator()
    k8s_api.create(job("kept"))
    wait_finished(k8s_api, "kept")
    time.sleep(1.0)
    assert k8s_api.find(SCRIPTJOBS, "kept") is not None and app.kube.calls["delete"] == 0


def test_deleting_a_running_job_stops_it_and_releases_its_lock(
    k8s_api, start_operator, upstream, redis_prefix
):
    upstream.script(Fault.slow_first_byte(30))  # the generation hangs until the job is deleted
    start_operator()
    k8s_api.create(job("doomed"))
    obj = k8s_api.wait_for_object(
        SCRIPTJOBS, "doomed", lambda o: o.get("status", {}).get("state") == "SCRIPT_GENERATING", timeout=20
    )
    k8s_api.wait_for(lambda: upstream.chat_requests(), 10, "the generation request")
    assert lock_held(redis_prefix, obj)

    k8s_api.delete(SCRIPTJOBS, "doomed")
    k8s_api.wait_gone(SCRIPTJOBS, "doomed", timeout=15)  # daemon stopped, finalizer removed
    k8s_api.wait_for(lambda: not lock_held(redis_prefix, obj), 5, "the session lock to be released")
    assert len(upstream.chat_requests()) == 1
