from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from script_agent.testing.gateway import GOOD_REPLY, ServerThread, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream


@pytest.fixture(scope="session")
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(reply=GOOD_REPLY, chunk_chars=8) as up:
        yield up


@pytest.fixture(autouse=True)
def _clean_upstream(upstream: FakeLLMUpstream) -> None:
    upstream.reset()


@pytest.fixture(scope="module")
def gateway(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    server = ServerThread(gateway_settings(upstream.url)).start()
    yield server
    server.stop()


@pytest.fixture
async def client(gateway: ServerThread) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=gateway.url, timeout=15) as c:
        yield c
