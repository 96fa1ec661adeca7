"""Sync and SSE generation through a real uvicorn server: happy paths and every error status."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from script_agent.testing.gateway import GOOD_REPLY, KEYS, generate_body, read_sse
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

A = KEYS["a"].headers
RATE_HEADERS = (
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
)


def sid() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


def assert_error(resp: httpx.Response, status: int, code: str) -> dict:
    """Every error is an RFC 9457 problem with the stable code and the trace id as extensions."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["code"] == code, body
    assert body["status"] == status and body["type"].endswith(f"/{code}") and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["instance"] == resp.request.url.path
    assert body["trace_id"] == resp.headers["x-request-id"]
    return body


async def test_sync_generate_returns_script_and_headers(client: httpx.AsyncClient) -> None:
    resp = await client.post(
        "/api/v1/generate",
        json=generate_body(session_id=sid()),
        headers={**A, "X-Request-ID": "trace-abc-123"},
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["x-request-id"] == "trace-abc-123"
    for name in RATE_HEADERS:
        assert name in resp.headers
    body = resp.json()
    assert body["status"] == "completed" and body["state"] == "COMPLETED"
    assert body["result"]["text"] == GOOD_REPLY
    assert body["result"]["backend"] and body["result"]["layer"].startswith("primary")
    assert body["result"]["quality"]["passed"] is True
    assert body["result"]["degraded"] is False
    assert body["trace_id"] == "trace-abc-123" and body["tenant"] == "tenant-a"
    assert "total" in body["timings_ms"]


async def test_stream_emits_state_delta_done_with_sync_shape(client: httpx.AsyncClient) -> None:
    async with client.stream(
        "POST", "/api/v1/generate/stream", json=generate_body(session_id=sid()), headers=A
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert "x-ratelimit-remaining-requests" in r.headers and r.headers["x-request-id"]
        events = await read_sse(r)
    kinds = [e.event for e in events]
    assert kinds[0] == "state" and kinds[-1] == "done"
    assert "delta" in kinds and "error" not in kinds
    assert kinds.index("delta") < kinds.index("done")
    assert "".join(e.data["text"] for e in events if e.event == "delta") == GOOD_REPLY
    states = [e.data["state"] for e in events if e.event == "state"]
    assert states[0] == "CONTEXT_LOADING" and states[-1] == "COMPLETED"
    done = events[-1].data
    assert set(done) >= {"trace_id", "session_id", "state", "status", "result", "timings_ms", "replayed"}
    assert done["result"]["text"] == GOOD_REPLY


async def test_idempotency_replay_mismatch_and_in_flight(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    key = {"Idempotency-Key": f"idem-{uuid.uuid4().hex}"}
    body = generate_body()
    first = await client.post("/api/v1/generate", json=body, headers={**A, **key})
    assert first.status_code == 200, first.text
    calls = len(upstream.chat_requests())
    replay = await client.post("/api/v1/generate", json=body, headers={**A, **key})
    assert replay.status_code == 200 and replay.json()["replayed"] is True
    assert replay.json()["result"] == first.json()["result"]
    assert len(upstream.chat_requests()) == calls, "a replay must not call the LLM"
    other = await client.post(
        "/api/v1/generate", json=generate_body(query="换一个写法"), headers={**A, **key}
    )
    assert_error(other, 422, "idempotency_mismatch")

    upstream.script(Fault.trickle(0.15))
    key2 = {"Idempotency-Key": f"idem-{uuid.uuid4().hex}"}
    running = asyncio.create_task(client.post("/api/v1/generate/stream", json=body, headers={**A, **key2}))
    await asyncio.sleep(0.3)
    clash = await client.post("/api/v1/generate", json=body, headers={**A, **key2})
    assert_error(clash, 409, "idempotency_in_flight")
    assert "x-ratelimit-remaining-requests" in clash.headers
    assert (await running).status_code == 200


async def test_lock_timeout_is_409(client: httpx.AsyncClient, upstream: FakeLLMUpstream) -> None:
    session = sid()
    upstream.script(Fault.trickle(0.1))  # ~2 s of streaming holds the session lock
    running = asyncio.create_task(
        client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    )
    await asyncio.sleep(0.3)
    blocked = await client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    assert_error(blocked, 409, "lock_timeout")
    assert blocked.headers["retry-after"] == "1"
    assert (await running).status_code == 200


async def test_upstream_exhaustion_is_502_with_layers(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.fault_for_model("base", Fault.http(503))
    resp = await client.post("/api/v1/generate", json=generate_body(session_id=sid()), headers=A)
    body = assert_error(resp, 502, "llm_unavailable")
    assert body["layers"], body
    assert body["state"] == "FAILED"
    assert "x-ratelimit-limit-requests" in resp.headers


async def test_upstream_deadline_is_504_with_layers(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.fault_for_model("base", Fault.slow_first_byte(6.0))  # beyond the 3 s LLM deadline
    resp = await client.post("/api/v1/generate", json=generate_body(session_id=sid()), headers=A)
    body = assert_error(resp, 504, "llm_timeout")
    assert body["layers"], body


async def test_validation_error_has_field_details(client: httpx.AsyncClient) -> None:
    resp = await client.post("/api/v1/generate", json={"scene": "nonsense", "length": 7}, headers=A)
    body = assert_error(resp, 422, "validation_error")
    locs = [tuple(f["loc"]) for f in body["errors"]]
    assert ("body", "scene") in locs and ("body", "length") in locs


async def test_body_over_cap_is_413_declared_and_chunked(client: httpx.AsyncClient) -> None:
    big = generate_body(query="好" * 20_000)
    declared = await client.post("/api/v1/generate", json=big, headers=A)
    assert_error(declared, 413, "payload_too_large")

    async def chunks():
        for _ in range(40):
            yield b" " * 1024  # whitespace: valid JSON padding, so only the cap can stop it

    chunked = await client.post(
        "/api/v1/generate", content=chunks(), headers={**A, "content-type": "application/json"}
    )
    assert "content-length" not in chunked.request.headers
    assert_error(chunked, 413, "payload_too_large")


async def test_tenant_in_body_must_match(client: httpx.AsyncClient) -> None:
    resp = await client.post("/api/v1/generate", json=generate_body(tenant="tenant-b"), headers=A)
    assert_error(resp, 403, "tenant_mismatch")
    ok = await client.post(
        "/api/v1/generate", json=generate_body(tenant="tenant-a", session_id=sid()), headers=A
    )
    assert ok.status_code == 200 and ok.json()["tenant"] == "tenant-a"


async def test_idempotency_key_must_be_visible_ascii(client: httpx.AsyncClient) -> None:
    """Found by schemathesis: a non-ASCII key in the body reached the upstream header and raised."""
    resp = await client.post("/api/v1/generate", json=generate_body(idempotency_key="键-1"), headers=A)
    body = assert_error(resp, 422, "validation_error")
    assert ["body", "idempotency_key"] in [f["loc"] for f in body["errors"]]
