"""Trace ids through the LLM client: shared in-flight calls, and one DEBUG line per upstream call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry
from script_agent.llm.client import LLMServiceClient
from script_agent.llm.factory import build_client
from script_agent.observability.logging import bound_trace_id
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault
from tests.llm.conftest import BASE_MODEL, settings_for
from tests.llm.support import StubLastResort, collect, request

BACKEND_LOGGER = "script_agent.llm.backends.base"


@pytest.fixture(scope="module")
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(models={BASE_MODEL}) as server:
        yield server


@pytest.fixture
async def client(upstream: FakeLLMUpstream) -> AsyncIterator[LLMServiceClient]:
    upstream.reset()
    made = build_client(
        settings_for(upstream.url, None, max_retries=0),
        last_resort=StubLastResort(),
        breakers=BreakerRegistry(BreakerPolicy()),
    )
    yield made
    await made.aclose()


async def test_upstream_calls_are_debug_lines_and_httpx_stays_quiet_at_info(json_logs, client) -> None:
    lines = json_logs("INFO")
    with bound_trace_id("trace-info"):
        await client.generate(request(category=None))
    assert [line for line in lines() if line["logger"].startswith(("httpx", BACKEND_LOGGER))] == []

    lines = json_logs("DEBUG")
    with bound_trace_id("trace-debug"):
        await client.generate(request("第二次", category=None))
    calls = [line for line in lines() if line["logger"] == BACKEND_LOGGER]
    assert len(calls) == 1 and calls[0]["level"] == "DEBUG"
    assert "POST http://127.0.0.1:" in calls[0]["msg"] and "/v1/chat/completions -> 200" in calls[0]["msg"]
    assert calls[0]["trace_id"] == "trace-debug"
    assert not [line for line in lines() if line["logger"].startswith("httpx") and line["level"] == "INFO"]


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_a_shared_in_flight_call_logs_under_its_starter_and_the_joiner_says_so(
    json_logs, client, upstream: FakeLLMUpstream, mode: str
) -> None:
    lines = json_logs("DEBUG")
    upstream.script(Fault.slow_first_byte(0.3))

    async def caller(trace: str, delay: float) -> str:
        await asyncio.sleep(delay)
        with bound_trace_id(trace):
            req = request("同一个请求", category=None)
            result = await client.generate(req) if mode == "sync" else (await collect(client.stream(req)))[1]
            logging.getLogger("script_agent.test").info("caller finished")
            return result.text

    first, second = await asyncio.gather(caller("trace-first", 0), caller("trace-second", 0.05))
    assert first == second and len(upstream.chat_requests()) == 1, "one upstream call for both"
    out = lines()
    (call,) = [line for line in out if line["logger"] == BACKEND_LOGGER]
    assert call["trace_id"] == "trace-first"
    (joined,) = [line for line in out if "sharing the identical in-flight" in line["msg"]]
    assert joined["trace_id"] == "trace-second" and "trace-first" in joined["msg"]
    finished = sorted(line["trace_id"] for line in out if line["msg"] == "caller finished")
    assert finished == ["trace-first", "trace-second"], "each caller keeps its own id afterwards"
