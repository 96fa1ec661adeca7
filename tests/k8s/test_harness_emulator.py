"""The emulator's API-server rules, checked over HTTP without kopf (so a harness bug is found here)."""

from __future__ import annotations

import json

import httpx
import kmock
import pytest

from script_agent.testing.k8s import SCRIPTJOBS, ApiError, EmulatorThread, K8sApi
from script_agent.testing.k8s.client import JsonDict

JSON_PATCH = "application/json-patch+json"


def job(name: str, **spec: object) -> JsonDict:
    base = {"tenant": "t1", "scene": "opening", "product": {"id": "p1"}, "influencer": {"id": "i1"}}
    return {
        "apiVersion": "scriptagent.dev/v1alpha1",
        "kind": "ScriptJob",
        "metadata": {"name": name},
        "spec": {**base, **spec},
    }


def watch(api: K8sApi, query: str, limit: int) -> list[JsonDict]:
    url = f"{api.url}/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs?watch=true&{query}"
    events = []
    with httpx.stream("GET", url, timeout=5) as response:
        for line in response.iter_lines():
            if line:
                events.append(json.loads(line))
            if len(events) >= limit:
                break
    return events


def test_server_manages_metadata_and_applies_schema_defaults(k8s_api):
    obj = k8s_api.create(job("a") | {"status": {"phase": "Succeeded"}})
    meta = obj["metadata"]
    assert meta["uid"] and meta["creationTimestamp"].endswith("Z") and meta["generation"] == 1
    assert int(meta["resourceVersion"]) > 0
    assert obj["spec"]["backoffLimit"] == 3  # CRD default
    assert "status" not in obj  # status is written only through /status
    with pytest.raises(ApiError) as exc:
        k8s_api.create(job("a"))
    assert exc.value.status == 409


def test_status_and_main_resource_patches_follow_the_subresource_rules(k8s_api):
    k8s_api.create(job("a"))
    status = k8s_api.patch(
        SCRIPTJOBS, "a", {"status": {"phase": "Running"}, "spec": {"tenant": "x"}}, subresource="status"
    )
    assert status["status"] == {"phase": "Running"} and status["spec"]["tenant"] == "t1"
    assert status["metadata"]["generation"] == 1  # status writes never bump generation

    # (spec changes, which bump generation, are in test_emulator_cel.py: the ScriptJob spec is immutable)
    main = k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Failed"}, "metadata": {"labels": {"k": "v"}}})
    assert main["status"] == {"phase": "Running"}  # the main resource ignores status
    assert main["metadata"]["labels"] == {"k": "v"} and main["metadata"]["generation"] == 1

    labels_only = k8s_api.patch(SCRIPTJOBS, "a", {"metadata": {"labels": {"k": None}}})
    assert labels_only["metadata"]["generation"] == 1 and "k" not in labels_only["metadata"]["labels"]


def test_noop_patch_keeps_the_resource_version(k8s_api):
    obj = k8s_api.create(job("a"))
    again = k8s_api.patch(SCRIPTJOBS, "a", {"spec": {"tenant": "t1"}})
    assert again["metadata"]["resourceVersion"] == obj["metadata"]["resourceVersion"]


def test_json_patch_test_op_gives_422_on_a_stale_resource_version(k8s_api):
    obj = k8s_api.create(job("a"))
    rv = obj["metadata"]["resourceVersion"]
    ops = [
        {"op": "test", "path": "/metadata/resourceVersion", "value": rv},
        {"op": "add", "path": "/metadata/finalizers", "value": ["f"]},
    ]
    patched = k8s_api.patch(SCRIPTJOBS, "a", ops, content_type=JSON_PATCH)
    assert patched["metadata"]["finalizers"] == ["f"]
    with pytest.raises(ApiError) as exc:
        k8s_api.patch(SCRIPTJOBS, "a", ops, content_type=JSON_PATCH)
    assert exc.value.status == 422


def test_deletion_waits_for_finalizers(k8s_api):
    k8s_api.create(job("a") | {"metadata": {"name": "a", "finalizers": ["keep"]}})
    marked = k8s_api.delete(SCRIPTJOBS, "a")
    assert marked["metadata"]["deletionTimestamp"]
    assert k8s_api.get(SCRIPTJOBS, "a")["metadata"]["deletionTimestamp"]
    k8s_api.patch(SCRIPTJOBS, "a", {"metadata": {"finalizers": None}})
    assert k8s_api.find(SCRIPTJOBS, "a") is None


def test_generate_name_and_missing_namespaces(k8s_api):
    event = k8s_api.create({"apiVersion": "v1", "kind": "Event", "metadata": {"generateName": "ev-"}})
    assert event["metadata"]["name"].startswith("ev-") and len(event["metadata"]["name"]) == 8
    with pytest.raises(ApiError) as exc:
        k8s_api.create(job("a"), namespace="nowhere")
    assert exc.value.status == 404


def test_watch_from_a_list_resource_version_loses_nothing(k8s_api):
    k8s_api.create(job("before"))
    listed = k8s_api._call("GET", "/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs")
    k8s_api.create(job("after-list"))  # happens between the list and the watch
    k8s_api.patch(SCRIPTJOBS, "before", {"status": {"phase": "Running"}}, subresource="status")
    events = watch(k8s_api, f"resourceVersion={listed['metadata']['resourceVersion']}&timeoutSeconds=1", 5)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
        ("ADDED", "after-list"),
        ("MODIFIED", "before"),
    ]


def test_watch_without_resource_version_starts_with_synthetic_added(k8s_api):
    k8s_api.create(job("a"))
    assert [e["type"] for e in watch(k8s_api, "timeoutSeconds=1", 5)] == ["ADDED"]


def test_too_old_resource_version_is_410_gone():
    with EmulatorThread(namespaces=["default"], history_limit=2) as server:
        api = K8sApi(server)
        for name in ("a", "b", "c", "d"):
            api.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}})
        url = f"{api.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1"
        with httpx.stream("GET", url, timeout=5) as response:
            first = json.loads(next(line for line in response.iter_lines() if line))
        assert first["type"] == "ERROR" and first["object"]["code"] == 410
        api.close()


def test_faults_can_be_injected_with_the_kmock_dsl(k8s_api):
    k8s_api.create(job("a"))
    k8s_api.server.call(lambda emu: emu[kmock.action.UPDATE, kmock.resource(SCRIPTJOBS)] << 500)
    with pytest.raises(ApiError) as exc:
        k8s_api.patch(SCRIPTJOBS, "a", {"spec": {"query": "q"}})
    assert exc.value.status == 500
    assert "query" not in k8s_api.get(SCRIPTJOBS, "a")["spec"]  # an intercepted write changes nothing


def test_unknown_fields_are_pruned_and_schema_violations_are_422(k8s_api):
    created = k8s_api.create(job("a") | {"extra": 1})
    assert "extra" not in created
    pruned = k8s_api.patch(
        SCRIPTJOBS, "a", {"status": {"phase": "Running", "kopf": {"progress": {}}}}, subresource="status"
    )
    assert pruned["status"] == {"phase": "Running"}
    with pytest.raises(ApiError) as exc:
        k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Done"}}, subresource="status")
    assert exc.value.status == 422 and "phase" in exc.value.body["message"]
    with pytest.raises(ApiError) as exc:
        k8s_api.create(job("b", scene="unboxing"))
    assert exc.value.status == 422


def test_delete_preconditions_protect_a_recreated_object(k8s_api):
    old_uid = k8s_api.create(job("a"))["metadata"]["uid"]
    k8s_api.delete(SCRIPTJOBS, "a")
    k8s_api.create(job("a"))
    response = httpx.request(
        "DELETE",
        f"{k8s_api.url}/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs/a",
        json={"kind": "DeleteOptions", "apiVersion": "v1", "preconditions": {"uid": old_uid}},
    )
    assert response.status_code == 409
    assert k8s_api.find(SCRIPTJOBS, "a") is not None


def test_a_limited_number_of_faults_can_be_injected(k8s_api):
    k8s_api.create(job("a"))
    status_patches = (kmock.action.UPDATE, kmock.resource(SCRIPTJOBS), kmock.subresource("status"))
    k8s_api.server.call(lambda emu: emu[status_patches][:2] << 503)  # the next two status patches fail
    codes = []
    for _ in range(3):
        try:
            k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Running"}}, subresource="status")
            codes.append(200)
        except ApiError as exc:
            codes.append(exc.status)
    assert codes == [503, 503, 200]


def test_initial_events_streaming_ends_with_a_bookmark(k8s_api):
    k8s_api.create(job("a"))
    events = watch(k8s_api, "sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1", 2)
    assert [e["type"] for e in events] == ["ADDED", "BOOKMARK"]
    assert events[1]["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}


def test_equality_label_and_name_field_selectors(k8s_api):
    k8s_api.create(job("a") | {"metadata": {"name": "a", "labels": {"campaign": "x"}}})
    k8s_api.create(job("b"))
    base = "/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs"
    by_label = k8s_api._call("GET", base, params={"labelSelector": "campaign=x"})["items"]
    by_name = k8s_api._call("GET", base, params={"fieldSelector": "metadata.name=b"})["items"]
    assert [o["metadata"]["name"] for o in by_label + by_name] == ["a", "b"]
    with pytest.raises(ApiError) as exc:
        k8s_api._call("GET", base, params={"fieldSelector": "status.phase=Running"})
    assert exc.value.status == 400
