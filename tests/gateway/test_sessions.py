"""Sessions and checkpoints: CRUD, pagination, and tenant isolation (another tenant's data is a 404)."""

from __future__ import annotations

import uuid

import httpx

from script_agent.testing.gateway import KEYS, generate_body

A, B = KEYS["a"].headers, KEYS["b"].headers


def sid() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


async def test_session_crud(client: httpx.AsyncClient) -> None:
    session = sid()
    created = await client.post("/api/v1/sessions", json={"id": session}, headers=A)
    assert created.status_code == 201 and created.json()["version"] == 1
    again = await client.post("/api/v1/sessions", json={"id": session}, headers=A)
    assert again.status_code == 409 and again.json()["code"] == "session_conflict"
    generated = await client.post("/api/v1/sessions", json={}, headers=A)
    assert generated.status_code == 201 and generated.json()["id"].startswith("s-")
    got = await client.get(f"/api/v1/sessions/{session}", headers=A)
    assert got.status_code == 200 and got.json()["tenant"] == "tenant-a"
    listed = await client.get("/api/v1/sessions", params={"limit": 200}, headers=A)
    ids = {s["id"] for s in listed.json()["items"]}
    assert {session, generated.json()["id"]} <= ids
    assert (await client.delete(f"/api/v1/sessions/{session}", headers=A)).status_code == 204
    assert (await client.get(f"/api/v1/sessions/{session}", headers=A)).status_code == 404
    assert (await client.delete(f"/api/v1/sessions/{session}", headers=A)).status_code == 404


async def test_other_tenant_sees_nothing(client: httpx.AsyncClient) -> None:
    session = sid()
    run = await client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)
    assert run.status_code == 200
    assert (await client.get(f"/api/v1/sessions/{session}", headers=A)).status_code == 200
    for path in (
        f"/api/v1/sessions/{session}",
        f"/api/v1/sessions/{session}/checkpoints",
        f"/api/v1/sessions/{session}/checkpoints/latest",
        f"/api/v1/sessions/{session}/checkpoints/1",
    ):
        resp = await client.get(path, headers=B)
        assert resp.status_code == 404, path
        assert resp.json()["code"] == "not_found"
    assert (await client.delete(f"/api/v1/sessions/{session}", headers=B)).status_code == 404
    listed = await client.get("/api/v1/sessions", params={"limit": 200}, headers=B)
    assert session not in {s["id"] for s in listed.json()["items"]}
    body_claim = await client.post("/api/v1/sessions", json={"tenant": "tenant-a"}, headers=B)
    assert body_claim.status_code == 403 and body_claim.json()["code"] == "tenant_mismatch"


async def test_checkpoints_paginate_newest_first(client: httpx.AsyncClient) -> None:
    session = sid()
    run = (await client.post("/api/v1/generate", json=generate_body(session_id=session), headers=A)).json()
    final = run["checkpoint_version"]
    base = f"/api/v1/sessions/{session}/checkpoints"
    page1 = (await client.get(base, params={"limit": 3}, headers=A)).json()
    assert [c["version"] for c in page1["items"]] == [final, final - 1, final - 2]
    assert page1["next_before"] == final - 2
    page2 = (await client.get(base, params={"limit": 3, "before": page1["next_before"]}, headers=A)).json()
    assert [c["version"] for c in page2["items"]] == [final - 3, final - 4, final - 5]
    everything = (await client.get(base, params={"limit": 100}, headers=A)).json()
    assert [c["version"] for c in everything["items"]] == list(range(final, 0, -1))
    assert everything["next_before"] is None
    assert everything["items"][-1]["state"] == "CONTEXT_LOADING"
    latest = (await client.get(f"{base}/latest", headers=A)).json()
    assert latest["version"] == final and latest["state"] == "COMPLETED"
    assert latest["payload"]["result"]["text"] == run["result"]["text"]
    assert latest["trace_id"] == run["trace_id"] and len(latest["checksum"]) == 64
    one = await client.get(f"{base}/2", headers=A)
    assert one.status_code == 200 and one.json()["version"] == 2
    assert (await client.get(f"{base}/{final + 10}", headers=A)).status_code == 404
    assert (await client.get(f"{base}/0", headers=A)).status_code == 422
    assert (await client.get(f"/api/v1/sessions/{sid()}/checkpoints", headers=A)).status_code == 404
