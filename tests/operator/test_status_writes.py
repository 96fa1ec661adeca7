"""Coalesced status writes (coalesce.py) against the emulator: progress is written behind the step
loop and replaced while a write is in flight or its interval runs; decisions are written in line
and end that wait; errors of a write behind reach the job's next write."""

from __future__ import annotations

import asyncio

import kopf
import pytest
from scriptjob_operator.kube import JobGone, KubeClient

from script_agent.testing.k8s import SCRIPTJOBS

from .conftest import job


def progress(version: int) -> dict[str, object]:
    ready = {"type": "Ready", "status": "False", "reason": "Running", "message": f"v{version}"}
    return {"phase": "Running", "checkpointVersion": version, "conditions": [ready]}


def finished(version: int) -> dict[str, object]:
    ready = {"type": "Ready", "status": "True", "reason": "Completed", "message": "done"}
    return {"phase": "Succeeded", "checkpointVersion": version, "conditions": [ready]}


@pytest.fixture
def client(k8s_api):
    kube = KubeClient(5.0, progress_interval_s=0.0)  # the interval has a test of its own
    kube.configure(kopf.ConnectionInfo(server=k8s_api.url))
    return kube


def patches(k8s_api, name: str) -> int:
    return len(k8s_api.requests("PATCH", SCRIPTJOBS, name=name, subresource="status"))


async def test_progress_arriving_during_a_write_is_coalesced_and_the_end_is_written_in_line(k8s_api, client):
    k8s_api.create(job("a"))
    for version in range(1, 7):  # six states in less than one round trip
        assert await client.patch_status("default", "a", progress(version)) is None
        if version == 1:
            await asyncio.sleep(0)  # the write of v1 starts (and waits for the API server)
    written = await client.patch_status("default", "a", finished(7))

    assert written is not None and written["status"]["phase"] == "Succeeded"
    assert k8s_api.get(SCRIPTJOBS, "a")["status"]["checkpointVersion"] == 7
    # v1 went out at once, v2..v5 were replaced by v6, v6 was dropped for the final status
    assert patches(k8s_api, "a") == 2 and client.coalesced == 5
    await client.aclose()


async def test_slow_progress_is_written_state_by_state(k8s_api, client):
    k8s_api.create(job("a"))
    for version in range(1, 4):
        await client.patch_status("default", "a", progress(version))
        await k8s_api.await_object(
            SCRIPTJOBS, "a", lambda o, v=version: o.get("status", {}).get("checkpointVersion") == v
        )
    assert patches(k8s_api, "a") == 3 and client.coalesced == 0
    await client.aclose()


async def test_an_error_of_a_write_behind_is_raised_by_the_next_write(k8s_api, client):
    k8s_api.create(job("a"))
    await client.patch_status("default", "a", progress(1))
    await asyncio.sleep(0.2)
    k8s_api.delete(SCRIPTJOBS, "a")
    await client.patch_status("default", "a", progress(2))  # behind: the caller goes on
    await asyncio.sleep(0.2)
    with pytest.raises(JobGone):
        await client.patch_status("default", "a", progress(3))
    await client.aclose()


async def test_progress_within_the_interval_is_coalesced_and_an_in_line_write_ends_the_wait(k8s_api):
    kube = KubeClient(5.0, progress_interval_s=30.0)
    kube.configure(kopf.ConnectionInfo(server=k8s_api.url))
    k8s_api.create(job("a"))
    await kube.patch_status("default", "a", progress(1))  # the first of a burst goes out at once
    await k8s_api.await_object(SCRIPTJOBS, "a", lambda o: o.get("status", {}).get("checkpointVersion") == 1)
    assert not kube.settled("default", "a", k8s_api.get(SCRIPTJOBS, "a")["metadata"]["resourceVersion"])
    for version in (2, 3):  # within the interval: queued, the newest replacing the older
        await kube.patch_status("default", "a", progress(version))
    await asyncio.sleep(0.3)
    assert patches(k8s_api, "a") == 1

    loop = asyncio.get_running_loop()
    started = loop.time()
    written = await kube.patch_status("default", "a", finished(4))
    assert loop.time() - started < 5.0  # not the 30 s interval
    assert written is not None and written["status"]["checkpointVersion"] == 4
    # v2 replaced by v3, v3 dropped for the final status
    assert patches(k8s_api, "a") == 2 and kube.coalesced == 2
    # nothing pending, and the server holds what this client wrote last
    assert kube.settled("default", "a", written["metadata"]["resourceVersion"])
    await kube.aclose()
