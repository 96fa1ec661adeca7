"""The harness proven with the real kopf runtime: create, status via /status, Events, resume, finalizers."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

import script_agent.testing.k8s
from script_agent.testing.k8s import SCRIPTJOBS, K8sApi
from script_agent.testing.k8s.client import JsonDict

SAMPLE = Path(script_agent.testing.k8s.__file__).parent / "sample_operator.py"
EXAMPLE = yaml.safe_load((Path(__file__).resolve().parents[2] / "examples" / "scriptjob.yaml").read_text())


def job(name: str) -> JsonDict:
    body = copy.deepcopy(EXAMPLE)
    body["metadata"] = {"name": name}
    return body


def succeeded(obj: JsonDict) -> bool:
    return obj.get("status", {}).get("phase") == "Succeeded"


def reasons(api: K8sApi, name: str) -> list[str]:
    return [e["reason"] for e in api.events(involved=name)]


def test_create_patches_status_through_the_subresource_and_posts_events(k8s_api, run_kopf):
    run_kopf(SAMPLE)
    k8s_api.create(job("lipstick"))
    obj = k8s_api.wait_for_object(SCRIPTJOBS, "lipstick", succeeded)

    assert obj["status"]["state"] == "COMPLETED"
    assert obj["status"]["observedGeneration"] == obj["metadata"]["generation"] == 1
    assert k8s_api.requests("PATCH", SCRIPTJOBS, name="lipstick", subresource="status")
    assert "kopf.zalando.org/KopfFinalizerMarker" in obj["metadata"]["finalizers"]
    k8s_api.wait_for(lambda: "Accepted" in reasons(k8s_api, "lipstick"), what="the Accepted event")
    event = k8s_api.events(involved="lipstick")[0]
    assert event["metadata"]["name"].startswith("kopf-event-")  # generateName honoured
    assert event["involvedObject"]["uid"] == obj["metadata"]["uid"]


def test_deletion_runs_the_delete_handler_then_releases_the_finalizer(k8s_api, run_kopf):
    run_kopf(SAMPLE)
    k8s_api.create(job("to-delete"))
    k8s_api.wait_for_object(SCRIPTJOBS, "to-delete", succeeded)

    k8s_api.delete(SCRIPTJOBS, "to-delete")
    k8s_api.wait_gone(SCRIPTJOBS, "to-delete")
    k8s_api.wait_for(lambda: "Deleting" in reasons(k8s_api, "to-delete"), what="the Deleting event")


def test_objects_created_before_the_operator_starts_are_handled(k8s_api, run_kopf):
    k8s_api.create(job("early"))
    run_kopf(SAMPLE)
    k8s_api.wait_for_object(SCRIPTJOBS, "early", succeeded)


def test_sigkill_mid_handler_then_restart_finishes_the_job_and_resumes_finished_ones(k8s_api, run_kopf):
    first = run_kopf(SAMPLE, subprocess=True, env={"SAMPLE_BLOCK_CREATE": "0"})
    k8s_api.create(job("done-before"))
    k8s_api.wait_for_object(SCRIPTJOBS, "done-before", succeeded)
    first.terminate()

    blocked = run_kopf(SAMPLE, subprocess=True, env={"SAMPLE_BLOCK_CREATE": "1"})
    k8s_api.create(job("in-flight"))
    k8s_api.wait_for(lambda: "Accepted" in reasons(k8s_api, "in-flight"), what="the handler to start")
    blocked.kill()  # SIGKILL while the create handler is running

    blocked.env["SAMPLE_BLOCK_CREATE"] = "0"
    blocked.restart()
    in_flight = k8s_api.wait_for_object(SCRIPTJOBS, "in-flight", succeeded)
    assert in_flight["status"]["traceId"] == f"pid-{blocked.pid}"  # the unfinished handler ran again

    resumed_by_new = f"resumed by pid-{blocked.pid}"
    done = k8s_api.wait_for_object(
        SCRIPTJOBS, "done-before", lambda o: o["status"].get("message") == resumed_by_new
    )
    assert done["status"]["traceId"] == f"pid-{first.pid}"  # finished work is not re-run, only resumed


def test_all_namespaces_mode_serves_every_namespace(k8s_api, run_kopf):
    k8s_api.create_namespace("shop-a")
    k8s_api.create(job("elsewhere"), namespace="shop-a")
    run_kopf(SAMPLE, clusterwide=True)
    k8s_api.wait_for_object(SCRIPTJOBS, "elsewhere", succeeded, namespace="shop-a")
    k8s_api.create(job("default-one"))
    k8s_api.wait_for_object(SCRIPTJOBS, "default-one", succeeded)
