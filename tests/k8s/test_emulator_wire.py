"""What clients see of the emulator's cheaper wire (wire.py, store.WatchEvent) and validation memo
(objects.schema_errors): the same answers as before, for every watcher and every write."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from script_agent.testing.k8s import SCRIPTJOBS, ApiError, K8sApi

from .test_harness_emulator import job

URL = "/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs"


def collect(api: K8sApi, since: str, limit: int, out: list[bytes], opened: threading.Event) -> None:
    params = {"watch": "true", "resourceVersion": since, "timeoutSeconds": "5"}
    with httpx.stream("GET", f"{api.url}{URL}", params=params, timeout=10) as response:
        opened.set()
        for line in response.iter_lines():
            if line:
                out.append(line.encode())
            if len(out) >= limit:
                return


def test_every_watcher_gets_the_same_events_as_json_lines(k8s_api):
    since = k8s_api.create(job("first"))["metadata"]["resourceVersion"]
    streams: list[list[bytes]] = [[], []]
    opened = [threading.Event(), threading.Event()]
    threads = [
        threading.Thread(target=collect, args=(k8s_api, since, 3, streams[i], opened[i])) for i in range(2)
    ]
    for thread in threads:
        thread.start()
    assert all(flag.wait(5) for flag in opened)
    k8s_api.create(job("second"))
    k8s_api.patch(SCRIPTJOBS, "second", {"status": {"phase": "Running"}}, subresource="status")
    k8s_api.delete(SCRIPTJOBS, "second")
    for thread in threads:
        thread.join(10)
    assert streams[0] == streams[1]
    events = [json.loads(line) for line in streams[0]]
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
        ("ADDED", "second"),
        ("MODIFIED", "second"),
        ("DELETED", "second"),
    ]
    assert events[1]["object"]["status"] == {"phase": "Running"}


def test_object_answers_are_json_with_their_status_codes(k8s_api):
    created = httpx.post(f"{k8s_api.url}{URL}", json=job("a"), timeout=5)
    assert created.status_code == 201
    assert created.headers["content-type"].startswith("application/json")
    fetched = httpx.get(f"{k8s_api.url}{URL}/a", timeout=5)
    assert fetched.status_code == 200 and fetched.json() == created.json()
    missing = httpx.get(f"{k8s_api.url}{URL}/nowhere", timeout=5)
    assert missing.status_code == 404 and missing.json()["kind"] == "Status"


def test_an_invalid_write_is_refused_every_time_it_is_made(k8s_api):
    k8s_api.create(job("a"))
    for _ in range(3):  # the same invalid status again: refused again, with the same reason
        with pytest.raises(ApiError) as exc:
            k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Done"}}, subresource="status")
        assert exc.value.status == 422 and "status.phase" in exc.value.body["message"]
    assert k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Running"}}, subresource="status")
    with pytest.raises(ApiError) as exc:  # a valid status does not make the next invalid one pass
        k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Done"}}, subresource="status")
    assert exc.value.status == 422
    with pytest.raises(ApiError) as exc:  # nor does an identical spec on another object
        k8s_api.create(job("b", scene="unboxing"))
    assert exc.value.status == 422
