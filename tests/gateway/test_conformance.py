"""HTTP semantics a generic client relies on (RFC 9110 / 9457), through a real uvicorn server."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from script_agent.testing.gateway import KEYS, generate_body
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

A = KEYS["a"].headers
PROBLEM = "application/problem+json"


def sid() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


def assert_problem(resp: httpx.Response, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == PROBLEM
    body = resp.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith(f"/{code}") and body["title"] and body["detail"]
    assert body["trace_id"] == resp.headers["x-request-id"]
    return body


async def test_malformed_json_is_400_on_every_body_route(client: httpx.AsyncClient) -> None:
    json_type = {**A, "content-type": "application/json"}
    for path in ("/api/v1/generate", "/api/v1/generate/stream", "/api/v1/sessions"):
        for raw in (b"{not json", b'{"query": "\xff\xfe"}', b'{"id": "s-1"'):
            resp = await client.post(path, content=raw, headers=json_type)
            assert_problem(resp, 400, "malformed_json")
    # JSON that parses but does not fit the schema stays a 422: the two are different mistakes
    assert_problem(await client.post("/api/v1/sessions", json={"id": 7}, headers=A), 422, "validation_error")


async def test_a_body_that_is_not_json_is_415(client: httpx.AsyncClient) -> None:
    body = b'{"query": "x", "product": {"name": "n"}}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml", None):
        headers = {**A, **({"content-type": content_type} if content_type else {})}
        resp = await client.post("/api/v1/generate", content=body, headers=headers)
        problem = assert_problem(resp, 415, "unsupported_media_type")
        assert resp.headers["accept-post"] == "application/json"
        assert problem["accepted"] == ["application/json"]
    # +json suffixes and parameters are JSON
    ok = await client.post(
        "/api/v1/sessions", content=b"{}", headers={**A, "content-type": "application/json; charset=utf-8"}
    )
    assert ok.status_code == 201, ok.text


async def test_unauthenticated_comes_before_media_type(client: httpx.AsyncClient) -> None:
    resp = await client.post("/api/v1/generate", content=b"x", headers={"content-type": "text/plain"})
    assert_problem(resp, 401, "unauthenticated")


async def test_405_allow_lists_every_method_of_the_path(client: httpx.AsyncClient) -> None:
    cases = {
        "/api/v1/sessions": {"GET", "POST"},  # two routes, one path
        f"/api/v1/sessions/{sid()}": {"GET", "DELETE"},
        "/api/v1/generate": {"POST"},
        f"/api/v1/sessions/{sid()}/checkpoints/latest": {"GET"},
    }
    for path, methods in cases.items():
        resp = await client.request("PUT", path, headers=A)
        assert_problem(resp, 405, "method_not_allowed")
        assert {m.strip() for m in resp.headers["allow"].split(",")} == methods, path


async def test_create_is_201_with_a_location_that_serves_the_session(client: httpx.AsyncClient) -> None:
    wanted = sid()
    created = await client.post("/api/v1/sessions", json={"id": wanted}, headers=A)
    assert created.status_code == 201
    assert created.headers["location"] == f"/api/v1/sessions/{wanted}"
    fetched = await client.get(created.headers["location"], headers=A)
    assert fetched.status_code == 200 and fetched.json()["id"] == wanted
    generated = await client.post("/api/v1/sessions", json={}, headers=A)
    assert generated.headers["location"] == f"/api/v1/sessions/{generated.json()['id']}"


async def test_unknown_route_and_middleware_errors_are_problems(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/api/v1/nope", headers=A), 404, "not_found")
    assert body["instance"] == "/api/v1/nope"
    too_big = await client.post(
        "/api/v1/sessions",
        content=b"{" + b" " * 9000 + b"}",
        headers={**A, "content-type": "application/json"},
    )
    assert assert_problem(too_big, 413, "payload_too_large")["limit_bytes"] == 8 * 1024


async def test_delete_session_deletes_its_checkpoints(client: httpx.AsyncClient) -> None:
    session = sid()
    run = await client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    assert run.status_code == 200, run.text
    base = f"/api/v1/sessions/{session}/checkpoints"
    version = run.json()["checkpoint_version"]
    assert (await client.get(f"{base}/{version}", headers=A)).status_code == 200
    assert (await client.delete(f"/api/v1/sessions/{session}", headers=A)).status_code == 204
    for path in (base, f"{base}/latest", f"{base}/{version}", f"{base}/1"):
        assert_problem(await client.get(path, headers=A), 404, "not_found")
    assert_problem(await client.delete(f"/api/v1/sessions/{session}", headers=A), 404, "not_found")


async def test_delete_waits_for_a_running_generation(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    """A delete racing a run would leave the run writing checkpoints into a deleted session."""
    session = sid()
    upstream.script(Fault.trickle(0.1))  # ~2 s of streaming holds the session lock
    running = asyncio.create_task(
        client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    )
    await asyncio.sleep(0.3)
    busy = await client.delete(f"/api/v1/sessions/{session}", headers=A)
    assert_problem(busy, 409, "lock_timeout")
    assert busy.headers["retry-after"] == "1"
    assert (await running).status_code == 200
    assert (await client.delete(f"/api/v1/sessions/{session}", headers=A)).status_code == 204
    assert (await client.get(f"/api/v1/sessions/{session}/checkpoints/latest", headers=A)).status_code == 404


async def test_an_upstream_status_never_replaces_the_problem_status(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.fault_for_model("base", Fault.http(401))  # the model server refuses our credentials
    resp = await client.post("/api/v1/generate", json=generate_body(session_id=sid()), headers=A)
    body = assert_problem(resp, 502, "llm_fatal")
    assert body["title"] == "LLM fatal" and body["context"] == {"status": 401}
    assert body["state"] == "FAILED" and body["session_id"]
