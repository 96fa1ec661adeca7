"""Health (200 / 503 per component), Prometheus metrics by route template, trace ids everywhere."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from script_agent.config.state import RedisSettings
from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings, generate_body
from script_agent.testing.llm_upstream import FakeLLMUpstream, closed_port_url

A = KEYS["a"].headers


async def test_health_lists_components(client: httpx.AsyncClient) -> None:
    resp = await client.get("/api/v1/health")
    assert resp.status_code == 200
    report = resp.json()
    assert report["status"] in ("ok", "degraded")
    names = {c["name"] for c in report["components"]}
    assert {"sessions", "checkpoints", "lock", "rate_limit", "idempotency"} <= names
    assert any(n.startswith("llm") for n in names), names
    for component in report["components"]:
        assert {"status", "latency_ms", "detail", "required", "fail_mode"} <= set(component)
    assert (await client.get("/api/v1/health/live")).json() == {"status": "ok"}


async def test_metrics_use_route_templates(client: httpx.AsyncClient) -> None:
    session = f"s-{uuid.uuid4().hex[:12]}"
    await client.get(f"/api/v1/sessions/{session}", headers=A)
    await client.get(f"/no/such/{session}")
    async with client.stream("POST", "/api/v1/generate/stream", json=generate_body(), headers=A) as r:
        await r.aread()
    text = (await client.get("/metrics")).text
    assert (
        'script_agent_http_requests_total{method="GET",route="/api/v1/sessions/{session_id}",status="404"}'
        in text
    )
    assert 'route="unmatched"' in text
    assert session not in text, "raw paths must never become labels"
    assert "script_agent_http_time_to_first_delta_seconds_count" in text
    assert "script_agent_http_requests_in_flight" in text
    assert "script_agent_rate_limit_decisions_total" in text


async def test_every_response_has_a_trace_id(client: httpx.AsyncClient) -> None:
    for resp in (
        await client.get("/api/v1/health"),
        await client.get("/metrics"),
        await client.get("/nowhere"),
        await client.get("/api/v1/sessions"),
        await client.post(
            "/api/v1/generate", content=b"[]", headers={**A, "content-type": "application/json"}
        ),
    ):
        assert len(resp.headers["x-request-id"]) >= 8, resp.request.url
    bad = await client.get("/api/v1/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert bad.headers["x-request-id"] != "bad id\twith spaces"


@pytest.fixture(scope="module")
def redis_down(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    redis = RedisSettings(url=SecretStr(closed_port_url().replace("http", "redis")), connect_timeout_s=0.2)
    server = ServerThread(gateway_settings(upstream.url, redis=redis)).start()
    yield server
    server.stop()


async def test_redis_down_is_503_not_500(redis_down: ServerThread) -> None:
    async with httpx.AsyncClient(base_url=redis_down.url, timeout=10) as c:
        health = await c.get("/api/v1/health")
        assert health.status_code == 503 and health.json()["status"] == "down"
        down = {x["name"] for x in health.json()["components"] if x["status"] == "down"}
        assert {"sessions", "checkpoints", "lock"} <= down
        for method, path, body in (
            ("POST", "/api/v1/generate", generate_body()),
            ("GET", "/api/v1/sessions", None),
            ("POST", "/api/v1/sessions", {}),
            ("GET", "/api/v1/sessions/s-1/checkpoints/latest", None),
        ):
            resp = await c.request(method, path, json=body, headers=A)
            assert resp.status_code == 503, (path, resp.text)
            assert resp.json()["code"] == "store_unavailable"
            assert resp.headers["retry-after"] == "1"


async def test_upstream_down_without_last_resort_is_not_ready(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    """These gateways run without the template last resort, so the primary upstream is required."""
    upstream.health_status = 503
    resp = await client.get("/api/v1/health")
    assert resp.status_code == 503 and resp.json()["status"] == "down"
    llm = [c for c in resp.json()["components"] if c["name"].startswith("llm")]
    assert any(c["status"] == "down" and c["required"] for c in llm), llm
    upstream.health_status = 200
    assert (await client.get("/api/v1/health")).status_code == 200


async def test_method_labels_stay_bounded_whatever_the_client_sends(client: httpx.AsyncClient) -> None:
    for method in ("PROPFIND", "QUERY", "PUT"):  # methods the HTTP parser lets through to the app
        assert (await client.request(method, "/api/v1/sessions", headers=A)).status_code == 405
    text = (await client.get("/metrics")).text
    assert 'method="PROPFIND"' not in text and 'method="QUERY"' not in text
    assert 'script_agent_http_requests_total{method="OTHER",route="unmatched",status="405"}' in text
    assert 'script_agent_http_requests_total{method="PUT",route="unmatched",status="405"}' in text
    assert 'method="PUT",route="/api/v1/sessions"' not in text  # no operation is PUT /api/v1/sessions
