"""429s with Retry-After and x-ratelimit-* headers, for both dimensions; reservations are reconciled."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from script_agent.config.state import RateLimitSettings
from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings, generate_body
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault


@pytest.fixture(scope="module")
def gateway(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    limits = RateLimitSettings(qps=0.5, burst=2, tokens_per_minute=2000)
    server = ServerThread(gateway_settings(upstream.url, rate_limit=limits)).start()
    yield server
    server.stop()


async def test_request_rate_rejects_with_retry_after(client: httpx.AsyncClient) -> None:
    headers = KEYS["c"].headers
    statuses = []
    for _ in range(3):
        resp = await client.post("/api/v1/generate", json=generate_body(), headers=headers)
        statuses.append(resp.status_code)
    assert statuses == [200, 200, 429]
    assert resp.json()["code"] == "rate_limited"
    assert resp.json()["dimension"] == "qps"
    assert int(resp.headers["retry-after"]) >= 1
    assert resp.headers["x-ratelimit-limit-requests"] == "2"
    assert resp.headers["x-ratelimit-remaining-requests"] == "0"
    assert resp.headers["x-ratelimit-limit-tokens"] == "2000"
    assert resp.headers["x-request-id"]


async def test_token_budget_is_reserved_then_refunded(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    headers = KEYS["d"].headers
    big = generate_body(llm={"max_tokens": 1500})  # estimate 600 + 1500: the whole minute's budget
    upstream.script(Fault.trickle(0.05))
    running = asyncio.create_task(client.post("/api/v1/generate", json=big, headers=headers))
    await asyncio.sleep(0.3)
    rejected = await client.post("/api/v1/generate", json=big, headers=headers)
    assert rejected.status_code == 429
    assert rejected.json()["dimension"] == "tokens"
    assert int(rejected.headers["x-ratelimit-remaining-tokens"]) < 100  # refills at 33 tokens/s
    assert (await running).status_code == 200
    await asyncio.sleep(2.1)  # one request interval at 0.5 qps
    again = await client.post("/api/v1/generate", json=big, headers=headers)
    assert again.status_code == 200, "the unused reservation must have been refunded"
