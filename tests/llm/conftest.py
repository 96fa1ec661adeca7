"""Fixtures: two real fake upstreams on loopback (an OpenAI-compatible primary, an Ollama fallback),
and a client factory with small timeouts so that no test can hang."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from script_agent.config.llm import LLMSettings
from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry
from script_agent.llm.client import LLMServiceClient
from script_agent.llm.factory import build_client
from script_agent.testing.llm_upstream import FakeLLMUpstream
from tests.llm.support import StubLastResort

BASE_MODEL = "qwen-base"
BEAUTY_MODEL = "beauty-lora"
FALLBACK_MODEL = "qwen2.5:7b"

FAST: dict[str, Any] = {
    "max_retries": 2,
    "backoff_base_s": 0.01,
    "backoff_max_s": 0.04,
    "retry_after_max_s": 0.5,
    "deadline_s": 5.0,
    "sync_connect_timeout_s": 0.5,
    "sync_read_timeout_s": 0.8,
    "sync_total_timeout_s": 1.0,
    "stream_connect_timeout_s": 0.5,
    "stream_first_chunk_timeout_s": 0.6,
    "stream_idle_timeout_s": 0.5,
    "stream_total_timeout_s": 3.0,
    "breaker_failure_rate": 0.5,
    "breaker_window_s": 30.0,
    "breaker_min_calls": 4,
    "breaker_cooldown_s": 0.3,
    "breaker_half_open_probes": 1,
    "health_timeout_s": 1.0,
}


@pytest.fixture(scope="session")
def primary_server() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(models={BASE_MODEL, BEAUTY_MODEL}) as server:
        yield server


@pytest.fixture(scope="session")
def fallback_server() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(models={FALLBACK_MODEL}) as server:
        yield server


@pytest.fixture
def primary(primary_server: FakeLLMUpstream) -> FakeLLMUpstream:
    primary_server.reset()
    return primary_server


@pytest.fixture
def fallback(fallback_server: FakeLLMUpstream) -> FakeLLMUpstream:
    fallback_server.reset()
    return fallback_server


def settings_for(primary_url: str, fallback_url: str | None, **overrides: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "primary_backend": "openai",
        "primary_base_url": primary_url,
        "primary_model": BASE_MODEL,
        "primary_category_models": {"美妆": BEAUTY_MODEL},
        "fallback_backend": "ollama",
        "fallback_base_url": fallback_url,
        "fallback_model": FALLBACK_MODEL,
        **FAST,
        **overrides,
    }
    return LLMSettings(**values)


ClientFactory = Callable[..., LLMServiceClient]


@pytest.fixture
async def make_client(primary: FakeLLMUpstream, fallback: FakeLLMUpstream) -> AsyncIterator[ClientFactory]:
    """make_client(**settings_overrides, last_resort=..., breakers=...) with a fresh breaker registry."""
    made: list[LLMServiceClient] = []

    def factory(*, last_resort: Any = "stub", breakers: BreakerRegistry | None = None, **overrides: Any):
        settings = settings_for(primary.url, fallback.url, **overrides)
        policy = BreakerPolicy(
            failure_rate=settings.breaker_failure_rate,
            window_s=settings.breaker_window_s,
            min_calls=settings.breaker_min_calls,
            cooldown_s=settings.breaker_cooldown_s,
            probes=settings.breaker_half_open_probes,
        )
        client = build_client(
            settings,
            last_resort=StubLastResort() if last_resort == "stub" else last_resort,
            breakers=breakers or BreakerRegistry(policy),
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        await client.aclose()
