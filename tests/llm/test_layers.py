"""Layered fallback across real upstreams: which layer serves, and why."""

from __future__ import annotations

import asyncio

import pytest

from script_agent.ports.llm import LLMExhausted
from script_agent.testing.llm_upstream import DEFAULT_REPLY, FakeLLMUpstream, Fault, closed_port_url
from tests.llm.conftest import BASE_MODEL, BEAUTY_MODEL, FALLBACK_MODEL, ClientFactory
from tests.llm.support import LAST_RESORT_TEXT, MetricDelta, StubLastResort, collect, request


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_closed_port_retries_then_falls_back_to_ollama(
    make_client: ClientFactory, fallback: FakeLLMUpstream, mode: str
) -> None:
    client = make_client(primary_base_url=closed_port_url())
    metrics = MetricDelta()
    result = (
        await client.generate(request()) if mode == "sync" else (await collect(client.stream(request())))[1]
    )
    assert (result.layer, result.backend, result.model, result.degraded) == (
        "fallback",
        "ollama",
        FALLBACK_MODEL,
        False,
    )
    # primary and primary-general both retried connect errors (1 try + 2 retries each), then Ollama served
    assert (
        metrics("script_agent_llm_retries_total", backend="openai", layer="primary", reason="connect_refused")
        == 2
    )
    assert (
        metrics(
            "script_agent_llm_retries_total",
            backend="openai",
            layer="primary-general",
            reason="connect_refused",
        )
        == 2
    )
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="primary",
            to_layer="primary-general",
            reason="connect_refused",
        )
        == 1
    )
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="primary-general",
            to_layer="fallback",
            reason="connect_refused",
        )
        == 1
    )
    assert [r.model for r in fallback.chat_requests()] == [FALLBACK_MODEL]


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_everything_down_reaches_the_last_resort_marked_degraded(
    make_client: ClientFactory, mode: str
) -> None:
    last = StubLastResort()
    client = make_client(
        primary_base_url=closed_port_url(),
        fallback_base_url=closed_port_url(),
        max_retries=0,
        last_resort=last,
    )
    metrics = MetricDelta()
    if mode == "sync":
        result = await client.generate(request())
    else:
        deltas, result = await collect(client.stream(request()))
        assert "".join(deltas) == LAST_RESORT_TEXT
    assert (result.layer, result.degraded, result.text) == ("template", True, LAST_RESORT_TEXT)
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="fallback",
            to_layer="template",
            reason="connect_refused",
        )
        == 1
    )
    assert last.calls == 1


async def test_no_last_resort_means_exhausted_with_the_layers_tried(make_client: ClientFactory) -> None:
    client = make_client(
        primary_base_url=closed_port_url(),
        fallback_base_url=closed_port_url(),
        max_retries=0,
        last_resort=None,
    )
    with pytest.raises(LLMExhausted) as caught:
        await client.generate(request())
    assert caught.value.layers == ["primary", "primary-general", "fallback"]
    assert not caught.value.timed_out


async def test_request_without_category_model_starts_at_primary_general(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    result = await client.generate(request(category="食品"))
    assert (result.layer, result.model) == ("primary-general", BASE_MODEL)
    assert [r.model for r in primary.chat_requests()] == [BASE_MODEL]


async def test_overall_deadline_skips_remote_layers_and_answers_from_last_resort(
    make_client: ClientFactory, primary: FakeLLMUpstream, fallback: FakeLLMUpstream
) -> None:
    client = make_client(deadline_s=0.5, sync_read_timeout_s=2.0, sync_total_timeout_s=2.0)
    primary.script(Fault.slow_first_byte(1.5))
    loop = asyncio.get_running_loop()
    started = loop.time()
    metrics = MetricDelta()
    result = await client.generate(request())
    assert loop.time() - started < 1.4, "bounded by the deadline, not by the slow upstream"
    assert (result.layer, result.degraded) == ("template", True)
    assert len(primary.chat_requests()) == 1 and fallback.chat_requests() == []
    assert (
        metrics(
            "script_agent_llm_fallbacks_total", from_layer="primary", to_layer="template", reason="deadline"
        )
        == 1
    )


async def test_overall_deadline_without_last_resort_is_a_timed_out_exhaustion(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client(deadline_s=0.4, stream_first_chunk_timeout_s=2.0, last_resort=None)
    primary.script(Fault.slow_first_byte(1.5))
    with pytest.raises(LLMExhausted) as caught:
        await collect(client.stream(request()))
    assert caught.value.timed_out and caught.value.reason == "deadline"


async def test_retry_after_is_honoured_and_a_too_long_one_falls_back(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    primary.script(Fault.http(429, retry_after=0.3))
    await client.generate(request())
    first, second = primary.chat_requests()
    assert second.at - first.at >= 0.28, "waited for the upstream's Retry-After"

    primary.reset()
    primary.script(Fault.http(429, retry_after=30))  # above LLM_RETRY_AFTER_MAX_S: do not wait, fall back
    metrics = MetricDelta()
    result = await client.generate(request("换一个请求"))
    assert result.layer == "primary-general"
    assert [r.model for r in primary.chat_requests()] == [BEAUTY_MODEL, BASE_MODEL]
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="primary",
            to_layer="primary-general",
            reason="rate_limited",
        )
        == 1
    )


async def test_retries_exhausted_on_a_layer_move_on(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    primary.script(Fault.http(502), Fault.http(502), Fault.http(502))
    result = await client.generate(request())
    assert result.layer == "primary-general" and result.text == DEFAULT_REPLY
    assert [r.model for r in primary.chat_requests()] == [BEAUTY_MODEL] * 3 + [BASE_MODEL]
    assert len({r.idempotency_key for r in primary.chat_requests()}) == 1, "one key across retries AND layers"


async def test_in_band_error_in_a_200_sync_body_is_retried(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    primary.script(Fault.in_band_error(), Fault.in_band_error(), Fault.in_band_error())
    result = await client.generate(request())
    assert result.layer == "primary-general"


@pytest.mark.parametrize("proto", ["openai", "ollama"])
async def test_success_counts_tokens_latency_and_ttft(
    make_client: ClientFactory, primary: FakeLLMUpstream, proto: str
) -> None:
    client = make_client(primary_backend=proto)
    metrics = MetricDelta()
    result = await client.generate(request())
    _, streamed = await collect(client.stream(request("流式")))
    chunks = -(-len(DEFAULT_REPLY) // primary.chunk_chars)
    assert result.usage.completion_tokens == streamed.usage.completion_tokens == chunks
    assert metrics("script_agent_llm_tokens_total", backend=proto, kind="prompt") == 22
    assert metrics("script_agent_llm_tokens_total", backend=proto, kind="completion") == 2 * chunks
    assert metrics("script_agent_llm_request_seconds_count", mode="sync", layer="primary") == 1
    assert metrics("script_agent_llm_request_seconds_count", mode="stream", layer="primary") == 1
    assert metrics("script_agent_llm_time_to_first_chunk_seconds_count", layer="primary") == 1
    body = primary.chat_requests()[1].body
    if proto == "openai":
        assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    else:
        assert body["stream"] is True and body["options"]["num_predict"] == 800
