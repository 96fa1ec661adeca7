"""The operator's API client (lightkube) against the emulator over HTTP: typed errors, conditional status
writes that never move a job backwards, Retry-After, and logging in again after a 401."""

from __future__ import annotations

import kopf
import pytest
from scriptjob_operator.kube import (
    JobGone,
    KubeClient,
    KubeError,
    StatusSuperseded,
    TooManyRequests,
    Unauthorized,
    retry_after_s,
)

from script_agent.testing.k8s import SCRIPTJOBS

from .conftest import job

T0, T1 = "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z"


def ready(status: str, reason: str, when: str) -> dict[str, str]:
    return {"type": "Ready", "status": status, "reason": reason, "message": "", "lastTransitionTime": when}


@pytest.fixture
def client(k8s_api):
    kube = KubeClient(5.0, retry_after_cap_s=0.5)
    kube.configure(kopf.ConnectionInfo(server=k8s_api.url))
    return kube


def status_patches(k8s_api, name: str) -> int:
    return len(k8s_api.requests("PATCH", SCRIPTJOBS, name=name, subresource="status"))


async def test_every_status_patch_carries_the_resource_version_it_was_computed_from(k8s_api, client):
    k8s_api.create(job("a"))
    read = await client.get_status("default", "a")
    written = await client.patch_status("default", "a", {"phase": "Running", "checkpointVersion": 1})
    assert written["status"]["phase"] == "Running"
    assert int(written["metadata"]["resourceVersion"]) > int(read["metadata"]["resourceVersion"])
    again = await client.patch_status("default", "a", {"phase": "Running", "checkpointVersion": 2})
    assert again["status"]["checkpointVersion"] == 2
    assert client.calls["conflicts"] == 0 and client.calls["get_status"] == 1  # versions chain, no re-reads
    await client.aclose()


async def test_a_conflict_is_re_read_and_re_merged_with_conditions_by_type(k8s_api, client):
    k8s_api.create(job("a"))
    await client.patch_status("default", "a", {"phase": "Running", "checkpointVersion": 1})
    # Someone else writes meanwhile (another controller's condition, same checkpoint): our version is stale.
    other = {"type": "Audited", "status": "True", "reason": "Seen", "message": "", "lastTransitionTime": T0}
    k8s_api.patch(
        SCRIPTJOBS,
        "a",
        {"status": {"conditions": [ready("False", "Pending", T0), other]}},
        subresource="status",
    )
    # (Retrying: written in line; progress statuses are written behind, see test_status_writes.py)
    ours = {"phase": "Running", "checkpointVersion": 2, "conditions": [ready("False", "Retrying", T1)]}
    written = await client.patch_status("default", "a", ours)

    # ours, the other writer's, our 409, our retry
    assert client.calls["conflicts"] == 1 and status_patches(k8s_api, "a") == 4
    conditions = {c["type"]: c for c in written["status"]["conditions"]}
    assert set(conditions) == {"Ready", "Audited"}  # merged by type: the other writer's condition stays
    assert conditions["Ready"]["lastTransitionTime"] == T0  # status did not flip: the server's time stays
    assert written["status"]["checkpointVersion"] == 2
    await client.aclose()


@pytest.mark.parametrize(
    "newer",
    [
        {"phase": "Running", "checkpointVersion": 5, "attempts": 1},  # a later checkpoint
        {"phase": "Running", "checkpointVersion": 3, "attempts": 2},  # more attempts used
        {"phase": "Succeeded", "checkpointVersion": 3, "attempts": 1},  # already finished
    ],
)
async def test_a_stale_writer_never_overwrites_a_newer_status(k8s_api, client, newer):
    k8s_api.create(job("a"))
    await client.patch_status("default", "a", {"phase": "Running", "checkpointVersion": 2, "attempts": 1})
    k8s_api.patch(SCRIPTJOBS, "a", {"status": newer}, subresource="status")  # e.g. another replica
    with pytest.raises(StatusSuperseded):
        await client.patch_status("default", "a", {"phase": "Running", "checkpointVersion": 3, "attempts": 1})
    assert k8s_api.get(SCRIPTJOBS, "a")["status"] == newer
    await client.aclose()


async def test_a_deleted_job_is_job_gone(k8s_api, client):
    with pytest.raises(JobGone):
        await client.get_status("default", "missing")
    with pytest.raises(JobGone):
        await client.patch_status("default", "missing", {"phase": "Running"})
    with pytest.raises(JobGone):
        await client.get_namespace("nowhere")
    await client.delete("default", "missing", "some-uid")  # already gone: nothing to do
    await client.aclose()


async def test_delete_is_conditional_on_the_uid(k8s_api, client):
    uid = k8s_api.create(job("a"))["metadata"]["uid"]
    with pytest.raises(KubeError) as exc:
        await client.delete("default", "a", "another-uid")  # a re-created job of the same name
    assert exc.value.status == 409 and k8s_api.find(SCRIPTJOBS, "a") is not None
    await client.delete("default", "a", uid)
    assert k8s_api.find(SCRIPTJOBS, "a") is None
    await client.aclose()


async def test_429_waits_for_retry_after_then_succeeds(k8s_api, client):
    k8s_api.create(job("a"))
    k8s_api.server.call(
        lambda emu: emu.inject(429, times=2, method="PATCH", subresource="status", retry_after=0.1)
    )
    written = await client.patch_status("default", "a", {"phase": "Running"})
    assert written["status"]["phase"] == "Running" and client.calls["throttled"] == 2
    await client.aclose()


async def test_429_beyond_the_retry_budget_is_too_many_requests(k8s_api, client):
    k8s_api.server.call(
        lambda emu: emu.inject(429, times=10, method="GET", plural="namespaces", retry_after=30)
    )
    with pytest.raises(TooManyRequests) as exc:
        await client.get_namespace("default")
    assert exc.value.retry_after == 0.5  # the server asked for 30 s: capped
    assert client.calls["throttled"] == 3
    await client.aclose()


def test_retry_after_parsing_is_bounded():
    assert retry_after_s({"retry-after": "3"}, cap=10) == 3
    assert retry_after_s({"retry-after": "3600"}, cap=10) == 10
    assert retry_after_s({"retry-after": "-5"}, cap=10) == 0
    assert retry_after_s({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, cap=10) == 0  # in the past
    assert retry_after_s({}, cap=10) == 1


async def test_401_logs_in_again_once(k8s_api):
    logins: list[str] = []

    async def relogin() -> kopf.ConnectionInfo:
        logins.append("again")
        return kopf.ConnectionInfo(server=k8s_api.url, token="rotated")

    kube = KubeClient(5.0)
    kube.configure(kopf.ConnectionInfo(server=k8s_api.url, token="expired"), relogin=relogin)
    k8s_api.server.call(lambda emu: emu.inject(401, method="GET", plural="namespaces"))
    namespace = await kube.get_namespace("default")
    assert namespace["metadata"]["name"] == "default" and logins == ["again"]

    k8s_api.server.call(lambda emu: emu.inject(401, times=5, method="GET", plural="namespaces"))
    with pytest.raises(Unauthorized):
        await kube.get_namespace("default")  # still refused after one new login: give up
    assert logins == ["again", "again"]
    await kube.aclose()


async def test_transport_errors_and_missing_login_are_kube_errors(k8s_api):
    kube = KubeClient(1.0)
    with pytest.raises(KubeError) as exc:
        await kube.get_status("default", "a")
    assert exc.value.status == 0 and "not logged in" in exc.value.message
    kube.configure(kopf.ConnectionInfo(server="http://127.0.0.1:9"))  # nothing listens there
    with pytest.raises(KubeError) as exc:
        await kube.get_status("default", "a")
    assert exc.value.status == 0
    await kube.aclose()
