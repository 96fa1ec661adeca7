"""SSE behaviour that only a real server shows: deltas as the upstream emits them, disconnects."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid

import httpx

from script_agent.testing.gateway import KEYS, generate_body, read_sse
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

A = KEYS["a"].headers
STREAM = "/api/v1/generate/stream"


def sid() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


async def test_first_delta_arrives_long_before_the_last(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.script(Fault.trickle(0.15))  # 0.15 s between upstream chunks, ~13 chunks
    started = time.perf_counter()
    async with client.stream("POST", STREAM, json=generate_body(session_id=sid()), headers=A) as resp:
        assert resp.status_code == 200
        events = await read_sse(resp)
    deltas = [e for e in events if e.event == "delta"]
    assert len(deltas) >= 10
    first, last = deltas[0].at - started, deltas[-1].at - started
    # ~13 chunks 0.15 s apart upstream: a buffering gateway would deliver them all at once at the end
    assert last - first > 1.2, (
        f"deltas spread over only {last - first:.2f}s (first at {first:.2f}s): buffered?"
    )
    gaps = [b.at - a.at for a, b in itertools.pairwise(deltas)]
    assert sum(g > 0.08 for g in gaps) >= len(gaps) - 2, "deltas must arrive one by one, not in a burst"
    assert events[-1].event == "done"


async def test_disconnect_cancels_run_frees_lock_and_leaves_consistent_checkpoint(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    session = sid()
    body = generate_body(session_id=session)
    upstream.script(Fault.trickle(0.2))  # ~2.4 s upstream stream if left running
    async with client.stream("POST", STREAM, json=body, headers=A) as resp:
        events = await read_sse(resp, stop_after=6)  # 5 states, then the first delta
        assert events[-1].event == "delta"
    base = f"/api/v1/sessions/{session}/checkpoints"
    latest = None
    for _ in range(50):
        latest = (await client.get(f"{base}/latest", headers=A)).json()
        if latest.get("state") == "SCRIPT_GENERATING":
            break
        await asyncio.sleep(0.02)
    assert latest is not None and latest["state"] == "SCRIPT_GENERATING", latest  # the last finished state
    assert latest["status"] == "running" and latest["payload"]["draft"] is None  # no partial script kept
    # Had the run been left going, it would hold the lock until its ~2.4 s upstream stream ended and this
    # request (0.3 s lock wait) would get 409: a 200 here means the disconnect cancelled the run.
    resumed = await client.post("/api/v1/generate", json=body, headers=A)
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["resumed"] is True and resumed.json()["status"] == "completed"
    versions = [
        c["version"] for c in (await client.get(base, params={"limit": 100}, headers=A)).json()["items"]
    ]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)


async def test_stream_guard_errors_are_http_statuses(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    session = sid()
    upstream.script(Fault.trickle(0.1))
    running = asyncio.create_task(
        client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    )
    await asyncio.sleep(0.3)
    blocked = await client.post(STREAM, json=generate_body(session_id=session), headers=A)
    assert blocked.status_code == 409 and blocked.headers["content-type"] == "application/problem+json"
    assert blocked.json()["code"] == "lock_timeout"
    assert (await running).status_code == 200


async def test_a_failed_stream_ends_with_exactly_one_terminal_event(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.fault_for_model("base", Fault.http(503))
    session = sid()
    async with client.stream("POST", STREAM, json=generate_body(session_id=session), headers=A) as resp:
        assert resp.status_code == 200
        events = await read_sse(resp)
    terminal = [e for e in events if e.event in ("error", "done")]
    assert [e.event for e in terminal] == ["error"] and events[-1] is terminal[0]
    problem = terminal[0].data  # the body POST /generate answers the same failure with
    assert problem["code"] == "llm_unavailable" and problem["status"] == 502 and problem["layers"]
    assert problem["type"].endswith("/llm_unavailable") and problem["title"] and problem["detail"]
    assert problem["instance"] == STREAM and problem["trace_id"] == resp.headers["x-request-id"]
    assert problem["session_id"] == session and problem["state"] == "FAILED"
    assert events[-2].event == "state" and events[-2].data["state"] == "FAILED"
    assert terminal[0].id == f"{problem['checkpoint_version']}.error"


async def test_stream_replays_a_completed_idempotent_run(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    key = {"Idempotency-Key": f"idem-{uuid.uuid4().hex}"}
    first = await client.post("/api/v1/generate", json=generate_body(), headers={**A, **key})
    assert first.status_code == 200
    calls = len(upstream.chat_requests())
    async with client.stream("POST", STREAM, json=generate_body(), headers={**A, **key}) as resp:
        events = await read_sse(resp)
    assert [e.event for e in events] == ["done"]
    assert events[0].data["replayed"] is True and events[0].data["result"] == first.json()["result"]
    assert len(upstream.chat_requests()) == calls
