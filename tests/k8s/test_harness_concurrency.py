"""The emulator's optimistic concurrency and injectable throttling/authentication failures, by requests.

A real apiserver refuses a write that carries a stale `metadata.resourceVersion` (409 Conflict) on
the main resource and on /status alike, requires one on updates of custom resources, and answers
429 with Retry-After under API priority and fairness; clients (the operator's KubeClient) are
tested against exactly these answers.
"""

from __future__ import annotations

import httpx
import pytest

from script_agent.testing.k8s import SCRIPTJOBS, ApiError
from script_agent.testing.k8s.client import JsonDict

PATH = "/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs"


def job(name: str) -> JsonDict:
    spec = {"tenant": "t1", "scene": "opening", "product": {"id": "p1"}, "influencer": {"id": "i1"}}
    return {
        "apiVersion": "scriptagent.dev/v1alpha1",
        "kind": "ScriptJob",
        "metadata": {"name": name},
        "spec": spec,
    }


def _rv(obj: JsonDict) -> str:
    return str(obj["metadata"]["resourceVersion"])


@pytest.mark.parametrize("subresource", [None, "status"])
def test_merge_patch_with_a_stale_resource_version_is_409(k8s_api, subresource):
    created = k8s_api.create(job("a"))
    stale = _rv(created)
    fresh = k8s_api.patch(SCRIPTJOBS, "a", {"metadata": {"labels": {"x": "1"}}})  # someone else writes
    body = {"metadata": {"resourceVersion": stale}, "status": {"phase": "Running"}}
    with pytest.raises(ApiError) as exc:
        k8s_api.patch(SCRIPTJOBS, "a", body, subresource=subresource)
    assert exc.value.status == 409 and exc.value.body["reason"] == "Conflict"
    assert exc.value.body["message"] == (
        'Operation cannot be fulfilled on scriptjobs.scriptagent.dev "a": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )
    assert k8s_api.get(SCRIPTJOBS, "a")["metadata"]["resourceVersion"] == _rv(fresh)  # nothing written

    body["metadata"]["resourceVersion"] = _rv(fresh)
    patched = k8s_api.patch(SCRIPTJOBS, "a", body, subresource="status")
    assert patched["status"] == {"phase": "Running"} and int(_rv(patched)) > int(_rv(fresh))


def test_update_needs_a_current_resource_version(k8s_api):
    created = k8s_api.create(job("a"))
    url = f"{k8s_api.url}{PATH}/a"
    unversioned = job("a") | {"metadata": {"name": "a", "labels": {"k": "v"}}}
    missing = httpx.put(url, json=unversioned)
    assert missing.status_code == 422 and "must be specified for an update" in missing.json()["message"]

    update = job("a") | {"metadata": {"name": "a", "labels": {"k": "v"}, "resourceVersion": _rv(created)}}
    update["status"] = {"phase": "Failed"}
    replaced = httpx.put(url, json=update)
    assert replaced.status_code == 200
    assert replaced.json()["metadata"]["labels"] == {"k": "v"}
    assert "status" not in replaced.json()  # the main resource ignores status, on PUT as on PATCH

    again = httpx.put(url, json=update)  # the same resourceVersion, now stale
    assert again.status_code == 409 and again.json()["reason"] == "Conflict"


def test_status_update_changes_only_status_and_checks_the_version(k8s_api):
    created = k8s_api.create(job("a"))
    url = f"{k8s_api.url}{PATH}/a/status"
    body = job("a") | {"metadata": {"name": "a", "resourceVersion": _rv(created), "labels": {"k": "v"}}}
    body["status"] = {"phase": "Running"}
    body["spec"] = dict(body["spec"], tenant="other")
    response = httpx.put(url, json=body)
    assert response.status_code == 200
    obj = response.json()
    assert obj["status"] == {"phase": "Running"} and obj["spec"]["tenant"] == "t1"
    assert "labels" not in obj["metadata"] and obj["metadata"]["generation"] == 1
    assert httpx.put(url, json=body).status_code == 409  # the resourceVersion moved on


def test_injected_429_carries_retry_after_and_then_clears(k8s_api):
    k8s_api.create(job("a"))
    fault = k8s_api.server.call(
        lambda emu: emu.inject(
            429, times=2, method="PATCH", plural="scriptjobs", subresource="status", retry_after=2
        )
    )
    url = f"{k8s_api.url}{PATH}/a/status"
    headers = {"Content-Type": "application/merge-patch+json"}
    answers = [httpx.patch(url, json={"status": {"phase": "Running"}}, headers=headers) for _ in range(3)]
    assert [r.status_code for r in answers] == [429, 429, 200]
    assert answers[0].headers["Retry-After"] == "2"
    assert answers[0].json()["reason"] == "TooManyRequests" and answers[0].json()["details"] == {
        "retryAfterSeconds": 2
    }
    assert k8s_api.server.call(lambda _: fault.served) == 2
    assert k8s_api.get(SCRIPTJOBS, "a")["status"] == {"phase": "Running"}  # only the third was applied
    assert httpx.get(f"{k8s_api.url}{PATH}/a").status_code == 200  # other requests never matched


def test_injected_401_is_a_status_body(k8s_api):
    k8s_api.server.call(lambda emu: emu.inject(401, method="GET", plural="namespaces"))
    response = httpx.get(f"{k8s_api.url}/api/v1/namespaces/default")
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["reason"] == "Unauthorized"
    assert httpx.get(f"{k8s_api.url}/api/v1/namespaces/default").status_code == 200
