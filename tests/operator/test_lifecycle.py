"""A ScriptJob from creation to Succeeded: every status field, the Events, the checkpoints, the lock."""

from __future__ import annotations

import datetime
import itertools

import yaml
from scriptjob_operator.events import BATCH_SEPARATOR
from scriptjob_operator.resource import FINALIZER

from script_agent.domain.checkpoint import verify
from script_agent.testing.k8s import SCRIPTJOBS
from script_agent.testing.k8s.columns import row
from script_agent.testing.k8s.fixtures import SCRIPTJOB_CRD
from script_agent.testing.llm_upstream import Fault

from .conftest import REPLY, job
from .support import checkpoints, finished, lock_held, states, wait_finished, wait_reasons

PROJECT_CRD = yaml.safe_load(SCRIPTJOB_CRD.read_text(encoding="utf-8"))
STATES = [
    "CONTEXT_LOADING",
    "INTENT_RECOGNIZING",
    "PROFILE_FETCHING",
    "PRODUCT_FETCHING",
    "SCRIPT_GENERATING",
    "QUALITY_CHECKING",
    "COMPLETED",
]


def parse(ts: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))


def test_create_runs_to_succeeded_with_every_status_field(k8s_api, start_operator, upstream, redis_prefix):
    start_operator()
    k8s_api.create(job("lipstick"))
    obj = wait_finished(k8s_api, "lipstick")
    status = obj["status"]

    history = checkpoints(redis_prefix, obj)
    assert states(history) == STATES  # one checkpoint per state, none repeated
    assert all(verify(r) for r in history) and all(r.fence for r in history)  # fenced by the session lock
    assert status["phase"] == "Succeeded" and status["state"] == "COMPLETED"
    assert status["checkpointVersion"] == history[-1].version
    assert status["traceId"] == history[-1].trace_id
    assert status["attempts"] == 1
    assert status["observedGeneration"] == obj["metadata"]["generation"] == 1
    assert parse(status["startTime"]) <= parse(status["completionTime"])
    assert status["result"] == {
        "text": REPLY,
        "qualityScore": status["result"]["qualityScore"],
        "backend": "openai",
        "layer": "primary-general",
        "degraded": False,
    }
    assert 70 <= status["result"]["qualityScore"] <= 100
    conditions = {c["type"]: c for c in status["conditions"]}
    assert set(conditions) == {"Ready", "Complete"}
    assert conditions["Ready"]["status"] == "True" and conditions["Ready"]["reason"] == "Completed"
    assert conditions["Complete"]["status"] == "True" and conditions["Complete"]["observedGeneration"] == 1
    assert all(c["lastTransitionTime"] and c["message"] for c in conditions.values())
    assert "openai/primary-general" in status["message"]

    (call,) = upstream.chat_requests()  # one LLM call for the whole job
    assert call.idempotency_key.endswith(f"sj-{obj['metadata']['uid']}:1")  # stable across restarts


def test_status_goes_only_through_the_subresource_and_events_follow_the_states(
    k8s_api, start_operator, redis_prefix
):
    start_operator()
    k8s_api.create(job("events"))
    obj = wait_finished(k8s_api, "events")

    status_patches = k8s_api.requests("PATCH", SCRIPTJOBS, name="events", subresource="status")
    # at most one per state (7 checkpoints), nothing else; progress written while an earlier write
    # is in flight or within its interval is coalesced (coalesce.py), the final status always written
    assert 1 <= len(status_patches) <= len(STATES)
    assert obj["status"]["checkpointVersion"] == len(STATES) and obj["status"]["state"] == "COMPLETED"
    found = wait_reasons(k8s_api, "events", "Started", "Completed")
    # StateChanged Events between Started and Completed; quick transitions batched into one
    assert found[0] == "Started" and found[-1] == "Completed"
    assert set(found[1:-1]) == {"StateChanged"} and 1 <= len(found[1:-1]) <= len(STATES) - 1
    messages = [e["message"] for e in k8s_api.events(involved="events")]
    transitions = [t.split(" (")[0] for m in messages[1:-1] for t in m.split(BATCH_SEPARATOR)]
    # every transition, the last one (into COMPLETED) included, in order
    assert transitions == [f"{a} → {b}" for a, b in itertools.pairwise(STATES)]
    assert row(PROJECT_CRD, obj, wide=True) | {"Age": ""} == {
        "Phase": "Succeeded", "State": "COMPLETED", "Checkpoint": str(obj["status"]["checkpointVersion"]),
        "Scene": obj["spec"]["scene"], "Age": "", "Tenant": obj["spec"]["tenant"], "Reason": "Completed",
        "Message": obj["status"]["message"],
    }  # fmt: skip
    assert all(
        e["involvedObject"]["uid"] == obj["metadata"]["uid"] for e in k8s_api.events(involved="events")
    )


def test_a_slow_state_gets_its_own_state_changed_event(k8s_api, start_operator, upstream):
    upstream.script(Fault.slow_first_byte(2.0))  # SCRIPT_GENERATING: longer than a batch window
    start_operator()
    k8s_api.create(job("slow"))
    wait_finished(k8s_api, "slow")
    wait_reasons(k8s_api, "slow", "Completed")
    changed = [e["message"] for e in k8s_api.events(involved="slow") if e["reason"] == "StateChanged"]
    (into,) = [m for m in changed if "PRODUCT_FETCHING → SCRIPT_GENERATING" in m]
    (out_of,) = [m for m in changed if "SCRIPT_GENERATING → QUALITY_CHECKING" in m]
    assert into != out_of  # the batch before the slow state was posted before it ended


def test_finished_job_without_ttl_keeps_no_finalizer_and_no_lock(k8s_api, start_operator, redis_prefix):
    app = start_operator()
    k8s_api.create(job("tidy"))
    wait_finished(k8s_api, "tidy")
    obj = k8s_api.wait_for_object(
        SCRIPTJOBS, "tidy", lambda o: FINALIZER not in o["metadata"].get("finalizers", []), timeout=10
    )
    assert all(not key.startswith("kopf.zalando.org/") for key in obj["metadata"].get("annotations", {}))
    assert app.kube.calls["delete"] == 0
    assert not lock_held(redis_prefix, obj)


def test_finished_jobs_lose_their_finalizer_in_one_patch_each(k8s_api, start_operator):
    """kopf's writes to a job itself: its finalizer added once and removed once. No removal is
    attempted from an outdated view of the job, each of which the API server would refuse (422)."""
    start_operator()
    names = [f"many-{i}" for i in range(12)]
    for name in names:
        k8s_api.create(job(name))
    for name in names:
        wait_finished(k8s_api, name)
        k8s_api.wait_for_object(
            SCRIPTJOBS, name, lambda o: FINALIZER not in o["metadata"].get("finalizers", []), timeout=20
        )
    for name in names:
        patches = k8s_api.requests("PATCH", SCRIPTJOBS, name=name)
        assert len([path for _, path in patches if not path.endswith("/status")]) == 2, name


def test_all_namespaces_mode_serves_jobs_in_any_namespace(k8s_api, start_operator):
    labels = {"scriptagent.dev/tenant": "mcn-demo"}  # the example job's tenant, granted by label
    k8s_api.create(
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop-b", "labels": labels}}
    )
    start_operator(clusterwide=True)
    body = job("elsewhere")
    body["metadata"]["namespace"] = "shop-b"
    k8s_api.create(body)
    obj = k8s_api.wait_for_object(SCRIPTJOBS, "elsewhere", finished, namespace="shop-b")
    assert obj["status"]["phase"] == "Succeeded"
    assert obj["status"]["checkpointVersion"] == len(STATES)
