"""CORS is off unless configured, and on exactly for the configured origins; the served OpenAPI
document describes what the server really sends (problem+json errors, SSE events, Location)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from script_agent.config.app import GatewaySettings
from script_agent.gateway.app import create_app
from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream

ORIGIN = "https://ops.example.com"
PREFLIGHT = {
    "Origin": ORIGIN,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "x-api-key, content-type, idempotency-key",
}


@pytest.fixture(scope="module")
def cors_gateway(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    gateway = GatewaySettings(max_body_bytes=8 * 1024, sse_ping_s=0, cors_allow_origins=[ORIGIN])
    server = ServerThread(gateway_settings(upstream.url, gateway=gateway)).start()
    yield server
    server.stop()


async def test_cors_is_off_by_default(client: httpx.AsyncClient) -> None:
    preflight = await client.options("/api/v1/generate", headers=PREFLIGHT)
    assert "access-control-allow-origin" not in preflight.headers
    simple = await client.get("/api/v1/sessions", headers={**KEYS["a"].headers, "Origin": ORIGIN})
    assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers


async def test_configured_origin_passes_preflight_and_reads_headers(cors_gateway: ServerThread) -> None:
    async with httpx.AsyncClient(base_url=cors_gateway.url, timeout=10) as client:
        preflight = await client.options("/api/v1/generate", headers=PREFLIGHT)
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == ORIGIN
        allowed = preflight.headers["access-control-allow-headers"].lower()
        assert {"x-api-key", "content-type", "idempotency-key"} <= {h.strip() for h in allowed.split(",")}
        assert "access-control-allow-credentials" not in preflight.headers  # header auth, no cookies
        resp = await client.get("/api/v1/sessions", headers={**KEYS["a"].headers, "Origin": ORIGIN})
        assert resp.headers["access-control-allow-origin"] == ORIGIN
        exposed = resp.headers["access-control-expose-headers"].lower()
        assert "x-request-id" in exposed and "x-ratelimit-remaining-tokens" in exposed
        denied = await client.options(
            "/api/v1/generate", headers={**PREFLIGHT, "Origin": "https://evil.test"}
        )
        assert denied.status_code == 400 and "access-control-allow-origin" not in denied.headers
        # errors written below the routes (413 from the middleware) are readable cross-origin too
        big = await client.post(
            "/api/v1/sessions",
            content=b"{" + b" " * 9000 + b"}",
            headers={**KEYS["a"].headers, "Origin": ORIGIN, "content-type": "application/json"},
        )
        assert big.status_code == 413 and big.headers["access-control-allow-origin"] == ORIGIN


def test_an_origin_that_can_never_match_refuses_to_start() -> None:
    for bad in ("ops.example.com", "https://ops.example.com/app", "https://"):
        gateway = GatewaySettings(cors_allow_origins=[bad])
        with pytest.raises(ValueError, match="CORS"):
            create_app(gateway_settings(None, gateway=gateway))


def _spec() -> dict:
    return create_app(gateway_settings(None)).openapi()


def test_every_error_response_is_documented_as_problem_json() -> None:
    spec = _spec()
    seen = 0
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                if path == "/api/v1/health" and status == "503":
                    continue  # readiness answers 503 with its health report, not with a problem
                if status.isdigit() and int(status) >= 400:
                    seen += 1
                    assert list(response["content"]) == ["application/problem+json"], (method, path, status)
                    assert response["content"]["application/problem+json"]["schema"] == {
                        "$ref": "#/components/schemas/Problem"
                    }
    assert seen > 30
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code", "trace_id"} <= set(problem["required"])
    assert problem.get("additionalProperties") is True  # condition facts travel as extension members


def test_stream_documents_each_event_and_create_its_location() -> None:
    spec = _spec()
    ok = spec["paths"]["/api/v1/generate/stream"]["post"]["responses"]["200"]
    assert list(ok["content"]) == ["text/event-stream"]
    assert set(ok["content"]["text/event-stream"]["schema"]) == {"oneOf"}  # one object per event
    events = ok["content"]["text/event-stream"]["schema"]["oneOf"]
    names = {
        e["properties"]["event"]["const"]: e["properties"]["data"]["contentSchema"]["$ref"] for e in events
    }
    assert set(names) == {"state", "delta", "reset", "done", "error"}
    for ref in names.values():
        assert ref.rsplit("/", 1)[1] in spec["components"]["schemas"]
    assert (
        names["done"]
        == spec["paths"]["/api/v1/generate"]["post"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]["$ref"]
    )
    created = spec["paths"]["/api/v1/sessions"]["post"]["responses"]["201"]
    assert created["headers"]["Location"]["required"] is True
    params = {p["name"] for p in spec["paths"]["/api/v1/generate/stream"]["post"]["parameters"]}
    assert "Last-Event-ID" in params
