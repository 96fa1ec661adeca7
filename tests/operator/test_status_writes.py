"""Coalesced status writes (coalesce.py) against the emulator: progress is written behind the step
loop and replaced while a write is in flight; decisions are written in line; errors of a write
behind reach the job's next write."""

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
    kube = KubeClient(5.0)
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
